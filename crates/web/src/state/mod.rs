//! The page's state and every way it changes, as a reducer: each change is one pure function
//! of (state, action), so the page's behaviour can be tested without a browser.
//!
//! The state is split by concern, one part per module, each with its own tests:
//! [`model`] (the worker's loading status), [`compare`] (the two-sentence comparison),
//! [`workspace`] (what the person edits, and whether it is saved), [`analysis`] (the analysis
//! under way, the report and the problems found), [`search`] (the requirement search) and
//! [`map`] (the pictures asked of the worker: the embedding map, a post's similarity grid).
//! [`interview`] (questions asked of the brag document, the question bank, the outline).
//! [`model_comparison`] (the report's model against a second one, run by a temporary worker).
//! Each part sits in an `Rc` and is changed with `Rc::make_mut`, so an action copies only the
//! part it changes (and, in the workspace, only the post it changes): a keystroke no longer
//! copies every post's text. There is one [`Action`] enum; [`State::apply`] hands each action
//! to the parts it concerns.

pub mod analysis;
pub mod compare;
pub mod interview;
pub mod map;
pub mod model;
pub mod model_comparison;
pub mod posture;
pub mod search;
#[cfg(test)]
mod test_support;
pub mod versions;
pub mod workspace;

use std::ops::Deref;
use std::rc::Rc;

use jobdelta_matching::Thresholds;
use jobdelta_protocol::{FromWorker, RequestId, ToWorker};
use yew::Reducible;

use crate::import::ReadFile;

pub use analysis::{
    AnalysisState, Analyzed, AnalyzedInputs, Problem, ProblemTarget, ReportTab, Running,
    CANCELLED_NOTE,
};
pub use compare::{CompareState, Comparison};
pub use interview::{Asked, InterviewState, ASK_LIMIT};
pub use map::{Grid, Layout, MapFrame, PicturesState, MAP_CANCELLED_NOTE};
pub use model::{FileProgress, ModelState, ModelStatus};
pub use model_comparison::{ModelComparison, ModelComparisonState, ModelSide, RunPhase};
pub use posture::PostureState;
pub use search::{Found, RequirementSearch, SEARCH_LIMIT};
pub use versions::VersionsState;
pub use workspace::{Direction, Persistence, PostDraft, PostId, PostList, Restore, WorkspaceState};

/// What the Retry button of the error banner does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Ask the (healthy) worker to load the model again.
    LoadModel,
    /// Replace a broken worker with a new one.
    RestartWorker,
    /// Send the comparison again.
    Compare,
    /// Start the analysis again.
    Analyze,
}

/// An error to show, and how to recover from it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    /// For the person using the page.
    pub message: String,
    /// What Retry does.
    pub retry: Retry,
}

/// A shared, immutable value: cheap to clone, and compared by identity (so a large report in
/// the state or in a component's properties never costs a deep comparison).
#[derive(Debug, Default)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Everything the page shows: one shared part per concern, plus what spans them.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The model's loading status.
    pub model: Rc<ModelState>,
    /// The two-sentence comparison.
    pub compare: Rc<CompareState>,
    /// What the person edits, and whether it is saved.
    pub workspace: Rc<WorkspaceState>,
    /// The analysis under way, the last report, the problems found.
    pub analysis: Rc<AnalysisState>,
    /// The search of the analysed posts' requirements.
    pub search: Rc<RequirementSearch>,
    /// The embedding map and the heatmap's grid.
    pub pictures: Rc<PicturesState>,
    /// Interview yourself: questions, the question bank, the outline.
    pub interview: Rc<InterviewState>,
    /// The comparison of the saved resume versions.
    pub versions: Rc<VersionsState>,
    /// The posts grouped into role families.
    pub posture: Rc<PostureState>,
    /// The report's model compared with a second one.
    pub model_comparison: Rc<ModelComparisonState>,
    /// Id for the next request (comparison, analysis or search).
    pub next_request: RequestId,
    /// The error banner, if any.
    pub error: Option<PageError>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            model: Rc::default(),
            compare: Rc::default(),
            workspace: Rc::default(),
            analysis: Rc::default(),
            search: Rc::default(),
            pictures: Rc::default(),
            interview: Rc::default(),
            versions: Rc::default(),
            posture: Rc::default(),
            model_comparison: Rc::default(),
            next_request: RequestId(1),
            error: None,
        }
    }
}

/// Every way the page changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The first compared text was edited.
    EditFirst(String),
    /// The second compared text was edited.
    EditSecond(String),
    /// A comparison was sent with this id.
    CompareSent(RequestId),
    /// A message from the worker, and when it arrived (milliseconds, page clock).
    Worker {
        /// The message.
        message: FromWorker,
        /// Arrival time, for the analysis' remaining-time estimate.
        at_ms: f64,
    },
    /// The worker could not start, crashed, or sent something unreadable.
    WorkerBroken(String),
    /// A new worker replaces the broken one.
    WorkerRestarted,
    /// The worker was asked to load the model again.
    LoadRetried,
    /// The error banner was closed.
    DismissError,

    /// The resume was edited.
    EditResume(String),
    /// Files were dropped on the resume: their texts, and messages about files not read. The
    /// text read becomes the resume and is saved as a version named after the files.
    ResumeFromFiles {
        /// Files read, as (name, text).
        files: Vec<ReadFile>,
        /// Why other files were not read.
        skipped: Vec<String>,
        /// When they were read (local time, as versions are labelled).
        read_at: String,
    },
    /// The "new post" title was edited.
    EditDraftTitle(String),
    /// The "new post" text was edited.
    EditDraftText(String),
    /// "Add post": the "new post" box becomes one or more posts (split on `---` lines).
    AddDraft,
    /// Files were dropped on the posts: one post per file.
    PostsFromFiles {
        /// Files read, as (name, text).
        files: Vec<ReadFile>,
        /// Why other files were not read.
        skipped: Vec<String>,
    },
    /// A post's title was edited.
    EditPostTitle(PostId, String),
    /// A post's text was edited.
    EditPostText(PostId, String),
    /// A post was removed.
    RemovePost(PostId),
    /// The post removed last is put back where it was.
    UndoRemove,
    /// "Try it with an example": an empty workspace gets the example resume and posts.
    LoadExample,
    /// A post moved one place.
    MovePost(PostId, Direction),
    /// The "covered" threshold moved (the other follows if they would cross).
    SetCovered(f32),
    /// The "partly" threshold moved (the other follows if they would cross).
    SetPartly(f32),
    /// Both thresholds back to their defaults.
    ResetThresholds,

    /// An analysis was sent with this id, at this time.
    AnalyzeSent {
        /// Its id.
        request_id: RequestId,
        /// When (milliseconds, page clock).
        at_ms: f64,
    },
    /// Cancel was pressed (and sent to the worker).
    CancelRequested,
    /// A post of the report was chosen.
    SelectPost(usize),
    /// A post of the report was marked fit (`Some(true)`), not for me (`Some(false)`), or
    /// unmarked; the ranking learns from the marks.
    MarkPost {
        /// Index into the report's posts.
        index: usize,
        /// The mark.
        mark: Option<bool>,
    },
    /// A report view was chosen.
    ShowTab(ReportTab),
    /// The search box was edited.
    EditSearch(String),
    /// A search was sent with this id.
    SearchSent(RequestId),
    /// The note about the analysis was closed.
    DismissNotice,
    /// A map was asked for with this id, at this time (page clock, ms).
    MapSent {
        /// Its id.
        request_id: RequestId,
        /// When.
        at_ms: f64,
    },
    /// The map under way was cancelled.
    MapCancelled,
    /// A post's similarity grid was asked for with this id.
    GridSent {
        /// Its id.
        request_id: RequestId,
        /// The post.
        post: usize,
    },

    /// The interview question box was edited.
    EditQuestion(String),
    /// A question was sent with this id.
    AskSent(RequestId),
    /// An interview of this resume was sent with this id.
    InterviewSent(RequestId, String),
    /// The post the question bank and outline are for (`None`: the common questions).
    ChooseInterviewPost(Option<usize>),
    /// A story was pinned into the outline, or unpinned.
    PinStory(usize),
    /// A story was swapped out of the outline for the next best one.
    SwapStory(usize),
    /// An outline item moved.
    MoveOutlineItem {
        /// Its place.
        from: usize,
        /// Its new place.
        to: usize,
    },

    /// The resume as it is now was saved as a version.
    SaveVersion {
        /// Its name (blank: the time).
        label: String,
        /// The time, as the person's clock shows it.
        saved_at: String,
    },
    /// The version at this index was removed.
    RemoveVersion(usize),
    /// A comparison of the versions was sent with this id.
    ProgressSent(RequestId),
    /// A grouping of the posts into role families was sent with this id.
    PostureSent(RequestId),

    /// The second model to compare the report's with was chosen (a registered name).
    ChooseComparisonModel(String),
    /// "Compare" was pressed: a comparison of models starts under this id (its temporary
    /// worker's analysis).
    ModelComparisonStarted(RequestId),
    /// A message from the comparison's temporary worker.
    ModelComparisonWorker {
        /// The comparison it works for.
        request_id: RequestId,
        /// The message.
        message: FromWorker,
    },
    /// The comparison's temporary worker could not start, crashed or sent something
    /// unreadable.
    ModelComparisonBroken {
        /// The comparison it worked for.
        request_id: RequestId,
        /// Why.
        message: String,
    },
    /// The comparison under way was cancelled (its worker is terminated).
    ModelComparisonCancelled,

    /// The saved workspace was read (or could not be).
    Restored(Restore),
    /// The report kept from the last visit was read (shown if the inputs are still its own).
    ReportRestored(Box<crate::workspace::SavedReport>),
    /// This revision is saved.
    Saved(u64),
    /// Saving failed.
    SaveFailed(String),
    /// The person chose to replace an unreadable saved workspace with the page's.
    StartFresh,
    /// "Clear everything" was confirmed: the workspace is deleted and the page reset.
    ClearedAll,
    /// Deleting the stored data failed.
    ClearFailed(String),
}

/// The note shown after "Clear everything".
pub const CLEARED_NOTE: &str =
    "Everything was cleared: your resume, posts and settings are deleted from this browser.";

/// The note shown once the worker has also deleted the cached embeddings.
pub const CACHE_CLEARED_NOTE: &str = "Everything was cleared: your resume, posts, settings and \
     the stored sentence embeddings are deleted from this browser.";

impl State {
    /// Whether the model is ready for comparisons.
    pub fn is_ready(&self) -> bool {
        self.model.is_ready()
    }

    /// Whether the saved workspace is still being read.
    pub fn is_restoring(&self) -> bool {
        self.workspace.is_restoring()
    }

    /// Why Search cannot be pressed now, or `None` if it can.
    pub fn search_blocker(&self) -> Option<&'static str> {
        if self.analysis.analyzed.as_ref().is_some_and(|a| a.restored) {
            return Some(
                "This report is kept from your last visit: analyse again (quick, from the cache) to search it.",
            );
        }
        self.search
            .blocker(self.analysis.analyzed.is_some(), self.is_ready())
    }

    /// Why the worker cannot draw the map or a heatmap now, or `None` if it can.
    pub fn map_blocker(&self) -> Option<&'static str> {
        match &self.analysis.analyzed {
            None => Some("Analyse your posts first; then they can be pictured."),
            Some(a) if a.restored => Some(
                "This report is kept from your last visit: analyse again (quick, from the cache) to picture it.",
            ),
            Some(_) if !self.is_ready() => Some("The model is still loading."),
            Some(_) => None,
        }
    }

    /// Why Compare cannot be pressed now, or `None` if it can.
    pub fn compare_blocker(&self) -> Option<&'static str> {
        self.compare.blocker(self.is_ready())
    }

    /// Why Analyze cannot be pressed now, or `None` if it can.
    pub fn analyze_blocker(&self) -> Option<&'static str> {
        let workspace = &self.workspace;
        if workspace.is_restoring() {
            Some("Restoring your saved workspace…")
        } else if self.analysis.running.is_some() {
            Some("Analysing…")
        } else if workspace.resume.trim().is_empty() {
            Some("Paste your resume (or drop a .txt or .md file on it) to analyse it.")
        } else if workspace.posts.is_empty() && !workspace.draft_text.trim().is_empty() {
            Some("Press “Add post” to put the post you pasted in the list, then analyse.")
        } else if workspace.posts.is_empty() {
            Some("Add at least one job post to compare your resume with.")
        } else if self.model.status == ModelStatus::Failed {
            Some("The model is not available: use Retry above.")
        } else if !self.is_ready() {
            Some("The model is still loading; you can analyse as soon as it is ready.")
        } else {
            None
        }
    }

    /// Bytes downloaded over all files, and the total if every file's size is known.
    pub fn download_progress(&self) -> (u64, Option<u64>) {
        self.model.download_progress()
    }

    /// The analysis request for the current inputs.
    pub fn analyze_request(&self, request_id: RequestId) -> ToWorker {
        ToWorker::Analyze {
            request_id,
            resume: self.workspace.resume.clone(),
            posts: self.workspace.post_texts(),
            thresholds: self.workspace.thresholds,
        }
    }

    /// Whether the inputs changed since the shown report was made.
    pub fn report_is_stale(&self) -> bool {
        self.analysis.report_is_stale(&self.workspace)
    }

    /// The problems shown at one place.
    pub fn problems_at(&self, target: ProblemTarget) -> Vec<String> {
        self.analysis.problems_at(target)
    }

    /// Clears the problems at one place (the analysis part is copied only if it has some).
    fn clear_problems(&mut self, target: ProblemTarget) {
        if self.analysis.has_problems_at(target) {
            Rc::make_mut(&mut self.analysis).clear_problems(target);
        }
    }

    /// New thresholds: saved with the workspace and applied to the report.
    fn set_thresholds(&mut self, thresholds: Thresholds) {
        Rc::make_mut(&mut self.workspace).set_thresholds(thresholds);
        if self.analysis.analyzed.is_some() {
            Rc::make_mut(&mut self.analysis).apply_thresholds(thresholds);
        }
    }

    fn on_worker(&mut self, message: FromWorker, at_ms: f64) {
        match message {
            FromWorker::LoadFailed { message } => {
                Rc::make_mut(&mut self.model).status = ModelStatus::Failed;
                self.error = Some(PageError {
                    message,
                    retry: Retry::LoadModel,
                });
            }
            message @ (FromWorker::Started
            | FromWorker::Models { .. }
            | FromWorker::Download { .. }
            | FromWorker::Verifying
            | FromWorker::Building
            | FromWorker::Ready { .. }
            | FromWorker::Workers { .. }) => Rc::make_mut(&mut self.model).on_worker(message),
            // Only the benchmark page asks for bare embeddings.
            FromWorker::Embedded { .. } => {}
            FromWorker::Compared {
                request_id,
                cosine,
                first,
                second,
                preprocessed,
            } => {
                if self.compare.is_pending(request_id) {
                    Rc::make_mut(&mut self.compare).answered(
                        request_id,
                        cosine,
                        (first, second),
                        preprocessed,
                    );
                }
            }
            FromWorker::Found {
                request_id,
                query,
                hits,
                searched,
                search_ms,
                ..
            } => {
                if self.search.is_pending(request_id) {
                    Rc::make_mut(&mut self.search).answered(
                        request_id,
                        Found {
                            query,
                            hits,
                            searched,
                            search_ms,
                        },
                    );
                }
            }
            FromWorker::Answered {
                request_id,
                question,
                answers,
                embed_ms,
                search_ms,
            } => {
                if self.interview.is_pending(request_id) {
                    Rc::make_mut(&mut self.interview).answered(
                        request_id,
                        Asked {
                            question,
                            answers,
                            embed_ms,
                            search_ms,
                        },
                    );
                }
            }
            FromWorker::Interviewed {
                request_id,
                interview,
                ..
            } => {
                if self.interview.is_pending(request_id) {
                    Rc::make_mut(&mut self.interview).interviewed(request_id, *interview);
                }
            }
            FromWorker::Progressed {
                request_id,
                progress,
                elapsed_ms,
            } => {
                if self.versions.is_pending(request_id) {
                    Rc::make_mut(&mut self.versions).compared(request_id, progress, elapsed_ms);
                }
            }
            FromWorker::Postured {
                request_id,
                posture,
                elapsed_ms,
            } => {
                if self.posture.is_pending(request_id) {
                    Rc::make_mut(&mut self.posture).grouped(request_id, posture, elapsed_ms);
                }
            }
            FromWorker::RequestFailed {
                request_id,
                message,
            } => {
                if self.posture.is_pending(request_id) {
                    Rc::make_mut(&mut self.posture).failed(request_id, message);
                } else if self.versions.is_pending(request_id) {
                    Rc::make_mut(&mut self.versions).failed(request_id, message);
                } else if self.interview.is_pending(request_id) {
                    Rc::make_mut(&mut self.interview).failed(request_id, &message);
                } else if self.compare.is_pending(request_id) {
                    Rc::make_mut(&mut self.compare).failed(request_id);
                    self.error = Some(PageError {
                        message,
                        retry: Retry::Compare,
                    });
                } else if self.search.is_pending(request_id) {
                    Rc::make_mut(&mut self.search).failed(request_id, &message);
                } else if self.pictures.is_pending(request_id) {
                    Rc::make_mut(&mut self.pictures).failed(request_id, &message);
                } else if self.analysis.is_running(request_id) {
                    Rc::make_mut(&mut self.analysis).failed(request_id);
                    self.error = Some(PageError {
                        message,
                        retry: Retry::Analyze,
                    });
                }
            }
            FromWorker::AnalysisProgress {
                request_id,
                sentences_done,
                sentences_total,
                sentences_cached,
            } => {
                if self.analysis.is_running(request_id) {
                    Rc::make_mut(&mut self.analysis).progress(
                        request_id,
                        sentences_done,
                        sentences_total,
                        sentences_cached,
                        at_ms,
                    );
                }
            }
            FromWorker::AnalyzedPart {
                request_id,
                posts,
                posts_total,
            } => {
                if self.analysis.is_running(request_id) {
                    Rc::make_mut(&mut self.analysis).part_arrived(request_id, posts, posts_total);
                }
            }
            FromWorker::Analyzed {
                request_id,
                report,
                posts_in_parts,
                sentences_embedded,
                sentences_cached,
                elapsed_ms,
            } => {
                if !self.analysis.is_running(request_id) {
                    return;
                }
                let shown = Rc::make_mut(&mut self.analysis).analyzed(
                    request_id,
                    (*report, posts_in_parts),
                    (sentences_embedded, sentences_cached, elapsed_ms),
                    &self.workspace,
                );
                if shown {
                    // The worker now searches the new posts: old hits would point at other ones.
                    Rc::make_mut(&mut self.search).forget_answer();
                    Rc::make_mut(&mut self.pictures).forget();
                }
            }
            FromWorker::InputRejected {
                request_id,
                problems,
            } => {
                if self.analysis.is_running(request_id) {
                    Rc::make_mut(&mut self.analysis).rejected(request_id, problems);
                } else if self.posture.is_pending(request_id) {
                    let message = problems
                        .iter()
                        .map(|p| p.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    Rc::make_mut(&mut self.posture)
                        .failed(request_id, format!("A post cannot be grouped: {message}"));
                } else if self.versions.is_pending(request_id) {
                    let message = problems
                        .iter()
                        .map(|p| p.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    Rc::make_mut(&mut self.versions).failed(
                        request_id,
                        format!("A version or a post cannot be compared: {message}"),
                    );
                }
            }
            FromWorker::Cancelled { request_id } => {
                if self.analysis.is_running(request_id) {
                    Rc::make_mut(&mut self.analysis).cancelled(request_id);
                }
            }
            FromWorker::MapFrame {
                request_id,
                step,
                steps,
                points,
            } => {
                if self.pictures.is_pending(request_id) {
                    Rc::make_mut(&mut self.pictures).map_frame(
                        request_id,
                        MapFrame {
                            points: Shared::new(points),
                            step,
                            steps,
                        },
                    );
                }
            }
            FromWorker::Mapped {
                request_id,
                points,
                method,
                trustworthiness,
                elapsed_ms,
            } => {
                if self.pictures.is_pending(request_id) {
                    Rc::make_mut(&mut self.pictures).mapped(
                        request_id,
                        Layout {
                            points: Shared::new(points),
                            method,
                            trustworthiness,
                            elapsed_ms,
                        },
                    );
                }
            }
            FromWorker::Similarities {
                request_id,
                post,
                columns,
                per_mille,
            } => {
                if self.pictures.is_pending(request_id) {
                    Rc::make_mut(&mut self.pictures).grid_answered(
                        request_id,
                        Grid {
                            post,
                            columns,
                            per_mille: Shared::new(per_mille),
                        },
                    );
                }
            }
            FromWorker::CacheCleared => {
                if self.analysis.notice.as_deref() == Some(CLEARED_NOTE) {
                    Rc::make_mut(&mut self.analysis).notice = Some(CACHE_CLEARED_NOTE.into());
                }
            }
        }
    }

    /// Back to an empty page, keeping the worker's state.
    fn clear_all(&mut self) {
        *self = State {
            model: Rc::clone(&self.model),
            next_request: self.next_request,
            error: self.error.take(),
            workspace: Rc::new(self.workspace.cleared()),
            analysis: Rc::new(AnalysisState {
                notice: Some(CLEARED_NOTE.into()),
                ..AnalysisState::default()
            }),
            ..State::default()
        };
    }

    /// Applies one action (the reducer, on a plain value): each part it concerns is copied
    /// (if shared) and changed; the others stay shared.
    pub fn apply(&mut self, action: Action) {
        // While the saved workspace is read the inputs are read-only; an edit arriving anyway
        // (a file dropped) would be overwritten by the restore, so it is not taken.
        if self.is_restoring() && action.edits_workspace() {
            return;
        }
        match action {
            Action::EditFirst(text) => Rc::make_mut(&mut self.compare).first = text,
            Action::EditSecond(text) => Rc::make_mut(&mut self.compare).second = text,
            Action::CompareSent(id) => {
                Rc::make_mut(&mut self.compare).sent(id);
                self.next_request = id.next();
                self.error = None;
            }
            Action::EditSearch(query) => Rc::make_mut(&mut self.search).query = query,
            Action::SearchSent(id) => {
                Rc::make_mut(&mut self.search).sent(id);
                self.next_request = id.next();
            }
            Action::EditQuestion(question) => Rc::make_mut(&mut self.interview).question = question,
            Action::AskSent(id) => {
                Rc::make_mut(&mut self.interview).ask_sent(id);
                self.next_request = id.next();
            }
            Action::InterviewSent(id, resume) => {
                Rc::make_mut(&mut self.interview).prepare_sent(id, resume);
                self.next_request = id.next();
            }
            Action::ChooseInterviewPost(post) => {
                Rc::make_mut(&mut self.interview).choose_post(post)
            }
            Action::PinStory(story) => Rc::make_mut(&mut self.interview).toggle_pin(story),
            Action::SwapStory(story) => Rc::make_mut(&mut self.interview).swap_out(story),
            Action::MoveOutlineItem { from, to } => {
                Rc::make_mut(&mut self.interview).move_item(from, to)
            }
            Action::SaveVersion { label, saved_at } => {
                Rc::make_mut(&mut self.workspace).save_version(&label, &saved_at)
            }
            Action::RemoveVersion(index) => Rc::make_mut(&mut self.workspace).remove_version(index),
            Action::ProgressSent(id) => {
                Rc::make_mut(&mut self.versions).sent(id);
                self.next_request = id.next();
            }
            Action::PostureSent(id) => {
                Rc::make_mut(&mut self.posture).sent(id);
                self.next_request = id.next();
            }
            Action::ChooseComparisonModel(name) => {
                Rc::make_mut(&mut self.model_comparison).chosen = Some(name)
            }
            Action::ModelComparisonStarted(id) => {
                let started = Rc::make_mut(&mut self.model_comparison).start(
                    id,
                    self.analysis.analyzed.as_ref(),
                    &self.model,
                );
                if started {
                    self.next_request = id.next();
                }
            }
            Action::ModelComparisonWorker {
                request_id,
                message,
            } => {
                if self.model_comparison.is_running(request_id) {
                    Rc::make_mut(&mut self.model_comparison).on_worker(request_id, message);
                }
            }
            Action::ModelComparisonBroken {
                request_id,
                message,
            } => {
                if self.model_comparison.is_running(request_id) {
                    Rc::make_mut(&mut self.model_comparison).broken(request_id, &message);
                }
            }
            Action::ModelComparisonCancelled => Rc::make_mut(&mut self.model_comparison).cancel(),
            Action::Worker { message, at_ms } => self.on_worker(message, at_ms),
            Action::WorkerBroken(message) => {
                Rc::make_mut(&mut self.model).status = ModelStatus::Failed;
                Rc::make_mut(&mut self.compare).pending = None;
                Rc::make_mut(&mut self.search).pending = None;
                Rc::make_mut(&mut self.pictures).worker_stopped();
                Rc::make_mut(&mut self.interview).worker_stopped();
                Rc::make_mut(&mut self.versions).comparing = None;
                Rc::make_mut(&mut self.posture).pending = None;
                Rc::make_mut(&mut self.analysis).worker_stopped();
                self.error = Some(PageError {
                    message,
                    retry: Retry::RestartWorker,
                });
            }
            Action::WorkerRestarted | Action::LoadRetried => {
                Rc::make_mut(&mut self.model).restart();
                self.error = None;
            }
            Action::DismissError => self.error = None,

            Action::EditResume(text) => {
                Rc::make_mut(&mut self.workspace).edit_resume(text);
                self.clear_problems(ProblemTarget::Resume);
            }
            Action::ResumeFromFiles {
                files,
                skipped,
                read_at,
            } => {
                if Rc::make_mut(&mut self.workspace).resume_from_files(&files, &skipped, &read_at) {
                    self.clear_problems(ProblemTarget::Resume);
                }
            }
            Action::EditDraftTitle(title) => {
                Rc::make_mut(&mut self.workspace).edit_draft_title(title)
            }
            Action::EditDraftText(text) => Rc::make_mut(&mut self.workspace).edit_draft_text(text),
            Action::AddDraft => {
                if Rc::make_mut(&mut self.workspace).add_draft() {
                    self.clear_problems(ProblemTarget::Posts);
                }
            }
            Action::PostsFromFiles { files, skipped } => {
                if Rc::make_mut(&mut self.workspace).posts_from_files(files, skipped) {
                    self.clear_problems(ProblemTarget::Posts);
                }
            }
            Action::EditPostTitle(id, title) => {
                Rc::make_mut(&mut self.workspace).edit_post_title(id, title)
            }
            Action::EditPostText(id, text) => {
                if Rc::make_mut(&mut self.workspace).edit_post_text(id, text) {
                    self.clear_problems(ProblemTarget::Post(id));
                }
            }
            Action::RemovePost(id) => {
                if Rc::make_mut(&mut self.workspace).remove_post(id) {
                    self.clear_problems(ProblemTarget::Post(id));
                }
            }
            Action::UndoRemove => Rc::make_mut(&mut self.workspace).undo_remove(),
            Action::LoadExample => {
                if self.workspace.is_empty() {
                    Rc::make_mut(&mut self.workspace).load_example();
                    self.clear_problems(ProblemTarget::Resume);
                    self.clear_problems(ProblemTarget::Posts);
                }
            }
            Action::MovePost(id, direction) => {
                Rc::make_mut(&mut self.workspace).move_post(id, direction)
            }
            Action::SetCovered(value) => {
                let covered = round_threshold(value);
                let partly = self.workspace.thresholds.partly.min(covered);
                self.set_thresholds(Thresholds { covered, partly });
            }
            Action::SetPartly(value) => {
                let partly = round_threshold(value);
                let covered = self.workspace.thresholds.covered.max(partly);
                self.set_thresholds(Thresholds { covered, partly });
            }
            Action::ResetThresholds => self.set_thresholds(Thresholds::default()),

            Action::AnalyzeSent { request_id, at_ms } => {
                Rc::make_mut(&mut self.analysis).sent(request_id, at_ms, &self.workspace);
                self.next_request = request_id.next();
                self.error = None;
            }
            Action::CancelRequested => Rc::make_mut(&mut self.analysis).cancel_requested(),
            Action::MarkPost { index, mark } => {
                if self.analysis.has_post(index) {
                    let id = Rc::make_mut(&mut self.analysis).mark_post(index, mark);
                    let workspace = Rc::make_mut(&mut self.workspace);
                    match id {
                        Some(id) => workspace.set_mark(id, mark),
                        None => workspace.touch(),
                    }
                }
            }
            Action::SelectPost(index) => {
                if self.analysis.has_post(index) {
                    Rc::make_mut(&mut self.analysis).select_post(index);
                }
            }
            Action::ShowTab(tab) => Rc::make_mut(&mut self.analysis).tab = tab,
            Action::DismissNotice => Rc::make_mut(&mut self.analysis).notice = None,
            Action::MapSent { request_id, at_ms } => {
                Rc::make_mut(&mut self.pictures).map_sent(request_id, at_ms);
                self.next_request = request_id.next();
            }
            Action::MapCancelled => Rc::make_mut(&mut self.pictures).map_cancelled(),
            Action::GridSent { request_id, post } => {
                Rc::make_mut(&mut self.pictures).grid_sent(request_id, post);
                self.next_request = request_id.next();
            }

            Action::Restored(restore) => {
                if self.is_restoring() {
                    Rc::make_mut(&mut self.workspace).restore(restore);
                }
            }
            Action::ReportRestored(saved) => {
                Rc::make_mut(&mut self.analysis).restored(*saved, &self.workspace);
            }
            Action::Saved(revision) => Rc::make_mut(&mut self.workspace).saved_up_to(revision),
            Action::SaveFailed(message) => Rc::make_mut(&mut self.workspace).save_failed(message),
            Action::StartFresh => Rc::make_mut(&mut self.workspace).start_fresh(),
            Action::ClearedAll => self.clear_all(),
            Action::ClearFailed(message) => Rc::make_mut(&mut self.workspace).clear_failed(message),
        }
    }
}

impl Action {
    /// Whether this action changes what the person typed.
    fn edits_workspace(&self) -> bool {
        matches!(
            self,
            Action::EditResume(_)
                | Action::ResumeFromFiles { .. }
                | Action::EditDraftTitle(_)
                | Action::EditDraftText(_)
                | Action::AddDraft
                | Action::PostsFromFiles { .. }
                | Action::EditPostTitle(..)
                | Action::EditPostText(..)
                | Action::RemovePost(_)
                | Action::UndoRemove
                | Action::LoadExample
                | Action::MovePost(..)
                | Action::SetCovered(_)
                | Action::SetPartly(_)
                | Action::ResetThresholds
                | Action::AnalyzeSent { .. }
                | Action::SaveVersion { .. }
                | Action::RemoveVersion(_)
                | Action::ClearedAll
        )
    }
}

/// A threshold as the controls set it: in [0, 1], to the slider's step of 0.01.
fn round_threshold(value: f32) -> f32 {
    if value.is_finite() {
        (value.clamp(0.0, 1.0) * 100.0).round() / 100.0
    } else {
        Thresholds::default().covered
    }
}

impl Reducible for State {
    type Action = Action;

    /// Copies the state's handful of pointers (not its parts) and applies the action; the
    /// parts the action changes are copied on write by [`State::apply`].
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn failures_show_an_error_with_the_right_retry_and_keep_the_texts() {
        let typed = || {
            [
                Action::EditFirst("a".into()),
                Action::EditSecond("b".into()),
            ]
        };
        let cases = [
            (
                worker(FromWorker::LoadFailed {
                    message: "404".into(),
                }),
                Retry::LoadModel,
            ),
            (Action::WorkerBroken("crashed".into()), Retry::RestartWorker),
        ];
        for (failure, retry) in cases {
            let state = run(typed().into_iter().chain([failure]));
            assert_eq!(state.error.map(|e| e.retry), Some(retry));
            assert_eq!(state.model.status, ModelStatus::Failed);
            assert_eq!(
                (state.compare.first.as_str(), state.compare.second.as_str()),
                ("a", "b")
            );
        }

        let state = run(typed().into_iter().chain([
            ready(),
            Action::CompareSent(RequestId(1)),
            worker(FromWorker::RequestFailed {
                request_id: RequestId(1),
                message: "boom".into(),
            }),
        ]));
        assert!(state.is_ready() && state.compare.pending.is_none());
        assert_eq!(
            state.error.map(|e| (e.message, e.retry)),
            Some(("boom".into(), Retry::Compare))
        );
    }

    #[test]
    fn clearing_everything_resets_the_page_but_not_the_model() {
        let state = run(with(
            typed(),
            [
                sent(1),
                analyzed(1),
                Action::SetCovered(0.7),
                Action::ClearedAll,
            ],
        ));
        assert!(state.is_ready());
        assert!(state.workspace.resume.is_empty() && state.workspace.posts.is_empty());
        assert!(state.analysis.analyzed.is_none() && state.analysis.running.is_none());
        assert_eq!(state.workspace.thresholds, Thresholds::default());
        assert_eq!(state.next_request, RequestId(2));
        assert!(!state.workspace.has_unsaved_changes());
        assert_eq!(state.analysis.notice.as_deref(), Some(CLEARED_NOTE));
        let before = run(typed());
        let mut cleared = before.clone();
        cleared.apply(Action::ClearedAll);
        assert_ne!(
            cleared.workspace.revision, before.workspace.revision,
            "a pending save is superseded"
        );
        let state = run(with(
            typed(),
            [Action::ClearedAll, worker(FromWorker::CacheCleared)],
        ));
        assert_eq!(state.analysis.notice.as_deref(), Some(CACHE_CLEARED_NOTE));
        // Clearing replaces an unreadable saved workspace, so saving resumes.
        let state = run([
            Action::Restored(Restore::Unreadable("x".into())),
            Action::ClearedAll,
        ]);
        assert!(state.workspace.saves());
    }
}
