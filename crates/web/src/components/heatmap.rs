//! Similarity heatmaps (SVG), rows and columns ordered so blocks show (`pictures::seriate`);
//! hovering or focusing a cell shows both texts and the score; a table of each row's closest
//! columns is the alternative. Two of them: one post's requirements × resume sentences
//! ([`Heatmap`]) and the person's stories × the posts ([`StoryHeatmap`]), both drawn by one
//! [`HeatGrid`].

use jobdelta_interview::Interview;
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

/// One post's requirements × resume sentences.
#[component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let grid = &props.grid;
    let report = &props.report;
    let Some(post) = report.posts.get(grid.post) else {
        return html! {};
    };
    let rows: Vec<String> = post.requirements.iter().map(|q| q.text.clone()).collect();
    let columns: Vec<String> = report.resume.iter().map(|s| s.text.clone()).collect();
    if grid.columns == 0
        || grid.per_mille.len() != rows.len() * grid.columns
        || columns.len() != grid.columns
    {
        return html! { <p class="hint">{ "This post has no requirements or the resume no sentences: nothing to draw." }</p> };
    }
    html! {
        <HeatGrid testid="heatmap" file_name="jobdelta-heatmap.svg" post={Some(grid.post)}
            rows={Shared::new(rows)} columns={Shared::new(columns)} per_mille={grid.per_mille.clone()}
            row_noun="requirement" column_noun="your sentence"
            hint={format!("{} requirements (rows) × {} of your sentences (columns), darker = more alike; ordered so each requirement sits by the sentences that answer it.", post.requirements.len(), grid.columns)}
            table_caption={format!("{}: each requirement's three closest sentences", post.title)}
            table_heading="Closest sentences (similarity)" />
    }
}

/// Properties of [`StoryHeatmap`].
#[derive(Properties, PartialEq)]
pub struct StoryHeatmapProps {
    /// The interview: the stories and their fit to each post.
    pub interview: Shared<Interview>,
}

/// The person's stories (with statements) × the posts: which stories carry which posts, by
/// [`Interview::story_fit`].
#[component]
pub fn StoryHeatmap(props: &StoryHeatmapProps) -> Html {
    let interview = &props.interview;
    let stories: Vec<usize> = (0..interview.stories.len())
        .filter(|&s| interview.stories[s].has_statements())
        .collect();
    if stories.is_empty() || interview.posts.is_empty() {
        return html! { <p class="hint" data-testid="story-heatmap-empty">{ "No stories with sentences, or no posts: nothing to draw." }</p> };
    }
    let rows: Vec<String> = stories
        .iter()
        .map(|&s| interview.stories[s].title.clone())
        .collect();
    let columns: Vec<String> = interview.posts.iter().map(|p| p.title.clone()).collect();
    let per_mille: Vec<i16> = stories
        .iter()
        .flat_map(|&s| (0..interview.posts.len()).map(move |p| (s, p)))
        .map(|(s, p)| (interview.story_fit(Some(p), s) * 1000.0).round() as i16)
        .collect();
    html! {
        <HeatGrid testid="story-heatmap" file_name="jobdelta-stories-posts.svg" post={None::<usize>}
            rows={Shared::new(rows)} columns={Shared::new(columns)} per_mille={Shared::new(per_mille)}
            row_noun="story" column_noun="post"
            hint={format!("{} of your stories (rows) × {} posts (columns), darker = the story's two best sentences are closer to the post's requirements.", stories.len(), interview.posts.len())}
            table_caption="Each story's three best-fitting posts"
            table_heading="Best posts (fit)" labelled=true />
    }
}

/// Properties of [`HeatGrid`].
#[derive(Properties, PartialEq)]
pub struct HeatGridProps {
    /// The SVG's `data-testid`, and the table's (`{testid}-table`) and controls'.
    pub testid: &'static str,
    /// The name of the SVG download.
    pub file_name: &'static str,
    /// The post shown, for the SVG's `data-post` (a per-post grid).
    pub post: Option<usize>,
    /// Row texts.
    pub rows: Shared<Vec<String>>,
    /// Column texts.
    pub columns: Shared<Vec<String>>,
    /// Similarities × 1000, row by row (`rows × columns`).
    pub per_mille: Shared<Vec<i16>>,
    /// What a row is ("requirement"), in the hover note.
    pub row_noun: &'static str,
    /// What a column is ("your sentence").
    pub column_noun: &'static str,
    /// The line above the picture.
    pub hint: String,
    /// The table's caption.
    pub table_caption: String,
    /// The table's second heading.
    pub table_heading: &'static str,
    /// Whether rows and columns are named beside the grid (short texts: story and post
    /// titles; sentences are too long, their hover note and table name them).
    #[prop_or_default]
    pub labelled: bool,
}

/// Room for the row names on the left and the slanted column names on top, when labelled.
const LABEL_LEFT: usize = 210;
const LABEL_TOP: usize = 120;
/// Characters of a name shown beside the grid (the whole name is in its tooltip).
const LABEL_CHARS: usize = 30;

/// `text` cut to [`LABEL_CHARS`] characters, with an ellipsis when cut.
fn short(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A heatmap with its hover note, SVG download and table toggle.
#[component]
pub fn HeatGrid(props: &HeatGridProps) -> Html {
    let hover = use_state(|| None::<(usize, usize)>);
    let show_table = use_state(|| false);
    let svg_ref = use_node_ref();
    let columns = props.columns.len();
    let rows = props.rows.len();
    if rows == 0 || columns == 0 || props.per_mille.len() != rows * columns {
        return html! {};
    }
    let per_mille = &props.per_mille;
    let (row_order, column_order) = pictures::seriate(per_mille, columns);
    let at = |r: usize, c: usize| per_mille[r * columns + c];
    let row_text = |r: usize| props.rows.get(r).map_or("", String::as_str);
    let column_text = |c: usize| props.columns.get(c).map_or("", String::as_str);
    let (left, top) = if props.labelled {
        (LABEL_LEFT, LABEL_TOP)
    } else {
        (0, 0)
    };
    // The slanted column names reach right of the grid by about their height.
    let (width, height) = (left + columns * CELL + PAD + top, top + rows * CELL + PAD);
    let testid = props.testid;
    let labels = props.labelled.then(|| {
        html! {
            <g class="heat-labels" fill="currentColor" font-size="12">
                { for row_order.iter().enumerate().map(|(y, &r)| html! {
                    <text x={(left - 6).to_string()} y={(top + y * CELL + PAD / 2 + CELL / 2 + 4).to_string()} text-anchor="end">
                        <title>{ row_text(r) }</title>{ short(row_text(r)) }
                    </text>
                }) }
                { for column_order.iter().enumerate().map(|(x, &c)| {
                    let (cx, cy) = (left + x * CELL + PAD / 2 + CELL / 2, top - 6);
                    html! {
                        <text x={cx.to_string()} y={cy.to_string()} transform={format!("rotate(-45 {cx} {cy})")}>
                            <title>{ column_text(c) }</title>{ short(column_text(c)) }
                        </text>
                    }
                }) }
            </g>
        }
    });
    let note = (*hover).map(|(r, c)| {
        html! {
            <p class="heat-note" data-testid={format!("{testid}-note")} role="status">
                <strong>{ format!("{:.2}", f32::from(at(r, c)) / 1000.0) }</strong>
                { format!(" · {}: ", props.row_noun) }<q>{ row_text(r) }</q>
                { format!(" · {}: ", props.column_noun) }<q>{ column_text(c) }</q>
            </p>
        }
    });
    let on_toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    let on_svg = {
        let (svg_ref, name) = (svg_ref.clone(), props.file_name);
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                download_svg_element(&svg, name);
            }
        })
    };
    let table_id = format!("{testid}-table");
    html! {
        <div class="heatmap">
            <p class="hint">{ props.hint.clone() }</p>
            <div class="heat-scroll">
                <svg ref={svg_ref} data-testid={testid} data-post={props.post.map(|p| p.to_string())} data-rows={rows.to_string()} data-columns={columns.to_string()}
                    viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
                    role="img" aria-label={format!("Heatmap of {rows} rows ({}s) and {columns} columns ({}s); the table lists the closest pairs.", props.row_noun, props.column_noun)}
                    onmouseleave={{ let hover = hover.clone(); Callback::from(move |_: MouseEvent| hover.set(None)) }}>
                    { for labels }
                    { for row_order.iter().enumerate().flat_map(|(y, &r)| {
                        let hover = hover.clone();
                        column_order.iter().enumerate().map(move |(x, &c)| {
                            let hover = hover.clone();
                            let value = at(r, c);
                            html! {
                                <rect x={(left + x * CELL + PAD / 2).to_string()} y={(top + y * CELL + PAD / 2).to_string()}
                                    width={(CELL - 1).to_string()} height={(CELL - 1).to_string()}
                                    fill="#2f5bd3" fill-opacity={format!("{:.2}", opacity(value))}
                                    onmouseover={Callback::from(move |_: MouseEvent| hover.set(Some((r, c))))}>
                                    <title>{ format!("{:.2}: {} ↔ {}", f32::from(value) / 1000.0, row_text(r), column_text(c)) }</title>
                                </rect>
                            }
                        }).collect::<Vec<_>>()
                    }) }
                </svg>
            </div>
            { for note }
            <div class="map-controls">
                <button type="button" class="secondary" data-testid={format!("{testid}-svg")} onclick={on_svg}>{ "Save SVG" }</button>
                <button type="button" class="secondary" data-testid={format!("{testid}-table-toggle")}
                    aria-expanded={show_table.to_string()} aria-controls={table_id.clone()} onclick={on_toggle}>
                    { if *show_table { "Hide table" } else { "Show as table" } }
                </button>
            </div>
            if *show_table {
                <div class="table-scroll">
                    <table class="picture-table" id={table_id.clone()} data-testid={table_id.clone()}>
                        <caption>{ props.table_caption.clone() }</caption>
                        <thead><tr><th scope="col">{ capitalised(props.row_noun) }</th><th scope="col">{ props.table_heading }</th></tr></thead>
                        <tbody>
                            { for row_order.iter().map(|&r| {
                                let mut best: Vec<usize> = (0..columns).collect();
                                best.sort_by_key(|&c| std::cmp::Reverse(at(r, c)));
                                html! { <tr><td>{ row_text(r) }</td><td><ol>
                                    { for best.iter().take(3).map(|&c| html! {
                                        <li>{ format!("{} ({:.2})", column_text(c), f32::from(at(r, c)) / 1000.0) }</li>
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

/// "requirement" → "Requirement", for a table heading.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
