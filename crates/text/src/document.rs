//! Splitting a whole resume or job post into sentences tagged with their section and role.
//!
//! The text is read in three steps:
//!
//! 1. **Lines.** Physical lines (any line-break convention) are cut further at tabs and runs of
//!    three or more spaces, which is how LinkedIn scrapes separate a heading from its list
//!    ("Your Day To Day      Build best-in-class …"). Each line is a blank, a heading, a
//!    bullet or plain text.
//! 2. **Items.** Bullets start a new item; a plain line continues the previous item when that
//!    one was broken mid-sentence (no final punctuation and the next line starts lowercase, or
//!    the previous line ends in "and", "in", a comma …). Headings set the section. A PDF or
//!    e-mail paste is hard-wrapped: when many lines end near the same width, a nearly full
//!    line without final punctuation goes on into the next one even if that starts with a
//!    capital ("… explore generative" / "AI and large language models."), unless the next
//!    line is a bullet, a heading, a date, an ALL-CAPS line or a "Label:" line. In a paragraph
//!    whose sentences end with punctuation, a prose line without it was cut mid-sentence
//!    whatever its length ("… something useful." / "I actively explore generative" / "AI and
//!    large language models through …"), so it goes on into the next prose line. Tagline and
//!    contact lines ("Data Engineer | AWS | Spark", "jane@… | (555) …") stand alone.
//! 3. **Sentences.** Each item is cut where [`crate::sentences`] finds sentence boundaries; a
//!    piece that is itself a known heading ("Who We Are" glued to its text) or starts with one
//!    ("Requirements: Python, SQL") sets the section too. Prose pieces shorter than three words
//!    are merged into a neighbour, so a stray "Inc." or "Yes." never becomes a sentence.
//!    Each sentence gets a [`SentenceRole`] (see [`crate::role`]): a statement, or a
//!    headline, contact, role/date, skill-list, place or meta ("Location: …") line.
//!
//! Every step is linear in the length of the text (a 2 MB paste splits in well under a
//! second natively; see the ignored timing test in `tests/tests.rs`).

use serde::{Deserialize, Serialize};

use crate::boilerplate::boilerplate_section;
use crate::heading::{classify_heading, clean_heading, is_all_caps, is_title_case};
use crate::html::strip_html;
use crate::lexicon::is_joining;
use crate::posts::is_job_word;
use crate::role::{is_meta_line, names_skills, sentence_role, RoleContext, SentenceRole};
use crate::section::SectionKind;
use crate::sentences::cut_points;

/// One sentence of a resume or job post, with the section it was found in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence, trimmed, bullets removed, inner whitespace collapsed to single spaces.
    pub text: String,
    /// The section from the nearest heading above, or `Legal`/`Benefits` for boilerplate.
    pub section: SectionKind,
    /// The nearest heading above, as written (markdown and a trailing ':' removed).
    pub heading: Option<String>,
    /// What the sentence is: a statement, or a headline, contact, role/date, skills, place or
    /// meta line around the statements. Left out of JSON when it is a statement.
    #[serde(default, skip_serializing_if = "SentenceRole::is_statement")]
    pub role: SentenceRole,
}

/// Splits a resume or job post into sentences, each tagged with the section (from the nearest
/// heading above; sentences that are themselves boilerplate — equal-opportunity/EEO
/// statements, "without regard to race…", salary/pay ranges "$120,000 - $150,000", "401(k)",
/// visa/legal notices, "apply now", cookie/privacy text — get Legal/Benefits whatever the
/// heading). Headings themselves are not returned as sentences. HTML is read as its text
/// (see [`crate::strip_html`]).
pub fn split_document(text: &str) -> Vec<Sentence> {
    let text = strip_html(text);
    let lines = read_lines(&text);
    let mut state = State {
        section: SectionKind::General,
        heading: None,
        statement_seen: false,
        skills_heading: false,
        after_title: None,
        out: Vec::new(),
    };
    for event in events(&lines) {
        match event {
            Event::Heading(display, kind) => state.set_heading(display, kind),
            Event::Item(item) => state.emit_item(&item),
        }
    }
    state.out
}

/// How many lines the top block of a resume (name, tagline, contact, place) may hold.
const MAX_TOP_LINES: usize = 6;

/// Longest sentence emitted, in bytes. The model reads at most 256 word pieces (roughly
/// 1,000 characters of English), so a run-on scrape is cut at a space rather than sent whole.
const MAX_SENTENCE: usize = 2000;

/// Bullet characters that mark a list item wherever they appear.
const BULLETS: &[char] = &[
    '•', '▪', '▫', '◦', '●', '○', '■', '□', '►', '▶', '▸', '‣', '⁃', '✓', '✔', '✗', '➢', '➤', '❖',
    '★', '☆', '◆', '◇', '⦿', '∙', '\u{F0B7}', '\u{F0A7}',
];

/// One line (or tab/space-separated segment of a line) of the input.
struct Line<'a> {
    /// The content, trimmed, without its bullet marker.
    text: &'a str,
    blank: bool,
    bullet: bool,
    /// Starts with a markdown `#` or is wholly bold (`**Tech Stack**`).
    markdown: bool,
    /// Characters on the line as typed (bullet included), to tell hard-wrapped text.
    width: usize,
    /// Whether the previous physical line was blank (or this is the first).
    after_blank: bool,
}

impl<'a> Line<'a> {
    fn new(segment: &'a str) -> Self {
        let trimmed = segment.trim();
        let bold = trimmed.trim_end_matches([':', ' ']);
        let wholly_bold = ["**", "__"].iter().any(|marker| {
            bold.len() > 4
                && bold.starts_with(marker)
                && bold.ends_with(marker)
                && !bold[2..bold.len() - 2].contains(marker)
        });
        let text = strip_bullet(trimmed);
        Line {
            text,
            // A line of only a bullet, dashes or emoji separates paragraphs like a blank one.
            blank: !text.chars().any(char::is_alphanumeric),
            bullet: text.len() != trimmed.len(),
            markdown: trimmed.starts_with('#') || wholly_bold,
            width: trimmed.chars().count(),
            after_blank: false,
        }
    }

    fn blank() -> Self {
        Line {
            text: "",
            blank: true,
            bullet: false,
            markdown: false,
            width: 0,
            after_blank: false,
        }
    }

    /// A content line of a few words without final punctuation: a list item or a heading.
    fn is_short_plain(&self) -> bool {
        !self.blank
            && !self.bullet
            && word_count(self.text, 9) <= 8
            && !ends_with_terminal(self.text)
    }

    /// A line that reads as body text: a bullet, a long line or a punctuated one.
    fn is_body(&self) -> bool {
        !self.blank
            && (self.bullet || word_count(self.text, 9) > 8 || ends_with_terminal(self.text))
    }
}

/// Removes a leading bullet or list number ("• ", "- ", "* ", "1. ", "2) ", "(a) ", "a) ").
pub(crate) fn strip_bullet(line: &str) -> &str {
    // Emoji used as bullets or heading decorations ("🚀 Ship", "✅ Ideal candidates") and rules
    // of dashes glued to text ("---If you're …"), in any order, before the bullet proper.
    let mut line = line.trim_start();
    loop {
        let rest = line
            .trim_start_matches(|c: char| is_emoji(c) || is_emoji_joiner(c))
            .trim_start();
        let rule = rest
            .chars()
            .take_while(|c| matches!(c, '-' | '—' | '–' | '=' | '_' | '*'))
            .count();
        let rest = if rule >= 3 {
            rest.trim_start_matches(['-', '—', '–', '=', '_', '*'])
                .trim_start()
        } else {
            rest
        };
        if rest.len() == line.len() {
            break;
        }
        line = rest;
    }
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return line;
    };
    if BULLETS.contains(&first)
        || (first == '·' && chars.clone().next().is_some_and(char::is_whitespace))
    {
        return line[first.len_utf8()..].trim_start();
    }
    if matches!(first, '-' | '*' | '+' | '–' | '—' | '→' | '>') {
        let rest = &line[first.len_utf8()..];
        if rest.starts_with(char::is_whitespace) {
            return rest.trim_start();
        }
        return line;
    }
    // Numbered and lettered items: "1.", "12)", "(3)", "a)", "(iv)".
    let (open, body) = match line.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let label_len = body
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric())
        .count();
    if label_len == 0 || label_len > 3 {
        return line;
    }
    let label = &body[..label_len];
    let digits = label.bytes().all(|b| b.is_ascii_digit());
    let letters = label.bytes().all(|b| b.is_ascii_lowercase());
    let rest = &body[label_len..];
    let after = if rest.starts_with(')') {
        (digits || (letters && (label_len == 1 || is_roman(label)))).then(|| &rest[1..])
    } else if rest.starts_with('.') && !open {
        digits.then(|| &rest[1..])
    } else {
        None
    };
    match after {
        Some(after) if after.starts_with(char::is_whitespace) => after.trim_start(),
        _ => line,
    }
}

/// Pictographs and symbols used as emoji (including skin-tone modifiers).
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

fn is_roman(label: &str) -> bool {
    label.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
}

/// How many characters [`word_count`] reads: it only ever answers "at least n words" for a
/// small n, and must stay cheap on a line without spaces.
const MAX_WORD_SCAN: usize = 1024;

/// Number of words (whitespace-separated tokens with a letter or digit; each CJK character
/// counts as a word), counting no further than `cap`.
fn word_count(text: &str, cap: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars().take(MAX_WORD_SCAN) {
        if c.is_ascii() {
            // Most characters: no Unicode tables needed.
            if c.is_ascii_whitespace() || c == '\u{0B}' {
                count += usize::from(in_word);
                in_word = false;
            } else if c.is_ascii_alphanumeric() {
                in_word = true;
            }
        } else if c.is_whitespace() {
            count += usize::from(in_word);
            in_word = false;
        } else if is_cjk(c) {
            count += 1;
        } else if c.is_alphanumeric() {
            in_word = true;
        }
        if count >= cap {
            return count;
        }
    }
    count + usize::from(in_word)
}

/// Han, kana and Hangul, written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
            | 0x20000..=0x2FFFF)
}

/// Whether text ends like a sentence (after closing quotes and brackets).
fn ends_with_terminal(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches([')', ']', '"', '\'', '’', '”', '*'])
        .ends_with(['.', '!', '?', ';', '。', '！', '？', '؟', '…'])
}

/// Reads lines, splitting at any line-break convention and at tabs or 3+ spaces.
fn read_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        // "\r\n" is one break; a lone '\r' (old Mac) or a Unicode separator is another.
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        for physical in raw.split(['\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0B}', '\u{0C}']) {
            let segments = soft_segments(physical);
            if segments.is_empty() {
                lines.push(Line::blank());
            }
            let after_blank = lines.last().is_none_or(|l: &Line<'_>| l.blank);
            let single = segments.len() == 1;
            lines.extend(segments.into_iter().map(|segment| {
                let mut line = Line::new(segment);
                // A line cut at a wide gap is a table row, never part of a wrapped paragraph.
                line.after_blank = after_blank || !single;
                if !single {
                    line.width = 0;
                }
                line
            }));
        }
    }
    lines
}

/// Cuts a line at tabs and runs of three or more spaces.
fn soft_segments(line: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut start = 0;
    // The current run of spaces: where it starts, how long it is, whether it holds a tab.
    let mut run: Option<(usize, usize, bool)> = None;
    for (i, c) in line.char_indices() {
        if matches!(c, ' ' | '\t' | '\u{A0}' | '\u{3000}') {
            let (run_start, len, tab) = run.unwrap_or((i, 0, false));
            run = Some((run_start, len + 1, tab || c == '\t'));
            continue;
        }
        if let Some((run_start, len, tab)) = run.take() {
            if len >= 3 || tab {
                push_segment(&mut segments, &line[start..run_start]);
                start = i;
            }
        }
    }
    push_segment(&mut segments, &line[start..]);
    segments
}

fn push_segment<'a>(segments: &mut Vec<&'a str>, segment: &'a str) {
    let segment = segment.trim();
    if !segment.is_empty() {
        segments.push(segment);
    }
}

/// What the line reader produces: headings and items (paragraphs or list entries).
enum Event {
    Heading(String, SectionKind),
    Item(String),
}

/// Decides headings and joins lines into items.
fn events(lines: &[Line<'_>]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut current: Option<Item> = None;
    let wrap = wrap_width(lines);
    // Whether the previous line was a short plain item (so this one may be in the same list).
    let mut prev_short_plain = false;
    // The last line added to the current item, when nothing but a line break followed it.
    let mut prev_line: Option<&Line<'_>> = None;
    // Whether the line before, in the same paragraph, ended a sentence: its author
    // punctuates, so a prose line of theirs without final punctuation was cut mid-sentence.
    let mut after_sentence = false;
    // Where the next non-blank line is, found once for all lines (a scan per line would be
    // quadratic on a paste of blank lines).
    let mut next_content = vec![None; lines.len()];
    let mut following = None;
    for (i, line) in lines.iter().enumerate().rev() {
        next_content[i] = following;
        if !line.blank {
            following = Some(i);
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if line.blank {
            // A blank line ends the item, unless the next line plainly goes on with it: some
            // exports double every line break ("… data processing and\n\nanalysis.").
            prev_short_plain = false;
            prev_line = None;
            after_sentence = false;
            continue;
        }
        let next = next_content[i].map(|n| &lines[n]);
        let wrapped = wrap
            .is_some_and(|width| prev_line.is_some_and(|prev| is_wrapped_pair(prev, line, width)));
        // A wrapped line that reads like a heading ("Delta Lake on S3") is still the end of
        // the line above, unless it is a known heading.
        let heading = if wrapped && classify_heading(&clean_heading(line.text)).is_none() {
            None
        } else {
            heading_of(line, prev_short_plain, next)
        };
        if let Some((display, kind)) = heading {
            flush(&mut events, &mut current);
            events.push(Event::Heading(display, kind));
            prev_short_plain = false;
            prev_line = None;
            after_sentence = false;
            continue;
        }
        prev_short_plain = line.is_short_plain();
        let joins = |item: &Item| {
            let prev_text = prev_line.map_or(item.text.as_str(), |prev| prev.text);
            if is_self_contained(prev_text) || is_self_contained(line.text) {
                // Name, tagline and contact lines stand alone, unless one was wrapped after
                // a separator ("… linkedin.com/in/jane |" / "Richmond, VA").
                wrapped
                    && (prev_text.trim_end().ends_with(SEPARATORS)
                        || line.text.starts_with(['|', '·']))
            } else {
                wrapped
                    || item.continues_with(line.text)
                    || prev_line.is_some_and(|prev| item.is_cut_sentence(prev.text, line))
            }
        };
        match current.as_mut() {
            Some(item) if !line.bullet && joins(item) => item.push(line.text),
            _ => {
                flush(&mut events, &mut current);
                let mut item = Item::new(line.text);
                item.punctuated |= after_sentence;
                current = Some(item);
            }
        }
        after_sentence = ends_with_terminal(line.text);
        prev_line = Some(line);
    }
    flush(&mut events, &mut current);
    events
}

/// How many lowercase content words make a line prose rather than a name, title or list.
const MIN_PROSE_WORDS: usize = 2;

/// Lowercase words of `text` that are not small words ([`crate::role`] reads the same sign
/// of prose).
fn lowercase_content_words(text: &str) -> usize {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    crate::role::lowercase_content_words(&tokens)
}

/// Lines shorter than this say nothing about a wrap width (headings, dates, short items).
const MIN_WRAPPED_LINE: usize = 30;

/// Widest wrap a paste is taken to have; beyond it lines are paragraphs typed as one line.
const MAX_WRAP_WIDTH: usize = 130;

/// The width a PDF or e-mail paste was hard-wrapped at, if it was: the widest width `w` (at
/// most [`MAX_WRAP_WIDTH`]) such that many lines end between 85% of `w` and `w` (at least
/// three, and a sixth of the lines of 30 characters or more) while few lines are longer than
/// `w` (a tenth). Text typed with one line per paragraph has lines of all lengths and none.
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank && l.width >= MIN_WRAPPED_LINE)
        .map(|l| l.width)
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let n = widths.len();
    let needed = 3.max(n.div_ceil(6));
    let mut low = 0;
    for (high, &width) in widths.iter().enumerate() {
        if width > MAX_WRAP_WIDTH {
            continue;
        }
        // Lines longer than 110% of the candidate: too many means no wrap at this width.
        let longer = widths.partition_point(|&w| w * 10 > width * 11);
        if longer * 10 > n {
            return None;
        }
        low = low.max(high);
        while low < n && widths[low] * 100 >= width * 85 {
            low += 1;
        }
        if low - high >= needed {
            return Some(width);
        }
    }
    None
}

/// Whether `next` goes on with `prev` in text hard-wrapped at `width`: `prev` is nearly full,
/// does not end a sentence and is no role, date, label or contact line; `next` is no bullet,
/// markdown heading, date, role, label or ALL-CAPS line.
fn is_wrapped_pair(prev: &Line<'_>, next: &Line<'_>, width: usize) -> bool {
    if next.after_blank || next.bullet || next.markdown || prev.width * 4 < width * 3 {
        return false;
    }
    let end = prev.text.trim_end();
    if end.ends_with(SEPARATORS) || next.text.starts_with(['|', '·']) {
        return true;
    }
    if ends_with_terminal(end)
        || end.ends_with([':', '：'])
        || end.contains(['@', '|'])
        || end.contains("://")
        || is_title_case(end)
        || ends_with_date(end)
    {
        return false;
    }
    let next_text = next.text.trim();
    let role_line = is_title_case(next_text) && ends_with_date(next_text);
    !(starts_with_date(next_text)
        || role_line
        || is_all_caps(next_text)
        || has_label(next_text)
        || has_label(end))
}

/// Characters that separate the parts of a tagline or contact line.
const SEPARATORS: &[char] = &['|', '•', '·', ','];

/// A line made of parts ("Senior Data Engineer | AWS | Spark") or starting with an e-mail
/// address or a link: it never runs on into the next line or takes the previous one.
fn is_self_contained(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    text.contains(" | ")
        || first.contains('@')
        || first.starts_with("http")
        || first.starts_with("www.")
        || first.contains(".com/")
}

/// Whether a line starts with a short label and a colon ("Tools: Spark, Airflow").
fn has_label(text: &str) -> bool {
    text.split_once([':', '：'])
        .is_some_and(|(label, _)| word_count(label, 4) <= 3 && !label.contains(['(', ',']))
}

/// Whether a line starts with a month or a year ("June 2021 – Present", "2019–2023 …").
fn starts_with_date(text: &str) -> bool {
    let first = bare_word(text.split_whitespace().next());
    is_month(&first) || is_year(&first)
}

/// Whether a line ends with a year, a month or "present" (a role or education line).
fn ends_with_date(text: &str) -> bool {
    let last = bare_word(text.split_whitespace().next_back());
    let year = last
        .rsplit(['–', '-', '—', '/'])
        .next()
        .is_some_and(is_year);
    year || is_month(&last) || matches!(last.as_str(), "present" | "current" | "now" | "today")
}

/// A line's first or last word, lowercase, without the punctuation around it.
fn bare_word(token: Option<&str>) -> String {
    token
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.parse::<u32>().is_ok_and(|y| (1950..2040).contains(&y))
}

fn is_month(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "jan"
            | "january"
            | "feb"
            | "february"
            | "mar"
            | "march"
            | "apr"
            | "april"
            | "may"
            | "jun"
            | "june"
            | "jul"
            | "july"
            | "aug"
            | "august"
            | "sep"
            | "sept"
            | "september"
            | "oct"
            | "october"
            | "nov"
            | "november"
            | "dec"
            | "december"
    )
}

fn flush(events: &mut Vec<Event>, current: &mut Option<Item>) {
    if let Some(item) = current.take() {
        events.push(Event::Item(item.text));
    }
}

/// An item being assembled from lines.
struct Item {
    text: String,
    /// Parentheses opened and not yet closed: "(e.g. MySQL, Google" goes on on the next line.
    open_parens: usize,
    /// Whether its author ends sentences with punctuation: a sentence ends inside the item,
    /// or on the line before it in the same paragraph.
    punctuated: bool,
}

impl Item {
    /// How long an item may grow on an unclosed parenthesis alone (a stray "(" must not
    /// swallow the rest of the post).
    const MAX_PAREN_JOIN: usize = 600;

    fn new(line: &str) -> Self {
        let mut item = Item {
            text: String::new(),
            open_parens: 0,
            punctuated: false,
        };
        item.add_parens(line);
        item.note_sentence_ends(line);
        item.text.push_str(line);
        item
    }

    fn add_parens(&mut self, line: &str) {
        for c in line.chars() {
            match c {
                '(' => self.open_parens += 1,
                ')' => self.open_parens = self.open_parens.saturating_sub(1),
                _ => {}
            }
        }
    }

    fn push(&mut self, line: &str) {
        // "develop-\nment" was one word broken at the line end.
        let hyphenated = self.text.ends_with('-')
            && self.text[..self.text.len() - 1].ends_with(char::is_alphabetic)
            && line.starts_with(char::is_lowercase);
        if !hyphenated {
            self.text.push(' ');
        }
        self.add_parens(line);
        self.note_sentence_ends(line);
        self.text.push_str(line);
    }

    /// Notes a sentence that ends inside `line` ("… nurses use. Our clinic …").
    fn note_sentence_ends(&mut self, line: &str) {
        self.punctuated |= line
            .split_whitespace()
            .rev()
            .skip(1)
            .any(ends_with_terminal);
    }

    /// Whether the item's last line `last` is a sentence cut by a line break before `next`,
    /// in a paragraph whose sentences end with punctuation ("… into something useful." / "I
    /// actively explore generative" / "AI and large language models through coursework, …"):
    /// the item is punctuated, `last` is prose (several lowercase words) without final
    /// punctuation, and `next` goes on as prose that ends a sentence or is a long line. Lists
    /// typed without final punctuation have no finished sentence, so they stay apart.
    fn is_cut_sentence(&self, last: &str, next: &Line<'_>) -> bool {
        if !self.punctuated || next.bullet || next.markdown {
            return false;
        }
        let end = last.trim_end();
        let next_text = next.text.trim();
        let prose = |text: &str| lowercase_content_words(text) >= MIN_PROSE_WORDS;
        let next_goes_on = ends_with_terminal(next_text) || word_count(next_text, 9) > 8;
        !ends_with_terminal(end)
            && !end.ends_with([':', '：'])
            && prose(end)
            && !has_label(end)
            && !ends_with_date(end)
            && prose(next_text)
            && next_goes_on
            && !has_label(next_text)
            && !is_all_caps(next_text)
            && !starts_with_date(next_text)
            && !is_self_contained(next_text)
    }

    /// Whether `next` continues this item rather than starting a new one.
    fn continues_with(&self, next: &str) -> bool {
        let end = self.text.trim_end();
        if end.ends_with(['.', '!', '?', ';', ':', '。', '！', '？', '؟', '…']) {
            return false;
        }
        if next.starts_with(char::is_lowercase)
            || (self.open_parens > 0 && self.text.len() < Self::MAX_PAREN_JOIN)
            || end.ends_with([',', '-', '&', '(', '/', '+', '–'])
        {
            return true;
        }
        let last_word: String = end
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .flat_map(char::to_lowercase)
            .collect();
        is_joining(&last_word)
    }
}

/// Whether a line is a heading, and if so its display text and section.
fn heading_of(
    line: &Line<'_>,
    prev_short_plain: bool,
    next: Option<&Line<'_>>,
) -> Option<(String, SectionKind)> {
    if line.bullet {
        return None;
    }
    let display = clean_heading(line.text);
    if !display.chars().any(char::is_alphanumeric) {
        return None;
    }
    let words = word_count(&display, 13);
    if line.markdown && words <= 12 {
        let kind = classify_heading(&display).unwrap_or(SectionKind::General);
        return Some((display, kind));
    }
    if words > 8 || display.ends_with(['.', '!', ';', ',', '。', '！', '…']) {
        return None;
    }
    if let Some(kind) = classify_heading(&display) {
        return Some((display, kind));
    }
    // Two headings glued together ("Job DetailsKey Requirements", "Job Description :Required
    // Skills"): the last one counts.
    let cuts = cut_points(&display);
    let last_cut = cuts.last().copied();
    let last_colon = display
        .rmatch_indices([':', '：'])
        .next()
        .map(|(i, colon)| i + colon.len());
    for start in [last_cut, last_colon].into_iter().flatten() {
        let last = display[start..].trim();
        if let Some(kind) = classify_heading(last) {
            return Some((last.to_string(), kind));
        }
    }
    // Punctuated lines are not headings, and "Salary: Competitive" is a heading with content,
    // read as such with the item.
    if display.ends_with(['?', '？']) || display.contains([',', ';', ':', '：']) {
        return None;
    }
    let colon = line
        .text
        .trim_end_matches(['*', '_', ' '])
        .ends_with([':', '：']);
    let title = is_title_case(&display);
    let caps = is_all_caps(&display);
    // Unknown headings are short, and never text that runs two items together
    // ("Interest in TypeScriptExperience with Kafka").
    let unknown_heading = (colon && words <= 6 && (title || caps))
        || (caps && words >= 2)
        || (title
            && (2..=6).contains(&words)
            && !prev_short_plain
            && next.is_some_and(Line::is_body));
    (unknown_heading && cuts.is_empty()).then_some((display, SectionKind::General))
}

/// Whether a short line names a job ("Principal Machine Learning Scientist, Large Language
/// Models", "CDL-A City Driver - Home Daily"): a post's title line.
fn names_job(text: &str) -> bool {
    word_count(text, MAX_TITLE_WORDS + 1) <= MAX_TITLE_WORDS
        && text.split_whitespace().any(|token| {
            token.split(['-', '/']).any(|w| {
                is_job_word(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                )
            })
        })
}

/// Most words of a post's title line.
const MAX_TITLE_WORDS: usize = 14;

/// Most words of a company's name.
const MAX_ORGANIZATION_WORDS: usize = 5;

/// Whether a line is a bare organisation name, perhaps with its place ("Quillfeather AI",
/// "Marlowe Brant Engineering, Inc.", "Acme Corp · Houston, TX", "Saltmarsh Analytics -
/// Seattle, WA"): a few capitalised words naming no job, before any separator.
fn is_organization_line(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    // A final dot only closes an abbreviation ("Inc.", "Co.").
    let last = tokens.last().copied().unwrap_or("");
    let abbreviation = last.len() <= 5 && last.starts_with(char::is_uppercase);
    if tokens.len() > 2 * MAX_ORGANIZATION_WORDS
        || (ends_with_terminal(text) && !(text.ends_with('.') && abbreviation))
        || text.contains(['@', ':'])
        || lowercase_content_words(text) > 0
    {
        return false;
    }
    let name = text
        .split([',', '·', '|', '•', '(', '—', '–'])
        .next()
        .and_then(|part| part.split(" - ").next())
        .unwrap_or("")
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(*w, "&" | "and" | "of" | "the" | "for" | "de")
    };
    (1..=MAX_ORGANIZATION_WORDS).contains(&words.len())
        && words.iter().all(capitalised)
        && !names_job(name)
}

/// The section state while reading, and the sentences found so far.
struct State {
    section: SectionKind,
    heading: Option<String>,
    /// Whether a statement was emitted: the top block (name, tagline, contact) is over.
    statement_seen: bool,
    /// Whether the heading names skills ("Technical Skills").
    skills_heading: bool,
    /// When the document opens with a job title (a post), the index of the sentence right
    /// after it, where a company line stands.
    after_title: Option<usize>,
    out: Vec<Sentence>,
}

/// A piece of an item: a heading found inside it, or a span of text to emit.
enum Unit<'a> {
    Heading(String, SectionKind),
    /// `src[start..end]`, where `src` is list item number `part` of the item. Spans are merged
    /// by widening them; where two merged pieces were glued without a space (a boundary found
    /// inside "clearanceU.S."), `joins` says where to put one back.
    Text {
        src: &'a str,
        part: usize,
        start: usize,
        end: usize,
        joins: Vec<usize>,
    },
}

/// The text of a span, with a space at each join.
fn span_text(src: &str, start: usize, end: usize, joins: &[usize]) -> String {
    let mut text = String::with_capacity(end - start + joins.len());
    let mut from = start;
    for &join in joins {
        text.push_str(&src[from..join]);
        text.push(' ');
        from = join;
    }
    text.push_str(&src[from..end]);
    text
}

impl State {
    fn set_heading(&mut self, display: String, kind: SectionKind) {
        if self.out.is_empty() && self.heading.is_none() {
            // A post whose title line was read as a heading ("Staff Data Engineer" above body
            // text).
            self.after_title = names_job(&display).then_some(0);
        }
        self.section = kind;
        self.skills_heading = names_skills(&display);
        self.heading = Some(display);
    }

    /// Splits one item into sentences and emits them.
    fn emit_item(&mut self, item: &str) {
        let mut units = Vec::new();
        // Whether each list item is a meta line ("Location: Houston, TX"), read before its
        // label may be taken as a heading ("Salary: $80k").
        let mut meta_parts = Vec::new();
        for (part, sub_item) in inline_bullet_parts(item).into_iter().enumerate() {
            let sub_item = strip_bullet(sub_item);
            meta_parts.push(is_meta_line(sub_item));
            let mut start = 0;
            let cuts = cut_points(sub_item);
            for end in cuts.into_iter().chain(std::iter::once(sub_item.len())) {
                push_piece(&mut units, sub_item, part, start, end);
                start = end;
            }
        }
        // Whether this item is a post's company line (its place stays with it).
        let mut company_line = false;
        for unit in merge_short(units) {
            match unit {
                Unit::Heading(display, kind) => self.set_heading(display, kind),
                Unit::Text {
                    src,
                    part,
                    start,
                    end,
                    joins,
                } => {
                    for chunk in chunks(&span_text(src, start, end, &joins)) {
                        let section = boilerplate_section(&chunk).unwrap_or(self.section);
                        let context = RoleContext {
                            at_top: self.section == SectionKind::General
                                && !self.statement_seen
                                && self.out.len() < MAX_TOP_LINES,
                            skills_heading: self.skills_heading,
                            meta_line: meta_parts.get(part).copied().unwrap_or(false),
                        };
                        let mut role = sentence_role(&chunk, context);
                        if context.at_top
                            && self.after_title == Some(self.out.len())
                            && is_organization_line(&chunk)
                        {
                            role = SentenceRole::Fact;
                            company_line = true;
                        } else if company_line && role == SentenceRole::Place {
                            // "Acme Corp · Houston, TX": the company's place, cut at the dot.
                            role = SentenceRole::Fact;
                        }
                        if self.out.is_empty() && self.heading.is_none() {
                            self.after_title = names_job(&chunk).then_some(1);
                        }
                        self.statement_seen |= role == SentenceRole::Statement;
                        self.out.push(Sentence {
                            text: chunk,
                            section,
                            heading: self.heading.clone(),
                            role,
                        });
                    }
                }
            }
        }
    }
}

/// Splits an item at bullets that appear inside it ("Python • SQL • Spark").
///
/// Scrapes also glue list items with an emoji ("… CTO📍 Location: Remote") or a dash
/// ("… Do- Build …", "… security;- Deliver …") where the line breaks were lost.
fn inline_bullet_parts(item: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    // The last character before the current run of spaces.
    let mut before_space: Option<char> = None;
    for (i, c) in item.char_indices() {
        let rest = &item[i + c.len_utf8()..];
        let prev_space = prev.is_none_or(char::is_whitespace);
        // Letters, digits and spaces (most of any text) are none of the separators below;
        // only a rule of em dashes may follow them.
        let plain = c.is_ascii_alphanumeric() || c == ' ';
        let boundary = if plain {
            rest.starts_with("——") && prev.is_none_or(|p| !matches!(p, '-' | '—'))
        } else if BULLETS.contains(&c) {
            true
        } else if c == '·' {
            // Not the Catalan "l·l": a separator has a space on at least one side.
            prev_space || rest.starts_with(char::is_whitespace)
        } else if is_emoji(c) {
            prev.is_some_and(|p| !p.is_whitespace() && !is_emoji(p) && !is_emoji_joiner(p))
        } else if matches!(c, '-' | '—') && rest.starts_with("--") || rest.starts_with("——") {
            // A rule inside the text: "… make it happen.---If you're …".
            prev.is_none_or(|p| !matches!(p, '-' | '—'))
        } else if matches!(c, '-' | '–') {
            let glued = prev.is_some_and(|p| !p.is_whitespace() && p != '-');
            let after_clause = prev_space && before_space.is_some_and(|b| matches!(b, ';' | '.'));
            let next_item = rest
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_uppercase));
            (glued || after_clause) && next_item
        } else {
            false
        };
        if boundary && i > start {
            parts.push(&item[start..i]);
            start = i;
        }
        if !c.is_whitespace() {
            before_space = Some(c);
        }
        prev = Some(c);
    }
    parts.push(&item[start..]);
    parts
}

fn is_emoji_joiner(c: char) -> bool {
    matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

/// Adds the piece `src[start..end]` as a heading, a heading with content, or text.
fn push_piece<'a>(units: &mut Vec<Unit<'a>>, src: &'a str, part: usize, start: usize, end: usize) {
    let raw = &src[start..end];
    let start = start + (raw.len() - raw.trim_start().len());
    let end = end - (raw.len() - raw.trim_end().len());
    let piece = &src[start..end];
    if !piece.chars().any(char::is_alphanumeric) {
        return;
    }
    // A whole piece that is a known heading: glued on in scraped text ("Who We Are|Verkada…").
    // "Why join us?" keeps its question mark; other final punctuation makes a sentence.
    let unpunctuated = !ends_with_terminal(piece) || piece.ends_with(['?', '？']);
    // Cleaning a heading keeps its word count, so a long piece (read whole by `word_count`)
    // is turned down before the cleaned copy is made.
    let short = piece.len() > MAX_WORD_SCAN || word_count(piece, 9) <= 8;
    if short && unpunctuated && !piece.ends_with(',') {
        let display = clean_heading(piece);
        if word_count(&display, 9) <= 8 {
            if let Some(kind) = classify_heading(&display) {
                units.push(Unit::Heading(display, kind));
                return;
            }
        }
    }
    // "Requirements: Python, SQL", "Key Requirements:To be considered …", and chains of them
    // ("A bit about us:Company Overview:Join a leading …").
    let mut text_start = start;
    while let Some((label, rest)) = heading_with_content(&src[text_start..end]) {
        units.push(label);
        text_start += rest;
    }
    if src[text_start..end].chars().any(char::is_alphanumeric) {
        units.push(Unit::Text {
            src,
            part,
            start: text_start,
            end,
            joins: Vec::new(),
        });
    }
}

/// Splits "Heading: content" (or "Heading - content") when the part before the first colon or
/// spaced dash is a known heading, returning the heading and where the content starts. After
/// a dash, a short Title Case phrase ("Responsibilities - What You'll Do") belongs to the
/// heading; after a colon it is content ("Skills: Python, SQL").
fn heading_with_content(piece: &str) -> Option<(Unit<'static>, usize)> {
    let mut separator = None;
    let mut prev = ' ';
    for (i, c) in piece.char_indices().take(80) {
        let next_space = piece[i + c.len_utf8()..].starts_with(char::is_whitespace);
        if matches!(c, ':' | '：') || (matches!(c, '-' | '–' | '—') && next_space && prev != '-')
        {
            separator = Some((i, c.len_utf8()));
            break;
        }
        prev = c;
    }
    let (at, len) = separator?;
    let label = &piece[..at];
    let after = &piece[at + len..];
    let rest = after.trim();
    if word_count(label, 7) > 6 || !rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    let display = clean_heading(label);
    let kind = classify_heading(&display)?;
    let dash = !matches!(piece[at..].chars().next(), Some(':' | '：'));
    let rest_words = word_count(rest, 7);
    let rest_is_heading = dash
        && (2..=6).contains(&rest_words)
        && is_title_case(rest)
        && !rest.contains(',')
        && !ends_with_terminal(rest);
    if rest_is_heading {
        return Some((Unit::Heading(clean_heading(piece), kind), piece.len()));
    }
    let rest_at = at + len + (after.len() - after.trim_start().len());
    Some((Unit::Heading(display, kind), rest_at))
}

/// Merges prose pieces shorter than three words into the previous piece of the same list item
/// (or, for a first piece, into the next). Boilerplate ("Apply now!") stays on its own.
fn merge_short(units: Vec<Unit<'_>>) -> Vec<Unit<'_>> {
    // Each unit kept, with whether it is boilerplate once that has been needed.
    let mut out: Vec<(Unit, Option<bool>)> = Vec::with_capacity(units.len());
    // A short first piece waiting for the next one, with its word count.
    let mut carry: Option<(Unit, usize)> = None;
    for unit in units {
        let Unit::Text {
            src,
            part,
            start: own_start,
            end,
            ..
        } = unit
        else {
            out.extend(carry.take().map(|(carried, _)| (carried, None)));
            out.push((unit, None));
            continue;
        };
        // Only the piece's own text is read: a growing carry must not be read again for
        // every piece (a long line without spaces can hold thousands of pieces).
        let own = &src[own_start..end];
        let glued = own_start > 0
            && !src[..own_start].ends_with(char::is_whitespace)
            && !own.starts_with(char::is_whitespace);
        let mut start = own_start;
        let mut joins = Vec::new();
        let mut words = word_count(own, 3);
        match carry.take() {
            Some((
                Unit::Text {
                    part: p,
                    start: s,
                    joins: j,
                    ..
                },
                carried,
            )) if p == part => {
                start = s;
                joins = j;
                joins.extend(glued.then_some(own_start));
                words += carried;
            }
            other => out.extend(other.map(|(carried, _)| (carried, None))),
        }
        if words >= 3 || boilerplate_section(own).is_some() {
            out.push((
                Unit::Text {
                    src,
                    part,
                    start,
                    end,
                    joins,
                },
                None,
            ));
            continue;
        }
        let mergeable = match out.last_mut() {
            Some((
                Unit::Text {
                    src,
                    part: p,
                    start: s,
                    end: e,
                    ..
                },
                boilerplate,
            )) if *p == part => {
                !*boilerplate.get_or_insert_with(|| boilerplate_section(&src[*s..*e]).is_some())
            }
            _ => false,
        };
        match out.last_mut() {
            Some((
                Unit::Text {
                    end: e,
                    joins: previous_joins,
                    ..
                },
                _,
            )) if mergeable => {
                previous_joins.extend(glued.then_some(own_start));
                previous_joins.extend(joins);
                *e = end;
            }
            _ => {
                let text = Unit::Text {
                    src,
                    part,
                    start,
                    end,
                    joins,
                };
                carry = Some((text, words));
            }
        }
    }
    let mut units: Vec<Unit> = out.into_iter().map(|(unit, _)| unit).collect();
    units.extend(carry.map(|(carried, _)| carried));
    units
}

/// Cleans a sentence (bullets, zero-width characters, whitespace runs) and cuts it into
/// chunks of at most [`MAX_SENTENCE`] bytes at spaces; empty or letterless results are dropped.
fn chunks(text: &str) -> Vec<String> {
    let text = strip_bullet(text).trim_start_matches([',', ';', '|']);
    let mut clean = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let invisible = |c: char| matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}');
        if word.chars().all(invisible) {
            continue;
        }
        if !clean.is_empty() {
            clean.push(' ');
        }
        if word.is_ascii() {
            clean.push_str(word);
        } else {
            clean.extend(word.chars().filter(|&c| !invisible(c)));
        }
    }
    let mut out = Vec::new();
    let mut rest = clean.as_str();
    while rest.len() > MAX_SENTENCE {
        let mut limit = MAX_SENTENCE;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = rest[..limit].rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
        out.push(rest[..cut].trim().to_string());
        rest = rest[cut..].trim_start();
    }
    out.push(rest.trim().to_string());
    // Sentences with no letters or digits, or only hashtags ("#LI-Remote #Hybrid"), go.
    out.retain(|s| {
        s.chars().any(char::is_alphanumeric) && !s.split(' ').all(|w| w.starts_with('#'))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_are_stripped() {
        let cases = [
            ("• Python", "Python"),
            ("•Python", "Python"),
            ("- Build APIs", "Build APIs"),
            ("* Ship", "Ship"),
            ("– Lead", "Lead"),
            ("1. First", "First"),
            ("12) Twelfth", "Twelfth"),
            ("(a) Item", "Item"),
            ("a) Item", "Item"),
            ("(iv) Roman", "Roman"),
            ("-5% churn", "-5% churn"),
            ("2024. A year", "2024. A year"),
            ("3.11 is out", "3.11 is out"),
            ("ab) Not a label", "ab) Not a label"),
            ("🚀 Ship", "Ship"),
            ("✅ - Ship", "Ship"),
            ("---If you're", "If you're"),
            ("🙂---🙂--- • Deep", "Deep"),
            ("", ""),
        ];
        for (line, expected) in cases {
            assert_eq!(strip_bullet(line), expected, "{line:?}");
        }
    }

    #[test]
    fn soft_segments_cut_at_wide_gaps() {
        assert_eq!(
            soft_segments("Your Day To Day      Build things  and more\tTabbed"),
            ["Your Day To Day", "Build things  and more", "Tabbed"]
        );
        assert_eq!(soft_segments("   indented"), ["indented"]);
    }

    #[test]
    fn lines_join_when_broken_mid_sentence() {
        let continues = |item: &str, next: &str| Item::new(item).continues_with(next);
        assert!(continues("tools (e.g. MySQL, Google", "BigQuery, etc)."));
        let mut item = Item::new("data (");
        item.push("more)");
        assert_eq!((item.open_parens, item.text.as_str()), (0, "data ( more)"));
        assert!(continues("pursuing a Master's in", "Computer Science"));
        assert!(continues(
            "frameworks such as Django,",
            "Angular and Spring"
        ));
        assert!(continues("for a modern and", "responsive UI"));
        assert!(continues("we build", "tools for people"));
        assert!(!continues("We build tools.", "we also test"));
        assert!(!continues("Python", "Kubernetes"));
        assert!(!continues("The following:", "lowercase item"));
    }

    #[test]
    fn a_prose_line_cut_after_a_finished_sentence_is_rejoined() {
        let texts = |text: &str| -> Vec<String> {
            split_document(text).into_iter().map(|s| s.text).collect()
        };
        let cases: &[(&str, &[&str])] = &[
            // Cut before an acronym, the next line long and unpunctuated, then lowercase.
            (
                "Second-year student who loves turning messy data into something useful.\n\
                 I actively explore generative\n\
                 AI and large language models through coursework, hackathons and side projects, and I\n\
                 am looking for a summer internship.",
                &[
                    "Second-year student who loves turning messy data into something useful.",
                    "I actively explore generative AI and large language models through \
                     coursework, hackathons and side projects, and I am looking for a summer \
                     internship.",
                ],
            ),
            // Cut before a capitalised name; the next line ends the sentence.
            (
                "Our team ships every week. We build the scheduling engine that\n\
                 nurses use. Our clinic partners rely on the mobile\n\
                 Android app to plan shifts.",
                &[
                    "Our team ships every week.",
                    "We build the scheduling engine that nurses use.",
                    "Our clinic partners rely on the mobile Android app to plan shifts.",
                ],
            ),
            (
                "I teach algebra to ninth graders.\n\
                 Last year my students improved their state\n\
                 Regents exam pass rate from 61% to 78%.",
                &[
                    "I teach algebra to ninth graders.",
                    "Last year my students improved their state Regents exam pass rate from \
                     61% to 78%.",
                ],
            ),
            // A list typed without final punctuation stays a list.
            (
                "Built ETL pipelines in Python\n\
                 Led a team of five engineers\n\
                 Cut cloud spend by a third",
                &[
                    "Built ETL pipelines in Python",
                    "Led a team of five engineers",
                    "Cut cloud spend by a third",
                ],
            ),
            // After a finished sentence: a title line, a short unpunctuated line, a label
            // line, a bullet and a date line are not the rest of a sentence.
            (
                "I love messy data.\nData Science Intern\nRiverbend Insurance Group",
                &["I love messy data.", "Data Science Intern", "Riverbend Insurance Group"],
            ),
            (
                "Looking for roles in data.\n\
                 Open to relocation anywhere\n\
                 Available from June",
                &[
                    "Looking for roles in data.",
                    "Open to relocation anywhere",
                    "Available from June",
                ],
            ),
            (
                "I keep learning new things.\n\
                 I am fluent in several stacks\n\
                 Languages: Python, Go and Rust for backend services.",
                &[
                    "I keep learning new things.",
                    "I am fluent in several stacks",
                    "Languages: Python, Go and Rust for backend services.",
                ],
            ),
            (
                "I keep learning new things.\n\
                 I am fluent in several stacks\n\
                 - Built pipelines that our analysts rely on every morning.",
                &[
                    "I keep learning new things.",
                    "I am fluent in several stacks",
                    "Built pipelines that our analysts rely on every morning.",
                ],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(texts(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn a_company_line_under_a_post_title_is_a_fact() {
        use SentenceRole::*;
        // The role of the sentence `line` of `text` (the title line may be read as a heading).
        let role_of = |text: &str, line: &str| {
            split_document(text)
                .into_iter()
                .find(|s| s.text == line)
                .map(|s| (s.text, s.role))
        };
        let fact = |line: &str| Some((line.to_string(), Fact));
        let cases: &[(&str, Option<(String, SentenceRole)>)] = &[
            (
                "Principal Machine Learning Scientist, Large Language Models\nQuillfeather AI\n\
                 Location: San Francisco, CA",
                fact("Quillfeather AI"),
            ),
            (
                "Senior Civil Engineer - Transportation (PE Required)\n\
                 Marlowe Brant Engineering, Inc.\n\nLocation: Norfolk, VA",
                fact("Marlowe Brant Engineering, Inc."),
            ),
            (
                "Software Engineer, New Grad (2027 Start)\nAcme Corp · Houston, TX\n\n\
                 We build scheduling software for hospitals.",
                fact("Acme Corp"),
            ),
            (
                "Software Engineer, New Grad (2027 Start)\nAcme Corp · Houston, TX\n\n\
                 We build scheduling software for hospitals.",
                fact("Houston, TX"),
            ),
            (
                "Staff Data Engineer\nSaltmarsh Analytics - Seattle, WA\n\nJob type: Full-time",
                fact("Saltmarsh Analytics - Seattle, WA"),
            ),
            (
                "CDL-A City Driver - Home Daily\nTidewater Freight Lines\n\nRequirements\n\
                 - Valid Class A CDL.",
                fact("Tidewater Freight Lines"),
            ),
            // A resume's name is no job title: its tagline stays a headline.
            (
                "Jane Doe\nAcme Alumni Network\njane@example.com",
                Some(("Acme Alumni Network".to_string(), Headline)),
            ),
            // A second title line or a sentence under the title is no company line.
            (
                "Data Engineer\nSenior Data Engineer\n\nWe build pipelines.",
                Some(("Senior Data Engineer".to_string(), Headline)),
            ),
            (
                "Data Engineer\nAcme builds data tools for hospitals.\nMore text follows here.",
                Some((
                    "Acme builds data tools for hospitals.".to_string(),
                    Statement,
                )),
            ),
        ];
        for (text, expected) in cases {
            let line = expected.as_ref().map_or("", |(line, _)| line.as_str());
            assert_eq!(role_of(text, line), *expected, "{text:?}");
        }
    }

    #[test]
    fn long_sentences_are_cut_at_spaces() {
        let long = "word ".repeat(1_000);
        let pieces = chunks(&long);
        assert!(pieces.len() >= 2);
        assert!(pieces
            .iter()
            .all(|p| p.len() <= MAX_SENTENCE && !p.ends_with(' ')));
        let cjk = "字".repeat(2_000);
        assert!(chunks(&cjk).iter().all(|p| p.len() <= MAX_SENTENCE));
    }
}
