//! `use_workspace_storage`: keeps the person's workspace in the browser (IndexedDB).
//!
//! On mount it reads the saved workspace and hands it to the reducer
//! ([`Action::Restored`]); the inputs stay read-only until then. Afterwards every change is
//! saved ~300 ms after the typing stops, and once more when the page is hidden or closed.
//! A saved document this page cannot read is never overwritten: the reducer pauses saving
//! ([`crate::state::Persistence::Paused`]) until the person chooses to start fresh.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use jobdelta_storage::{Database, StorageError, Store};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::state::{workspace::fingerprint_of, Action, Restore, State};
use crate::workspace::{SavedReport, Workspace, MAX_SAVED_REPORT_POSTS, REPORT_KEY, STORAGE_KEY};

/// Milliseconds of quiet before a change is saved.
const SAVE_DELAY_MS: u32 = 300;

/// How long reading the saved workspace may take before the page gives up on it (IndexedDB
/// can hang when another tab holds an old version of the database open).
const RESTORE_TIMEOUT_MS: u32 = 5_000;

/// Handle to the saved workspace, returned by [`use_workspace_storage`].
#[derive(Clone)]
pub struct WorkspaceStore {
    database: Rc<RefCell<Option<Rc<Database>>>>,
    dispatcher: UseReducerDispatcher<State>,
}

impl WorkspaceStore {
    /// Saves the workspace now (if saving is on and something changed).
    pub fn save_now(&self, state: &State) {
        let workspace = &state.workspace;
        if workspace.saves() && workspace.has_unsaved_changes() {
            self.save(workspace.revision, workspace.saved().to_json());
        }
    }

    /// Keeps the report just made for the next visit (if saving is on and it is not too big).
    fn save_report(&self, state: &State) {
        let Some(analyzed) = state.analysis.analyzed.as_ref().filter(|a| !a.restored) else {
            return;
        };
        if !state.workspace.saves() || analyzed.report.posts.len() > MAX_SAVED_REPORT_POSTS {
            return;
        }
        let inputs = &analyzed.inputs;
        let json = SavedReport::json_of(
            &fingerprint_of(&inputs.resume, &inputs.posts),
            &analyzed.report,
            (
                analyzed.sentences_embedded,
                analyzed.sentences_cached,
                analyzed.elapsed_ms,
            ),
        );
        let Some(database) = self.database.borrow().clone() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            // Losing it costs one analysis from the cache after a reload: nothing to report.
            let _ = database
                .put(Store::Workspace, REPORT_KEY, &JsValue::from_str(&json))
                .await;
        });
    }

    fn save(&self, revision: u64, json: String) {
        let Some(database) = self.database.borrow().clone() else {
            return;
        };
        let dispatcher = self.dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let saved = database
                .put(Store::Workspace, STORAGE_KEY, &JsValue::from_str(&json))
                .await;
            dispatcher.dispatch(match saved {
                Ok(()) => Action::Saved(revision),
                Err(error) => Action::SaveFailed(not_saved(&error)),
            });
        });
    }

    /// Deletes the saved workspace and the stored embeddings (the worker is asked to forget
    /// its in-memory copy separately). Failures are reported to the reducer.
    pub fn clear_all(&self) {
        let database = self.database.borrow().clone();
        let dispatcher = self.dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let database = match database {
                Some(database) => database,
                // Storage never opened: there is nothing stored to delete.
                None => return,
            };
            for store in [Store::Workspace, Store::Embeddings] {
                if let Err(error) = database.clear(store).await {
                    dispatcher.dispatch(Action::ClearFailed(format!(
                        "Clearing the stored data failed: {error}."
                    )));
                    return;
                }
            }
        });
    }
}

/// Opens the database and restores the workspace on mount; saves every change afterwards.
#[hook]
pub fn use_workspace_storage(state: &UseReducerHandle<State>) -> WorkspaceStore {
    let database = use_mut_ref(|| None::<Rc<Database>>);
    let store = WorkspaceStore {
        database: Rc::clone(&database),
        dispatcher: state.dispatcher(),
    };

    // Restore once.
    {
        let dispatcher = state.dispatcher();
        let database = Rc::clone(&database);
        use_effect_with((), move |_| {
            let timeout = {
                let dispatcher = dispatcher.clone();
                Timeout::new(RESTORE_TIMEOUT_MS, move || {
                    // Ignored by the reducer if the workspace was restored meanwhile.
                    dispatcher.dispatch(Action::Restored(Restore::Unavailable(
                        "the browser's storage did not answer; your work is not saved between visits (close other jobdelta tabs and reload to try again)".into(),
                    )));
                })
            };
            wasm_bindgen_futures::spawn_local(async move {
                let restore = restore(&database).await;
                drop(timeout);
                let found = matches!(restore, Restore::Found(_));
                dispatcher.dispatch(Action::Restored(restore));
                if found {
                    if let Some(saved) = saved_report(&database).await {
                        dispatcher.dispatch(Action::ReportRestored(Box::new(saved)));
                    }
                }
            });
        });
    }

    // Save each change once typing pauses.
    {
        let state = state.clone();
        let store = store.clone();
        use_effect_with(
            (state.workspace.revision, state.workspace.saves()),
            move |_| {
                let workspace = &state.workspace;
                let timer = (workspace.saves() && workspace.has_unsaved_changes()).then(|| {
                    let (revision, json) = (workspace.revision, workspace.saved().to_json());
                    Timeout::new(SAVE_DELAY_MS, move || store.save(revision, json))
                });
                move || drop(timer)
            },
        );
    }

    // Keep each new report (not a re-ranked or re-thresholded one: those follow from the
    // workspace's marks and thresholds) for the next visit.
    {
        let state = state.clone();
        let store = store.clone();
        let made = state
            .analysis
            .analyzed
            .as_ref()
            .map(|a| (a.inputs.clone(), a.restored));
        use_effect_with(made, move |_| store.save_report(&state));
    }

    // Save what is pending when the page is hidden or closed (the delay may not have run).
    {
        let latest = use_mut_ref(|| state.clone());
        *latest.borrow_mut() = state.clone();
        let store = store.clone();
        use_effect_with((), move |_| {
            let on_hide = Closure::<dyn FnMut()>::new(move || store.save_now(&latest.borrow()));
            let window = web_sys::window();
            if let Some(window) = &window {
                for event in ["pagehide", "visibilitychange"] {
                    let _ = window
                        .add_event_listener_with_callback(event, on_hide.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(window) = &window {
                    for event in ["pagehide", "visibilitychange"] {
                        let _ = window.remove_event_listener_with_callback(
                            event,
                            on_hide.as_ref().unchecked_ref(),
                        );
                    }
                }
                drop(on_hide);
            }
        });
    }

    store
}

/// Opens the database (keeping it for saving) and reads the saved workspace.
async fn restore(slot: &RefCell<Option<Rc<Database>>>) -> Restore {
    let database = match Database::open().await {
        Ok(database) => Rc::new(database),
        Err(error) => return Restore::Unavailable(not_saved(&error)),
    };
    *slot.borrow_mut() = Some(Rc::clone(&database));
    match database.get(Store::Workspace, STORAGE_KEY).await {
        Ok(None) => Restore::Nothing,
        Ok(Some(value)) => {
            // Stored as a JSON string; an object (written by hand or another tool) is read too.
            let json = value
                .as_string()
                .or_else(|| js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()));
            match json.map(|json| Workspace::from_json(&json)) {
                Some(Ok(workspace)) => Restore::Found(workspace),
                Some(Err(error)) => Restore::Unreadable(error.to_string()),
                None => Restore::Unreadable(
                    "Your saved workspace could not be read (it is not text). It was left untouched, and nothing is saved until you choose to start fresh.".into(),
                ),
            }
        }
        Err(error) => Restore::Unavailable(format!(
            "Your saved workspace could not be read: {error}. Nothing is saved, so nothing is overwritten; reload to try again."
        )),
    }
}

/// The report kept from the last visit, if there is one this page can read.
async fn saved_report(slot: &RefCell<Option<Rc<Database>>>) -> Option<SavedReport> {
    let database = slot.borrow().clone()?;
    let value = database.get(Store::Workspace, REPORT_KEY).await.ok()??;
    SavedReport::from_json(&value.as_string()?)
}

/// A storage error as shown in the save status.
fn not_saved(error: &StorageError) -> String {
    format!("Not saved: {error}.")
}
