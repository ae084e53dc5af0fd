//! "Your sentences": each resume sentence with the requirements it speaks to across all posts,
//! then the sentences near nothing any post asks for, then feedback on every sentence.

use jobdelta_matching::{Report, NOTHING_NEAR};
use yew::prelude::*;

use super::SentenceFeedbackPanel;
use crate::format;
use crate::state::Shared;

/// Properties of [`SentencesView`].
#[derive(Properties, PartialEq)]
pub struct SentencesViewProps {
    /// The report.
    pub report: Shared<Report>,
    /// Open a post's requirements.
    pub on_select: Callback<usize>,
}

/// Two lists: sentences that speak to requirements (with post, requirement and score), and
/// sentences that match nothing.
#[component]
pub fn SentencesView(props: &SentencesViewProps) -> Html {
    let report = &props.report;
    let partly = report.thresholds.partly;
    let matched: Vec<_> = report
        .resume
        .iter()
        .filter_map(|s| {
            let best: Vec<_> = s.best.iter().filter(|m| m.score >= partly).collect();
            (!best.is_empty()).then_some((s, best))
        })
        .collect();
    let unmatched: Vec<&str> = report
        .resume
        .iter()
        .filter(|s| s.matches_nothing)
        .map(|s| s.text.as_str())
        .collect();
    let others = report
        .resume
        .len()
        .saturating_sub(matched.len() + unmatched.len());
    html! {
        <section class="sentences-view" data-testid="sentences-view" aria-label="Your sentences">
            <p class="explain">
                { format!(
                    "Each sentence of your resume with the requirements it speaks to across all your posts (cosine similarity {} or more), closest first. {} of your {} sentences speak to at least one.",
                    format::threshold(partly), matched.len(), report.resume.len()
                ) }
            </p>
            if matched.is_empty() {
                <p class="hint">{ "None of your sentences reaches the partly threshold for any requirement." }</p>
            } else {
                <ol class="sentence-list">
                    { for matched.into_iter().map(|(sentence, best)| html! {
                        <li class="resume-sentence" data-testid="resume-sentence">
                            <p class="sentence-text">{ sentence.text.clone() }</p>
                            <ul class="sentence-matches">
                                { for best.into_iter().map(|m| {
                                    let on_select = props.on_select.clone();
                                    let post = m.post_index;
                                    html! {
                                        <li class="sentence-match" data-testid="sentence-match">
                                            <span class="evidence-score">{ format::score(m.score) }</span>
                                            <span>
                                                <button type="button" class="link-button" title="Open this post's requirements"
                                                    onclick={Callback::from(move |_: MouseEvent| on_select.emit(post))}>
                                                    { m.post_title.clone() }
                                                </button>
                                                { format!(" — {} ", m.requirement) }
                                                <span class="section-label">{ format!("({})", m.section.label()) }</span>
                                            </span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </li>
                    }) }
                </ol>
            }
            <h4>{ format!("Sentences near nothing your posts ask for ({})", unmatched.len()) }</h4>
            <p class="hint" data-testid="explain-unmatched">
                { format!(
                    "Each of these stays below cosine {} to every requirement of every post — what an unrelated post often reaches by chance — and names no skill a post asks for. If one of them matters for these jobs, rewrite it in the posts' words: name the skill or tool, the scale, the result. If it does not, it costs a reader's time: shorten it or leave it for another application.",
                    format::threshold(NOTHING_NEAR.min(partly))
                ) }
            </p>
            if others > 0 {
                <p class="hint" data-testid="other-sentences" data-count={others.to_string()}>
                    { format!("{others} more: headline, contact, date or skill-list lines, or sentences that name a skill your posts ask for without being close to a requirement.") }
                </p>
            }
            if unmatched.is_empty() {
                <p class="hint" data-testid="unmatched-none">{ "Every sentence of your resume is near some requirement or names a skill a post asks for." }</p>
            } else {
                <ul class="unmatched" data-testid="unmatched-sentences">
                    { for unmatched.into_iter().map(|s| html! { <li data-testid="unmatched-sentence">{ s }</li> }) }
                </ul>
            }
            <SentenceFeedbackPanel report={props.report.clone()} />
        </section>
    }
}
