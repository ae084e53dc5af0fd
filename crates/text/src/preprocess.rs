//! Optional preprocessing before embedding, which a person can switch to see its effect.
//!
//! The original notes found that removing stop words changes similarities a lot (0.2323 →
//! 0.3553 for two of their sentences). The modes follow the rule the reference figures were
//! computed with: split on whitespace, drop every word whose lowercase form is in the list,
//! re-join with single spaces. "Jargon only" goes further and keeps only words that look like
//! technical terms, to show what the model makes of the vocabulary alone.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::stopwords::is_stop_word;

/// spaCy's English list (326 words), generated from the spaCy wheel by
/// `scripts/reference/make_spacy_stopwords.py`; see the file's header for its provenance.
const SPACY_STOP_WORDS: &str = include_str!("spacy_stop_words.txt");

/// How to preprocess a text before it is embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preprocessing {
    /// The text as written (what the model was trained on; the default).
    #[default]
    None,
    /// Without the NLTK English stop words (179).
    NltkStopWords,
    /// Without the NLTK and spaCy English stop words (382 in all).
    NltkSpacyStopWords,
    /// Only words that look like technical terms: a digit or symbol inside (C++, CI/CD, 3+,
    /// Node.js), a capital after the first letter (PyTorch, iOS), or an acronym (SQL, AWS);
    /// stop words of both lists never count.
    JargonOnly,
}

impl Preprocessing {
    /// Every mode, in the order a menu shows them.
    pub const ALL: [Preprocessing; 4] = [
        Preprocessing::None,
        Preprocessing::NltkStopWords,
        Preprocessing::NltkSpacyStopWords,
        Preprocessing::JargonOnly,
    ];

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Preprocessing::None => "as written",
            Preprocessing::NltkStopWords => "without NLTK stop words",
            Preprocessing::NltkSpacyStopWords => "without NLTK + spaCy stop words",
            Preprocessing::JargonOnly => "jargon only",
        }
    }

    /// The text this mode gives (the text itself for [`Preprocessing::None`]).
    pub fn apply(self, text: &str) -> String {
        let keep: fn(&str) -> bool = match self {
            Preprocessing::None => return text.to_owned(),
            Preprocessing::NltkStopWords => |w| !is_stop_word(&w.to_lowercase()),
            Preprocessing::NltkSpacyStopWords => |w| !is_any_stop_word(&w.to_lowercase()),
            Preprocessing::JargonOnly => looks_like_jargon,
        };
        text.split_whitespace()
            .filter(|w| keep(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Whether a lowercase word is in the NLTK or the spaCy list.
pub fn is_any_stop_word(lowercase: &str) -> bool {
    static SPACY: OnceLock<HashSet<&'static str>> = OnceLock::new();
    is_stop_word(lowercase)
        || SPACY
            .get_or_init(|| {
                SPACY_STOP_WORDS
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.is_empty())
                    .collect()
            })
            .contains(lowercase)
}

/// Whether a whitespace-separated word looks like a technical term.
fn looks_like_jargon(word: &str) -> bool {
    // Surrounding punctuation is not part of the term; a leading dot is (".NET").
    let wrapping = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '\'' | '!' | '?');
    let core = word
        .trim_start_matches(wrapping)
        .trim_end_matches(|c: char| wrapping(c) || c == '.');
    if core.is_empty() || is_any_stop_word(&core.to_lowercase()) {
        return false;
    }
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let inner_symbol = core
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '+' | '#' | '/' | '.' | '_'));
    let inner_capital = core.chars().skip(1).any(char::is_uppercase);
    let acronym = letters >= 2
        && core
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    inner_symbol || inner_capital || acronym
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacy_list_is_the_generated_one() {
        let words: Vec<&str> = SPACY_STOP_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert_eq!(words.len(), 326);
        let union: HashSet<&str> = words
            .iter()
            .copied()
            .chain(crate::STOP_WORDS.iter().copied())
            .collect();
        // The reference metadata: spacy_count 326, union_count 382.
        assert_eq!(union.len(), 382);
    }

    #[test]
    fn modes_drop_what_they_say() {
        let text = "Experience with C++ and CI/CD on AWS, using PyTorch 2.1 in the team";
        let cases = [
            (Preprocessing::None, text),
            (
                Preprocessing::NltkStopWords,
                "Experience C++ CI/CD AWS, using PyTorch 2.1 team",
            ),
            (
                Preprocessing::NltkSpacyStopWords,
                "Experience C++ CI/CD AWS, PyTorch 2.1 team",
            ),
            (Preprocessing::JargonOnly, "C++ CI/CD AWS, PyTorch 2.1"),
        ];
        for (mode, expected) in cases {
            assert_eq!(mode.apply(text), expected, "{mode:?}");
        }
        assert_eq!(Preprocessing::NltkSpacyStopWords.apply("whereas"), "");
        assert_eq!(Preprocessing::NltkStopWords.apply("whereas"), "whereas");
        assert_eq!(
            Preprocessing::JargonOnly.apply("the .NET and Node.js stack"),
            ".NET Node.js"
        );
    }
}
