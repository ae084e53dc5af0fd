//! One requirement of a post: its status, section, best score and the closest resume
//! sentences, with the words they share highlighted.

use jobdelta_matching::{Coverage, RequirementReport};
use yew::prelude::*;

use super::HighlightedText;
use crate::format;

/// Properties of [`RequirementRow`].
#[derive(Properties, PartialEq)]
pub struct RequirementRowProps {
    /// The requirement with its evidence.
    pub requirement: RequirementReport,
    /// For each skill it names (as in `requirement.skills`), the resume sentence naming it.
    #[prop_or_default]
    pub named_in: Vec<Option<String>>,
}

/// The machine-readable name of a status (`data-status`, CSS classes).
pub fn status_key(status: Coverage) -> &'static str {
    match status {
        Coverage::Covered => "covered",
        Coverage::Partly => "partly",
        Coverage::Missing => "missing",
    }
}

/// A list item: badge, section, score, the sentence, then its evidence.
#[component]
pub fn RequirementRow(props: &RequirementRowProps) -> Html {
    let r = &props.requirement;
    let key = status_key(r.status);
    // The requirement lights up every word it shares with any evidence shown.
    let mut shared: Vec<String> = r
        .evidence
        .iter()
        .flat_map(|e| e.shared_words.iter().cloned())
        .collect();
    shared.sort();
    shared.dedup();
    let section = match &r.heading {
        Some(heading) if !heading.trim().is_empty() => {
            format!("{} · under “{}”", r.section.label(), heading.trim())
        }
        _ => r.section.label().to_owned(),
    };
    let evidence_label = if r.status == Coverage::Missing {
        "Closest in your resume (too far to count):"
    } else {
        "Your closest sentences:"
    };
    html! {
        <li class={classes!("requirement-row", format!("is-{key}"))} data-testid="requirement-row" data-status={key}>
            <div class="requirement-head">
                <span class={classes!("badge", format!("badge-{key}"))} data-testid="requirement-status">{ r.status.label() }</span>
                <span class="section-label" data-testid="requirement-section">{ section }</span>
                <span class="best-score" title="Cosine similarity to your closest sentence">
                    { "best " }<span data-testid="requirement-score">{ format::score(r.best_score) }</span>
                </span>
            </div>
            <p class="requirement-text" data-testid="requirement-text">
                <HighlightedText text={r.text.clone()} words={shared} />
            </p>
            if !r.skills.skills.is_empty() {
                <p class="skill-check" data-testid="skill-check" data-satisfied={r.skills.satisfied().map_or("", |s| if s { "yes" } else { "no" })}>
                    { if r.skills.any_of { "Names (one is enough): " } else { "Names: " } }
                    { for r.skills.skills.iter().zip(props.named_in.iter().chain(std::iter::repeat(&None))).enumerate().map(|(i, (skill, place))| html! {
                        <>
                            if i > 0 { { ", " } }
                            if let Some(place) = place {
                                <span class="skill-named" data-testid="skill-named" title={format!("Your resume names it in: {place}")}>{ format!("{} ✓", skill.term) }</span>
                            } else {
                                <span class="skill-lacking" data-testid="skill-lacking" title="Your resume never names it">{ format!("{} — not in your resume", skill.term) }</span>
                            }
                        </>
                    }) }
                    if let Some(place) = props.named_in.iter().flatten().next() {
                        <span class="skill-place">{ " · named in " }<q>{ place.clone() }</q></span>
                    }
                </p>
            }
            if !r.evidence.is_empty() {
                <div class="evidence-block">
                    <p class="evidence-label">{ evidence_label }</p>
                    <ol class="evidence-list">
                        { for r.evidence.iter().map(|e| html! {
                            <li class="evidence" data-testid="evidence">
                                <span class="evidence-score" data-testid="evidence-score" title="Cosine similarity">{ format::score(e.score) }</span>
                                <span class="evidence-text">
                                    <HighlightedText text={e.resume_sentence.clone()} words={e.shared_words.clone()} />
                                </span>
                            </li>
                        }) }
                    </ol>
                </div>
            }
        </li>
    }
}
