//! Hard requirements of a job post: the things a person either has or has not — years of
//! experience, a degree, a seniority level, a licence or certification, a clearance, work
//! authorisation, where the work is, a minimum age, travel.
//!
//! Cosine similarity cannot tell "PhD required" from "BS in progress" (the sentences are
//! close), so these are read with hand-written patterns and checked, not matched. The parser
//! works on the sentences of [`crate::split_document`]: their section says whether an item is
//! a must-have (a "Preferred" or "Nice to have" section, or "preferred" / "a plus" / "nice to
//! have" / "bonus" wording next to the item in its sentence, makes it a nice-to-have). Company
//! blurbs and benefits are never read for experience or degrees ("5 years of growth",
//! "founded 15 years ago", "tuition for your master's").
//!
//! The JSON shape is the shared vocabulary (`kind` tag, snake_case), e.g.
//! `{"kind":"experience","years":5,"skill":null,"required":true,"source":"…"}`.

use serde::{Deserialize, Serialize};

use crate::document::split_document;
use crate::html::text_keeping_lines;
use crate::posts::infer_title;
use crate::scan::{find_phrase, has_any, join, number, phrase_at, texts, tokens, Case, Token};
use crate::section::SectionKind;
use crate::terms::find_terms;

/// A degree level; ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    /// High school diploma or GED.
    HighSchool,
    /// Associate degree.
    Associate,
    /// Bachelor's degree (BS, BA, BEng, "4-year degree").
    Bachelor,
    /// Master's degree (MS, MA, MBA, "graduate degree", "advanced degree").
    Master,
    /// Doctorate.
    Phd,
}

impl DegreeLevel {
    /// How people write it ("a bachelor's degree").
    pub fn label(self) -> &'static str {
        match self {
            DegreeLevel::HighSchool => "a high school diploma",
            DegreeLevel::Associate => "an associate degree",
            DegreeLevel::Bachelor => "a bachelor's degree",
            DegreeLevel::Master => "a master's degree",
            DegreeLevel::Phd => "a PhD",
        }
    }
}

/// A seniority level of a job title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    /// Intern, co-op, apprentice.
    Intern,
    /// New grad, entry level.
    Entry,
    /// Junior, "Engineer I".
    Junior,
    /// Mid-level, "Engineer II".
    Mid,
    /// Senior, Sr., "Engineer III".
    Senior,
    /// Staff (of engineering/science titles).
    Staff,
    /// Principal.
    Principal,
    /// Lead, Tech Lead, Team Lead.
    Lead,
    /// Manager of people (not product/project manager).
    Manager,
    /// Director, Head of, VP.
    Director,
}

impl Seniority {
    /// Position on one ladder, for "how many levels above": intern 0, entry 1, junior 2, mid 3,
    /// senior 4, lead/staff/manager 5 (the first level past senior, on either track),
    /// principal 6, director 7.
    pub fn rank(self) -> u8 {
        match self {
            Seniority::Intern => 0,
            Seniority::Entry => 1,
            Seniority::Junior => 2,
            Seniority::Mid => 3,
            Seniority::Senior => 4,
            Seniority::Staff | Seniority::Lead | Seniority::Manager => 5,
            Seniority::Principal => 6,
            Seniority::Director => 7,
        }
    }

    /// The word as people read it ("senior").
    pub fn label(self) -> &'static str {
        match self {
            Seniority::Intern => "intern",
            Seniority::Entry => "entry level",
            Seniority::Junior => "junior",
            Seniority::Mid => "mid-level",
            Seniority::Senior => "senior",
            Seniority::Staff => "staff",
            Seniority::Principal => "principal",
            Seniority::Lead => "lead",
            Seniority::Manager => "manager",
            Seniority::Director => "director",
        }
    }

    /// The level years of work usually reach: under 1 entry, 1–3 junior, 3–6 mid, 6–10
    /// senior, 10 and more staff.
    pub fn from_years(years: f32) -> Self {
        if years < 1.0 {
            Seniority::Entry
        } else if years < 3.0 {
            Seniority::Junior
        } else if years < 6.0 {
            Seniority::Mid
        } else if years < 10.0 {
            Seniority::Senior
        } else {
            Seniority::Staff
        }
    }
}

/// A security clearance level; ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClearanceLevel {
    /// Public Trust.
    #[serde(rename = "public trust")]
    PublicTrust,
    /// Secret (also an unqualified "security clearance").
    #[serde(rename = "secret")]
    Secret,
    /// Top Secret.
    #[serde(rename = "top secret")]
    TopSecret,
    /// TS/SCI.
    #[serde(rename = "ts/sci")]
    TsSci,
}

impl ClearanceLevel {
    /// As people write it.
    pub fn label(self) -> &'static str {
        match self {
            ClearanceLevel::PublicTrust => "Public Trust",
            ClearanceLevel::Secret => "Secret",
            ClearanceLevel::TopSecret => "Top Secret",
            ClearanceLevel::TsSci => "TS/SCI",
        }
    }
}

/// Where the work is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkMode {
    /// At the employer's site.
    Onsite,
    /// Partly at the site.
    Hybrid,
    /// From anywhere the post allows.
    Remote,
}

/// One hard requirement (the shared JSON vocabulary, tagged by `kind`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HardRequirement {
    /// Years of experience, overall (`skill` null) or with one skill (lower case, as written).
    Experience {
        /// The minimum asked ("3-5 years" → 3).
        years: u32,
        /// The skill, if the years are of one skill.
        skill: Option<String>,
    },
    /// A degree: the minimum level asked, its field if named, and whether experience may
    /// stand in for it.
    Degree {
        /// The lowest level that satisfies the post ("BS/MS" → bachelor).
        level: DegreeLevel,
        /// The field ("computer science"), null if none ("or related" ignored).
        field: Option<String>,
        /// "or equivalent experience".
        equivalent_experience: bool,
    },
    /// The seniority of the job (from its title mostly).
    Seniority {
        /// The level.
        level: Seniority,
    },
    /// A licence or certification, lower case, normalised ("cdl class a", "rn", "pmp").
    /// (The JSON tag keeps the spelling the labelled sets and saved reports use.)
    #[serde(rename = "licence")]
    License {
        /// Its normalised name.
        name: String,
    },
    /// A security clearance.
    Clearance {
        /// The level asked.
        level: ClearanceLevel,
    },
    /// Must be authorised to work (no visa sponsorship, citizenship).
    WorkAuthorization,
    /// Where the work is.
    Location {
        /// On site, hybrid or remote.
        mode: WorkMode,
        /// The place, lower case ("houston, tx"), if named.
        place: Option<String>,
    },
    /// A minimum age.
    MinAge {
        /// In years.
        years: u32,
    },
    /// Travel.
    Travel {
        /// Share of the time, if stated ("up to 25%").
        percent: Option<u32>,
    },
}

impl HardRequirement {
    /// The kinds, as the JSON `kind` tag spells them, in the order a post's items are listed
    /// (the level first, travel last).
    pub const KINDS: [&'static str; 9] = [
        "seniority",
        "experience",
        "degree",
        "licence",
        "clearance",
        "work_authorization",
        "location",
        "min_age",
        "travel",
    ];

    /// This item's kind, as the JSON `kind` tag spells it (one of [`Self::KINDS`]).
    pub fn kind(&self) -> &'static str {
        match self {
            HardRequirement::Seniority { .. } => "seniority",
            HardRequirement::Experience { .. } => "experience",
            HardRequirement::Degree { .. } => "degree",
            HardRequirement::License { .. } => "licence",
            HardRequirement::Clearance { .. } => "clearance",
            HardRequirement::WorkAuthorization => "work_authorization",
            HardRequirement::Location { .. } => "location",
            HardRequirement::MinAge { .. } => "min_age",
            HardRequirement::Travel { .. } => "travel",
        }
    }

    /// A short phrase for people ("5+ years of python", "a PhD in computer science",
    /// "licence: cdl class a").
    pub fn label(&self) -> String {
        match self {
            HardRequirement::Experience { years, skill: None } => {
                format!("{years}+ years of experience")
            }
            HardRequirement::Experience {
                years,
                skill: Some(skill),
            } => format!("{years}+ years of {skill}"),
            HardRequirement::Degree {
                level,
                field,
                equivalent_experience,
            } => {
                let mut label = level.label().to_owned();
                if let Some(field) = field {
                    label.push_str(" in ");
                    label.push_str(field);
                }
                if *equivalent_experience {
                    label.push_str(" (or equivalent experience)");
                }
                label
            }
            HardRequirement::Seniority { level } => format!("{} level", level.label()),
            HardRequirement::License { name } => format!("licence or certification: {name}"),
            HardRequirement::Clearance { level } => format!("{} clearance", level.label()),
            HardRequirement::WorkAuthorization => "authorized to work, no sponsorship".to_owned(),
            HardRequirement::Location { mode, place } => {
                let mode = match mode {
                    WorkMode::Onsite => "on site",
                    WorkMode::Hybrid => "hybrid",
                    WorkMode::Remote => "remote",
                };
                match place {
                    Some(place) => format!("{mode}, {place}"),
                    None => mode.to_owned(),
                }
            }
            HardRequirement::MinAge { years } => format!("at least {years} years old"),
            HardRequirement::Travel { percent: Some(p) } => format!("travel up to {p}%"),
            HardRequirement::Travel { percent: None } => "travel".to_owned(),
        }
    }
}

/// A hard requirement found in a post, with whether it is a must-have and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundRequirement {
    /// What is required.
    #[serde(flatten)]
    pub requirement: HardRequirement,
    /// Must-have (true) or nice-to-have / preferred (false).
    pub required: bool,
    /// The post's sentence (or title, or meta line) it was read from.
    pub source: String,
}

/// The hard requirements of a post, de-duplicated: seniority first, then experience,
/// degrees, licences, clearance, work authorisation, location, minimum age, travel. `title`
/// is the post's title if known (otherwise its first line is tried). Never panics.
pub fn hard_requirements(post_text: &str, title: Option<&str>) -> Vec<FoundRequirement> {
    let text = text_keeping_lines(post_text);
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .or_else(|| infer_title(&text));
    let mut found: Vec<FoundRequirement> = Vec::new();
    let mut location = LocationSignals::default();

    if let Some(title) = &title {
        if let Some(level) = title_seniority(title) {
            found.push(FoundRequirement {
                requirement: HardRequirement::Seniority { level },
                required: true,
                source: title.clone(),
            });
        }
        location.read_title(title);
    }
    for line in text.lines() {
        location.read_meta_line(line);
    }

    for sentence in split_document(&text) {
        if title
            .as_deref()
            .is_some_and(|t| t.trim() == sentence.text.trim())
        {
            continue;
        }
        let toks = tokens(&sentence.text);
        let words = texts(&toks);
        let section = sentence.section;
        let describes_person = !matches!(
            section,
            SectionKind::About | SectionKind::Benefits | SectionKind::Legal
        );
        let mut mentions: Vec<Mention> = Vec::new();
        if describes_person {
            let heading_says_experience = sentence.heading.as_deref().is_some_and(|h| {
                let toks = tokens(h);
                texts(&toks).contains(&"experience")
            });
            experience_mentions(&toks, heading_says_experience, &mut mentions);
            for d in degree_mentions(&words, false) {
                mentions.push(d.into_mention());
            }
            license_mentions(&sentence.text, &toks, &mut mentions);
            entry_level_mentions(&words, &mut mentions);
        }
        if section != SectionKind::About {
            clearance_mentions(&words, &mut mentions);
            work_authorization_mentions(&words, &mut mentions);
            min_age_mentions(&words, &mut mentions);
            travel_mentions(&words, &mut mentions);
            location.read_sentence(&sentence.text, &words);
        }
        keep_lowest_alternative(&words, &mut mentions);
        let required = assign_required(&words, &mut mentions, section);
        for (mention, required) in mentions.into_iter().zip(required) {
            if let Some(required) = required {
                found.push(FoundRequirement {
                    requirement: mention.requirement,
                    required,
                    source: sentence.text.clone(),
                });
            }
        }
    }
    if let Some(item) = location.finish() {
        found.push(item);
    }
    merge(found)
}

/// One item found in a sentence, with its token span (for required/preferred wording).
#[derive(Debug, Clone)]
struct Mention {
    requirement: HardRequirement,
    at: usize,
    end: usize,
}

fn kind_index(r: &HardRequirement) -> u8 {
    // KINDS has nine entries: the index fits a u8.
    HardRequirement::KINDS
        .iter()
        .position(|&k| k == r.kind())
        .map_or(u8::MAX, |i| i as u8)
}

// ---------------------------------------------------------------------------------------
// Required or preferred.

/// Wording that makes an item a nice-to-have wherever it sits in the item's part of the
/// sentence.
const PREFERRED_ANYWHERE: &[&str] = &[
    "preferred",
    "a plus",
    "is a plus",
    "big plus",
    "huge plus",
    "nice to have",
    "nice - to - have",
    "bonus",
    "desired",
    "desirable",
    "advantage",
    "advantageous",
    "an asset",
    "helpful",
    "beneficial",
    "would be great",
    "good to have",
    "optional",
    "not required",
    "not necessary",
    "not mandatory",
];

/// Wording that makes the item after it a nice-to-have ("Preferably a master's").
const PREFERRED_BEFORE: &[&str] = &["preferably", "ideally", "bonus", "nice to have", "plus"];

/// For each mention, `Some(required)`, or `None` when the sentence says it is not needed at
/// all ("no degree required", "CDL not required").
fn assign_required(
    words: &[&str],
    mentions: &mut [Mention],
    section: SectionKind,
) -> Vec<Option<bool>> {
    mentions.sort_by_key(|m| (m.at, m.end));
    // Consecutive mentions of one kind with nothing but connectors between them ("BS/MS",
    // "Bachelor's or Master's") share their wording.
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (first, last) mention index
    for i in 0..mentions.len() {
        let joins_previous = i > 0 && {
            let prev = &mentions[i - 1];
            let cur = &mentions[i];
            let gap = &words[prev.end.min(cur.at)..cur.at];
            kind_index(&prev.requirement) == kind_index(&cur.requirement)
                && gap.len() <= 8
                && !gap.contains(&";")
                && !has_any(gap, PREFERRED_ANYWHERE)
                && !gap.contains(&"required")
        };
        match groups.last_mut() {
            Some(last) if joins_previous => last.1 = i,
            _ => groups.push((i, i)),
        }
    }
    // Wording in brackets is about what the brackets hold: "2 years of tractor-trailer
    // experience (OTR preferred)" asks the years; the preference is OTR's.
    let mut depth = 0_i32;
    let outside: Vec<&str> = words
        .iter()
        .map(|w| {
            let word = if depth > 0 { "" } else { *w };
            match *w {
                "(" => depth += 1,
                ")" => depth = (depth - 1).max(0),
                _ => {}
            }
            word
        })
        .collect();
    let mut out = vec![Some(section != SectionKind::Preferred); mentions.len()];
    for (g, &(first, last)) in groups.iter().enumerate() {
        let inside_brackets = outside
            .get(mentions[first].at)
            .is_some_and(|w| w.is_empty());
        let words: &[&str] = if inside_brackets { words } else { &outside };
        let seg_start = if g == 0 {
            0
        } else {
            mentions[groups[g - 1].1].end.min(mentions[first].at)
        };
        let seg_end = groups
            .get(g + 1)
            .map_or(words.len(), |next| mentions[next.0].at)
            .max(mentions[last].end);
        // A ';' ends the item's part of the sentence.
        let before_start = words[seg_start..mentions[first].at]
            .iter()
            .rposition(|w| *w == ";")
            .map_or(seg_start, |p| seg_start + p + 1);
        let after_end = words[mentions[last].end.min(seg_end)..seg_end]
            .iter()
            .position(|w| *w == ";")
            .map_or(seg_end, |p| mentions[last].end + p);
        let before = &words[before_start..mentions[first].at];
        let own = &words[mentions[first].at..after_end.max(mentions[first].at)];
        let negated = before
            .iter()
            .rev()
            .take(3)
            .any(|w| matches!(*w, "no" | "not" | "without"))
            || has_any(
                own,
                &[
                    "not required",
                    "not necessary",
                    "not mandatory",
                    "not needed",
                ],
            ) && !has_any(
                own,
                &["preferred", "a plus", "nice to have", "bonus", "desired"],
            );
        let preferred = has_any(before, PREFERRED_ANYWHERE)
            || has_any(own, PREFERRED_ANYWHERE)
            || has_preferred_before(before);
        for slot in out.iter_mut().take(last + 1).skip(first) {
            *slot = if negated {
                None
            } else {
                slot.map(|required| required && !preferred)
            };
        }
    }
    // Travel is a condition of the job, whatever heading it sits under ("Travel" after
    // "Nice to have"): only its own wording makes it optional.
    if section == SectionKind::Preferred {
        let optional = has_any(words, PREFERRED_ANYWHERE);
        for (slot, mention) in out.iter_mut().zip(mentions.iter()) {
            if matches!(mention.requirement, HardRequirement::Travel { .. }) {
                *slot = slot.map(|_| !optional);
            }
        }
    }
    // Work authorisation and clearance sentences are negative by nature ("no sponsorship").
    for (slot, mention) in out.iter_mut().zip(mentions.iter()) {
        if slot.is_none()
            && matches!(
                mention.requirement,
                HardRequirement::WorkAuthorization | HardRequirement::Clearance { .. }
            )
        {
            *slot = Some(section != SectionKind::Preferred);
        }
    }
    out
}

/// "Preferably", "ideally" before an item; "plus" only when it opens the part ("Plus:
/// Kubernetes"), not in "5 plus years".
fn has_preferred_before(before: &[&str]) -> bool {
    before.iter().enumerate().any(|(i, w)| match *w {
        "preferably" | "ideally" | "bonus" => true,
        "plus" => i == 0 || matches!(before[i - 1], ":" | "," | "-" | "("),
        _ => false,
    }) || PREFERRED_BEFORE
        .iter()
        .filter(|p| p.contains(' '))
        .any(|p| find_phrase(before, p).is_some())
}

/// "BS with 5 years or MS with 3": alternatives; the lowest of each kind is what the post
/// accepts, so keep only that one (for overall experience; degrees merge later).
fn keep_lowest_alternative(words: &[&str], mentions: &mut Vec<Mention>) {
    if !words.contains(&"or") {
        return;
    }
    let overall: Vec<usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            matches!(
                m.requirement,
                HardRequirement::Experience { skill: None, .. }
            )
        })
        .map(|(i, _)| i)
        .collect();
    if overall.len() < 2 {
        return;
    }
    let years = |m: &Mention| match m.requirement {
        HardRequirement::Experience { years, .. } => years,
        _ => u32::MAX,
    };
    let lowest = overall
        .iter()
        .copied()
        .min_by_key(|&i| years(&mentions[i]))
        .unwrap_or(overall[0]);
    let mut index = 0;
    mentions.retain(|_| {
        let keep = !overall.contains(&index) || index == lowest;
        index += 1;
        keep
    });
}

// ---------------------------------------------------------------------------------------
// Experience.

/// Words that say nothing about which skill the years are of ("5+ years of professional
/// software engineering experience" is overall experience).
const GENERIC_EXPERIENCE: &str = "\
    professional relevant related industry industrial work working hands on full time fulltime \
    practical proven demonstrated progressive progressively responsible combined overall total \
    commercial technical applicable equivalent direct prior previous post graduate postgraduate \
    postdoctoral similar comparable the a an of paid successful solid strong significant recent \
    increasingly field role roles position positions environment setting capacity job career \
    minimum least at more real world production enterprise corporate experience software \
    engineering development developer developers programming coding technology tech it \
    engineer engineers - / + plus year years your our this such type kind level senior \
    hand deep broad extensive substantial qualifying required preferred in with verifiable verified documented consecutive \
    continuous";

/// Where a skill phrase ends.
const SKILL_STOPS: &[&str] = &[
    "and",
    "or",
    "including",
    "such",
    "preferably",
    "ideally",
    "is",
    "are",
    "required",
    "preferred",
    "at",
    "within",
    "for",
    "plus",
    "to",
    "across",
    "as",
    "in",
    "with",
    "using",
    "of",
    "that",
    "which",
    "where",
    "a",
    "an",
    "the",
    "etc",
    "e",
    "eg",
    "ie",
    "/",
    "&",
];

/// Punctuation that ends the phrase after "N years".
fn is_stop_punct(w: &str) -> bool {
    matches!(w, "," | ";" | "." | "(" | ")" | ":" | "!" | "?" | "•")
}

/// "N years …" mentions; `heading_says_experience` for a bare "3+ years" under an
/// "Experience:" label.
fn experience_mentions(toks: &[Token], heading_says_experience: bool, out: &mut Vec<Mention>) {
    let words = texts(toks);
    let words = words.as_slice();
    // As written, for the gazetteer ("Go" is a language, "go" is not).
    let cased: Vec<String> = toks.iter().map(Token::as_written).collect();
    let mut next_k = 0;
    for k in 0..words.len() {
        // Tokens of a mention already read ("3-5 years": not "5 years" again).
        if k < next_k {
            continue;
        }
        let Some(low) = years_number(words, k) else {
            continue;
        };
        let mut j = k + 1;
        // "five (5) years"
        if words.get(j) == Some(&"(")
            && words.get(j + 1).and_then(|w| number(w)).is_some()
            && words.get(j + 2) == Some(&")")
        {
            j += 3;
        }
        if matches!(words.get(j), Some(&"+") | Some(&"plus")) {
            j += 1;
        }
        // "3-5 years", "3 to 5 years": the minimum counts.
        if matches!(words.get(j), Some(&"-") | Some(&"to"))
            && words.get(j + 1).and_then(|w| number(w)).is_some()
        {
            j += 2;
            if words.get(j) == Some(&"+") {
                j += 1;
            }
        }
        if phrase_at(words, j, "or more") || phrase_at(words, j, "or greater") {
            j += 2;
        }
        let low = match words.get(j) {
            Some(&"years" | &"year" | &"yrs" | &"yr") => low,
            // "12 months of verifiable driving experience": whole years only.
            Some(&"months") if low >= 12 => low / 12,
            _ => continue,
        };
        // "0-1 years": no minimum at all.
        if low == 0 {
            next_k = j + 1;
            continue;
        }
        j += 1;
        let before = &words[k.saturating_sub(3)..k];
        if before.iter().any(|w| {
            matches!(
                *w,
                "past"
                    | "last"
                    | "next"
                    | "first"
                    | "within"
                    | "every"
                    | "after"
                    | "founded"
                    | "age"
                    | "aged"
                    | "under"
                    | "in"
            )
        }) && !before.contains(&"least")
        {
            continue;
        }
        if matches!(
            words.get(j),
            Some(&"ago" | &"old" | &"later" | &"warranty" | &"running" | &"in")
        ) && !phrase_at(words, j, "in a")
            && !phrase_at(words, j, "in an")
            && !phrase_at(words, j, "in the field")
            && !matches!(words.get(j + 1), Some(w) if is_skillish(w))
        {
            continue;
        }
        if phrase_at(words, j, "of age") || phrase_at(words, j, "or older") {
            continue;
        }
        let phrase_end = (j..words.len().min(j + 16))
            .find(|&p| is_stop_punct(words[p]))
            .unwrap_or(words.len().min(j + 16));
        let phrase = &words[j..phrase_end];
        let label_before = heading_says_experience && k <= 2;
        let skill = match experience_skill(
            phrase,
            &cased[j..phrase_end],
            &words[k.saturating_sub(6)..k],
            label_before,
        ) {
            Some(skill) => skill,
            None => continue,
        };
        out.push(Mention {
            requirement: HardRequirement::Experience { years: low, skill },
            at: k,
            end: phrase_end.max(j),
        });
        next_k = j;
    }
}

/// A number that may start "N years": not part of "1,000" or "v2.5", not "401".
fn years_number(words: &[&str], k: usize) -> Option<u32> {
    let n = if words[k] == "a" && words.get(k + 1) == Some(&"year") {
        1
    } else {
        number(words[k])?
    };
    if k >= 1 && matches!(words[k - 1], "," | "." | "$") && k >= 2 && number(words[k - 2]).is_some()
    {
        return None;
    }
    (n <= 30).then_some(n)
}

/// A word that can open a skill ("in Python", "in machine learning"), not "in business".
fn is_skillish(word: &str) -> bool {
    !matches!(
        word,
        "business" | "operation" | "existence" | "the" | "a" | "an"
    )
}

/// What the words after "N years" say: `Some(None)` overall experience, `Some(Some(skill))`
/// years of one skill, `None` not experience at all ("5 years of growth").
fn experience_skill(
    phrase: &[&str],
    cased: &[String],
    before_number: &[&str],
    label_before: bool,
) -> Option<Option<String>> {
    let exp = phrase
        .iter()
        .take(10)
        .position(|w| matches!(*w, "experience" | "exp" | "experiences" | "background"));
    match exp {
        Some(e) => {
            let before = &phrase[..e];
            let after = &phrase[e + 1..];
            let after_region = after_lead_in(after);
            // A skill or technology the phrase names ("building backend services in Python").
            let after_cased = &cased[phrase.len() - after_region.map_or(0, <[&str]>::len)..];
            for region in [after_cased, &cased[..e]] {
                if let Some(term) = first_term(region) {
                    return Some(Some(term));
                }
            }
            // "2+ years of people management experience with direct reports": the words
            // before "experience" say what it is of.
            if let Some(skill) = non_generic(&skill_phrase(before)) {
                return Some(Some(skill));
            }
            let skill = after_region.map(role_or_skill).unwrap_or_default();
            Some(non_generic(&skill))
        }
        None => {
            if phrase.is_empty() {
                // "Experience: 5+ years", "experience of at least 5 years".
                return (label_before
                    || before_number
                        .iter()
                        .any(|w| matches!(*w, "experience" | "exp")))
                .then_some(None);
            }
            let first = phrase[0];
            if first == "as" {
                // "5 years as a software engineer"
                return Some(None);
            }
            let rest: &[&str] = match first {
                "of" | "in" | "with" | "using" => &phrase[1..],
                w if w.ends_with("ing") && w.len() > 4 => &phrase[1..],
                _ => return None,
            };
            if rest
                .first()
                .is_some_and(|w| matches!(*w, "a" | "an" | "the" | "similar" | "this"))
                && has_any(rest, &["role", "position", "capacity", "industry", "field"])
            {
                // "in a similar role" (overall), "in a technical leadership role" (a skill).
                return Some(non_generic(&role_or_skill(rest)));
            }
            if let Some(term) = first_term(&cased[1..]) {
                return Some(Some(term));
            }
            let skill = skill_phrase(rest);
            if skill.is_empty() {
                return None;
            }
            if !find_terms(&skill).is_empty() || first.ends_with("ing") {
                let generic = non_generic(&skill);
                return Some(generic.or(Some(skill)).filter(|s| !s.is_empty()));
            }
            // "of professional software development": generic words only.
            (non_generic(&skill).is_none() && rest.iter().any(|w| is_generic(w))).then_some(None)
        }
    }
}

/// The first known skill or technology in some words (as written), lower case.
fn first_term(words: &[String]) -> Option<String> {
    let end = words
        .iter()
        .position(|w| is_stop_punct(w))
        .unwrap_or(words.len());
    let words: Vec<&str> = words[..end].iter().map(String::as_str).collect();
    // Not at a sentence start, where "Go" or "Swift" would be ordinary words.
    let text = format!("with {}", join(&words));
    find_terms(&text)
        .into_iter()
        .map(|t| t.surface.to_lowercase())
        .find(|t| non_generic(t).is_some())
}

/// "a technical leadership role" → "technical leadership"; other phrases as [`skill_phrase`].
fn role_or_skill(words: &[&str]) -> String {
    let start = words
        .iter()
        .position(|w| !matches!(*w, "a" | "an" | "the" | "this"))
        .unwrap_or(words.len());
    if let Some(role) = words[start..]
        .iter()
        .position(|w| matches!(*w, "role" | "roles" | "position" | "positions" | "capacity"))
    {
        let inner: Vec<&str> = words[start..start + role]
            .iter()
            .copied()
            .filter(|w| !matches!(*w, "similar" | "comparable" | "related" | "relevant"))
            .collect();
        return join(&inner);
    }
    skill_phrase(words)
}

/// After "experience": "in X", "with X", "using X", "working with X", "building X".
fn after_lead_in<'a>(after: &'a [&'a str]) -> Option<&'a [&'a str]> {
    let mut rest = after;
    let mut led = false;
    while let Some(first) = rest.first() {
        if matches!(
            *first,
            "in" | "with"
                | "using"
                | "on"
                | "of"
                | "working"
                | "building"
                | "developing"
                | "designing"
                | "writing"
                | "programming"
                | "doing"
                | "the"
                | "field"
        ) {
            rest = &rest[1..];
            led = true;
        } else {
            break;
        }
    }
    let recency = rest
        .first()
        .is_some_and(|w| matches!(*w, "last" | "past" | "previous" | "recent" | "next"));
    (led && !recency).then_some(rest)
}

/// The words of a skill: up to the first stop word, five at most, generic leading words
/// dropped.
fn skill_phrase(words: &[&str]) -> String {
    let mut taken: Vec<&str> = Vec::new();
    for w in words {
        if SKILL_STOPS.contains(w) && !taken.is_empty() {
            break;
        }
        if SKILL_STOPS.contains(w) || (taken.is_empty() && is_generic(w) && *w != "-") {
            continue;
        }
        taken.push(w);
        if taken.len() == 5 {
            break;
        }
    }
    join(&taken)
}

fn is_generic(word: &str) -> bool {
    GENERIC_EXPERIENCE.split_whitespace().any(|g| g == word)
}

/// The skill, or `None` when its words are all generic (overall experience).
fn non_generic(skill: &str) -> Option<String> {
    let meaningful = skill
        .split([' ', '-', '/'])
        .any(|w| !w.is_empty() && !is_generic(w));
    meaningful.then(|| skill.to_owned())
}

// ---------------------------------------------------------------------------------------
// Degrees.

/// A degree mention: its level, field and token span.
#[derive(Debug, Clone)]
pub(crate) struct DegreeMention {
    pub level: DegreeLevel,
    pub field: Option<String>,
    pub equivalent_experience: bool,
    pub at: usize,
    pub end: usize,
}

impl DegreeMention {
    fn into_mention(self) -> Mention {
        Mention {
            requirement: HardRequirement::Degree {
                level: self.level,
                field: self.field,
                equivalent_experience: self.equivalent_experience,
            },
            at: self.at,
            end: self.end,
        }
    }
}

/// Microsoft products and units written "MS" ("MS Office", "200 ms").
const MS_PRODUCTS: &[&str] = &[
    "office",
    "excel",
    "word",
    "teams",
    "sql",
    "access",
    "project",
    "dynamics",
    "azure",
    "visio",
    "powerpoint",
    "outlook",
    "windows",
    "exchange",
    "sharepoint",
    "365",
    "dos",
    "latency",
    "outlook",
];

/// Degree mentions of a sentence's words. In `resume_mode` an abbreviation may be followed
/// directly by its field ("B.S. Computer Science").
pub(crate) fn degree_mentions(words: &[&str], resume_mode: bool) -> Vec<DegreeMention> {
    let has_degree_word = words.iter().any(|w| {
        matches!(
            *w,
            "degree"
                | "degrees"
                | "diploma"
                | "bachelors"
                | "bachelor"
                | "masters"
                | "phd"
                | "doctorate"
                | "graduate"
                | "undergraduate"
        )
    });
    let mut out: Vec<DegreeMention> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        match degree_at(words, k, has_degree_word, resume_mode) {
            Some((level, len, implied_field)) => {
                let (field, end) = if level == DegreeLevel::HighSchool {
                    (None, k + len)
                } else {
                    degree_field(words, k + len, resume_mode)
                };
                out.push(DegreeMention {
                    level,
                    field: field.or(implied_field.map(str::to_owned)),
                    equivalent_experience: false,
                    at: k,
                    end,
                });
                k = end.max(k + 1);
            }
            None => k += 1,
        }
    }
    if out.is_empty() {
        if let Some(at) = bare_degree(words) {
            let (field, end) = degree_field(words, at + 1, resume_mode);
            out.push(DegreeMention {
                level: DegreeLevel::Bachelor,
                field,
                equivalent_experience: false,
                at,
                end,
            });
        }
    }
    // "Currently pursuing a Bachelor's": asks for a student, not a degree.
    if !resume_mode
        && has_any(
            words,
            &[
                "pursuing",
                "enrolled",
                "working toward",
                "working towards",
                "currently a student",
            ],
        )
    {
        return Vec::new();
    }
    // "an MSN … with a BSN": the lower degree comes with the higher one, it is no alternative.
    if out.len() > 1 {
        let highest = out.iter().map(|d| d.level).max();
        out.retain(|d| {
            let with = d.at >= 1 && words[d.at - 1] == "with"
                || d.at >= 2 && words[d.at - 2] == "with" && matches!(words[d.at - 1], "a" | "an");
            !(with && Some(d.level) < highest)
        });
    }
    let substituted = words.contains(&"experience")
        && has_any(words, &["substituted", "substitute", "in place of"]);
    let equivalent = substituted
        || has_any(
            words,
            &[
                "equivalent experience",
                "equivalent practical experience",
                "equivalent work experience",
                "equivalent professional experience",
                "equivalent combination",
                "or equivalent",
                "in lieu of",
                "equivalent years",
                "or relevant experience",
                "or related experience",
                "or equivalent experience",
                "or comparable experience",
            ],
        );
    for d in &mut out {
        d.equivalent_experience = equivalent;
    }
    out
}

/// A degree level word at `k`: (level, tokens used, field the abbreviation implies).
fn degree_at(
    words: &[&str],
    k: usize,
    has_degree_word: bool,
    resume_mode: bool,
) -> Option<(DegreeLevel, usize, Option<&'static str>)> {
    use DegreeLevel::*;
    let w = words[k];
    let next = words.get(k + 1).copied().unwrap_or("");
    let prev = if k > 0 { words[k - 1] } else { "" };
    // An abbreviation needs a degree context: "BS/MS", "MS in", "M.S. degree", not "MS Office".
    let abbreviation_ok = || {
        !MS_PRODUCTS.contains(&next)
            && number(prev).is_none()
            && (matches!(
                next,
                "in" | "degree"
                    | "/"
                    | "or"
                    | "and"
                    | ")"
                    | "from"
                    | "with"
                    | "preferred"
                    | "required"
                    | "+"
                    | "plus"
                    | "level"
                    | ","
                    | "."
                    | ""
                    | ";"
                    | "-"
                    | "("
            ) && (has_degree_word
                || matches!(next, "in" | "degree" | "/" | "or")
                || matches!(prev, "/" | "or" | "(")
                || resume_mode)
                || (resume_mode && next.chars().all(char::is_alphabetic) && !next.is_empty()))
    };
    let level = match w {
        "phd" | "phds" | "doctorate" | "dphil" => (Phd, 1, None),
        "doctoral" if matches!(next, "degree" | "level" | "candidate" | "program") => {
            (Phd, 2, None)
        }
        "doctor" if next == "of" && matches!(words.get(k + 2), Some(&"philosophy")) => {
            (Phd, 3, None)
        }
        "masters" if next != "tournament" => (Master, 1, None),
        "master" if matches!(next, "of" | "degree" | "s") => (Master, 1, None),
        "mba" => (Master, 1, Some("business administration")),
        "mscs" | "mcs" => (Master, 1, Some("computer science")),
        "msn" => (Master, 1, Some("nursing")),
        "mph" => (Master, 1, Some("public health")),
        "ms" | "msc" | "meng" | "mfa" | "mpa" | "mse" | "mtech" if abbreviation_ok() => {
            (Master, 1, None)
        }
        "ma" if matches!(next, "in" | "degree") || prev == "/" => (Master, 1, None),
        "graduate" if matches!(next, "degree" | "degrees") && prev != "under" => (Master, 2, None),
        "advanced" if matches!(next, "degree" | "degrees") => (Master, 2, None),
        "bachelors" | "bachelor" | "baccalaureate" => (Bachelor, 1, None),
        "bsn" => (Bachelor, 1, Some("nursing")),
        "bscs" => (Bachelor, 1, Some("computer science")),
        "bba" => (Bachelor, 1, Some("business administration")),
        "bs" | "bsc" | "beng" | "btech" | "bse" | "bfa" | "bas" if abbreviation_ok() => {
            (Bachelor, 1, None)
        }
        "ba" if abbreviation_ok() && (has_degree_word || next == "in" || prev == "/") => {
            (Bachelor, 1, None)
        }
        "undergraduate" if matches!(next, "degree" | "degrees") => (Bachelor, 2, None),
        "college" | "university" if matches!(next, "degree" | "diploma" | "graduate") => {
            (Bachelor, 2, None)
        }
        "4" | "four"
            if phrase_at(words, k + 1, "- year degree")
                || phrase_at(words, k + 1, "year degree") =>
        {
            (Bachelor, if next == "-" { 4 } else { 3 }, None)
        }
        "2" | "two"
            if phrase_at(words, k + 1, "- year degree")
                || phrase_at(words, k + 1, "year degree") =>
        {
            (Associate, if next == "-" { 4 } else { 3 }, None)
        }
        "associates" | "associate" if matches!(next, "degree" | "of" | "in" | "s") => {
            (Associate, 1, None)
        }
        "aas" | "aa" if abbreviation_ok() && has_degree_word => (Associate, 1, None),
        "high"
            if next == "school"
                && matches!(
                    words.get(k + 2).copied().unwrap_or(""),
                    "diploma"
                        | "degree"
                        | "education"
                        | "graduate"
                        | "equivalent"
                        | "/"
                        | "or"
                        | "ged"
                        | "completion"
                        | "equivalency"
                        | ","
                ) =>
        {
            (HighSchool, 2, None)
        }
        "ged" => (HighSchool, 1, None),
        "hs" if next == "diploma" => (HighSchool, 2, None),
        _ => return None,
    };
    Some(level)
}

/// A bare "degree in X" / "relevant degree" with no level word: a bachelor's is the least a
/// degree can be.
fn bare_degree(words: &[&str]) -> Option<usize> {
    (0..words.len()).find(|&k| {
        let prev = if k > 0 { words[k - 1] } else { "" };
        let next = words.get(k + 1).copied().unwrap_or("");
        words[k] == "degree"
            && next != "of"
            && !matches!(
                prev,
                "high" | "some" | "certain" | "360" | "-" | "great" | "large"
            )
            && (matches!(
                prev,
                "a" | "relevant"
                    | "technical"
                    | "related"
                    | "engineering"
                    | "stem"
                    | "science"
                    | "accredited"
                    | "appropriate"
                    | "your"
                    | "academic"
            ) || next == "in")
    })
}

/// The field after a degree word (from token `k`) and where the mention ends.
fn degree_field(words: &[&str], k: usize, resume_mode: bool) -> (Option<String>, usize) {
    let mut j = k;
    while matches!(
        words.get(j),
        Some(
            &"degree"
                | &"degrees"
                | &"diploma"
                | &"level"
                | &"program"
                | &"s"
                | &"candidate"
                | &"student"
        )
    ) {
        j += 1;
    }
    let mut field: Option<String> = None;
    // "Bachelor of Science in …", "Master of Business Administration".
    if words.get(j) == Some(&"of") {
        let base_end = (j + 1..words.len().min(j + 4))
            .find(|&p| !words[p].chars().all(char::is_alphabetic) || words[p] == "in")
            .unwrap_or(words.len().min(j + 4));
        let base = &words[j + 1..base_end];
        let base_text = base.join(" ");
        if !matches!(
            base_text.as_str(),
            "science" | "arts" | "applied science" | "philosophy" | "art" | ""
        ) && !base.is_empty()
        {
            field = Some(base_text);
        }
        j = base_end;
    }
    let opens_field = match words.get(j) {
        Some(&"in") => true,
        Some(&"," | &":" | &"-") if resume_mode => true,
        Some(w) if resume_mode && w.chars().all(char::is_alphabetic) && !is_field_stop(w) => {
            j = j.saturating_sub(1);
            true
        }
        _ => false,
    };
    if opens_field {
        let start = j + 1;
        let mut end = start;
        while end < words.len() && end - start < 5 {
            let w = words[end];
            let next = words.get(end + 1).copied().unwrap_or("");
            if is_field_stop(w)
                || (w == "and"
                    && matches!(
                        next,
                        "a" | "an" | "equivalent" | "related" | "relevant" | "experience" | "at"
                    ))
                || number(w).is_some()
                || w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
            {
                break;
            }
            end += 1;
        }
        let phrase = &words[start..end];
        // "B.S., Stanford University": a school, not a field.
        let school = resume_mode
            && matches!(
                words.get(end),
                Some(&"university" | &"college" | &"institute" | &"school")
            );
        if let Some(first) = phrase.first().filter(|_| !school) {
            if !matches!(
                *first,
                "a" | "an"
                    | "the"
                    | "related"
                    | "relevant"
                    | "similar"
                    | "technical"
                    | "quantitative"
                    | "stem"
                    | "any"
                    | "equivalent"
                    | "appropriate"
                    | "applicable"
                    | "accredited"
                    | "associated"
                    | "another"
                    | "one"
                    | "lieu"
                    | "progress"
            ) {
                field = Some(normalize_field(&join(phrase)));
            }
        }
        return (field, end.max(k));
    }
    (field, j.max(k))
}

/// Words that end a degree's field.
fn is_field_stop(w: &str) -> bool {
    matches!(
        w,
        "," | ";"
            | "."
            | "("
            | ")"
            | "or"
            | "with"
            | "from"
            | "at"
            | "required"
            | "preferred"
            | "is"
            | "are"
            | "/"
            | "-"
            | "|"
            | "plus"
            | "gpa"
            | "expected"
            | "anticipated"
            | "university"
            | "college"
            | "institute"
            | "school"
            | "candidate"
            | "minor"
            | "specialization"
            | "concentration"
            | "preferably"
            | "ideally"
            | "degree"
            | "and/or"
            | "program"
            | "student"
            | "graduated"
            | "honors"
            | "cum"
            | "magna"
            | "summa"
            | "class"
            | "in"
            | "by"
            | "completed"
            | "+"
            | "&"
    ) || crate::dates::is_month_word(w)
}

/// "cs" → "computer science", "ee" → "electrical engineering".
fn normalize_field(field: &str) -> String {
    match field {
        "cs" | "comp sci" | "compsci" => "computer science".into(),
        "ee" => "electrical engineering".into(),
        "ece" => "electrical and computer engineering".into(),
        "ml" => "machine learning".into(),
        "ai" => "artificial intelligence".into(),
        _ => field.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------
// Seniority.

/// The seniority a job title states ("Sr. Data Engineer" → senior, "Principal LLM ML
/// Scientist" → principal, "Software Engineer, New Grad" → entry, "Engineer II" → mid);
/// the highest when several ("Senior Staff Engineer" → staff). `None` if it states none.
pub fn title_seniority(title: &str) -> Option<Seniority> {
    let toks = tokens(title);
    let words = texts(&toks);
    let technical = words.iter().any(|w| {
        matches!(
            *w,
            "engineer"
                | "engineering"
                | "developer"
                | "scientist"
                | "architect"
                | "designer"
                | "researcher"
                | "software"
                | "data"
                | "ml"
                | "machine"
                | "analyst"
                | "programmer"
                | "sre"
                | "devops"
                | "security"
                | "research"
                | "product"
                | "infrastructure"
                | "platform"
                | "backend"
                | "frontend"
                | "systems"
        )
    });
    let mut best: Option<Seniority> = None;
    let last_word = words
        .iter()
        .rposition(|w| w.chars().any(char::is_alphanumeric));
    for (k, &w) in words.iter().enumerate() {
        let next = words.get(k + 1).copied().unwrap_or("");
        let prev = if k > 0 { words[k - 1] } else { "" };
        let level = match w {
            "intern" | "internship" | "interns" | "apprentice" | "apprenticeship" | "trainee" => {
                Some(Seniority::Intern)
            }
            "co" if phrase_at(&words, k + 1, "- op") => Some(Seniority::Intern),
            "coop" => Some(Seniority::Intern),
            "new" if matches!(next, "grad" | "graduate" | "graduates" | "college") => {
                Some(Seniority::Entry)
            }
            "graduate" | "grad"
                if k == 0 && !matches!(next, "research" | "student" | "assistant" | "teaching") =>
            {
                Some(Seniority::Entry)
            }
            "entry" => Some(Seniority::Entry),
            "early" if next == "career" => Some(Seniority::Entry),
            "university" if matches!(next, "grad" | "graduate") => Some(Seniority::Entry),
            "junior" | "jr" => Some(Seniority::Junior),
            "mid" | "midlevel" | "intermediate" => Some(Seniority::Mid),
            "senior" | "sr" | "snr" => Some(Seniority::Senior),
            "staff"
                if technical
                    && !matches!(
                        next,
                        "accountant"
                            | "nurse"
                            | "auditor"
                            | "pharmacist"
                            | "writer"
                            | "rn"
                            | "physician"
                            | "attorney"
                            | "assistant"
                            | "member"
                            | "accounting"
                    ) =>
            {
                Some(Seniority::Staff)
            }
            "principal" if k + 1 < words.len() && next.chars().all(char::is_alphabetic) => {
                Some(Seniority::Principal)
            }
            "lead" | "leader"
                if !matches!(next, "generation" | "gen" | "generator" | "developer")
                    || prev == "tech" =>
            {
                Some(Seniority::Lead)
            }
            "manager"
                if !matches!(
                    prev,
                    "product"
                        | "project"
                        | "program"
                        | "account"
                        | "accounts"
                        | "case"
                        | "property"
                        | "content"
                        | "community"
                        | "office"
                        | "store"
                        | "shift"
                        | "territory"
                        | "social"
                        | "media"
                        | "brand"
                        | "assistant"
                        | "marketing"
                ) =>
            {
                Some(Seniority::Manager)
            }
            "head" if next == "of" => Some(Seniority::Director),
            "director" | "vp" | "chief" => Some(Seniority::Director),
            "vice" if next == "president" => Some(Seniority::Director),
            "i" | "ii" | "iii" | "iv"
                if k > 0
                    && (Some(k) == last_word || matches!(next, "," | "-" | "(" | "/" | "|")) =>
            {
                Some(match w {
                    "i" => Seniority::Junior,
                    "ii" => Seniority::Mid,
                    "iii" => Seniority::Senior,
                    _ => Seniority::Staff,
                })
            }
            _ => None,
        };
        if let Some(level) = level {
            if best.is_none_or(|b| level.rank() > b.rank()) {
                best = Some(level);
            }
        }
    }
    best
}

/// "Entry-level role", "new grads welcome" in the body: entry seniority.
fn entry_level_mentions(words: &[&str], out: &mut Vec<Mention>) {
    for phrase in [
        "entry - level",
        "entry level",
        "new grads",
        "new grad",
        "new graduates",
        "recent graduates",
        "recent graduate",
        "recent college graduates",
    ] {
        if let Some(at) = find_phrase(words, phrase) {
            out.push(Mention {
                requirement: HardRequirement::Seniority {
                    level: Seniority::Entry,
                },
                at,
                end: at + phrase.split(' ').count(),
            });
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Licences and certifications.

/// Phrases (normalised tokens) naming a licence or certification, and its normalised name.
/// Longer phrases first where they overlap.
const LICENSE_PHRASES: &[(&str, &str)] = &[
    ("class a cdl", "cdl class a"),
    ("cdl class a", "cdl class a"),
    ("cdl - a", "cdl class a"),
    ("cdl a", "cdl class a"),
    ("class a commercial drivers license", "cdl class a"),
    ("class a commercial drivers licence", "cdl class a"),
    ("class a commercial driver license", "cdl class a"),
    ("class b cdl", "cdl class b"),
    ("cdl class b", "cdl class b"),
    ("cdl - b", "cdl class b"),
    ("class b commercial drivers license", "cdl class b"),
    ("commercial drivers license", "cdl"),
    ("commercial drivers licence", "cdl"),
    ("commercial driver license", "cdl"),
    ("commercial driving license", "cdl"),
    ("cdl", "cdl"),
    ("twic", "twic card"),
    ("drivers license", "driver's license"),
    ("driver license", "driver's license"),
    ("drivers licence", "driver's license"),
    ("driving license", "driver's license"),
    ("driving licence", "driver's license"),
    ("dot medical card", "dot medical card"),
    ("dot medical certificate", "dot medical card"),
    ("medical examiners certificate", "dot medical card"),
    ("dot physical", "dot medical card"),
    ("registered nurse", "rn"),
    ("rn license", "rn"),
    ("rn licensure", "rn"),
    ("licensed practical nurse", "lpn"),
    ("licensed vocational nurse", "lvn"),
    ("certified nursing assistant", "cna"),
    ("basic life support", "bls"),
    ("advanced cardiac life support", "acls"),
    ("pediatric advanced life support", "pals"),
    ("professional engineer", "pe"),
    ("professional engineering license", "pe"),
    ("pe license", "pe"),
    ("pe licensure", "pe"),
    ("pe licence", "pe"),
    ("licensed pe", "pe"),
    ("pe certification", "pe"),
    ("pe stamp", "pe"),
    ("pe registration", "pe"),
    ("engineer in training", "eit"),
    ("fe exam", "eit"),
    ("certified public accountant", "cpa"),
    ("chartered financial analyst", "cfa"),
    ("project management professional", "pmp"),
    ("comptia security +", "comptia security+"),
    ("security + certification", "comptia security+"),
    ("security +", "comptia security+"),
    ("comptia network +", "comptia network+"),
    ("network +", "comptia network+"),
    ("comptia a +", "comptia a+"),
    ("forklift certification", "forklift"),
    ("forklift certified", "forklift"),
    ("forklift license", "forklift"),
    ("forklift operator certification", "forklift"),
    ("certified forklift", "forklift"),
    ("forklift operator", "forklift"),
    ("osha 10", "osha 10"),
    ("osha 30", "osha 30"),
    ("series 7", "series 7"),
    ("series 63", "series 63"),
    ("series 65", "series 65"),
    ("series 66", "series 66"),
    ("series 24", "series 24"),
    ("six sigma green belt", "six sigma green belt"),
    ("six sigma black belt", "six sigma black belt"),
    ("servsafe", "servsafe"),
    ("first aid", "first aid"),
    ("teaching license", "teaching license"),
    ("teaching licence", "teaching license"),
    ("teaching certificate", "teaching license"),
    ("teaching certification", "teaching license"),
    ("teaching credential", "teaching license"),
    ("teacher certification", "teaching license"),
    ("teacher license", "teaching license"),
    ("teacher licensure", "teaching license"),
    ("educator license", "teaching license"),
    ("educator licence", "teaching license"),
    ("teaching licensure", "teaching license"),
    ("admitted to the bar", "bar admission"),
    ("member of the bar", "bar admission"),
    ("bar admission", "bar admission"),
    ("licensed to practice law", "bar admission"),
    ("journeyman license", "journeyman license"),
    ("journeyman electrician", "journeyman license"),
    ("certified scrum master", "csm"),
    ("certified scrummaster", "csm"),
    ("aws certification", "aws certification"),
    ("aws certifications", "aws certification"),
    ("azure certification", "azure certification"),
    ("azure certifications", "azure certification"),
    ("google cloud certification", "google cloud certification"),
    ("gcp certification", "google cloud certification"),
    ("kubernetes certification", "kubernetes certification"),
];

/// Abbreviations that name a licence only when written in capitals ("RN", "CPA", not "pals").
const LICENSE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("RN", "rn"),
    ("LPN", "lpn"),
    ("LVN", "lvn"),
    ("CNA", "cna"),
    ("BLS", "bls"),
    ("ACLS", "acls"),
    ("PALS", "pals"),
    ("CPR", "cpr"),
    ("CPA", "cpa"),
    ("CFA", "cfa"),
    ("CMA", "cma"),
    ("PMP", "pmp"),
    ("CISSP", "cissp"),
    ("CISM", "cism"),
    ("CISA", "cisa"),
    ("CEH", "ceh"),
    ("OSCP", "oscp"),
    ("CCNA", "ccna"),
    ("CCNP", "ccnp"),
    ("CCIE", "ccie"),
    ("CKA", "cka"),
    ("CKAD", "ckad"),
    ("GSEC", "gsec"),
    ("EMT", "emt"),
    ("EIT", "eit"),
    ("PHR", "phr"),
    ("SPHR", "sphr"),
    ("NCLEX", "rn"),
    ("P.E.", "pe"),
];

/// Whether people often hold this licence without listing it on a resume (a driver's
/// license, CPR), so its absence from a resume says little.
pub fn license_often_unlisted(name: &str) -> bool {
    matches!(
        name,
        "driver's license" | "cpr" | "first aid" | "twic card" | "dot medical card"
    )
}

fn license_mentions(original: &str, toks: &[Token], out: &mut Vec<Mention>) {
    for (at, end, name) in licenses_in(original, toks) {
        out.push(Mention {
            requirement: HardRequirement::License { name },
            at,
            end,
        });
    }
}

/// Licences named in a text: (token start, token end, normalised name).
pub(crate) fn licenses_in(original: &str, toks: &[Token]) -> Vec<(usize, usize, String)> {
    let words = texts(toks);
    let words = words.as_slice();
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut covered = vec![false; words.len()];
    let mut push = |at: usize, end: usize, name: String, out: &mut Vec<(usize, usize, String)>| {
        if covered[at..end].iter().any(|c| *c) {
            return;
        }
        covered[at..end].iter_mut().for_each(|c| *c = true);
        if !out.iter().any(|(_, _, n)| *n == name) {
            out.push((at, end, name));
        }
    };
    // "AWS Certified Solutions Architect – Associate", "Microsoft Certified: Azure …".
    for k in 0..words.len() {
        let vendor = match (words[k], words.get(k + 1)) {
            ("aws", Some(&"certified")) => "aws certified",
            ("microsoft", Some(&"certified")) => "microsoft certified",
            ("google", Some(&"cloud")) if words.get(k + 2) == Some(&"certified") => {
                "google cloud certified"
            }
            _ => continue,
        };
        let start = k + vendor.split(' ').count();
        let mut end = start;
        if words.get(end) == Some(&":") {
            end += 1;
        }
        let mut name_words: Vec<&str> = Vec::new();
        while end < words.len() && name_words.len() < 4 {
            let w = words[end];
            if !w.chars().all(char::is_alphabetic)
                || matches!(
                    w,
                    "or" | "and"
                        | "preferred"
                        | "required"
                        | "a"
                        | "is"
                        | "plus"
                        | "certification"
                        | "associate"
                        | "professional"
                        | "specialty"
                        | "strongly"
                        | "highly"
                        | "a plus"
                        | "in"
                        | "with"
                        | "are"
                        | "preferably"
                        | "at"
                        | "level"
                )
            {
                break;
            }
            name_words.push(w);
            end += 1;
        }
        let name = if name_words.is_empty() {
            format!("{} certification", vendor.trim_end_matches(" certified"))
        } else {
            format!("{vendor} {}", name_words.join(" "))
        };
        push(k, end.max(start), name, &mut out);
        // "AWS Certified Data Engineer or Solutions Architect": the same vendor's other one.
        while matches!(words.get(end), Some(&"or" | &"and" | &",")) {
            let from = end + 1;
            let mut to = from;
            while to < toks.len() && to - from < 4 && toks[to].case == Case::Capitalized {
                to += 1;
            }
            if to == from {
                break;
            }
            let more: Vec<&str> = words[from..to].to_vec();
            push(from, to, format!("{vendor} {}", more.join(" ")), &mut out);
            end = to;
        }
    }
    for (phrase, name) in LICENSE_PHRASES {
        let len = phrase.split(' ').count();
        let mut from = 0;
        while let Some(p) = find_phrase(&words[from..], phrase) {
            let at = from + p;
            push(at, at + len, (*name).to_owned(), &mut out);
            from = at + 1;
        }
    }
    endorsements(words, &mut |at, end, name| push(at, end, name, &mut out));
    certified_names(toks, &mut |at, end, name| push(at, end, name, &mut out));
    capitalized_certifications(toks, &mut |at, end, name| push(at, end, name, &mut out));
    // "Certified Kubernetes Administrator (CKA)": the abbreviation names the same thing.
    let initials: Vec<String> = out
        .iter()
        .map(|(_, _, n)| {
            n.split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .collect()
        })
        .collect();
    for (abbreviation, name) in LICENSE_ABBREVIATIONS {
        if initials.iter().any(|i| i == name) {
            continue;
        }
        if contains_word(original, abbreviation) {
            let lower = abbreviation.to_ascii_lowercase().replace('.', "");
            let at = words.iter().position(|w| *w == lower).unwrap_or(0);
            if !out.iter().any(|(_, _, n)| n == name) {
                let end = (at + 1).min(words.len()).max(at);
                out.push((at, end, (*name).to_owned()));
            }
        }
    }
    out.sort_by_key(|(at, _, _)| *at);
    out
}

/// "Tanker and hazmat endorsements", "doubles/triples endorsement": one licence per kind.
fn endorsements(words: &[&str], push: &mut dyn FnMut(usize, usize, String)) {
    for k in 0..words.len() {
        if !matches!(words[k], "endorsement" | "endorsements") {
            continue;
        }
        // "Endorsements: H (Hazmat), N (Tanker), T (Doubles/Triples)".
        if words.get(k + 1) == Some(&":") {
            let mut p = k + 2;
            while p < words.len() && !matches!(words[p], ";" | ".") {
                if words[p] == "(" {
                    let close = (p + 1..words.len()).find(|&q| words[q] == ")");
                    if let Some(close) = close.filter(|&c| c > p + 1) {
                        push(
                            p + 1,
                            close,
                            format!("{} endorsement", join(&words[p + 1..close])),
                        );
                        p = close;
                    }
                }
                p += 1;
            }
            continue;
        }
        let mut start = k;
        while start > 0 && k - start < 6 {
            let w = words[start - 1];
            if w.chars().all(char::is_alphabetic)
                && !matches!(
                    w,
                    "with"
                        | "a"
                        | "an"
                        | "the"
                        | "valid"
                        | "current"
                        | "required"
                        | "your"
                        | "any"
                        | "cdl"
                )
                || matches!(w, "and" | "or" | "/" | ",")
            {
                start -= 1;
            } else {
                break;
            }
        }
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut group_start = start;
        for (p, w) in words.iter().enumerate().take(k + 1).skip(start) {
            if p == k || matches!(*w, "and" | "or" | ",") {
                if group_start < p {
                    groups.push((group_start, p));
                }
                group_start = p + 1;
            }
        }
        for (at, end) in groups {
            push(at, end, format!("{} endorsement", join(&words[at..end])));
        }
    }
}

/// "Certified Kubernetes Administrator", "Certified Information Systems Security
/// Professional": "Certified" and the capitalised words after it.
fn certified_names(toks: &[Token], push: &mut dyn FnMut(usize, usize, String)) {
    for k in 0..toks.len() {
        if toks[k].text != "certified" || toks[k].case == Case::Lower {
            continue;
        }
        if k > 0 && matches!(toks[k - 1].text.as_str(), "aws" | "microsoft" | "cloud") {
            continue;
        }
        let mut end = k + 1;
        while end < toks.len() && end - k <= 5 && toks[end].case == Case::Capitalized {
            end += 1;
        }
        if end - k >= 3 {
            let name: Vec<&str> = toks[k..end].iter().map(|t| t.text.as_str()).collect();
            push(k, end, name.join(" "));
        }
    }
}

/// Words that are not the name of a certification though capitalised before one
/// ("Relevant certifications", "Professional certification").
const GENERIC_CERTIFICATION_WORDS: &str = "\
    relevant professional industry any other additional technical vendor cloud current valid \
    active required preferred a an the security it its related appropriate applicable state \
    national recognized recognised certification certifications must have hold licenses \
    licences license licence licensure and";

/// Words before "certificates" that make them a technology (X.509, TLS), not a credential.
const TECHNICAL_CERTIFICATE_WORDS: &str =
    "digital ssl tls x509 x.509 signing root client server public-key pki";

/// "CCRN or CSC certification", "VDOT Roadway Design or Erosion and Sediment Control
/// certifications", "NE-BC certification": the capitalised names before "certification".
fn capitalized_certifications(toks: &[Token], push: &mut dyn FnMut(usize, usize, String)) {
    let is_name = |t: &Token| t.case != Case::Lower;
    for k in 0..toks.len() {
        if !matches!(
            toks[k].text.as_str(),
            "certification" | "certifications" | "certificate" | "certificates" | "credential"
        ) {
            continue;
        }
        // "PKI, Digital Certificates", "SSL certificates": the technology, not a credential.
        if k > 0
            && toks[k].text.starts_with("certificate")
            && TECHNICAL_CERTIFICATE_WORDS
                .split_whitespace()
                .any(|w| w == toks[k - 1].text)
        {
            continue;
        }
        let mut start = k;
        while start > 0 && k - start < 10 {
            let t = &toks[start - 1];
            let joiner = matches!(t.text.as_str(), "and" | "or" | "/" | "," | "-" | "&");
            if is_name(t) || (joiner && start >= 2 && is_name(&toks[start - 2])) {
                start -= 1;
            } else {
                break;
            }
        }
        while start < k
            && matches!(
                toks[start].text.as_str(),
                "and" | "or" | "/" | "," | "-" | "&"
            )
        {
            start += 1;
        }
        // Groups split on "or", ",", "/", and on "and" between two abbreviations.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut group_start = start;
        for p in start..k {
            let t = &toks[p];
            let split = matches!(t.text.as_str(), "or" | "," | "/")
                || (t.text == "and"
                    && p > start
                    && toks[p - 1].case == Case::Upper
                    && toks.get(p + 1).is_some_and(|n| n.case == Case::Upper));
            if split {
                if group_start < p {
                    groups.push((group_start, p));
                }
                group_start = p + 1;
            }
        }
        if group_start < k {
            groups.push((group_start, k));
        }
        for (a, b) in groups {
            let group = &toks[a..b];
            let words: Vec<&str> = group.iter().map(|t| t.text.as_str()).collect();
            if words.iter().all(|w| {
                GENERIC_CERTIFICATION_WORDS
                    .split_whitespace()
                    .any(|g| g == *w)
            }) {
                continue;
            }
            let abbreviation = group.iter().all(|t| t.case == Case::Upper || t.text == "-");
            let noun = if toks[k].text.starts_with("certificate") {
                "certificate"
            } else {
                "certification"
            };
            let name = if abbreviation {
                join(&words)
            } else {
                format!("{} {noun}", words.join(" "))
            };
            push(a, b, name);
        }
    }
}

/// Whether `text` contains `word` with non-alphanumeric characters (or the ends) around it.
pub(crate) fn contains_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let at = from + p;
        let end = at + word.len();
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

// ---------------------------------------------------------------------------------------
// Clearance, work authorisation, age, travel.

/// The clearance a text asks for or states, with its token span.
pub(crate) fn clearance_in(words: &[&str]) -> Option<(ClearanceLevel, usize, usize)> {
    let mentions_clearance = words
        .iter()
        .any(|w| matches!(*w, "clearance" | "cleared" | "clearances"));
    let mut best: Option<(ClearanceLevel, usize, usize)> = None;
    let mut consider = |level: ClearanceLevel, at: usize, len: usize| {
        if best.is_none_or(|b| level > b.0) {
            best = Some((level, at, at + len));
        }
    };
    for k in 0..words.len() {
        if phrase_at(words, k, "ts / sci") || phrase_at(words, k, "ts - sci") || words[k] == "tssci"
        {
            consider(ClearanceLevel::TsSci, k, 3);
        } else if phrase_at(words, k, "top secret / sci") || phrase_at(words, k, "top secret sci") {
            consider(ClearanceLevel::TsSci, k, 4);
        } else if phrase_at(words, k, "top secret") && (mentions_clearance || k + 2 >= words.len())
        {
            consider(ClearanceLevel::TopSecret, k, 2);
        } else if words[k] == "secret" && (k == 0 || words[k - 1] != "top") && mentions_clearance {
            consider(ClearanceLevel::Secret, k, 1);
        } else if phrase_at(words, k, "public trust") {
            consider(ClearanceLevel::PublicTrust, k, 2);
        } else if phrase_at(words, k, "security clearance") {
            consider(ClearanceLevel::Secret, k, 2);
        }
    }
    // "TS clearance"
    if best.is_none() {
        if let Some(k) = find_phrase(words, "ts clearance") {
            best = Some((ClearanceLevel::TopSecret, k, k + 2));
        }
    }
    best
}

fn clearance_mentions(words: &[&str], out: &mut Vec<Mention>) {
    if let Some((level, at, end)) = clearance_in(words) {
        out.push(Mention {
            requirement: HardRequirement::Clearance { level },
            at,
            end,
        });
    }
}

/// Phrases that ask for the right to work without sponsorship.
const WORK_AUTHORIZATION: &[&str] = &[
    "authorized to work",
    "authorised to work",
    "authorization to work",
    "authorisation to work",
    "work authorization",
    "work authorisation",
    "employment authorization",
    "legally authorized",
    "legally eligible",
    "eligible to work",
    "eligibility to work",
    "right to work",
    "unable to sponsor",
    "not able to sponsor",
    "cannot sponsor",
    "can not sponsor",
    "will not sponsor",
    "do not sponsor",
    "does not sponsor",
    "not be able to sponsor",
    "unable to provide sponsorship",
    "unable to offer sponsorship",
    "no visa sponsorship",
    "no sponsorship",
    "without sponsorship",
    "without visa sponsorship",
    "without the need for sponsorship",
    "without the need for visa sponsorship",
    "without requiring sponsorship",
    "without requiring visa sponsorship",
    "sponsorship is not available",
    "sponsorship not available",
    "sponsorship is not provided",
    "not provide sponsorship",
    "not provide visa sponsorship",
    "not offer sponsorship",
    "not offer visa sponsorship",
    "not offering sponsorship",
    "not offering visa sponsorship",
    "us citizen",
    "us citizens",
    "us citizenship",
    "united states citizen",
    "united states citizenship",
    "citizenship is required",
    "citizenship required",
    "green card holder",
    "green card holders",
    "permanent resident",
    "us person",
    "us persons",
];

fn work_authorization_mentions(words: &[&str], out: &mut Vec<Mention>) {
    if has_any(words, &["regardless of", "without regard"]) {
        return;
    }
    let negated_sponsorship = words.iter().position(|w| *w == "sponsorship").filter(|_| {
        words.iter().any(|w| {
            matches!(
                *w,
                "not" | "no" | "unable" | "cannot" | "ineligible" | "without"
            )
        })
    });
    if let Some(at) = negated_sponsorship {
        out.push(Mention {
            requirement: HardRequirement::WorkAuthorization,
            at,
            end: at + 1,
        });
        return;
    }
    if let Some((at, len)) = WORK_AUTHORIZATION
        .iter()
        .filter_map(|p| find_phrase(words, p).map(|at| (at, p.split(' ').count())))
        .min()
    {
        out.push(Mention {
            requirement: HardRequirement::WorkAuthorization,
            at,
            end: at + len,
        });
    }
}

fn min_age_mentions(words: &[&str], out: &mut Vec<Mention>) {
    for k in 0..words.len() {
        let Some(n) = number(words[k]) else { continue };
        if !(14..=25).contains(&n) {
            continue;
        }
        let mut j = k + 1;
        if words.get(j) == Some(&"+") {
            j += 1;
        }
        let after = [
            "years of age",
            "years old",
            "or older",
            "or over",
            "years or older",
            "yrs of age",
        ]
        .iter()
        .any(|p| phrase_at(words, j, p));
        let before = k >= 2
            && (phrase_at(words, k - 2, "age of")
                || phrase_at(words, k - 2, "minimum age")
                || phrase_at(words, k - 2, "age :")
                || phrase_at(words, k - 2, "at least") && after);
        if after || before {
            out.push(Mention {
                requirement: HardRequirement::MinAge { years: n },
                at: k,
                end: j + 1,
            });
            return;
        }
    }
}

/// Phrases that say a job involves travel.
const TRAVEL_CUES: &[&str] = &[
    "willing to travel",
    "willingness to travel",
    "ability to travel",
    "able to travel",
    "travel required",
    "travel is required",
    "requires travel",
    "require travel",
    "required to travel",
    "occasional travel",
    "some travel",
    "frequent travel",
    "overnight travel",
    "travel up to",
    "travel as needed",
    "travel may be required",
    "domestic travel",
    "international travel",
    "extensive travel",
    "regular travel",
    "travel to client",
    "travel to customer",
    "travel between",
    "must travel",
    "travel will be",
    "travel is expected",
    "involves travel",
    "travel expected",
];

fn travel_mentions(words: &[&str], out: &mut Vec<Mention>) {
    let Some(at) = words
        .iter()
        .position(|w| matches!(*w, "travel" | "traveling" | "travelling"))
    else {
        return;
    };
    if has_any(
        words,
        &[
            "no travel",
            "not require travel",
            "travel not required",
            "travel is not required",
            "travel reimbursement",
            "travel stipend",
            "travel allowance",
            "travel expenses",
            "travel insurance",
            "travel industry",
            "travel booking",
            "travel agency",
            "travel nurse",
            "travel benefits",
        ],
    ) {
        return;
    }
    let lo = at.saturating_sub(8);
    let hi = words.len().min(at + 15);
    let percent = (lo..hi)
        .filter(|&p| {
            number(words[p]).is_some() && matches!(words.get(p + 1), Some(&"%") | Some(&"percent"))
        })
        .filter_map(|p| number(words[p]))
        .max();
    if percent.is_some() || has_any(words, TRAVEL_CUES) {
        out.push(Mention {
            requirement: HardRequirement::Travel { percent },
            at,
            end: at + 1,
        });
    }
}

// ---------------------------------------------------------------------------------------
// Location.

#[derive(Default)]
struct LocationSignals {
    remote: Option<String>,
    hybrid: Option<String>,
    onsite: Option<String>,
    place: Option<(String, String)>,
}

impl LocationSignals {
    fn read_title(&mut self, title: &str) {
        let toks = tokens(title);
        let words = texts(&toks);
        if words.contains(&"remote") {
            self.remote.get_or_insert_with(|| title.to_owned());
        }
        if words.contains(&"hybrid") {
            self.hybrid.get_or_insert_with(|| title.to_owned());
        }
        if words.contains(&"onsite") || phrase_at(&words, 0, "on - site") {
            self.onsite.get_or_insert_with(|| title.to_owned());
        }
    }

    /// "Location: Houston, TX", "Workplace type: Remote", "Job type: Full-time, Hybrid".
    fn read_meta_line(&mut self, line: &str) {
        let line = crate::document::strip_bullet(line.trim()).trim_matches(['*', '_', ' ']);
        let Some((key, value)) = line.split_once(':') else {
            return;
        };
        let key = key
            .trim()
            .trim_matches(['*', '_', ' '])
            .to_ascii_lowercase();
        let value = value.trim().trim_matches(['*', '_', ' ']);
        if value.is_empty() || value.len() > 80 {
            return;
        }
        let place_key = matches!(
            key.as_str(),
            "location"
                | "job location"
                | "work location"
                | "office location"
                | "locations"
                | "based in"
                | "primary location"
                | "city"
        );
        let mode_key = place_key
            || matches!(
                key.as_str(),
                "workplace type"
                    | "workplace"
                    | "work arrangement"
                    | "work model"
                    | "work mode"
                    | "remote"
                    | "remote status"
                    | "work type"
                    | "job type"
                    | "employment type"
                    | "arrangement"
                    | "location type"
                    | "work setting"
                    | "schedule"
            );
        if !mode_key {
            return;
        }
        let toks = tokens(value);
        let words = texts(&toks);
        let source = line.to_owned();
        self.read_mode_words(&words, &source, true);
        if place_key {
            let mode_word = |w: &str| {
                matches!(
                    w,
                    "remote"
                        | "hybrid"
                        | "onsite"
                        | "on"
                        | "site"
                        | "office"
                        | "in"
                        | "person"
                        | "only"
                        | "required"
                        | "first"
                        | "friendly"
                        | "-"
                )
            };
            let mut place_words: Vec<&str> = Vec::new();
            let mut bracket: Option<Vec<&str>> = None;
            for w in &words {
                match (*w, bracket.as_mut()) {
                    ("(", None) => bracket = Some(Vec::new()),
                    (")", Some(inner)) => {
                        // "Remote (US)" keeps its region; "(Hybrid - 3 days a week)" is no place.
                        let kept: Vec<&str> =
                            inner.iter().copied().filter(|w| !mode_word(w)).collect();
                        let place_like = !kept.is_empty()
                            && kept.len() <= 2
                            && kept.iter().all(|w| {
                                w.chars().all(char::is_alphabetic)
                                    && !matches!(
                                        *w,
                                        "days"
                                            | "day"
                                            | "week"
                                            | "weeks"
                                            | "time"
                                            | "optional"
                                            | "flexible"
                                            | "per"
                                            | "a"
                                            | "and"
                                            | "or"
                                            | "a week"
                                    )
                            });
                        if place_like {
                            if !place_words.is_empty() {
                                place_words.push(",");
                            }
                            place_words.extend(kept);
                        }
                        bracket = None;
                    }
                    (_, Some(inner)) => inner.push(w),
                    (w, None) if mode_word(w) => {}
                    (w, None) => place_words.push(w),
                }
            }
            while place_words
                .first()
                .is_some_and(|w| matches!(*w, "-" | "," | "/" | "|" | ";"))
            {
                place_words.remove(0);
            }
            while place_words
                .last()
                .is_some_and(|w| matches!(*w, "-" | "," | "/" | "|" | ";" | "."))
            {
                place_words.pop();
            }
            let place = join_place(&place_words);
            if !place.is_empty()
                && !matches!(
                    place.as_str(),
                    "anywhere" | "multiple locations" | "various"
                )
            {
                self.place.get_or_insert((place, source));
            }
        }
    }

    fn read_mode_words(&mut self, words: &[&str], source: &str, meta: bool) {
        let negated_remote = has_any(
            words,
            &[
                "not remote",
                "not a remote",
                "no remote",
                "non - remote",
                "not a fully remote",
            ],
        );
        let remote = !negated_remote
            && if meta {
                words.contains(&"remote")
            } else {
                has_any(
                    words,
                    &[
                        "fully remote",
                        "100 % remote",
                        "remote position",
                        "remote role",
                        "remote job",
                        "remote opportunity",
                        "remote - first",
                        "remote first",
                        "work remotely",
                        "working remotely",
                        "is remote",
                        "remote within",
                        "remote from",
                        "remote in the",
                        "remote eligible",
                        "remote - friendly",
                        "work from home",
                        "work from anywhere",
                    ],
                )
            };
        if remote {
            self.remote.get_or_insert_with(|| source.to_owned());
        }
        let hybrid = words.iter().enumerate().any(|(k, w)| {
            *w == "hybrid"
                && !matches!(
                    words.get(k + 1),
                    Some(&"cloud" | &"app" | &"apps" | &"mobile" | &"applications" | &"search")
                )
        });
        if hybrid {
            self.hybrid.get_or_insert_with(|| source.to_owned());
        }
        let onsite = negated_remote
            || has_any(
                words,
                &[
                    "on - site",
                    "onsite",
                    "on site",
                    "in - office",
                    "in office",
                    "in - person",
                    "in person",
                    "office - based",
                    "in the office",
                    "must be able to commute",
                ],
            );
        if onsite {
            self.onsite.get_or_insert_with(|| source.to_owned());
        }
    }

    fn read_sentence(&mut self, original: &str, words: &[&str]) {
        self.read_mode_words(words, original, false);
        if self.place.is_none() {
            if let Some(place) = place_after_cue(original) {
                self.place = Some((place, original.to_owned()));
            }
        }
    }

    fn finish(self) -> Option<FoundRequirement> {
        let place = self.place.as_ref().map(|(p, _)| p.clone());
        let (mode, source) = if let Some(s) = self.hybrid {
            (WorkMode::Hybrid, s)
        } else if let (Some(r), Some(_)) = (&self.remote, &self.onsite) {
            (WorkMode::Hybrid, r.clone())
        } else if let Some(s) = self.remote {
            (WorkMode::Remote, s)
        } else if let Some(s) = self.onsite {
            (WorkMode::Onsite, s)
        } else if let Some((_, s)) = &self.place {
            (WorkMode::Onsite, s.clone())
        } else {
            return None;
        };
        Some(FoundRequirement {
            requirement: HardRequirement::Location { mode, place },
            required: true,
            source,
        })
    }
}

/// Joins place words: "houston , tx" → "houston, tx".
fn join_place(words: &[&str]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && !matches!(*w, "," | "." | ")") {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// "based in Austin, TX", "on-site in Denver": the capitalised place after the cue.
fn place_after_cue(original: &str) -> Option<String> {
    let lower = original.to_ascii_lowercase();
    for cue in [
        "based in ",
        "located in ",
        "onsite in ",
        "on-site in ",
        "hybrid in ",
        "in-office in ",
        "relocate to ",
        "office in ",
    ] {
        let Some(p) = lower.find(cue) else { continue };
        let rest = &original[p + cue.len()..];
        let mut place = String::new();
        let mut words = 0;
        for part in rest.split_inclusive([' ', ',']) {
            let word = part.trim_end_matches([' ', ',']);
            if word.is_empty() {
                continue;
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised || words >= 4 || word.is_empty() {
                break;
            }
            let word = word.trim_end_matches(['.', ';', ')']);
            place.push_str(word);
            words += 1;
            if part.ends_with(',') {
                place.push_str(", ");
            } else {
                place.push(' ');
            }
        }
        let place = place.trim().trim_end_matches(',').trim().to_lowercase();
        if !place.is_empty() && !matches!(place.as_str(), "the" | "our" | "a") {
            return Some(place);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Merging.

/// One item per thing asked: the strictest must-have, and a nice-to-have only where it asks
/// more than the must-have (8+ years preferred over 5+ required).
fn merge(found: Vec<FoundRequirement>) -> Vec<FoundRequirement> {
    let mut out: Vec<FoundRequirement> = Vec::new();
    for item in found {
        let key = merge_key(&item.requirement);
        if let Some(existing) = out
            .iter_mut()
            .find(|e| e.required == item.required && merge_key(&e.requirement) == key)
        {
            combine(existing, item);
            continue;
        }
        out.push(item);
    }
    // Drop nice-to-haves that ask no more than a must-have of the same kind.
    let snapshot = out.clone();
    out.retain(|item| {
        item.required
            || !snapshot.iter().any(|r| {
                r.required
                    && merge_key(&r.requirement) == merge_key(&item.requirement)
                    && !asks_more(&item.requirement, &r.requirement)
            })
    });
    out.sort_by_key(|f| kind_index(&f.requirement));
    out
}

/// Items that merge: same kind, and for experience the same skill.
fn merge_key(r: &HardRequirement) -> (u8, String) {
    let detail = match r {
        HardRequirement::Experience { skill, .. } => skill.clone().unwrap_or_default(),
        HardRequirement::License { name } => name.clone(),
        _ => String::new(),
    };
    (kind_index(r), detail)
}

fn combine(existing: &mut FoundRequirement, item: FoundRequirement) {
    use HardRequirement as H;
    match (&mut existing.requirement, item.requirement) {
        (H::Experience { years, .. }, H::Experience { years: y, .. }) if y > *years => {
            *years = y;
            existing.source = item.source;
        }
        (
            H::Degree {
                level,
                field,
                equivalent_experience,
            },
            H::Degree {
                level: l,
                field: f,
                equivalent_experience: e,
            },
        ) => {
            *equivalent_experience |= e;
            if l < *level {
                *level = l;
                *field = f.or(field.take());
                existing.source = item.source;
            } else if field.is_none() {
                *field = f;
            }
        }
        (H::Seniority { level }, H::Seniority { level: l }) if l.rank() > level.rank() => {
            *level = l;
        }
        (H::Clearance { level }, H::Clearance { level: l }) if l > *level => {
            *level = l;
            existing.source = item.source;
        }
        (H::MinAge { years }, H::MinAge { years: y }) => *years = (*years).max(y),
        (H::Travel { percent }, H::Travel { percent: p }) if p > *percent => {
            *percent = p;
            existing.source = item.source;
        }
        _ => {}
    }
}

/// Whether a nice-to-have asks more than a must-have of the same kind.
fn asks_more(preferred: &HardRequirement, required: &HardRequirement) -> bool {
    use HardRequirement as H;
    match (preferred, required) {
        (H::Experience { years: p, .. }, H::Experience { years: r, .. }) => p > r,
        (H::Degree { level: p, .. }, H::Degree { level: r, .. }) => p > r,
        (H::Seniority { level: p }, H::Seniority { level: r }) => p.rank() > r.rank(),
        (H::Clearance { level: p }, H::Clearance { level: r }) => p > r,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HardRequirement as H;

    fn exp(years: u32, skill: Option<&str>) -> H {
        H::Experience {
            years,
            skill: skill.map(str::to_owned),
        }
    }

    fn degree(level: DegreeLevel, field: Option<&str>, equivalent: bool) -> H {
        H::Degree {
            level,
            field: field.map(str::to_owned),
            equivalent_experience: equivalent,
        }
    }

    fn license(name: &str) -> H {
        H::License { name: name.into() }
    }

    /// The (requirement, required) pairs found in one line under a "Requirements" heading.
    fn found_in(line: &str) -> Vec<(H, bool)> {
        let post = format!("Requirements\n{line}\n");
        hard_requirements(&post, Some("Software Engineer"))
            .into_iter()
            .map(|f| (f.requirement, f.required))
            .collect()
    }

    #[test]
    fn requirement_lines_are_parsed() {
        use DegreeLevel::*;
        let cases: Vec<(&str, Vec<(H, bool)>)> = vec![
            (
                "5+ years of professional experience",
                vec![(exp(5, None), true)],
            ),
            ("3+ years of Python", vec![(exp(3, Some("python")), true)]),
            (
                "Five years of experience in software development",
                vec![(exp(5, None), true)],
            ),
            ("3-5 years of experience", vec![(exp(3, None), true)]),
            (
                "3 to 5 years' experience with Java",
                vec![(exp(3, Some("java")), true)],
            ),
            (
                "Minimum of two (2) years of relevant work experience",
                vec![(exp(2, None), true)],
            ),
            (
                "10+ yrs experience building distributed systems",
                vec![(exp(10, Some("distributed systems")), true)],
            ),
            (
                "At least 7 years of software engineering experience",
                vec![(exp(7, None), true)],
            ),
            (
                "4+ years of experience with SQL and Python",
                vec![(exp(4, Some("sql")), true)],
            ),
            (
                "2+ years of machine learning experience",
                vec![(exp(2, Some("machine learning")), true)],
            ),
            ("Experience: 3+ years", vec![(exp(3, None), true)]),
            ("5+ years as a backend engineer", vec![(exp(5, None), true)]),
            (
                "8+ years of experience is a plus",
                vec![(exp(8, None), false)],
            ),
            (
                "PhD in Computer Science or related field",
                vec![(degree(Phd, Some("computer science"), false), true)],
            ),
            (
                "BS/MS in Computer Science",
                vec![(degree(Bachelor, Some("computer science"), false), true)],
            ),
            (
                "PhD, or MS with 3+ years of industry experience",
                vec![(exp(3, None), true), (degree(Master, None, false), true)],
            ),
            (
                "BS in Computer Science or equivalent experience",
                vec![(degree(Bachelor, Some("computer science"), true), true)],
            ),
            (
                "Bachelor's degree in Nursing (BSN) required",
                vec![(degree(Bachelor, Some("nursing"), false), true)],
            ),
            (
                "Bachelor's degree required; Master's degree preferred",
                vec![
                    (degree(Bachelor, None, false), true),
                    (degree(Master, None, false), false),
                ],
            ),
            (
                "Master's degree or PhD in Statistics",
                vec![(degree(Master, Some("statistics"), false), true)],
            ),
            (
                "High school diploma or GED",
                vec![(degree(HighSchool, None, false), true)],
            ),
            (
                "Associate degree in Accounting",
                vec![(degree(Associate, Some("accounting"), false), true)],
            ),
            (
                "An MBA is preferred for this role",
                vec![(
                    degree(Master, Some("business administration"), false),
                    false,
                )],
            ),
            (
                "Degree in Computer Science, Engineering or a related field",
                vec![(degree(Bachelor, Some("computer science"), false), true)],
            ),
            (
                "Bachelor of Science in Mechanical Engineering",
                vec![(
                    degree(Bachelor, Some("mechanical engineering"), false),
                    true,
                )],
            ),
            (
                "Valid Class A CDL with a clean driving record",
                vec![(license("cdl class a"), true)],
            ),
            (
                "Active RN license in the state of Texas",
                vec![(license("rn"), true)],
            ),
            ("CPA certification preferred", vec![(license("cpa"), false)]),
            (
                "AWS Certified Solutions Architect – Associate is a plus",
                vec![(license("aws certified solutions architect"), false)],
            ),
            (
                "PMP or CISSP certification",
                vec![(license("pmp"), true), (license("cissp"), true)],
            ),
            (
                "Professional Engineer (PE) license required",
                vec![(license("pe"), true)],
            ),
            ("Forklift certification", vec![(license("forklift"), true)]),
            (
                "Active TS/SCI clearance with polygraph",
                vec![(
                    H::Clearance {
                        level: ClearanceLevel::TsSci,
                    },
                    true,
                )],
            ),
            (
                "Must hold an active Secret clearance",
                vec![(
                    H::Clearance {
                        level: ClearanceLevel::Secret,
                    },
                    true,
                )],
            ),
            (
                "Must be authorized to work in the US without sponsorship",
                vec![(H::WorkAuthorization, true)],
            ),
            (
                "We are unable to sponsor visas for this role",
                vec![(H::WorkAuthorization, true)],
            ),
            (
                "Must be at least 21 years of age",
                vec![(H::MinAge { years: 21 }, true)],
            ),
            (
                "Willingness to travel up to 25% of the time",
                vec![(H::Travel { percent: Some(25) }, true)],
            ),
            (
                "Some travel required",
                vec![(H::Travel { percent: None }, true)],
            ),
            // Negatives.
            ("Experience with MS Office and Excel", vec![]),
            ("Keep p99 latency under 200 ms", vec![]),
            ("Mentor a team of 10 engineers", vec![]),
            ("Grow the product over the next 5 years", vec![]),
            ("Contribute to our 401k plan design", vec![]),
            ("Help us master the art of distributed tracing", vec![]),
            ("Work with the Scrum Master on sprint planning", vec![]),
            ("No degree required", vec![]),
            ("Travel reimbursement for conferences", vec![]),
            ("Build hybrid cloud tooling", vec![]),
            ("Protect trade secrets and customer data", vec![]),
        ];
        for (line, expected) in cases {
            assert_eq!(found_in(line), expected, "{line}");
        }
    }

    #[test]
    fn certificates_as_a_technology_are_not_licenses() {
        for line in [
            "Experience in Authentication and Authorization frameworks, PKI, Digital Certificates and Secure Transmissions",
            "Managed TLS certificates and SSL Certificates for 40 services",
        ] {
            assert_eq!(found_in(line), vec![], "{line}");
        }
        assert_eq!(
            found_in("CCRN certification required"),
            vec![(
                H::License {
                    name: "ccrn".into()
                },
                true
            )]
        );
    }

    #[test]
    fn kinds_are_the_json_tags() {
        let samples = [
            H::Seniority {
                level: Seniority::Senior,
            },
            exp(3, None),
            H::Degree {
                level: DegreeLevel::Bachelor,
                field: None,
                equivalent_experience: false,
            },
            H::License { name: "rn".into() },
            H::Clearance {
                level: ClearanceLevel::Secret,
            },
            H::WorkAuthorization,
            H::Location {
                mode: WorkMode::Remote,
                place: None,
            },
            H::MinAge { years: 21 },
            H::Travel { percent: None },
        ];
        for (sample, kind) in samples.iter().zip(HardRequirement::KINDS) {
            let json = serde_json::to_value(sample).map(|v| v["kind"].clone());
            assert_eq!(json.ok(), Some(serde_json::Value::from(kind)));
            assert_eq!(sample.kind(), kind);
        }
    }

    #[test]
    fn company_blurbs_are_not_requirements() {
        let post = "Data Engineer\n\
            About Us\n\
            Founded 15 years ago, Acme has seen 5 years of growth in a row.\n\
            We are a team of 10 with a 401k match.\n\
            Requirements\n\
            3+ years of experience with SQL\n";
        let found = hard_requirements(post, None);
        assert_eq!(
            found.iter().map(|f| &f.requirement).collect::<Vec<_>>(),
            vec![&exp(3, Some("sql"))]
        );
    }

    #[test]
    fn preferred_sections_make_nice_to_haves() {
        let post = "Senior Backend Engineer\n\
            Requirements\n\
            - 5+ years of professional experience\n\
            - BS in Computer Science or equivalent experience\n\
            Preferred Qualifications\n\
            - 8+ years of experience\n\
            - MS in Computer Science\n\
            - 5+ years of professional experience\n";
        let found: Vec<(H, bool)> = hard_requirements(post, None)
            .into_iter()
            .map(|f| (f.requirement, f.required))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    H::Seniority {
                        level: Seniority::Senior
                    },
                    true
                ),
                (exp(5, None), true),
                (exp(8, None), false),
                (
                    degree(DegreeLevel::Bachelor, Some("computer science"), true),
                    true
                ),
                (
                    degree(DegreeLevel::Master, Some("computer science"), false),
                    false
                ),
            ]
        );
    }

    #[test]
    fn titles_state_seniority() {
        use Seniority::*;
        let cases: &[(&str, Option<Seniority>)] = &[
            ("Principal LLM ML Scientist", Some(Principal)),
            ("Sr. Data Engineer", Some(Senior)),
            ("Senior Staff Software Engineer", Some(Staff)),
            ("Software Engineer, New Grad", Some(Entry)),
            ("Entry Level Accountant", Some(Entry)),
            ("Software Engineering Intern (Summer 2026)", Some(Intern)),
            ("Junior Web Developer", Some(Junior)),
            ("Software Engineer II", Some(Mid)),
            ("Software Engineer III - Payments", Some(Senior)),
            ("Engineering Manager, Platform", Some(Manager)),
            ("Director of Data Science", Some(Director)),
            ("Tech Lead, Search", Some(Lead)),
            ("Staff Accountant", None),
            ("Product Manager", None),
            ("Lead Generation Specialist", None),
            ("Registered Nurse - ICU", None),
            ("Software Engineer", None),
        ];
        for (title, expected) in cases {
            assert_eq!(title_seniority(title), *expected, "{title}");
        }
    }

    #[test]
    fn location_from_meta_lines_and_wording() {
        type Expected = Option<(WorkMode, Option<&'static str>)>;
        let cases: &[(&str, Expected)] = &[
            (
                "Location: Houston, TX\nJob type: Full-time\n",
                Some((WorkMode::Onsite, Some("houston, tx"))),
            ),
            (
                "Location: Austin, TX (Hybrid)\n",
                Some((WorkMode::Hybrid, Some("austin, tx"))),
            ),
            (
                "Location: Remote (US)\n",
                Some((WorkMode::Remote, Some("us"))),
            ),
            (
                "This is a fully remote role.\n",
                Some((WorkMode::Remote, None)),
            ),
            (
                "You will work on-site in Denver, CO five days a week.\n",
                Some((WorkMode::Onsite, Some("denver, co"))),
            ),
            ("Experience working with remote teams.\n", None),
        ];
        for (body, expected) in cases {
            let post = format!("Analyst\n{body}");
            let location =
                hard_requirements(&post, None)
                    .into_iter()
                    .find_map(|f| match f.requirement {
                        H::Location { mode, place } => Some((mode, place)),
                        _ => None,
                    });
            let expected = expected.map(|(m, p)| (m, p.map(str::to_owned)));
            assert_eq!(location, expected, "{body}");
        }
    }

    #[test]
    fn json_is_the_shared_vocabulary() -> Result<(), serde_json::Error> {
        let found = FoundRequirement {
            requirement: degree(DegreeLevel::Phd, Some("computer science"), false),
            required: true,
            source: "PhD in CS".into(),
        };
        let json = serde_json::to_string(&found)?;
        assert_eq!(
            json,
            r#"{"kind":"degree","level":"phd","field":"computer science","equivalent_experience":false,"required":true,"source":"PhD in CS"}"#
        );
        assert_eq!(serde_json::from_str::<FoundRequirement>(&json)?, found);
        for (requirement, expected) in [
            (
                exp(3, Some("python")),
                r#"{"kind":"experience","years":3,"skill":"python"}"#,
            ),
            (
                H::Clearance {
                    level: ClearanceLevel::TsSci,
                },
                r#"{"kind":"clearance","level":"ts/sci"}"#,
            ),
            (H::WorkAuthorization, r#"{"kind":"work_authorization"}"#),
            (H::MinAge { years: 21 }, r#"{"kind":"min_age","years":21}"#),
            (
                license("cdl class a"),
                r#"{"kind":"licence","name":"cdl class a"}"#,
            ),
        ] {
            assert_eq!(serde_json::to_string(&requirement)?, expected);
        }
        Ok(())
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "5",
            "years",
            "5 +",
            "PhD",
            "Location:",
            "travel 100%",
            "ü 5 years of ö",
            "BS/",
            "-- 3 - years",
        ] {
            let _ = hard_requirements(text, None);
            let _ = hard_requirements(text, Some(text));
        }
    }
}
