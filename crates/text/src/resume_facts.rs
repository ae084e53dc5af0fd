//! The person's side of the hard requirements, read from their resume: dated work roles
//! (overlaps merged when counting years; education and projects are not roles), degrees (a
//! degree with a future or "expected" end is in progress), licences and certifications,
//! clearances, and a seniority level (from role titles, else estimated from years).
//!
//! Sections are found from the resume's own headings ("Experience", "Work History",
//! "Education", "Projects" …), read here with a resume table rather than the job-post one in
//! [`crate::classify_heading`] (where "Experience" means "what we require").

use serde::{Deserialize, Serialize};

use crate::dates::{find_date_range, DatePoint, YearMonth};
use crate::hard_requirements::{
    clearance_in, degree_mentions, hard_requirements, licenses_in, title_seniority, ClearanceLevel,
    DegreeLevel, HardRequirement, Seniority,
};
use crate::heading::heading_words;
use crate::html::text_keeping_lines;
use crate::scan::{has_any, texts, tokens};

/// One dated work role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The job title as written ("Senior Software Engineer"); empty if none was found.
    pub title: String,
    /// The employer, if found.
    pub organization: Option<String>,
    /// First month.
    pub start: YearMonth,
    /// Last month; `None` for "present".
    pub end: Option<YearMonth>,
    /// An internship, co-op or apprenticeship.
    pub internship: bool,
    /// The role's lines (title, employer, bullets), for per-skill years.
    pub text: String,
}

/// One degree from the education section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Degree {
    /// Its level.
    pub level: DegreeLevel,
    /// Its field, lower case, if found.
    pub field: Option<String>,
    /// Not finished yet (a future or "expected" end, "candidate", "pursuing", "present").
    pub in_progress: bool,
    /// The latest date of its entry (graduation, or expected graduation).
    pub end: Option<YearMonth>,
    /// The line it was read from.
    pub line: String,
}

/// Where the person's seniority was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SenioritySource {
    /// A seniority word in a role title.
    Title,
    /// Estimated from years of work (or their absence, for a student).
    Years,
}

/// The person's seniority and how it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeniorityEstimate {
    /// The level.
    pub level: Seniority,
    /// Read from a title, or estimated from years.
    pub source: SenioritySource,
    /// The title it was read from, or how it was estimated ("about 7 years of roles").
    pub evidence: String,
}

/// What a resume says about the person's hard requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeFacts {
    /// The month "present" was read as.
    pub as_of: YearMonth,
    /// The lines before the first section heading (name, headline, contact, location).
    pub header: String,
    /// Dated work roles, in resume order.
    pub roles: Vec<Role>,
    /// Years of work from the roles, overlaps merged (internships included).
    pub experience_years: f32,
    /// Of which internships, overlaps merged.
    pub internship_years: f32,
    /// Degrees, in resume order.
    pub degrees: Vec<Degree>,
    /// Licences and certifications named (normalised, as in the post vocabulary). The JSON
    /// key keeps its first spelling.
    #[serde(rename = "licences")]
    pub licenses: Vec<String>,
    /// Clearances stated.
    pub clearances: Vec<ClearanceLevel>,
    /// The person's seniority, if anything says it.
    pub seniority: Option<SeniorityEstimate>,
    /// Whether the resume has an education section (so a missing degree is a fact, not a
    /// gap in the parsing).
    pub has_education_section: bool,
    /// The years of experience the person says they have, in the header or a summary
    /// ("over 7 years of development experience"); dated roles can show fewer (an unlisted
    /// early job, freelance work), so a check that dates alone fail says so rather than
    /// calling it missing.
    #[serde(default)]
    pub stated_years: Option<StatedYears>,
}

/// Years of experience the resume states, and the sentence that states them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedYears {
    /// The years ("over 7 years" → 7).
    pub years: u32,
    /// The sentence they were read from.
    pub sentence: String,
}

impl ResumeFacts {
    /// The highest finished degree.
    pub fn highest_finished_degree(&self) -> Option<&Degree> {
        self.degrees
            .iter()
            .filter(|d| !d.in_progress)
            .max_by_key(|d| d.level)
    }

    /// Years of the roles `keep` selects, overlaps merged (as [`ResumeFacts::experience_years`]).
    pub fn years_of_roles(&self, keep: impl Fn(&Role) -> bool) -> f32 {
        years_of(merged_months(
            self.roles.iter().filter(|r| keep(r)),
            self.as_of,
        ))
    }

    /// The first and last year of the roles ("2018", "2025"), the last one `None` for present.
    pub fn role_span(&self) -> Option<(i32, Option<i32>)> {
        let first = self.roles.iter().map(|r| r.start.year).min()?;
        let last = if self.roles.iter().any(|r| r.end.is_none()) {
            None
        } else {
            self.roles
                .iter()
                .filter_map(|r| r.end.map(|e| e.year))
                .max()
        };
        Some((first, last))
    }
}

/// The part of a resume a line sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before any heading: name, contact lines, headline.
    Header,
    Work,
    Education,
    Projects,
    /// "Certifications", "Licenses": one licence or certification per line.
    Certifications,
    Other,
}

/// Resume headings (normalised words) and the part they open.
const RESUME_HEADINGS: &[(&str, Part)] = {
    use Part::*;
    &[
        ("experience", Work),
        ("experiences", Work),
        ("work experience", Work),
        ("professional experience", Work),
        ("relevant experience", Work),
        ("industry experience", Work),
        ("employment", Work),
        ("employment history", Work),
        ("work history", Work),
        ("career history", Work),
        ("professional history", Work),
        ("career", Work),
        ("career experience", Work),
        ("positions", Work),
        ("positions held", Work),
        ("clinical experience", Work),
        ("teaching experience", Work),
        ("driving experience", Work),
        ("military experience", Work),
        ("research experience", Work),
        ("internships", Work),
        ("internship", Work),
        ("internship experience", Work),
        ("work", Work),
        ("professional background", Work),
        ("education", Education),
        ("educational background", Education),
        ("education and training", Education),
        ("education and certifications", Education),
        ("education and certification", Education),
        ("education and credentials", Education),
        ("academic background", Education),
        ("academics", Education),
        ("academic history", Education),
        ("education history", Education),
        ("degrees", Education),
        ("projects", Projects),
        ("personal projects", Projects),
        ("selected projects", Projects),
        ("academic projects", Projects),
        ("side projects", Projects),
        ("project experience", Projects),
        ("key projects", Projects),
        ("technical projects", Projects),
        ("open source", Projects),
        ("portfolio", Projects),
        ("skills", Other),
        ("technical skills", Other),
        ("core skills", Other),
        ("key skills", Other),
        ("core competencies", Other),
        ("competencies", Other),
        ("certifications", Certifications),
        ("certificates", Certifications),
        ("licenses", Certifications),
        ("licences", Certifications),
        ("licenses and certifications", Certifications),
        ("certifications and licenses", Certifications),
        ("licensure", Certifications),
        ("licenses and certificates", Certifications),
        ("certificates and licenses", Certifications),
        ("licences and certifications", Certifications),
        ("certifications and licences", Certifications),
        ("professional certifications", Certifications),
        ("professional licenses", Certifications),
        ("endorsements", Certifications),
        ("licenses and endorsements", Certifications),
        ("credentials", Certifications),
        ("summary", Other),
        ("professional summary", Other),
        ("profile", Other),
        ("about", Other),
        ("about me", Other),
        ("objective", Other),
        ("career objective", Other),
        ("awards", Other),
        ("honors", Other),
        ("honors and awards", Other),
        ("awards and honors", Other),
        ("achievements", Other),
        ("publications", Other),
        ("volunteer", Other),
        ("volunteering", Other),
        ("volunteer experience", Other),
        ("leadership", Other),
        ("leadership experience", Other),
        ("activities", Other),
        ("extracurricular activities", Other),
        ("leadership and activities", Other),
        ("interests", Other),
        ("languages", Other),
        ("references", Other),
        ("contact", Other),
        ("coursework", Other),
        ("relevant coursework", Other),
        ("additional information", Other),
        ("research", Other),
        ("training", Other),
    ]
};

/// The part a heading line opens, if it is a resume heading.
fn heading_part(line: &str) -> Option<Part> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 60 || find_date_range(trimmed).is_some() {
        return None;
    }
    let words = heading_words(trimmed);
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let joined = words.join(" ");
    let certification_words = words.iter().all(|w| {
        matches!(
            w.as_str(),
            "licenses"
                | "licences"
                | "license"
                | "licence"
                | "licensure"
                | "certifications"
                | "certification"
                | "certificates"
                | "certificate"
                | "credentials"
                | "endorsements"
                | "and"
                | "professional"
        )
    });
    if certification_words && words.iter().any(|w| w != "and" && w != "professional") {
        return Some(Part::Certifications);
    }
    RESUME_HEADINGS
        .iter()
        .find(|(h, _)| *h == joined)
        .map(|&(_, part)| part)
}

/// Whether a line is a resume section heading ("Experience", "Work History", "Projects").
pub(crate) fn is_resume_section_heading(line: &str) -> bool {
    heading_part(line).is_some()
}

/// Words that make a line read as a job title.
const JOB_WORDS: &str = "\
    engineer developer programmer scientist analyst manager director intern internship \
    consultant designer architect lead specialist administrator assistant associate \
    coordinator officer representative technician teacher tutor instructor professor \
    lecturer nurse driver accountant auditor clerk operator researcher fellow owner founder \
    cofounder ceo cto cfo coo vp president head supervisor advisor adviser attorney paralegal \
    therapist pharmacist physician cashier server bartender cook chef mechanic electrician \
    plumber carpenter laborer worker agent banker trader writer editor producer sre devops \
    contractor freelancer freelance aide caregiver medic emt paramedic strategist marketer \
    recruiter partner principal apprentice trainee coop bookkeeper controller teller planner \
    dispatcher handler loader member staff programmer co-op rn lpn cna practitioner \
    superintendent foreman estimator inspector surveyor dentist hygienist counselor \
    librarian secretary receptionist auditor underwriter actuary economist statistician \
    ta ra postdoc postdoctoral";

fn has_job_word(text: &str) -> bool {
    let toks = tokens(text);
    texts(&toks)
        .iter()
        .any(|w| JOB_WORDS.split_whitespace().any(|j| j == *w))
}

/// Reads a resume's roles, degrees, licences, clearances and seniority. `today` is the month
/// "present" means (passed in: the core has no clock). Never panics.
pub fn resume_facts(resume_text: &str, today: YearMonth) -> ResumeFacts {
    let text = text_keeping_lines(resume_text);
    let raw: Vec<&str> = text.lines().map(str::trim).collect();
    let mut parts = Vec::with_capacity(raw.len());
    let mut part = Part::Header;
    let mut headings = vec![false; raw.len()];
    for (i, line) in raw.iter().enumerate() {
        let bare = crate::document::strip_bullet(line);
        if let Some(p) = heading_part(bare) {
            part = p;
            headings[i] = true;
        }
        parts.push(part);
    }
    let lines: Vec<Line<'_>> = raw
        .iter()
        .zip(&parts)
        .zip(&headings)
        .map(|((text, &part), &heading)| Line {
            text: crate::document::strip_bullet(text).trim(),
            bullet: crate::document::strip_bullet(text).len() != text.len(),
            part,
            heading,
        })
        .collect();

    let roles = read_roles(&lines, today);
    let has_education_section = lines.iter().any(|l| l.heading && l.part == Part::Education);
    let degrees = read_degrees(&lines, today, has_education_section);
    let mut licenses: Vec<String> = Vec::new();
    for line in lines.iter().filter(|l| !l.heading) {
        for (_, _, name) in licenses_in(line.text, &tokens(line.text)) {
            if !licenses.contains(&name) {
                licenses.push(name);
            }
        }
    }
    // A certifications section names one per line, known to the table or not.
    for line in lines
        .iter()
        .filter(|l| l.part == Part::Certifications && !l.heading && !l.text.is_empty())
    {
        let toks = tokens(line.text);
        if !licenses_in(line.text, &toks).is_empty() || clearance_in(&texts(&toks)).is_some() {
            continue;
        }
        if let Some(name) = certification_line_name(line.text) {
            if !licenses.contains(&name) {
                licenses.push(name);
            }
        }
    }
    let mut clearances: Vec<ClearanceLevel> = Vec::new();
    for line in &lines {
        let toks = tokens(line.text);
        if let Some((level, _, _)) = clearance_in(&texts(&toks)) {
            if !clearances.contains(&level) {
                clearances.push(level);
            }
        }
    }

    let months =
        |filter: &dyn Fn(&Role) -> bool| merged_months(roles.iter().filter(|r| filter(r)), today);
    let experience_years = years_of(months(&|_| true));
    let internship_years = years_of(months(&|r| r.internship));
    let work_years = years_of(months(&|r| !r.internship));
    let seniority = estimate_seniority(&roles, work_years, &degrees, today);
    let header = lines
        .iter()
        .take_while(|l| l.part == Part::Header)
        .map(|l| l.text)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let stated_years = stated_years(&lines);
    ResumeFacts {
        as_of: today,
        header,
        roles,
        experience_years,
        internship_years,
        degrees,
        licenses,
        clearances,
        seniority,
        has_education_section,
        stated_years,
    }
}

/// The most years of experience the header or a summary states: each run of lines outside
/// the dated parts (work, education, projects, licences) read as one paragraph, so a claim
/// wrapped over two lines of a PDF paste is still read.
fn stated_years(lines: &[Line<'_>]) -> Option<StatedYears> {
    let summary = |l: &Line<'_>| matches!(l.part, Part::Header | Part::Other) && !l.heading;
    lines
        .chunk_by(|a, b| summary(a) == summary(b))
        .filter(|run| run.first().is_some_and(summary))
        .flat_map(|run| {
            let paragraph = run.iter().map(|l| l.text).collect::<Vec<_>>().join(" ");
            hard_requirements(&paragraph, None)
        })
        .filter_map(|found| match found.requirement {
            HardRequirement::Experience { years, .. } => Some(StatedYears {
                years,
                sentence: found.source,
            }),
            _ => None,
        })
        .max_by_key(|s| s.years)
}

/// The name a certifications line gives: its first item, without dates or issuer
/// ("Tableau Desktop Specialist (2024)" → "tableau desktop specialist").
fn certification_line_name(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    // LinkedIn's detail lines under each certification.
    if [
        "issued",
        "expires",
        "expired",
        "valid",
        "credential",
        "license number",
        "id ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let mut name = line;
    for sep in [" — ", " – ", " - ", " | ", ",", "(", ";", ":"] {
        if let Some((first, _)) = name.split_once(sep) {
            name = first;
        }
    }
    if let Some(range) = find_date_range(name) {
        name = name.get(..range.span.start).unwrap_or(name);
    }
    let name = name.trim().trim_end_matches(['.', ',']).to_lowercase();
    let words = name.split_whitespace().count();
    ((1..=8).contains(&words) && name.chars().any(char::is_alphabetic)).then_some(name)
}

struct Line<'a> {
    text: &'a str,
    bullet: bool,
    part: Part,
    heading: bool,
}

/// Months to years, to one decimal.
fn years_of(months: i64) -> f32 {
    (months as f32 / 12.0 * 10.0).round() / 10.0
}

/// First month (inclusive) and last month (exclusive) a role covers, as month indices.
fn role_interval(role: &Role, today: YearMonth) -> Option<(i64, i64)> {
    let start = role.start.index();
    let end = match role.end {
        None => today.index() + 1,
        Some(end) => end.index() + 1,
    }
    .min(today.index() + 1);
    (start < end).then_some((start, end))
}

/// Months covered by the roles, overlaps counted once.
fn merged_months<'a>(roles: impl Iterator<Item = &'a Role>, today: YearMonth) -> i64 {
    let mut intervals: Vec<(i64, i64)> = roles.filter_map(|r| role_interval(r, today)).collect();
    intervals.sort_unstable();
    let mut total = 0;
    let mut current: Option<(i64, i64)> = None;
    for (start, end) in intervals {
        match current {
            Some((s, e)) if start <= e => current = Some((s, e.max(end))),
            Some((s, e)) => {
                total += e - s;
                current = Some((start, end));
            }
            None => current = Some((start, end)),
        }
    }
    if let Some((s, e)) = current {
        total += e - s;
    }
    total
}

/// The end month of a range end, as the role's last month. A bare year ends in its
/// January: "2018–2021" is three years, as people count it.
fn end_month(end: &DatePoint) -> YearMonth {
    if end.month_known {
        end.month
    } else {
        // Last month is December of the year before: months(2018-01 .. 2021-01) = 36.
        YearMonth::new(end.month.year - 1, 12)
    }
}

fn read_roles(lines: &[Line<'_>], today: YearMonth) -> Vec<Role> {
    // Dated lines of the work part.
    let dated: Vec<(usize, crate::dates::DateRange)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.part == Part::Work && !l.heading && !l.text.is_empty())
        .filter_map(|(i, l)| find_date_range(l.text).map(|r| (i, r)))
        .filter(|(i, r)| {
            // A single date is a role only for an internship ("Summer 2024").
            r.end != Some(r.start) || has_intern_word(lines[*i].text)
        })
        .collect();
    let mut roles = Vec::new();
    for (n, (i, range)) in dated.iter().enumerate() {
        let line = lines[*i].text;
        let rest = remove_span(line, range.span.clone());
        let mut parts = split_title_parts(&rest);
        let mut title: Option<String> = None;
        let mut organization: Option<String> = None;
        if let Some(p) = parts.iter().position(|p| has_job_word(p)) {
            title = Some(parts.remove(p));
        }
        let neighbour = |j: usize| -> Option<&str> {
            let l = lines.get(j)?;
            (l.part == Part::Work
                && !l.heading
                && !l.bullet
                && !l.text.is_empty()
                && l.text.split_whitespace().count() <= 12
                && find_date_range(l.text).is_none())
            .then_some(l.text)
        };
        let previous = i.checked_sub(1).and_then(&neighbour);
        let next = neighbour(i + 1);
        if title.is_none() {
            for candidate in [previous, next].into_iter().flatten() {
                let mut candidate_parts = split_title_parts(candidate);
                if let Some(p) = candidate_parts.iter().position(|p| has_job_word(p)) {
                    title = Some(candidate_parts.remove(p));
                    if parts.is_empty() {
                        organization = candidate_parts.into_iter().next();
                    }
                    break;
                }
            }
        }
        if organization.is_none() {
            organization = parts.into_iter().next().or_else(|| {
                previous
                    .filter(|p| Some(*p) != title.as_deref())
                    .map(str::to_owned)
            });
        }
        let title = title.unwrap_or_default();
        let end_line = dated.get(n + 1).map_or(lines.len(), |(j, _)| *j);
        let stop = (i + 1..end_line)
            .find(|&j| lines[j].part != Part::Work || lines[j].heading)
            .unwrap_or(end_line);
        let mut text = String::new();
        if let Some(p) = previous {
            text.push_str(p);
            text.push('\n');
        }
        text.push_str(line);
        for l in &lines[i + 1..stop] {
            text.push('\n');
            text.push_str(l.text);
        }
        let end = match range.end {
            None => None,
            Some(e) if e == range.start => Some(YearMonth::new(
                e.month.year,
                if e.month_known { e.month.month } else { 12 },
            )),
            Some(e) => Some(end_month(&e)),
        };
        let internship = has_intern_word(&title) || has_intern_word(line);
        let mut start = range.start.month;
        // "Summer 2024" alone: a summer internship, June to August.
        if range.end == Some(range.start) {
            start = range.start.month;
        }
        if start > today {
            continue;
        }
        let end = if range.end == Some(range.start) && range.start.month.month == 6 {
            Some(YearMonth::new(start.year, 8))
        } else {
            end
        };
        roles.push(Role {
            title,
            organization: organization.filter(|o| !o.is_empty()),
            start,
            end,
            internship,
            text,
        });
    }
    roles
}

fn has_intern_word(text: &str) -> bool {
    let toks = tokens(text);
    let words = texts(&toks);
    words.iter().any(|w| {
        matches!(
            *w,
            "intern" | "internship" | "coop" | "apprentice" | "apprenticeship" | "trainee"
        )
    }) || has_any(&words, &["co - op"])
}

/// The line without the dates, and without the separators and brackets around them.
fn remove_span(line: &str, span: std::ops::Range<usize>) -> String {
    let before = line.get(..span.start).unwrap_or("");
    let after = line.get(span.end..).unwrap_or("");
    let before = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | '[' | '|' | ',' | '-' | '–' | '—' | '·' | '•')
    });
    let after = after.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '|' | ',' | '-' | '–' | '—' | '·' | '•')
    });
    // "Expected", "Dates:" left before the dates say nothing about the role.
    format!("{before} {after}").trim().to_owned()
}

/// "Senior Engineer — Acme Corp, Austin TX" → ["Senior Engineer", "Acme Corp", "Austin TX"].
fn split_title_parts(text: &str) -> Vec<String> {
    let cleaned = text.replace("**", "").replace("__", "");
    let mut parts: Vec<String> = vec![cleaned];
    for sep in [
        " | ", " — ", " – ", " - ", " at ", " @ ", ", ", "\t", " · ", " • ",
    ] {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                p.split(sep)
                    .map(|s| s.trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| {
            let mut p = p.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#'));
            // Unbalanced brackets left by the cut: "(Remote", "Acme)".
            if p.starts_with('(') && !p.contains(')') {
                p = &p[1..];
            }
            if p.ends_with(')') && !p.contains('(') {
                p = &p[..p.len() - 1];
            }
            p.trim().to_owned()
        })
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect()
}

fn read_degrees(lines: &[Line<'_>], today: YearMonth, has_education: bool) -> Vec<Degree> {
    let in_scope = |l: &Line<'_>| {
        !l.heading
            && if has_education {
                l.part == Part::Education
            } else {
                l.part != Part::Work && l.part != Part::Projects
            }
    };
    let degree_lines: Vec<(usize, crate::hard_requirements::DegreeMention)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| in_scope(l))
        .filter_map(|(i, l)| {
            let toks = tokens(l.text);
            let words = texts(&toks);
            degree_mentions(&words, has_education)
                .into_iter()
                .max_by_key(|d| d.level)
                .map(|d| (i, d))
        })
        .collect();
    let is_degree_line = |j: usize| degree_lines.iter().any(|(i, _)| *i == j);
    let mut out = Vec::new();
    for (i, mention) in &degree_lines {
        let i = *i;
        let mut entry: Vec<&str> = Vec::new();
        // The school and date lines above belong to this degree when they start a block
        // (a blank line or the heading above them, not the previous degree).
        let mut above = Vec::new();
        let mut j = i;
        let mut starts_block = false;
        while j > 0 && above.len() < 3 {
            j -= 1;
            let l = &lines[j];
            if l.text.is_empty() || l.heading || !in_scope(l) {
                starts_block = true;
                break;
            }
            if is_degree_line(j) {
                break;
            }
            above.push(l.text);
        }
        if starts_block || j == 0 {
            entry.extend(above.into_iter().rev());
        }
        entry.push(lines[i].text);
        for j in i + 1..(i + 3).min(lines.len()) {
            let l = &lines[j];
            if l.text.is_empty() || !in_scope(l) || is_degree_line(j) {
                break;
            }
            // The next block's school line.
            if j + 1 < lines.len() && is_degree_line(j + 1) && j > i + 1 {
                break;
            }
            entry.push(l.text);
        }
        let mut latest: Option<YearMonth> = None;
        let mut present = false;
        for line in &entry {
            if let Some(range) = find_date_range(line) {
                match range.end {
                    None => present = true,
                    Some(end) => {
                        let month = if end.month_known {
                            end.month
                        } else {
                            YearMonth::new(end.month.year, 5)
                        };
                        latest = latest.max(Some(month));
                    }
                }
            }
        }
        let entry_tokens = tokens(&entry.join(" \n "));
        let entry_words = texts(&entry_tokens);
        let said_in_progress = has_any(
            &entry_words,
            &[
                "expected",
                "anticipated",
                "candidate",
                "pursuing",
                "in progress",
                "current",
                "currently",
                "ongoing",
                "expected graduation",
                "to graduate",
            ],
        );
        let in_progress = present || said_in_progress || latest.is_some_and(|m| m > today);
        out.push(Degree {
            level: mention.level,
            field: mention.field.clone(),
            in_progress,
            end: latest,
            line: lines[i].text.to_owned(),
        });
    }
    out
}

/// The latest month a text names ("Feb. 2021 – July 2023" → 2023-07), for callers without
/// a clock: "present" then means the last month the resume itself mentions.
pub fn latest_month(text: &str) -> Option<YearMonth> {
    text.lines()
        .filter_map(find_date_range)
        .map(|r| r.end.unwrap_or(r.start).month)
        .max()
}

/// The person's seniority: the highest seniority word of their (non-intern) role titles;
/// else estimated from years of work; a graduate with only internships, or with no dated role
/// and a degree finished in the last two years, is entry level; a student with only
/// internships is an intern, one with no roles but a degree in progress entry level. A
/// resume with no dated role and an older degree (a brag document, an undated list of
/// accomplishments) gives no estimate: nothing says how long the person has worked.
fn estimate_seniority(
    roles: &[Role],
    work_years: f32,
    degrees: &[Degree],
    today: YearMonth,
) -> Option<SeniorityEstimate> {
    let from_titles = |internships: bool| {
        roles
            .iter()
            .filter(|r| r.internship == internships)
            .filter_map(|r| title_seniority(&r.title).map(|s| (s, r.title.clone())))
            .max_by_key(|(s, _)| s.rank())
    };
    let has_work = roles.iter().any(|r| !r.internship);
    if has_work {
        if let Some((level, title)) = from_titles(false) {
            return Some(SeniorityEstimate {
                level,
                source: SenioritySource::Title,
                evidence: title,
            });
        }
        return Some(SeniorityEstimate {
            level: Seniority::from_years(work_years),
            source: SenioritySource::Years,
            evidence: format!("about {} of dated roles", years_phrase(work_years)),
        });
    }
    let finished: Vec<&Degree> = degrees
        .iter()
        .filter(|d| !d.in_progress && d.level >= DegreeLevel::Associate)
        .collect();
    let graduated = !finished.is_empty();
    let studying = degrees.iter().any(|d| d.in_progress);
    let recent_graduate = finished
        .iter()
        .any(|d| d.end.is_some_and(|end| today.index() - end.index() <= 24));
    if graduated && !studying && (!roles.is_empty() || recent_graduate) {
        return Some(SeniorityEstimate {
            level: Seniority::Entry,
            source: SenioritySource::Years,
            evidence: "a finished degree and no work roles beyond internships".to_owned(),
        });
    }
    if let Some(role) = roles.iter().find(|r| r.internship) {
        return Some(SeniorityEstimate {
            level: Seniority::Intern,
            source: SenioritySource::Title,
            evidence: role.title.clone(),
        });
    }
    degrees
        .iter()
        .any(|d| d.in_progress)
        .then(|| SeniorityEstimate {
            level: Seniority::Entry,
            source: SenioritySource::Years,
            evidence: "no dated work roles; a degree in progress".to_owned(),
        })
}

/// "7 years", "1 year", "half a year".
pub(crate) fn years_phrase(years: f32) -> String {
    let rounded = years.round();
    if years < 0.75 {
        format!("{:.0} months", (years * 12.0).round())
    } else if (rounded - 1.0).abs() < f32::EPSILON {
        "1 year".to_owned()
    } else {
        format!("{rounded:.0} years")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> YearMonth {
        YearMonth::new(2026, 12)
    }

    #[test]
    fn resume_headings_open_parts() {
        let cases: &[(&str, Option<Part>)] = &[
            ("EXPERIENCE", Some(Part::Work)),
            ("## Work History", Some(Part::Work)),
            ("Professional Experience:", Some(Part::Work)),
            ("**Education**", Some(Part::Education)),
            ("Projects", Some(Part::Projects)),
            ("Volunteer Experience", Some(Part::Other)),
            ("Senior Software Engineer", None),
            ("Experience 2019 – 2021", None),
        ];
        for (line, expected) in cases {
            assert_eq!(heading_part(line), *expected, "{line}");
        }
    }

    #[test]
    fn overlapping_roles_count_once() {
        let role = |start: (i32, u8), end: Option<(i32, u8)>| Role {
            title: String::new(),
            organization: None,
            start: YearMonth::new(start.0, start.1),
            end: end.map(|e| YearMonth::new(e.0, e.1)),
            internship: false,
            text: String::new(),
        };
        let roles = [
            role((2018, 1), Some((2020, 12))),
            role((2020, 1), Some((2021, 12))),
            role((2023, 1), None),
        ];
        // 2018-01..2021-12 = 48 months, 2023-01..2026-12 = 48 months.
        assert_eq!(merged_months(roles.iter(), today()), 96);
    }

    #[test]
    fn years_read_as_people_say_them() {
        assert_eq!(years_phrase(7.2), "7 years");
        assert_eq!(years_phrase(1.1), "1 year");
        assert_eq!(years_phrase(0.25), "3 months");
    }

    const STUDENT: &str = "Jamie Rivera\n\
        jamie@example.com | Austin, TX\n\
        \n\
        EDUCATION\n\
        University of Texas at Austin\n\
        B.S. Computer Science, Expected May 2028\n\
        GPA: 3.8\n\
        \n\
        EXPERIENCE\n\
        Software Engineering Intern, Acme Corp    June 2025 – August 2025\n\
        - Built a Python service for invoices\n\
        \n\
        PROJECTS\n\
        Chess engine (2024 – Present)\n\
        - Wrote a chess engine in Rust\n";

    const SENIOR: &str = "# Dana Kim\n\
        Senior backend engineer\n\
        \n\
        ## Work History\n\
        **Senior Software Engineer** — Globex, Remote (Feb. 2021 – Present)\n\
        - Led the Python and Go payments platform\n\
        \n\
        Initech\n\
        Software Engineer    2018–2021\n\
        - Built Java services on AWS\n\
        \n\
        Software Developer | Hooli | 06/2016 - 05/2018\n\
        - Wrote Python ETL jobs\n\
        \n\
        ## Education\n\
        Bachelor of Science in Computer Science, State University, 2016\n\
        \n\
        ## Certifications\n\
        AWS Certified Solutions Architect – Associate\n";

    #[test]
    fn stated_years_are_read_from_the_summary_not_the_roles() {
        let resume = "Lee Park\nSummary\nBackend engineer with over 7 years of\n\
            development experience.\n\nExperience\n\
            Software Engineer, Initech    2018 – 2023\n- Led 12 years of archived data into Postgres\n";
        let stated = resume_facts(resume, today()).stated_years;
        assert_eq!(stated.as_ref().map(|s| s.years), Some(7), "{stated:?}");
        assert_eq!(resume_facts(STUDENT, today()).stated_years, None);
    }

    #[test]
    fn a_student_has_an_internship_and_a_degree_in_progress() {
        let facts = resume_facts(STUDENT, today());
        assert_eq!(facts.roles.len(), 1, "{:#?}", facts.roles);
        let role = &facts.roles[0];
        assert_eq!(role.title, "Software Engineering Intern");
        assert_eq!(role.organization.as_deref(), Some("Acme Corp"));
        assert!(role.internship);
        assert_eq!(
            (role.start, role.end),
            (YearMonth::new(2025, 6), Some(YearMonth::new(2025, 8)))
        );
        assert_eq!(facts.experience_years, 0.3);
        assert_eq!(facts.internship_years, 0.3);
        assert_eq!(facts.degrees.len(), 1, "{:#?}", facts.degrees);
        let degree = &facts.degrees[0];
        assert_eq!(degree.level, DegreeLevel::Bachelor);
        assert_eq!(degree.field.as_deref(), Some("computer science"));
        assert!(degree.in_progress);
        assert_eq!(degree.end, Some(YearMonth::new(2028, 5)));
        let seniority = facts.seniority.as_ref().map(|s| s.level);
        assert_eq!(seniority, Some(Seniority::Intern));
        // The project's "2024 – Present" is not a role.
        assert!(facts.highest_finished_degree().is_none());
    }

    #[test]
    fn a_senior_has_merged_roles_a_degree_and_a_certification() {
        let facts = resume_facts(SENIOR, today());
        let titles: Vec<&str> = facts.roles.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Senior Software Engineer",
                "Software Engineer",
                "Software Developer"
            ]
        );
        assert_eq!(facts.roles[0].organization.as_deref(), Some("Globex"));
        assert_eq!(facts.roles[1].organization.as_deref(), Some("Initech"));
        assert_eq!(facts.roles[2].organization.as_deref(), Some("Hooli"));
        // 2016-06 .. 2020-12 (the 2018 overlap counted once) and 2021-02 .. 2026-12.
        assert_eq!(facts.experience_years, 10.5);
        assert_eq!(facts.internship_years, 0.0);
        assert_eq!(facts.degrees.len(), 1);
        assert_eq!(facts.degrees[0].level, DegreeLevel::Bachelor);
        assert_eq!(facts.degrees[0].field.as_deref(), Some("computer science"));
        assert!(!facts.degrees[0].in_progress);
        assert_eq!(facts.licenses, ["aws certified solutions architect"]);
        let seniority = facts.seniority.as_ref().map(|s| (s.level, s.source));
        assert_eq!(seniority, Some((Seniority::Senior, SenioritySource::Title)));
        assert_eq!(facts.role_span(), Some((2016, None)));
    }

    #[test]
    fn an_undated_resume_with_an_old_degree_gets_no_seniority_estimate() {
        // (resume, the estimate): no dated role says how long the person has worked; only
        // internships or a degree finished in the last two years make a graduate entry level.
        let cases: &[(&str, Option<Seniority>)] = &[
            (
                "## Experience\n- Led a team of five engineers through a migration.\n\n## Education\n- BSc in Computer Science, 2015.\n",
                None,
            ),
            (
                "## Experience\n- Built a course project in Rust.\n\n## Education\n- BSc in Computer Science, 2025.\n",
                Some(Seniority::Entry),
            ),
            (
                "## Experience\nSoftware Engineering Intern, Acme — June 2014 – August 2014\n- Wrote tests.\n\n## Education\n- BSc in Computer Science, 2015.\n",
                Some(Seniority::Entry),
            ),
        ];
        for (resume, expected) in cases {
            let facts = resume_facts(resume, today());
            assert_eq!(facts.seniority.map(|s| s.level), *expected, "{resume}");
        }
    }

    #[test]
    fn dates_in_many_shapes_make_roles() {
        // (resume, years of experience expected)
        let cases: &[(&str, f32)] = &[
            ("Experience\nData Analyst, Foo Inc. — Jan 2020 to Dec 2021\n", 2.0),
            ("Experience\nTeacher at Lincoln High School since 2022\n", 5.0),
            ("EMPLOYMENT HISTORY\nWarehouse Associate\nBarCo, 2019 – Present\n", 8.0),
            ("Experience\nNurse (RN), City Hospital, 06/2019 - 05/2020\nNurse, Mercy, 03/2020 - 02/2021\n", 1.8),
            // Education and projects are not roles.
            ("Education\nMS Computer Science 2019 – 2021\nProjects\nCompiler 2020 – 2021\n", 0.0),
        ];
        for (resume, years) in cases {
            let facts = resume_facts(resume, today());
            assert_eq!(
                facts.experience_years, *years,
                "{resume}: {:#?}",
                facts.roles
            );
        }
    }

    #[test]
    fn degrees_and_their_progress() {
        // (resume, expected (level, field, in progress) of each degree)
        type Expected = &'static [(DegreeLevel, Option<&'static str>, bool)];
        let cases: &[(&str, Expected)] = &[
            (
                "Education\nPhD Candidate, Machine Learning, MIT, 2023 – Present\nM.S. in Statistics, 2022\n",
                &[(DegreeLevel::Phd, Some("machine learning"), true), (DegreeLevel::Master, Some("statistics"), false)],
            ),
            ("EDUCATION\nBSN, Nursing — Texas Woman's University, 2015\n", &[(DegreeLevel::Bachelor, Some("nursing"), false)]),
            ("Education\nHigh School Diploma, Central High, 2010\n", &[(DegreeLevel::HighSchool, None, false)]),
            ("Education\nState University\n2024 - 2028\nBachelor of Arts, Economics\n", &[(DegreeLevel::Bachelor, Some("economics"), true)]),
            ("Summary\nProficient in MS Excel and MS Office\n", &[]),
        ];
        for (resume, expected) in cases {
            let facts = resume_facts(resume, today());
            let got: Vec<(DegreeLevel, Option<&str>, bool)> = facts
                .degrees
                .iter()
                .map(|d| (d.level, d.field.as_deref(), d.in_progress))
                .collect();
            assert_eq!(got, *expected, "{resume}");
        }
    }

    #[test]
    fn licenses_and_clearances_are_named() {
        let facts = resume_facts(
            "Licenses\nCDL Class A, Hazmat endorsement\nActive Secret clearance\nCPR certified\n",
            today(),
        );
        assert_eq!(facts.licenses, ["cdl class a", "hazmat endorsement", "cpr"]);
        assert_eq!(facts.clearances, [ClearanceLevel::Secret]);
    }
}
