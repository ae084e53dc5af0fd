//! The report's summary across all posts: must-have coverage, top gaps, missing skills,
//! strongest posts.

use jobdelta_matching::{Gap, Report};
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

/// Gaps listed before "n more".
const GAPS_SHOWN: usize = 5;

/// Missing terms listed across posts.
const TERM_GAPS_SHOWN: usize = 8;

/// Properties of [`SummaryView`].
#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    /// The report.
    pub report: Shared<Report>,
    /// Open a post's requirements.
    pub on_select: Callback<usize>,
}

/// Four short blocks.
#[component]
pub fn SummaryView(props: &SummaryViewProps) -> Html {
    let report = &props.report;
    let s = &report.summary;
    let posts = report.posts.len();
    let title = |i: usize| {
        report
            .posts
            .get(i)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    let gap_item = |gap: &Gap| {
        let asked_by: Vec<String> = gap.posts.iter().map(|&i| title(i)).collect();
        html! {
            <li data-testid="gap">
                <span class="gap-text">{ gap.requirement.clone() }</span>
                <span class="gap-meta">
                    { format!(
                        "{} · asked by {}{}",
                        gap.section.label(),
                        format::count(gap.posts.len(), "post", "posts"),
                        if posts > 1 { format!(" ({})", asked_by.join(", ")) } else { String::new() }
                    ) }
                </span>
            </li>
        }
    };
    html! {
        <section class="summary" data-testid="summary" aria-label="Summary">
            <div class="summary-block">
                <h3>{ "Must-haves" }</h3>
                if s.must_haves == 0 {
                    <p data-testid="summary-must-haves">
                        { "None of your posts has a must-have section; their requirements count as general (0.6)." }
                    </p>
                } else {
                    <p data-testid="summary-must-haves">
                        <strong>{ format!("{} of {}", s.must_haves_covered, s.must_haves) }</strong>
                        { format!(
                            " covered, {} partly, across {}.",
                            s.must_haves_partly,
                            format::count(posts, "post", "posts")
                        ) }
                    </p>
                    <div class="stacked-bar" aria-hidden="true">
                        <span class="bar-covered" style={format!("width: {:.1}%", 100.0 * s.must_haves_covered as f32 / s.must_haves as f32)}></span>
                        <span class="bar-partly" style={format!("width: {:.1}%", 100.0 * s.must_haves_partly as f32 / s.must_haves as f32)}></span>
                    </div>
                }
            </div>
            <div class="summary-block">
                <h3>{ "Top gaps" }</h3>
                if s.top_gaps.is_empty() {
                    <p class="hint">{ "No gaps: your resume speaks to every requirement." }</p>
                } else {
                    <ol class="gaps" data-testid="top-gaps">
                        { for s.top_gaps.iter().take(GAPS_SHOWN).map(gap_item) }
                    </ol>
                    if s.top_gaps.len() > GAPS_SHOWN {
                        <details class="more-gaps">
                            <summary>{ format!("{} more", s.top_gaps.len() - GAPS_SHOWN) }</summary>
                            <ol class="gaps" start={(GAPS_SHOWN + 1).to_string()}>
                                { for s.top_gaps.iter().skip(GAPS_SHOWN).map(gap_item) }
                            </ol>
                        </details>
                    }
                }
            </div>
            <div class="summary-block" data-testid="term-gaps">
                <h3>{ "Missing skills" }</h3>
                <p class="explain-line" data-testid="explain-term-gaps">
                    { "Skills and tools your posts name that your resume never does, the ones most posts require first." }
                </p>
                if report.term_gaps.is_empty() {
                    <p class="hint">{
                        if report.posts.iter().any(|p| p.skills_named > 0) {
                            "Your resume names every skill and tool your posts name (where a requirement offers alternatives, one of them)."
                        } else {
                            "Your posts name no skill or tool jobdelta knows: their requirements are checked by meaning only."
                        }
                    }</p>
                } else {
                    <ol class="gaps">
                        { for report.term_gaps.iter().take(TERM_GAPS_SHOWN).map(|g| html! {
                            <li data-testid="term-gap">
                                <span class="gap-text">{ g.term.clone() }</span>
                                <span class="gap-meta">
                                    { format!(
                                        " · asked by {}{}",
                                        format::count(g.posts.len(), "post", "posts"),
                                        if g.must_have_posts > 0 { format!(", a must-have in {}", g.must_have_posts) } else { String::new() }
                                    ) }
                                </span>
                            </li>
                        }) }
                    </ol>
                }
                <p class="attribution">{ report.gazetteer_attribution.clone() }</p>
            </div>
            <div class="summary-block">
                <h3>{ "Strongest posts" }</h3>
                <ol class="strongest" data-testid="strongest-posts">
                    { for s.strongest_posts.iter().map(|&i| {
                        let on_select = props.on_select.clone();
                        let fit = report.posts.get(i).map(|p| format::fit(p.fit)).unwrap_or_default();
                        html! {
                            <li>
                                <button type="button" class="link-button" onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>
                                    { title(i) }
                                </button>
                                { format!(" — {fit}") }
                            </li>
                        }
                    }) }
                </ol>
                if s.unmatched_resume_sentences > 0 {
                    <p class="hint">
                        { format!(
                            "{} of your resume are near nothing these posts ask for (see “Your sentences”).",
                            format::count(s.unmatched_resume_sentences, "sentence", "sentences")
                        ) }
                    </p>
                }
            </div>
        </section>
    }
}
