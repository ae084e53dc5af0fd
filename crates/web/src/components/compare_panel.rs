//! The secondary panel: compare two sentences and see their raw cosine similarity.

use yew::prelude::*;

use super::{CompareBar, ResultView, TextInput};
use crate::state::Comparison;

/// Properties of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// First text.
    pub first: AttrValue,
    /// Second text.
    pub second: AttrValue,
    /// Why Compare is disabled.
    pub blocker: Option<AttrValue>,
    /// The last comparison.
    pub result: Option<Comparison>,
    /// The texts changed since it.
    pub stale: bool,
    /// First text edits.
    pub on_first: Callback<String>,
    /// Second text edits.
    pub on_second: Callback<String>,
    /// Compare.
    pub on_compare: Callback<()>,
}

/// Two text boxes, the Compare button and the result.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    html! {
        <section class="panel compare-panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{ "Compare two sentences" }</h2>
            <p class="hint">
                { "How close in meaning are two sentences? This is the raw cosine similarity the report is built from: around 0.1–0.4 for unrelated sentences, above 0.7 for paraphrases." }
            </p>
            <div class="texts">
                <TextInput id="first-text" label="First text" testid="first-text" value={props.first.clone()} on_change={props.on_first.clone()} />
                <TextInput id="second-text" label="Second text" testid="second-text" value={props.second.clone()} on_change={props.on_second.clone()} />
            </div>
            <CompareBar blocker={props.blocker.clone()} on_compare={props.on_compare.clone()} />
            if let Some(comparison) = &props.result {
                <ResultView comparison={comparison.clone()} stale={props.stale} />
            }
        </section>
    }
}
