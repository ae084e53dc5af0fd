//! Whether the workspace is saved in this browser, "start fresh" when the saved one cannot be
//! read, and "Clear everything".

use yew::prelude::*;

use crate::state::Persistence;

/// Properties of [`WorkspaceBar`].
#[derive(Properties, PartialEq)]
pub struct WorkspaceBarProps {
    /// Saving status.
    pub persistence: Persistence,
    /// Changes wait to be saved.
    pub unsaved: bool,
    /// Replace an unreadable saved workspace with this page's.
    pub on_start_fresh: Callback<()>,
    /// Delete everything (after confirmation).
    pub on_clear_all: Callback<()>,
}

/// One status line with its buttons; a warning block when saving is paused.
#[component]
pub fn WorkspaceBar(props: &WorkspaceBarProps) -> Html {
    let on_start_fresh = props.on_start_fresh.reform(|_: MouseEvent| ());
    let on_clear_all = props.on_clear_all.reform(|_: MouseEvent| ());
    let (state, text) = match &props.persistence {
        Persistence::Restoring => ("restoring", "Restoring your saved work…".to_owned()),
        Persistence::Active if props.unsaved => ("saving", "Saving…".to_owned()),
        Persistence::Active => (
            "saved",
            "Saved in this browser only (IndexedDB); nothing is uploaded.".to_owned(),
        ),
        Persistence::Failed(message) => ("failed", message.clone()),
        Persistence::Paused(_) => ("paused", "Not saving (see below).".to_owned()),
        Persistence::Unavailable(message) => ("unavailable", message.clone()),
    };
    let restoring = props.persistence == Persistence::Restoring;
    html! {
        <section class="workspace-bar" aria-label="Saved work">
            <div class="workspace-line">
                <p class={classes!("save-status", format!("is-{state}"))} data-testid="save-status" data-state={state}>
                    { text }
                </p>
                <button type="button" class="button button-quiet button-danger button-small" data-testid="clear-all"
                    disabled={restoring} onclick={on_clear_all}>
                    { "Clear everything" }
                </button>
            </div>
            if let Persistence::Paused(message) = &props.persistence {
                <div class="warning storage-paused" role="alert" data-testid="storage-paused">
                    <p>{ message.clone() }</p>
                    <button type="button" class="button button-small" data-testid="start-fresh" onclick={on_start_fresh}>
                        { "Start fresh (replace the saved workspace with this page)" }
                    </button>
                </div>
            }
        </section>
    }
}
