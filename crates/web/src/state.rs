//! The page's state and every way it changes, as a reducer: each change is one pure function
//! of (state, action), so the page's behaviour can be tested without a browser.

use std::rc::Rc;

use jobdelta_protocol::{FromWorker, ModelFile, PieceCount, RequestId};
use yew::Reducible;

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
}

/// An error to show, and how to recover from it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    /// For the person using the page.
    pub message: String,
    /// What Retry does.
    pub retry: Retry,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Model loading.
    pub model: ModelStatus,
    /// Download progress per file, in the order the worker reported them.
    pub downloads: Vec<FileProgress>,
    /// The first text as typed.
    pub first: String,
    /// The second text as typed.
    pub second: String,
    /// The comparison waiting for an answer, with the texts it was sent with.
    pub pending: Option<(RequestId, (String, String))>,
    /// Id for the next comparison.
    pub next_request: RequestId,
    /// The last comparison's result.
    pub result: Option<Comparison>,
    /// The error banner, if any.
    pub error: Option<PageError>,
}

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
        }
    }
}

/// Everything that can happen to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The first text was edited.
    EditFirst(String),
    /// The second text was edited.
    EditSecond(String),
    /// A comparison of the current texts was sent to the worker with this id.
    CompareSent(RequestId),
    /// The worker said something.
    Worker(FromWorker),
    /// The worker could not start, crashed, or sent something unreadable.
    WorkerBroken(String),
    /// A new worker replaces the broken one.
    WorkerRestarted,
    /// The worker was asked to load the model again.
    LoadRetried,
    /// The error banner was closed.
    DismissError,
}

impl State {
    /// Whether the model is ready for comparisons.
    pub fn is_ready(&self) -> bool {
        matches!(self.model, ModelStatus::Ready { .. })
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

    fn on_worker(&mut self, message: FromWorker) {
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
            FromWorker::Ready { model_id, load_ms } => {
                self.model = ModelStatus::Ready { model_id, load_ms }
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
            } => {
                // An answer to anything but the latest request is stale: drop it.
                if let Some((_, texts)) = self.pending.take_if(|(id, _)| *id == request_id) {
                    self.result = Some(Comparison {
                        cosine,
                        first,
                        second,
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
                }
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        match action {
            Action::EditFirst(text) => state.first = text,
            Action::EditSecond(text) => state.second = text,
            Action::CompareSent(id) => {
                state.pending = Some((id, (state.first.clone(), state.second.clone())));
                state.next_request = id.next();
                state.error = None;
            }
            Action::Worker(message) => state.on_worker(message),
            Action::WorkerBroken(message) => {
                state.model = ModelStatus::Failed;
                state.pending = None;
                state.error = Some(PageError {
                    message,
                    retry: Retry::RestartWorker,
                });
            }
            Action::WorkerRestarted => {
                state.model = ModelStatus::Starting;
                state.downloads.clear();
                state.error = None;
            }
            Action::LoadRetried => {
                state.model = ModelStatus::Starting;
                state.downloads.clear();
                state.error = None;
            }
            Action::DismissError => state.error = None,
        }
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run(actions: impl IntoIterator<Item = Action>) -> State {
        let state = actions
            .into_iter()
            .fold(Rc::new(State::default()), Reducible::reduce);
        Rc::unwrap_or_clone(state)
    }

    fn ready() -> Action {
        Action::Worker(FromWorker::Ready {
            model_id: "m".into(),
            load_ms: 5,
        })
    }

    fn compared(id: u32, cosine: f32) -> Action {
        let pieces = PieceCount { used: 3, total: 3 };
        Action::Worker(FromWorker::Compared {
            request_id: RequestId(id),
            cosine,
            first: pieces,
            second: pieces,
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
                Action::Worker(FromWorker::LoadFailed {
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
            Action::Worker(FromWorker::RequestFailed {
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
            Action::Worker(FromWorker::Download {
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
}
