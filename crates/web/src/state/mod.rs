//! The page's state and every way it changes, as a reducer: each change is one pure function
//! of (state, action), so the page's behaviour can be tested without a browser.
//!
//! Three things live here: the model worker's status (and the two-sentence comparison), the
//! workspace the person edits (resume, job posts, thresholds — saved in the browser, see
//! [`crate::workspace`]), and the analysis with its report.

use std::ops::Deref;
use std::rc::Rc;

use jobdelta_matching::{PostText, ProblemPlace, Report, SearchHit, Thresholds};
use jobdelta_protocol::{
    Engine, FromWorker, ModelFile, PieceCount, PreprocessedCosine, RequestId, ToWorker,
};
use yew::Reducible;

use crate::import::{self, NewPost, ReadFile};
use crate::workspace::{SavedPost, Workspace};

/// Where the model is, as shown in the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelStatus {
    /// The worker's code is loading.
    Starting,
    /// Model files are downloading (see [`State::downloads`]).
    Downloading,
    /// The weights are being checked.
    Verifying,
    /// The encoder is being built.
    Building,
    /// Ready to compare.
    Ready {
        /// Which model answered.
        model_id: String,
        /// How long loading took.
        load_ms: u64,
        /// How it runs (precision, SIMD, workers planned).
        engine: Engine,
        /// Workers with their model ready, the first one included.
        workers_ready: usize,
    },
    /// Loading failed or the worker broke; [`State::error`] says why.
    Failed,
}

/// One model file's download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileProgress {
    /// Which file.
    pub file: ModelFile,
    /// Bytes received.
    pub done: u64,
    /// Its size, if known.
    pub total: Option<u64>,
}

/// The outcome of the last comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Cosine similarity of the two embeddings.
    pub cosine: f32,
    /// Word pieces of the first text.
    pub first: PieceCount,
    /// Word pieces of the second text.
    pub second: PieceCount,
    /// The cosine after each preprocessing mode.
    pub preprocessed: Vec<PreprocessedCosine>,
    /// The texts that were compared, to tell when the result no longer matches the inputs.
    pub texts: (String, String),
}

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

/// Identifies a post in the list while the page is open (its position changes when it moves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostId(pub u32);

/// A job post in the list, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PostDraft {
    /// Stable identity (list key, where problems are shown).
    pub id: PostId,
    /// Its title ("" for none: the report then infers one).
    pub title: String,
    /// Its text.
    pub text: String,
    /// The person's mark from the report: fit (`true`) or not for me (`false`).
    pub mark: Option<bool>,
}

/// Which way to move a post in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the top.
    Up,
    /// Towards the bottom.
    Down,
}

/// The inputs an analysis was made of, to tell when the report no longer matches them.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedInputs {
    /// The resume.
    pub resume: String,
    /// The posts, as sent.
    pub posts: Vec<PostText>,
}

/// An analysis under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Running {
    /// Its request.
    pub request_id: RequestId,
    /// When it was sent (milliseconds, page clock).
    pub started_at_ms: f64,
    /// When the last progress arrived.
    pub updated_at_ms: f64,
    /// Distinct sentences ready.
    pub done: usize,
    /// Distinct sentences in all (0 until the worker has split the texts).
    pub total: usize,
    /// Of `total`, how many come from the cache.
    pub cached: usize,
    /// Cancel was pressed; waiting for the worker to confirm.
    pub cancelling: bool,
    /// The posts sent, by position (the worker names posts by position).
    pub post_ids: Vec<PostId>,
    /// What was sent.
    pub inputs: Shared<AnalysedInputs>,
}

impl Running {
    /// Estimated milliseconds left, from the embedding rate so far (sentences found in the
    /// cache are instant, so they do not count towards the rate).
    pub fn eta_ms(&self) -> Option<u64> {
        let elapsed = self.updated_at_ms - self.started_at_ms;
        let embedded = self.done.saturating_sub(self.cached);
        let remaining = self.total.saturating_sub(self.done);
        if self.total == 0 || embedded == 0 || elapsed.is_nan() || elapsed <= 0.0 {
            return None;
        }
        let per_sentence = elapsed / embedded as f64;
        Some((per_sentence * remaining as f64).round() as u64)
    }
}

/// A finished analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    /// The report, under the page's current thresholds.
    pub report: Shared<Report>,
    /// What was analysed.
    pub inputs: Shared<AnalysedInputs>,
    /// Sentences embedded for it.
    pub sentences_embedded: usize,
    /// Sentences taken from the cache.
    pub sentences_cached: usize,
    /// How long it took.
    pub elapsed_ms: u64,
    /// The posts analysed, by position in the report.
    pub post_ids: Vec<PostId>,
}

/// Where a problem with the inputs is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemTarget {
    /// Under the resume.
    Resume,
    /// Under the list of posts.
    Posts,
    /// On one post.
    Post(PostId),
}

/// A problem the worker found with the inputs, placed next to the input concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where.
    pub target: ProblemTarget,
    /// What to fix.
    pub message: String,
}

/// Whether and how the workspace is saved in the browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    /// Reading the saved workspace; the inputs wait (read-only) so nothing typed is overwritten.
    Restoring,
    /// Every change is saved.
    Active,
    /// The last save failed (e.g. storage full); the next change tries again.
    Failed(String),
    /// The saved workspace could not be read; it is kept as it is and nothing is saved until
    /// the person chooses to start fresh.
    Paused(String),
    /// The browser offers no storage; nothing is saved.
    Unavailable(String),
}

/// What reading the saved workspace gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Restore {
    /// A workspace.
    Found(Workspace),
    /// Nothing saved yet.
    Nothing,
    /// A document this page cannot read (newer, unknown or damaged); the message says so.
    Unreadable(String),
    /// No storage.
    Unavailable(String),
}

/// The views of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportTab {
    /// The ranking and one post's requirements.
    #[default]
    Posts,
    /// The resume's sentences and what they speak to.
    Sentences,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Model loading.
    pub model: ModelStatus,
    /// Download progress per file, in the order the worker reported them.
    pub downloads: Vec<FileProgress>,
    /// The first text of the two-sentence comparison, as typed.
    pub first: String,
    /// The second text of the comparison, as typed.
    pub second: String,
    /// The comparison waiting for an answer, with the texts it was sent with.
    pub pending: Option<(RequestId, (String, String))>,
    /// Id for the next request (comparison or analysis).
    pub next_request: RequestId,
    /// The last comparison's result.
    pub result: Option<Comparison>,
    /// The error banner, if any.
    pub error: Option<PageError>,

    /// The resume or brag document.
    pub resume: String,
    /// The job posts, in list order.
    pub posts: Vec<PostDraft>,
    /// Id for the next post added.
    pub next_post: u32,
    /// The post removed last, with its position, so it can be put back.
    pub last_removed: Option<(usize, PostDraft)>,
    /// The title typed in the "new post" box.
    pub draft_title: String,
    /// The text typed in the "new post" box.
    pub draft_text: String,
    /// Similarity thresholds (always consistent: `partly` ≤ `covered`, both in [0, 1]).
    pub thresholds: Thresholds,
    /// Bumped by every change worth saving.
    pub revision: u64,
    /// The revision last saved (or restored).
    pub saved_revision: u64,
    /// Whether the workspace is saved.
    pub persistence: Persistence,

    /// The analysis under way.
    pub running: Option<Running>,
    /// The last report.
    pub analysed: Option<Analysed>,
    /// Problems the worker found with the inputs of the last analysis.
    pub problems: Vec<Problem>,
    /// A note about the analysis (cancelled, stopped, cleared…).
    pub notice: Option<String>,
    /// A note about the resume box (files not read…).
    pub resume_notice: Option<String>,
    /// A note about the posts (files not read, nothing to add…).
    pub posts_notice: Option<String>,
    /// The post whose requirements are shown (index into the report's posts).
    pub selected_post: Option<usize>,
    /// The report view shown.
    pub tab: ReportTab,
    /// The search of the analysed posts' requirements.
    pub search: RequirementSearch,
}

/// A search of every analysed post's requirements.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequirementSearch {
    /// What is typed in the search box.
    pub query: String,
    /// The search under way.
    pub pending: Option<RequestId>,
    /// The last answer.
    pub found: Option<Found>,
    /// Why the last search failed.
    pub error: Option<String>,
}

/// The answer to one search.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The query searched for.
    pub query: String,
    /// The closest requirements, best first.
    pub hits: Vec<SearchHit>,
    /// Requirements searched.
    pub searched: usize,
    /// Milliseconds to score them all (the query's embedding aside).
    pub search_ms: f64,
}

/// How many requirements a search shows.
pub const SEARCH_LIMIT: usize = 20;

impl Default for State {
    fn default() -> Self {
        Self {
            model: ModelStatus::Starting,
            downloads: Vec::new(),
            first: String::new(),
            second: String::new(),
            pending: None,
            next_request: RequestId(1),
            result: None,
            error: None,
            resume: String::new(),
            posts: Vec::new(),
            next_post: 1,
            last_removed: None,
            draft_title: String::new(),
            draft_text: String::new(),
            thresholds: Thresholds::default(),
            revision: 0,
            saved_revision: 0,
            persistence: Persistence::Restoring,
            running: None,
            analysed: None,
            problems: Vec::new(),
            notice: None,
            resume_notice: None,
            posts_notice: None,
            selected_post: None,
            tab: ReportTab::Posts,
            search: RequirementSearch::default(),
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
    /// Files were dropped on the resume: their texts, and messages about files not read.
    ResumeFromFiles {
        /// Files read, as (name, text).
        files: Vec<ReadFile>,
        /// Why other files were not read.
        skipped: Vec<String>,
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

    /// The saved workspace was read (or could not be).
    Restored(Restore),
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

/// The note shown when an analysis is cancelled.
pub const CANCELLED_NOTE: &str =
    "Analysis cancelled. Your resume and posts are as you left them; analyse again when ready.";

/// The note shown after "Clear everything".
pub const CLEARED_NOTE: &str =
    "Everything was cleared: your resume, posts and settings are deleted from this browser.";

/// The note shown once the worker has also deleted the cached embeddings.
pub const CACHE_CLEARED_NOTE: &str = "Everything was cleared: your resume, posts, settings and \
     the stored sentence embeddings are deleted from this browser.";

impl State {
    /// Whether the model is ready for comparisons.
    pub fn is_ready(&self) -> bool {
        matches!(self.model, ModelStatus::Ready { .. })
    }

    /// Why Search cannot be pressed now, or `None` if it can.
    pub fn search_blocker(&self) -> Option<&'static str> {
        if self.analysed.is_none() {
            Some("Analyse your posts first; then search their requirements.")
        } else if !self.is_ready() {
            Some("The model is still loading.")
        } else if self.search.query.trim().is_empty() {
            Some("Type a skill, a duty or a phrase to look for.")
        } else {
            None
        }
    }

    /// Why Compare cannot be pressed now, or `None` if it can.
    pub fn compare_blocker(&self) -> Option<&'static str> {
        let first_blank = self.first.trim().is_empty();
        let second_blank = self.second.trim().is_empty();
        if self.pending.is_some() {
            Some("Comparing…")
        } else if first_blank && second_blank {
            Some("Write or paste a text in both boxes to compare them.")
        } else if first_blank {
            Some("The first text is empty: write or paste something in it.")
        } else if second_blank {
            Some("The second text is empty: write or paste something in it.")
        } else if !self.is_ready() {
            Some("The model is still loading; you can compare as soon as it is ready.")
        } else {
            None
        }
    }

    /// Why Analyze cannot be pressed now, or `None` if it can.
    pub fn analyze_blocker(&self) -> Option<&'static str> {
        if self.is_restoring() {
            Some("Restoring your saved workspace…")
        } else if self.running.is_some() {
            Some("Analysing…")
        } else if self.resume.trim().is_empty() {
            Some("Paste your resume (or drop a .txt or .md file on it) to analyse it.")
        } else if self.posts.is_empty() && !self.draft_text.trim().is_empty() {
            Some("Press “Add post” to put the post you pasted in the list, then analyse.")
        } else if self.posts.is_empty() {
            Some("Add at least one job post to compare your resume with.")
        } else if self.model == ModelStatus::Failed {
            Some("The model is not available: use Retry above.")
        } else if !self.is_ready() {
            Some("The model is still loading; you can analyse as soon as it is ready.")
        } else {
            None
        }
    }

    /// Whether text is waiting in the "new post" box while the list has posts (it would not
    /// be analysed).
    pub fn draft_left_out(&self) -> bool {
        !self.posts.is_empty() && !self.draft_text.trim().is_empty()
    }

    /// Bytes downloaded over all files, and the total if every file's size is known.
    pub fn download_progress(&self) -> (u64, Option<u64>) {
        let done = self.downloads.iter().map(|d| d.done).sum();
        let known = self.downloads.len() == ModelFile::ALL.len();
        let total = self
            .downloads
            .iter()
            .map(|d| d.total)
            .sum::<Option<u64>>()
            .filter(|_| known);
        (done, total)
    }

    /// Whether the texts were edited since the shown result was computed.
    pub fn result_is_stale(&self) -> bool {
        self.result
            .as_ref()
            .is_some_and(|r| r.texts.0 != self.first || r.texts.1 != self.second)
    }

    /// Whether the saved workspace is still being read.
    pub fn is_restoring(&self) -> bool {
        self.persistence == Persistence::Restoring
    }

    /// Whether changes are being saved.
    pub fn saves(&self) -> bool {
        matches!(
            self.persistence,
            Persistence::Active | Persistence::Failed(_)
        )
    }

    /// Whether there are changes not saved yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The posts as the worker takes them (a blank title lets the report infer one).
    pub fn post_texts(&self) -> Vec<PostText> {
        self.posts
            .iter()
            .map(|p| PostText {
                title: Some(p.title.trim().to_owned()).filter(|t| !t.is_empty()),
                text: p.text.clone(),
            })
            .collect()
    }

    /// The analysis request for the current inputs.
    pub fn analyze_request(&self, request_id: RequestId) -> ToWorker {
        ToWorker::Analyze {
            request_id,
            resume: self.resume.clone(),
            posts: self.post_texts(),
            thresholds: self.thresholds,
        }
    }

    /// What is saved in the browser.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            resume: self.resume.clone(),
            posts: self
                .posts
                .iter()
                .map(|p| SavedPost {
                    title: p.title.clone(),
                    text: p.text.clone(),
                    mark: p.mark,
                })
                .collect(),
            thresholds: self.thresholds,
            draft: SavedPost {
                title: self.draft_title.clone(),
                text: self.draft_text.clone(),
                mark: None,
            },
        }
    }

    /// Whether the inputs changed since the shown report was made.
    pub fn report_is_stale(&self) -> bool {
        self.analysed
            .as_ref()
            .is_some_and(|a| a.inputs.resume != self.resume || a.inputs.posts != self.post_texts())
    }

    /// The problems shown at one place.
    pub fn problems_at(&self, target: ProblemTarget) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.target == target)
            .map(|p| p.message.clone())
            .collect()
    }

    /// The analysis with this id, if it is the one under way.
    fn running_with(&mut self, request_id: RequestId) -> Option<&mut Running> {
        self.running.as_mut().filter(|r| r.request_id == request_id)
    }

    fn on_worker(&mut self, message: FromWorker, at_ms: f64) {
        match message {
            FromWorker::Started => {
                self.model = ModelStatus::Starting;
                self.downloads.clear();
            }
            FromWorker::Download {
                file,
                bytes_done,
                bytes_total,
            } => {
                self.model = ModelStatus::Downloading;
                let progress = FileProgress {
                    file,
                    done: bytes_done,
                    total: bytes_total,
                };
                match self.downloads.iter_mut().find(|d| d.file == file) {
                    Some(entry) => *entry = progress,
                    None => self.downloads.push(progress),
                }
            }
            FromWorker::Verifying => self.model = ModelStatus::Verifying,
            FromWorker::Building => self.model = ModelStatus::Building,
            FromWorker::Ready {
                model_id,
                load_ms,
                engine,
            } => {
                self.model = ModelStatus::Ready {
                    model_id,
                    load_ms,
                    engine,
                    workers_ready: 1,
                }
            }
            FromWorker::Workers { ready, .. } => {
                if let ModelStatus::Ready { workers_ready, .. } = &mut self.model {
                    *workers_ready = ready;
                }
            }
            // Only the benchmark page asks for bare embeddings.
            FromWorker::Embedded { .. } => {}
            FromWorker::Found {
                request_id,
                query,
                hits,
                searched,
                search_ms,
                ..
            } => {
                if self
                    .search
                    .pending
                    .take_if(|id| *id == request_id)
                    .is_some()
                {
                    self.search.found = Some(Found {
                        query,
                        hits,
                        searched,
                        search_ms,
                    });
                    self.search.error = None;
                }
            }
            FromWorker::LoadFailed { message } => {
                self.model = ModelStatus::Failed;
                self.error = Some(PageError {
                    message,
                    retry: Retry::LoadModel,
                });
            }
            FromWorker::Compared {
                request_id,
                cosine,
                first,
                second,
                preprocessed,
            } => {
                // An answer to anything but the latest request is stale: drop it.
                if let Some((_, texts)) = self.pending.take_if(|(id, _)| *id == request_id) {
                    self.result = Some(Comparison {
                        cosine,
                        first,
                        second,
                        preprocessed,
                        texts,
                    });
                }
            }
            FromWorker::RequestFailed {
                request_id,
                message,
            } => {
                if self.pending.take_if(|(id, _)| *id == request_id).is_some() {
                    self.error = Some(PageError {
                        message,
                        retry: Retry::Compare,
                    });
                } else if self
                    .search
                    .pending
                    .take_if(|id| *id == request_id)
                    .is_some()
                {
                    self.search.error = Some(message);
                } else if self.running_with(request_id).is_some() {
                    self.running = None;
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
                if let Some(running) = self.running_with(request_id) {
                    running.done = sentences_done;
                    running.total = sentences_total;
                    running.cached = sentences_cached;
                    running.updated_at_ms = at_ms;
                }
            }
            FromWorker::Analyzed {
                request_id,
                report,
                sentences_embedded,
                sentences_cached,
                elapsed_ms,
            } => {
                let Some(running) = self.running_with(request_id).cloned() else {
                    return;
                };
                self.running = None;
                if running.cancelling {
                    // The report crossed the cancel on its way: honour the cancel.
                    self.notice = Some(CANCELLED_NOTE.into());
                    return;
                }
                let mut report = *report;
                // The thresholds may have moved while the analysis ran.
                if report.thresholds != self.thresholds {
                    report.apply_thresholds(self.thresholds);
                }
                // Marks belong to the posts, so they carry over to a new analysis.
                let marks: Vec<Option<bool>> = running
                    .post_ids
                    .iter()
                    .map(|&id| self.posts.iter().find(|p| p.id == id).and_then(|p| p.mark))
                    .collect();
                if marks.iter().any(Option::is_some) {
                    report.set_marks(&marks);
                }
                self.selected_post = report.ranking.first().copied();
                self.tab = ReportTab::Posts;
                // The worker now searches the new posts: old hits would point at other ones.
                self.search.found = None;
                self.search.error = None;
                self.analysed = Some(Analysed {
                    report: Shared::new(report),
                    inputs: running.inputs,
                    sentences_embedded,
                    sentences_cached,
                    elapsed_ms,
                    post_ids: running.post_ids,
                });
                self.problems.clear();
                self.notice = None;
            }
            FromWorker::InputRejected {
                request_id,
                problems,
            } => {
                let Some(running) = self.running_with(request_id).cloned() else {
                    return;
                };
                self.running = None;
                self.problems = problems
                    .into_iter()
                    .map(|p| Problem {
                        target: match p.place {
                            ProblemPlace::Resume => ProblemTarget::Resume,
                            ProblemPlace::Posts => ProblemTarget::Posts,
                            ProblemPlace::Post { index } => running
                                .post_ids
                                .get(index)
                                .map_or(ProblemTarget::Posts, |&id| ProblemTarget::Post(id)),
                        },
                        message: p.message,
                    })
                    .collect();
                self.notice = Some(format!(
                    "Nothing was analysed: fix what is marked below ({}), then analyse again.",
                    crate::format::count(self.problems.len(), "problem", "problems")
                ));
            }
            FromWorker::Cancelled { request_id } => {
                if self.running_with(request_id).is_some() {
                    self.running = None;
                    self.notice = Some(CANCELLED_NOTE.into());
                }
            }
            FromWorker::CacheCleared => {
                if self.notice.as_deref() == Some(CLEARED_NOTE) {
                    self.notice = Some(CACHE_CLEARED_NOTE.into());
                }
            }
        }
    }

    /// Records an edit worth saving.
    fn touch(&mut self) {
        self.revision += 1;
    }

    fn add_posts(&mut self, posts: Vec<NewPost>) {
        self.last_removed = None;
        for post in posts {
            let id = PostId(self.next_post);
            self.next_post += 1;
            self.posts.push(PostDraft {
                id,
                title: post.title,
                text: post.text,
                mark: None,
            });
        }
        self.problems.retain(|p| p.target != ProblemTarget::Posts);
        self.touch();
    }

    fn post_mut(&mut self, id: PostId) -> Option<&mut PostDraft> {
        self.posts.iter_mut().find(|p| p.id == id)
    }

    fn clear_problems(&mut self, target: ProblemTarget) {
        self.problems.retain(|p| p.target != target);
    }

    /// Marks a post of the report (and the post in the list, so the mark is saved and carries
    /// over to the next analysis), then re-ranks.
    fn mark_post(&mut self, index: usize, mark: Option<bool>) {
        let Some(analysed) = &self.analysed else {
            return;
        };
        if index >= analysed.report.posts.len() {
            return;
        }
        let id = analysed.post_ids.get(index).copied();
        let mut report = (*analysed.report).clone();
        let mut marks: Vec<Option<bool>> = report.posts.iter().map(|p| p.mark).collect();
        marks[index] = mark;
        report.set_marks(&marks);
        if let Some(analysed) = &mut self.analysed {
            analysed.report = Shared::new(report);
        }
        if let Some(post) = id.and_then(|id| self.post_mut(id)) {
            post.mark = mark;
        }
        self.touch();
    }

    fn set_thresholds(&mut self, thresholds: Thresholds) {
        self.thresholds = thresholds;
        if let Some(analysed) = &mut self.analysed {
            let mut report = (*analysed.report).clone();
            report.apply_thresholds(thresholds);
            analysed.report = Shared::new(report);
        }
        self.touch();
    }

    fn restore(&mut self, restore: Restore) {
        match restore {
            Restore::Found(workspace) => {
                self.resume = workspace.resume;
                self.posts.clear();
                let marks: Vec<Option<bool>> = workspace.posts.iter().map(|p| p.mark).collect();
                self.add_posts(
                    workspace
                        .posts
                        .into_iter()
                        .map(|p| NewPost {
                            title: p.title,
                            text: p.text,
                        })
                        .collect(),
                );
                for (post, mark) in self.posts.iter_mut().zip(marks) {
                    post.mark = mark;
                }
                self.thresholds = workspace.thresholds.sanitized();
                self.draft_title = workspace.draft.title;
                self.draft_text = workspace.draft.text;
                self.persistence = Persistence::Active;
            }
            Restore::Nothing => self.persistence = Persistence::Active,
            Restore::Unreadable(message) => self.persistence = Persistence::Paused(message),
            Restore::Unavailable(message) => self.persistence = Persistence::Unavailable(message),
        }
        // What was just read is what is stored.
        self.saved_revision = self.revision;
    }

    /// Back to an empty page, keeping the worker's state.
    fn clear_all(&mut self) {
        let fresh = State {
            model: self.model.clone(),
            downloads: std::mem::take(&mut self.downloads),
            next_request: self.next_request,
            next_post: self.next_post,
            error: self.error.take(),
            persistence: match &self.persistence {
                Persistence::Unavailable(message) => Persistence::Unavailable(message.clone()),
                _ => Persistence::Active,
            },
            // A new revision, already "saved": a save still waiting for its delay is dropped
            // (it would write back what was just deleted).
            revision: self.revision + 1,
            saved_revision: self.revision + 1,
            notice: Some(CLEARED_NOTE.into()),
            ..State::default()
        };
        *self = fresh;
    }

    /// Applies one action (the reducer, on a plain value).
    pub fn apply(&mut self, action: Action) {
        // While the saved workspace is read the inputs are read-only; an edit arriving anyway
        // (a file dropped) would be overwritten by the restore, so it is not taken.
        if self.is_restoring() && action.edits_workspace() {
            return;
        }
        match action {
            Action::EditFirst(text) => self.first = text,
            Action::EditSecond(text) => self.second = text,
            Action::EditSearch(query) => self.search.query = query,
            Action::SearchSent(id) => {
                self.search.pending = Some(id);
                self.search.error = None;
                self.next_request = id.next();
            }
            Action::CompareSent(id) => {
                self.pending = Some((id, (self.first.clone(), self.second.clone())));
                self.next_request = id.next();
                self.error = None;
            }
            Action::Worker { message, at_ms } => self.on_worker(message, at_ms),
            Action::WorkerBroken(message) => {
                self.model = ModelStatus::Failed;
                self.pending = None;
                self.search.pending = None;
                if self.running.take().is_some() {
                    self.notice = Some(
                        "The analysis stopped because the model worker stopped. Your inputs \
                         are kept: retry, then analyse again."
                            .into(),
                    );
                }
                self.error = Some(PageError {
                    message,
                    retry: Retry::RestartWorker,
                });
            }
            Action::WorkerRestarted | Action::LoadRetried => {
                self.model = ModelStatus::Starting;
                self.downloads.clear();
                self.error = None;
            }
            Action::DismissError => self.error = None,

            Action::EditResume(text) => {
                self.resume = text;
                self.resume_notice = None;
                self.clear_problems(ProblemTarget::Resume);
                self.touch();
            }
            Action::ResumeFromFiles { files, skipped } => {
                let text = import::resume_from_files(&files);
                let mut notes: Vec<String> = Vec::new();
                if !text.is_empty() {
                    self.resume = text;
                    self.clear_problems(ProblemTarget::Resume);
                    self.touch();
                    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
                    notes.push(format!("Read {}.", names.join(", ")));
                } else if skipped.is_empty() {
                    notes.push("The dropped file is empty.".into());
                }
                notes.extend(import::skipped_message(&skipped));
                self.resume_notice = Some(notes.join(" "));
            }
            Action::EditDraftTitle(title) => {
                self.draft_title = title;
                self.touch();
            }
            Action::EditDraftText(text) => {
                self.draft_text = text;
                self.posts_notice = None;
                self.touch();
            }
            Action::AddDraft => {
                let posts =
                    import::posts_from_paste(&self.draft_title, &self.draft_text, self.posts.len());
                if posts.is_empty() {
                    self.posts_notice = Some("Paste a job post's text in the box first.".into());
                    return;
                }
                self.posts_notice = (posts.len() > 1).then(|| {
                    format!(
                        "Added {} (the text was split on its “---” lines).",
                        crate::format::count(posts.len(), "post", "posts")
                    )
                });
                self.draft_title.clear();
                self.draft_text.clear();
                self.add_posts(posts);
            }
            Action::PostsFromFiles { files, skipped } => {
                let (posts, mut skipped_too) = import::posts_from_files(files);
                let mut skipped = skipped;
                skipped.append(&mut skipped_too);
                let mut notes = Vec::new();
                if !posts.is_empty() {
                    notes.push(format!(
                        "Added {} from files.",
                        crate::format::count(posts.len(), "post", "posts")
                    ));
                    self.add_posts(posts);
                }
                notes.extend(import::skipped_message(&skipped));
                self.posts_notice = Some(notes.join(" ")).filter(|n| !n.is_empty());
            }
            Action::EditPostTitle(id, title) => {
                if let Some(post) = self.post_mut(id) {
                    post.title = title;
                    self.touch();
                }
            }
            Action::EditPostText(id, text) => {
                if let Some(post) = self.post_mut(id) {
                    post.text = text;
                    self.clear_problems(ProblemTarget::Post(id));
                    self.touch();
                }
            }
            Action::RemovePost(id) => {
                if let Some(at) = self.posts.iter().position(|p| p.id == id) {
                    let post = self.posts.remove(at);
                    self.last_removed = Some((at, post));
                    self.clear_problems(ProblemTarget::Post(id));
                    self.touch();
                }
            }
            Action::UndoRemove => {
                if let Some((at, post)) = self.last_removed.take() {
                    self.posts.insert(at.min(self.posts.len()), post);
                    self.touch();
                }
            }
            Action::MovePost(id, direction) => {
                if let Some(at) = self.posts.iter().position(|p| p.id == id) {
                    let to = match direction {
                        Direction::Up => at.checked_sub(1),
                        Direction::Down => Some(at + 1).filter(|&to| to < self.posts.len()),
                    };
                    if let Some(to) = to {
                        self.last_removed = None;
                        self.posts.swap(at, to);
                        self.touch();
                    }
                }
            }
            Action::SetCovered(value) => {
                let covered = round_threshold(value);
                let partly = self.thresholds.partly.min(covered);
                self.set_thresholds(Thresholds { covered, partly });
            }
            Action::SetPartly(value) => {
                let partly = round_threshold(value);
                let covered = self.thresholds.covered.max(partly);
                self.set_thresholds(Thresholds { covered, partly });
            }
            Action::ResetThresholds => self.set_thresholds(Thresholds::default()),

            Action::AnalyzeSent { request_id, at_ms } => {
                self.running = Some(Running {
                    request_id,
                    started_at_ms: at_ms,
                    updated_at_ms: at_ms,
                    done: 0,
                    total: 0,
                    cached: 0,
                    cancelling: false,
                    post_ids: self.posts.iter().map(|p| p.id).collect(),
                    inputs: Shared::new(AnalysedInputs {
                        resume: self.resume.clone(),
                        posts: self.post_texts(),
                    }),
                });
                self.next_request = request_id.next();
                self.problems.clear();
                self.notice = None;
                self.error = None;
            }
            Action::CancelRequested => {
                if let Some(running) = &mut self.running {
                    running.cancelling = true;
                }
            }
            Action::MarkPost { index, mark } => self.mark_post(index, mark),
            Action::SelectPost(index) => {
                if self
                    .analysed
                    .as_ref()
                    .is_some_and(|a| index < a.report.posts.len())
                {
                    self.selected_post = Some(index);
                    self.tab = ReportTab::Posts;
                }
            }
            Action::ShowTab(tab) => self.tab = tab,
            Action::DismissNotice => self.notice = None,

            Action::Restored(restore) => {
                if self.is_restoring() {
                    self.restore(restore);
                }
            }
            Action::Saved(revision) => {
                self.saved_revision = self.saved_revision.max(revision);
                if matches!(self.persistence, Persistence::Failed(_)) {
                    self.persistence = Persistence::Active;
                }
            }
            Action::SaveFailed(message) => {
                if self.saves() {
                    self.persistence = Persistence::Failed(message);
                }
            }
            Action::StartFresh => {
                if matches!(self.persistence, Persistence::Paused(_)) {
                    self.persistence = Persistence::Active;
                    self.touch();
                }
            }
            Action::ClearedAll => self.clear_all(),
            Action::ClearFailed(message) => {
                self.persistence = match &self.persistence {
                    Persistence::Unavailable(m) => Persistence::Unavailable(m.clone()),
                    _ => Persistence::Failed(message),
                };
            }
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
                | Action::MovePost(..)
                | Action::SetCovered(_)
                | Action::SetPartly(_)
                | Action::ResetThresholds
                | Action::AnalyzeSent { .. }
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

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_matching::{
        Coverage, Evidence, FitBreakdown, FitLabel, InputProblem, PostReport, RequirementReport,
        ResumeSentenceReport, Summary,
    };
    use jobdelta_text::SectionKind;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run(actions: impl IntoIterator<Item = Action>) -> State {
        let state = actions
            .into_iter()
            .fold(Rc::new(State::default()), Reducible::reduce);
        Rc::unwrap_or_clone(state)
    }

    fn worker(message: FromWorker) -> Action {
        Action::Worker {
            message,
            at_ms: 0.0,
        }
    }

    fn worker_at(message: FromWorker, at_ms: f64) -> Action {
        Action::Worker { message, at_ms }
    }

    fn ready() -> Action {
        worker(FromWorker::Ready {
            model_id: "m".into(),
            load_ms: 5,
            engine: Engine::default(),
        })
    }

    fn restored() -> Action {
        Action::Restored(Restore::Nothing)
    }

    fn compared(id: u32, cosine: f32) -> Action {
        let pieces = PieceCount { used: 3, total: 3 };
        worker(FromWorker::Compared {
            request_id: RequestId(id),
            cosine,
            first: pieces,
            second: pieces,
            preprocessed: Vec::new(),
        })
    }

    /// A resume and two posts, restored, with the model ready.
    fn typed() -> Vec<Action> {
        vec![
            restored(),
            ready(),
            Action::EditResume("Built data pipelines in Python.".into()),
            Action::EditDraftText("Data engineer\n\nPython and Spark.".into()),
            Action::AddDraft,
            Action::EditDraftTitle("Backend".into()),
            Action::EditDraftText("Go services.".into()),
            Action::AddDraft,
        ]
    }

    fn with(mut actions: Vec<Action>, more: impl IntoIterator<Item = Action>) -> Vec<Action> {
        actions.extend(more);
        actions
    }

    fn sent(id: u32) -> Action {
        Action::AnalyzeSent {
            request_id: RequestId(id),
            at_ms: 1_000.0,
        }
    }

    fn requirement(text: &str, section: SectionKind, score: f32) -> RequirementReport {
        RequirementReport {
            text: text.into(),
            section,
            heading: None,
            weight: if section == SectionKind::Required {
                1.0
            } else {
                0.6
            },
            best_score: score,
            status: Coverage::Missing,
            evidence: vec![Evidence {
                resume_index: 0,
                resume_sentence: "Built data pipelines in Python.".into(),
                score,
                shared_words: vec!["python".into()],
            }],
        }
    }

    fn post(title: &str, requirements: Vec<RequirementReport>) -> PostReport {
        // The one resume sentence's best similarity among this post's requirements.
        let best = requirements
            .iter()
            .map(|r| r.best_score)
            .fold(f32::MIN, f32::max);
        PostReport {
            title: title.into(),
            fit: 0.0,
            zero_shot_fit: 0.0,
            signals: Default::default(),
            mark: None,
            rank: 0,
            percentile: None,
            label: FitLabel::Weak,
            breakdown: FitBreakdown::default(),
            requirements,
            strongest_stories: vec![],
            ignored_sentences: 0,
            experience_scores: vec![best],
            missing_terms: vec![],
            unseen_terms: vec![],
            vectors: Default::default(),
        }
    }

    /// A two-post report: "Backend" (index 1) fits worse than "Data engineer" (index 0)
    /// under the default thresholds.
    fn report() -> Report {
        let mut report = Report {
            thresholds: Thresholds::default(),
            posts: vec![
                post(
                    "Data engineer",
                    vec![
                        requirement("Python.", SectionKind::Required, 0.8),
                        requirement("Spark.", SectionKind::Required, 0.5),
                    ],
                ),
                post(
                    "Backend",
                    vec![requirement("Go services.", SectionKind::General, 0.45)],
                ),
            ],
            ranking: vec![],
            resume: vec![ResumeSentenceReport {
                text: "Built data pipelines in Python.".into(),
                heading: None,
                best: vec![],
                max_score: 0.8,
                matches_nothing: false,
            }],
            summary: Summary::default(),
            term_gaps: vec![],
            resume_terms: vec![],
            sentence_feedback: vec![],
            gazetteer_attribution: String::new(),
            learning: None,
        };
        report.apply_thresholds(Thresholds::default());
        report
    }

    fn analyzed(id: u32) -> Action {
        worker(FromWorker::Analyzed {
            request_id: RequestId(id),
            report: Box::new(report()),
            sentences_embedded: 5,
            sentences_cached: 1,
            elapsed_ms: 1234,
        })
    }

    #[test]
    fn compare_is_blocked_until_both_texts_and_the_model_are_there() {
        let cases: Vec<(Vec<Action>, Option<&str>)> = vec![
            (vec![], Some("both boxes")),
            (
                vec![Action::EditFirst("a".into())],
                Some("second text is empty"),
            ),
            (
                vec![Action::EditSecond("b".into())],
                Some("first text is empty"),
            ),
            (
                vec![
                    Action::EditFirst("a".into()),
                    Action::EditSecond("  \n".into()),
                    ready(),
                ],
                Some("second text is empty"),
            ),
            (
                vec![
                    Action::EditFirst("a".into()),
                    Action::EditSecond("b".into()),
                ],
                Some("still loading"),
            ),
            (
                vec![
                    Action::EditFirst("a".into()),
                    Action::EditSecond("b".into()),
                    ready(),
                ],
                None,
            ),
            (
                vec![
                    Action::EditFirst("a".into()),
                    Action::EditSecond("b".into()),
                    ready(),
                    Action::CompareSent(RequestId(1)),
                ],
                Some("Comparing"),
            ),
        ];
        for (actions, expected) in cases {
            let debug = format!("{actions:?}");
            let blocker = run(actions).compare_blocker();
            match expected {
                None => assert_eq!(blocker, None, "{debug}"),
                Some(part) => assert!(
                    blocker.is_some_and(|b| b.contains(part)),
                    "{debug}: {blocker:?}"
                ),
            }
        }
    }

    #[test]
    fn only_the_pending_request_sets_the_result() {
        let state = run([
            Action::EditFirst("a".into()),
            Action::EditSecond("b".into()),
            ready(),
            Action::CompareSent(RequestId(1)),
            compared(0, 0.1),
            compared(1, 0.5),
            compared(1, 0.9),
        ]);
        assert_eq!(state.result.as_ref().map(|r| r.cosine), Some(0.5));
        assert_eq!(state.next_request, RequestId(2));
        assert!(state.pending.is_none());
        assert!(!state.result_is_stale());
    }

    #[test]
    fn editing_after_a_comparison_marks_the_result_stale_and_keeps_the_text() {
        let state = run([
            Action::EditFirst("a".into()),
            Action::EditSecond("b".into()),
            ready(),
            Action::CompareSent(RequestId(1)),
            compared(1, 0.5),
            Action::EditSecond("bc".into()),
        ]);
        assert!(state.result_is_stale());
        assert_eq!((state.first.as_str(), state.second.as_str()), ("a", "bc"));
    }

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
            assert_eq!(state.model, ModelStatus::Failed);
            assert_eq!((state.first.as_str(), state.second.as_str()), ("a", "b"));
        }

        let state = run(typed().into_iter().chain([
            ready(),
            Action::CompareSent(RequestId(1)),
            worker(FromWorker::RequestFailed {
                request_id: RequestId(1),
                message: "boom".into(),
            }),
        ]));
        assert!(state.is_ready() && state.pending.is_none());
        assert_eq!(
            state.error.map(|e| (e.message, e.retry)),
            Some(("boom".into(), Retry::Compare))
        );
    }

    #[test]
    fn download_total_is_known_once_every_file_reported_its_size() {
        let download = |file, done, total| {
            worker(FromWorker::Download {
                file,
                bytes_done: done,
                bytes_total: total,
            })
        };
        let state = run([
            download(ModelFile::Config, 0, Some(10)),
            download(ModelFile::Tokenizer, 0, Some(20)),
        ]);
        assert_eq!(state.download_progress(), (0, None));
        let state = run([
            download(ModelFile::Config, 10, Some(10)),
            download(ModelFile::Tokenizer, 20, Some(20)),
            download(ModelFile::Weights, 0, Some(70)),
            download(ModelFile::Weights, 30, Some(70)),
        ]);
        assert_eq!(state.download_progress(), (60, Some(100)));
        assert_eq!(state.model, ModelStatus::Downloading);
        let state = run([
            download(ModelFile::Config, 10, None),
            download(ModelFile::Tokenizer, 20, Some(20)),
            download(ModelFile::Weights, 0, Some(70)),
        ]);
        assert_eq!(state.download_progress(), (30, None));
    }

    #[test]
    fn retrying_clears_the_error_and_starts_over() {
        for retry in [Action::LoadRetried, Action::WorkerRestarted] {
            let state = run([Action::WorkerBroken("x".into()), retry]);
            assert_eq!(state.error, None);
            assert_eq!(state.model, ModelStatus::Starting);
        }
    }

    #[test]
    fn adding_posts_from_the_box_splits_on_separator_lines_and_clears_it() {
        let state = run([
            restored(),
            Action::EditDraftText(
                "Senior Data Engineer\n\nPipelines.\n---\nStaff Engineer\n\nRust.".into(),
            ),
            Action::AddDraft,
        ]);
        let titles: Vec<&str> = state.posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Senior Data Engineer", "Staff Engineer"]);
        assert!(state.draft_text.is_empty() && state.draft_title.is_empty());
        assert!(state
            .posts_notice
            .as_deref()
            .is_some_and(|n| n.contains("2 posts")));
        assert_ne!(state.posts[0].id, state.posts[1].id);

        let state = run([
            restored(),
            Action::EditDraftText(" \n".into()),
            Action::AddDraft,
        ]);
        assert!(state.posts.is_empty());
        assert!(state.posts_notice.is_some());
    }

    #[test]
    fn posts_can_be_edited_moved_and_removed() {
        let state = run(typed());
        let (a, b) = (state.posts[0].id, state.posts[1].id);
        assert_eq!(state.posts[1].title, "Backend");
        let state = run(with(
            typed(),
            [
                Action::MovePost(a, Direction::Up),
                Action::MovePost(b, Direction::Down),
                Action::MovePost(a, Direction::Down),
                Action::EditPostTitle(a, "Data".into()),
                Action::EditPostText(b, "Go and Kubernetes.".into()),
            ],
        ));
        let posts: Vec<(&str, &str)> = state
            .posts
            .iter()
            .map(|p| (p.title.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            posts,
            [
                ("Backend", "Go and Kubernetes."),
                ("Data", "Data engineer\n\nPython and Spark.")
            ]
        );
        let state = run(with(typed(), [Action::RemovePost(a)]));
        assert_eq!(state.posts.len(), 1);
        assert_eq!(state.posts[0].id, b);
        assert_eq!(
            state.last_removed.as_ref().map(|(at, p)| (*at, p.id)),
            Some((0, a))
        );
        // Undo puts it back where it was, once.
        let state = run(with(
            typed(),
            [
                Action::RemovePost(a),
                Action::UndoRemove,
                Action::UndoRemove,
            ],
        ));
        assert_eq!(state.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [a, b]);
        assert!(state.last_removed.is_none());
    }

    #[test]
    fn files_dropped_on_the_posts_become_posts_and_skipped_ones_are_listed() {
        let state = run([
            restored(),
            Action::PostsFromFiles {
                files: vec![
                    (
                        "acme-ml-engineer.txt".into(),
                        "Train models.\nShip them.".into(),
                    ),
                    ("blank.md".into(), "".into()),
                ],
                skipped: vec!["cv.pdf is not a .txt or .md file".into()],
            },
        ]);
        assert_eq!(state.posts.len(), 1);
        let notice = state.posts_notice.unwrap();
        assert!(notice.contains("Added 1 post"), "{notice}");
        assert!(
            notice.contains("cv.pdf") && notice.contains("blank.md"),
            "{notice}"
        );
    }

    #[test]
    fn a_dropped_resume_file_replaces_the_resume() {
        let state = run([
            restored(),
            Action::EditResume("old".into()),
            Action::ResumeFromFiles {
                files: vec![("resume.md".into(), "# Jane\nLed things.".into())],
                skipped: vec![],
            },
        ]);
        assert_eq!(state.resume, "# Jane\nLed things.");
        assert!(state.resume_notice.unwrap().contains("resume.md"));
    }

    #[test]
    fn analyze_is_blocked_until_there_is_something_to_analyse_and_a_model() {
        let cases: Vec<(Vec<Action>, Option<&str>)> = vec![
            (vec![], Some("Restoring")),
            (vec![restored(), ready()], Some("resume")),
            (
                vec![restored(), ready(), Action::EditResume("r".into())],
                Some("at least one job post"),
            ),
            (
                vec![
                    restored(),
                    ready(),
                    Action::EditResume("r".into()),
                    Action::EditDraftText("a post".into()),
                ],
                Some("Add post"),
            ),
            (typed()[2..].to_vec(), Some("Restoring")),
            (
                with(typed(), [Action::WorkerBroken("x".into())]),
                Some("not available"),
            ),
            (
                vec![
                    restored(),
                    Action::EditResume("r".into()),
                    Action::EditDraftText("p".into()),
                    Action::AddDraft,
                ],
                Some("still loading"),
            ),
            (typed(), None),
            (with(typed(), [sent(1)]), Some("Analysing")),
        ];
        for (actions, expected) in cases {
            let debug = format!("{actions:?}");
            let blocker = run(actions).analyze_blocker();
            match expected {
                None => assert_eq!(blocker, None, "{debug}"),
                Some(part) => assert!(
                    blocker.is_some_and(|b| b.contains(part)),
                    "{debug}: {blocker:?}"
                ),
            }
        }
    }

    #[test]
    fn the_request_carries_the_inputs_and_blank_titles_are_left_to_the_report() {
        let state = run(with(
            typed(),
            [Action::EditPostTitle(PostId(2), "  ".into())],
        ));
        let ToWorker::Analyze {
            request_id,
            resume,
            posts,
            thresholds,
        } = state.analyze_request(RequestId(4))
        else {
            panic!("not an analysis")
        };
        assert_eq!(request_id, RequestId(4));
        assert_eq!(resume, "Built data pipelines in Python.");
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].title.as_deref(), Some("Data engineer"));
        assert_eq!(posts[1].title, None);
        assert_eq!(thresholds, Thresholds::default());
    }

    #[test]
    fn progress_gives_a_remaining_time_from_the_embedding_rate() {
        let progress = |done, total, cached, at_ms| {
            worker_at(
                FromWorker::AnalysisProgress {
                    request_id: RequestId(1),
                    sentences_done: done,
                    sentences_total: total,
                    sentences_cached: cached,
                },
                at_ms,
            )
        };
        let state = run(with(typed(), [sent(1)]));
        assert_eq!(state.running.as_ref().unwrap().eta_ms(), None);
        // 10 sentences from the cache, then 20 embedded in 2 s: 0.1 s each, 30 left.
        let state = run(with(
            typed(),
            [
                sent(1),
                progress(10, 60, 10, 1_500.0),
                progress(30, 60, 10, 3_000.0),
            ],
        ));
        let running = state.running.unwrap();
        assert_eq!((running.done, running.total, running.cached), (30, 60, 10));
        assert_eq!(running.eta_ms(), Some(3_000));
        // Progress of another analysis is ignored.
        let state = run(with(
            typed(),
            [
                sent(1),
                worker(FromWorker::AnalysisProgress {
                    request_id: RequestId(9),
                    sentences_done: 5,
                    sentences_total: 6,
                    sentences_cached: 0,
                }),
            ],
        ));
        assert_eq!(state.running.unwrap().done, 0);
    }

    #[test]
    fn a_report_selects_the_best_post_and_goes_stale_when_inputs_change() {
        let state = run(with(typed(), [sent(1), analyzed(7), analyzed(1)]));
        assert!(state.running.is_none());
        let analysed = state.analysed.as_ref().unwrap();
        assert_eq!(analysed.report.ranking, [0, 1]);
        assert_eq!(state.selected_post, Some(0));
        assert!(!state.report_is_stale());
        assert_eq!(state.next_request, RequestId(2));

        let state = run(with(
            typed(),
            [
                sent(1),
                analyzed(1),
                Action::SelectPost(1),
                Action::SelectPost(5),
                Action::EditResume("Something else.".into()),
            ],
        ));
        assert_eq!(state.selected_post, Some(1));
        assert!(state.report_is_stale());
    }

    #[test]
    fn a_search_needs_an_analysis_and_a_query_and_shows_only_its_own_answer() {
        let found = |id: u32, query: &str| {
            worker(FromWorker::Found {
                request_id: RequestId(id),
                query: query.into(),
                hits: vec![SearchHit {
                    post: 1,
                    requirement: 0,
                    text: "Go services.".into(),
                    similarity: 0.6,
                }],
                searched: 2,
                embed_ms: 3.0,
                search_ms: 0.5,
            })
        };
        assert!(
            run(typed()).search_blocker().is_some(),
            "nothing analysed yet"
        );
        let analysed = with(typed(), [sent(1), analyzed(1)]);
        assert!(run(analysed.clone()).search_blocker().is_some(), "no query");
        let typed_query = with(analysed, [Action::EditSearch("golang".into())]);
        assert_eq!(run(typed_query.clone()).search_blocker(), None);

        let state = run(with(
            typed_query.clone(),
            [
                Action::SearchSent(RequestId(2)),
                found(9, "old"),
                found(2, "golang"),
            ],
        ));
        let shown = state
            .search
            .found
            .as_ref()
            .map(|f| (f.query.as_str(), f.hits.len()));
        assert_eq!(shown, Some(("golang", 1)), "an unknown id is ignored");
        assert_eq!(state.search.pending, None);
        assert_eq!(state.next_request, RequestId(3));

        // A failure is the search's own message, not a page error.
        let failed = run(with(
            typed_query.clone(),
            [
                Action::SearchSent(RequestId(2)),
                worker(FromWorker::RequestFailed {
                    request_id: RequestId(2),
                    message: "analyse first".into(),
                }),
            ],
        ));
        assert_eq!(failed.search.error.as_deref(), Some("analyse first"));
        assert!(failed.error.is_none());

        // A new analysis makes old hits meaningless.
        let again = run(with(
            typed_query,
            [
                Action::SearchSent(RequestId(2)),
                found(2, "golang"),
                sent(3),
                analyzed(3),
            ],
        ));
        assert!(again.search.found.is_none());
        assert_eq!(again.search.query, "golang", "the box keeps what was typed");
    }

    #[test]
    fn marks_rerank_the_report_are_saved_with_the_posts_and_carry_over() {
        let mark = |index, mark| Action::MarkPost { index, mark };
        let analysed = with(typed(), [sent(1), analyzed(1)]);
        let revision = run(analysed.clone()).revision;
        // One kind of mark only: kept, but nothing to learn from yet.
        let one_kind = with(analysed, [mark(1, Some(true)), mark(9, Some(false))]);
        let state = run(one_kind.clone());
        let report = &state.analysed.as_ref().unwrap().report;
        assert_eq!(report.posts[1].mark, Some(true));
        assert!(report.learning.is_none());
        assert!(state.revision > revision, "a mark is a change to save");
        assert_eq!(state.posts[1].mark, Some(true));
        assert_eq!(state.workspace().posts[1].mark, Some(true));
        assert!(!state.report_is_stale(), "marking is not editing");

        // Both kinds: the report learns from them.
        let both = with(one_kind, [mark(0, Some(false))]);
        let state = run(both.clone());
        let report = &state.analysed.as_ref().unwrap().report;
        let learning = report.learning.as_ref().unwrap();
        assert_eq!((learning.marked_fit, learning.marked_not), (1, 1));

        // A new analysis of the same posts starts from the saved marks.
        let again = with(both, [sent(2), analyzed(2)]);
        let state = run(again.clone());
        let report = &state.analysed.as_ref().unwrap().report;
        assert_eq!(report.posts[0].mark, Some(false));
        assert!(report.learning.is_some());

        // Unmarking goes back to the zero-shot fit.
        let state = run(with(again, [mark(0, None), mark(1, None)]));
        let report = &state.analysed.as_ref().unwrap().report;
        assert!(report.learning.is_none());
        assert!(report.posts.iter().all(|p| p.fit == p.zero_shot_fit));
    }

    #[test]
    fn thresholds_reapply_to_the_report_and_never_cross() {
        let state = run(with(
            typed(),
            [sent(1), analyzed(1), Action::SetCovered(0.85)],
        ));
        let report = &state.analysed.as_ref().unwrap().report;
        assert_eq!(report.thresholds.covered, 0.85);
        assert_eq!(report.posts[0].requirements[0].status, Coverage::Partly);

        let state = run(with(
            typed(),
            [
                sent(1),
                analyzed(1),
                Action::SetCovered(0.6),
                Action::SetPartly(0.46),
            ],
        ));
        let report = &state.analysed.as_ref().unwrap().report;
        assert_eq!(report.posts[1].requirements[0].status, Coverage::Missing);
        assert_eq!(report.posts[0].requirements[1].status, Coverage::Partly);

        let state = run([restored(), Action::SetCovered(0.3)]);
        assert_eq!(
            state.thresholds,
            Thresholds {
                covered: 0.3,
                partly: 0.3
            }
        );
        let state = run([
            restored(),
            Action::SetPartly(0.704),
            Action::ResetThresholds,
        ]);
        assert_eq!(state.thresholds, Thresholds::default());
        let state = run([restored(), Action::SetPartly(0.704)]);
        assert_eq!(
            state.thresholds,
            Thresholds {
                covered: 0.7,
                partly: 0.7
            }
        );
    }

    #[test]
    fn thresholds_moved_during_an_analysis_apply_to_its_report() {
        let state = run(with(
            typed(),
            [sent(1), Action::SetCovered(0.9), analyzed(1)],
        ));
        let report = &state.analysed.as_ref().unwrap().report;
        assert_eq!(report.thresholds.covered, 0.9);
        assert!(report.posts[0]
            .requirements
            .iter()
            .all(|r| r.status != Coverage::Covered));
    }

    #[test]
    fn rejected_inputs_are_placed_next_to_the_input_and_nothing_typed_is_lost() {
        let before = run(typed());
        let second = before.posts[1].id;
        let state = run(with(
            typed(),
            [
                sent(1),
                worker(FromWorker::InputRejected {
                    request_id: RequestId(1),
                    problems: vec![
                        InputProblem {
                            place: ProblemPlace::Resume,
                            message: "resume too long".into(),
                        },
                        InputProblem {
                            place: ProblemPlace::Post { index: 1 },
                            message: "no requirements".into(),
                        },
                        InputProblem {
                            place: ProblemPlace::Post { index: 8 },
                            message: "out of range".into(),
                        },
                    ],
                }),
            ],
        ));
        assert!(state.running.is_none());
        assert_eq!(
            state.problems_at(ProblemTarget::Resume),
            ["resume too long"]
        );
        assert_eq!(
            state.problems_at(ProblemTarget::Post(second)),
            ["no requirements"]
        );
        assert_eq!(state.problems_at(ProblemTarget::Posts), ["out of range"]);
        assert!(state.notice.as_deref().unwrap().contains("3 problems"));
        assert_eq!(state.workspace(), before.workspace());

        // Fixing an input clears its problem; the others stay until the next analysis.
        let mut fixed = state.clone();
        fixed.apply(Action::EditPostText(second, "Requirements: Go.".into()));
        assert!(fixed.problems_at(ProblemTarget::Post(second)).is_empty());
        assert_eq!(fixed.problems.len(), 2);
        fixed.apply(sent(2));
        assert!(fixed.problems.is_empty());
    }

    #[test]
    fn cancelling_returns_to_the_inputs_with_a_note() {
        let state = run(with(typed(), [sent(1), Action::CancelRequested]));
        assert!(state.running.as_ref().unwrap().cancelling);
        let state = run(with(
            typed(),
            [
                sent(1),
                Action::CancelRequested,
                worker(FromWorker::Cancelled {
                    request_id: RequestId(1),
                }),
            ],
        ));
        assert!(state.running.is_none() && state.analysed.is_none());
        assert_eq!(state.notice.as_deref(), Some(CANCELLED_NOTE));
        assert_eq!(state.workspace(), run(typed()).workspace());
        assert_eq!(state.analyze_blocker(), None);

        // A report that crossed the cancel is dropped.
        let state = run(with(
            typed(),
            [sent(1), Action::CancelRequested, analyzed(1)],
        ));
        assert!(state.analysed.is_none() && state.running.is_none());
        // A stale cancellation does not stop the current analysis.
        let state = run(with(
            typed(),
            [
                sent(1),
                worker(FromWorker::Cancelled {
                    request_id: RequestId(0),
                }),
            ],
        ));
        assert!(state.running.is_some());
    }

    #[test]
    fn a_broken_worker_stops_the_analysis_and_a_new_one_can_run_after_restart() {
        let state = run(with(
            typed(),
            [sent(1), Action::WorkerBroken("panicked".into())],
        ));
        assert!(state.running.is_none());
        assert_eq!(
            state.error.as_ref().map(|e| e.retry),
            Some(Retry::RestartWorker)
        );
        assert!(state.notice.as_deref().unwrap().contains("stopped"));
        let state = run(with(
            typed(),
            [
                sent(1),
                Action::WorkerBroken("panicked".into()),
                Action::WorkerRestarted,
                worker(FromWorker::Started),
                ready(),
            ],
        ));
        assert_eq!(state.analyze_blocker(), None);
        assert_eq!(state.error, None);

        let state = run(with(
            typed(),
            [
                sent(1),
                worker(FromWorker::RequestFailed {
                    request_id: RequestId(1),
                    message: "out of memory".into(),
                }),
            ],
        ));
        assert!(state.running.is_none());
        assert_eq!(state.error.map(|e| e.retry), Some(Retry::Analyze));
    }

    #[test]
    fn a_restored_workspace_fills_the_inputs_without_counting_as_a_change() {
        let saved = Workspace {
            resume: "r".into(),
            posts: vec![SavedPost {
                title: "t".into(),
                text: "p".into(),
                mark: None,
            }],
            thresholds: Thresholds {
                covered: 0.7,
                partly: 0.5,
            },
            draft: SavedPost {
                title: String::new(),
                text: "draft".into(),
                mark: None,
            },
        };
        let state = run([
            Action::EditResume("typed while restoring".into()),
            Action::Restored(Restore::Found(saved.clone())),
        ]);
        assert_eq!(state.workspace(), saved);
        assert_eq!(state.persistence, Persistence::Active);
        assert!(!state.has_unsaved_changes());
        // A second restore (a late answer) changes nothing.
        let state = run([
            Action::Restored(Restore::Found(saved.clone())),
            Action::EditResume("mine".into()),
            Action::Restored(Restore::Nothing),
        ]);
        assert_eq!(state.resume, "mine");
        assert!(state.has_unsaved_changes());
    }

    #[test]
    fn an_unreadable_workspace_pauses_saving_until_starting_fresh() {
        let state = run([
            Action::Restored(Restore::Unreadable("newer".into())),
            Action::EditResume("r".into()),
        ]);
        assert!(!state.saves());
        assert_eq!(state.persistence, Persistence::Paused("newer".into()));
        assert_eq!(state.resume, "r");
        let state = run([
            Action::Restored(Restore::Unreadable("newer".into())),
            Action::EditResume("r".into()),
            Action::StartFresh,
        ]);
        assert!(state.saves() && state.has_unsaved_changes());

        let state = run([Action::Restored(Restore::Unavailable("no idb".into()))]);
        assert!(!state.saves());
        assert_eq!(
            state.analyze_blocker().map(|b| b.contains("resume")),
            Some(true)
        );
    }

    #[test]
    fn saving_failures_are_shown_and_cleared_by_the_next_save() {
        let state = run([
            restored(),
            Action::EditResume("r".into()),
            Action::SaveFailed("full".into()),
        ]);
        assert_eq!(state.persistence, Persistence::Failed("full".into()));
        assert!(state.saves());
        let revision = state.revision;
        let mut state = state;
        state.apply(Action::Saved(revision));
        assert_eq!(state.persistence, Persistence::Active);
        assert!(!state.has_unsaved_changes());
        // A save failing while paused does not unpause it.
        let state = run([
            Action::Restored(Restore::Unreadable("x".into())),
            Action::SaveFailed("full".into()),
        ]);
        assert_eq!(state.persistence, Persistence::Paused("x".into()));
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
        assert!(state.resume.is_empty() && state.posts.is_empty());
        assert!(state.analysed.is_none() && state.running.is_none());
        assert_eq!(state.thresholds, Thresholds::default());
        assert_eq!(state.next_request, RequestId(2));
        assert!(!state.has_unsaved_changes());
        assert_eq!(state.notice.as_deref(), Some(CLEARED_NOTE));
        let before = run(typed());
        let mut cleared = before.clone();
        cleared.apply(Action::ClearedAll);
        assert_ne!(
            cleared.revision, before.revision,
            "a pending save is superseded"
        );
        let state = run(with(
            typed(),
            [Action::ClearedAll, worker(FromWorker::CacheCleared)],
        ));
        assert_eq!(state.notice.as_deref(), Some(CACHE_CLEARED_NOTE));
        // Clearing replaces an unreadable saved workspace, so saving resumes.
        let state = run([
            Action::Restored(Restore::Unreadable("x".into())),
            Action::ClearedAll,
        ]);
        assert!(state.saves());
    }

    #[test]
    fn every_edit_is_a_change_to_save_but_views_are_not() {
        let state = run(typed());
        let revision = state.revision;
        let cases = [
            (Action::EditResume("x".into()), true),
            (Action::EditDraftTitle("x".into()), true),
            (Action::EditPostText(PostId(1), "x".into()), true),
            (Action::EditPostTitle(PostId(1), "x".into()), true),
            (Action::MovePost(PostId(1), Direction::Down), true),
            (Action::MovePost(PostId(1), Direction::Up), false),
            (Action::RemovePost(PostId(1)), true),
            (Action::RemovePost(PostId(99)), false),
            (Action::SetCovered(0.6), true),
            (Action::ShowTab(ReportTab::Sentences), false),
            (Action::DismissNotice, false),
            (sent(1), false),
        ];
        for (action, changes) in cases {
            let debug = format!("{action:?}");
            let mut state = state.clone();
            state.apply(action);
            assert_eq!(state.revision != revision, changes, "{debug}");
        }
    }
}
