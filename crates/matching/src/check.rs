//! Checking a post's hard requirements against the person's resume facts, and the cap they
//! put on the fit.
//!
//! Similarity says how close the texts are, not whether the person has the PhD, the licence
//! or the ten years a post demands: a second-year student once came out a 94.6 "strong fit"
//! for a Principal ML Scientist post requiring a PhD. Each requirement is therefore checked
//! (met / not met / unknown, with a sentence saying why), and a must-have the person clearly
//! lacks caps the fit ([`fit_cap`]). Where the resume does not say (location, age, work
//! authorisation, travel), the answer is "unknown", never a guess.

use jobdelta_text::{
    find_terms, license_often_unlisted, Degree, DegreeLevel, FoundRequirement, HardRequirement,
    ResumeFacts, Seniority, SenioritySource, WorkMode,
};
use serde::{Deserialize, Serialize};

use crate::report::FitLabel;

/// What the check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The resume shows the person has it.
    Met,
    /// The resume shows the person does not have it.
    NotMet,
    /// The resume does not say.
    Unknown,
}

impl CheckStatus {
    /// A short word for people.
    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Met => "met",
            CheckStatus::NotMet => "not met",
            CheckStatus::Unknown => "unknown",
        }
    }
}

/// How far short of a requirement the person is, for [`fit_cap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shortfall {
    /// A little: years short but at least half, one seniority level below.
    Near,
    /// Clearly: a degree, licence or clearance lacking, years under half, two or more
    /// seniority levels below.
    Far,
}

/// One hard requirement of a post, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementCheck {
    /// What the post asks.
    pub requirement: HardRequirement,
    /// A must-have (true) or a nice-to-have.
    pub required: bool,
    /// The post's sentence it was read from.
    pub source: String,
    /// Met, not met or unknown.
    pub status: CheckStatus,
    /// Why, as a sentence a person reads ("you: about 7 years (2018–present, from your
    /// roles); the post asks 10+").
    pub evidence: String,
    /// How far short the person is, when not met.
    #[serde(default)]
    pub shortfall: Option<Shortfall>,
}

impl RequirementCheck {
    /// "must-have" or "nice to have", as the report's text, Markdown and page say it.
    pub fn importance_label(&self) -> &'static str {
        if self.required {
            "must-have"
        } else {
            "nice to have"
        }
    }
}

/// A ceiling on a post's fit, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitCap {
    /// The highest fit the post may have.
    pub max_fit: f32,
    /// Why, for people ("A must-have is missing: …").
    pub reason: String,
}

impl FitCap {
    /// The fit under this cap: the fit scaled into `0..=max_fit`, so capped posts keep their
    /// order among themselves (the closer text still ranks higher) instead of all tying at
    /// the cap. On the trust set this lifts the not-qualified-vs-rest ROC-AUC from 0.861
    /// (clamped at the cap) to 0.882, verdicts unchanged.
    pub fn apply(&self, fit: f32) -> f32 {
        fit.clamp(0.0, 100.0) * self.max_fit / 100.0
    }
}

/// The checks read from one requirement sentence: the same sentence up to case and spacing,
/// or one holding the other (a check's source can be a whole line, a requirement one
/// sentence of it).
pub fn checks_of_sentence<'a>(
    checks: &'a [RequirementCheck],
    sentence: &str,
) -> impl Iterator<Item = &'a RequirementCheck> {
    let key = jobdelta_text::normalize_key(sentence);
    checks.iter().filter(move |c| {
        let source = jobdelta_text::normalize_key(&c.source);
        !key.is_empty() && !source.is_empty() && (source.contains(&key) || key.contains(&source))
    })
}

/// A post whose must-have the person clearly lacks is at most a weak fit: just under
/// [`FitLabel::SOME`], so the label says "weak fit" however close the texts are.
pub const LACKING_MAX_FIT: f32 = FitLabel::SOME - 0.1;

/// A post the person nearly qualifies for (a few years short, one level up) is at most
/// "some fit": just under [`FitLabel::GOOD`]; a recruiter would call it a stretch.
pub const STRETCH_MAX_FIT: f32 = FitLabel::GOOD - 0.1;

/// Years that round to the years asked count as met ("about 4.8 years" for "5+"): resume
/// dates are precise to a month at best, to a year often.
const YEARS_TOLERANCE: f32 = 0.25;

/// Years of study each degree level stands for, from the start of higher education: an
/// "or equivalent experience" post is taken to accept one year of work for each missing
/// year of study (the lenient reading; some employers ask more).
fn study_years(level: DegreeLevel) -> f32 {
    match level {
        DegreeLevel::HighSchool => 0.0,
        DegreeLevel::Associate => 2.0,
        DegreeLevel::Bachelor => 4.0,
        DegreeLevel::Master => 6.0,
        DegreeLevel::Phd => 10.0,
    }
}

/// Checks each hard requirement of a post against the resume's facts (`resume_text` for
/// what only the text says: work authorisation, willingness to travel, the skill words of
/// roles).
pub fn check_post(
    found: &[FoundRequirement],
    facts: &ResumeFacts,
    resume_text: &str,
) -> Vec<RequirementCheck> {
    found
        .iter()
        .map(|f| {
            let (status, evidence, shortfall) =
                check(&f.requirement, &f.source, facts, resume_text);
            RequirementCheck {
                requirement: f.requirement.clone(),
                required: f.required,
                source: f.source.clone(),
                status,
                evidence,
                shortfall: if f.required { shortfall } else { None },
            }
        })
        .collect()
}

/// The ceiling the checks put on a post's fit: [`LACKING_MAX_FIT`] when a must-have is
/// clearly lacking, [`STRETCH_MAX_FIT`] when the person is a little short; `None` when
/// nothing required is missing.
pub fn fit_cap(checks: &[RequirementCheck]) -> Option<FitCap> {
    let reasons = |shortfall: Shortfall| -> Vec<String> {
        checks
            .iter()
            .filter(|c| c.required && c.status == CheckStatus::NotMet)
            .filter(|c| c.shortfall == Some(shortfall))
            .map(|c| c.evidence.clone())
            .collect()
    };
    let far = reasons(Shortfall::Far);
    if !far.is_empty() {
        return Some(FitCap {
            max_fit: LACKING_MAX_FIT,
            reason: format!(
                "At most a weak fit: a must-have is missing — {}.",
                far.join("; ")
            ),
        });
    }
    let near = reasons(Shortfall::Near);
    (!near.is_empty()).then(|| FitCap {
        max_fit: STRETCH_MAX_FIT,
        reason: format!(
            "At most some fit: you are a little short of a must-have — {}.",
            near.join("; ")
        ),
    })
}

type Outcome = (CheckStatus, String, Option<Shortfall>);

fn check(requirement: &HardRequirement, source: &str, facts: &ResumeFacts, text: &str) -> Outcome {
    use CheckStatus::*;
    match requirement {
        HardRequirement::Experience { years, skill: None } => overall_years(*years, facts),
        HardRequirement::Experience {
            years,
            skill: Some(skill),
        } => skill_years(*years, skill, facts),
        HardRequirement::Degree {
            level,
            field,
            equivalent_experience,
        } => degree(*level, field.as_deref(), *equivalent_experience, facts),
        HardRequirement::Seniority { level } => seniority(*level, facts),
        HardRequirement::License { name } => license(name, source, facts),
        HardRequirement::Clearance { level } => {
            let asked = level.label();
            match facts.clearances.iter().max() {
                Some(have) if have >= level => (
                    Met,
                    format!("you: {} clearance; the post asks {asked}", have.label()),
                    None,
                ),
                have if can_obtain(source) => (
                    Unknown,
                    format!(
                        "you: {}; the post asks {asked}, and lets you obtain it",
                        have.map_or("no clearance named".to_owned(), |h| format!(
                            "{} clearance",
                            h.label()
                        ))
                    ),
                    None,
                ),
                Some(have) => (
                    NotMet,
                    format!("you: {} clearance; the post asks {asked}", have.label()),
                    Some(Shortfall::Far),
                ),
                None => (
                    NotMet,
                    format!("your resume names no security clearance; the post asks {asked}"),
                    Some(Shortfall::Far),
                ),
            }
        }
        HardRequirement::WorkAuthorization => {
            match stated(
                text,
                &[
                    "us citizen",
                    "u.s. citizen",
                    "united states citizen",
                    "authorized to work",
                    "authorised to work",
                    "green card",
                    "permanent resident",
                    "no sponsorship",
                    "not require sponsorship",
                    "do not require visa",
                    "work authorization:",
                ],
            ) {
                Some(line) => (Met, format!("your resume says “{line}”"), None),
                None => (
                    Unknown,
                    "your resume doesn't say whether you may work there without sponsorship; \
                     the post asks it"
                        .to_owned(),
                    None,
                ),
            }
        }
        HardRequirement::Location { mode, place } => location(*mode, place.as_deref(), facts),
        HardRequirement::MinAge { years } => (
            Unknown,
            format!("your resume doesn't state your age (as it shouldn't); the post asks {years} or older"),
            None,
        ),
        HardRequirement::Travel { percent } => {
            let asked = percent.map_or("some travel".to_owned(), |p| format!("travel up to {p}%"));
            match stated(text, &["willing to travel", "open to travel", "available to travel"]) {
                Some(line) => (Met, format!("your resume says “{line}”; the post asks {asked}"), None),
                None => (
                    Unknown,
                    format!("your resume doesn't say whether you can travel; the post asks {asked}"),
                    None,
                ),
            }
        }
    }
}

/// "2018–present", "2016–2024".
fn span_phrase(facts: &ResumeFacts) -> String {
    match facts.role_span() {
        Some((first, None)) => format!("{first}–present"),
        Some((first, Some(last))) if last != first => format!("{first}–{last}"),
        Some((first, Some(_))) => first.to_string(),
        None => String::new(),
    }
}

fn overall_years(asked: u32, facts: &ResumeFacts) -> Outcome {
    if facts.roles.is_empty() {
        return (
            CheckStatus::Unknown,
            format!("no dated work roles found in your resume; the post asks {asked}+ years"),
            None,
        );
    }
    let have = facts.experience_years;
    let internships = if facts.internship_years > 0.0 {
        format!(
            ", {} of it internships",
            years_phrase(facts.internship_years)
        )
    } else {
        String::new()
    };
    let evidence = format!(
        "you: about {} ({}, from your roles{internships}); the post asks {asked}+",
        years_phrase(have),
        span_phrase(facts)
    );
    let asked_years = asked as f32;
    if have + YEARS_TOLERANCE >= asked_years {
        return (CheckStatus::Met, evidence, None);
    }
    // The resume says more than its dates show (an early job left out, freelance work): the
    // resume disagrees with itself, so the answer is "unknown", said with both figures.
    if let Some(stated) = facts
        .stated_years
        .as_ref()
        .filter(|s| s.years as f32 + YEARS_TOLERANCE >= asked_years)
    {
        return (
            CheckStatus::Unknown,
            format!(
                "you: about {} from your dated roles ({}), {}+ as your resume says (“{}”); the post asks {asked}+",
                years_phrase(have),
                span_phrase(facts),
                stated.years,
                stated.sentence
            ),
            None,
        );
    }
    let best = facts
        .stated_years
        .as_ref()
        .map_or(have, |s| have.max(s.years as f32));
    if best >= asked_years / 2.0 {
        (CheckStatus::NotMet, evidence, Some(Shortfall::Near))
    } else {
        (CheckStatus::NotMet, evidence, Some(Shortfall::Far))
    }
}

/// Years of the roles that mention a skill (by name, or by the same known term).
fn skill_years(asked: u32, skill: &str, facts: &ResumeFacts) -> Outcome {
    let skill_terms: Vec<String> = find_terms(skill).into_iter().map(|t| t.canonical).collect();
    let mentions = |text: &str| {
        contains_words(&text.to_lowercase(), skill)
            || (!skill_terms.is_empty()
                && find_terms(text)
                    .iter()
                    .any(|t| skill_terms.contains(&t.canonical)))
    };
    let roles: Vec<&jobdelta_text::Role> =
        facts.roles.iter().filter(|r| mentions(&r.text)).collect();
    if roles.is_empty() {
        return (
            CheckStatus::Unknown,
            format!(
                "none of your dated roles mentions {skill}; the post asks {asked}+ years of it"
            ),
            None,
        );
    }
    let have = facts.years_of_roles(|r| mentions(&r.text));
    let first = roles.iter().map(|r| r.start.year).min().unwrap_or_default();
    let last = if roles.iter().any(|r| r.end.is_none()) {
        "present".to_owned()
    } else {
        roles
            .iter()
            .filter_map(|r| r.end.map(|e| e.year))
            .max()
            .unwrap_or(first)
            .to_string()
    };
    let evidence = format!(
        "you: about {} in roles that mention {skill} ({first}–{last}); the post asks {asked}+",
        years_phrase(have)
    );
    // Per-skill years are read from the roles' own words, which say less than the whole
    // history: a shortfall here is shown but does not cap the fit.
    if have + YEARS_TOLERANCE >= asked as f32 {
        (CheckStatus::Met, evidence, None)
    } else {
        (CheckStatus::NotMet, evidence, None)
    }
}

fn degree(
    asked: DegreeLevel,
    field: Option<&str>,
    equivalent_experience: bool,
    facts: &ResumeFacts,
) -> Outcome {
    let asked_phrase = match field {
        Some(f) => format!("{} in {f}", asked.label()),
        None => asked.label().to_owned(),
    };
    let best = facts.highest_finished_degree();
    if let Some(have) = best.filter(|d| d.level >= asked) {
        let differs =
            field.is_some_and(|f| have.field.as_deref().is_some_and(|h| !shares_word(h, f)));
        if differs {
            return (
                CheckStatus::Unknown,
                format!(
                    "you: {}; the post asks {asked_phrase} — another field (posts often accept related ones)",
                    degree_phrase(have)
                ),
                None,
            );
        }
        return (
            CheckStatus::Met,
            format!("you: {}; the post asks {asked_phrase}", degree_phrase(have)),
            None,
        );
    }
    let have_phrase = facts
        .degrees
        .iter()
        .max_by_key(|d| (d.level, !d.in_progress))
        .map(degree_phrase);
    if equivalent_experience {
        let needed = study_years(asked) - best.map_or(0.0, |d| study_years(d.level));
        if facts.experience_years + YEARS_TOLERANCE >= needed {
            return (
                CheckStatus::Met,
                format!(
                    "you: {}, and about {} of work; the post asks {asked_phrase} or equivalent experience",
                    have_phrase.unwrap_or_else(|| "no such degree named".to_owned()),
                    years_phrase(facts.experience_years)
                ),
                None,
            );
        }
    }
    match have_phrase {
        None if !facts.has_education_section => (
            CheckStatus::Unknown,
            format!("your resume has no education section; the post asks {asked_phrase}"),
            None,
        ),
        have => (
            CheckStatus::NotMet,
            format!(
                "you: {}; the post asks {asked_phrase}",
                have.unwrap_or_else(|| "no degree named".to_owned())
            ),
            Some(Shortfall::Far),
        ),
    }
}

/// "bachelor's in computer science (in progress, expected 2028-05)".
fn degree_phrase(d: &Degree) -> String {
    let level = match d.level {
        DegreeLevel::HighSchool => "high school diploma",
        DegreeLevel::Associate => "associate degree",
        DegreeLevel::Bachelor => "bachelor's",
        DegreeLevel::Master => "master's",
        DegreeLevel::Phd => "PhD",
    };
    let field = d
        .field
        .as_deref()
        .map_or(String::new(), |f| format!(" in {f}"));
    let when = match (d.in_progress, d.end) {
        (true, Some(end)) => format!(" (in progress, expected {})", end.year),
        (true, None) => " (in progress)".to_owned(),
        (false, Some(end)) => format!(" ({})", end.year),
        (false, None) => String::new(),
    };
    format!("{level}{field}{when}")
}

fn seniority(asked: Seniority, facts: &ResumeFacts) -> Outcome {
    let Some(have) = &facts.seniority else {
        return (
            CheckStatus::Unknown,
            format!(
                "your resume doesn't show your level; the post is {}",
                asked.label()
            ),
            None,
        );
    };
    let from = match have.source {
        SenioritySource::Title => format!("from your title “{}”", have.evidence),
        SenioritySource::Years => format!("estimated: {}", have.evidence),
    };
    let evidence = format!(
        "you: {} ({from}); the post is {}",
        have.level.label(),
        asked.label()
    );
    // Internships are for students: someone with a finished degree or a full-time job and
    // no degree in progress is past them, however close the texts are.
    let studying = facts.degrees.iter().any(|d| d.in_progress);
    let past_school =
        facts.highest_finished_degree().is_some() || facts.roles.iter().any(|r| !r.internship);
    if asked == Seniority::Intern && !studying && past_school {
        return (
            CheckStatus::NotMet,
            format!(
                "you: {} ({from}) with no degree in progress; internships are for students",
                have.level.label()
            ),
            Some(Shortfall::Far),
        );
    }
    // Anyone may apply to an entry-level post: an intern is a new grad soon.
    let person = have.level.rank().max(Seniority::Entry.rank());
    match (asked.rank().saturating_sub(person), have.source) {
        (0, _) => (CheckStatus::Met, evidence, None),
        // A level estimated from years is a band with fuzzy edges (5.9 years is "mid", 6.0
        // "senior"): one level off it is not evidence either way.
        (1, SenioritySource::Years) => (CheckStatus::Unknown, evidence, None),
        (1, SenioritySource::Title) => (CheckStatus::NotMet, evidence, Some(Shortfall::Near)),
        _ => (CheckStatus::NotMet, evidence, Some(Shortfall::Far)),
    }
}

fn license(name: &str, source: &str, facts: &ResumeFacts) -> Outcome {
    if let Some(have) = facts
        .licenses
        .iter()
        .find(|have| license_covers(have, name))
    {
        return (
            CheckStatus::Met,
            format!("your resume names {have}; the post asks {name}"),
            None,
        );
    }
    if can_obtain(source) {
        return (
            CheckStatus::Unknown,
            format!("your resume doesn't name {name}; the post lets you obtain it"),
            None,
        );
    }
    if license_often_unlisted(name) {
        return (
            CheckStatus::Unknown,
            format!(
                "your resume doesn't mention {name} (people often leave it out); the post asks it"
            ),
            None,
        );
    }
    (
        CheckStatus::NotMet,
        format!("your resume doesn't name {name}; the post asks it"),
        Some(Shortfall::Far),
    )
}

/// Whether a licence the person has satisfies the one asked: the same, a more specific one
/// ("cdl class a" for "cdl", any "aws certified …" for "aws certification"), or a class A
/// CDL for a class B.
fn license_covers(have: &str, asked: &str) -> bool {
    if have == asked || have.starts_with(&format!("{asked} ")) {
        return true;
    }
    if let Some(vendor) = asked.strip_suffix(" certification") {
        if have.starts_with(vendor) {
            return true;
        }
    }
    have == "cdl class a" && asked == "cdl class b"
}

/// "… or the ability to obtain it", "must be able to obtain", "eligible for".
fn can_obtain(source: &str) -> bool {
    let lower = source.to_lowercase();
    [
        "obtain",
        "eligible",
        "eligibility",
        "willing to get",
        "within",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn location(mode: WorkMode, place: Option<&str>, facts: &ResumeFacts) -> Outcome {
    let mode_phrase = match mode {
        WorkMode::Onsite => "on site",
        WorkMode::Hybrid => "hybrid",
        WorkMode::Remote => "remote",
    };
    let asked = match place {
        Some(p) => format!("the post is {mode_phrase} ({p})"),
        None => format!("the post is {mode_phrase}"),
    };
    // Only the resume's header says where the person lives: a school's city is not a home.
    let city = place.and_then(|p| p.split(',').next()).map(str::trim);
    match city.filter(|c| c.len() > 1) {
        Some(city) if contains_words(&facts.header.to_lowercase(), city) => (
            CheckStatus::Met,
            format!("your resume's header gives {city}; {asked}"),
            None,
        ),
        _ if mode == WorkMode::Remote && place.is_none() => (
            CheckStatus::Met,
            format!("{asked}: you can work from where you are"),
            None,
        ),
        _ => (
            CheckStatus::Unknown,
            format!("your resume's header doesn't say where you live; {asked}"),
            None,
        ),
    }
}

/// The resume line that states one of `phrases`, if any.
fn stated<'a>(text: &'a str, phrases: &[&str]) -> Option<&'a str> {
    text.lines().map(str::trim).find(|line| {
        let lower = line.to_lowercase();
        phrases.iter().any(|p| lower.contains(p))
    })
}

/// Whether `text` (lower case) holds `words` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    let words = words.to_lowercase();
    let mut from = 0;
    while let Some(p) = text[from..].find(&words) {
        let at = from + p;
        let end = at + words.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return true;
        }
        from = end;
    }
    false
}

/// Whether two fields share a content word ("computer science" / "computer engineering").
fn shares_word(a: &str, b: &str) -> bool {
    let content = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !matches!(*w, "and" | "the" | "of" | "related" | "field"))
            .map(str::to_lowercase)
            .collect()
    };
    // Words of one stem count as shared ("accountancy" / "accounting", "computer" /
    // "computing"): a common beginning of six letters or more.
    let same_stem = |x: &str, y: &str| {
        x == y || x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count() >= 6
    };
    let b = content(b);
    content(a).iter().any(|w| b.iter().any(|v| same_stem(w, v)))
}

/// "7 years", "1 year", "3 months".
fn years_phrase(years: f32) -> String {
    if years < 0.75 {
        format!("{:.0} months", (years * 12.0).round())
    } else if years.round() == 1.0 {
        "1 year".to_owned()
    } else {
        format!("{:.0} years", years.round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_text::{hard_requirements, resume_facts, YearMonth};

    fn today() -> YearMonth {
        YearMonth::new(2026, 12)
    }

    const SENIOR: &str = "Dana Kim\nHouston, TX\n\nExperience\n\
        Senior Software Engineer, Globex    2019 – Present\n\
        - Built Python services on AWS\n\
        Software Engineer, Initech    2015 – 2019\n\
        - Wrote Java services\n\n\
        Education\nB.S. in Computer Science, State University, 2015\n\n\
        Certifications\nAWS Certified Developer – Associate\n";

    const STUDENT: &str = "Jamie Rivera\nRichmond, VA\n\nEducation\n\
        B.S. Computer Science, Expected May 2028\n\n\
        Experience\nData Science Intern, Acme    June 2026 – August 2026\n";

    fn statuses(post: &str, resume: &str) -> Vec<(String, CheckStatus)> {
        let found = hard_requirements(post, None);
        let facts = resume_facts(resume, today());
        check_post(&found, &facts, resume)
            .into_iter()
            .map(|c| (c.requirement.kind().to_owned(), c.status))
            .collect()
    }

    #[test]
    fn degree_fields_of_one_stem_are_the_same_field() {
        assert!(shares_word("accountancy", "accounting or finance"));
        assert!(shares_word("computer engineering", "computing"));
        assert!(!shares_word("physics", "computer science"));
        assert!(!shares_word("mathematics", "materials science"));
    }

    #[test]
    fn internships_are_for_students() {
        let post = "Data Science Intern\nRequirements\nPython and SQL\n";
        let seniority = |resume: &str| {
            statuses(post, resume)
                .into_iter()
                .find(|(kind, _)| kind == "seniority")
                .map(|(_, status)| status)
        };
        assert_eq!(seniority(STUDENT), Some(CheckStatus::Met));
        assert_eq!(seniority(SENIOR), Some(CheckStatus::NotMet));
        let graduate = "Sam Lee\n\nEducation\nB.S. in Economics, State University, 2023\n\n\
            Experience\nBusiness Analyst, Initech    June 2023 – Present\n";
        assert_eq!(seniority(graduate), Some(CheckStatus::NotMet));
    }

    #[test]
    fn years_the_resume_states_beyond_its_dates_are_unknown_not_missing() {
        let resume = "Lee Park\nSoftware engineer with over 7 years of development\n\
            experience, looking for a mid-senior role.\n\nExperience\n\
            Software Engineer, Initech    July 2018 – July 2023\n- Wrote Java services\n";
        let facts = resume_facts(resume, today());
        let check = |post: &str| {
            check_post(&hard_requirements(post, None), &facts, resume)
                .into_iter()
                .find(|c| c.requirement.kind() == "experience")
        };
        let seven = check("Requirements\n7+ years of experience\n");
        assert_eq!(seven.as_ref().map(|c| c.status), Some(CheckStatus::Unknown));
        let evidence = seven.map(|c| c.evidence).unwrap_or_default();
        assert!(
            evidence.contains("about 5 years") && evidence.contains("7+ as your resume says"),
            "{evidence}"
        );
        // Ten asked: short by the dates and by the claim, a little (7 is over half of 10).
        let ten = check("Requirements\n10+ years of experience\n");
        assert_eq!(
            ten.as_ref().map(|c| (c.status, c.shortfall)),
            Some((CheckStatus::NotMet, Some(Shortfall::Near)))
        );
    }

    #[test]
    fn checks_say_met_not_met_or_unknown() {
        use CheckStatus::*;
        let s = |k: &str, st| (k.to_owned(), st);
        // (post, resume, expected (kind, status) in the post's order)
        type Case<'a> = (&'a str, &'a str, Vec<(String, CheckStatus)>);
        let cases: Vec<Case<'_>> = vec![
            (
                "Senior Backend Engineer\nRequirements\n5+ years of professional experience\n\
                 BS in Computer Science\n3+ years of Python\nLocation: Houston, TX\n",
                SENIOR,
                vec![s("seniority", Met), s("experience", Met), s("experience", Met), s("degree", Met), s("location", Met)],
            ),
            (
                "Principal ML Scientist\nRequirements\nPhD in Computer Science\n10+ years of experience\n",
                STUDENT,
                vec![s("seniority", NotMet), s("experience", NotMet), s("degree", NotMet)],
            ),
            (
                "Driver\nRequirements\nClass A CDL\nMust be at least 21 years of age\nWillingness to travel up to 25%\n",
                SENIOR,
                vec![s("licence", NotMet), s("min_age", Unknown), s("travel", Unknown)],
            ),
            (
                "Analyst\nRequirements\nMust be authorized to work in the US\nLocation: Denver, CO\n\
                 AWS certification\nActive Secret clearance or the ability to obtain one\n",
                SENIOR,
                vec![s("licence", Met), s("clearance", Unknown), s("work_authorization", Unknown), s("location", Unknown)],
            ),
            (
                "Engineer\nRequirements\nBachelor's degree or equivalent experience\n5+ years of Go\n",
                "Sam\n\nExperience\nEngineer, Foo    2016 – Present\n- Python services\n",
                vec![s("experience", Unknown), s("degree", Met)],
            ),
        ];
        for (post, resume, expected) in cases {
            assert_eq!(statuses(post, resume), expected, "{post}");
        }
    }

    #[test]
    fn evidence_reads_as_a_sentence() {
        let found = hard_requirements(
            "Principal ML Scientist\nRequirements\nPhD in Computer Science\n10+ years of experience\n",
            None,
        );
        let facts = resume_facts(SENIOR, today());
        let checks = check_post(&found, &facts, SENIOR);
        let evidence: Vec<&str> = checks.iter().map(|c| c.evidence.as_str()).collect();
        assert_eq!(
            evidence,
            [
                "you: senior (from your title “Senior Software Engineer”); the post is principal",
                "you: about 12 years (2015–present, from your roles); the post asks 10+",
                "you: bachelor's in computer science (2015); the post asks a PhD in computer science",
            ]
        );
    }

    #[test]
    fn caps_follow_the_worst_must_have() {
        let check = |required: bool, status, shortfall| RequirementCheck {
            requirement: HardRequirement::WorkAuthorization,
            required,
            source: String::new(),
            status,
            evidence: "why".into(),
            shortfall,
        };
        use CheckStatus::*;
        let far = check(true, NotMet, Some(Shortfall::Far));
        let near = check(true, NotMet, Some(Shortfall::Near));
        let preferred = check(false, NotMet, Some(Shortfall::Far));
        let met = check(true, Met, None);
        assert_eq!(fit_cap(std::slice::from_ref(&met)), None);
        assert_eq!(fit_cap(&[preferred]), None);
        assert_eq!(
            fit_cap(&[met.clone(), near.clone()]).map(|c| c.max_fit),
            Some(STRETCH_MAX_FIT)
        );
        assert_eq!(
            fit_cap(&[near, far, met]).map(|c| c.max_fit),
            Some(LACKING_MAX_FIT)
        );
        assert!(FitLabel::of(LACKING_MAX_FIT) == FitLabel::Weak);
        assert!(FitLabel::of(STRETCH_MAX_FIT) == FitLabel::Some);
    }

    #[test]
    fn a_student_is_capped_for_a_principal_phd_post_and_a_senior_is_not_for_a_senior_post() {
        let principal = hard_requirements(
            "Principal LLM ML Scientist\nRequirements\nPhD in Computer Science or related field\n",
            None,
        );
        let student = resume_facts(STUDENT, today());
        let cap = fit_cap(&check_post(&principal, &student, STUDENT));
        assert_eq!(cap.as_ref().map(|c| c.max_fit), Some(LACKING_MAX_FIT));
        let reason = cap.map(|c| c.reason).unwrap_or_default();
        assert!(reason.contains("the post asks a PhD"), "{reason}");
        assert!(reason.contains("in progress, expected 2028"), "{reason}");

        let senior_post = hard_requirements(
            "Senior Software Engineer\nRequirements\n5+ years of experience\nBS in Computer Science or equivalent\n",
            None,
        );
        let senior = resume_facts(SENIOR, today());
        assert_eq!(fit_cap(&check_post(&senior_post, &senior, SENIOR)), None);
    }
}
