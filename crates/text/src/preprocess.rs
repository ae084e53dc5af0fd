//! Optional preprocessing before embedding, which a person can switch to see its effect.
//!
//! The original notes found that removing stop words changes similarities a lot (0.2323 →
//! 0.3553 for two of their sentences). The modes follow the rule the reference figures were
//! computed with: split on whitespace, drop every word whose lowercase form is in the list,
//! re-join with single spaces. "Jargon only" goes further and keeps only technical terms — words
//! shaped like one, names the skills gazetteer knows ("Python", "pandas") and lowercase tool
//! names built on a language stem ("pytest") — to show what the model makes of the vocabulary
//! alone.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::stopwords::is_stop_word;
use crate::terms::find_terms;

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
    /// Only technical terms: words with a digit or symbol inside (C++, CI/CD, 3+, Node.js), a
    /// capital after the first letter (PyTorch, iOS), acronyms (SQL, AWS), names the skills
    /// gazetteer finds in the text (Python, pandas, Django) and lowercase names built on a
    /// language or tool stem (pytest, nodejs, mongodb, kubectl); stop words never count.
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
            Preprocessing::JargonOnly => return jargon_only(text),
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

/// The words of `text` that are technical terms: shaped like one, or part of a name the
/// gazetteer finds (most tech names are plain lowercase or title-case words — "Python",
/// "pandas" — which the shape rules alone would drop).
fn jargon_only(text: &str) -> String {
    let known = find_terms(text);
    let start = text.as_ptr() as usize;
    text.split_whitespace()
        .filter(|word| {
            let at = word.as_ptr() as usize - start;
            let range = at..at + word.len();
            looks_like_jargon(word)
                || known
                    .iter()
                    .any(|m| m.range.start < range.end && range.start < m.range.end)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stems that make a lowercase word a tool or library name: a Python prefix, or the suffix of a
/// JavaScript, database or command-line tool name.
const TOOL_PREFIXES: &[&str] = &["py"];
const TOOL_SUFFIXES: &[&str] = &["js", "sql", "db", "ctl"];

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
    // "pytest", "nodejs", "mongodb", "kubectl": one lowercase word longer than its stem.
    let lowercase = core.to_lowercase();
    let tool_name = core.len() >= 5
        && core.chars().all(|c| c.is_ascii_alphanumeric())
        && (TOOL_PREFIXES.iter().any(|p| lowercase.starts_with(p))
            || TOOL_SUFFIXES.iter().any(|s| lowercase.ends_with(s)));
    inner_symbol || inner_capital || acronym || tool_name
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

    #[test]
    fn jargon_only_keeps_known_tech_names_written_as_plain_words() {
        let cases = [
            ("Python", "Python"),
            ("pytest", "pytest"),
            // "Unit tests" is a skill the gazetteer knows, kept whole.
            (
                "Unit tests with pytest and Python.",
                "Unit tests pytest Python.",
            ),
            ("pandas and NumPy for data work", "pandas NumPy"),
            (
                "Django services on mongodb, run with kubectl",
                "Django mongodb, kubectl",
            ),
            // Plain English words stay out, the short stems alone too.
            ("We value a calm zen garden", ""),
            ("Clear writing and kind reviews", ""),
            ("py js db", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(Preprocessing::JargonOnly.apply(text), expected, "{text}");
        }
    }
}
