//! Feedback on each resume sentence: how many word pieces the model gets, where a long
//! sentence is cut, how wordy it is, and which other sentences say nearly the same.

use jobdelta_matching::{Report, Verdict, MAX_PIECES};
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

/// Properties of [`SentenceFeedbackPanel`].
#[derive(Properties, PartialEq)]
pub struct SentenceFeedbackProps {
    /// The report.
    pub report: Shared<Report>,
}

/// Sentences per heading, then one row per sentence.
#[component]
pub fn SentenceFeedbackPanel(props: &SentenceFeedbackProps) -> Html {
    let feedback = &props.report.sentence_feedback;
    // Stories per section, in resume order.
    let mut sections: Vec<(String, usize)> = Vec::new();
    for f in feedback {
        let heading = f
            .heading
            .clone()
            .unwrap_or_else(|| "(no heading)".to_owned());
        match sections.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, n)) => *n += 1,
            None => sections.push((heading, 1)),
        }
    }
    let truncated = feedback.iter().filter(|f| f.truncated).count();
    let fluffy = feedback
        .iter()
        .filter(|f| f.density.verdict == Verdict::Fluffy)
        .count();
    html! {
        <div class="sentence-feedback" data-testid="sentence-feedback-panel">
            <h4>{ "Your sentences: feedback" }</h4>
            <p class="explain-line" data-testid="explain-length">
                { format!("The model reads at most {MAX_PIECES} word pieces per sentence; the rest of a longer sentence is ignored.") }
            </p>
            <p class="explain-line" data-testid="explain-density">
                { "Dense sentences are mostly words that carry meaning; fluffy ones spend words on filler (“responsible for”, “various”) that match every post a little and none well." }
            </p>
            <p class="explain-line" data-testid="explain-duplicates">
                { "Near-repeats (similarity 0.90 or more) tell the same story twice: merge them and use the room for another." }
            </p>
            <p class="hint" data-testid="feedback-facts">
                { format!(
                    "{} cut short, {} fluffy. Sentences per section: {}.",
                    format::count(truncated, "sentence", "sentences"),
                    fluffy,
                    sections.iter().map(|(h, n)| format!("{h} {n}")).collect::<Vec<_>>().join(", ")
                ) }
            </p>
            <ol class="feedback-list">
                { for feedback.iter().map(|f| {
                    let d = &f.density;
                    html! {
                        <li class={classes!("feedback-row", format!("is-{}", d.verdict.label()))} data-testid="sentence-feedback">
                            <p class="sentence-text">
                                if let Some(cut) = f.cut_at.as_ref().filter(|c| f.text.is_char_boundary(c.byte)) {
                                    { f.text[..cut.byte].to_owned() }
                                    <span class="unread" title="The model never reads this part">{ f.text[cut.byte..].to_owned() }</span>
                                } else {
                                    { f.text.clone() }
                                }
                            </p>
                            <p class="feedback-facts">
                                <span data-testid="feedback-pieces">{ format!("{} word pieces", f.n_tokens) }</span>
                                if let Some(cut) = &f.cut_at {
                                    <span class="warning-inline" data-testid="feedback-truncated">
                                        { format!(" · cut: the model ignores the last {} words, from “{}”", cut.unread_words, cut.unread_excerpt) }
                                    </span>
                                } else if f.truncated {
                                    <span class="warning-inline" data-testid="feedback-truncated">{ " · cut: the model ignores the end" }</span>
                                }
                                <span data-testid="feedback-density">
                                    { format!(" · {} ({} stop words of {} words)", d.verdict.label(), format::share(d.stop_word_ratio), d.words) }
                                </span>
                                if !d.filler_phrases.is_empty() {
                                    { " · filler: " }
                                    { for d.filler_phrases.iter().map(|p| html! { <mark class="filler">{ p.clone() }</mark> }) }
                                }
                                { format!(" · best evidence for {}", format::count(f.supports_requirements, "requirement", "requirements")) }
                            </p>
                            if !f.duplicates.is_empty() {
                                <ul class="duplicates">
                                    { for f.duplicates.iter().map(|dup| html! {
                                        <li data-testid="feedback-duplicate">
                                            { "Nearly the same as " }<q>{ dup.text.clone() }</q>
                                            <span class="evidence-score">{ format!(" {}", format::score(dup.score)) }</span>
                                        </li>
                                    }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
