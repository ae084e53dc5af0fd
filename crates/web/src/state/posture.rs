//! "Role families": the posts grouped into families by the worker
//! (`jobdelta_matching::posture`, what `jobdelta posture` prints), asked from the report's
//! Role families tab.

use jobdelta_matching::posture::Posture;
use jobdelta_protocol::RequestId;

/// The posture part of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostureState {
    /// The grouping under way.
    pub pending: Option<RequestId>,
    /// The last grouping.
    pub posture: Option<Posture>,
    /// Milliseconds the last grouping took in the worker.
    pub elapsed_ms: u64,
    /// Why the last grouping failed.
    pub error: Option<String>,
}

impl PostureState {
    /// Why "Group the posts" cannot be pressed now, or `None` if it can.
    pub fn blocker(&self, posts: usize, model_ready: bool) -> Option<&'static str> {
        if posts == 0 {
            Some("Add the posts to group.")
        } else if !model_ready {
            Some("The model is still loading.")
        } else if self.pending.is_some() {
            Some("Grouping…")
        } else {
            None
        }
    }

    /// Whether a request is this part's.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.pending == Some(request_id)
    }

    /// A grouping was sent.
    pub fn sent(&mut self, request_id: RequestId) {
        self.pending = Some(request_id);
        self.error = None;
    }

    /// The worker grouped the posts; only the pending request's answer is shown.
    pub fn grouped(&mut self, request_id: RequestId, posture: Posture, elapsed_ms: u64) {
        if self.pending.take_if(|id| *id == request_id).is_some() {
            self.posture = Some(posture);
            self.elapsed_ms = elapsed_ms;
        }
    }

    /// The grouping failed: its message is shown in the view.
    pub fn failed(&mut self, request_id: RequestId, message: String) {
        if self.pending.take_if(|id| *id == request_id).is_some() {
            self.error = Some(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn grouping_needs_posts_and_the_model() {
        let state = PostureState::default();
        assert!(state.blocker(0, true).is_some_and(|b| b.contains("posts")));
        assert!(state
            .blocker(3, false)
            .is_some_and(|b| b.contains("loading")));
        assert_eq!(state.blocker(3, true), None);
    }

    #[test]
    fn only_the_pending_answer_is_shown() {
        let mut state = PostureState::default();
        state.sent(RequestId(4));
        assert!(state.blocker(3, true).is_some());
        state.grouped(RequestId(3), Posture::default(), 10);
        assert_eq!(state.posture, None, "an older answer is dropped");
        state.grouped(RequestId(4), Posture::default(), 12);
        assert_eq!(state.posture, Some(Posture::default()));
        assert_eq!(state.elapsed_ms, 12);
        state.sent(RequestId(5));
        state.failed(RequestId(5), "no".into());
        assert_eq!(state.error.as_deref(), Some("no"));
        assert_eq!(state.pending, None);
    }
}
