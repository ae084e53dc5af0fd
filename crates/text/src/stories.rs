//! Cutting a resume or brag document into stories: a role, a project, an accomplishment with
//! its follow-up lines, a paragraph of a prose brag document.
//!
//! The cut is made on the source's lines (so every story and sentence keeps byte offsets into
//! what the person wrote), from what the layout says:
//!
//! - a known resume section heading ("Experience", "## Projects") closes the story under way
//!   and names the section of the stories below it; a Markdown heading that is not a section
//!   name starts a story titled by it, and one followed directly by deeper headings ("# 2023"
//!   over "## Payments migration") is a section too, whose dates the stories below inherit;
//! - a short line that is not a bullet (a role, employer or project line), or a line holding
//!   a date range, starts a story; consecutive such lines are one story's header ("Acme Corp" /
//!   "Senior Engineer, Feb. 2021 – July 2023");
//! - a top-level bullet with indented follow-up lines is an accomplishment story of its own
//!   (and so is every top-level bullet after it in that story), dated like its role;
//! - a prose paragraph after a blank line starts a story once the story under way has body
//!   text (so a role's header and its description stay together).
//!
//! Sentences come from [`crate::split_document`] (the same sentences and roles the match report
//! uses) and are found back in the source, in order, by their letters and digits; each goes to
//! the story whose lines hold it. Dates come from [`crate::dates`] and are normalised to
//! `YYYY-MM`, or `YYYY` when only the year is written; a story without dates of its own takes
//! its section's. Linear in the length of the text; never panics.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dates::{find_date_range, DatePoint, DateRange, YearMonth};
use crate::document::{split_document, strip_bullet};
use crate::heading::{clean_heading, heading_words, is_all_caps};
use crate::resume_facts::is_resume_section_heading;
use crate::role::SentenceRole;

/// A date as precise as the text wrote it: a month, or only a year. Ordered in time (a bare
/// year from its January, before that January written as a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoryDate {
    /// A year alone ("2018"), serialised `"YYYY"`.
    Year(i32),
    /// A month of a year ("Feb. 2021"), serialised `"YYYY-MM"`.
    Month(YearMonth),
}

impl StoryDate {
    /// The first month the date may mean (January for a bare year), for sorting and spans.
    pub fn first_month(self) -> YearMonth {
        match self {
            StoryDate::Year(year) => YearMonth::new(year, 1),
            StoryDate::Month(month) => month,
        }
    }

    /// The last month the date may mean (December for a bare year).
    pub fn last_month(self) -> YearMonth {
        match self {
            StoryDate::Year(year) => YearMonth::new(year, 12),
            StoryDate::Month(month) => month,
        }
    }

    /// Parses `"YYYY-MM"` or `"YYYY"`.
    pub fn parse(text: &str) -> Option<Self> {
        if text.contains('-') {
            YearMonth::parse(text).map(StoryDate::Month)
        } else {
            text.parse().ok().map(StoryDate::Year)
        }
    }

    fn of_point(point: DatePoint) -> Self {
        if point.month_known {
            StoryDate::Month(point.month)
        } else {
            StoryDate::Year(point.month.year)
        }
    }
}

impl PartialOrd for StoryDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StoryDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let precision = |d: &StoryDate| matches!(d, StoryDate::Month(_));
        (self.first_month(), precision(self)).cmp(&(other.first_month(), precision(other)))
    }
}

impl fmt::Display for StoryDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoryDate::Year(year) => write!(f, "{year:04}"),
            StoryDate::Month(month) => month.fmt(f),
        }
    }
}

impl Serialize for StoryDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StoryDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        StoryDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("not a YYYY or YYYY-MM date: {text:?}"))
        })
    }
}

/// When a story ends: a date, or "present" (an ongoing role, "since 2022").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoryEnd {
    /// It ended then.
    Date(StoryDate),
    /// It goes on; serialised `"present"`.
    Present,
}

impl fmt::Display for StoryEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoryEnd::Date(date) => date.fmt(f),
            StoryEnd::Present => f.write_str("present"),
        }
    }
}

impl Serialize for StoryEnd {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StoryEnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "present" {
            return Ok(StoryEnd::Present);
        }
        StoryDate::parse(&text)
            .map(StoryEnd::Date)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date or \"present\": {text:?}")))
    }
}

/// One sentence of a story, where it is in the source, and what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySentence {
    /// The sentence as [`crate::split_document`] gives it.
    pub text: String,
    /// Byte range in the source; `None` when it could not be found back (HTML entities).
    pub span: Option<Range<usize>>,
    /// Statement, or a role/date, contact, skill-list … line (only statements are evidence).
    #[serde(default, skip_serializing_if = "SentenceRole::is_statement")]
    pub role: SentenceRole,
}

/// A role, project, accomplishment or paragraph of a resume or brag document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Its heading or header lines (dates removed), else its first line, shortened.
    pub title: String,
    /// The section heading it sits under ("Experience", "Projects", "2023"), if any.
    pub section: Option<String>,
    /// Byte range of its lines in the source.
    pub span: Range<usize>,
    /// Its sentences, in order.
    pub sentences: Vec<StorySentence>,
    /// When it started (its own dates, else its section's).
    pub start: Option<StoryDate>,
    /// When it ended, or "present".
    pub end: Option<StoryEnd>,
}

impl Story {
    /// The sentences that can be evidence of experience (statements).
    pub fn statements(&self) -> impl Iterator<Item = &StorySentence> {
        self.sentences.iter().filter(|s| s.role.is_experience())
    }

    /// Whether it holds any statement (a contact block or a skills list does not).
    pub fn has_statements(&self) -> bool {
        self.statements().next().is_some()
    }

    /// "2021-02 – 2023-07", "2019 – present", "2022", or "" without dates.
    pub fn date_label(&self) -> String {
        date_label(self.start, self.end)
    }
}

/// A story's dates for display: "2021-02 – 2023-07", "2019 – present", "2022", or "".
pub fn date_label(start: Option<StoryDate>, end: Option<StoryEnd>) -> String {
    match (start, end) {
        (Some(start), Some(StoryEnd::Date(end))) if end == start => start.to_string(),
        (Some(start), Some(end)) => format!("{start} – {end}"),
        (Some(start), None) => start.to_string(),
        (None, Some(end)) => format!("until {end}"),
        (None, None) => String::new(),
    }
}

/// Longest title kept, in characters; a paragraph's first line is cut at a word.
const MAX_TITLE_CHARS: usize = 90;

/// Longest line that can be a header line (a role, employer or project name), in words.
const MAX_HEADER_WORDS: usize = 12;

/// How far ahead (in letters and digits) a sentence is looked for in the source.
const LOCATE_WINDOW: usize = 20_000;

/// What a source line is, for cutting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// A known resume section heading ("Experience", "EDUCATION", "## Projects").
    Section,
    /// A Markdown heading (`#`…, or wholly bold) that is not a section name; its level.
    Heading(usize),
    /// A short non-bullet line, or a dated one: a role, employer or project line.
    Header,
    Bullet,
    Prose,
}

/// One source line with its byte range.
struct SourceLine<'a> {
    text: &'a str,
    range: Range<usize>,
    indent: usize,
    kind: LineKind,
    dates: Option<DateRange>,
}

/// A story being built: its line range and header.
struct Draft {
    lines: Range<usize>,
    title_lines: Vec<usize>,
    has_body: bool,
    section: Option<String>,
    heading_level: Option<usize>,
    /// Dates from its header line or heading.
    dates: Option<DateRange>,
    /// Dates of the role it was split from (an accomplishment).
    inherited: Option<DateRange>,
    /// It was split from a role by a bullet with follow-up lines.
    accomplishment: bool,
    /// Title from a section heading when its first line is no header.
    fallback_title: Option<String>,
}

/// Cuts a resume or brag document into [`Story`]s, in source order. Empty input gives none.
///
/// ```
/// use jobdelta_text::{find_stories, StoryDate, StoryEnd, YearMonth};
///
/// let resume = "Experience\n\
///               Senior Engineer, Acme — Feb. 2021 – July 2023\n\
///               - Cut checkout latency by 40% by moving the cart service to Rust.\n\
///               Data Analyst, Initech 2018–2021\n\
///               - Built the weekly revenue dashboard used by 200 people.\n";
/// let stories = find_stories(resume);
/// assert_eq!(stories.len(), 2);
/// assert_eq!(stories[0].title, "Senior Engineer, Acme");
/// assert_eq!(stories[0].start, Some(StoryDate::Month(YearMonth::new(2021, 2))));
/// assert_eq!(stories[0].end, Some(StoryEnd::Date(StoryDate::Month(YearMonth::new(2023, 7)))));
/// assert_eq!(stories[1].date_label(), "2018 – 2021");
/// assert_eq!(stories[1].statements().count(), 1);
/// ```
pub fn find_stories(text: &str) -> Vec<Story> {
    let lines = source_lines(text);
    let drafts = cut(&lines);
    let mut stories: Vec<Story> = drafts.iter().map(|d| finish(d, &lines)).collect();
    // A paragraph without a header is titled by its first sentence, once it has one.
    let titled_by_sentence: Vec<bool> = drafts
        .iter()
        .map(|d| d.title_lines.is_empty() && d.fallback_title.is_none())
        .collect();
    let sentences = split_document(text);
    let located = locate(text, &sentences);
    for (sentence, span) in sentences.into_iter().zip(located) {
        let at = span.as_ref().map(|s| s.start);
        // Unlocated sentences go with the story of the last located one (nothing is lost).
        let index = match at {
            Some(at) => stories
                .partition_point(|s| s.span.start <= at)
                .saturating_sub(1),
            None => stories
                .iter()
                .rposition(|s| !s.sentences.is_empty())
                .unwrap_or(0),
        };
        let story_sentence = StorySentence {
            text: sentence.text,
            span,
            role: sentence.role,
        };
        match stories.get_mut(index) {
            Some(story) => story.sentences.push(story_sentence),
            None => stories.push(Story {
                title: shorten(&story_sentence.text),
                section: None,
                span: 0..text.len(),
                sentences: vec![story_sentence],
                start: None,
                end: None,
            }),
        }
    }
    for (story, by_sentence) in stories.iter_mut().zip(titled_by_sentence) {
        if let (true, Some(first)) = (by_sentence, story.sentences.first()) {
            story.title = shorten(&first.text);
        }
    }
    stories.retain(|s| !s.sentences.is_empty());
    stories
}

/// The source's lines with offsets, indentation, kind and dates.
fn source_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let range = start + lead..start + lead + trimmed.len();
        let bare = strip_bullet(trimmed);
        let bullet = bare.len() != trimmed.len();
        let dates = find_date_range(bare);
        let kind = line_kind(trimmed, bare, bullet, dates.as_ref());
        lines.push(SourceLine {
            text: trimmed,
            range,
            indent,
            kind,
            dates,
        });
    }
    lines
}

fn line_kind(trimmed: &str, bare: &str, bullet: bool, dates: Option<&DateRange>) -> LineKind {
    if !bare.chars().any(char::is_alphanumeric) {
        return LineKind::Blank;
    }
    let markdown_level = trimmed.chars().take_while(|&c| c == '#').count();
    let bold = {
        let inner = trimmed.trim_end_matches([':', ' ']);
        inner.len() > 4
            && ["**", "__"].iter().any(|m| {
                inner.starts_with(m) && inner.ends_with(m) && !inner[2..inner.len() - 2].contains(m)
            })
    };
    let words = bare.split_whitespace().count();
    let cleaned = clean_heading(bare);
    if !bullet && is_resume_section_heading(&cleaned) {
        return LineKind::Section;
    }
    if markdown_level > 0 && trimmed[markdown_level..].starts_with(' ') {
        return LineKind::Heading(markdown_level);
    }
    if bold && !bullet {
        return LineKind::Heading(7);
    }
    if bullet {
        return LineKind::Bullet;
    }
    // A capitalised line of a few words ("OPEN SOURCE WORK") reads as a section too.
    if words <= 4 && is_all_caps(bare) && dates.is_none() && heading_words(bare).len() <= 4 {
        return LineKind::Section;
    }
    let ends_sentence = bare
        .trim_end()
        .trim_end_matches([')', '"', '\'', '’', '”'])
        .ends_with(['.', '!', '?', ';']);
    // A date range on a short line is a role line; a single date in a long sentence is not.
    let dated_header =
        dates.is_some_and(|d| d.end != Some(d.start)) && words <= 20 && !ends_sentence;
    if dated_header || (words <= MAX_HEADER_WORDS && !ends_sentence) {
        LineKind::Header
    } else {
        LineKind::Prose
    }
}

/// Cuts the lines into drafts.
fn cut(lines: &[SourceLine<'_>]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<Draft> = None;
    let mut section: Option<String> = None;
    let mut section_dates: Option<DateRange> = None;
    let mut previous_blank = true;
    // The story accomplishments are split from, while its bullets go on.
    let mut role_dates: Option<Option<DateRange>> = None;
    let mut base_indent: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let start_new = |drafts: &mut Vec<Draft>, current: &mut Option<Draft>, draft: Draft| {
            if let Some(done) = current.replace(draft) {
                drafts.push(done);
            }
        };
        match line.kind {
            LineKind::Blank => {
                previous_blank = true;
                continue;
            }
            LineKind::Section => {
                if let Some(done) = current.take() {
                    drafts.push(done);
                }
                section = Some(clean_heading(strip_bullet(line.text)));
                section_dates = None;
                role_dates = None;
            }
            LineKind::Heading(level) => {
                role_dates = None;
                let mut draft = new_draft(i, section.clone(), section_dates.clone());
                draft.heading_level = Some(level);
                draft.dates = line.dates.clone();
                draft.title_lines.push(i);
                start_new(&mut drafts, &mut current, draft);
            }
            LineKind::Header => {
                let joins_header = current.as_ref().is_some_and(|c| {
                    !c.has_body && !c.title_lines.is_empty() && c.title_lines.len() < 3
                }) && !previous_blank
                    && !(line.dates.is_some()
                        && current.as_ref().is_some_and(|c| c.dates.is_some()));
                let continues_heading = current
                    .as_ref()
                    .is_some_and(|c| c.heading_level.is_some() && !c.has_body);
                if joins_header {
                    if let Some(c) = current.as_mut() {
                        c.lines.end = i + 1;
                        c.title_lines.push(i);
                        if c.dates.is_none() {
                            c.dates = line.dates.clone();
                        }
                    }
                } else if continues_heading {
                    // A line under a Markdown heading ("Acme, 2021–2023") belongs to it.
                    if let Some(c) = current.as_mut() {
                        c.lines.end = i + 1;
                        if c.dates.is_none() {
                            c.dates = line.dates.clone();
                        }
                    }
                } else {
                    role_dates = None;
                    let mut draft = new_draft(i, section.clone(), section_dates.clone());
                    draft.dates = line.dates.clone();
                    draft.title_lines.push(i);
                    start_new(&mut drafts, &mut current, draft);
                }
                base_indent = None;
            }
            LineKind::Bullet | LineKind::Prose => {
                let has_follow_up = line.kind == LineKind::Bullet
                    && lines[i + 1..]
                        .iter()
                        .find(|l| l.kind != LineKind::Blank)
                        .is_some_and(|next| {
                            next.indent > line.indent
                                && matches!(
                                    next.kind,
                                    LineKind::Bullet | LineKind::Prose | LineKind::Header
                                )
                        });
                let top_level = base_indent.is_none_or(|base| line.indent <= base);
                if line.kind == LineKind::Bullet && top_level {
                    base_indent = Some(base_indent.map_or(line.indent, |b| b.min(line.indent)));
                }
                let split_accomplishment = line.kind == LineKind::Bullet
                    && top_level
                    && (has_follow_up || role_dates.is_some());
                let new_paragraph = line.kind == LineKind::Prose
                    && previous_blank
                    && line.indent == 0
                    && current.as_ref().is_some_and(|c| c.has_body);
                if split_accomplishment && current.is_some() {
                    let parent_dates = match &role_dates {
                        Some(dates) => dates.clone(),
                        None => current
                            .as_ref()
                            .and_then(|c| c.dates.clone().or_else(|| c.inherited.clone())),
                    };
                    // The role keeps its header and earlier bullets.
                    if role_dates.is_none() {
                        role_dates = Some(parent_dates.clone());
                    }
                    let parent_title = current.as_ref().map(|c| title_of(c, lines));
                    let mut draft = new_draft(i, parent_title.or(section.clone()), parent_dates);
                    draft.accomplishment = true;
                    draft.has_body = true;
                    start_new(&mut drafts, &mut current, draft);
                } else if new_paragraph || current.is_none() {
                    role_dates = None;
                    let mut draft = new_draft(i, section.clone(), section_dates.clone());
                    draft.has_body = true;
                    if current.is_none() && new_paragraph {
                        draft.fallback_title = None;
                    } else if current.is_none() {
                        draft.fallback_title = section.clone();
                    }
                    start_new(&mut drafts, &mut current, draft);
                } else if let Some(c) = current.as_mut() {
                    c.lines.end = i + 1;
                    c.has_body = true;
                }
            }
        }
        previous_blank = false;
        // A heading directly followed by a deeper heading is a section: its dates pass down.
        if let LineKind::Heading(level) = line.kind {
            let next = lines[i + 1..].iter().find(|l| l.kind != LineKind::Blank);
            if let Some(LineKind::Heading(next_level)) = next.map(|l| l.kind) {
                if next_level > level {
                    current = None;
                    section = Some(clean_heading(line.text));
                    section_dates = line.dates.clone();
                }
            }
        }
    }
    if let Some(done) = current {
        drafts.push(done);
    }
    drafts
}

fn new_draft(line: usize, section: Option<String>, inherited: Option<DateRange>) -> Draft {
    Draft {
        lines: line..line + 1,
        title_lines: Vec::new(),
        has_body: false,
        section,
        heading_level: None,
        dates: None,
        inherited,
        accomplishment: false,
        fallback_title: None,
    }
}

/// The title of a draft: its header lines with their dates removed, joined.
fn title_of(draft: &Draft, lines: &[SourceLine<'_>]) -> String {
    let parts: Vec<String> = draft
        .title_lines
        .iter()
        .filter_map(|&i| lines.get(i))
        .map(|line| {
            let bare = clean_heading(strip_bullet(line.text));
            let without_dates = match find_date_range(&bare) {
                Some(range) => format!("{} {}", &bare[..range.span.start], &bare[range.span.end..]),
                None => bare,
            };
            without_dates
                .trim_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '|' | ',' | '-' | '–' | '—' | '(' | ')' | '·' | ':')
                })
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|part| part.chars().any(char::is_alphanumeric))
        .collect();
    if !parts.is_empty() {
        return shorten(&parts.join(", "));
    }
    if let Some(title) = &draft.fallback_title {
        return title.clone();
    }
    lines
        .get(draft.lines.start)
        .map(|line| shorten(&clean_heading(strip_bullet(line.text))))
        .unwrap_or_default()
}

/// A line cut at a word to [`MAX_TITLE_CHARS`], with "…" when cut.
fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_TITLE_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_TITLE_CHARS).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&at| at > MAX_TITLE_CHARS / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ':', ' ']))
}

/// The story a draft becomes (sentences are added afterwards).
fn finish(draft: &Draft, lines: &[SourceLine<'_>]) -> Story {
    let first = lines.get(draft.lines.start).map_or(0, |l| l.range.start);
    let last = lines
        .get(draft.lines.start..draft.lines.end)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|l| l.kind != LineKind::Blank)
        .map_or(first, |l| l.range.end);
    // Its own dates: its header's, else the first range in its lines (a prose "since 2022").
    let own = draft.dates.clone().or_else(|| {
        if draft.accomplishment {
            return None;
        }
        lines
            .get(draft.lines.start..draft.lines.end)
            .unwrap_or_default()
            .iter()
            .find_map(|l| l.dates.clone())
    });
    let own = own.or_else(|| {
        // An accomplishment names its own year sometimes ("Shipped X in 2022").
        lines
            .get(draft.lines.start..draft.lines.end)
            .unwrap_or_default()
            .iter()
            .find_map(|l| l.dates.clone())
            .filter(|_| draft.accomplishment)
    });
    let dates = own.or_else(|| draft.inherited.clone());
    let (start, end) = match dates {
        Some(range) => {
            let start = StoryDate::of_point(range.start);
            let end = match range.end {
                None => StoryEnd::Present,
                Some(end) => StoryEnd::Date(StoryDate::of_point(end)),
            };
            (Some(start), Some(end))
        }
        None => (None, None),
    };
    Story {
        title: title_of(draft, lines),
        section: draft.section.clone(),
        span: first..last.max(first),
        sentences: Vec::new(),
        start,
        end,
    }
}

/// Finds each sentence back in the source, in order, by its letters and digits (lowercased):
/// the splitter removes bullets and joins wrapped lines, so the bytes differ but the letters
/// do not. A sentence not found within [`LOCATE_WINDOW`] letters gets `None`.
fn locate(source: &str, sentences: &[crate::Sentence]) -> Vec<Option<Range<usize>>> {
    let letters: Vec<(char, usize, usize)> = source
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .flat_map(|(at, c)| c.to_lowercase().map(move |l| (l, at, at + c.len_utf8())))
        .collect();
    let mut cursor = 0;
    sentences
        .iter()
        .map(|sentence| {
            let wanted: Vec<char> = sentence
                .text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            let first = *wanted.first()?;
            let limit = letters.len().min(cursor + LOCATE_WINDOW);
            let found = (cursor..limit).find(|&k| {
                letters[k].0 == first
                    && letters.len() - k >= wanted.len()
                    && letters[k..k + wanted.len()]
                        .iter()
                        .zip(&wanted)
                        .all(|(have, want)| have.0 == *want)
            })?;
            let end = found + wanted.len();
            cursor = end;
            Some(letters[found].1..letters[end - 1].2)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u8) -> StoryDate {
        StoryDate::Month(YearMonth::new(year, month))
    }

    /// (title, start, end) of every story.
    fn outline(text: &str) -> Vec<(String, String, String)> {
        find_stories(text)
            .iter()
            .map(|s| {
                (
                    s.title.clone(),
                    s.start.map(|d| d.to_string()).unwrap_or_default(),
                    s.end.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn dates_are_normalized_as_precise_as_written() {
        // (header line, start, end)
        let cases = [
            (
                "Engineer, Acme  Feb. 2021 – July 2023",
                "2021-02",
                "2023-07",
            ),
            ("Analyst, Initech 2018–2021", "2018", "2021"),
            (
                "Intern, Globex June 2024 – August 2024",
                "2024-06",
                "2024-08",
            ),
            ("Maintainer, ripgrep-lite 2019 – Present", "2019", "present"),
            ("Volunteer mentor since 2022", "2022", "present"),
            ("Engineer, Hooli 06/2019 - 03/2021", "2019-06", "2021-03"),
        ];
        for (header, start, end) in cases {
            let text = format!("{header}\n- Did a thing that mattered to people.\n");
            let stories = find_stories(&text);
            assert_eq!(stories.len(), 1, "{header}");
            assert_eq!(
                stories[0].start.map(|d| d.to_string()).as_deref(),
                Some(start),
                "{header}"
            );
            assert_eq!(
                stories[0].end.map(|d| d.to_string()).as_deref(),
                Some(end),
                "{header}"
            );
        }
    }

    #[test]
    fn document_shapes_cut_where_a_reader_would() {
        // (name, text, expected (title, start, end) per story)
        /// (title, start, end) of one expected story.
        type Expected = (&'static str, &'static str, &'static str);
        let cases: &[(&str, &str, &[Expected])] = &[
            (
                "bulleted resume with two-line headers",
                "Jane Doe\njane@example.com\n\nExperience\nAcme Corp\nSenior Engineer  Feb. 2021 – July 2023\n\
                 - Cut checkout latency by 40%.\n- Led three engineers.\n\nInitech\nAnalyst  2018–2021\n\
                 - Built the revenue dashboard.\n\nEducation\nB.S. Computer Science, State University 2014–2018\n",
                &[
                    ("Jane Doe, jane@example.com", "", ""),
                    ("Acme Corp, Senior Engineer", "2021-02", "2023-07"),
                    ("Initech, Analyst", "2018", "2021"),
                    ("B.S. Computer Science, State University", "2014", "2018"),
                ],
            ),
            (
                "markdown headings with a year section",
                "# Brag document\n\n## 2023\n\n### Payments migration\nMoved payments from the monolith to Kafka. \
                 Zero lost events in six months.\n\n### On-call rotation\nRewrote the runbooks.\n",
                &[
                    ("Payments migration", "2023", "2023"),
                    ("On-call rotation", "2023", "2023"),
                ],
            ),
            (
                "prose paragraphs",
                "Since 2022 I have run the data platform team. We moved every batch job to Airflow.\n\n\
                 In 2020 I led the migration of our billing system to Postgres. It took nine months.\n",
                &[
                    ("Since 2022 I have run the data platform team.", "2022", "present"),
                    ("In 2020 I led the migration of our billing system to Postgres.", "2020", "2020"),
                ],
            ),
            (
                "accomplishments with follow-up lines",
                "Staff Engineer, Hooli 2019 – Present\n- Rebuilt search indexing\n  - cut reindex time from 9 hours to 40 minutes\n  \
                 - no downtime\n- Mentored four engineers to promotion\n",
                &[
                    ("Staff Engineer, Hooli", "2019", "present"),
                    ("Rebuilt search indexing", "2019", "present"),
                    ("Mentored four engineers to promotion", "2019", "present"),
                ],
            ),
        ];
        for (name, text, expected) in cases {
            let got = outline(text);
            let want: Vec<(String, String, String)> = expected
                .iter()
                .map(|(t, s, e)| ((*t).to_owned(), (*s).to_owned(), (*e).to_owned()))
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn sentences_keep_offsets_into_the_source() {
        let text = "Experience\nEngineer, Acme 2020–2022\n  •  Shipped the mobile app\n     to 2 million users.\n";
        let stories = find_stories(text);
        let sentence = stories
            .iter()
            .flat_map(|s| &s.sentences)
            .find(|s| s.text.starts_with("Shipped"))
            .expect("the bullet is a sentence");
        let span = sentence.span.clone().expect("found in the source");
        assert_eq!(
            &text[span],
            "Shipped the mobile app\n     to 2 million users"
        );
    }

    #[test]
    fn every_sentence_lands_in_exactly_one_story() {
        let texts = [
            String::new(),
            "One line resume with no dates".into(),
            "Built things.".into(),
            "A very long paragraph with no breaks at all. ".repeat(200),
            "<p>Led the &amp; team</p><ul><li>Shipped X in 2021</li></ul>".into(),
            "Erfahrung\nEntwickler, Firma GmbH 03/2019 - heute\n- Baute eine API.\n".into(),
        ];
        for text in &texts {
            let text = text.as_str();
            let stories = find_stories(text);
            let in_stories: usize = stories.iter().map(|s| s.sentences.len()).sum();
            assert_eq!(in_stories, split_document(text).len(), "{text:?}");
            for story in &stories {
                assert!(!story.sentences.is_empty());
                assert!(story.span.start <= story.span.end && story.span.end <= text.len());
                for sentence in &story.sentences {
                    if let Some(span) = &sentence.span {
                        assert!(text.get(span.clone()).is_some(), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_serialize_as_text() {
        let story = find_stories("Engineer, Acme Feb 2021 - present\n- Did it.\n");
        let json = serde_json::to_value(&story[0]).expect("serialises");
        assert_eq!(json["start"], "2021-02");
        assert_eq!(json["end"], "present");
        assert_eq!(StoryDate::parse("2019"), Some(StoryDate::Year(2019)));
        assert_eq!(StoryDate::parse("2019-06"), Some(ym(2019, 6)));
        assert_eq!(StoryDate::Year(2018).last_month(), YearMonth::new(2018, 12));
        assert!(StoryDate::Year(2019) > ym(2018, 12));
        assert!(StoryDate::Year(2019) < ym(2019, 1));
    }

    #[test]
    fn long_documents_stay_linear() {
        let block = "Engineer, Acme 2020–2022\n- Shipped the thing to customers.\n- Fixed the other thing.\n\n";
        let text = block.repeat(1_700); // about 5,000 lines
        let stories = find_stories(&text);
        assert_eq!(stories.len(), 1_700);
    }
}
