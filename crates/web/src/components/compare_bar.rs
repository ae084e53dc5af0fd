//! The Compare button and the reason it is disabled.

use yew::prelude::*;

/// Properties of [`CompareBar`].
#[derive(Properties, PartialEq)]
pub struct CompareBarProps {
    /// Why comparing is not possible now; `None` enables the button.
    pub blocker: Option<AttrValue>,
    /// Compare the two texts.
    pub on_compare: Callback<()>,
}

/// Compare button, with a hint saying what it is waiting for.
#[component]
pub fn CompareBar(props: &CompareBarProps) -> Html {
    let on_click = props.on_compare.reform(|_: MouseEvent| ());
    html! {
        <div class="compare-bar">
            <button
                type="button"
                class="button button-primary"
                data-testid="compare"
                disabled={props.blocker.is_some()}
                aria-describedby="compare-hint"
                onclick={on_click}
            >
                { "Compare" }
            </button>
            <p id="compare-hint" class="hint" data-testid="compare-hint" aria-live="polite">
                { props.blocker.clone().unwrap_or_default() }
            </p>
        </div>
    }
}
