//! Sentences that are boilerplate wherever they appear: equal-opportunity statements, visa
//! and legal notices, application instructions, cookie/privacy text (→ Legal), and salary
//! ranges or benefits (→ Benefits).
//!
//! Scraped posts often lose their headings, so an EEO paragraph can end up under
//! "Requirements"; recognising it from its own words keeps it from being read as a requirement.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::section::SectionKind;

/// Phrases (lowercase) that mark a sentence as legal or application boilerplate.
const LEGAL: &[&str] = &[
    "equal opportunity",
    "equal employment",
    "affirmative action",
    "without regard to",
    "without regard for",
    "regardless of race",
    "race, color",
    "race, colour",
    "race, religion",
    "race, ethnicity",
    "sexual orientation",
    "gender identity",
    "national origin",
    "protected veteran",
    "veteran status",
    "genetic information",
    "protected characteristic",
    "protected by law",
    "protected by applicable",
    "legally protected",
    "accommodation",
    "e-verify",
    "everify",
    "visa sponsorship",
    "sponsorship",
    "sponsor visa",
    "sponsor a visa",
    "sponsor work visa",
    "sponsor employment",
    "h-1b",
    "h1b",
    "work authorization",
    "employment authorization",
    "authorized to work",
    "authorization to work",
    "eligible to work",
    "background check",
    "drug screen",
    "drug test",
    "fair chance",
    "arrest and conviction",
    "conviction record",
    "criminal histor",
    "privacy policy",
    "privacy notice",
    "privacy statement",
    "cookie",
    "apply now",
    "apply today",
    "click apply",
    "apply here",
    "apply online",
    "how to apply",
    "please apply",
    "submit your resume",
    "submit your application",
    "send your resume",
    "send us your resume",
    "email your resume",
    "recruitment agenc",
    "recruiting agenc",
    "staffing agenc",
    "third-party recruiter",
    "unsolicited",
    "recruitment fraud",
    "recruiting scam",
    "all qualified applicants",
    "applicants with disabilities",
    "individuals with disabilities",
    "committed to diversity",
    "celebrate diversity",
    "diversity and inclusion",
    "diversity, equity",
    "diverse and inclusive",
    "inclusive workplace",
    "inclusive environment",
    "inclusive space",
    "diverse voices",
    "diverse workforce",
    "diverse backgrounds",
    "value diversity",
    "embrace diversity",
    "applicable law",
    "applicable federal",
    "local laws",
    "this job posting",
    "this posting",
];

/// Phrases (lowercase) that mark a sentence as pay or benefits.
const BENEFITS: &[&str] = &[
    "401(k)",
    "401k",
    "401 (k)",
    "403(b)",
    "medical, dental",
    "dental, vision",
    "dental and vision",
    "dental & vision",
    "health, dental",
    "health insurance",
    "medical insurance",
    "life insurance",
    "disability insurance",
    "paid time off",
    "parental leave",
    "maternity",
    "paternity",
    "sick leave",
    "paid holidays",
    "unlimited vacation",
    "vacation days",
    "flexible spending",
    "commuter benefit",
    "tuition reimbursement",
    "stipend",
    "employee stock purchase",
    "stock options",
    "equity package",
    "equity grant",
    "sign-on bonus",
    "signing bonus",
    "annual bonus",
    "performance bonus",
    "benefits package",
    "comprehensive benefits",
    "competitive benefits",
    "great benefits",
    "retirement plan",
    "retirement savings",
    "pension",
    "salary",
    "compensation",
    "our benefits",
    "company benefits",
    "employee benefits",
    "generous benefits",
    "health benefits",
    "benefits include",
    "benefits program",
    "benefits plan",
    "pay range",
    "base pay",
    "hourly rate",
    "pay rate",
    "pay transparency",
];

/// Whole words (lowercase) that mark a sentence as legal boilerplate or benefits.
const LEGAL_WORDS: &[&str] = &["eeo", "eoe", "eeoc", "ofccp"];
const BENEFIT_WORDS: &[&str] = &["pto", "hsa", "fsa", "espp", "rsu", "rsus"];

/// Words near an amount that make it pay rather than, say, funding raised (single words:
/// they are compared with the sentence's words).
const PAY_WORDS: &[&str] = &[
    "salary",
    "compensation",
    "pay",
    "range",
    "base",
    "hour",
    "hourly",
    "hr",
    "year",
    "yearly",
    "yr",
    "annual",
    "annually",
    "annum",
    "month",
    "monthly",
    "wage",
    "ote",
    "bonus",
    "k",
    "per",
    "usd",
    "eur",
    "gbp",
];

/// How much of a sentence is read: boilerplate shows itself early, and a pathological
/// multi-megabyte "sentence" must not be scanned a hundred times.
const MAX_SCAN: usize = 4000;

/// The section a sentence belongs to whatever its heading says: `Legal` for equal-opportunity,
/// visa, application and privacy boilerplate, `Benefits` for pay ranges ("$120,000 –
/// $150,000"), 401(k) and other benefits; `None` for ordinary sentences.
pub fn boilerplate_section(sentence: &str) -> Option<SectionKind> {
    let mut end = sentence.len().min(MAX_SCAN);
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let mut lower = sentence[..end].to_lowercase();
    if lower.contains(['’', '‘']) {
        lower = lower.replace(['’', '‘'], "'");
    }
    let tokens: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .collect();
    let has_word = |list: &[&str]| tokens.iter().any(|t| list.contains(t));
    let (legal, benefits) = phrases_in(&lower);
    if legal || has_word(LEGAL_WORDS) {
        return Some(SectionKind::Legal);
    }
    if benefits || has_word(BENEFIT_WORDS) || is_pay(&lower, &tokens) {
        return Some(SectionKind::Benefits);
    }
    None
}

/// The [`LEGAL`] and [`BENEFITS`] phrases by their first two bytes, with which list each is
/// from: one pass over a sentence instead of one search per phrase.
struct PhraseIndex {
    /// Whether any phrase starts with the two bytes `a b` (bit `a * 256 + b`).
    starts: Vec<u64>,
    by_start: HashMap<[u8; 2], Vec<(&'static [u8], bool)>>,
}

fn phrase_index() -> &'static PhraseIndex {
    static INDEX: OnceLock<PhraseIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = PhraseIndex {
            starts: vec![0; 65_536 / 64],
            by_start: HashMap::new(),
        };
        let lists = [(LEGAL, true), (BENEFITS, false)];
        for (list, legal) in lists {
            for phrase in list {
                let bytes = phrase.as_bytes();
                // Every phrase has at least three bytes (checked by a test).
                let key = [bytes[0], bytes[1]];
                let bit = usize::from(key[0]) * 256 + usize::from(key[1]);
                index.starts[bit / 64] |= 1 << (bit % 64);
                index.by_start.entry(key).or_default().push((bytes, legal));
            }
        }
        index
    })
}

/// Whether `lower` holds a [`LEGAL`] phrase and whether it holds a [`BENEFITS`] phrase (the
/// latter only looked for until a legal one is found).
fn phrases_in(lower: &str) -> (bool, bool) {
    let index = phrase_index();
    let bytes = lower.as_bytes();
    let mut benefits = false;
    for (i, pair) in bytes.windows(2).enumerate() {
        let bit = usize::from(pair[0]) * 256 + usize::from(pair[1]);
        if index.starts[bit / 64] & (1 << (bit % 64)) == 0 {
            continue;
        }
        let Some(phrases) = index.by_start.get(&[pair[0], pair[1]]) else {
            continue;
        };
        for &(phrase, legal) in phrases {
            if bytes[i..].starts_with(phrase) {
                if legal {
                    return (true, benefits);
                }
                benefits = true;
            }
        }
    }
    (false, benefits)
}

/// A pay amount: two currency amounts (a range), or one next to a pay word ("$60/hr",
/// "USD 150k per year"). "$460M in funding" is not pay.
fn is_pay(lower: &str, tokens: &[&str]) -> bool {
    let amounts = count_amounts(lower);
    amounts >= 2 || (amounts == 1 && tokens.iter().any(|t| PAY_WORDS.contains(t)))
}

/// Currency amounts: a currency sign or code directly before (or after) a digit.
fn count_amounts(lower: &str) -> usize {
    let mut count = 0;
    for (i, c) in lower.char_indices() {
        if !matches!(c, '$' | '€' | '£' | '¥' | '₹') {
            continue;
        }
        let mut after = lower[i + c.len_utf8()..].chars();
        let digit_after = match after.next() {
            Some(' ') => after.next().is_some_and(|c| c.is_ascii_digit()),
            next => next.is_some_and(|c| c.is_ascii_digit()),
        };
        count += usize::from(digit_after);
    }
    for code in ["usd", "eur", "gbp", "cad", "aud"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(code) {
            let at = from + at;
            let before = lower[..at].trim_end().chars().next_back();
            let after = lower[at + code.len()..].trim_start().chars().next();
            if before.is_some_and(|c| c.is_ascii_digit())
                || after.is_some_and(|c| c.is_ascii_digit())
            {
                count += 1;
            }
            from = at + code.len();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn the_phrase_index_finds_what_a_search_per_phrase_finds() {
        assert!(LEGAL.iter().chain(BENEFITS).all(|p| p.len() >= 3));
        // Pay words are looked up among single words: a phrase there would never match.
        assert!(PAY_WORDS.iter().all(|w| !w.contains(' ')));
        let texts = [
            "we are an equal opportunity employer",
            "a 401(k) plan and dental insurance",
            "equal opportunity and a 401(k)",
            "build apis for millions of people",
            "",
            "e",
        ];
        for text in texts
            .iter()
            .map(|t| t.to_string())
            .chain(LEGAL.iter().chain(BENEFITS).map(|p| format!("x {p} y")))
        {
            let legal = LEGAL.iter().any(|p| text.contains(p));
            let benefits = BENEFITS.iter().any(|p| text.contains(p));
            let (found_legal, found_benefits) = phrases_in(&text);
            assert_eq!(found_legal, legal, "{text}");
            if !legal {
                assert_eq!(found_benefits, benefits, "{text}");
            }
        }
    }

    #[test]
    fn boilerplate_is_recognized_from_its_words() {
        let cases: &[(&str, Option<SectionKind>)] = &[
            ("Acme is an Equal Opportunity Employer.", Some(Legal)),
            ("All qualified applicants will receive consideration for employment without regard to race, color, religion, sex, or national origin.", Some(Legal)),
            ("We are unable to provide visa sponsorship for this role.", Some(Legal)),
            ("Candidates must be authorized to work in the United States.", Some(Legal)),
            ("EEO/AA employer.", Some(Legal)),
            ("Apply now!", Some(Legal)),
            ("To request any accommodations, contact us at hr@acme.io.", Some(Legal)),
            ("This site uses cookies to improve your experience.", Some(Legal)),
            ("The base salary range for this role is $120,000 - $150,000.", Some(Benefits)),
            ("$120K–$150K + equity", Some(Benefits)),
            ("Pay: $60/hr on W2", Some(Benefits)),
            ("USD 150,000 per year", Some(Benefits)),
            ("401(k) with 4% match", Some(Benefits)),
            ("Unlimited PTO and paid parental leave", Some(Benefits)),
            ("Founded in 2016 with more than $460M in funding raised to date.", None),
            ("5+ years of experience with Python and SQL.", None),
            ("Ability to apply machine learning to real problems.", None),
            ("Experience with privacy-preserving ML is a plus.", None),
            ("Bonus points for Rust experience.", None),
        ];
        for (sentence, expected) in cases {
            assert_eq!(boilerplate_section(sentence), *expected, "{sentence}");
        }
    }

    #[test]
    fn long_and_multibyte_input_is_bounded() {
        let long = "é".repeat(10_000) + " equal opportunity";
        assert_eq!(boilerplate_section(&long), None);
        assert_eq!(boilerplate_section("给平等机会"), None);
    }
}
