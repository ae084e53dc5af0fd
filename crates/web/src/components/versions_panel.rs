//! "Your resume over time": save the resume as it is now as a version, and compare the saved
//! versions against the same posts — per post the fit and requirements covered under each
//! version, a chart of the fits across versions, and what each version newly covers or no
//! longer covers (the numbers `jobdelta progress` prints).

use std::rc::Rc;

use jobdelta_matching::progress::Progress;
use yew::prelude::*;

use crate::format;
use crate::state::VersionsState;
use crate::workspace::SavedVersion;

/// Colours of the chart's lines (Okabe–Ito, told apart with colour blindness), by post.
const LINE_COLOURS: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

/// Properties of [`VersionsPanel`].
#[derive(Properties, PartialEq)]
pub struct VersionsPanelProps {
    /// The saved versions, oldest first.
    pub versions: Vec<SavedVersion>,
    /// A note about the versions (saved, refused…).
    pub notice: Option<AttrValue>,
    /// The comparison's state.
    pub state: Rc<VersionsState>,
    /// Why Compare is disabled.
    pub compare_blocker: Option<AttrValue>,
    /// Save the resume as a version with this name (blank: the time).
    pub on_save: Callback<String>,
    /// Remove the version at this index.
    pub on_remove: Callback<usize>,
    /// Compare the versions.
    pub on_compare: Callback<()>,
}

/// The versions list, the save and compare buttons, and the comparison.
#[component]
pub fn VersionsPanel(props: &VersionsPanelProps) -> Html {
    let name = use_state(String::new);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
        })
    };
    let on_save = {
        let (name, on_save) = (name.clone(), props.on_save.clone());
        Callback::from(move |_| {
            on_save.emit((*name).clone());
            name.set(String::new());
        })
    };
    let on_compare = props.on_compare.reform(|_| ());
    html! {
        <section class="panel versions-panel" aria-labelledby="versions-heading" data-testid="versions-panel">
            <h2 id="versions-heading">{ "Your resume over time" }</h2>
            <p class="hint">
                { "Save your resume as a version each time you rework it; compare the versions against the same posts to see what each change covers — or no longer covers." }
            </p>
            <div class="version-save">
                <label for="version-name">{ "Name of this version (optional)" }</label>
                <input id="version-name" type="text" data-testid="version-name" placeholder="e.g. after the Kafka project"
                    value={(*name).clone()} oninput={on_name} />
                <button type="button" class="button" data-testid="save-version" onclick={on_save}>{ "Save this resume as a version" }</button>
            </div>
            if let Some(notice) = &props.notice {
                <p class="notice" role="status" data-testid="versions-notice">{ notice.clone() }</p>
            }
            if !props.versions.is_empty() {
                <ol class="version-list">
                    { for props.versions.iter().enumerate().map(|(i, v)| {
                        let on_remove = props.on_remove.reform(move |_| i);
                        let words = v.text.split_whitespace().count();
                        html! {
                            <li class="version-row" data-testid="resume-version" data-label={v.label.clone()}>
                                <strong>{ v.label.clone() }</strong>
                                <span class="hint">{ format!(" · saved {} · {words} words", v.saved_at) }</span>
                                <button type="button" class="button button-quiet" data-testid="version-remove"
                                    aria-label={format!("Remove the version {}", v.label)} onclick={on_remove}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="compare-bar">
                <button type="button" class="button button-primary" data-testid="compare-versions" disabled={props.compare_blocker.is_some()} onclick={on_compare}>
                    { "Compare versions" }
                </button>
                if let Some(blocker) = &props.compare_blocker {
                    <span class="hint" data-testid="compare-versions-hint">{ blocker.clone() }</span>
                }
            </div>
            if let Some(error) = &props.state.error {
                <p class="problem" role="alert" data-testid="versions-error">{ error.clone() }</p>
            }
            if let Some(progress) = &props.state.progress {
                { progress_view(progress, props.state.elapsed_ms) }
            }
        </section>
    }
}

/// The comparison: the table of fits, the chart, the changes.
fn progress_view(progress: &Progress, elapsed_ms: u64) -> Html {
    let Some(first) = progress.versions.first() else {
        return html! {};
    };
    html! {
        <div class="progress-view" data-testid="progress-view">
            <p class="hint">{ format!("{} versions against {} posts, compared in {:.1} s. Fit 0–100, with the requirements covered in brackets.",
                progress.versions.len(), first.posts.len(), elapsed_ms as f64 / 1000.0) }</p>
            <div class="table-scroll">
                <table class="progress-table">
                    <thead><tr>
                        <th scope="col">{ "Post" }</th>
                        { for progress.versions.iter().map(|v| html! { <th scope="col">{ v.label.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for first.posts.iter().enumerate().map(|(i, post)| html! {
                            <tr data-testid="progress-row" data-title={post.title.clone()}>
                                <th scope="row">{ post.title.clone() }</th>
                                { for progress.versions.iter().filter_map(|v| v.posts.get(i)).map(|p| html! {
                                    <td data-testid="progress-cell" data-fit={format::fit(p.fit)} data-covered={p.covered.to_string()}>
                                        { format!("{} ({})", format::fit(p.fit), p.covered) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            { fit_chart(progress) }
            if progress.changes.is_empty() {
                <p class="hint" data-testid="no-progress-change">{ "No requirement changed status between your versions." }</p>
            } else {
                <ul class="progress-changes">
                    { for progress.changes.iter().map(|c| html! {
                        <li data-testid="progress-change" data-title={c.title.clone()}>
                            <strong>{ c.title.clone() }</strong>
                            <span class="hint">{ format!(" · {} → {}", c.from, c.to) }</span>
                            <ul>
                                { for c.newly_covered.iter().map(|r| html! {
                                    <li class="newly-covered" data-testid="newly-covered">{ "+ now covered: " }{ r.clone() }</li>
                                }) }
                                { for c.no_longer_covered.iter().map(|r| html! {
                                    <li class="no-longer-covered" data-testid="no-longer-covered">{ "− no longer covered: " }{ r.clone() }</li>
                                }) }
                            </ul>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// Each post's fit across the versions, one line per post.
fn fit_chart(progress: &Progress) -> Html {
    let Some(first) = progress.versions.first() else {
        return html! {};
    };
    let versions = progress.versions.len();
    let posts = first.posts.len();
    let (width, height, left, right, top, bottom) = (560.0_f32, 220.0_f32, 36.0, 16.0, 12.0, 40.0);
    let x_of = |i: usize| {
        left + (width - left - right) * i as f32 / (versions.saturating_sub(1).max(1)) as f32
    };
    let y_of = |fit: f32| top + (height - top - bottom) * (1.0 - fit.clamp(0.0, 100.0) / 100.0);
    html! {
        <figure class="chart progress-chart">
            <figcaption>{ "Fit per post across your versions (oldest left)" }</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" data-testid="progress-chart" viewBox={format!("0 0 {width} {height}")}
                width={width.to_string()} height={height.to_string()} role="img" font-family="sans-serif" font-size="11"
                aria-label={format!("The fits of {posts} posts across {versions} versions; the table above lists them.")}>
                { for [0.0_f32, 50.0, 100.0].iter().map(|&f| html! {
                    <>
                        <line x1={left.to_string()} x2={(width - right).to_string()} y1={format!("{:.1}", y_of(f))} y2={format!("{:.1}", y_of(f))}
                            stroke="currentColor" stroke-opacity="0.2" />
                        <text x={(left - 6.0).to_string()} y={format!("{:.1}", y_of(f) + 4.0)} text-anchor="end" fill="currentColor">{ format!("{f:.0}") }</text>
                    </>
                }) }
                { for progress.versions.iter().enumerate().map(|(i, v)| {
                    // The end labels hang inwards so they are not cut at the chart's edges.
                    let anchor = match i {
                        0 => "start",
                        i if i + 1 == versions => "end",
                        _ => "middle",
                    };
                    html! {
                        <text x={format!("{:.1}", x_of(i))} y={(height - bottom + 18.0).to_string()} text-anchor={anchor} fill="currentColor">
                            { shorten(&v.label, 18) }
                        </text>
                    }
                }) }
                { for (0..posts).map(|p| {
                    let colour = LINE_COLOURS[p % LINE_COLOURS.len()];
                    let points: Vec<(f32, f32, f32)> = progress.versions.iter().enumerate()
                        .filter_map(|(i, v)| v.posts.get(p).map(|post| (x_of(i), y_of(post.fit), post.fit)))
                        .collect();
                    let path = points.iter().map(|(x, y, _)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
                    let title = first.posts.get(p).map(|post| post.title.clone()).unwrap_or_default();
                    html! {
                        <g data-testid="progress-line">
                            <polyline points={path} fill="none" stroke={colour} stroke-width="2" />
                            { for points.iter().map(|(x, y, fit)| html! {
                                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="3.5" fill={colour}>
                                    <title>{ format!("{title}: fit {}", format::fit(*fit)) }</title>
                                </circle>
                            }) }
                        </g>
                    }
                }) }
            </svg>
            <ul class="chart-legend" data-testid="progress-legend">
                { for first.posts.iter().enumerate().map(|(p, post)| html! {
                    <li>
                        <span class="swatch" style={format!("background:{}", LINE_COLOURS[p % LINE_COLOURS.len()])} aria-hidden="true"></span>
                        { post.title.clone() }
                    </li>
                }) }
            </ul>
        </figure>
    }
}

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
