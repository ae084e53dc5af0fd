//! Two charts of the report drawn as SVG: how the posts' fits spread, with the person's marks
//! on it, and the skills the posts ask for against those the resume names. Each has a table
//! behind a toggle and a Save SVG button.

use jobdelta_matching::Report;
use yew::prelude::*;

use super::embedding_map::download_svg_element;
use crate::state::Shared;
use crate::{format, pictures};

/// Properties of [`Charts`].
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The report charted.
    pub report: Shared<Report>,
}

/// Slices of the fit scale in the histogram.
const BINS: usize = 10;
/// Skills shown in the bar chart (the table lists them all).
const TOP_SKILLS: usize = 20;
/// Colours (Okabe-Ito): named in the resume, not named; marked fit, not for me.
const NAMED: &str = "#009E73";
const NOT_NAMED: &str = "#D55E00";

/// A "Show as table" toggle and a "Save SVG" button for one chart.
fn chart_controls(
    show: &UseStateHandle<bool>,
    svg: &NodeRef,
    name: &'static str,
    testid: &'static str,
) -> Html {
    let on_toggle = {
        let show = show.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    let on_svg = {
        let svg = svg.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = svg.cast::<web_sys::Element>() {
                download_svg_element(&element, name);
            }
        })
    };
    html! {
        <div class="map-controls">
            <button type="button" class="secondary" onclick={on_svg}>{ "Save SVG" }</button>
            <button type="button" class="secondary" data-testid={format!("{testid}-table-toggle")}
                aria-expanded={show.to_string()} aria-controls={format!("{testid}-table")} onclick={on_toggle}>
                { if **show { "Hide table" } else { "Show as table" } }
            </button>
        </div>
    }
}

/// Both charts.
#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let report = &props.report;
    let fit_table = use_state(|| false);
    let skills_table = use_state(|| false);
    let fit_svg = use_node_ref();
    let skills_svg = use_node_ref();

    // The fit histogram: bars per tenth, the posts as ticks below, marked ones as triangles.
    // Fits run from 0 to 100; the histogram and the axis work on 0..=1.
    let fits: Vec<f32> = report.posts.iter().map(|p| p.fit / 100.0).collect();
    let counts = pictures::histogram(&fits, BINS);
    let tallest = counts.iter().copied().max().unwrap_or(0).max(1);
    let (width, plot, base) = (440.0_f32, 140.0_f32, 160.0_f32);
    let bar = (width - 40.0) / BINS as f32;
    let x_of = |fit: f32| 20.0 + fit.clamp(0.0, 1.0) * (width - 40.0);
    let mut ranked: Vec<usize> = (0..report.posts.len()).collect();
    ranked.sort_by(|&a, &b| report.posts[b].fit.total_cmp(&report.posts[a].fit));

    let skills = pictures::skill_demand(report);
    let most = skills.first().map_or(1, |s| s.posts.max(1));
    let shown = skills.len().min(TOP_SKILLS);
    let (label_width, bar_room, row) = (150.0_f32, 250.0_f32, 18.0_f32);
    html! {
        <div class="charts">
            <figure class="chart">
                <figcaption>{ "How well the posts fit you, 0–100 (a tick per post; your marks: ▲ fit, ▼ not for me)" }</figcaption>
                <svg ref={fit_svg.clone()} xmlns="http://www.w3.org/2000/svg" data-testid="fit-chart" viewBox={format!("0 0 {width} 200")}
                    width={width.to_string()} height="200" role="img" font-family="sans-serif" font-size="11"
                    aria-label={format!("Histogram of {} posts' fits; the table lists them.", report.posts.len())}>
                    { for counts.iter().enumerate().map(|(i, &count)| {
                        let h = plot * count as f32 / tallest as f32;
                        html! { <rect x={format!("{:.1}", 20.0 + i as f32 * bar + 1.0)} y={format!("{:.1}", base - h)}
                            width={format!("{:.1}", bar - 2.0)} height={format!("{h:.1}")} fill="#56B4E9">
                            <title>{ format!("{} posts with a fit of {}–{}", count, 100 * i / BINS, 100 * (i + 1) / BINS) }</title>
                        </rect> }
                    }) }
                    <line x1="20" x2={(width - 20.0).to_string()} y1={base.to_string()} y2={base.to_string()} stroke="currentColor" />
                    { for report.posts.iter().map(|p| {
                        let x = x_of(p.fit / 100.0);
                        let (shape, colour) = match p.mark {
                            Some(true) => (format!("M{x:.1} 166 l5 9 h-10 z"), NAMED),
                            Some(false) => (format!("M{x:.1} 175 l5 -9 h-10 z"), NOT_NAMED),
                            None => (format!("M{x:.1} 164 v10"), "currentColor"),
                        };
                        html! { <path d={shape} fill={colour} stroke={colour}><title>{ format!("{}: fit {}", p.title, format::fit(p.fit)) }</title></path> }
                    }) }
                    { for [0.0_f32, 0.5, 1.0].iter().map(|&t| html! {
                        <text x={format!("{:.1}", x_of(t))} y="192" text-anchor="middle" fill="currentColor">{ format!("{:.0}", t * 100.0) }</text>
                    }) }
                </svg>
                { chart_controls(&fit_table, &fit_svg, "jobdelta-fits.svg", "fit-chart") }
                if *fit_table {
                    <table class="picture-table" id="fit-chart-table" data-testid="fit-chart-table">
                        <caption>{ "Posts by fit" }</caption>
                        <thead><tr><th scope="col">{ "Post" }</th><th scope="col">{ "Fit" }</th><th scope="col">{ "Your mark" }</th></tr></thead>
                        <tbody>{ for ranked.iter().map(|&i| {
                            let p = &report.posts[i];
                            let mark = match p.mark { Some(true) => "fit", Some(false) => "not for me", None => "" };
                            html! { <tr><td>{ p.title.clone() }</td><td class="num">{ format::fit(p.fit) }</td><td>{ mark }</td></tr> }
                        }) }</tbody>
                    </table>
                }
            </figure>
            <figure class="chart">
                <figcaption>{ "Skills the posts ask for, most asked first (green: your resume names it)" }</figcaption>
                if skills.is_empty() {
                    <p class="hint">{ "The posts' requirements name no skill the gazetteer knows." }</p>
                } else {
                    <svg ref={skills_svg.clone()} xmlns="http://www.w3.org/2000/svg" data-testid="skills-chart" role="img" font-family="sans-serif" font-size="11"
                        viewBox={format!("0 0 {} {}", label_width + bar_room + 30.0, row * shown as f32 + 4.0)}
                        width={(label_width + bar_room + 30.0).to_string()} height={(row * shown as f32 + 4.0).to_string()}
                        aria-label={format!("Bars of the {shown} skills most asked for; the table lists all {}.", skills.len())}>
                        { for skills.iter().take(shown).enumerate().map(|(i, s)| {
                            let y = row * i as f32 + 2.0;
                            let w = bar_room * s.posts as f32 / most as f32;
                            let colour = if s.in_resume { NAMED } else { NOT_NAMED };
                            html! { <g>
                                <text x={(label_width - 6.0).to_string()} y={format!("{:.1}", y + 12.0)} text-anchor="end" fill="currentColor">{ s.term.clone() }</text>
                                <rect x={label_width.to_string()} y={format!("{y:.1}")} width={format!("{w:.1}")} height={(row - 4.0).to_string()} fill={colour}>
                                    <title>{ format!("{}: {} posts; {}", s.term, s.posts, if s.in_resume { "your resume names it" } else { "your resume does not name it" }) }</title>
                                </rect>
                                <text x={format!("{:.1}", label_width + w + 4.0)} y={format!("{:.1}", y + 12.0)} fill="currentColor">{ s.posts.to_string() }</text>
                            </g> }
                        }) }
                    </svg>
                    { chart_controls(&skills_table, &skills_svg, "jobdelta-skills.svg", "skills-chart") }
                    if *skills_table {
                        <table class="picture-table" id="skills-chart-table" data-testid="skills-chart-table">
                            <caption>{ "Skills the posts ask for" }</caption>
                            <thead><tr><th scope="col">{ "Skill" }</th><th scope="col">{ "Posts asking" }</th><th scope="col">{ "In your resume" }</th></tr></thead>
                            <tbody>{ for skills.iter().map(|s| html! {
                                <tr><td>{ s.term.clone() }</td><td class="num">{ s.posts }</td><td>{ if s.in_resume { "yes" } else { "no" } }</td></tr>
                            }) }</tbody>
                        </table>
                    }
                }
            </figure>
        </div>
    }
}
