//! Where one paragraph or list item breaks into sentences.
//!
//! Candidates come from UAX #29 sentence boundaries (`unicode-segmentation`), which know about
//! quotes, closing brackets, CJK and Arabic punctuation, and never break before a lowercase
//! word or inside "3.11". Two kinds of correction follow:
//!
//! - boundaries UAX #29 puts after abbreviations ("e.g. Python", "Sr. Engineer", "U.S.
//!   Government") or before a leading-dot name ("with .NET") are dropped;
//! - boundaries it cannot see in scraped text, where the space between two sentences or list
//!   items was lost ("…at Eightfold.What You Will Do", "…preferably ReactMastery of
//!   JavaScript", "…(React Native)Work closely"), are added, unless the glued thing is a name
//!   ("Node.js", "JavaScript", "LinkedIn", "ASP.NET").
//!
//! Every look-back is bounded, so a multi-megabyte line without spaces stays linear.

use unicode_segmentation::UnicodeSegmentation;

use crate::heading::{classify_heading, is_title_case};
use crate::lexicon::{
    is_camel_name_pair, is_code_prefix, is_hard_opener, is_joining, is_never_final, is_opener,
    is_sometimes_final, is_starter,
};

/// How far back a word is looked for; anything longer is not an abbreviation or prose word.
const MAX_WORD: usize = 64;

/// How long a glued-on heading can be ("About The Alarms Team" is 21 bytes).
const MAX_GLUED_HEADING: usize = 120;

/// Byte offsets (sorted, each on a char boundary, none at 0 or the end) where `item` breaks
/// into sentences.
pub(crate) fn cut_points(item: &str) -> Vec<usize> {
    let uax: Vec<usize> = uax_boundaries(item)
        .into_iter()
        .filter(|&at| keep_uax_boundary(item, at))
        .collect();
    let glue = glue_cuts(item, &uax);
    let mut cuts = Vec::with_capacity(uax.len() + glue.len());
    let (mut a, mut b) = (0, 0);
    while a < uax.len() || b < glue.len() {
        let next = match (uax.get(a), glue.get(b)) {
            (Some(&x), Some(&y)) if x <= y => {
                a += 1;
                if x == y {
                    b += 1;
                }
                x
            }
            (Some(&x), None) => {
                a += 1;
                x
            }
            (_, Some(&y)) => {
                b += 1;
                y
            }
            (None, None) => break,
        };
        if cuts.last() != Some(&next) && next < item.len() {
            cuts.push(next);
        }
    }
    cuts
}

/// UAX #29 sentence boundaries inside `item` (not at 0).
///
/// In ASCII text a boundary only follows '.', '!', '?' (then closing brackets, quotes and
/// spaces) or a line break, and whether it does depends on that character, the one just
/// before it and what follows. So the segmenter, the costliest step on a large paste, reads
/// only from the start of the word holding the first of them.
fn uax_boundaries(item: &str) -> Vec<usize> {
    let from = if item.is_ascii() {
        let Some(first) = item.find(['.', '!', '?', '\n', '\r']) else {
            return Vec::new();
        };
        item[..first]
            .rfind([' ', '\t'])
            .map_or(0, |space| space + 1)
    } else {
        0
    };
    item[from..]
        .split_sentence_bound_indices()
        .map(|(at, _)| from + at)
        .filter(|&at| at > from)
        .collect()
}

/// Whether a UAX #29 boundary at `at` is a real sentence end.
fn keep_uax_boundary(item: &str, at: usize) -> bool {
    let before = item[..at].trim_end();
    let after = item[at..].trim_start();
    if after.is_empty() {
        return false;
    }
    // "C#.NET", "VB.NET" broken at the dot.
    if item[..at].ends_with('.') && is_dot_name(&item[at..]) {
        return false;
    }
    let core = before.trim_end_matches([')', ']', '"', '\'', '’', '”', '»', '*']);
    let Some(stem) = core.strip_suffix('.') else {
        return true;
    };
    if stem.ends_with('.') {
        // An ellipsis before a capital ends the sentence.
        return true;
    }
    let next = first_word_lower(after);
    match last_word(stem) {
        // A word too long to be an abbreviation.
        None => true,
        // A dot after a space starts a name ("experience with .NET") or ends a sentence
        // typed with a stray space ("in SF Bay Area, CA .Zone A …").
        Some("") => !is_dot_name(after),
        Some(word) => !is_abbreviation_stop(word, &next),
    }
}

/// Names and extensions written after a dot: ".NET", "Node.js", "Socket.IO", "acme.com".
const DOT_NAMES: &[&str] = &[
    "net", "js", "ts", "jsx", "tsx", "py", "rs", "go", "env", "com", "io", "ai", "org", "edu",
    "gov", "md", "json", "yaml", "yml", "csv", "txt", "sh", "exe", "dll", "jar", "war", "app",
    "dev", "cs", "vb",
];

/// Whether `text` (what follows a dot) is the rest of a leading-dot name: ".NET", ".js".
fn is_dot_name(text: &str) -> bool {
    let name: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(8)
        .flat_map(char::to_lowercase)
        .collect();
    DOT_NAMES.contains(&name.as_str())
}

/// Whether a dot after `word` (the text before the dot) is an abbreviation's dot, and so no
/// sentence end, given the (lowercase) word after it.
fn is_abbreviation_stop(word: &str, next: &str) -> bool {
    let lower = word.to_lowercase();
    if is_never_final(&lower) {
        return true;
    }
    let opener = is_opener(next);
    if is_sometimes_final(&lower) {
        return !opener;
    }
    let mut chars = word.chars();
    let single = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    // Initials ("John F. Kennedy"), but "… skills in C. We …" ends a sentence.
    if single {
        return !opener;
    }
    // Inline numbering ("Requirements 1. Python 2. SQL"), but "… Python 3. It …" ends one.
    let enumerator = word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit());
    enumerator && !opener
}

/// The word ending `text` (back to whitespace or an opening bracket or quote); `Some("")` if
/// `text` ends in such a character, `None` if the word is longer than [`MAX_WORD`] characters.
fn last_word(text: &str) -> Option<&str> {
    for (taken, (i, c)) in text.char_indices().rev().enumerate() {
        if c.is_whitespace() || matches!(c, '(' | '[' | '{' | '"' | '“' | '‘' | '/' | '—' | '–')
        {
            return Some(&text[i + c.len_utf8()..]);
        }
        if taken >= MAX_WORD {
            return None;
        }
    }
    Some(text)
}

/// The first word of `text`, lowercase, letters only ("We're" → "we"); looks only at the
/// first few characters.
fn first_word_lower(text: &str) -> String {
    text.chars()
        .take(MAX_WORD)
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The run of one capital and lowercase letters starting at `at` ("Mastery of" → "Mastery");
/// empty if no capital starts there.
fn title_word(item: &str, at: usize) -> &str {
    let rest = &item[at..];
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next().filter(|&(_, c)| c.is_uppercase()) else {
        return "";
    };
    let end = chars
        .take(MAX_WORD)
        .take_while(|&(_, c)| c.is_lowercase())
        .last()
        .map_or(first.len_utf8(), |(i, c)| i + c.len_utf8());
    &rest[..end]
}

/// The camel-case piece ending just before `at`: lowercase letters back to (and including)
/// one capital, or to a non-letter. Returns the piece and whether it starts its token.
fn camel_piece_before(item: &str, at: usize) -> Option<(&str, bool)> {
    let before = &item[..at];
    let mut start = at;
    for (taken, (i, c)) in before.char_indices().rev().enumerate() {
        if taken > MAX_WORD {
            return None;
        }
        if c.is_lowercase() {
            start = i;
            continue;
        }
        if c.is_uppercase() {
            start = i;
        }
        break;
    }
    let piece = &item[start..at];
    let token_start = item[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    Some((piece, token_start))
}

/// The run of capitals ending just before `at` ("SQLExperience" → "SQL").
fn caps_before(item: &str, at: usize) -> &str {
    let before = &item[..at];
    let mut start = at;
    for (taken, (i, c)) in before.char_indices().rev().enumerate() {
        if taken > MAX_WORD || !c.is_uppercase() {
            break;
        }
        start = i;
    }
    &item[start..at]
}

/// Whether the text from the last cut up to `at` is a heading glued to what follows
/// ("Who We AreVerkada is …").
fn glued_heading_before(item: &str, last_cut: usize, at: usize) -> bool {
    if at - last_cut > MAX_GLUED_HEADING {
        return false;
    }
    let chunk = item[last_cut..at].trim();
    chunk.split_whitespace().count() <= 8
        && is_title_case(chunk)
        && classify_heading(chunk).is_some()
}

/// Whether at least `n` words lie between `from` and `at` (looking back a bounded distance).
fn has_words_before(item: &str, from: usize, at: usize, n: usize) -> bool {
    let mut from = from.max(at.saturating_sub(MAX_GLUED_HEADING * 4));
    while !item.is_char_boundary(from) {
        from += 1;
    }
    item[from..at]
        .split_whitespace()
        .rev()
        .take(n)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        >= n
}

/// Cuts where scraped text glued two sentences or items together.
fn glue_cuts(item: &str, uax: &[usize]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut last_cut = 0;
    let mut next_uax = 0;
    let mut prev2: Option<char> = None;
    let mut prev: Option<(usize, char)> = None;
    for (at, c) in item.char_indices() {
        while next_uax < uax.len() && uax[next_uax] <= at {
            last_cut = last_cut.max(uax[next_uax]);
            next_uax += 1;
        }
        let (p_at, p) = match prev {
            Some(prev) => prev,
            None => {
                prev = Some((at, c));
                continue;
            }
        };
        let pp = prev2;
        prev2 = Some(p);
        prev = Some((at, c));
        let next = item[at + c.len_utf8()..].chars().next();
        let cut = if c.is_uppercase() {
            let title = next.is_some_and(char::is_lowercase);
            if p == '.' {
                dot_glue(item, p_at, at, pp)
            } else if p.is_lowercase() && title {
                camel_glue(item, last_cut, at)
            } else if p.is_lowercase() && matches!(c, 'A' | 'I') && next == Some(' ') {
                // "… per yearA bit about us", "… the dataI have built …".
                ends_sentence_word(item, at)
            } else if p.is_lowercase() && next == Some('.') {
                // "security clearanceU.S. Citizenship": an initialism glued on.
                let initialism = item[at..].chars().nth(2).is_some_and(char::is_uppercase);
                initialism && ends_sentence_word(item, at)
            } else if p.is_uppercase() && title {
                let caps = caps_before(item, at);
                let word = title_word(item, at);
                caps.chars().count() >= 2
                    && is_starter(&word.to_lowercase())
                    && !is_camel_name_pair(caps, word)
            } else if matches!(p, ')' | ']') && title {
                is_starter(&title_word(item, at).to_lowercase())
                    || has_words_before(item, last_cut, at, 3)
            } else if (p.is_ascii_digit() || matches!(p, '%' | '+')) && title {
                is_starter(&title_word(item, at).to_lowercase())
            } else if p == ' ' && title {
                space_glue(item, last_cut, p_at, at)
            } else {
                false
            }
        } else if c.is_ascii_digit() && (p == '.' || p.is_whitespace()) {
            // "… problem-solving skills.7+ years of …": UAX #29 sees no boundary before a
            // number followed by lowercase words.
            count_after_sentence(item, at)
        } else if c.is_ascii_digit() && p.is_lowercase() {
            // "U.S. Citizenship20+ years": a count glued to the end of the previous item.
            // "What We're Looking For3+ years": a known heading glued to a count.
            let digits_then_plus = item[at..].bytes().find(|b| !b.is_ascii_digit()) == Some(b'+');
            glued_heading_before(item, last_cut, at)
                || digits_then_plus
                    && camel_piece_before(item, at)
                        .is_some_and(|(piece, _)| piece.chars().count() >= 4)
        } else {
            false
        };
        if cut && at > last_cut {
            cuts.push(at);
            last_cut = at;
        }
    }
    cuts
}

/// Whether the text just before `at` ends in a lowercase word of three or more letters that
/// can end a sentence (not "and", "of" …).
fn ends_sentence_word(item: &str, at: usize) -> bool {
    camel_piece_before(item, at).is_some_and(|(piece, token_start)| {
        piece.chars().count() >= 3
            && piece.starts_with(char::is_lowercase)
            && !(token_start && is_joining(piece))
    })
}

/// Whether a count ("7+ years", "3-5 years") at `at` starts a new sentence: the text before
/// ends in a word (not a number or abbreviation) and a dot.
fn count_after_sentence(item: &str, at: usize) -> bool {
    let count: String = item[at..].chars().take(12).collect();
    let digits = count.chars().take_while(char::is_ascii_digit).count();
    let after: String = count.chars().skip(digits).collect();
    let count_like = after.starts_with('+')
        || after
            .strip_prefix(['-', '–'])
            .is_some_and(|range| range.starts_with(|c: char| c.is_ascii_digit()))
        || after.starts_with(" year")
        || after.starts_with(" yr");
    if !count_like {
        return false;
    }
    let before = item[..at].trim_end();
    let Some(stem) = before.strip_suffix('.') else {
        return false;
    };
    if !stem.ends_with(char::is_alphabetic) {
        return false;
    }
    last_word(stem).is_some_and(|word| {
        let lower = word.to_lowercase();
        word.chars().count() > 1 && !is_never_final(&lower) && !is_sometimes_final(&lower)
    })
}

/// "experience.You will", "Eightfold.What You Will Do": a dot between a lowercase letter or
/// digit and a capital, unless the dot belongs to an abbreviation, a URL or a dotted name.
fn dot_glue(item: &str, dot: usize, at: usize, before_dot: Option<char>) -> bool {
    let Some(b) = before_dot else { return false };
    let Some(word) = last_word(&item[..dot]) else {
        return false;
    };
    let lower = word.to_lowercase();
    let right = title_word(item, at);
    let next = right.to_lowercase();
    // "VB.NET", "Node.JS", "Socket.IO", "Scale.AI" are names; so are URLs and addresses
    // ("www.Example.com"), unless the address is complete and a sentence follows ("visit
    // www.acme.com.Acme is …").
    let address = lower.contains("://") || lower.contains('@') || lower.starts_with("www");
    let complete_address = [".com", ".org", ".net", ".io", ".ai", ".edu", ".gov", ".co"]
        .iter()
        .any(|tld| lower.ends_with(tld))
        && item[at + right.len()..].starts_with(' ');
    if is_dot_name(&item[at..]) || (address && !complete_address) || is_never_final(&lower) {
        return false;
    }
    // "… authorized to work in the U.S.Please note …", "… etc.Strong …",
    // "… Kafka, etc.Data Storage Solutions: …".
    if is_sometimes_final(&lower) {
        return is_opener(&next) || is_starter(&next) || is_title_label(item, at);
    }
    // After a capital only when the word is a plain name or initialism ("Austin,
    // TX.Conversion", "OpenBMC.Line") and a real word follows: not "U.S.Army" or "A.Smith".
    let after_capital = b.is_uppercase()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !word.contains('.')
        && right.chars().count() >= 2;
    after_capital
        || b.is_lowercase()
        || b.is_ascii_digit()
        || matches!(b, ')' | '%' | '"' | '”' | '’')
}

/// Items that a scrape joined with a single space: "… best practices and technologies Data
/// Infrastructure Design: Lead the design …" (a Title Case label with a colon) or "… a
/// Computer Science (CS) degree Your strongest language …" (a word that plainly opens a
/// sentence, capitalised after a lowercase word). The word before must not be one that
/// cannot end a sentence ("at The Home Depot", "with Python").
fn space_glue(item: &str, last_cut: usize, space: usize, at: usize) -> bool {
    let text_before = item[..space].trim_end_matches(' ');
    // Two spaces before a capital: what is left of a line break ("… degree  Your …").
    let double_space = space - text_before.len() >= 1;
    let Some(before) = last_word(text_before) else {
        return false;
    };
    if double_space {
        let ends_plainly = before.ends_with(|c: char| c.is_alphanumeric() || c == ')');
        return ends_plainly
            && !is_joining(&before.to_lowercase())
            && has_words_before(item, last_cut, space, 2);
    }
    let before = before.trim_end_matches([')', '"', '”', '’']);
    let lower = before.to_lowercase();
    let plain_word = before.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        && before.ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
    if !plain_word || is_joining(&lower) || is_never_final(&lower) {
        return false;
    }
    if is_title_label(item, at) {
        return has_words_before(item, last_cut, space, 3);
    }
    let word = title_word(item, at);
    let after = item[at + word.len()..].strip_prefix(' ');
    is_hard_opener(&word.to_lowercase())
        && after.is_some_and(|rest| rest.starts_with(char::is_lowercase))
        && has_words_before(item, last_cut, space, 4)
}

/// Whether a Title Case label of two to five words and a colon starts at `at`
/// ("Data Infrastructure Design: …", "Model Training and Evaluation: …").
fn is_title_label(item: &str, at: usize) -> bool {
    let window: String = item[at..].chars().take(60).collect();
    let Some(colon) = window.find(':') else {
        return false;
    };
    let label = &window[..colon];
    if label.ends_with(' ') || label.contains(['.', ',', ';', '(', '!', '?']) {
        return false;
    }
    let mut capitalised = 0;
    for word in label.split_whitespace() {
        if word.starts_with(char::is_uppercase) {
            capitalised += 1;
        } else if !matches!(word, "and" | "&" | "of" | "to" | "for" | "the" | "/" | "in") {
            return false;
        }
    }
    (2..=5).contains(&capitalised) && label.split_whitespace().count() <= 6
}

/// "…preferably ReactMastery of…"," "…systemsExperience with…", "Who We AreVerkada…": a
/// lowercase letter followed by a capitalised word.
fn camel_glue(item: &str, last_cut: usize, at: usize) -> bool {
    let Some((piece, token_start)) = camel_piece_before(item, at) else {
        return false;
    };
    let word = title_word(item, at);
    if is_camel_name_pair(piece, word) {
        return false;
    }
    let piece_len = piece.chars().count();
    let starts_lower = piece.chars().next().is_some_and(char::is_lowercase);
    if starts_lower {
        // The end of an ordinary word: a glue unless it is a short brand ("iPhone", "eBay"),
        // reads as a code identifier ("useState", "getElementById" — but "dataKnowledge of"
        // is a glue), or is a conjunction ("Medical, Dental, andVision"), where only a space
        // was lost.
        let lower = piece.to_lowercase();
        let starter = is_starter(&word.to_lowercase());
        let code = is_code_prefix(&lower) && !starter;
        let conjunction = matches!(lower.as_str(), "and" | "or" | "nor" | "but");
        let joining = conjunction || (is_joining(&lower) && !starter);
        piece_len >= 3 && !(token_start && (code || joining))
    } else {
        // A capitalised piece: names ("DoorDash", "TikTok") are common, so only cut where
        // the next word usually opens an item, or what came before is a heading.
        piece_len >= 2
            && (is_starter(&word.to_lowercase()) || glued_heading_before(item, last_cut, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uax_boundaries_read_from_the_first_terminator_find_them_all() {
        let pieces = [
            "a", "B", "Inc.", "U.S.", "e.g.", " ", "  ", ".", "!", "?", "...", ")", "\"", "'",
            "3.11", "Node.js", "\n", "\t", "(", "Mr.", "x", "AB", "ok.", "Go", "7+", ":", ";",
        ];
        let mut state: u64 = 11;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for _ in 0..5_000 {
            let len = next() % 24;
            let item: String = (0..len).map(|_| pieces[next() % pieces.len()]).collect();
            let all: Vec<usize> = item
                .split_sentence_bound_indices()
                .map(|(at, _)| at)
                .filter(|&at| at > 0)
                .collect();
            assert_eq!(uax_boundaries(&item), all, "{item:?}");
        }
    }

    fn split(item: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut start = 0;
        for cut in cut_points(item) {
            pieces.push(item[start..cut].trim());
            start = cut;
        }
        pieces.push(item[start..].trim());
        pieces
    }

    #[test]
    fn sentences_split_where_they_should() {
        let cases: &[(&str, &[&str])] = &[
            (
                "We build tools. You will own them.",
                &["We build tools.", "You will own them."],
            ),
            (
                "Ready?Our engineers ship daily!",
                &["Ready?", "Our engineers ship daily!"],
            ),
            (
                "powers every product at Eightfold.What You Will Do",
                &["powers every product at Eightfold.", "What You Will Do"],
            ),
            (
                "Strong experience.You will mentor others",
                &["Strong experience.", "You will mentor others"],
            ),
            (
                "using a JavaScript framework, preferably ReactMastery of JavaScript",
                &[
                    "using a JavaScript framework, preferably React",
                    "Mastery of JavaScript",
                ],
            ),
            (
                "Help mentor other engineersContribute to other parts",
                &["Help mentor other engineers", "Contribute to other parts"],
            ),
            (
                "Build product experiences (React Native)Work closely with design",
                &[
                    "Build product experiences (React Native)",
                    "Work closely with design",
                ],
            ),
            (
                "Who We AreVerkada is the largest platform.",
                &["Who We Are", "Verkada is the largest platform."],
            ),
            (
                "Interest in TypeScriptExperience with React Native",
                &["Interest in TypeScript", "Experience with React Native"],
            ),
            (
                "Possess a TS/SCI clearance and U.S. Citizenship20+ years of experience",
                &[
                    "Possess a TS/SCI clearance and U.S. Citizenship",
                    "20+ years of experience",
                ],
            ),
            (
                "Define metrics. What We're Looking For3 years of experience as a data engineer.",
                &[
                    "Define metrics.",
                    "What We're Looking For",
                    "3 years of experience as a data engineer.",
                ],
            ),
            (
                "Founded in 2016.Verkada grew fast.",
                &["Founded in 2016.", "Verkada grew fast."],
            ),
            (
                "Strong problem-solving skills.7+ years of experience",
                &["Strong problem-solving skills.", "7+ years of experience"],
            ),
            (
                "Strong problem-solving skills. 3-5 years of experience",
                &["Strong problem-solving skills.", "3-5 years of experience"],
            ),
            (
                "Strong problem-solving skills. 3–5 years of experience",
                &["Strong problem-solving skills.", "3–5 years of experience"],
            ),
            (
                "Based in SF Bay Area, CA .Zone A pays more",
                &["Based in SF Bay Area, CA .", "Zone A pays more"],
            ),
            (
                "Only apply if authorized to work in the U.S.Please note the dates",
                &[
                    "Only apply if authorized to work in the U.S.",
                    "Please note the dates",
                ],
            ),
            (
                "$140,000 - $180,000 per yearA bit about us",
                &["$140,000 - $180,000 per year", "A bit about us"],
            ),
            (
                "Lead a team of data engineers Data Infrastructure Design: Lead the design",
                &[
                    "Lead a team of data engineers",
                    "Data Infrastructure Design: Lead the design",
                ],
            ),
            (
                "Must hold a Computer Science degree Your strongest language should be Java",
                &[
                    "Must hold a Computer Science degree",
                    "Your strongest language should be Java",
                ],
            ),
            (
                "Must hold a CS degree  Your strongest language is Java  Desire to learn",
                &[
                    "Must hold a CS degree",
                    "Your strongest language is Java",
                    "Desire to learn",
                ],
            ),
            (
                "Spark, Kafka, etc.Data Storage Solutions: S3, Delta",
                &["Spark, Kafka, etc.", "Data Storage Solutions: S3, Delta"],
            ),
            (
                "Learn more at www.acme.com.Acme is hiring now",
                &["Learn more at www.acme.com.", "Acme is hiring now"],
            ),
            (
                "Challenging work you are passionate aboutAbility to work with talented people",
                &[
                    "Challenging work you are passionate about",
                    "Ability to work with talented people",
                ],
            ),
            (
                "Experience with tick dataKnowledge of low latency systems",
                &[
                    "Experience with tick data",
                    "Knowledge of low latency systems",
                ],
            ),
            (
                "Work in Austin, TX.Conversion salary is listed",
                &["Work in Austin, TX.", "Conversion salary is listed"],
            ),
            (
                "Proficiency with Python or C++Familiarity with security",
                &[
                    "Proficiency with Python or C++",
                    "Familiarity with security",
                ],
            ),
            (
                "我们是一家公司。我们在招聘！",
                &["我们是一家公司。", "我们在招聘！"],
            ),
        ];
        for (item, expected) in cases {
            assert_eq!(split(item), *expected, "{item:?}");
        }
    }

    #[test]
    fn names_abbreviations_and_versions_hold_together() {
        let whole = [
            "Languages (e.g. Python, R, SQL) and tools (i.e. Git).",
            "Experience with .NET, ASP.NET, Node.js, Vue.js and next.js is required.",
            "Python 3.11, v2.0 and 99.9% uptime matter.",
            "Approx. 5 years in Python 3. 2 teams.",
            "Report to Dr. Smith and the Sr. Engineer at Acme Inc. today.",
            "Support a U.S. Government customer.",
            "Work with John F. Kennedy Jr. on this.",
            "Use JavaScript, TypeScript, GitHub, LinkedIn and DevOps tools.",
            "Join DoorDash and TikTok as an engineer.",
            "We shop at The Home Depot and work with The Trade Desk daily.",
            "Improve Customer Experience for users of our Data Platform: fast and safe.",
            "You have strong Experience with Python.",
            "Hooks such as useState and useEffect are used.",
            "Approx. Five years, incl. Two in Rust, vs. Three in Go.",
            "Visit www.Example.com or mail jobs@Acme.Org today.",
            "Skills in Socket.IO and VB.NET and Scale.AI.",
            "Apps on iPhone and eBay.",
            "Proficient in C#.NET and VB.NET.",
            "Serve the U.S.Army and ASP.Net users, with A.Smith as lead.",
        ];
        for item in whole {
            assert_eq!(split(item), [item], "{item:?}");
        }
    }

    #[test]
    fn sometimes_final_abbreviations_end_a_sentence_before_an_opener() {
        assert_eq!(
            split("Python, Java, etc. We offer great pay."),
            ["Python, Java, etc.", "We offer great pay."]
        );
        assert_eq!(
            split("Based in the U.S. We hire remotely."),
            ["Based in the U.S.", "We hire remotely."]
        );
        assert_eq!(
            split("Skills in C. We also use Go."),
            ["Skills in C.", "We also use Go."]
        );
    }

    #[test]
    fn pathological_text_does_not_panic() {
        for item in [
            "",
            ".",
            "...",
            ". A",
            "a.B",
            "aB",
            "é.Ü",
            "x".repeat(10_000).as_str(),
            "aB".repeat(5_000).as_str(),
            "a.B".repeat(5_000).as_str(),
            "🙂.Ab🙂aB)Cd",
            "שלום.Hello עולם",
        ] {
            let cuts = cut_points(item);
            for cut in cuts {
                assert!(item.is_char_boundary(cut));
            }
        }
    }
}
