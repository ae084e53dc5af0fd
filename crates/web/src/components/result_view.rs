//! The cosine similarity and the word-piece counts of the compared texts.

use jobdelta_protocol::{PieceCount, PreprocessedCosine, Preprocessing};
use yew::prelude::*;

use crate::format;
use crate::state::Comparison;

/// Properties of [`ResultView`].
#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    /// The comparison to show.
    pub comparison: Comparison,
    /// The texts were edited since: the figures no longer match what is in the boxes.
    pub stale: bool,
}

/// Similarity score, piece counts and truncation warnings.
#[component]
pub fn ResultView(props: &ResultViewProps) -> Html {
    let c = &props.comparison;
    html! {
        <section class={classes!("result", props.stale.then_some("is-stale"))} data-testid="result" aria-label="Result">
            <div class="score">
                <span class="score-label">{ "Cosine similarity" }</span>
                <output class="score-value" data-testid="cosine">{ format::cosine(c.cosine) }</output>
            </div>
            if props.stale {
                <p class="hint" data-testid="stale">{ "The texts have changed since this comparison; compare again to update it." }</p>
            }
            <dl class="pieces">
                { pieces("First text", "first", c.first) }
                { pieces("Second text", "second", c.second) }
            </dl>
            if !c.preprocessed.is_empty() {
                <div class="preprocessed" data-testid="preprocessed">
                    <p class="hint">
                        { "Preprocessing changes what the model compares: the same two texts after removing common words (stop words), or keeping only technical terms." }
                    </p>
                    <dl>
                        <div class="pieces-row">
                            <dt>{ Preprocessing::None.label() }</dt>
                            <dd>{ format::cosine(c.cosine) }</dd>
                        </div>
                        { for c.preprocessed.iter().map(preprocessed_row) }
                    </dl>
                </div>
            }
        </section>
    }
}

/// The cosine after one preprocessing mode.
fn preprocessed_row(p: &PreprocessedCosine) -> Html {
    let mode = format!("{:?}", p.mode);
    html! {
        <div class="pieces-row" data-testid="preprocessed-cosine" data-mode={mode}>
            <dt>{ p.mode.label() }</dt>
            <dd>
                { match p.cosine {
                    Some(cosine) => format::cosine(cosine),
                    None => "— (no words left)".to_owned(),
                } }
            </dd>
        </div>
    }
}

/// One text's word-piece count, with a warning when the model saw only its beginning.
fn pieces(label: &str, key: &str, count: PieceCount) -> Html {
    html! {
        <div class="pieces-row">
            <dt>{ label }</dt>
            <dd>
                <span data-testid={format!("{key}-pieces")}>{ count.used }</span>{ " word pieces" }
                if count.is_truncated() {
                    <p class="warning" data-testid={format!("{key}-truncated")}>
                        { format!(
                            "Too long: the model read only the first {} of its {} word pieces and ignored the rest.",
                            count.used, count.total
                        ) }
                    </p>
                }
            </dd>
        </div>
    }
}
