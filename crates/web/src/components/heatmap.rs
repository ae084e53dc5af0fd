//! One post's requirements × resume sentences similarity heatmap (SVG), rows and columns
//! ordered so blocks show (`pictures::seriate`); hovering or focusing a cell shows both texts
//! and the score; a table of each requirement's closest sentences is the alternative.

use jobdelta_matching::Report;
use yew::prelude::*;

use super::embedding_map::download_svg_element;
use crate::pictures;
use crate::state::{Grid, Shared};

/// Properties of [`Heatmap`].
#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    /// The report the grid belongs to.
    pub report: Shared<Report>,
    /// The post's grid.
    pub grid: Grid,
}

/// Side of a cell, and the room for the axis notes (SVG units).
const CELL: usize = 22;
const PAD: usize = 4;

/// The colour of a similarity: from the surface (low) to the accent (high), by opacity.
fn opacity(per_mille: i16) -> f32 {
    // Similarities of unrelated sentences sit near 0.1–0.2; stretch 0.1..0.8 over the scale.
    ((f32::from(per_mille) / 1000.0 - 0.1) / 0.7).clamp(0.03, 1.0)
}

/// The heatmap with its hover note and table toggle.
#[component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let hover = use_state(|| None::<(usize, usize)>);
    let show_table = use_state(|| false);
    let svg_ref = use_node_ref();
    let grid = &props.grid;
    let report = &props.report;
    let Some(post) = report.posts.get(grid.post) else {
        return html! {};
    };
    let columns = grid.columns;
    let rows = grid.per_mille.len().checked_div(columns).unwrap_or(0);
    if rows == 0 || columns == 0 {
        return html! { <p class="hint">{ "This post has no requirements or the resume no sentences: nothing to draw." }</p> };
    }
    let (row_order, column_order) = pictures::seriate(&grid.per_mille, columns);
    let at = |r: usize, c: usize| grid.per_mille[r * columns + c];
    let requirement = |r: usize| post.requirements.get(r).map_or("", |q| q.text.as_str());
    let sentence = |c: usize| report.resume.get(c).map_or("", |s| s.text.as_str());
    let (width, height) = (columns * CELL + PAD, rows * CELL + PAD);
    let note = (*hover).map(|(r, c)| {
        html! {
            <p class="heat-note" data-testid="heatmap-note" role="status">
                <strong>{ format!("{:.2}", f32::from(at(r, c)) / 1000.0) }</strong>
                { " · requirement: " }<q>{ requirement(r) }</q>
                { " · your sentence: " }<q>{ sentence(c) }</q>
            </p>
        }
    });
    let on_toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    let on_svg = {
        let svg_ref = svg_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                download_svg_element(&svg, "jobdelta-heatmap.svg");
            }
        })
    };
    html! {
        <div class="heatmap">
            <p class="hint">{ format!(
                "{} requirements (rows) × {} of your sentences (columns), darker = more alike; ordered so each requirement sits by the sentences that answer it.",
                rows, columns) }</p>
            <div class="heat-scroll">
                <svg ref={svg_ref} data-testid="heatmap" data-post={grid.post.to_string()} data-rows={rows.to_string()} data-columns={columns.to_string()}
                    viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
                    role="img" aria-label={format!("Similarity heatmap of {} requirements and {} resume sentences; the table lists the closest pairs.", rows, columns)}
                    onmouseleave={{ let hover = hover.clone(); Callback::from(move |_: MouseEvent| hover.set(None)) }}>
                    { for row_order.iter().enumerate().flat_map(|(y, &r)| {
                        let hover = hover.clone();
                        column_order.iter().enumerate().map(move |(x, &c)| {
                            let hover = hover.clone();
                            let value = at(r, c);
                            html! {
                                <rect x={(x * CELL + PAD / 2).to_string()} y={(y * CELL + PAD / 2).to_string()}
                                    width={(CELL - 1).to_string()} height={(CELL - 1).to_string()}
                                    fill="#2f5bd3" fill-opacity={format!("{:.2}", opacity(value))}
                                    onmouseover={Callback::from(move |_: MouseEvent| hover.set(Some((r, c))))}>
                                    <title>{ format!("{:.2}: {} ↔ {}", f32::from(value) / 1000.0, requirement(r), sentence(c)) }</title>
                                </rect>
                            }
                        }).collect::<Vec<_>>()
                    }) }
                </svg>
            </div>
            { for note }
            <div class="map-controls">
                <button type="button" class="secondary" data-testid="heatmap-svg" onclick={on_svg}>{ "Save SVG" }</button>
                <button type="button" class="secondary" data-testid="heatmap-table-toggle"
                    aria-expanded={show_table.to_string()} aria-controls="heatmap-table" onclick={on_toggle}>
                    { if *show_table { "Hide table" } else { "Show as table" } }
                </button>
            </div>
            if *show_table {
                <div class="table-scroll">
                    <table class="picture-table" id="heatmap-table" data-testid="heatmap-table">
                        <caption>{ format!("{}: each requirement's three closest sentences", post.title) }</caption>
                        <thead><tr><th scope="col">{ "Requirement" }</th><th scope="col">{ "Closest sentences (similarity)" }</th></tr></thead>
                        <tbody>
                            { for row_order.iter().map(|&r| {
                                let mut best: Vec<usize> = (0..columns).collect();
                                best.sort_by_key(|&c| std::cmp::Reverse(at(r, c)));
                                html! { <tr><td>{ requirement(r) }</td><td><ol>
                                    { for best.iter().take(3).map(|&c| html! {
                                        <li>{ format!("{} ({:.2})", sentence(c), f32::from(at(r, c)) / 1000.0) }</li>
                                    }) }
                                </ol></td></tr> }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}
