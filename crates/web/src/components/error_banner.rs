//! The error banner with its Retry button.

use yew::prelude::*;

/// Properties of [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// What went wrong.
    pub message: AttrValue,
    /// Retry the failed step.
    pub on_retry: Callback<()>,
    /// Close the banner.
    pub on_dismiss: Callback<()>,
}

/// An alert that says what went wrong and offers to retry.
#[component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let on_retry = props.on_retry.reform(|_: MouseEvent| ());
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="error-banner" role="alert" data-testid="error">
            <p class="error-message" data-testid="error-message">{ props.message.clone() }</p>
            <div class="error-actions">
                <button type="button" class="button" data-testid="retry" onclick={on_retry}>{ "Retry" }</button>
                <button type="button" class="button button-quiet" aria-label="Dismiss" data-testid="dismiss" onclick={on_dismiss}>{ "Dismiss" }</button>
            </div>
        </div>
    }
}
