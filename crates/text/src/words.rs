//! Words of a sentence, for highlighting the words a resume and a job post share.
//!
//! Built on UAX #29 word boundaries, which already keep "Node.js", "ASP.NET", "3.11", "k8s" and
//! "don't" whole, then re-joins what they split but people read as one name: "C++", "C#",
//! ".NET", "CI/CD", "TCP/IP", "A/B", "R&D", "T-SQL", "end-to-end".

use std::collections::HashSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::stopwords::is_stop_word;

/// One word of a sentence: where it is, its normalised form and whether it is a stop word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the sentence (always on character boundaries).
    pub range: Range<usize>,
    /// Lowercase form with typographic apostrophes made ASCII and a possessive "'s" removed.
    pub normalized: String,
    /// Whether the normalised form is an NLTK English stop word.
    pub is_stop_word: bool,
}

/// Words of a sentence with their byte ranges and normalised (lowercase) form, for
/// highlighting shared words. Keeps technical names whole: C++, C#, F#, .NET, ASP.NET, Node.js,
/// React.js, CI/CD, TCP/IP, A/B, k8s, and version numbers such as the "3.11" of "Python 3.11".
/// Punctuation and emoji are not words; each CJK ideograph is one word.
pub fn words(sentence: &str) -> Vec<Word> {
    let segments: Vec<(usize, &str)> = sentence.split_word_bound_indices().collect();
    let mut words = Vec::new();
    let mut k = 0;
    while k < segments.len() {
        let (start, segment) = segments[k];
        let mut end;
        let mut last_piece;
        if segment == "." && leading_dot_name(sentence, &segments, k) {
            // ".NET", ".env": a dot that starts a name, not one that ends a sentence.
            let (next_start, next) = segments[k + 1];
            end = next_start + next.len();
            last_piece = next;
            k += 2;
        } else if is_wordlike(segment) {
            end = start + segment.len();
            last_piece = segment;
            k += 1;
        } else {
            k += 1;
            continue;
        }
        // Re-join the pieces UAX #29 splits off technical names.
        while let Some(&(next_start, next)) = segments.get(k) {
            if next_start != end {
                break;
            }
            let following = segments.get(k + 1).copied();
            match next {
                "+" => {
                    let pluses = segments[k..].iter().take_while(|&&(_, s)| s == "+").count();
                    let after = segments.get(k + pluses).map(|&(_, s)| s);
                    let free = !after.is_some_and(is_wordlike);
                    let short_letters = last_piece.chars().count() <= 2
                        && last_piece.chars().all(char::is_alphabetic);
                    let take = if pluses >= 2 && free {
                        2
                    } else if pluses == 1 && free && short_letters {
                        1
                    } else {
                        0
                    };
                    if take == 0 {
                        break;
                    }
                    end += take;
                    k += take;
                    // "C++" ends the name: nothing joins after the pluses.
                    break;
                }
                "#" => {
                    let short_letters = last_piece.chars().count() <= 2
                        && last_piece.chars().all(|c| c.is_ascii_alphabetic());
                    let free =
                        !following.is_some_and(|(s, w)| s == next_start + 1 && is_wordlike(w));
                    if short_letters && free {
                        end += 1;
                        k += 1;
                    }
                    break;
                }
                "/" | "&" => {
                    let Some((f_start, f)) = following else { break };
                    if f_start != next_start + 1
                        || !is_short_acronym(last_piece)
                        || !is_short_acronym(f)
                    {
                        break;
                    }
                    end = f_start + f.len();
                    last_piece = f;
                    k += 2;
                }
                "-" | "\u{2011}" => {
                    let Some((f_start, f)) = following else { break };
                    if f_start != next_start + next.len()
                        || !is_wordlike(f)
                        || !hyphen_joins(last_piece, f)
                    {
                        break;
                    }
                    // The loop goes on: in "end-to-end" the second hyphen joins too.
                    end = f_start + f.len();
                    last_piece = f;
                    k += 2;
                }
                _ => break,
            }
        }
        let text = &sentence[start..end];
        let normalized = normalize_word(text);
        let is_stop_word = is_stop_word(&normalized);
        words.push(Word {
            range: start..end,
            normalized,
            is_stop_word,
        });
    }
    words
}

/// Normalised content words (stop words removed, deduplicated, in first-seen order).
pub fn content_words(sentence: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(sentence)
        .into_iter()
        .filter(|w| !w.is_stop_word)
        .filter_map(|w| seen.insert(w.normalized.clone()).then_some(w.normalized))
        .collect()
}

fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// A '.' directly followed by letters and not preceded by a letter or digit (".NET").
fn leading_dot_name(sentence: &str, segments: &[(usize, &str)], k: usize) -> bool {
    let (start, _) = segments[k];
    let Some(&(next_start, next)) = segments.get(k + 1) else {
        return false;
    };
    let before = sentence[..start].chars().next_back();
    next_start == start + 1
        && next.chars().next().is_some_and(char::is_alphabetic)
        && !before.is_some_and(|c| c.is_alphanumeric() || c == '.')
}

/// Pieces of "CI/CD", "TCP/IP", "A/B", "R&D", "24/7": up to three capitals or digits.
fn is_short_acronym(piece: &str) -> bool {
    let n = piece.chars().count();
    (1..=3).contains(&n)
        && piece
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether a hyphen joins two pieces into one word: when one side is a single letter or a
/// short non-acronym ("T-SQL", "e-commerce", "Wi-Fi", "GPT-4", "end-to-end") or a small
/// function word ("state-of-the-art"). "full-stack" or "AI-powered" stay two words, so each
/// part can be matched on its own.
fn hyphen_joins(left: &str, right: &str) -> bool {
    let short = |piece: &str| {
        let n = piece.chars().count();
        n == 1
            || (n == 2 && !piece.chars().all(|c| c.is_uppercase()))
            || matches!(
                piece.to_lowercase().as_str(),
                "the" | "and" | "for" | "of" | "to" | "on" | "in"
            )
    };
    short(left) || short(right)
}

/// Lowercase, ASCII apostrophe, no possessive "'s" or trailing apostrophe.
fn normalize_word(text: &str) -> String {
    let mut word: String = text
        .chars()
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ') {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    if word.len() > 3 && word.ends_with("'s") && !is_stop_word(&word) {
        word.truncate(word.len() - 2);
    }
    while word.len() > 1 && word.ends_with('\'') {
        word.pop();
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(sentence: &str) -> Vec<String> {
        words(sentence).into_iter().map(|w| w.normalized).collect()
    }

    #[test]
    fn technical_names_stay_whole() {
        let cases: &[(&str, &[&str])] = &[
            ("C++, C# and F#.", &["c++", "c#", "and", "f#"]),
            (
                "Built on .NET and ASP.NET Core",
                &["built", "on", ".net", "and", "asp.net", "core"],
            ),
            ("Node.js/React.js apps", &["node.js", "react.js", "apps"]),
            (
                "CI/CD, TCP/IP and A/B tests",
                &["ci/cd", "tcp/ip", "and", "a/b", "tests"],
            ),
            (
                "k8s on Python 3.11 (v2.0)",
                &["k8s", "on", "python", "3.11", "v2.0"],
            ),
            ("R&D at AT&T, 24/7", &["r&d", "at", "at&t", "24/7"]),
            (
                "T-SQL, e-commerce, end-to-end, full-stack",
                &["t-sql", "e-commerce", "end-to-end", "full", "stack"],
            ),
            (
                "HTML/CSS and/or Python/Django",
                &["html", "css", "and", "or", "python", "django"],
            ),
            ("Notepad++ and G++", &["notepad++", "and", "g++"]),
            ("10+ years", &["10", "years"]),
            (
                "Verkada’s team’s engineers' tools",
                &["verkada", "team", "engineers", "tools"],
            ),
            (
                "You’ll love it; don't worry",
                &["you'll", "love", "it", "don't", "worry"],
            ),
            ("🚀 Ship it! 👩‍💻", &["ship", "it"]),
            ("我们招聘", &["我", "们", "招", "聘"]),
        ];
        for (sentence, expected) in cases {
            assert_eq!(normalized(sentence), *expected, "{sentence:?}");
        }
    }

    #[test]
    fn ranges_point_at_the_words() {
        let sentence = "Über C++ — naïve .NET café";
        for word in words(sentence) {
            let text = &sentence[word.range.clone()];
            assert_eq!(text.to_lowercase().replace('’', "'"), word.normalized);
        }
    }

    #[test]
    fn content_words_drop_stop_words_and_repeats() {
        assert_eq!(
            content_words(
                "Experience with Python and the Python ecosystem, including C++ and CI/CD."
            ),
            [
                "experience",
                "python",
                "ecosystem",
                "including",
                "c++",
                "ci/cd"
            ]
        );
        assert!(content_words("and the of").is_empty());
    }
}
