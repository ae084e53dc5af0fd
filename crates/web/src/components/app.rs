//! The page: wires the reducer, the worker and the components together.

use jobdelta_protocol::ToWorker;
use yew::prelude::*;

use super::{CompareBar, ErrorBanner, Header, ModelStatusView, ResultView, TextInput};
use crate::hooks::{use_encoder_worker, EncoderWorker, WorkerEvent};
use crate::state::{Action, Retry, State};

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let worker = {
        let dispatcher = state.dispatcher();
        use_encoder_worker(Callback::from(move |event| {
            dispatcher.dispatch(match event {
                WorkerEvent::Message(message) => Action::Worker(message),
                WorkerEvent::Broken(message) => Action::WorkerBroken(message),
            })
        }))
    };

    let dispatch = Callback::from(state.dispatcher());
    let on_first = dispatch.reform(Action::EditFirst);
    let on_second = dispatch.reform(Action::EditSecond);
    let on_compare = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_compare(&state, &worker))
    };
    let on_retry = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| match state.error.as_ref().map(|e| e.retry) {
            Some(Retry::LoadModel) => {
                state.dispatch(Action::LoadRetried);
                worker.load_model();
            }
            Some(Retry::RestartWorker) => {
                state.dispatch(Action::WorkerRestarted);
                worker.restart();
            }
            Some(Retry::Compare) => send_compare(&state, &worker),
            None => {}
        })
    };
    let on_dismiss = dispatch.reform(|()| Action::DismissError);

    let (bytes_done, bytes_total) = state.download_progress();
    html! {
        <main class="page">
            <Header />
            <ModelStatusView status={state.model.clone()} {bytes_done} {bytes_total} />
            if let Some(error) = &state.error {
                <ErrorBanner message={error.message.clone()} {on_retry} {on_dismiss} />
            }
            <section class="texts" aria-label="Texts">
                <TextInput id="first-text" label="First text" testid="first-text" value={state.first.clone()} on_change={on_first} />
                <TextInput id="second-text" label="Second text" testid="second-text" value={state.second.clone()} on_change={on_second} />
            </section>
            <CompareBar blocker={state.compare_blocker().map(AttrValue::from)} {on_compare} />
            if let Some(comparison) = &state.result {
                <ResultView comparison={comparison.clone()} stale={state.result_is_stale()} />
            }
        </main>
    }
}

/// Sends the current texts for comparison, unless something blocks it.
fn send_compare(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    if state.compare_blocker().is_some() {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::CompareSent(request_id));
    worker.send(&ToWorker::Compare {
        request_id,
        first: state.first.clone(),
        second: state.second.clone(),
    });
}
