//! "Compare models": the shown report's model against a second one the person picks. A
//! temporary second worker (started and terminated by the page as [`ModelComparisonState::run`]
//! comes and goes) loads that model, analyses the report's own inputs and sends its report;
//! the two reports are then compared with `jobdelta_matching::model_comparison`, the measures
//! `jobdelta compare` prints (Kendall's τ-b of the fits, the requirements whose status
//! differs), beside each model's top posts, shattered resume words, time and download size.
//!
//! The workspace is never touched: the run keeps its own copy of the inputs it sends.

use std::cell::RefCell;

use jobdelta_matching::model_comparison::{
    compare_reports, shattered_resume_terms, top_posts, ReportComparison,
};
use jobdelta_matching::{PostReport, Report};
use jobdelta_protocol::parts::ArrivingPosts;
use jobdelta_protocol::{FromWorker, ModelInfo, RequestId, ToWorker};

use super::analysis::{Analyzed, AnalyzedInputs};
use super::model::{ModelState, ModelStatus};
use super::workspace::WorkspaceState;
use super::Shared;

/// Top posts shown per model (as `jobdelta compare` prints).
pub const TOP_POSTS: usize = 5;

/// The note shown when a comparison is cancelled.
pub const COMPARISON_CANCELLED_NOTE: &str =
    "Comparison cancelled: the second model's worker was stopped. Your report and workspace are as they were.";

/// One model's side of a finished comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSide {
    /// The model's registered name.
    pub name: String,
    /// Bytes the browser downloads for it (the registry's web copy).
    pub download_bytes: u64,
    /// Milliseconds its worker took to load it (download included), if known.
    pub load_ms: Option<u64>,
    /// Milliseconds its analysis took.
    pub analysis_ms: u64,
    /// Sentences it embedded for the analysis, and those it found in the cache.
    pub sentences: (usize, usize),
    /// Its best posts' titles, best first.
    pub top_posts: Vec<String>,
    /// Resume words its tokenizer shatters, with their word pieces, most first.
    pub shattered: Vec<(String, usize)>,
}

/// A finished comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelComparison {
    /// The report's model, then the second one.
    pub sides: [ModelSide; 2],
    /// What the two reports agree and disagree on.
    pub comparison: ReportComparison,
    /// What both analysed.
    pub inputs: Shared<AnalyzedInputs>,
}

/// Where the second worker is.
#[derive(Debug, Clone, PartialEq)]
pub enum RunPhase {
    /// Starting, downloading, checking or building its model ([`ComparisonRun::loading`]).
    Loading,
    /// Analysing: distinct sentences ready, of how many.
    Analysing {
        /// Ready.
        done: usize,
        /// In all (0 until the worker has split the texts).
        total: usize,
    },
    /// Receiving the report: posts arrived, of how many.
    Receiving {
        /// Arrived.
        received: usize,
        /// In all.
        total: usize,
    },
}

/// A comparison under way.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRun {
    /// Its id: the second worker's analysis request, and what names the worker on the page.
    pub request_id: RequestId,
    /// The second model.
    pub second: ModelInfo,
    /// The second worker's loading status (download progress).
    pub loading: ModelState,
    /// Where it is.
    pub phase: RunPhase,
    /// The report compared against (the first model's), as it was when Compare was pressed.
    first: Shared<Report>,
    /// The first model's side, less what the comparison computes.
    first_side: ModelSide,
    /// What the first report was made of, sent again to the second worker.
    inputs: Shared<AnalyzedInputs>,
    /// The second worker's `load_ms`.
    load_ms: Option<u64>,
    /// The second report's posts received so far.
    arriving: Shared<RefCell<ArrivingPosts>>,
}

impl ComparisonRun {
    /// The analysis to send the second worker once its model is ready: the first report's
    /// resume, posts and thresholds.
    pub fn analyze_request(&self) -> ToWorker {
        ToWorker::Analyze {
            request_id: self.request_id,
            resume: self.inputs.resume.clone(),
            posts: self.inputs.posts.clone(),
            thresholds: self.first.thresholds,
        }
    }
}

/// The model comparison's part of the page state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelComparisonState {
    /// The second model chosen (a registered name); none chosen: the first offered.
    pub chosen: Option<String>,
    /// The comparison under way (its worker lives as long as this).
    pub run: Option<ComparisonRun>,
    /// The last comparison.
    pub result: Option<ModelComparison>,
    /// Why the last comparison stopped, or that it was cancelled.
    pub notice: Option<String>,
}

/// The model the main worker runs, among the models it lists.
pub fn current_model(model: &ModelState) -> Option<&ModelInfo> {
    match &model.status {
        ModelStatus::Ready { model_id, .. } => model.models.iter().find(|m| m.runs_as(model_id)),
        _ => None,
    }
}

/// The models a report made by `current` can be compared with: every other model listed.
pub fn offered<'a>(models: &'a [ModelInfo], current: &ModelInfo) -> Vec<&'a ModelInfo> {
    models.iter().filter(|m| m.name != current.name).collect()
}

impl ModelComparisonState {
    /// The second model the Compare button would load: the chosen one if it is offered, else
    /// the first offered.
    pub fn second<'a>(&self, model: &'a ModelState) -> Option<&'a ModelInfo> {
        let current = current_model(model)?;
        let offered = offered(&model.models, current);
        self.chosen
            .as_deref()
            .and_then(|name| offered.iter().copied().find(|m| m.name == name))
            .or_else(|| offered.first().copied())
    }

    /// Why Compare cannot be pressed now, or `None` if it can.
    pub fn blocker(&self, analyzed: Option<&Analyzed>, model: &ModelState) -> Option<&'static str> {
        if self.run.is_some() {
            Some("Comparing…")
        } else if analyzed.is_none() {
            Some("Analyse your posts first; the report is then compared with another model's.")
        } else if current_model(model).is_none() {
            Some("The model is still loading.")
        } else if self.second(model).is_none() {
            Some("This site offers no other model to compare with.")
        } else {
            None
        }
    }

    /// Whether a message is this part's (its worker's, or a late one from a stopped run).
    pub fn is_running(&self, request_id: RequestId) -> bool {
        self.run
            .as_ref()
            .is_some_and(|r| r.request_id == request_id)
    }

    /// Whether the inputs changed since the shown comparison was made.
    pub fn is_stale(&self, workspace: &WorkspaceState) -> bool {
        self.result
            .as_ref()
            .is_some_and(|r| !workspace.matches(&r.inputs.resume, &r.inputs.posts))
    }

    /// Compare was pressed: a run against `analyzed`'s report starts under `request_id`
    /// (nothing starts when something blocks it). Whether it started.
    pub fn start(
        &mut self,
        request_id: RequestId,
        analyzed: Option<&Analyzed>,
        model: &ModelState,
    ) -> bool {
        if self.blocker(analyzed, model).is_some() {
            return false;
        }
        let (Some(analyzed), Some(current), Some(second)) =
            (analyzed, current_model(model), self.second(model))
        else {
            return false;
        };
        let load_ms = match &model.status {
            ModelStatus::Ready { load_ms, .. } => Some(*load_ms),
            _ => None,
        };
        self.run = Some(ComparisonRun {
            request_id,
            second: second.clone(),
            loading: ModelState::default(),
            phase: RunPhase::Loading,
            first: analyzed.report.clone(),
            first_side: ModelSide {
                name: current.name.clone(),
                download_bytes: current.download_bytes,
                // A report kept from the last visit was not loaded nor analysed in this one.
                load_ms: load_ms.filter(|_| !analyzed.restored),
                analysis_ms: analyzed.elapsed_ms,
                sentences: (analyzed.sentences_embedded, analyzed.sentences_cached),
                top_posts: Vec::new(),
                shattered: Vec::new(),
            },
            inputs: analyzed.inputs.clone(),
            load_ms: None,
            arriving: Shared::new(RefCell::default()),
        });
        self.notice = None;
        true
    }

    /// Cancel was pressed: the run stops (and the page terminates its worker).
    pub fn cancel(&mut self) {
        if self.run.take().is_some() {
            self.notice = Some(COMPARISON_CANCELLED_NOTE.into());
        }
    }

    /// The second worker could not start, crashed or sent something unreadable.
    pub fn broken(&mut self, request_id: RequestId, message: &str) {
        if let Some(run) = self.run.take_if(|r| r.request_id == request_id) {
            self.notice = Some(format!(
                "The comparison stopped: {} — {message}",
                run.second.name
            ));
        }
    }

    /// A message from the second worker of run `request_id`.
    pub fn on_worker(&mut self, request_id: RequestId, message: FromWorker) {
        let Some(run) = self.run.as_mut().filter(|r| r.request_id == request_id) else {
            return;
        };
        match message {
            FromWorker::LoadFailed { message } => {
                let name = run.second.name.clone();
                self.run = None;
                self.notice = Some(format!("{name} could not be loaded: {message}"));
            }
            message @ FromWorker::Ready { load_ms, .. } => {
                run.load_ms = Some(load_ms);
                run.phase = RunPhase::Analysing { done: 0, total: 0 };
                run.loading.on_worker(message);
            }
            message @ (FromWorker::Started
            | FromWorker::Models { .. }
            | FromWorker::Download { .. }
            | FromWorker::Verifying
            | FromWorker::Building
            | FromWorker::Workers { .. }) => run.loading.on_worker(message),
            FromWorker::AnalysisProgress {
                request_id: id,
                sentences_done,
                sentences_total,
                ..
            } if id == request_id => {
                run.phase = RunPhase::Analysing {
                    done: sentences_done,
                    total: sentences_total,
                };
            }
            FromWorker::AnalyzedPart {
                request_id: id,
                posts,
                posts_total,
            } if id == request_id => {
                let mut arriving = run.arriving.borrow_mut();
                arriving.add(posts);
                run.phase = RunPhase::Receiving {
                    received: arriving.len(),
                    total: posts_total,
                };
            }
            FromWorker::Analyzed {
                request_id: id,
                report,
                posts_in_parts,
                sentences_embedded,
                sentences_cached,
                elapsed_ms,
            } if id == request_id => {
                let Some(run) = self.run.take() else { return };
                match run.arriving.take().complete(*report, posts_in_parts) {
                    Ok(second) => {
                        self.result = Some(finish(
                            run,
                            second,
                            (sentences_embedded, sentences_cached),
                            elapsed_ms,
                        ))
                    }
                    Err(incomplete) => {
                        self.notice = Some(format!("No comparison: {incomplete}."));
                    }
                }
            }
            FromWorker::InputRejected {
                request_id: id,
                problems,
            } if id == request_id => {
                let problems: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                self.run = None;
                self.notice = Some(format!(
                    "The second model refused the inputs: {}",
                    problems.join(" ")
                ));
            }
            FromWorker::RequestFailed {
                request_id: id,
                message,
            } if id == request_id => {
                self.run = None;
                self.notice = Some(format!("The comparison failed: {message}"));
            }
            _ => {}
        }
    }
}

/// The comparison of the run's first report with the second worker's `second`, put under the
/// first report's thresholds and marks as the page puts its own reports.
fn finish(
    run: ComparisonRun,
    mut second: Report,
    sentences: (usize, usize),
    analysis_ms: u64,
) -> ModelComparison {
    let first = &*run.first;
    if second.thresholds != first.thresholds {
        second.apply_thresholds(first.thresholds);
    }
    let marks: Vec<Option<bool>> = first.posts.iter().map(|p: &PostReport| p.mark).collect();
    if marks.iter().any(Option::is_some) && marks.len() == second.posts.len() {
        second.set_marks(&marks);
    }
    let side = |report: &Report, mut side: ModelSide| {
        side.top_posts = top_posts(report, TOP_POSTS);
        side.shattered = shattered_resume_terms(report);
        side
    };
    let second_side = ModelSide {
        name: run.second.name.clone(),
        download_bytes: run.second.download_bytes,
        load_ms: run.load_ms,
        analysis_ms,
        sentences,
        top_posts: Vec::new(),
        shattered: Vec::new(),
    };
    ModelComparison {
        comparison: compare_reports(first, &second),
        sides: [
            side(first, run.first_side.clone()),
            side(&second, second_side),
        ],
        inputs: run.inputs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const L6: &str = "all-MiniLM-L6-v2";
    const L3: &str = "paraphrase-MiniLM-L3-v2";

    fn info(name: &str, download_bytes: u64) -> ModelInfo {
        ModelInfo {
            name: name.into(),
            id: format!("sentence-transformers/{name}"),
            licence: "Apache-2.0".into(),
            download_bytes,
            layers: 3,
            max_seq_len: 128,
            candle: true,
        }
    }

    fn models() -> Action {
        worker(FromWorker::Models {
            models: vec![info(L6, 45), info(L3, 34)],
        })
    }

    fn l6_ready() -> Action {
        worker(FromWorker::Ready {
            model_id: format!("sentence-transformers/{L6}"),
            load_ms: 700,
            engine: Engine::default(),
        })
    }

    /// `report` with these fits, ranked by them (the fit comes from signals the test reports
    /// leave at zero, so it is set here as the worker would have computed it).
    fn with_fits(mut report: Report, fits: [f32; 2]) -> Report {
        for (post, fit) in report.posts.iter_mut().zip(fits) {
            post.fit = fit;
        }
        let better = usize::from(fits[1] > fits[0]);
        report.posts[better].rank = 1;
        report.posts[1 - better].rank = 2;
        report
    }

    /// A workspace analysed by L6 (request 1), ready to compare: "Data engineer" first.
    fn analysed() -> Vec<Action> {
        let first = worker(FromWorker::Analyzed {
            request_id: RequestId(1),
            report: Box::new(with_fits(report(), [80.0, 40.0])),
            posts_in_parts: 0,
            sentences_embedded: 5,
            sentences_cached: 1,
            elapsed_ms: 1234,
        });
        with(typed(), [models(), l6_ready(), sent(1), first])
    }

    fn second(id: u32, message: FromWorker) -> Action {
        Action::ModelComparisonWorker {
            request_id: RequestId(id),
            message,
        }
    }

    /// The second model's report: "Python." now missing and "Go services." covered, so
    /// "Backend" fits better than "Data engineer" (the first report's order reversed).
    fn second_report() -> Report {
        let mut report = report();
        report.posts = vec![
            post(
                "Data engineer",
                vec![
                    requirement("Python.", SectionKind::Required, 0.2),
                    requirement("Spark.", SectionKind::Required, 0.9),
                ],
            ),
            post(
                "Backend",
                vec![requirement("Go services.", SectionKind::General, 0.95)],
            ),
        ];
        report.apply_thresholds(Thresholds::default());
        with_fits(report, [30.0, 70.0])
    }

    fn second_analyzed(id: u32) -> Action {
        second(
            id,
            FromWorker::Analyzed {
                request_id: RequestId(id),
                report: Box::new(second_report()),
                posts_in_parts: 0,
                sentences_embedded: 3,
                sentences_cached: 0,
                elapsed_ms: 400,
            },
        )
    }

    #[test]
    fn compare_needs_a_report_a_ready_model_and_another_model() {
        assert_blockers(
            vec![
                (with(typed(), [models(), l6_ready()]), Some("Analyse")),
                (
                    with(typed(), [models(), sent(1), analyzed(1)]),
                    Some("loading"),
                ),
                (
                    with(
                        typed(),
                        [
                            worker(FromWorker::Models {
                                models: vec![info(L6, 45)],
                            }),
                            l6_ready(),
                            sent(1),
                            analyzed(1),
                        ],
                    ),
                    Some("no other model"),
                ),
                (analysed(), None),
                (
                    with(analysed(), [Action::ModelComparisonStarted(RequestId(2))]),
                    Some("Comparing"),
                ),
            ],
            |s| {
                s.model_comparison
                    .blocker(s.analysis.analyzed.as_ref(), &s.model)
            },
        );
    }

    #[test]
    fn the_second_model_is_the_chosen_one_never_the_current() {
        let state = run(analysed());
        assert_eq!(
            state
                .model_comparison
                .second(&state.model)
                .map(|m| m.name.as_str()),
            Some(L3)
        );
        let state = run(with(analysed(), [Action::ChooseComparisonModel(L6.into())]));
        assert_eq!(
            state
                .model_comparison
                .second(&state.model)
                .map(|m| m.name.as_str()),
            Some(L3),
            "the current model is not offered"
        );
        let offered = offered(
            &state.model.models,
            current_model(&state.model).expect("ready"),
        );
        assert_eq!(
            offered.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            [L3]
        );
    }

    #[test]
    fn a_run_loads_analyses_the_reports_inputs_and_compares() {
        let state = run(with(
            analysed(),
            [
                Action::EditResume("Edited after the report.".into()),
                Action::ModelComparisonStarted(RequestId(2)),
                second(2, FromWorker::Started),
                second(
                    2,
                    FromWorker::Download {
                        file: ModelFile::Weights,
                        bytes_done: 10,
                        bytes_total: Some(34),
                    },
                ),
            ],
        ));
        assert_eq!(state.next_request, RequestId(3));
        let running = state.model_comparison.run.as_ref().expect("running");
        assert_eq!(running.second.name, L3);
        assert_eq!(running.loading.download_progress(), (10, None));
        // The report's inputs, not the edited workspace.
        match running.analyze_request() {
            ToWorker::Analyze {
                request_id,
                resume,
                posts,
                thresholds,
            } => {
                assert_eq!(request_id, RequestId(2));
                assert_eq!(resume, "Built data pipelines in Python.");
                assert_eq!(posts.len(), 2);
                assert_eq!(thresholds, Thresholds::default());
            }
            other => panic!("{other:?}"),
        }

        let state = run(with(
            analysed(),
            [
                Action::ModelComparisonStarted(RequestId(2)),
                second(
                    2,
                    FromWorker::Ready {
                        model_id: format!("sentence-transformers/{L3}"),
                        load_ms: 300,
                        engine: Engine::default(),
                    },
                ),
                second(
                    2,
                    FromWorker::AnalysisProgress {
                        request_id: RequestId(2),
                        sentences_done: 1,
                        sentences_total: 3,
                        sentences_cached: 0,
                    },
                ),
                // Another run's answer is ignored.
                second_analyzed(7),
                second_analyzed(2),
            ],
        ));
        let comparison = &state.model_comparison;
        assert!(comparison.run.is_none() && comparison.notice.is_none());
        let result = comparison.result.as_ref().expect("compared");
        let [first, second] = &result.sides;
        assert_eq!((first.name.as_str(), second.name.as_str()), (L6, L3));
        assert_eq!((first.download_bytes, second.download_bytes), (45, 34));
        assert_eq!((first.load_ms, second.load_ms), (Some(700), Some(300)));
        assert_eq!((first.analysis_ms, second.analysis_ms), (1234, 400));
        assert_eq!(first.top_posts, ["Data engineer", "Backend"]);
        assert_eq!(second.top_posts, ["Backend", "Data engineer"]);
        assert_eq!(result.comparison.kendall_tau, Some(-1.0));
        assert_eq!(
            result
                .comparison
                .changed
                .iter()
                .map(|c| (c.requirement.as_str(), c.first, c.second))
                .collect::<Vec<_>>(),
            [
                (
                    "Python.",
                    Coverage::Covered.label(),
                    Coverage::Missing.label()
                ),
                (
                    "Go services.",
                    Coverage::Partly.label(),
                    Coverage::Covered.label()
                ),
            ]
        );
        // The workspace is untouched, and the result survives a change of tab.
        let resume = state.workspace.resume.clone();
        let mut state = state;
        state.apply(Action::ShowTab(ReportTab::Posts));
        assert_eq!(state.workspace.resume, resume);
        assert!(state.model_comparison.result.is_some());
        assert!(!state.model_comparison.is_stale(&state.workspace));
        state.apply(Action::EditResume("Another resume.".into()));
        assert!(state.model_comparison.is_stale(&state.workspace));
    }

    #[test]
    fn a_report_in_parts_is_gathered_and_an_incomplete_one_refused() {
        let parts = |drop: Option<usize>| {
            let mut report = second_report();
            let posts = std::mem::take(&mut report.posts);
            let total = posts.len();
            let mut actions: Vec<Action> = posts
                .into_iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != drop)
                .map(|(_, post)| {
                    second(
                        2,
                        FromWorker::AnalyzedPart {
                            request_id: RequestId(2),
                            posts: vec![post],
                            posts_total: total,
                        },
                    )
                })
                .collect();
            actions.push(second(
                2,
                FromWorker::Analyzed {
                    request_id: RequestId(2),
                    report: Box::new(report),
                    posts_in_parts: total,
                    sentences_embedded: 3,
                    sentences_cached: 0,
                    elapsed_ms: 400,
                },
            ));
            with(
                with(analysed(), [Action::ModelComparisonStarted(RequestId(2))]),
                actions,
            )
        };
        let state = run(parts(None));
        let result = state.model_comparison.result.as_ref().expect("compared");
        assert_eq!(result.comparison.kendall_tau, Some(-1.0));
        let state = run(parts(Some(0)));
        assert!(state.model_comparison.result.is_none());
        assert!(state
            .model_comparison
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("incomplete")));
    }

    #[test]
    fn failures_and_cancel_stop_the_run_and_keep_the_workspace_and_report() {
        let cases: [(Action, &str); 4] = [
            (Action::ModelComparisonCancelled, "cancelled"),
            (
                second(
                    2,
                    FromWorker::LoadFailed {
                        message: "models/paraphrase-MiniLM-L3-v2/model.f16.safetensors: 404".into(),
                    },
                ),
                "paraphrase-MiniLM-L3-v2 could not be loaded: models/paraphrase-MiniLM-L3-v2/model.f16.safetensors: 404",
            ),
            (
                Action::ModelComparisonBroken {
                    request_id: RequestId(2),
                    message: "the model worker could not be started".into(),
                },
                "could not be started",
            ),
            (
                second(
                    2,
                    FromWorker::RequestFailed {
                        request_id: RequestId(2),
                        message: "out of memory".into(),
                    },
                ),
                "out of memory",
            ),
        ];
        let before = run(analysed());
        for (failure, note) in cases {
            let state = run(with(
                analysed(),
                [Action::ModelComparisonStarted(RequestId(2)), failure],
            ));
            let comparison = &state.model_comparison;
            assert!(comparison.run.is_none());
            assert!(comparison.result.is_none());
            assert!(
                comparison
                    .notice
                    .as_deref()
                    .is_some_and(|n| n.contains(note)),
                "{:?}",
                comparison.notice
            );
            assert_eq!(state.workspace.resume, before.workspace.resume);
            assert_eq!(state.workspace.posts.len(), before.workspace.posts.len());
            assert!(state.analysis.analyzed.is_some());
            assert!(state.error.is_none(), "the main worker is not concerned");
            assert!(state.model.is_ready());
        }
        // A late message of a cancelled run changes nothing.
        let state = run(with(
            analysed(),
            [
                Action::ModelComparisonStarted(RequestId(2)),
                Action::ModelComparisonCancelled,
                second_analyzed(2),
            ],
        ));
        assert!(state.model_comparison.result.is_none());
        // Clearing everything stops the run (and so its worker).
        let state = run(with(
            analysed(),
            [
                Action::ModelComparisonStarted(RequestId(2)),
                Action::ClearedAll,
            ],
        ));
        assert!(state.model_comparison.run.is_none());
    }
}
