//! Pastes holding several job posts, and a title for each post.

use crate::heading::{classify_heading, clean_heading};
use crate::html::strip_html;

/// Splits one paste holding many job posts on lines made only of three or more dashes
/// (`---`), dropping empty parts. Each part is trimmed.
pub fn split_posts(pasted: &str) -> Vec<String> {
    let mut posts = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in pasted.split_inclusive('\n') {
        let bare = line.trim();
        if bare.len() >= 3 && bare.bytes().all(|b| b == b'-') {
            push_post(&mut posts, &pasted[start..offset]);
            start = offset + line.len();
        }
        offset += line.len();
    }
    push_post(&mut posts, &pasted[start..]);
    posts
}

fn push_post(posts: &mut Vec<String>, part: &str) {
    let part = part.trim();
    if !part.is_empty() {
        posts.push(part.to_string());
    }
}

/// A title for a post: its first non-empty line (markdown `#`, bold, bullets, a trailing ':'
/// and a "Job title:" label removed), unless that line is a sentence (more than 12 words or
/// 100 characters, or ending in a full stop) or a section heading ("About the job"). Then a
/// "Job title:" / "Title:" / "Position:" / "Role:" meta line near the top names it, or else a
/// phrase in the first lines: "We are hiring a Senior Data Engineer", "As a Registered Nurse,
/// you will", "seeking a …", "join us as …" — ending in a job word (engineer, nurse, driver …),
/// capitalised or of two words at least, so "looking for an engineer who …" names none.
/// `None` if nothing reads as a title. HTML is read as its text.
pub fn infer_title(post: &str) -> Option<String> {
    let text = strip_html(post);
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| has_alphanumeric(l))
        .take(TITLE_SEARCH_LINES);
    let first = lines.next()?;
    if let Some(title) = meta_title(first) {
        return Some(title);
    }
    let first_title = first_line_title(first);
    let heading = first_title
        .as_deref()
        .is_some_and(|t| classify_heading(t).is_some());
    if first_title.is_some() && !heading {
        return first_title;
    }
    if let Some(title) = text
        .lines()
        .take(TITLE_SEARCH_LINES * 2)
        .find_map(meta_title)
    {
        return Some(title);
    }
    std::iter::once(first)
        .chain(lines)
        .find_map(title_in_sentence)
        .or(first_title)
}

/// How many lines from the top a title is looked for in.
const TITLE_SEARCH_LINES: usize = 15;

/// The first line as a title, if it reads as one.
fn first_line_title(line: &str) -> Option<String> {
    let mut title = line.trim_start_matches(['#', '>']).trim();
    title = crate::document::strip_bullet(title).trim();
    let title = clean_heading(title);
    let words = title.split_whitespace().count();
    if title.chars().count() > 100 || words > 12 || !has_alphanumeric(&title) {
        return None;
    }
    let last = title.split_whitespace().next_back().unwrap_or("");
    // "We are hiring." is a sentence; "Acme Inc." is not.
    let abbreviation = last.len() <= 5 && last.starts_with(char::is_uppercase);
    if words >= 3 && title.ends_with(['.', '!']) && !abbreviation {
        return None;
    }
    Some(title)
}

/// Labels of the meta line that names the job, lowercase.
const TITLE_LABELS: &[&str] = &[
    "title",
    "job title",
    "position",
    "position title",
    "role",
    "job",
];

/// The value of a "Job title: Senior Data Engineer" line, if it reads as a title.
fn meta_title(line: &str) -> Option<String> {
    let line = crate::document::strip_bullet(line.trim());
    let (label, value) = line.split_once([':', '：'])?;
    let label = clean_heading(label).to_lowercase();
    if !TITLE_LABELS.contains(&label.as_str()) {
        return None;
    }
    let value = clean_heading(value);
    let words = value.split_whitespace().count();
    let titled = value.starts_with(char::is_uppercase);
    ((1..=10).contains(&words) && titled && !value.ends_with(['.', '!', '?'])).then_some(value)
}

/// Phrases after which a job title follows, lowercase.
const TITLE_CUES: &[&str] = &[
    "we are hiring a ",
    "we are hiring an ",
    "we're hiring a ",
    "we're hiring an ",
    "is hiring a ",
    "is hiring an ",
    "are hiring a ",
    "are hiring an ",
    "hiring a ",
    "hiring an ",
    "looking for a ",
    "looking for an ",
    "seeking a ",
    "seeking an ",
    "seeks a ",
    "seeks an ",
    "join us as a ",
    "join us as an ",
    "join us as ",
    "join our team as a ",
    "join our team as an ",
    "join our team as ",
    "position of ",
    "role of ",
];

/// Words that end a job title (the head noun), lowercase, singular.
const JOB_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "scientist",
    "analyst",
    "manager",
    "director",
    "architect",
    "designer",
    "consultant",
    "specialist",
    "technician",
    "technologist",
    "administrator",
    "coordinator",
    "assistant",
    "associate",
    "intern",
    "representative",
    "officer",
    "lead",
    "nurse",
    "driver",
    "teacher",
    "instructor",
    "tutor",
    "accountant",
    "auditor",
    "bookkeeper",
    "controller",
    "clerk",
    "cashier",
    "supervisor",
    "operator",
    "mechanic",
    "electrician",
    "plumber",
    "welder",
    "machinist",
    "carpenter",
    "pharmacist",
    "therapist",
    "physician",
    "practitioner",
    "paramedic",
    "hygienist",
    "researcher",
    "writer",
    "editor",
    "recruiter",
    "planner",
    "agent",
    "advisor",
    "adviser",
    "attorney",
    "paralegal",
    "chef",
    "cook",
    "receptionist",
    "strategist",
    "marketer",
    "tester",
    "steward",
    "custodian",
    "caregiver",
    "aide",
    "counselor",
    "counsellor",
    "economist",
    "statistician",
    "actuary",
    "underwriter",
    "surveyor",
    "inspector",
    "dispatcher",
    "estimator",
    "buyer",
    "producer",
    "head",
];

/// Whether a lowercase word is the head noun of a job title, singular or plural ("engineer",
/// "nurses").
pub(crate) fn is_job_word(word: &str) -> bool {
    JOB_WORDS.contains(&word) || JOB_WORDS.contains(&word.trim_end_matches('s'))
}

/// Words before a title that are not part of it.
const NOT_TITLE: &[&str] = &[
    "a",
    "an",
    "the",
    "our",
    "your",
    "new",
    "motivated",
    "talented",
    "passionate",
    "experienced",
    "skilled",
    "dedicated",
    "driven",
    "dynamic",
    "creative",
    "enthusiastic",
    "highly",
    "self-motivated",
    "strong",
    "great",
    "outstanding",
    "exceptional",
    "curious",
    "full-time",
    "part-time",
    "remote",
    "hybrid",
    "rockstar",
    "proactive",
    "hands-on",
    "detail-oriented",
    "results-driven",
    "collaborative",
    "seasoned",
    "qualified",
];

/// A job title named in a sentence: after a cue ("hiring a", "seeking a", "join us as") or
/// in "As a … you will"; the phrase must end in a job word.
fn title_in_sentence(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    // Byte offsets of the lowercase line match the line only for ASCII-preserving case maps.
    if lower.len() != line.len() {
        return None;
    }
    let mut phrases: Vec<&str> = Vec::new();
    for cue in TITLE_CUES {
        if let Some(at) = lower.find(cue) {
            phrases.push(&line[at + cue.len()..]);
        }
    }
    for (start, _) in lower.match_indices("as a") {
        let at_sentence_start = line[..start].trim_end().is_empty()
            || line[..start].trim_end().ends_with(['.', '!', '?']);
        let rest = &lower[start + 4..];
        let skip = if rest.starts_with("n ") {
            2
        } else if rest.starts_with(' ') {
            1
        } else {
            continue;
        };
        let after = &line[start + 4 + skip..];
        let lower_after = &lower[start + 4 + skip..];
        if at_sentence_start && (lower_after.contains(" you ") || lower_after.contains(", you")) {
            phrases.push(after);
        }
    }
    phrases.into_iter().find_map(title_at_start)
}

/// The job title that opens `phrase` ("Senior Data Engineer to join …" → "Senior Data
/// Engineer"), if its words lead to a job word within eight words.
fn title_at_start(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase
        .split([',', '.', ';', ':', '!', '?', '(', ')', '—', '–'])
        .next()?
        .split_whitespace()
        .take(8)
        .collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let is_job = |w: &str| is_job_word(&bare(w));
    let first = words
        .iter()
        .position(|w| !NOT_TITLE.contains(&bare(w).as_str()))?;
    let noun = first + words[first..].iter().position(|w| is_job(w))?;
    let mut end = noun + 1;
    // "Director of Engineering", "Doctor of Pharmacy".
    if words.get(end).is_some_and(|w| *w == "of")
        && words
            .get(end + 1)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        end += 2;
    }
    let title = &words[first..end];
    let capitalised = title
        .iter()
        .filter(|w| !matches!(**w, "of" | "and" | "&"))
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    let lowercase = title.iter().all(|w| !w.starts_with(char::is_uppercase));
    // "an engineer who …" is too vague to be a title; "an Accountant to …" is one.
    if !(capitalised || (lowercase && title.len() >= 2 && title.len() <= 4)) {
        return None;
    }
    let title: Vec<String> = title
        .iter()
        .map(|w| {
            if lowercase && *w != "of" {
                let mut chars = w.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            } else {
                (*w).to_string()
            }
        })
        .collect();
    Some(title.join(" "))
}

fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_split_on_dash_lines_only() {
        let paste = "First post\nline two\n---\n\n-----  \r\nSecond post - with a dash\n--\nstill second\n---";
        assert_eq!(
            split_posts(paste),
            [
                "First post\nline two",
                "Second post - with a dash\n--\nstill second"
            ]
        );
        assert!(split_posts("").is_empty());
        assert!(split_posts("---\n---\n").is_empty());
        assert_eq!(split_posts("only one"), ["only one"]);
    }

    #[test]
    fn titles_come_from_the_first_line() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Senior Data Engineer\nWe are hiring.", Some("Senior Data Engineer")),
            ("\n\n  ## Staff Engineer, Platform:\nbody", Some("Staff Engineer, Platform")),
            ("**Backend Developer**\n", Some("Backend Developer")),
            ("• ML Engineer (Remote)", Some("ML Engineer (Remote)")),
            ("<h1>Data Scientist</h1><p>Join us</p>", Some("Data Scientist")),
            (
                "We are a fast-growing startup looking for an engineer who loves building reliable systems.",
                None,
            ),
            ("", None),
            ("---\n***", None),
            // A meta line names the job when the first line does not.
            ("Job Description\nJob Title: Senior Data Engineer\nLocation: Houston, TX", Some("Senior Data Engineer")),
            ("About the job\nPosition: Registered Nurse - ICU\nWe care.", Some("Registered Nurse - ICU")),
            ("Title: Class A CDL Driver", Some("Class A CDL Driver")),
            // A first line that reads as a title keeps its place (it is what the post shows).
            (
                "Senior Data Engineer II\nRole: Senior Data Engineer",
                Some("Senior Data Engineer II"),
            ),
            ("**Role:** Staff Accountant\nJoin us.", Some("Staff Accountant")),
            // A first line that is a sentence: the title is found in the text.
            (
                "We are hiring a Senior Data Engineer to build our lakehouse on AWS and mentor two engineers.\nYou will own ingestion.",
                Some("Senior Data Engineer"),
            ),
            (
                "Riverside Health is growing fast and our intensive care unit needs help this winter.\nAs a Registered Nurse you will care for three patients per shift.",
                Some("Registered Nurse"),
            ),
            (
                "Northwind Logistics, a family-owned carrier since 1987, is seeking a Class A CDL Driver for regional routes.",
                Some("Class A CDL Driver"),
            ),
            (
                "Come build the future of payments with a team that ships every single day of the week.\nJoin us as a Director of Engineering, Payments.",
                Some("Director of Engineering"),
            ),
            (
                "We're hiring a data engineer to help our analysts move faster with better pipelines.",
                Some("Data Engineer"),
            ),
            (
                "Our accounting team is growing and we are looking for a motivated Staff Accountant (CPA preferred).",
                Some("Staff Accountant"),
            ),
            (
                "About the job\nAcme is hiring a Frontend Developer to own our design system.",
                Some("Frontend Developer"),
            ),
            // Negatives: nothing that reads as a title.
            (
                "We are a small team looking for someone who loves building reliable backend systems.",
                None,
            ),
            (
                "As a company we value honesty, curiosity and kindness in everything we do every day.",
                None,
            ),
            (
                "We are seeking a partner who shares our mission to make healthcare affordable for all.",
                None,
            ),
            (
                "Our team works as a unit and you will enjoy flexible hours and a generous learning budget.",
                None,
            ),
            (
                // A "Role:" line holding a sentence is not a title, nor is the sentence.
                "Role: You will lead the migration of our services to Kubernetes.\nMore text here.",
                None,
            ),
            ("We are hiring.\nThanks for reading this post about nothing in particular at all.", None),
        ];
        for (post, expected) in cases {
            assert_eq!(infer_title(post).as_deref(), *expected, "{post:?}");
        }
    }
}
