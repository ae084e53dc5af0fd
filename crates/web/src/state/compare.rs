//! The two-sentence comparison: the two texts as typed, the request waiting for an answer,
//! and the last result.

use jobdelta_protocol::{PieceCount, PreprocessedCosine, RequestId};

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

/// The comparison's part of the page state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompareState {
    /// The first text, as typed.
    pub first: String,
    /// The second text, as typed.
    pub second: String,
    /// The comparison waiting for an answer, with the texts it was sent with.
    pub pending: Option<(RequestId, (String, String))>,
    /// The last comparison's result.
    pub result: Option<Comparison>,
}

impl CompareState {
    /// Why Compare cannot be pressed now (given whether the model is ready), or `None`.
    pub fn blocker(&self, model_ready: bool) -> Option<&'static str> {
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
        } else if !model_ready {
            Some("The model is still loading; you can compare as soon as it is ready.")
        } else {
            None
        }
    }

    /// Whether the texts were edited since the shown result was computed.
    pub fn result_is_stale(&self) -> bool {
        self.result
            .as_ref()
            .is_some_and(|r| r.texts.0 != self.first || r.texts.1 != self.second)
    }

    /// The current texts were sent under this id.
    pub fn sent(&mut self, request_id: RequestId) {
        self.pending = Some((request_id, (self.first.clone(), self.second.clone())));
    }

    /// Whether the comparison waiting for an answer is this request.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.pending
            .as_ref()
            .is_some_and(|(id, _)| *id == request_id)
    }

    /// The worker's answer; an answer to anything but the latest request is stale and dropped.
    pub fn answered(
        &mut self,
        request_id: RequestId,
        cosine: f32,
        pieces: (PieceCount, PieceCount),
        preprocessed: Vec<PreprocessedCosine>,
    ) {
        if let Some((_, texts)) = self.pending.take_if(|(id, _)| *id == request_id) {
            self.result = Some(Comparison {
                cosine,
                first: pieces.0,
                second: pieces.1,
                preprocessed,
                texts,
            });
        }
    }

    /// The request failed: whether it was this comparison's (then it no longer waits).
    pub fn failed(&mut self, request_id: RequestId) -> bool {
        self.pending.take_if(|(id, _)| *id == request_id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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
        assert_blockers(cases, State::compare_blocker);
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
        assert_eq!(state.compare.result.as_ref().map(|r| r.cosine), Some(0.5));
        assert_eq!(state.next_request, RequestId(2));
        assert!(state.compare.pending.is_none());
        assert!(!state.compare.result_is_stale());
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
        assert!(state.compare.result_is_stale());
        assert_eq!(
            (state.compare.first.as_str(), state.compare.second.as_str()),
            ("a", "bc")
        );
    }
}
