//! Which parts of a sentence to highlight: the words it shares with the sentence it was matched
//! with. Words are found with `jobdelta_text::words`, the same normalisation the report used to
//! list the shared words, so "APIs" in one sentence and "API" in the other light up together
//! whenever the report counted them as shared. Pure, so it is tested natively.

use std::collections::HashSet;

use jobdelta_text::words;

/// A piece of a sentence, highlighted or not; the pieces concatenate to the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text of the piece.
    pub text: String,
    /// Whether it is a shared word.
    pub marked: bool,
}

/// Splits `text` into pieces, marking each content word whose normalised form is in `shared`.
pub fn segments<S: AsRef<str>>(text: &str, shared: &[S]) -> Vec<Segment> {
    let shared: HashSet<&str> = shared.iter().map(AsRef::as_ref).collect();
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    if !shared.is_empty() {
        for word in words(text) {
            if word.is_stop_word || !shared.contains(word.normalized.as_str()) {
                continue;
            }
            let range = word.range;
            // Never slice inside a character, whatever the word finder returns.
            if range.start < plain_from
                || range.end > text.len()
                || !text.is_char_boundary(range.start)
                || !text.is_char_boundary(range.end)
            {
                continue;
            }
            if range.start > plain_from {
                pieces.push(Segment {
                    text: text[plain_from..range.start].to_owned(),
                    marked: false,
                });
            }
            pieces.push(Segment {
                text: text[range.clone()].to_owned(),
                marked: true,
            });
            plain_from = range.end;
        }
    }
    if plain_from < text.len() || pieces.is_empty() {
        pieces.push(Segment {
            text: text[plain_from..].to_owned(),
            marked: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn marked(pieces: &[Segment]) -> Vec<&str> {
        pieces
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn joined(pieces: &[Segment]) -> String {
        pieces.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn shared_words_are_marked_whatever_their_case() {
        let text = "Built Kafka pipelines and Spark jobs in Python.";
        let pieces = segments(text, &["kafka", "python"]);
        assert_eq!(marked(&pieces), ["Kafka", "Python"]);
        assert_eq!(joined(&pieces), text);
    }

    #[test]
    fn nothing_shared_leaves_the_text_whole() {
        for shared in [vec![], vec!["rust"]] {
            let pieces = segments("Led a team of five.", &shared);
            assert_eq!(
                pieces,
                [Segment {
                    text: "Led a team of five.".into(),
                    marked: false
                }]
            );
        }
        assert_eq!(segments("", &["x"]).len(), 1);
    }

    #[test]
    fn stop_words_are_never_marked_and_unicode_is_kept_whole() {
        let text = "The café’s data — and the team’s 日本語 data.";
        let pieces = segments(text, &["the", "data"]);
        assert!(marked(&pieces)
            .iter()
            .all(|w| w.eq_ignore_ascii_case("data")));
        assert_eq!(marked(&pieces).len(), 2);
        assert_eq!(joined(&pieces), text);
    }
}
