//! Lowercase word tokens for the hand-written requirement parsers, without a regex engine
//! (the page links this crate, and every kilobyte of WebAssembly is downloaded).
//!
//! Text is lowercased, typographic dashes and apostrophes made ASCII, dotted abbreviations
//! joined ("Ph.D." → "phd", "B.S." → "bs", "U.S." → "us"), possessives and apostrophes dropped
//! ("Master's" → "masters", "years'" → "years"), and cut into words and single punctuation
//! marks ("5+" → "5", "+").

/// One token: a word (letters and digits) or one punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lowercase text.
    pub text: String,
    /// How the word was written: `Upper` "CCRN", `Capitalized` "Kubernetes", `Lower` "and"
    /// (punctuation and digits are `Lower`).
    pub case: Case,
}

/// How a word was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// All letters capitals, at least two letters ("CCRN", "BC").
    Upper,
    /// First letter a capital ("Kubernetes", "McKinsey").
    Capitalized,
    /// Anything else.
    Lower,
}

/// The tokens of a text, normalised as the module says.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let joined = join_dotted(text);
    let mut out: Vec<Token> = Vec::new();
    let mut current = String::new();
    let mut original = String::new();
    let chars: Vec<char> = joined.chars().collect();
    for &c in &chars {
        let c = match c {
            '–' | '—' | '‒' | '−' => '-',
            '’' | '‘' | '`' => '\'',
            c => c,
        };
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            original.push(c);
            continue;
        }
        // An apostrophe inside or at the end of a word is dropped ("master's", "years'").
        if c == '\'' && !current.is_empty() {
            continue;
        }
        flush(&mut current, &mut original, &mut out);
        if !c.is_whitespace() && c != '\'' && c != '"' && c != '*' {
            out.push(Token {
                text: c.to_string(),
                case: Case::Lower,
            });
        }
    }
    flush(&mut current, &mut original, &mut out);
    out
}

fn flush(current: &mut String, original: &mut String, out: &mut Vec<Token>) {
    if !current.is_empty() {
        let letters = original.chars().filter(|c| c.is_alphabetic()).count();
        let case = if letters >= 2
            && original
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            Case::Upper
        } else if original.chars().next().is_some_and(char::is_uppercase) {
            Case::Capitalized
        } else {
            Case::Lower
        };
        out.push(Token {
            text: std::mem::take(current),
            case,
        });
    }
    original.clear();
}

/// Joins dotted abbreviations: runs of 1–4 letters separated by dots ("ph.d.", "b.sc",
/// "m.eng", "u.s.", "e.g.") lose their dots; "Ph. D." too.
fn join_dotted(text: &str) -> String {
    let text = text
        .replace("Ph. D.", "PhD")
        .replace("Ph. D", "PhD")
        .replace("ph. d.", "phd");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // Only at a word start.
        let at_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if at_start && chars[i].is_alphabetic() {
            let mut pieces = 0;
            let mut j = i;
            let mut ok = true;
            loop {
                let piece_start = j;
                while j < chars.len() && chars[j].is_alphabetic() {
                    j += 1;
                }
                let len = j - piece_start;
                if len == 0 || len > 4 {
                    ok = len == 0 && pieces >= 2;
                    break;
                }
                pieces += 1;
                if j < chars.len() && chars[j] == '.' {
                    j += 1;
                    if j < chars.len() && chars[j].is_alphabetic() {
                        continue;
                    }
                }
                break;
            }
            if ok && pieces >= 2 && (j >= chars.len() || !chars[j].is_alphanumeric()) {
                out.extend(chars[i..j].iter().filter(|c| **c != '.'));
                // A trailing dot that ends the sentence stays a separator.
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The number a token names: digits (up to 3) or a number word ("five", "ten").
pub(crate) fn number(token: &str) -> Option<u32> {
    if !token.is_empty() && token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit()) {
        return token.parse().ok();
    }
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    WORDS
        .iter()
        .position(|w| *w == token)
        .and_then(|i| u32::try_from(i).ok())
        .or_else(|| (token == "thirty").then_some(30))
}

/// The token texts, for matching phrases.
pub(crate) fn texts(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.text.as_str()).collect()
}

/// Whether `phrase` (space-separated tokens) occurs at position `at` of `words`.
pub(crate) fn phrase_at(words: &[&str], at: usize, phrase: &str) -> bool {
    phrase
        .split(' ')
        .enumerate()
        .all(|(i, p)| words.get(at + i) == Some(&p))
}

/// Positions where `phrase` (space-separated tokens) starts in `words`.
pub(crate) fn find_phrase(words: &[&str], phrase: &str) -> Option<usize> {
    (0..words.len()).find(|&k| phrase_at(words, k, phrase))
}

/// Whether any of `phrases` occurs in `words`.
pub(crate) fn has_any(words: &[&str], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| find_phrase(words, p).is_some())
}

/// Joins word tokens with spaces and punctuation as written ("computer science",
/// "c++", "ci/cd").
pub(crate) fn join(tokens: &[&str]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let glue = matches!(*t, "+" | "#" | "/" | "." | "-")
            || (i > 0 && matches!(tokens[i - 1], "/" | "." | "-"));
        if i > 0 && !glue {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_tokenised_for_parsing() {
        let cases: &[(&str, &str)] = &[
            ("5+ years of Python", "5 + years of python"),
            ("Ph.D. in CS", "phd in cs"),
            ("Ph. D. or M.S.", "phd or ms"),
            ("Bachelor’s degree", "bachelors degree"),
            ("3–5 years' experience", "3 - 5 years experience"),
            ("B.Sc. Computer Science", "bsc computer science"),
            ("U.S. citizen", "us citizen"),
            ("BS/MS", "bs / ms"),
            ("Node.js and 401(k)", "nodejs and 401 ( k )"),
        ];
        for (text, expected) in cases {
            let got: Vec<String> = tokens(text).into_iter().map(|t| t.text).collect();
            assert_eq!(got.join(" "), *expected, "{text}");
        }
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(number("5"), Some(5));
        assert_eq!(number("five"), Some(5));
        assert_eq!(number("twelve"), Some(12));
        assert_eq!(number("401k"), None);
        assert_eq!(number("2024"), None);
    }
}
