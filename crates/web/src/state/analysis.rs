//! The analysis: the one under way (progress, remaining time, cancel), the last report with
//! the post shown and the view chosen, and the problems the worker found with the inputs.

use std::cell::RefCell;

use jobdelta_matching::{InputProblem, PostReport, PostText, ProblemPlace, Report, Thresholds};
use jobdelta_protocol::parts::ArrivingPosts;
use jobdelta_protocol::RequestId;

use super::workspace::{PostId, WorkspaceState};
use super::Shared;
use crate::workspace::SavedReport;

/// The note shown when an analysis is cancelled.
pub const CANCELLED_NOTE: &str =
    "Analysis cancelled. Your resume and posts are as you left them; analyse again when ready.";

/// The inputs an analysis was made of, to tell when the report no longer matches them.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzedInputs {
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
    pub post_ids: Shared<Vec<PostId>>,
    /// What was sent.
    pub inputs: Shared<AnalyzedInputs>,
    /// The report's posts received so far (`AnalyzedPart`s), shared rather than copied when
    /// the state is.
    pub arriving: Shared<RefCell<ArrivingPosts>>,
    /// Posts received so far, and how many the report has (0 before the first part).
    pub received: (usize, usize),
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
pub struct Analyzed {
    /// The report, under the page's current thresholds.
    pub report: Shared<Report>,
    /// What was analysed.
    pub inputs: Shared<AnalyzedInputs>,
    /// Sentences embedded for it.
    pub sentences_embedded: usize,
    /// Sentences taken from the cache.
    pub sentences_cached: usize,
    /// How long it took.
    pub elapsed_ms: u64,
    /// The posts analysed, by position in the report.
    pub post_ids: Shared<Vec<PostId>>,
    /// Kept from the last visit (not analysed in this one: the worker cannot search it yet).
    pub restored: bool,
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

/// The views of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportTab {
    /// The ranking and one post's requirements.
    #[default]
    Posts,
    /// The resume's sentences and what they speak to.
    Sentences,
    /// The map, the heatmap and the charts.
    Pictures,
    /// The posts grouped into role families.
    Families,
    /// The report's model compared with another one.
    Models,
}

/// The analysis' part of the page state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnalysisState {
    /// The analysis under way.
    pub running: Option<Running>,
    /// The last report.
    pub analyzed: Option<Analyzed>,
    /// Problems the worker found with the inputs of the last analysis.
    pub problems: Vec<Problem>,
    /// A note about the analysis (cancelled, stopped, cleared…).
    pub notice: Option<String>,
    /// The post whose requirements are shown (index into the report's posts).
    pub selected_post: Option<usize>,
    /// The report view shown.
    pub tab: ReportTab,
}

impl AnalysisState {
    /// Whether the analysis under way is this request.
    pub fn is_running(&self, request_id: RequestId) -> bool {
        self.running
            .as_ref()
            .is_some_and(|r| r.request_id == request_id)
    }

    /// The analysis with this id, if it is the one under way.
    fn running_with(&mut self, request_id: RequestId) -> Option<&mut Running> {
        self.running.as_mut().filter(|r| r.request_id == request_id)
    }

    /// Whether the inputs changed since the shown report was made.
    pub fn report_is_stale(&self, workspace: &WorkspaceState) -> bool {
        self.analyzed
            .as_ref()
            .is_some_and(|a| !workspace.matches(&a.inputs.resume, &a.inputs.posts))
    }

    /// The problems shown at one place.
    pub fn problems_at(&self, target: ProblemTarget) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.target == target)
            .map(|p| p.message.clone())
            .collect()
    }

    /// Whether a problem is shown at this place.
    pub fn has_problems_at(&self, target: ProblemTarget) -> bool {
        self.problems.iter().any(|p| p.target == target)
    }

    /// The input at this place was edited: its problems go.
    pub fn clear_problems(&mut self, target: ProblemTarget) {
        self.problems.retain(|p| p.target != target);
    }

    /// The workspace's inputs were sent for analysis under this id.
    pub fn sent(&mut self, request_id: RequestId, at_ms: f64, workspace: &WorkspaceState) {
        self.running = Some(Running {
            request_id,
            started_at_ms: at_ms,
            updated_at_ms: at_ms,
            done: 0,
            total: 0,
            cached: 0,
            cancelling: false,
            arriving: Shared::new(RefCell::default()),
            received: (0, 0),
            post_ids: Shared::new(workspace.posts.iter().map(|p| p.id).collect()),
            inputs: Shared::new(AnalyzedInputs {
                resume: workspace.resume.clone(),
                posts: workspace.post_texts(),
            }),
        });
        self.problems.clear();
        self.notice = None;
    }

    /// Cancel was pressed.
    pub fn cancel_requested(&mut self) {
        if let Some(running) = &mut self.running {
            running.cancelling = true;
        }
    }

    /// Progress of the analysis under way (another one's is ignored).
    pub fn progress(
        &mut self,
        request_id: RequestId,
        done: usize,
        total: usize,
        cached: usize,
        at_ms: f64,
    ) {
        if let Some(running) = self.running_with(request_id) {
            running.done = done;
            running.total = total;
            running.cached = cached;
            running.updated_at_ms = at_ms;
        }
    }

    /// Some of the report's posts arrived (the analysis under way's; another one's are
    /// dropped).
    pub fn part_arrived(&mut self, request_id: RequestId, posts: Vec<PostReport>, total: usize) {
        if let Some(running) = self.running_with(request_id) {
            let mut arriving = running.arriving.borrow_mut();
            arriving.add(posts);
            running.received = (arriving.len(), total);
        }
    }

    /// The report of the analysis under way (its posts, when `posts_in_parts` is not 0, from
    /// the parts before it), put under the workspace's thresholds and marks; whether it is now
    /// the report shown.
    pub fn analyzed(
        &mut self,
        request_id: RequestId,
        (report, posts_in_parts): (Report, usize),
        stats: (usize, usize, u64),
        workspace: &WorkspaceState,
    ) -> bool {
        let Some(running) = self.running.take_if(|r| r.request_id == request_id) else {
            return false;
        };
        if running.cancelling {
            // The report crossed the cancel on its way: honour the cancel.
            self.notice = Some(CANCELLED_NOTE.into());
            return false;
        }
        let report = match running.arriving.take().complete(report, posts_in_parts) {
            Ok(report) => report,
            Err(incomplete) => {
                self.notice = Some(format!("No report: {incomplete}."));
                return false;
            }
        };
        self.show(
            report,
            stats,
            (running.inputs, running.post_ids),
            workspace,
            false,
        );
        true
    }

    /// The report kept from the last visit, if it was made of the inputs as they are now;
    /// whether it is now the report shown.
    pub fn restored(&mut self, saved: SavedReport, workspace: &WorkspaceState) -> bool {
        if self.analyzed.is_some()
            || self.running.is_some()
            || saved.fingerprint != workspace.fingerprint()
        {
            return false;
        }
        let inputs = AnalyzedInputs {
            resume: workspace.resume.clone(),
            posts: workspace.post_texts(),
        };
        let post_ids = workspace.posts.iter().map(|p| p.id).collect();
        let stats = (
            saved.sentences_embedded,
            saved.sentences_cached,
            saved.elapsed_ms,
        );
        self.show(
            saved.report,
            stats,
            (Shared::new(inputs), Shared::new(post_ids)),
            workspace,
            true,
        );
        true
    }

    /// Shows a report under the workspace's thresholds and marks, its best post selected.
    fn show(
        &mut self,
        mut report: Report,
        (sentences_embedded, sentences_cached, elapsed_ms): (usize, usize, u64),
        (inputs, post_ids): (Shared<AnalyzedInputs>, Shared<Vec<PostId>>),
        workspace: &WorkspaceState,
        restored: bool,
    ) {
        // The thresholds may have moved while the analysis ran.
        if report.thresholds != workspace.thresholds {
            report.apply_thresholds(workspace.thresholds);
        }
        // Marks belong to the posts, so they carry over to a new analysis.
        let marks: Vec<Option<bool>> = post_ids
            .iter()
            .map(|&id| workspace.post(id).and_then(|p| p.mark))
            .collect();
        if marks.iter().any(Option::is_some) {
            report.set_marks(&marks);
        }
        self.selected_post = report.ranking.first().copied();
        self.tab = ReportTab::Posts;
        self.analyzed = Some(Analyzed {
            report: Shared::new(report),
            inputs,
            sentences_embedded,
            sentences_cached,
            elapsed_ms,
            post_ids,
            restored,
        });
        self.problems.clear();
        self.notice = None;
    }

    /// The worker refused the inputs of the analysis under way: each problem is placed next
    /// to its input.
    pub fn rejected(&mut self, request_id: RequestId, problems: Vec<InputProblem>) {
        let Some(running) = self.running.take_if(|r| r.request_id == request_id) else {
            return;
        };
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

    /// The worker confirmed a cancel.
    pub fn cancelled(&mut self, request_id: RequestId) {
        if self
            .running
            .take_if(|r| r.request_id == request_id)
            .is_some()
        {
            self.notice = Some(CANCELLED_NOTE.into());
        }
    }

    /// The request failed: whether it was the analysis under way (which then stops).
    pub fn failed(&mut self, request_id: RequestId) -> bool {
        self.running
            .take_if(|r| r.request_id == request_id)
            .is_some()
    }

    /// The worker stopped: the analysis under way (if any) stops with a note.
    pub fn worker_stopped(&mut self) {
        if self.running.take().is_some() {
            self.notice = Some(
                "The analysis stopped because the model worker stopped. Your inputs are kept: \
                 retry, then analyse again."
                    .into(),
            );
        }
    }

    /// Whether the report has a post at this index.
    pub fn has_post(&self, index: usize) -> bool {
        self.analyzed
            .as_ref()
            .is_some_and(|a| index < a.report.posts.len())
    }

    /// Marks a post of the report and re-ranks; the post's id in the list, if known.
    pub fn mark_post(&mut self, index: usize, mark: Option<bool>) -> Option<PostId> {
        let analyzed = self.analyzed.as_mut()?;
        if index >= analyzed.report.posts.len() {
            return None;
        }
        let mut report = (*analyzed.report).clone();
        let mut marks: Vec<Option<bool>> = report.posts.iter().map(|p| p.mark).collect();
        marks[index] = mark;
        report.set_marks(&marks);
        analyzed.report = Shared::new(report);
        analyzed.post_ids.get(index).copied()
    }

    /// The thresholds moved: the report follows.
    pub fn apply_thresholds(&mut self, thresholds: Thresholds) {
        if let Some(analyzed) = &mut self.analyzed {
            let mut report = (*analyzed.report).clone();
            report.apply_thresholds(thresholds);
            analyzed.report = Shared::new(report);
        }
    }

    /// A post of the report was chosen (an index outside the report is ignored).
    pub fn select_post(&mut self, index: usize) {
        if self.has_post(index) {
            self.selected_post = Some(index);
            self.tab = ReportTab::Posts;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn analyze_is_blocked_until_there_is_something_to_analyze_and_a_model() {
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
        assert_blockers(cases, State::analyze_blocker);
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
        assert_eq!(state.analysis.running.as_ref().unwrap().eta_ms(), None);
        // 10 sentences from the cache, then 20 embedded in 2 s: 0.1 s each, 30 left.
        let state = run(with(
            typed(),
            [
                sent(1),
                progress(10, 60, 10, 1_500.0),
                progress(30, 60, 10, 3_000.0),
            ],
        ));
        let running = state.analysis.running.clone().unwrap();
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
        assert_eq!(state.analysis.running.clone().unwrap().done, 0);
    }

    #[test]
    fn a_report_in_parts_is_gathered_and_a_missing_part_refuses_it() {
        let whole = run(with(typed(), [sent(1), analyzed(1)]));
        let mut actions = vec![sent(1)];
        // A part of an older analysis is no part of this one.
        actions.extend(analyzed_in_parts(7, None).into_iter().take(1));
        actions.extend(analyzed_in_parts(1, None));
        let gathered = run(with(typed(), actions));
        let shown = |state: &State| state.analysis.analyzed.as_ref().map(|a| a.report.clone());
        assert_eq!(
            shown(&gathered).map(|r| (*r).clone()),
            shown(&whole).map(|r| (*r).clone())
        );

        let mut actions = vec![sent(1)];
        actions.extend(analyzed_in_parts(1, Some(0)));
        let refused = run(with(typed(), actions));
        assert!(refused.analysis.analyzed.is_none());
        assert!(refused.analysis.running.is_none());
        assert_eq!(
            refused.analysis.notice.as_deref(),
            Some("No report: the report arrived incomplete (1 of 2 posts); analyse again.")
        );
    }

    #[test]
    fn parts_show_how_much_of_the_report_arrived() {
        let mut actions = vec![sent(1)];
        actions.extend(analyzed_in_parts(1, None).into_iter().take(1));
        let state = run(with(typed(), actions));
        assert_eq!(
            state.analysis.running.as_ref().map(|r| r.received),
            Some((1, 2))
        );
    }

    #[test]
    fn a_report_selects_the_best_post_and_goes_stale_when_inputs_change() {
        let state = run(with(typed(), [sent(1), analyzed(7), analyzed(1)]));
        assert!(state.analysis.running.is_none());
        let shown = state.analysis.analyzed.as_ref().unwrap();
        assert_eq!(shown.report.ranking, [0, 1]);
        assert_eq!(state.analysis.selected_post, Some(0));
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
        assert_eq!(state.analysis.selected_post, Some(1));
        assert!(state.report_is_stale());
    }

    #[test]
    fn marks_rerank_the_report_are_saved_with_the_posts_and_carry_over() {
        let mark = |index, mark| Action::MarkPost { index, mark };
        let after_analysis = with(typed(), [sent(1), analyzed(1)]);
        let revision = run(after_analysis.clone()).workspace.revision;
        // One kind of mark only: kept, but nothing to learn from yet.
        let one_kind = with(after_analysis, [mark(1, Some(true)), mark(9, Some(false))]);
        let state = run(one_kind.clone());
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        assert_eq!(report.posts[1].mark, Some(true));
        assert!(report.learning.is_none());
        assert!(
            state.workspace.revision > revision,
            "a mark is a change to save"
        );
        assert_eq!(state.workspace.posts[1].mark, Some(true));
        assert_eq!(state.workspace.saved().posts[1].mark, Some(true));
        assert!(!state.report_is_stale(), "marking is not editing");

        // Both kinds: the report learns from them.
        let both = with(one_kind, [mark(0, Some(false))]);
        let state = run(both.clone());
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        let learning = report.learning.as_ref().unwrap();
        assert_eq!((learning.marked_fit, learning.marked_not), (1, 1));

        // A new analysis of the same posts starts from the saved marks.
        let again = with(both, [sent(2), analyzed(2)]);
        let state = run(again.clone());
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        assert_eq!(report.posts[0].mark, Some(false));
        assert!(report.learning.is_some());

        // Unmarking goes back to the zero-shot fit.
        let state = run(with(again, [mark(0, None), mark(1, None)]));
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        assert!(report.learning.is_none());
        assert!(report.posts.iter().all(|p| p.fit == p.zero_shot_fit));
    }

    #[test]
    fn thresholds_reapply_to_the_report_and_never_cross() {
        let state = run(with(
            typed(),
            [sent(1), analyzed(1), Action::SetCovered(0.85)],
        ));
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
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
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        assert_eq!(report.posts[1].requirements[0].status, Coverage::Missing);
        assert_eq!(report.posts[0].requirements[1].status, Coverage::Partly);

        let state = run([restored(), Action::SetCovered(0.3)]);
        assert_eq!(
            state.workspace.thresholds,
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
        assert_eq!(state.workspace.thresholds, Thresholds::default());
        let state = run([restored(), Action::SetPartly(0.704)]);
        assert_eq!(
            state.workspace.thresholds,
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
        let report = &state.analysis.analyzed.as_ref().unwrap().report;
        assert_eq!(report.thresholds.covered, 0.9);
        assert!(report.posts[0]
            .requirements
            .iter()
            .all(|r| r.status != Coverage::Covered));
    }

    #[test]
    fn rejected_inputs_are_placed_next_to_the_input_and_nothing_typed_is_lost() {
        let before = run(typed());
        let second = before.workspace.posts[1].id;
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
        assert!(state.analysis.running.is_none());
        assert_eq!(
            state.problems_at(ProblemTarget::Resume),
            ["resume too long"]
        );
        assert_eq!(
            state.problems_at(ProblemTarget::Post(second)),
            ["no requirements"]
        );
        assert_eq!(state.problems_at(ProblemTarget::Posts), ["out of range"]);
        assert!(state
            .analysis
            .notice
            .as_deref()
            .unwrap()
            .contains("3 problems"));
        assert_eq!(state.workspace.saved(), before.workspace.saved());

        // Fixing an input clears its problem; the others stay until the next analysis.
        let mut fixed = state.clone();
        fixed.apply(Action::EditPostText(second, "Requirements: Go.".into()));
        assert!(fixed.problems_at(ProblemTarget::Post(second)).is_empty());
        assert_eq!(fixed.analysis.problems.len(), 2);
        fixed.apply(sent(2));
        assert!(fixed.analysis.problems.is_empty());
    }

    #[test]
    fn cancelling_returns_to_the_inputs_with_a_note() {
        let state = run(with(typed(), [sent(1), Action::CancelRequested]));
        assert!(state.analysis.running.as_ref().unwrap().cancelling);
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
        assert!(state.analysis.running.is_none() && state.analysis.analyzed.is_none());
        assert_eq!(state.analysis.notice.as_deref(), Some(CANCELLED_NOTE));
        assert_eq!(state.workspace.saved(), run(typed()).workspace.saved());
        assert_eq!(state.analyze_blocker(), None);

        // A report that crossed the cancel is dropped.
        let state = run(with(
            typed(),
            [sent(1), Action::CancelRequested, analyzed(1)],
        ));
        assert!(state.analysis.analyzed.is_none() && state.analysis.running.is_none());
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
        assert!(state.analysis.running.is_some());
    }

    #[test]
    fn a_broken_worker_stops_the_analysis_and_a_new_one_can_run_after_restart() {
        let state = run(with(
            typed(),
            [sent(1), Action::WorkerBroken("panicked".into())],
        ));
        assert!(state.analysis.running.is_none());
        assert_eq!(
            state.error.as_ref().map(|e| e.retry),
            Some(Retry::RestartWorker)
        );
        assert!(state
            .analysis
            .notice
            .as_deref()
            .unwrap()
            .contains("stopped"));
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
        assert!(state.analysis.running.is_none());
        assert_eq!(state.error.map(|e| e.retry), Some(Retry::Analyze));
    }

    #[test]
    fn the_report_kept_from_the_last_visit_is_shown_only_for_its_own_inputs() {
        let after_analysis = run(with(
            typed(),
            [
                sent(1),
                analyzed(1),
                Action::MarkPost {
                    index: 1,
                    mark: Some(true),
                },
            ],
        ));
        let shown = after_analysis.analysis.analyzed.clone().unwrap();
        let inputs = &shown.inputs;
        let saved = SavedReport {
            fingerprint: workspace::fingerprint_of(&inputs.resume, &inputs.posts),
            report: (*shown.report).clone(),
            sentences_embedded: shown.sentences_embedded,
            sentences_cached: shown.sentences_cached,
            elapsed_ms: shown.elapsed_ms,
        };
        let document = SavedReport::json_of(&saved.fingerprint, &saved.report, (5, 1, 1234));
        assert_eq!(SavedReport::from_json(&document).as_ref(), Some(&saved));
        let reloaded = |saved: &SavedReport| {
            vec![
                Action::Restored(Restore::Found(after_analysis.workspace.saved())),
                Action::ReportRestored(Box::new(saved.clone())),
            ]
        };
        let state = run(reloaded(&saved));
        let restored = state.analysis.analyzed.as_ref().unwrap();
        assert!(restored.restored && !state.report_is_stale());
        assert_eq!(restored.report.ranking, shown.report.ranking);
        assert_eq!(
            restored.report.posts[1].mark,
            Some(true),
            "marks come from the posts"
        );
        assert_eq!(
            state.analysis.selected_post,
            after_analysis.analysis.selected_post
        );
        assert!(!state.workspace.has_unsaved_changes());
        assert!(state
            .search_blocker()
            .is_some_and(|b| b.contains("last visit")));
        // Analysing again replaces it with a report of this visit.
        let state = run(with(reloaded(&saved), [ready(), sent(1), analyzed(1)]));
        assert!(!state.analysis.analyzed.as_ref().unwrap().restored);

        // Inputs edited after the report was made: not shown.
        let other = SavedReport {
            fingerprint: workspace::fingerprint_of("Another resume.", &inputs.posts),
            ..saved.clone()
        };
        assert!(run(reloaded(&other)).analysis.analyzed.is_none());
        // An unreadable document is no report.
        assert_eq!(SavedReport::from_json("{\"fingerprint\": 3}"), None);
    }
}
