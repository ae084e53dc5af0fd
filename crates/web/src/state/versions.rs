//! "Your resume over time": the comparison of the saved resume versions against the posts
//! (the versions themselves are part of the workspace, saved with it).

use jobdelta_matching::progress::Progress;
use jobdelta_protocol::RequestId;

/// The comparison part of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VersionsState {
    /// The comparison under way.
    pub comparing: Option<RequestId>,
    /// The last comparison, with the number of posts it was made over.
    pub progress: Option<Progress>,
    /// Milliseconds the last comparison took in the worker.
    pub elapsed_ms: u64,
    /// Why the last comparison failed.
    pub error: Option<String>,
}

impl VersionsState {
    /// Why "Compare versions" cannot be pressed now, or `None` if it can.
    pub fn compare_blocker(
        &self,
        versions: usize,
        posts: usize,
        model_ready: bool,
    ) -> Option<&'static str> {
        if versions < 2 {
            Some("Save at least two versions of your resume to compare them.")
        } else if posts == 0 {
            Some("Add the posts to compare your versions against.")
        } else if !model_ready {
            Some("The model is still loading.")
        } else if self.comparing.is_some() {
            Some("Comparing…")
        } else {
            None
        }
    }

    /// Whether a request is this part's.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.comparing == Some(request_id)
    }

    /// A comparison was sent.
    pub fn sent(&mut self, request_id: RequestId) {
        self.comparing = Some(request_id);
        self.error = None;
    }

    /// The worker compared the versions; only the pending comparison's answer is shown.
    pub fn compared(&mut self, request_id: RequestId, progress: Progress, elapsed_ms: u64) {
        if self.comparing.take_if(|id| *id == request_id).is_some() {
            self.progress = Some(progress);
            self.elapsed_ms = elapsed_ms;
        }
    }

    /// The comparison failed: its message is shown next to the versions.
    pub fn failed(&mut self, request_id: RequestId, message: String) {
        if self.comparing.take_if(|id| *id == request_id).is_some() {
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
    fn compare_needs_two_versions_posts_and_the_model() {
        let state = VersionsState::default();
        assert!(state
            .compare_blocker(1, 3, true)
            .is_some_and(|b| b.contains("two versions")));
        assert!(state
            .compare_blocker(2, 0, true)
            .is_some_and(|b| b.contains("posts")));
        assert!(state
            .compare_blocker(2, 1, false)
            .is_some_and(|b| b.contains("loading")));
        assert_eq!(state.compare_blocker(2, 1, true), None);
    }

    #[test]
    fn only_the_pending_comparison_is_shown() {
        let mut state = VersionsState::default();
        state.sent(RequestId(4));
        state.compared(RequestId(3), Progress::default(), 10);
        assert_eq!(state.progress, None, "an older answer is dropped");
        state.compared(RequestId(4), Progress::default(), 12);
        assert_eq!(state.progress, Some(Progress::default()));
        assert_eq!(state.elapsed_ms, 12);
        state.sent(RequestId(5));
        state.failed(RequestId(5), "no".into());
        assert_eq!(state.error.as_deref(), Some("no"));
        assert_eq!(state.comparing, None);
    }
}
