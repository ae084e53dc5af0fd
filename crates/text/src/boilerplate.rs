//! Sentences that are boilerplate wherever they appear: equal-opportunity statements, visa
//! and legal notices, application instructions, cookie/privacy text (→ Legal), and salary
//! ranges or benefits (→ Benefits).
//!
//! Scraped posts often lose their headings, so an EEO paragraph can end up under
//! "Requirements"; recognising it from its own words keeps it from being read as a requirement.

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

/// Words near an amount that make it pay rather than, say, funding raised.
const PAY_WORDS: &[&str] = &[
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
    let lower = sentence[..end].to_lowercase().replace(['’', '‘'], "'");
    let tokens: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .collect();
    let has_word = |list: &[&str]| tokens.iter().any(|t| list.contains(t));
    if LEGAL.iter().any(|p| lower.contains(p)) || has_word(LEGAL_WORDS) {
        return Some(SectionKind::Legal);
    }
    if BENEFITS.iter().any(|p| lower.contains(p))
        || has_word(BENEFIT_WORDS)
        || is_pay(&lower, &tokens)
    {
        return Some(SectionKind::Benefits);
    }
    None
}

/// A pay amount: two currency amounts (a range), or one next to a pay word ("$60/hr",
/// "USD 150k per year"). "$460M in funding" is not pay.
fn is_pay(lower: &str, tokens: &[&str]) -> bool {
    let amounts = count_amounts(lower);
    amounts >= 2 || (amounts == 1 && tokens.iter().any(|t| PAY_WORDS.contains(t)))
}

/// Currency amounts: a currency sign or code directly before (or after) a digit.
fn count_amounts(lower: &str) -> usize {
    let chars: Vec<char> = lower.chars().collect();
    let mut count = 0;
    for (i, &c) in chars.iter().enumerate() {
        let digit_after = |skip: usize| chars.get(i + skip).is_some_and(char::is_ascii_digit);
        if matches!(c, '$' | '€' | '£' | '¥' | '₹')
            && (digit_after(1) || (chars.get(i + 1) == Some(&' ') && digit_after(2)))
        {
            count += 1;
        }
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
