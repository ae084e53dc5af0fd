//! The search of every analysed post's requirements: the query box, the search waiting for
//! an answer, and the last answer (or why it failed).

use jobdelta_matching::SearchHit;
use jobdelta_protocol::RequestId;

/// How many requirements a search shows.
pub const SEARCH_LIMIT: usize = 20;

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

impl RequirementSearch {
    /// Why Search cannot be pressed now, or `None` if it can.
    pub fn blocker(&self, analyzed: bool, model_ready: bool) -> Option<&'static str> {
        if !analyzed {
            Some("Analyse your posts first; then search their requirements.")
        } else if !model_ready {
            Some("The model is still loading.")
        } else if self.query.trim().is_empty() {
            Some("Type a skill, a duty or a phrase to look for.")
        } else {
            None
        }
    }

    /// A search was sent under this id.
    pub fn sent(&mut self, request_id: RequestId) {
        self.pending = Some(request_id);
        self.error = None;
    }

    /// Whether the search waiting for an answer is this request.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.pending == Some(request_id)
    }

    /// The worker's answer; only the pending search's answer is shown.
    pub fn answered(&mut self, request_id: RequestId, found: Found) {
        if self.pending.take_if(|id| *id == request_id).is_some() {
            self.found = Some(found);
            self.error = None;
        }
    }

    /// The request failed: whether it was this search's (its message is then shown by the box).
    pub fn failed(&mut self, request_id: RequestId, message: &str) -> bool {
        let ours = self.pending.take_if(|id| *id == request_id).is_some();
        if ours {
            self.error = Some(message.to_owned());
        }
        ours
    }

    /// A new analysis: old hits would point at other posts.
    pub fn forget_answer(&mut self) {
        self.found = None;
        self.error = None;
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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
        let after_analysis = with(typed(), [sent(1), analyzed(1)]);
        assert!(
            run(after_analysis.clone()).search_blocker().is_some(),
            "no query"
        );
        let typed_query = with(after_analysis, [Action::EditSearch("golang".into())]);
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
}
