//! Gazetteer hits with their context windows, as the package's `SkillExtractor.candidates`
//! builds them: the text split on whitespace (Python's `str.split()`), the hit's word index
//! counted as the words before it, and 20 words before to 21 from it on.

use std::ops::Range;

use crate::gazetteer::Gazetteer;

/// Words of context before a hit.
pub const CONTEXT_WORDS_BEFORE: usize = 20;
/// Words of context from a hit on (the hit's own word included).
pub const CONTEXT_WORDS_AFTER: usize = 21;

/// One gazetteer hit and the text the classifier judges it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The skill, lowercased, as the gazetteer holds it.
    pub name: String,
    /// Where it is, in bytes of the text.
    pub range: Range<usize>,
    /// The words around it, joined by single spaces.
    pub context: String,
}

impl Candidate {
    /// The text to embed for the classifier: `"{skill} : {context}"`.
    pub fn model_input(&self) -> String {
        format!("{} : {}", self.name, self.context)
    }
}

/// Python's `str.isspace`: Unicode white space and the four ASCII separators \x1c–\x1f.
fn is_python_space(ch: char) -> bool {
    ch.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&ch)
}

/// Python's `str.split()` with no argument.
fn python_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_python_space).filter(|w| !w.is_empty())
}

/// Every hit of `gazetteer` in `text`, in text order, with its context.
pub fn candidates(gazetteer: &Gazetteer, text: &str) -> Vec<Candidate> {
    let matches = gazetteer.find(text);
    if matches.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = python_words(text).collect();
    matches
        .into_iter()
        .map(|m| {
            let word_index = python_words(&text[..m.range.start]).count();
            let low = word_index.saturating_sub(CONTEXT_WORDS_BEFORE);
            let high = (word_index + CONTEXT_WORDS_AFTER).min(words.len());
            Candidate {
                name: m.keyword,
                context: words.get(low..high).unwrap_or_default().join(" "),
                range: m.range,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_twenty_words_before_and_twenty_one_from_the_hit() {
        let gazetteer = Gazetteer::new(["rust"]);
        let before: Vec<String> = (0..30).map(|i| format!("b{i}")).collect();
        let after: Vec<String> = (0..30).map(|i| format!("a{i}")).collect();
        let text = format!("{} Rust {}", before.join(" "), after.join("\t"));
        let found = candidates(&gazetteer, &text);
        assert_eq!(found.len(), 1);
        let words: Vec<&str> = found[0].context.split(' ').collect();
        assert_eq!(words.len(), 41);
        assert_eq!(words[0], "b10");
        assert_eq!(words[20], "Rust");
        assert_eq!(words[40], "a19");
        assert_eq!(
            found[0].model_input(),
            format!("rust : {}", found[0].context)
        );
    }

    #[test]
    fn a_hit_glued_to_punctuation_counts_the_punctuation_as_a_word() {
        // "(rust" is one Python word; the hit starts inside it, after the word "(" began, so
        // the words before are "x" only and the window starts there.
        let gazetteer = Gazetteer::new(["rust"]);
        let found = candidates(&gazetteer, "x (rust) y\u{1f}z");
        assert_eq!(found[0].context, "x (rust) y z");
        assert_eq!(found[0].range, 3..7);
    }
}
