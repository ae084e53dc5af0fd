//! "Terms the post asks for that your resume never mentions": skills and technology names of
//! one post missing from the resume, with the resume sentences closest to them.

use jobdelta_matching::MissingTerm;
use yew::prelude::*;

use crate::format;

/// Properties of [`MissingTerms`].
#[derive(Properties, PartialEq)]
pub struct MissingTermsProps {
    /// The post's missing terms, most important first.
    pub terms: Vec<MissingTerm>,
    /// How many distinct skills and tools the post names at all.
    pub skills_named: usize,
    /// The skill lists' attribution (ESCO, skill-extractor).
    pub attribution: String,
}

/// What to say when no term is missing: true only when the post names some.
fn all_named(skills_named: usize) -> String {
    match skills_named {
        0 => "This post names no skill or tool jobdelta knows, so there is nothing to check by name: its requirements below are checked by meaning only.".to_owned(),
        1 => "Your resume names the one skill or tool this post names.".to_owned(),
        n => format!("Your resume names all {n} skills and tools this post names (where a requirement offers alternatives, one of them)."),
    }
}

/// One row per missing term: the term, the section that asks for it, and "you wrote …".
#[component]
pub fn MissingTerms(props: &MissingTermsProps) -> Html {
    html! {
        <div class="term-panel" data-testid="missing-terms">
            <h4>{ "Terms the post asks for that your resume never mentions" }</h4>
            <p class="explain-line" data-testid="explain-missing-terms">
                { "Skills and tools this post names that no sentence of your resume names: if you have them, say so in words the post uses." }
            </p>
            if props.terms.is_empty() {
                <p class="hint" data-testid="no-missing-terms">{ all_named(props.skills_named) }</p>
            } else {
                <ul class="term-list">
                    { for props.terms.iter().map(|t| html! {
                        <li class="term-row" data-testid="missing-term" data-term={t.term.clone()}>
                            <strong class="term-name">{ t.term.clone() }</strong>
                            <span class="section-label">{ format!(" ({})", t.section.label()) }</span>
                            if t.posts_asking > 1 {
                                <span class="hint">{ format!(" · asked by {} of your posts", t.posts_asking) }</span>
                            }
                            if let Some(near) = t.near_matches.first() {
                                <p class="near-match" data-testid="near-match">
                                    { "Closest in your resume: " }
                                    if let Some(term) = &near.resume_term {
                                        { format!("you wrote {term} — ") }
                                    }
                                    <q>{ near.resume_sentence.clone() }</q>
                                    <span class="evidence-score">{ format!(" {}", format::score(near.score)) }</span>
                                </p>
                            }
                        </li>
                    }) }
                </ul>
            }
            <p class="attribution" data-testid="esco-attribution">{ props.attribution.clone() }</p>
        </div>
    }
}
