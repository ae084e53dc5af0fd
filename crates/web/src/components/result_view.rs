//! The cosine similarity and the word-piece counts of the compared texts.

use jobdelta_protocol::PieceCount;
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
        </section>
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
