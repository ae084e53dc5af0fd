//! Recognising section headings of job posts and resumes, and the kind of section they open.
//!
//! Headings vary a lot ("Minimum Qualifications:", "## What you'll do", "WHAT WE OFFER",
//! "Desired Skills and Experience"), so a heading is normalised to lowercase words first, split
//! into parts on "and" / "&" / "/", and each part looked up in a table after dropping neutral
//! modifiers such as "key" or "job". Only whole-heading matches count: a list item like
//! "Competitive base salary" is not a heading even though it mentions salary.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::lexicon::{is_title_small_word, WordHasher, WordSet};
use crate::section::SectionKind;

/// Maps a heading's text to the section it opens ("Requirements", "Minimum qualifications",
/// "What you'll need", "Who you are", "Must have" → Required; "Preferred qualifications", "Nice
/// to have", "Bonus points" → Preferred; "Responsibilities", "What you'll do", "The role",
/// "Day to day" → Responsibilities; "About us", "Who we are", "Our mission" → About;
/// "Benefits", "Perks", "What we offer", "Salary", "Pay range" → Benefits; "Equal opportunity",
/// "EEO", "Legal", "How to apply" → Legal; "Job description", "Overview" → General; clauses
/// by their subject and verb: "Who should apply", "What we look for in a candidate" →
/// Required, "What we value", "Things we believe" → About). `None` if
/// it is not a known heading. Case- and punctuation-insensitive; tolerates markdown (`## …`,
/// `**…**`), bullets and a trailing ':'.
pub fn classify_heading(heading: &str) -> Option<SectionKind> {
    // A heading has at most ten words, and every token with a letter or digit gives one at
    // least: a sentence is turned down before any allocation.
    let mut tokens = heading
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric));
    if tokens.nth(MAX_HEADING_WORDS).is_some() {
        return None;
    }
    let text = normalize_heading(heading);
    if !may_be_heading(&text) {
        return None;
    }
    classify_normalized(&text)
}

/// [`classify_heading`] of a normalised heading, without the first-word shortcut.
fn classify_normalized(text: &str) -> Option<SectionKind> {
    let words = words_of(text);
    if words.is_empty() || words.len() > MAX_HEADING_WORDS {
        return None;
    }
    let mut preferred = false;
    let mut first: Option<SectionKind> = None;
    for part in words.split(|w| w == "and") {
        if part.is_empty() {
            continue;
        }
        let (kind, part_preferred) = classify_part(part)?;
        preferred |= part_preferred;
        first.get_or_insert(kind);
    }
    let kind = first?;
    // "Preferred qualifications", "Desired skills and experience": the modifier decides.
    if preferred && matches!(kind, SectionKind::Required | SectionKind::General) {
        return Some(SectionKind::Preferred);
    }
    Some(kind)
}

/// Most words a heading has.
const MAX_HEADING_WORDS: usize = 10;

/// Leading words that do not change what a heading part means ("Key responsibilities",
/// "Job requirements", "Your role").
const NEUTRAL: &str = "\
    key core main primary essential basic minimum job role position your our the a an \
    technical general specific other additional required requisite necessary mandatory \
    important some more further professional relevant detailed";

/// Modifiers that turn a requirements heading into a nice-to-have one.
const PREFERRED: &str = "\
    preferred desired desirable optional bonus extra nice ideally plus pluses";

/// Heading parts (normalised, neutral modifiers removed) and the section they open.
const TABLE: &[(&str, SectionKind)] = {
    use SectionKind::*;
    &[
        // Required.
        ("requirements", Required),
        ("requirement", Required),
        ("required", Required),
        // "Essential" / "Desirable": the pair of headings of many UK and EU posts.
        ("essential", Required),
        ("essentials", Required),
        ("essential criteria", Required),
        ("qualifications", Required),
        ("qualification", Required),
        ("must have", Required),
        ("must haves", Required),
        ("musts", Required),
        ("what you will need", Required),
        ("what you need", Required),
        ("what we need", Required),
        ("what you will bring", Required),
        ("what you bring", Required),
        ("what you bring to the table", Required),
        ("what we are looking for", Required),
        ("what we look for", Required),
        ("who we are looking for", Required),
        ("we are looking for", Required),
        ("who you are", Required),
        ("about you", Required),
        ("you", Required),
        ("you have", Required),
        ("you are", Required),
        ("you bring", Required),
        ("you should have", Required),
        ("you must have", Required),
        ("you will have", Required),
        ("candidate", Required),
        ("ideal candidate", Required),
        ("ideal candidates", Required),
        ("the ideal candidate", Required),
        ("ideal profile", Required),
        ("candidate profile", Required),
        ("profile", Required),
        ("skills", Required),
        ("skill set", Required),
        ("skillset", Required),
        ("experience", Required),
        ("work experience", Required),
        ("education", Required),
        ("expertise", Required),
        ("background", Required),
        ("competencies", Required),
        ("knowledge", Required),
        ("abilities", Required),
        ("what it takes", Required),
        ("do you have what it takes", Required),
        ("is this you", Required),
        ("who are you", Required),
        ("you might be a good fit if", Required),
        ("you may be a good fit if", Required),
        ("you will thrive if", Required),
        ("this role is for you if", Required),
        // Preferred (the modifiers in PREFERRED also make parts preferred).
        ("preferred", Preferred),
        ("desirable", Preferred),
        ("desirables", Preferred),
        ("desirable criteria", Preferred),
        ("nice to have", Preferred),
        ("nice to haves", Preferred),
        ("bonus points", Preferred),
        ("bonus points if", Preferred),
        ("bonus points if you have", Preferred),
        ("pluses", Preferred),
        ("plus", Preferred),
        ("bonus", Preferred),
        ("extra credit", Preferred),
        ("good to have", Preferred),
        ("even better if", Preferred),
        ("it would be great if", Preferred),
        ("would be great if", Preferred),
        ("ideally", Preferred),
        ("ideally you have", Preferred),
        ("desired", Preferred),
        ("optional", Preferred),
        ("what would make you stand out", Preferred),
        ("what will make you stand out", Preferred),
        ("stand out", Preferred),
        // Responsibilities.
        ("responsibilities", Responsibilities),
        ("responsibility", Responsibilities),
        ("duties", Responsibilities),
        ("essential functions", Responsibilities),
        ("functions", Responsibilities),
        ("accountabilities", Responsibilities),
        ("what you will do", Responsibilities),
        ("what you will be doing", Responsibilities),
        ("what you will work on", Responsibilities),
        ("what you will be working on", Responsibilities),
        ("what you will accomplish", Responsibilities),
        ("what you will achieve", Responsibilities),
        ("what you will own", Responsibilities),
        ("how you will contribute", Responsibilities),
        ("how you will make an impact", Responsibilities),
        ("what the job involves", Responsibilities),
        ("role", Responsibilities),
        ("about the role", Responsibilities),
        ("about this role", Responsibilities),
        ("about the position", Responsibilities),
        ("about this position", Responsibilities),
        ("about the opportunity", Responsibilities),
        ("opportunity", Responsibilities),
        ("the opportunity", Responsibilities),
        ("impact", Responsibilities),
        ("your impact", Responsibilities),
        ("the impact you will have", Responsibilities),
        ("day to day", Responsibilities),
        ("your day to day", Responsibilities),
        ("a day in the life", Responsibilities),
        ("in this role", Responsibilities),
        ("in this role you will", Responsibilities),
        ("you will", Responsibilities),
        ("as a member of the team you will", Responsibilities),
        ("description", Responsibilities),
        ("your mission", Responsibilities),
        ("the work", Responsibilities),
        ("the challenge", Responsibilities),
        // About.
        ("about us", About),
        ("about", About),
        ("a bit about us", About),
        ("a little about us", About),
        ("company", About),
        ("about the company", About),
        ("company overview", About),
        ("company description", About),
        ("company profile", About),
        ("team", About),
        ("about the team", About),
        ("meet the team", About),
        ("who we are", About),
        ("who are we", About),
        ("what we do", About),
        ("our mission", About),
        ("story", About),
        ("mission", About),
        ("vision", About),
        ("values", About),
        ("culture", About),
        // Benefits.
        ("benefits", Benefits),
        ("perks", Benefits),
        ("what we offer", Benefits),
        ("what we offer you", Benefits),
        ("what we can offer", Benefits),
        ("what we can offer you", Benefits),
        ("what can we offer you", Benefits),
        ("we offer", Benefits),
        ("what we provide", Benefits),
        ("we provide", Benefits),
        ("what is in it for you", Benefits),
        ("whats in it for you", Benefits),
        ("in it for you", Benefits),
        ("what you will get", Benefits),
        ("what you get", Benefits),
        ("you will get", Benefits),
        ("compensation", Benefits),
        ("compensation package", Benefits),
        ("package", Benefits),
        ("salary", Benefits),
        ("salary range", Benefits),
        ("base salary", Benefits),
        ("pay", Benefits),
        ("pay range", Benefits),
        ("base pay", Benefits),
        ("base pay range", Benefits),
        ("compensation range", Benefits),
        ("pay transparency", Benefits),
        ("pay disclosure", Benefits),
        ("salary disclosure", Benefits),
        ("total rewards", Benefits),
        ("rewards", Benefits),
        ("offer", Benefits),
        ("equity", Benefits),
        ("why join us", Benefits),
        ("you will love", Benefits),
        ("what you will love", Benefits),
        ("things you will love", Benefits),
        ("why us", Benefits),
        ("why work with us", Benefits),
        ("why work here", Benefits),
        ("why join", Benefits),
        ("why you will love working here", Benefits),
        ("why you will love working with us", Benefits),
        // Legal.
        ("equal opportunity", Legal),
        ("equal opportunity employer", Legal),
        ("equal employment opportunity", Legal),
        ("equal employment opportunity statement", Legal),
        ("eeo", Legal),
        ("eeo statement", Legal),
        ("eoe", Legal),
        ("legal", Legal),
        ("legal notice", Legal),
        ("disclaimer", Legal),
        ("how to apply", Legal),
        ("to apply", Legal),
        ("application process", Legal),
        ("apply", Legal),
        ("accommodations", Legal),
        ("reasonable accommodations", Legal),
        ("privacy", Legal),
        ("privacy notice", Legal),
        ("privacy policy", Legal),
        ("diversity", Legal),
        ("inclusion", Legal),
        ("commitment to diversity", Legal),
        ("dei", Legal),
        ("notice", Legal),
        ("recruitment fraud", Legal),
        ("visa sponsorship", Legal),
        ("sponsorship", Legal),
        ("work authorization", Legal),
        // General: known headings that say nothing about the kind of text below.
        ("job description", General),
        ("about the job", General),
        ("about this job", General),
        ("job", General),
        ("overview", General),
        ("summary", General),
        ("details", General),
        ("information", General),
        ("introduction", General),
        ("intro", General),
        ("position", General),
        ("projects", General),
        ("certifications", General),
        ("publications", General),
        ("awards", General),
        ("interests", General),
        ("objective", General),
        ("contact", General),
        ("tech stack", General),
        ("stack", General),
        ("technologies", General),
        ("tools", General),
        ("tools and technologies", General),
    ]
};

/// Looks one "and"-free part of a heading up; `None` if unknown. The flag says whether a
/// nice-to-have modifier was present.
fn classify_part(part: &[String]) -> Option<(SectionKind, bool)> {
    let mut words: Vec<&str> = part.iter().map(String::as_str).collect();
    let mut preferred = false;
    // Whole-part lookups first, so "the role" or "nice to have" keep their own meaning.
    if let Some(kind) = lookup(&words) {
        return Some((kind, false));
    }
    while let Some(&head) = words.first() {
        if words.len() > 1 && is_in(NEUTRAL, head) {
            words.remove(0);
        } else if words.len() > 1 && is_in(PREFERRED, head) {
            preferred = true;
            words.remove(0);
        } else {
            break;
        }
        if let Some(kind) = lookup(&words) {
            return Some((kind, preferred));
        }
    }
    // Trailing modifiers: "Skills required", "Experience preferred", "Qualifications (optional)".
    while words.len() > 1 {
        let Some(&tail) = words.last() else { break };
        if is_in(PREFERRED, tail) {
            preferred = true;
        } else if !matches!(
            tail,
            "required" | "needed" | "wanted" | "are" | "is" | "for" | "have" | "will" | "should"
        ) {
            break;
        }
        words.pop();
        if let Some(kind) = lookup(&words) {
            return Some((kind, preferred));
        }
    }
    if words.len() <= 1 && preferred {
        return Some((SectionKind::Preferred, true));
    }
    // "Following Skills Sets are Preferred": a short heading naming skills, marked preferred.
    let names_skills = words.iter().any(|w| {
        matches!(
            *w,
            "skills" | "skill" | "experience" | "qualifications" | "requirements" | "knowledge"
        )
    });
    if preferred && names_skills && words.len() <= 5 {
        return Some((SectionKind::Preferred, true));
    }
    // Open-ended forms: "About Verkada", "Life at Acme", "Why Choose Cognizant?".
    match words.as_slice() {
        ["about", rest @ ..] if !rest.is_empty() && rest.len() <= 4 => {
            Some((SectionKind::About, false))
        }
        ["life", "at", rest @ ..] if !rest.is_empty() && rest.len() <= 3 => {
            Some((SectionKind::About, false))
        }
        ["why", rest @ ..] if !rest.is_empty() && rest.len() <= 5 => {
            Some((SectionKind::Benefits, false))
        }
        ["working", "at" | "with", ..] if words.len() <= 5 => Some((SectionKind::Benefits, false)),
        _ => clause_kind(&words).map(|kind| (kind, false)),
    }
}

/// Most words of a heading written as a clause ("What we look for in every teammate").
const MAX_CLAUSE_WORDS: usize = 8;

/// Words that open a heading written as a clause.
const WH_WORDS: &[&str] = &["what", "who", "how", "where", "when"];

/// Auxiliary verbs skipped before the verb that says what a clause heading is about.
const AUXILIARIES: &[&str] = &[
    "will", "would", "should", "shall", "can", "could", "do", "does", "are", "is", "am", "have",
];

/// The section of a heading written as a clause about the company ("What we value", "Things we
/// believe", "How we work"), the person wanted ("Who should apply", "Who thrives here", "What
/// we look for in a candidate") or the job ("What you will work on"), read from its subject
/// and its verb. What a company expects of *every* employee ("What we expect from every team
/// member") describes its culture, not this job. `None` for other phrases.
fn clause_kind(words: &[&str]) -> Option<SectionKind> {
    use SectionKind::*;
    if words.len() > MAX_CLAUSE_WORDS || words.len() < 2 {
        return None;
    }
    let wh = WH_WORDS.contains(&words[0]);
    let subject = words[1];
    if !matches!(subject, "we" | "you") {
        // "Who should apply", "Who thrives here": a "who" clause without "we" is the person.
        return (words[0] == "who").then_some(Required);
    }
    // The verb: the word after the subject, past auxiliaries that have a verb after them
    // ("what we are looking for"); a final auxiliary is the verb ("who we are").
    let mut at = 2;
    while at + 1 < words.len() && AUXILIARIES.contains(&words[at]) {
        at += 1;
    }
    let verb = *words.get(at)?;
    let everyone = words[at..].iter().any(|w| matches!(*w, "every" | "all"));
    let kind = match (subject, verb) {
        ("we", "value" | "values" | "believe" | "stand" | "care" | "live" | "celebrate") => About,
        (
            "we",
            "look" | "looking" | "expect" | "need" | "want" | "require" | "seek" | "seeking",
        )
        | ("we", "hire" | "ask") => {
            if everyone {
                About
            } else {
                Required
            }
        }
        ("we", "offer" | "provide" | "give" | "pay") => Benefits,
        ("we", "are" | "do" | "build" | "make" | "serve") => About,
        // "How we work": remote or on-site, hours, travel — conditions of the job.
        ("we", "work") => General,
        ("you", "do" | "work" | "own" | "lead" | "build" | "achieve" | "accomplish" | "tackle") => {
            Responsibilities
        }
        ("you", "bring" | "have" | "need" | "are") => Required,
        ("you", "get" | "gain" | "learn" | "love" | "enjoy" | "receive") => Benefits,
        _ => return None,
    };
    // Another first word than a question word only with what the company believes ("Things
    // we believe", "Principles we live by"): "Skills we value" is a list of skills.
    (wh || kind == About && lookup(&words[..1]).is_none()).then_some(kind)
}

/// Whether `word` is one of the whitespace-separated words of `list` ([`NEUTRAL`] or
/// [`PREFERRED`]), from sets built once: headings are looked up for every line of a paste.
fn is_in(list: &'static str, word: &str) -> bool {
    static SETS: OnceLock<[(&'static str, WordSet); 2]> = OnceLock::new();
    let sets = SETS
        .get_or_init(|| [NEUTRAL, PREFERRED].map(|list| (list, list.split_whitespace().collect())));
    match sets.iter().find(|(l, _)| std::ptr::eq(*l, list)) {
        Some((_, set)) => set.contains(word),
        None => list.split_whitespace().any(|w| w == word),
    }
}

fn lookup(words: &[&str]) -> Option<SectionKind> {
    static INDEX: OnceLock<HashMap<&'static str, SectionKind, BuildHasherDefault<WordHasher>>> =
        OnceLock::new();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    let index = INDEX.get_or_init(|| {
        let mut index = HashMap::with_capacity_and_hasher(TABLE.len(), Default::default());
        for &(phrase, kind) in TABLE {
            // The first entry of a phrase wins, as the table is read in order.
            index.entry(phrase).or_insert(kind);
        }
        index
    });
    index.get(joined.as_str()).copied()
}

/// A heading as lowercase words: markdown, bullets, brackets and punctuation removed,
/// contractions expanded, "&", "/", "+" and "," read as "and" (resume facts read section
/// headings with it).
pub(crate) fn heading_words(heading: &str) -> Vec<String> {
    words_of(&normalize_heading(heading))
}

/// Whether a normalised heading can be a known one, judged from its first word alone: the
/// first part of a heading must start with a word that starts a [`TABLE`] phrase, a modifier
/// ([`NEUTRAL`], [`PREFERRED`]) or an open-ended form ("about …", "why …", a clause such as
/// "Things we believe" whose second word is "we" or "you"), unless a [`PREFERRED`] word makes
/// the part preferred. Lines of text are turned down here without
/// building their words.
fn may_be_heading(text: &str) -> bool {
    static FIRST_WORDS: OnceLock<WordSet> = OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        let mut words: WordSet = TABLE
            .iter()
            .filter_map(|(phrase, _)| phrase.split_whitespace().next())
            .collect();
        words.extend(NEUTRAL.split_whitespace());
        words.extend(PREFERRED.split_whitespace());
        words.extend(["about", "life", "why", "working", "and"]);
        words
    });
    let mut tokens = text.split_whitespace();
    let Some(first) = tokens.next() else {
        return false;
    };
    // Words with apostrophes change when expanded ("what's" → "what is"): read them fully.
    let unsure = |token: &str| token.contains('\'');
    // A clause heading may open with any word ("Things we believe").
    let clause = tokens
        .next()
        .is_some_and(|second| matches!(second, "we" | "you"));
    unsure(first)
        || clause
        || first_words.contains(first)
        || text
            .split_whitespace()
            .any(|t| unsure(t) || is_in(PREFERRED, t))
}

/// A heading's characters for [`words_of`]: lowercase, punctuation as spaces, "&", "/", "+"
/// and "," as " and ".
fn normalize_heading(heading: &str) -> String {
    let mut text = String::with_capacity(heading.len());
    for c in heading.chars() {
        match c {
            '’' | '‘' | '\'' | '`' => text.push('\''),
            '&' | '/' | '+' | ',' | '|' => text.push_str(" and "),
            '-' | '–' | '—' | '_' | '.' | ':' | ';' => text.push(' '),
            c if c.is_alphanumeric() => text.extend(c.to_lowercase()),
            _ => text.push(' '),
        }
    }
    text
}

/// The words of a normalised heading, contractions expanded.
fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        expand_contraction(word, &mut words);
    }
    words
}

/// Pushes a word, with "you'll" → "you will", "what's" → "what is"; other apostrophes are
/// dropped, and so are words left empty.
fn expand_contraction(word: &str, out: &mut Vec<String>) {
    let mut push = |w: &str| {
        if !w.is_empty() {
            out.push(w.to_string());
        }
    };
    let word = word.trim_matches('\'');
    if !word.contains('\'') {
        push(word);
        return;
    }
    for (suffix, expansion) in [
        ("'ll", "will"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'d", "would"),
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            push(stem);
            push(expansion);
            return;
        }
    }
    if let Some(stem) = word.strip_suffix("'s") {
        if matches!(stem, "what" | "who" | "here" | "there" | "it" | "that") {
            push(stem);
            push("is");
            return;
        }
    }
    push(&word.replace('\'', ""));
}

/// A heading line with markdown markers, bullets and a trailing colon removed, for display.
pub(crate) fn clean_heading(line: &str) -> String {
    let mut text = line.trim();
    text = text.trim_start_matches(['#', '>']).trim();
    loop {
        let before = text;
        for marker in ["**", "__"] {
            if let Some(inner) = text.strip_prefix(marker) {
                text = inner.trim_start();
            }
            if let Some(inner) = text.strip_suffix(marker) {
                text = inner.trim_end();
            }
        }
        text = text
            .trim_end_matches([':', '：', ' ', '-', '–', '—'])
            .trim();
        if text == before {
            break;
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Small words that stay lowercase in Title Case headings: a title's small words, and the
/// pronouns and verbs of headings written as clauses ("What You Will Do", "Who We Are").
fn is_small_word(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    is_title_small_word(&word)
        || matches!(
            word.as_str(),
            "nor" | "as" | "per" | "into" | "is" | "are" | "you" | "we" | "your" | "our"
        )
}

/// Whether a line reads as Title Case: every word that has letters starts with a capital,
/// apart from small words ("What You Will Do", "Perks and Benefits"). Scripts without case
/// (CJK, Arabic) never count.
pub(crate) fn is_title_case(line: &str) -> bool {
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if first.is_uppercase() {
            capitalised += 1;
        } else if !(first.is_lowercase()
            && is_small_word(word.trim_matches(|c: char| !c.is_alphanumeric())))
        {
            return false;
        }
    }
    capitalised > 0
}

/// Whether a line is written in capitals ("WHAT WE OFFER"): at least two letters, none lowercase.
pub(crate) fn is_all_caps(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn headings_from_real_posts_map_to_their_sections() {
        let cases: &[(&str, Option<SectionKind>)] = &[
            ("Requirements", Some(Required)),
            ("## Requirements", Some(Required)),
            ("Minimum Qualifications:", Some(Required)),
            ("Basic Qualifications", Some(Required)),
            ("What you'll need", Some(Required)),
            ("What You’ll Need:", Some(Required)),
            ("What we're looking for", Some(Required)),
            ("Who you are", Some(Required)),
            ("Qualifications", Some(Required)),
            ("Must have", Some(Required)),
            ("Must-Haves", Some(Required)),
            ("Essential", Some(Required)),
            ("Essential criteria:", Some(Required)),
            ("Desirable", Some(Preferred)),
            ("DESIRABLE:", Some(Preferred)),
            ("Key Skills:", Some(Required)),
            ("Experience And Education", Some(Required)),
            ("Required Skills and Experience:", Some(Required)),
            ("Requirements/Qualifications", Some(Required)),
            ("Preferred qualifications", Some(Preferred)),
            ("Preferred Qualifications:", Some(Preferred)),
            ("Nice to have", Some(Preferred)),
            ("Nice-to-haves", Some(Preferred)),
            ("Bonus points", Some(Preferred)),
            ("Pluses", Some(Preferred)),
            ("Desired Skills and Experience", Some(Preferred)),
            ("Optional Skills", Some(Preferred)),
            ("Following Skills Sets are Preferred", Some(Preferred)),
            ("✅ Ideal Candidates Will Have:", Some(Required)),
            ("🔍 Bonus Points For", Some(Preferred)),
            ("Skills (preferred)", Some(Preferred)),
            ("Qualifications (Required)", Some(Required)),
            ("Experience preferred", Some(Preferred)),
            ("Responsibilities", Some(Responsibilities)),
            ("Key Responsibilities:", Some(Responsibilities)),
            ("What you'll do", Some(Responsibilities)),
            ("What You Will Do", Some(Responsibilities)),
            ("The role", Some(Responsibilities)),
            ("THE ROLE", Some(Responsibilities)),
            ("About the Role:", Some(Responsibilities)),
            ("Your impact", Some(Responsibilities)),
            ("Day to day", Some(Responsibilities)),
            ("Your Day To Day", Some(Responsibilities)),
            ("About us", Some(About)),
            ("About the company", Some(About)),
            ("A bit about us:", Some(About)),
            ("About The Alarms Team", Some(About)),
            ("About Verkada", Some(About)),
            ("Who we are", Some(About)),
            ("Who We Are", Some(About)),
            ("Our mission", Some(About)),
            ("Benefits", Some(Benefits)),
            ("Perks", Some(Benefits)),
            ("Perks And Benefits", Some(Benefits)),
            ("Benefits & Perks", Some(Benefits)),
            ("What we offer", Some(Benefits)),
            ("We Offer:", Some(Benefits)),
            ("Compensation", Some(Benefits)),
            ("Compensation and Benefits", Some(Benefits)),
            ("Salary", Some(Benefits)),
            ("Salary And Other Compensation", Some(Benefits)),
            ("Pay range", Some(Benefits)),
            ("Pay Disclosure", Some(Benefits)),
            ("Why join us?", Some(Benefits)),
            ("Why Choose Cognizant?", Some(Benefits)),
            ("Equal opportunity", Some(Legal)),
            ("Equal Opportunity Employer", Some(Legal)),
            ("EEO", Some(Legal)),
            ("Legal", Some(Legal)),
            ("How to apply", Some(Legal)),
            ("Diversity, Equity & Inclusion", Some(Legal)),
            ("Job Description", Some(General)),
            ("About the job", Some(General)),
            ("Overview", Some(General)),
            ("Job Details", Some(General)),
            ("Position Overview", Some(General)),
            // Clauses, read by their subject and verb.
            ("Who should apply", Some(Required)),
            ("Who thrives here", Some(Required)),
            ("Who Will Succeed in This Role", Some(Required)),
            ("What we look for in a candidate", Some(Required)),
            ("What you'll bring to the team", Some(Required)),
            ("What we value", Some(About)),
            ("What We Believe In", Some(About)),
            ("Things we believe", Some(About)),
            ("Principles we live by", Some(About)),
            ("How we work", Some(General)),
            ("What we expect from every team member", Some(About)),
            ("What we look for in every teammate", Some(About)),
            ("What we can give you", Some(Benefits)),
            ("What you'll learn", Some(Benefits)),
            ("What you will work on next quarter", Some(Responsibilities)),
            ("Skills we value", None),
            ("We value diversity", None),
            ("You will own the roadmap", None),
            // Not headings, though some mention a section word.
            ("Competitive Base Salary", None),
            ("Unlimited PTO", None),
            ("Strong communication skills", None),
            ("Experience with Kubernetes", None),
            ("Senior Software Engineer", None),
            ("Python", None),
            ("", None),
            (
                "We offer great benefits, flexible hours and a generous learning budget for all",
                None,
            ),
        ];
        for (heading, expected) in cases {
            assert_eq!(classify_heading(heading), *expected, "{heading:?}");
        }
    }

    #[test]
    fn the_first_word_shortcut_turns_down_only_unknown_headings() {
        let mut texts: Vec<String> = TABLE
            .iter()
            .flat_map(|(phrase, _)| {
                [
                    phrase.to_string(),
                    format!("Key {phrase}"),
                    format!("{phrase} preferred"),
                    format!("Python and {phrase}"),
                    format!("{phrase} & perks"),
                    format!("Our {phrase}:"),
                ]
            })
            .collect();
        texts.extend(
            [
                "Python preferred",
                "What You'll Do",
                "'Requirements'",
                "& Benefits",
                "Life at Acme",
                "Why Acme?",
                "Working at Acme",
                "About Verkada",
                "Following Skills Sets are Preferred",
                "Senior Software Engineer",
                "Built a platform",
                "Qualifications (Required)",
                "Skills required",
                "nice-to-have",
                "Things we believe",
                "Principles we live by",
            ]
            .map(String::from),
        );
        for text in texts {
            let normalized = normalize_heading(&text);
            if !may_be_heading(&normalized) {
                assert_eq!(classify_normalized(&normalized), None, "{text}");
            }
        }
        // The shortcut does turn lines down.
        assert!(!may_be_heading(&normalize_heading(
            "Built a Spark platform"
        )));
    }

    #[test]
    fn heading_words_are_normalized() {
        assert_eq!(
            heading_words("**What You’ll Do:**"),
            ["what", "you", "will", "do"]
        );
        assert_eq!(
            heading_words("Benefits & Perks"),
            ["benefits", "and", "perks"]
        );
        assert_eq!(
            heading_words("Qualifications (Required)"),
            ["qualifications", "required"]
        );
    }

    #[test]
    fn clean_heading_strips_markdown_and_colons() {
        assert_eq!(clean_heading("## Requirements:"), "Requirements");
        assert_eq!(clean_heading("**Nice to have**"), "Nice to have");
        assert_eq!(clean_heading("  What   you'll do :  "), "What you'll do");
    }

    #[test]
    fn title_case_and_capitals() {
        assert!(is_title_case("What You Will Do"));
        assert!(is_title_case("Perks and Benefits"));
        assert!(is_title_case("Software Engineer Feb. 2021 – July 2023"));
        assert!(!is_title_case("Strong communication skills"));
        assert!(!is_title_case("我们的团队"));
        assert!(is_all_caps("WHAT WE OFFER"));
        assert!(!is_all_caps("What We Offer"));
        assert!(!is_all_caps("2024"));
    }
}
