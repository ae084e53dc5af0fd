//! Test helpers shared by the state's parts: a reducer run over a list of actions, and the
//! worker messages, inputs and report the tests are written with.

pub(super) use std::rc::Rc;

pub(super) use jobdelta_matching::{
    Coverage, Evidence, FitBreakdown, FitLabel, InputProblem, PostReport, ProblemPlace, Report,
    RequirementReport, ResumeSentenceReport, SearchHit, Summary, Thresholds,
};
pub(super) use jobdelta_protocol::{
    Engine, FromWorker, ModelFile, PieceCount, RequestId, ToWorker,
};
pub(super) use jobdelta_text::SectionKind;
pub(super) use yew::Reducible;

pub(super) use crate::workspace::{SavedPost, SavedReport, Workspace};

use super::{Action, Restore, State};

pub(super) fn run(actions: impl IntoIterator<Item = Action>) -> State {
    let state = actions
        .into_iter()
        .fold(Rc::new(State::default()), Reducible::reduce);
    Rc::unwrap_or_clone(state)
}

pub(super) fn worker(message: FromWorker) -> Action {
    Action::Worker {
        message,
        at_ms: 0.0,
    }
}

pub(super) fn worker_at(message: FromWorker, at_ms: f64) -> Action {
    Action::Worker { message, at_ms }
}

pub(super) fn ready() -> Action {
    worker(FromWorker::Ready {
        model_id: "m".into(),
        load_ms: 5,
        engine: Engine::default(),
    })
}

pub(super) fn restored() -> Action {
    Action::Restored(Restore::Nothing)
}

pub(super) fn compared(id: u32, cosine: f32) -> Action {
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
pub(super) fn typed() -> Vec<Action> {
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

pub(super) fn with(
    mut actions: Vec<Action>,
    more: impl IntoIterator<Item = Action>,
) -> Vec<Action> {
    actions.extend(more);
    actions
}

pub(super) fn sent(id: u32) -> Action {
    Action::AnalyzeSent {
        request_id: RequestId(id),
        at_ms: 1_000.0,
    }
}

pub(super) fn requirement(text: &str, section: SectionKind, score: f32) -> RequirementReport {
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
        skills: Default::default(),
        evidence: vec![Evidence {
            resume_index: 0,
            resume_sentence: "Built data pipelines in Python.".into(),
            score,
            shared_words: vec!["python".into()],
        }],
    }
}

pub(super) fn post(title: &str, requirements: Vec<RequirementReport>) -> PostReport {
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
        skills_named: 0,
        checks: vec![],
        fit_cap: None,
        unseen_terms: vec![],
        vectors: Default::default(),
    }
}

/// A two-post report: "Backend" (index 1) fits worse than "Data engineer" (index 0)
/// under the default thresholds.
pub(super) fn report() -> Report {
    let mut report = Report {
        model: "m".into(),
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
            asked_skills: vec![],
            role: Default::default(),
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

pub(super) fn analyzed(id: u32) -> Action {
    worker(FromWorker::Analyzed {
        request_id: RequestId(id),
        report: Box::new(report()),
        posts_in_parts: 0,
        sentences_embedded: 5,
        sentences_cached: 1,
        elapsed_ms: 1234,
    })
}

/// The report of analysis `id` as the worker sends a long one: its posts in parts (one post a
/// part here), then the rest; `drop` leaves that part out on the way.
pub(super) fn analyzed_in_parts(id: u32, drop: Option<usize>) -> Vec<Action> {
    let mut report = report();
    let posts = std::mem::take(&mut report.posts);
    let total = posts.len();
    let mut actions: Vec<Action> = posts
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != drop)
        .map(|(_, post)| {
            worker(FromWorker::AnalyzedPart {
                request_id: RequestId(id),
                posts: vec![post],
                posts_total: total,
            })
        })
        .collect();
    actions.push(worker(FromWorker::Analyzed {
        request_id: RequestId(id),
        report: Box::new(report),
        posts_in_parts: total,
        sentences_embedded: 5,
        sentences_cached: 1,
        elapsed_ms: 1234,
    }));
    actions
}

/// Checks a table of blocker cases: each list of actions leaves `blocker` at `None`, or at a
/// message containing the expected part.
pub(super) fn assert_blockers(
    cases: Vec<(Vec<Action>, Option<&str>)>,
    blocker: impl Fn(&State) -> Option<&'static str>,
) {
    for (actions, expected) in cases {
        let debug = format!("{actions:?}");
        let blocker = blocker(&run(actions));
        match expected {
            None => assert_eq!(blocker, None, "{debug}"),
            Some(part) => assert!(
                blocker.is_some_and(|b| b.contains(part)),
                "{debug}: {blocker:?}"
            ),
        }
    }
}
