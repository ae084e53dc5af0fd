//! What a sentence is for: a statement of what someone did or a post asks, or one of the lines
//! around such statements (a name and tagline, contact details, a role or date line, a list of
//! skills, a place, a post's "Location: …" meta line).
//!
//! Only statements can be evidence of experience: a headline such as "Senior Data Engineer |
//! AWS | Spark" names skills but shows no work, and a university's city says nothing about
//! whether someone can work in "Location: Chesapeake, VA". The rules are read from the shape
//! of the line (separators, capitals, dates, e-mail addresses, a known label before a colon)
//! and are conservative: whatever is not plainly one of the other roles is a statement.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lexicon::{is_title_small_word, WordSet};
use crate::terms::find_terms;

/// Whether `word` is in `list`, through a set built on first use (the lists are looked up for
/// every word of the lines that may be headings).
fn in_list(cell: &'static OnceLock<WordSet>, list: &'static [&'static str], word: &str) -> bool {
    cell.get_or_init(|| list.iter().copied().collect())
        .contains(word)
}

fn is_role_word(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    in_list(&CELL, ROLE_WORDS, word)
}

fn is_month_word(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    in_list(&CELL, MONTHS, word)
}

fn is_meta_label(word: &str) -> bool {
    static CELL: OnceLock<WordSet> = OnceLock::new();
    in_list(&CELL, META_LABELS, word)
}

/// What a sentence of a resume or post is, beyond its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceRole {
    /// A sentence or bullet saying what someone did, does or must do (the default).
    #[default]
    Statement,
    /// A name or tagline at the top of a resume ("Jane Doe", "ML & Data Science Enthusiast").
    Headline,
    /// E-mail, phone, web address, street address or profile link.
    Contact,
    /// A role, organisation or date line kept as text ("Software Engineer, Acme Corp —
    /// 2019–2023", "Virginia Commonwealth University", "June 2021 – Present").
    Heading,
    /// A list of skills or tools with little prose ("Languages: Python, Java, C++").
    SkillList,
    /// A location, or an institution with its city ("Richmond, VA").
    Place,
    /// A post's meta line ("Location: Houston, TX", "Job type: Full-time", "Salary: $80k"), or
    /// the company-name line under its title ("Acme Corp · Houston, TX").
    Fact,
}

impl SentenceRole {
    /// Whether a sentence of this role can be evidence of experience (only statements).
    pub fn is_experience(self) -> bool {
        self == SentenceRole::Statement
    }

    /// Whether this is the default role (left out when a sentence is serialised).
    pub fn is_statement(&self) -> bool {
        *self == SentenceRole::Statement
    }
}

/// What the splitter knows about where a sentence stands.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RoleContext {
    /// Before any known section heading and any statement: a resume's name and tagline block.
    pub at_top: bool,
    /// Under a heading that names skills ("Technical Skills", "Tools").
    pub skills_heading: bool,
    /// The sentence came from a "Label: value" meta line (the label may have been read as a
    /// heading, as "Salary" is).
    pub meta_line: bool,
}

/// The role of one sentence.
pub(crate) fn sentence_role(text: &str, context: RoleContext) -> SentenceRole {
    if context.meta_line || is_meta_line(text) {
        return SentenceRole::Fact;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.is_empty() {
        return SentenceRole::Statement;
    }
    if is_contact(text, &tokens) {
        return SentenceRole::Contact;
    }
    if is_place(text, &tokens) {
        return SentenceRole::Place;
    }
    // Headings and headlines are unpunctuated lines of capitalised words: the full shape is
    // read only for those (most sentences of a long paste are turned down here).
    let shape = (!ends_with_terminal(text) || ends_with_abbreviation(&tokens))
        && lowercase_content_words(&tokens) <= 2;
    let shape = shape.then(|| Shape::of(text, &tokens));
    if let Some(shape) = &shape {
        if shape.dated && shape.heading_like(&tokens) {
            return SentenceRole::Heading;
        }
        if context.at_top && shape.headline_like(text, &tokens) {
            return SentenceRole::Headline;
        }
    }
    if is_skill_list(text, context.skills_heading) {
        return SentenceRole::SkillList;
    }
    if let Some(shape) = &shape {
        if shape.heading_like(&tokens)
            && (shape.names_role_or_organisation || (tokens.len() <= 4 && !shape.has_digit))
        {
            return SentenceRole::Heading;
        }
    }
    SentenceRole::Statement
}

/// Labels of a post's meta lines ("Location: Houston, TX"), lowercase.
const META_LABELS: &[&str] = &[
    "location",
    "locations",
    "job location",
    "work location",
    "office location",
    "office",
    "city",
    "state",
    "country",
    "region",
    "industry",
    "industries",
    "sector",
    "job type",
    "employment type",
    "employment",
    "type",
    "contract type",
    "work type",
    "workplace type",
    "position type",
    "job category",
    "category",
    "job function",
    "function",
    "department",
    "division",
    "team",
    "schedule",
    "shift",
    "hours",
    "working hours",
    "salary",
    "salary range",
    "pay",
    "pay range",
    "pay rate",
    "rate",
    "hourly rate",
    "compensation",
    "base salary",
    "remote",
    "work mode",
    "work model",
    "work arrangement",
    "workplace",
    "on-site",
    "onsite",
    "hybrid",
    "posted",
    "date posted",
    "posted on",
    "start date",
    "closing date",
    "deadline",
    "application deadline",
    "apply by",
    "job id",
    "job number",
    "job code",
    "req id",
    "requisition",
    "requisition id",
    "requisition number",
    "reference",
    "ref",
    "job reference",
    "seniority level",
    "seniority",
    "experience level",
    "career level",
    "level",
    "grade",
    "duration",
    "contract length",
    "openings",
    "positions",
    "number of openings",
    "reports to",
    "reporting to",
    "company",
    "employer",
    "title",
    "job title",
    "position",
    "position title",
    "role",
    "travel",
    "relocation",
    "zip",
    "zip code",
    "postal code",
];

/// Longest label of a meta line, in bytes, with room for markdown and bullets around it.
const MAX_LABEL_BYTES: usize = 48;

/// Whether a line is a post's meta line: a known label, a colon and a short value.
pub(crate) fn is_meta_line(text: &str) -> bool {
    // Labels are short: the colon is looked for near the start only.
    let mut head_end = text.len().min(MAX_LABEL_BYTES);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let Some(colon) = text[..head_end].find([':', '：']) else {
        return false;
    };
    let label = text[..colon]
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if label.is_empty() || !is_meta_label(&label) {
        return false;
    }
    let colon_len = text[colon..].chars().next().map_or(1, char::len_utf8);
    let value = text[colon + colon_len..].trim();
    (1..=12).contains(&value.split_whitespace().take(13).count())
        && value.chars().any(char::is_alphanumeric)
}

/// Labels of contact lines, lowercase.
const CONTACT_LABELS: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "phone",
    "tel",
    "telephone",
    "mobile",
    "cell",
    "linkedin",
    "github",
    "gitlab",
    "portfolio",
    "website",
    "web",
    "address",
    "home address",
    "twitter",
    "contact",
];

/// Whether a line gives contact details: a labelled contact line, or e-mail addresses, links
/// or phone numbers with at most a few other words (a name, a city) around them.
fn is_contact(text: &str, tokens: &[&str]) -> bool {
    if let Some((label, value)) = text.split_once(':') {
        let label = label
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if CONTACT_LABELS.contains(&label.as_str()) && !value.trim().is_empty() {
            return true;
        }
    }
    if is_street_address(tokens) {
        return true;
    }
    let phone = has_phone_number(text);
    let mut contact_tokens = 0;
    let mut other_words = 0;
    for token in tokens {
        let bare = token.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '<' | '>'));
        if is_email(bare) || is_link(bare) {
            contact_tokens += 1;
        } else if bare.chars().any(char::is_alphabetic) {
            other_words += 1;
        }
    }
    (contact_tokens > 0 || phone) && other_words <= 6
}

fn is_email(token: &str) -> bool {
    let Some((user, domain)) = token.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// Top-level domains of profile and personal sites.
const LINK_DOMAINS: &[&str] = &[
    ".com", ".io", ".org", ".net", ".dev", ".me", ".co", ".ai", ".edu", ".app", ".page", ".site",
    ".xyz", ".info",
];

fn is_link(token: &str) -> bool {
    if !token.contains(['.', ':']) {
        return false;
    }
    let lower = token.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    // "linkedin.com/in/jane", "jane.dev", "github.com/jane" — but not "Node.js", "ASP.NET"
    // or "Socket.IO": a bare domain without a path is written in lowercase.
    let host = lower.split('/').next().unwrap_or("");
    let path = lower.len() > host.len();
    LINK_DOMAINS
        .iter()
        .any(|tld| host.ends_with(tld) && host.len() > tld.len())
        && (path || (token == lower && !lower.ends_with(".net")))
}

/// Whether the text holds a phone number: 10 to 13 digits in a run of digits, spaces and
/// `()+-.` with a separator or bracket, or written as one run ("5551234567"). Year ranges
/// ("2015 - 2019") have too few digits.
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut separators = 0;
    for c in text.chars().chain(std::iter::once('|')) {
        if c.is_ascii_digit() {
            digits += 1;
        } else if matches!(c, ' ' | '(' | ')' | '+' | '-' | '.') && digits > 0 {
            separators += usize::from(c != ' ' || separators > 0);
        } else if matches!(c, '(' | '+') {
            // A run may open with a bracket or a plus: "(555) 123-4567", "+1 555 …".
        } else {
            if (10..=13).contains(&digits) {
                return true;
            }
            digits = 0;
            separators = 0;
        }
    }
    false
}

/// Street names' last words, lowercase, without a final dot.
const STREET_WORDS: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "rd",
    "road",
    "blvd",
    "boulevard",
    "dr",
    "drive",
    "ln",
    "lane",
    "way",
    "ct",
    "court",
    "pl",
    "place",
    "pkwy",
    "parkway",
    "hwy",
    "highway",
    "suite",
    "apt",
    "terrace",
    "circle",
];

/// "123 Main Street, Apt 4, Richmond, VA 23220": a house number, then a street word.
fn is_street_address(tokens: &[&str]) -> bool {
    let Some(first) = tokens.first() else {
        return false;
    };
    tokens.len() <= 14
        && first.chars().all(|c| c.is_ascii_digit())
        && tokens.iter().skip(1).take(5).any(|t| {
            let word = t.trim_end_matches([',', '.']).to_lowercase();
            STREET_WORDS.contains(&word.as_str())
        })
}

/// US state and Canadian province codes.
const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE",
];

/// US states, common countries and region words, lowercase.
const REGION_NAMES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "usa",
    "us",
    "u.s.",
    "u.s.a.",
    "united states",
    "canada",
    "uk",
    "u.k.",
    "united kingdom",
    "england",
    "scotland",
    "wales",
    "ireland",
    "germany",
    "france",
    "spain",
    "portugal",
    "italy",
    "netherlands",
    "belgium",
    "switzerland",
    "austria",
    "poland",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "india",
    "china",
    "japan",
    "singapore",
    "australia",
    "new zealand",
    "brazil",
    "mexico",
    "argentina",
    "israel",
    "nigeria",
    "kenya",
    "south africa",
    "egypt",
    "pakistan",
    "bangladesh",
    "philippines",
    "vietnam",
    "indonesia",
    "korea",
    "south korea",
    "uae",
    "ontario",
    "quebec",
    "british columbia",
    "alberta",
    "remote",
];

/// A location ("Richmond, VA", "Houston, TX 77002", "Berlin, Germany") or an institution
/// followed by one ("Virginia Commonwealth University Richmond, VA"): a short capitalised line
/// whose last comma-separated part is a state, province or country.
fn is_place(text: &str, tokens: &[&str]) -> bool {
    if tokens.len() > 9 || ends_with_terminal(text) && !text.ends_with(['.']) {
        return false;
    }
    let body = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == ' ');
    let Some((before, region)) = body.rsplit_once(',') else {
        return false;
    };
    let region = region.trim();
    let known = REGION_CODES.contains(&region)
        || REGION_NAMES.contains(&region.trim_end_matches('.').to_lowercase().as_str())
        || REGION_NAMES.contains(&region.to_lowercase().as_str());
    known && lowercase_content_words(tokens) == 0 && before.chars().any(char::is_alphabetic)
}

/// Words that may stay lowercase in a name, title or heading line: a title's small words,
/// name particles ("de la", "van der") and the words of date ranges ("2021 – present").
fn is_small_word(word: &str) -> bool {
    is_title_small_word(word)
        || matches!(
            word,
            "de" | "la"
                | "von"
                | "van"
                | "der"
                | "present"
                | "current"
                | "now"
                | "today"
                | "expected"
        )
}

/// Words that start lowercase and are not small words: the sign of prose.
pub(crate) fn lowercase_content_words(tokens: &[&str]) -> usize {
    tokens
        .iter()
        .filter(|t| {
            let word = t.trim_matches(|c: char| !c.is_alphanumeric());
            word.chars().next().is_some_and(char::is_lowercase) && !is_small_word(word)
        })
        .count()
}

/// Whether text ends like a sentence (after closing quotes and brackets).
fn ends_with_terminal(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches([')', ']', '"', '\'', '’', '”', '*'])
        .ends_with(['.', '!', '?', ';', '。', '！', '？', '؟', '…'])
}

/// Month names and their abbreviations, lowercase, without a final dot.
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Words that name a job, a degree or an organisation in a role or education line.
const ROLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "scientist",
    "analyst",
    "manager",
    "director",
    "lead",
    "head",
    "architect",
    "designer",
    "consultant",
    "specialist",
    "technician",
    "administrator",
    "coordinator",
    "assistant",
    "associate",
    "intern",
    "internship",
    "fellow",
    "researcher",
    "officer",
    "representative",
    "nurse",
    "driver",
    "teacher",
    "tutor",
    "accountant",
    "auditor",
    "clerk",
    "cashier",
    "supervisor",
    "operator",
    "mechanic",
    "electrician",
    "volunteer",
    "founder",
    "co-founder",
    "owner",
    "president",
    "vp",
    "cto",
    "ceo",
    "university",
    "college",
    "school",
    "institute",
    "academy",
    "hospital",
    "clinic",
    "inc",
    "corp",
    "corporation",
    "llc",
    "ltd",
    "gmbh",
    "company",
    "bank",
    "bachelor",
    "bachelor's",
    "master",
    "master's",
    "b.s",
    "b.sc",
    "b.a",
    "m.s",
    "m.sc",
    "m.a",
    "mba",
    "ph.d",
    "phd",
    "bs",
    "ba",
    "ms",
    "diploma",
    "degree",
    "gpa",
];

/// Whether the last word is an abbreviation such as "Inc.", "Corp." or "Jr." (its dot ends
/// no sentence).
fn ends_with_abbreviation(tokens: &[&str]) -> bool {
    let last = tokens.last().copied().unwrap_or("");
    last.ends_with('.')
        && last.len() <= 6
        && last.starts_with(char::is_uppercase)
        && !last[..last.len() - 1].contains('.')
}

/// Most tokens a headline has (separators count).
const MAX_HEADLINE_TOKENS: usize = 12;

/// Most words of one part of a tagline that may hold a few lowercase words ("Registered
/// Nurse | ICU | BLS, ACLS").
const MAX_TAGLINE_PART_WORDS: usize = 5;

/// Most words of one part of a tagline written wholly in capitalised words: a title with its
/// field ("Machine Learning & Data Science Enthusiast").
const MAX_TITLE_PART_WORDS: usize = 7;

/// What a line's shape says about it.
struct Shape {
    /// Holds a year (1950–2039) or a month name next to a number, or "present".
    dated: bool,
    /// Names a job, an organisation or a degree.
    names_role_or_organisation: bool,
    has_digit: bool,
    /// Ends like a sentence (an abbreviation such as "Inc." or "Corp." does not count).
    sentence_end: bool,
    lowercase_words: usize,
}

impl Shape {
    fn of(text: &str, tokens: &[&str]) -> Self {
        let mut dated = false;
        let mut names_role_or_organisation = false;
        for (i, token) in tokens.iter().enumerate() {
            let word = token
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '.')
                .trim_end_matches('.')
                .to_lowercase();
            let year = |w: &str| {
                w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1950..2040).contains(&y))
                    || w.split(['–', '-', '—', '/']).any(|part| {
                        part.len() == 4
                            && part.parse::<u32>().is_ok_and(|y| (1950..2040).contains(&y))
                    })
            };
            let month_then_number = is_month_word(&word)
                && tokens
                    .get(i + 1)
                    .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()));
            if year(&word) || month_then_number || matches!(word.as_str(), "present" | "current") {
                dated = true;
            }
            if is_role_word(&word) || is_role_word(word.trim_end_matches('s')) {
                names_role_or_organisation = true;
            }
        }
        Shape {
            dated,
            names_role_or_organisation,
            has_digit: text.chars().any(|c| c.is_ascii_digit()),
            sentence_end: ends_with_terminal(text) && !ends_with_abbreviation(tokens),
            lowercase_words: lowercase_content_words(tokens),
        }
    }

    /// A role, organisation, degree or date line: short, not a sentence, almost no prose words.
    fn heading_like(&self, tokens: &[&str]) -> bool {
        tokens.len() <= 16 && !self.sentence_end && self.lowercase_words <= 1
    }

    /// A name or tagline: short, not a sentence, capitalised words or " | "-separated parts.
    /// Title-like parts may be longer when every word of the line is capitalised ("Machine
    /// Learning & Data Science Enthusiast | Computer Science Sophomore"): prose at the top of
    /// a resume has lowercase words.
    fn headline_like(&self, text: &str, tokens: &[&str]) -> bool {
        if self.sentence_end || tokens.len() > MAX_HEADLINE_TOKENS {
            return false;
        }
        let parts: Vec<&str> = text.split(['|', '•', '·']).collect();
        let parts_within = |most_words: usize| {
            parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| p.split_whitespace().count() <= most_words && !ends_with_terminal(p))
        };
        (self.lowercase_words == 0 && tokens.len() <= 8)
            || (parts_within(MAX_TAGLINE_PART_WORDS) && self.lowercase_words <= 2)
            || (parts_within(MAX_TITLE_PART_WORDS) && self.lowercase_words == 0)
    }
}

/// Words of a label or heading that say the list is skills.
const SKILL_LABELS: &[&str] = &[
    "skill",
    "skills",
    "language",
    "languages",
    "tool",
    "tools",
    "technologies",
    "technology",
    "tech",
    "stack",
    "frameworks",
    "framework",
    "libraries",
    "databases",
    "platforms",
    "software",
    "cloud",
    "devops",
    "competencies",
    "proficiencies",
    "expertise",
    "certifications",
    "methodologies",
    "concepts",
    "coursework",
];

/// Whether a heading names a list of skills ("Technical Skills", "Tools & Technologies").
pub(crate) fn names_skills(heading: &str) -> bool {
    heading
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SKILL_LABELS.contains(&w.to_lowercase().as_str()))
}

/// Most words any list item may have ("Machine Learning Operations" is three).
const MAX_ITEM_WORDS: usize = 4;

/// A list of skills or tools: "Label: a, b, c", or three or more short items separated by
/// commas, bars, bullets or semicolons, most of them capitalised or known terms. Under a
/// skills heading, two items or a short unpunctuated line are enough.
fn is_skill_list(text: &str, skills_heading: bool) -> bool {
    let (label, body) = match text.split_once([':', '：']) {
        Some((label, body)) if label.split_whitespace().count() <= 3 && !body.trim().is_empty() => {
            (Some(label), body)
        }
        _ => (None, text),
    };
    let body = body.trim().trim_end_matches('.');
    let items: Vec<&str> = body
        .split([',', ';', '|', '•', '·', '/'])
        .map(str::trim)
        .filter(|item| item.chars().any(char::is_alphanumeric))
        .collect();
    if items.is_empty() || body.contains(". ") {
        return false;
    }
    let longest = items
        .iter()
        .map(|item| item.split_whitespace().count())
        .max()
        .unwrap_or(0);
    if longest > MAX_ITEM_WORDS {
        return false;
    }
    let skill_label = label.is_some_and(names_skills);
    if skills_heading || skill_label {
        return true;
    }
    let terms = find_terms(body);
    // One or two items that are wholly known terms: "Python", "Docker / Kubernetes".
    let known = |item: &str| terms.iter().any(|t| t.surface == item);
    if items.len() <= 2 && items.iter().all(|item| known(item)) {
        return true;
    }
    if items.len() < 3 && !(label.is_some() && items.len() >= 2) {
        return false;
    }
    // Most items look like names: capitalised, or known skill terms ("dbt", "pandas").
    let named = items
        .iter()
        .filter(|item| {
            let item = item
                .trim_start_matches("and ")
                .trim_start_matches("or ")
                .trim();
            item.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || terms
                    .iter()
                    .any(|t| item.contains(t.surface.as_str()) && !t.surface.is_empty())
        })
        .count();
    named * 3 >= items.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use SentenceRole::*;

    #[test]
    fn lines_get_their_roles() {
        let top = RoleContext {
            at_top: true,
            ..RoleContext::default()
        };
        let body = RoleContext::default();
        let skills = RoleContext {
            skills_heading: true,
            ..RoleContext::default()
        };
        // (role, context, lines of that role in that context)
        let cases: &[(SentenceRole, RoleContext, &[&str])] = &[
            // Headlines: names and taglines at the top of a resume.
            (
                Headline,
                top,
                &[
                    "Jane Doe",
                    "JANE Q. DOE",
                    "ML & Data Science Enthusiast",
                    "Senior Data Engineer | AWS | Spark",
                    "Registered Nurse | ICU | BLS, ACLS",
                    "Full-Stack Developer • React • Node.js",
                ],
            ),
            // Longer title parts, when every word is capitalised.
            (
                Headline,
                top,
                &[
                    "Machine Learning & Data Science Enthusiast | Computer Science Sophomore",
                    "Certified Public Accountant & Financial Reporting Lead | Big Four Alumna",
                    "Aspiring Site Reliability Engineer · Former Army Signal Officer",
                    "Electrical Apprentice and Future Master Electrician | OSHA 30",
                ],
            ),
            // Not headlines: prose in a part, or a line below the top.
            (
                Statement,
                top,
                &[
                    "Passionate about building data products | Open to relocation",
                ],
            ),
            (
                Statement,
                body,
                &[
                    "Machine Learning & Data Science Enthusiast | Computer Science Sophomore",
                ],
            ),
            // Contact lines.
            (
                Contact,
                top,
                &[
                    "jane.doe@example.com | (555) 123-4567 | linkedin.com/in/janedoe | Richmond, VA",
                ],
            ),
            (
                Contact,
                body,
                &[
                    "Email: jdoe@gmail.com",
                    "Phone: +1 555 123 4567",
                    "github.com/jdoe · jdoe.dev",
                    "https://www.linkedin.com/in/jane-doe-123",
                    "LinkedIn: linkedin.com/in/marcus",
                ],
            ),
            (
                Contact,
                top,
                &[
                    "Marcus Lee — 804-555-0199 — marcus.lee@mail.com",
                ],
            ),
            (
                Contact,
                body,
                &[
                    "1420 Oak Street, Apt 3B, Norfolk, VA 23510",
                ],
            ),
            // Role, organisation, degree and date lines.
            (
                Heading,
                body,
                &[
                    "Software Engineer, Acme Corp — 2019–2023",
                    "Senior Engineer, Acme Corp. Jan. 2021 – Present",
                    "Virginia Commonwealth University",
                    "June 2021 – Present",
                    "Data Engineer, Globex — June 2015 – May 2019",
                    "B.S. in Computer Science, 2015",
                    "Bachelor of Science in Nursing",
                    "Staff Nurse, Riverside Regional Medical Center",
                    "CDL Driver | Swift Transportation | 2017 - 2022",
                    "Teaching Assistant (Aug 2022 - May 2023)",
                ],
            ),
            // Skill lists.
            (
                SkillList,
                body,
                &[
                    "Languages: Python, Java, C++",
                    "Tools: Spark, Airflow, Kafka, dbt, Terraform, Docker",
                    "Python, SQL, Tableau, Excel, Power BI",
                    "pandas, numpy, scikit-learn, PyTorch",
                ],
            ),
            (
                SkillList,
                skills,
                &[
                    "Python",
                    "Communication, teamwork, time management",
                ],
            ),
            (
                SkillList,
                body,
                &[
                    "Certifications: BLS, ACLS, PALS",
                ],
            ),
            // Places.
            (
                Place,
                body,
                &[
                    "Virginia Commonwealth University Richmond, VA",
                    "Richmond, VA",
                    "Houston, TX 77002",
                    "Berlin, Germany",
                ],
            ),
            // A post's meta lines.
            (
                Fact,
                body,
                &[
                    "Location: Houston, TX",
                    "Location: Virginia-Chesapeake",
                    "Industry: Finance",
                    "Job type: Full-time",
                    "Salary: $80k",
                    "Employment type: Contract",
                    "Schedule: Monday to Friday, 8 hour shift",
                    "Department: Engineering",
                    "Remote: yes",
                    "Posted: 3 days ago",
                    "Job Title: Senior Data Engineer",
                ],
            ),
            // Statements, including ones with commas, dates, places and capitals.
            (
                Statement,
                body,
                &[
                    "Built ETL pipelines in Python, Spark, Airflow and dbt that cut costs by 40%.",
                    "Led design, build, and rollout.",
                    "Managed budgets, schedules, and vendors for a 12-person team",
                    "Opened a clinic in Richmond, VA that served 2,000 patients in 2021.",
                ],
            ),
            (
                Statement,
                top,
                &[
                    "I actively explore generative AI and large language models.",
                    "Data engineer with eight years of experience designing pipelines",
                ],
            ),
            (
                Statement,
                body,
                &[
                    "Reduced p99 latency from 800 ms to 120 ms in 2022 by batching writes.",
                    "Experience with Python, SQL, and cloud platforms such as AWS or GCP.",
                    "Must be able to lift 50 lbs.",
                    "Location of the work will vary between our sites.",
                    "Drove 120,000 accident-free miles across 30 states",
                    "Built a dashboard at github.com/jane/dash that 200 analysts use every day.",
                    "5+ years of experience with Python and SQL",
                ],
            ),
            // A name below the top is a heading line, not a statement; a lone known term
            // is a skill.
            (
                Heading,
                body,
                &[
                    "Jane Doe",
                ],
            ),
            (
                SkillList,
                body,
                &[
                    "Python",
                ],
            ),
        ];
        assert!(cases.iter().map(|(_, _, lines)| lines.len()).sum::<usize>() >= 40);
        for (expected, context, lines) in cases {
            for text in *lines {
                assert_eq!(sentence_role(text, *context), *expected, "{text:?}");
            }
        }
    }

    #[test]
    fn only_statements_are_experience() {
        let all = [
            (Statement, true),
            (Headline, false),
            (Contact, false),
            (Heading, false),
            (SkillList, false),
            (Place, false),
            (Fact, false),
        ];
        for (role, experience) in all {
            assert_eq!(role.is_experience(), experience, "{role:?}");
        }
    }
}
