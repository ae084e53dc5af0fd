//! The page title and what the page promises.

use yew::prelude::*;

/// Title and the "runs locally" line.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="header">
            <h1>{ "jobdelta" }</h1>
            <p class="tagline" data-testid="local-note">
                { "See how your resume covers the job posts you want, requirement by requirement. Everything runs locally in your browser: the model is downloaded from this site once, and your resume and posts never leave this device." }
            </p>
        </header>
    }
}
