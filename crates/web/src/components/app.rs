//! The page: wires the reducer, the worker, the saved workspace and the components together.

use std::rc::Rc;

use jobdelta_protocol::ToWorker;
use yew::prelude::*;

use super::{
    AnalyzeBar, ComparePanel, ErrorBanner, Header, InterviewPanel, ModelStatusView, PostsPanel,
    ReportView, ResumeInput, VersionsPanel, WorkspaceBar,
};
use crate::hooks::{
    use_encoder_worker, use_model_run, use_workspace_storage, EncoderWorker, ModelRun, WorkerEvent,
    WorkspaceStore,
};
use crate::import::ReadFile;
use crate::state::model_comparison::current_model;
use crate::state::{
    Action, Direction, PostId, Problem, ProblemTarget, Retry, State, ASK_LIMIT, SEARCH_LIMIT,
};

/// What "Clear everything" asks before deleting.
const CLEAR_QUESTION: &str = "Clear everything?\n\nThis deletes your resume, your job posts and \
     your settings from this browser, and the sentence embeddings kept to make the next \
     analysis faster. It cannot be undone.";

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let worker = {
        let dispatcher = state.dispatcher();
        use_encoder_worker(Callback::from(move |event| {
            dispatcher.dispatch(match event {
                WorkerEvent::Message(message) => Action::Worker {
                    message,
                    at_ms: now_ms(),
                },
                WorkerEvent::Broken(message) => Action::WorkerBroken(message),
            })
        }))
    };
    let store = use_workspace_storage(&state);
    // The model comparison's temporary worker: alive while its run is in the state, so Cancel,
    // a failure or the result (each ending the run) terminates it, and switching tabs does not.
    {
        let run = state.model_comparison.run.as_ref();
        let key = run.map(|r| r.request_id);
        let request = use_memo(key, |_| run.map(|r| Rc::new(r.analyze_request())));
        let model_run = run.zip((*request).clone()).map(|(run, request)| ModelRun {
            key: run.request_id,
            model: run.second.name.clone(),
            request,
        });
        let dispatcher = state.dispatcher();
        use_model_run(
            model_run,
            Callback::from(move |(request_id, event)| {
                dispatcher.dispatch(match event {
                    WorkerEvent::Message(message) => Action::ModelComparisonWorker {
                        request_id,
                        message,
                    },
                    WorkerEvent::Broken(message) => Action::ModelComparisonBroken {
                        request_id,
                        message,
                    },
                })
            }),
        );
    }

    let dispatch = Callback::from(state.dispatcher());
    // Callbacks handed to long lists (an editor per post, a row per ranked post) stay the same
    // from one render to the next (`use_dispatch`): a new callback is a changed prop, and
    // with 1,000 posts every item would render again — reading back every post editor's
    // text — on each progress message or keystroke.
    let on_post_title = use_dispatch(&state, |(id, title): (PostId, String)| {
        Action::EditPostTitle(id, title)
    });
    let on_post_text = use_dispatch(&state, |(id, text): (PostId, String)| {
        Action::EditPostText(id, text)
    });
    let on_post_remove = use_dispatch(&state, Action::RemovePost);
    let on_post_move = use_dispatch(&state, |(id, direction): (PostId, Direction)| {
        Action::MovePost(id, direction)
    });
    let on_draft_title = use_dispatch(&state, Action::EditDraftTitle);
    let on_draft_text = use_dispatch(&state, Action::EditDraftText);
    let on_add_draft = use_dispatch(&state, |()| Action::AddDraft);
    let on_post_files = use_dispatch(&state, |(files, skipped): (Vec<ReadFile>, Vec<String>)| {
        Action::PostsFromFiles { files, skipped }
    });
    let on_undo_remove = use_dispatch(&state, |()| Action::UndoRemove);
    let on_select_post = use_dispatch(&state, Action::SelectPost);
    let on_mark_post = use_dispatch(&state, |(index, mark): (usize, Option<bool>)| {
        Action::MarkPost { index, mark }
    });
    let on_compare = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_compare(&state, &worker))
    };
    let on_search = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_search(&state, &worker))
    };
    let on_map = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| {
            if state.map_blocker().is_none() && state.pictures.map_pending.is_none() {
                let request_id = state.next_request;
                state.dispatch(Action::MapSent {
                    request_id,
                    at_ms: now_ms(),
                });
                worker.send(&ToWorker::Map { request_id });
            }
        })
    };
    let on_map_cancel = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| {
            // The worker stops the fit at its next pause and answers `Cancelled`; the page
            // need not wait for it.
            if let Some((request_id, _)) = state.pictures.map_pending {
                worker.send(&ToWorker::Cancel { request_id });
            }
            state.dispatch(Action::MapCancelled);
        })
    };
    let on_grid = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |post: usize| {
            if state.map_blocker().is_none() {
                let request_id = state.next_request;
                state.dispatch(Action::GridSent { request_id, post });
                worker.send(&ToWorker::Similarities { request_id, post });
            }
        })
    };
    let on_ask = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_ask(&state, &worker))
    };
    let on_prepare_interview = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_interview(&state, &worker))
    };
    let on_save_version = {
        let state = state.clone();
        Callback::from(move |label: String| {
            state.dispatch(Action::SaveVersion {
                label,
                saved_at: local_time_label(),
            })
        })
    };
    let on_compare_versions = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_progress(&state, &worker))
    };
    let on_posture = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| send_posture(&state, &worker))
    };
    let on_compare_models = {
        let state = state.clone();
        Callback::from(move |()| {
            state.dispatch(Action::ModelComparisonStarted(state.next_request));
        })
    };
    let on_analyze = {
        let (state, worker, store) = (state.clone(), worker.clone(), store.clone());
        Callback::from(move |()| send_analyze(&state, &worker, &store))
    };
    let on_cancel = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| {
            if let Some(running) = state.analysis.running.as_ref().filter(|r| !r.cancelling) {
                worker.send(&ToWorker::Cancel {
                    request_id: running.request_id,
                });
                state.dispatch(Action::CancelRequested);
            }
        })
    };
    let on_retry = {
        let (state, worker, store) = (state.clone(), worker.clone(), store.clone());
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
            Some(Retry::Analyze) => send_analyze(&state, &worker, &store),
            None => {}
        })
    };
    let on_clear_all = {
        let (state, worker, store) = (state.clone(), worker.clone(), store.clone());
        Callback::from(move |()| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(CLEAR_QUESTION).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            if let Some(running) = &state.analysis.running {
                worker.send(&ToWorker::Cancel {
                    request_id: running.request_id,
                });
            }
            state.dispatch(Action::ClearedAll);
            store.clear_all();
            worker.send(&ToWorker::ClearCache);
        })
    };

    let restoring = state.is_restoring();
    let (bytes_done, bytes_total) = state.download_progress();
    let workspace = &state.workspace;
    let analysis = &state.analysis;
    // Only the problems placed on posts (usually none): each post editor picks its own. The
    // posts themselves are passed as the shared list, not copied.
    let post_problems: Vec<Problem> = analysis
        .problems
        .iter()
        .filter(|p| matches!(p.target, ProblemTarget::Post(_)))
        .cloned()
        .collect();
    let removed = workspace.last_removed.as_ref().map(|(_, post)| {
        AttrValue::from(if post.title.trim().is_empty() {
            "a post".to_owned()
        } else {
            format!("“{}”", post.title.trim())
        })
    });
    html! {
        <main class="page">
            <Header />
            <ModelStatusView status={state.model.status.clone()} {bytes_done} {bytes_total} models={state.model.models.clone()} />
            if let Some(error) = &state.error {
                <ErrorBanner message={error.message.clone()} {on_retry} on_dismiss={dispatch.reform(|()| Action::DismissError)} />
            }
            <WorkspaceBar
                persistence={workspace.persistence.clone()}
                unsaved={workspace.has_unsaved_changes()}
                on_start_fresh={dispatch.reform(|()| Action::StartFresh)}
                {on_clear_all}
            />
            if !restoring && workspace.is_empty() {
                <section class="example-offer" data-testid="example-offer" aria-label="Example">
                    <p>{ "New here? See what a report looks like before pasting your own texts." }</p>
                    <button type="button" class="button" data-testid="try-example"
                        onclick={dispatch.reform(|_: MouseEvent| Action::LoadExample)}>{ "Try it with an example" }</button>
                </section>
            }
            <div class="inputs">
                <ResumeInput
                    value={workspace.resume.clone()}
                    readonly={restoring}
                    problems={state.problems_at(ProblemTarget::Resume)}
                    notice={workspace.resume_notice.clone().map(AttrValue::from)}
                    size_problem={workspace.resume_size.clone().map(AttrValue::from)}
                    on_change={dispatch.reform(Action::EditResume)}
                    on_files={dispatch.reform(|(files, skipped)| Action::ResumeFromFiles { files, skipped, read_at: local_time_label() })}
                />
                <PostsPanel
                    posts={workspace.posts.clone()}
                    {post_problems}
                    problems={state.problems_at(ProblemTarget::Posts)}
                    notice={workspace.posts_notice.clone().map(AttrValue::from)}
                    {removed}
                    draft_title={workspace.draft_title.clone()}
                    draft_text={workspace.draft_text.clone()}
                    draft_size={workspace.draft_size.clone().map(AttrValue::from)}
                    readonly={restoring}
                    {on_draft_title}
                    {on_draft_text}
                    on_add={on_add_draft}
                    on_files={on_post_files}
                    on_title={on_post_title}
                    on_text={on_post_text}
                    on_remove={on_post_remove}
                    {on_undo_remove}
                    on_move={on_post_move}
                />
            </div>
            <AnalyzeBar
                blocker={state.analyze_blocker().map(AttrValue::from)}
                running={analysis.running.clone()}
                post_count={workspace.posts.len()}
                draft_left_out={workspace.draft_left_out()}
                notice={analysis.notice.clone().map(AttrValue::from)}
                {on_analyze}
                {on_cancel}
                on_dismiss_notice={dispatch.reform(|()| Action::DismissNotice)}
            />
            if let Some(analyzed) = &analysis.analyzed {
                <ReportView
                    analyzed={analyzed.clone()}
                    thresholds={workspace.thresholds}
                    selected={analysis.selected_post}
                    tab={analysis.tab}
                    stale={state.report_is_stale()}
                    on_select={on_select_post}
                    on_mark={on_mark_post}
                    on_tab={dispatch.reform(Action::ShowTab)}
                    on_covered={dispatch.reform(Action::SetCovered)}
                    on_partly={dispatch.reform(Action::SetPartly)}
                    on_reset_thresholds={dispatch.reform(|()| Action::ResetThresholds)}
                    search={(*state.search).clone()}
                    search_blocker={state.search_blocker().map(AttrValue::from)}
                    on_search_edit={dispatch.reform(Action::EditSearch)}
                    {on_search}
                    pictures={state.pictures.clone()}
                    pictures_blocker={state.map_blocker().map(AttrValue::from)}
                    {on_map}
                    {on_map_cancel}
                    {on_grid}
                    interview={state.interview.interview.as_ref().filter(|(_, resume)| *resume == workspace.resume).map(|(i, _)| i.clone())}
                    interview_blocker={state.interview.prepare_blocker(&workspace.resume, state.is_ready()).map(AttrValue::from)}
                    on_prepare_interview={on_prepare_interview.clone()}
                    posture={state.posture.clone()}
                    posture_blocker={state.posture.blocker(workspace.posts.len(), state.is_ready()).map(AttrValue::from)}
                    {on_posture}
                    model_comparison={state.model_comparison.clone()}
                    models={state.model.models.clone()}
                    current_model={current_model(&state.model).cloned()}
                    second_model={state.model_comparison.second(&state.model).map(|m| AttrValue::from(m.name.clone()))}
                    model_comparison_blocker={state.model_comparison.blocker(Some(analyzed), &state.model).map(AttrValue::from)}
                    model_comparison_stale={state.model_comparison.is_stale(workspace)}
                    on_choose_model={dispatch.reform(Action::ChooseComparisonModel)}
                    {on_compare_models}
                    on_cancel_models={dispatch.reform(|()| Action::ModelComparisonCancelled)}
                />
            }
            <VersionsPanel
                versions={workspace.versions.clone()}
                notice={workspace.versions_notice.clone().map(AttrValue::from)}
                state={state.versions.clone()}
                compare_blocker={state.versions.compare_blocker(workspace.versions.len(), workspace.posts.len(), state.is_ready()).map(AttrValue::from)}
                on_save={on_save_version}
                on_remove={dispatch.reform(Action::RemoveVersion)}
                on_compare={on_compare_versions}
            />
            <InterviewPanel
                state={state.interview.clone()}
                ask_blocker={state.interview.ask_blocker(&workspace.resume, state.is_ready()).map(AttrValue::from)}
                prepare_blocker={state.interview.prepare_blocker(&workspace.resume, state.is_ready()).map(AttrValue::from)}
                stale={state.interview.is_stale(&workspace.resume)}
                on_question={dispatch.reform(Action::EditQuestion)}
                {on_ask}
                on_prepare={on_prepare_interview}
                on_post={dispatch.reform(Action::ChooseInterviewPost)}
                on_pin={dispatch.reform(Action::PinStory)}
                on_swap={dispatch.reform(Action::SwapStory)}
                on_move={dispatch.reform(|(from, to): (usize, usize)| Action::MoveOutlineItem { from, to })}
            />
            <ComparePanel
                first={state.compare.first.clone()}
                second={state.compare.second.clone()}
                blocker={state.compare_blocker().map(AttrValue::from)}
                result={state.compare.result.clone()}
                stale={state.compare.result_is_stale()}
                on_first={dispatch.reform(Action::EditFirst)}
                on_second={dispatch.reform(Action::EditSecond)}
                {on_compare}
            />
        </main>
    }
}

/// A callback that dispatches `action(value)`: the same callback on every render (the
/// dispatcher never changes), so the props it is part of compare equal.
#[hook]
fn use_dispatch<T: 'static>(
    state: &UseReducerHandle<State>,
    action: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    use_callback((), move |value, _| dispatcher.dispatch(action(value)))
}

/// The page clock, in milliseconds.
fn now_ms() -> f64 {
    js_sys::Date::now()
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
        first: state.compare.first.clone(),
        second: state.compare.second.clone(),
    });
}

/// Sends the search box's query, unless something blocks it.
fn send_search(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    if state.search_blocker().is_some() || state.search.pending.is_some() {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::SearchSent(request_id));
    worker.send(&ToWorker::Search {
        request_id,
        query: state.search.query.trim().to_owned(),
        limit: SEARCH_LIMIT,
    });
}

/// Sends the question box's question about the resume, unless something blocks it.
fn send_ask(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    let blocked = state
        .interview
        .ask_blocker(&state.workspace.resume, state.is_ready())
        .is_some();
    if blocked || state.interview.asking.is_some() {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::AskSent(request_id));
    worker.send(&ToWorker::Ask {
        request_id,
        resume: state.workspace.resume.clone(),
        question: state.interview.question.trim().to_owned(),
        limit: ASK_LIMIT,
    });
}

/// Sends the resume and posts for an interview (stories, question bank, outline).
fn send_interview(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    if state
        .interview
        .prepare_blocker(&state.workspace.resume, state.is_ready())
        .is_some()
    {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::InterviewSent(
        request_id,
        state.workspace.resume.clone(),
    ));
    worker.send(&ToWorker::Interview {
        request_id,
        resume: state.workspace.resume.clone(),
        posts: state.workspace.post_texts(),
    });
}

/// Sends the saved resume versions and the posts for comparison, unless something blocks it.
fn send_progress(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    let workspace = &state.workspace;
    if state
        .versions
        .compare_blocker(
            workspace.versions.len(),
            workspace.posts.len(),
            state.is_ready(),
        )
        .is_some()
    {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::ProgressSent(request_id));
    worker.send(&ToWorker::Progress {
        request_id,
        versions: workspace
            .versions
            .iter()
            .map(|v| (v.label.clone(), v.text.clone()))
            .collect(),
        posts: workspace.post_texts(),
        thresholds: workspace.thresholds,
    });
}

/// Sends the resume and the posts to be grouped into role families, unless something blocks it.
fn send_posture(state: &UseReducerHandle<State>, worker: &EncoderWorker) {
    let workspace = &state.workspace;
    if state
        .posture
        .blocker(workspace.posts.len(), state.is_ready())
        .is_some()
    {
        return;
    }
    let request_id = state.next_request;
    state.dispatch(Action::PostureSent(request_id));
    worker.send(&ToWorker::Posture {
        request_id,
        resume: workspace.resume.clone(),
        posts: workspace.post_texts(),
        meta: workspace.post_meta(),
        thresholds: workspace.thresholds,
    });
}

/// The person's local time as "2026-12-03 18:40", to name and date a saved version.
fn local_time_label() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}

/// Saves the workspace, then sends the resume and posts for analysis, unless something
/// blocks it.
fn send_analyze(state: &UseReducerHandle<State>, worker: &EncoderWorker, store: &WorkspaceStore) {
    if state.analyze_blocker().is_some() {
        return;
    }
    let request_id = state.next_request;
    store.save_now(state);
    state.dispatch(Action::AnalyzeSent {
        request_id,
        at_ms: now_ms(),
    });
    worker.send(&state.analyze_request(request_id));
}
