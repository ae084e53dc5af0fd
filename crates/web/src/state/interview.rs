//! "Interview yourself": the question box over the brag document, the interview the worker
//! prepared (stories, question bank, fits per post) and the "Tell me about yourself" outline
//! the person arranges.

use jobdelta_interview::{pitch, Answer, Interview, Outline, PitchChoices};
use jobdelta_protocol::RequestId;

use super::Shared;

/// Sentences an answer shows at most.
pub const ASK_LIMIT: usize = 8;

/// The interview part of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InterviewState {
    /// What is typed in the question box.
    pub question: String,
    /// The question under way.
    pub asking: Option<RequestId>,
    /// The last answer.
    pub asked: Option<Asked>,
    /// Why the last question or interview failed.
    pub error: Option<String>,
    /// The interview under way, and the resume it was asked for.
    pub preparing: Option<RequestId>,
    /// The resume the pending interview was asked for.
    preparing_resume: String,
    /// The last interview, and the resume it was made from.
    pub interview: Option<(Shared<Interview>, String)>,
    /// The post the question bank and the outline are for (`None`: the common questions and
    /// the person's field).
    pub post: Option<usize>,
    /// Stories pinned into, or swapped out of, the outline.
    pub choices: PitchChoices,
    /// The outline shown (rebuilt on a new interview, post, pin or swap; reordered in place).
    pub outline: Option<Outline>,
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    /// The question.
    pub question: String,
    /// The closest sentences, best first.
    pub answers: Vec<Answer>,
    /// Milliseconds to embed what was new (the question, maybe the document).
    pub embed_ms: f64,
    /// Milliseconds to score every sentence.
    pub search_ms: f64,
}

impl InterviewState {
    /// Why Ask cannot be pressed now, or `None` if it can.
    pub fn ask_blocker(&self, resume: &str, model_ready: bool) -> Option<&'static str> {
        if resume.trim().is_empty() {
            Some("Paste your resume or brag document first; then ask it questions.")
        } else if !model_ready {
            Some("The model is still loading.")
        } else if self.question.trim().is_empty() {
            Some("Type a question, e.g. “Tell me about a time you disagreed with someone”.")
        } else {
            None
        }
    }

    /// Why "Prepare my interview" cannot be pressed now, or `None` if it can.
    pub fn prepare_blocker(&self, resume: &str, model_ready: bool) -> Option<&'static str> {
        if resume.trim().is_empty() {
            Some("Paste your resume or brag document first.")
        } else if !model_ready {
            Some("The model is still loading.")
        } else if self.preparing.is_some() {
            Some("Preparing…")
        } else {
            None
        }
    }

    /// Whether a request is this part's.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.asking == Some(request_id) || self.preparing == Some(request_id)
    }

    /// A question was sent.
    pub fn ask_sent(&mut self, request_id: RequestId) {
        self.asking = Some(request_id);
        self.error = None;
    }

    /// An interview of `resume` was sent.
    pub fn prepare_sent(&mut self, request_id: RequestId, resume: String) {
        self.preparing = Some(request_id);
        self.preparing_resume = resume;
        self.error = None;
    }

    /// The worker answered a question; only the pending one's answer is shown.
    pub fn answered(&mut self, request_id: RequestId, asked: Asked) {
        if self.asking.take_if(|id| *id == request_id).is_some() {
            self.asked = Some(asked);
        }
    }

    /// The worker prepared the pending interview; the outline is proposed afresh.
    pub fn interviewed(&mut self, request_id: RequestId, interview: Interview) {
        if self.preparing.take_if(|id| *id == request_id).is_none() {
            return;
        }
        let resume = std::mem::take(&mut self.preparing_resume);
        if self.post.is_some_and(|p| p >= interview.posts.len()) {
            self.post = None;
        }
        self.choices = PitchChoices::default();
        self.interview = Some((Shared::new(interview), resume));
        self.rebuild_outline();
    }

    /// A request of this part failed: its message is shown in the panel.
    pub fn failed(&mut self, request_id: RequestId, message: &str) {
        self.asking.take_if(|id| *id == request_id);
        self.preparing.take_if(|id| *id == request_id);
        self.error = Some(message.to_owned());
    }

    /// The worker is gone: nothing is pending any more.
    pub fn worker_stopped(&mut self) {
        self.asking = None;
        self.preparing = None;
    }

    /// The post the bank and outline are for.
    pub fn choose_post(&mut self, post: Option<usize>) {
        self.post = post;
        self.choices = PitchChoices::default();
        self.rebuild_outline();
    }

    /// Pins a story into the outline, or unpins it.
    pub fn toggle_pin(&mut self, story: usize) {
        if let Some(at) = self.choices.pinned.iter().position(|&s| s == story) {
            self.choices.pinned.remove(at);
        } else {
            self.choices.pinned.push(story);
            self.choices.excluded.retain(|&s| s != story);
        }
        self.rebuild_outline();
    }

    /// Swaps a story out of the outline for the next best one.
    pub fn swap_out(&mut self, story: usize) {
        self.choices.pinned.retain(|&s| s != story);
        if !self.choices.excluded.contains(&story) {
            self.choices.excluded.push(story);
        }
        self.rebuild_outline();
    }

    /// Moves an outline item from one place to another.
    pub fn move_item(&mut self, from: usize, to: usize) {
        if let Some(outline) = &mut self.outline {
            outline.move_item(from, to);
        }
    }

    fn rebuild_outline(&mut self) {
        self.outline = self
            .interview
            .as_ref()
            .map(|(interview, _)| pitch(interview, self.post, &self.choices));
    }

    /// Whether the shown interview was made from another resume than `resume`.
    pub fn is_stale(&self, resume: &str) -> bool {
        self.interview
            .as_ref()
            .is_some_and(|(_, made_from)| made_from != resume)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const BRAG: &str = "Experience\nEngineer, Acme 2021 – Present\n- Cut checkout latency by 40%.\n- Led the Kafka migration for 14 services.\n\nAnalyst, Initech 2018–2021\n- Built the revenue dashboard used by 200 people.\n";

    fn interview() -> Interview {
        let plan = jobdelta_interview::plan(BRAG, &[]).expect("a plan");
        let vectors: Vec<Vec<f32>> = plan
            .texts_to_embed
            .iter()
            .enumerate()
            .map(|(i, _)| vec![1.0 / (1.0 + i as f32), 0.5])
            .collect();
        plan.interview(&vectors)
    }

    #[test]
    fn a_question_needs_a_resume_a_model_and_words_and_shows_only_its_own_answer() {
        let mut state = InterviewState::default();
        assert!(state.ask_blocker("", true).is_some());
        assert!(state.ask_blocker(BRAG, true).is_some(), "no question");
        state.question = "conflict".into();
        assert!(state.ask_blocker(BRAG, false).is_some(), "model loading");
        assert_eq!(state.ask_blocker(BRAG, true), None);
        state.ask_sent(RequestId(4));
        let asked = |q: &str| Asked {
            question: q.into(),
            answers: Vec::new(),
            embed_ms: 1.0,
            search_ms: 0.1,
        };
        state.answered(RequestId(3), asked("old"));
        assert!(state.asked.is_none(), "an unknown id is ignored");
        state.answered(RequestId(4), asked("conflict"));
        assert_eq!(state.asked.map(|a| a.question).as_deref(), Some("conflict"));
        assert_eq!(state.asking, None);
    }

    #[test]
    fn an_interview_proposes_an_outline_the_person_rearranges() {
        let mut state = InterviewState::default();
        state.prepare_sent(RequestId(7), BRAG.into());
        assert!(
            state.prepare_blocker(BRAG, true).is_some(),
            "already preparing"
        );
        state.interviewed(RequestId(7), interview());
        let outline = state.outline.clone().expect("an outline");
        assert!(!outline.items.is_empty());
        assert!(!state.is_stale(BRAG));
        assert!(state.is_stale("another resume"));

        let first = outline.items[0].story.id;
        state.swap_out(first);
        let swapped = state.outline.clone().expect("an outline");
        assert!(swapped.items.iter().all(|i| i.story.id != first));
        state.toggle_pin(first);
        let pinned = state.outline.clone().expect("an outline");
        assert!(pinned.items.iter().any(|i| i.story.id == first && i.pinned));
        if pinned.items.len() > 1 {
            state.move_item(0, 1);
            let moved = state.outline.clone().expect("an outline");
            assert_eq!(moved.items[1], pinned.items[0]);
        }
    }

    #[test]
    fn interview_answers_and_failures_reach_the_panel_through_the_reducer() {
        let state = run(with(
            typed(),
            [
                Action::InterviewSent(RequestId(1), BRAG.into()),
                worker(FromWorker::Interviewed {
                    request_id: RequestId(1),
                    interview: Box::new(interview()),
                    sentences_embedded: 5,
                    elapsed_ms: 300,
                }),
            ],
        ));
        assert!(state.interview.interview.is_some());
        assert_eq!(state.next_request, RequestId(2));
        let failed = run(with(
            typed(),
            [
                Action::AskSent(RequestId(1)),
                worker(FromWorker::RequestFailed {
                    request_id: RequestId(1),
                    message: "type a question".into(),
                }),
            ],
        ));
        assert_eq!(failed.interview.error.as_deref(), Some("type a question"));
        assert!(failed.error.is_none(), "not a page error");
    }
}
