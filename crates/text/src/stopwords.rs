//! The English stop-word list used to tell content words from function words.
//!
//! Provenance: the NLTK English stop-word list (corpus `stopwords/english`, 179 words, the
//! list shipped by NLTK 3.x until its 2023 update), from the Natural Language Toolkit,
//! <https://www.nltk.org>, licensed under the Apache License 2.0. It is the list the project's
//! reference figures were computed with ("nltk_count": 179 in
//! `fixtures/reference/minilm-l6-v2-reference.json`), kept in NLTK's own order so it can be
//! compared with the original line by line.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The 179 NLTK English stop words, lowercase, in NLTK's order.
pub const STOP_WORDS: [&str; 179] = [
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "you're",
    "you've",
    "you'll",
    "you'd",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "she's",
    "her",
    "hers",
    "herself",
    "it",
    "it's",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "that'll",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "s",
    "t",
    "can",
    "will",
    "just",
    "don",
    "don't",
    "should",
    "should've",
    "now",
    "d",
    "ll",
    "m",
    "o",
    "re",
    "ve",
    "y",
    "ain",
    "aren",
    "aren't",
    "couldn",
    "couldn't",
    "didn",
    "didn't",
    "doesn",
    "doesn't",
    "hadn",
    "hadn't",
    "hasn",
    "hasn't",
    "haven",
    "haven't",
    "isn",
    "isn't",
    "ma",
    "mightn",
    "mightn't",
    "mustn",
    "mustn't",
    "needn",
    "needn't",
    "shan",
    "shan't",
    "shouldn",
    "shouldn't",
    "wasn",
    "wasn't",
    "weren",
    "weren't",
    "won",
    "won't",
    "wouldn",
    "wouldn't",
];

/// Whether a lowercase word (ASCII apostrophes, as [`crate::words`] normalises them) is an
/// NLTK English stop word.
pub fn is_stop_word(word: &str) -> bool {
    // Built once: the list is looked up for every word of every sentence.
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_has_179_distinct_lowercase_words() {
        let distinct: HashSet<_> = STOP_WORDS.iter().collect();
        assert_eq!(distinct.len(), 179);
        for word in STOP_WORDS {
            assert_eq!(word, word.to_lowercase(), "{word}");
            assert!(!word.contains(' '), "{word}");
        }
    }

    #[test]
    fn common_function_words_are_stop_words_and_content_words_are_not() {
        for word in [
            "the", "and", "with", "you'll", "don't", "s", "ll", "wouldn't",
        ] {
            assert!(is_stop_word(word), "{word}");
        }
        // Not in the 179-word list (some were only added in NLTK's 2023 update).
        for word in [
            "python",
            "experience",
            "he'd",
            "i'm",
            "would",
            "could",
            "The",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }
}
