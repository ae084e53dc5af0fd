//! Turning pasted HTML (a job page's source, a rich-text copy) into plain text.
//!
//! This is not a sanitiser for rendering — the output is only ever shown as text — but it must
//! not let markup, scripts or attribute text (`onerror=…`) leak into the sentences the model
//! reads, and it must keep the line structure that headings and bullets depend on.

use std::borrow::Cow;

/// If the text looks like HTML (tags present), converts it to plain text: drops
/// `<script>`/`<style>`/`<head>` contents, comments and all tags (with their attributes, such
/// as `onerror=`), turns block tags (p, div, br, li, h1–h6, tr, ul/ol, …) into line breaks and
/// `<li>` into "• " bullets, and decodes common entities (`&amp; &lt; &gt; &quot; &#39; &nbsp;`,
/// `&#NNN;`, `&#xHH;`). Plain text passes through unchanged (`Cow::Borrowed`).
pub fn strip_html(text: &str) -> Cow<'_, str> {
    if !looks_like_html(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(html_to_text(text))
}

/// Plain text that keeps its lines: a paste of many lines with a stray tag (a resume with one
/// `<b>Highlights</b>` line) is read line by line, where HTML rules would join every line into
/// one; a real page source (few lines, block tags) is converted whole.
pub(crate) fn text_keeping_lines(text: &str) -> Cow<'_, str> {
    if !looks_like_html(text) {
        return Cow::Borrowed(text);
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let lower = text.to_ascii_lowercase();
    let page = [
        "<html", "<body", "<head", "<script", "<style", "<div", "<p>", "<p ",
    ]
    .iter()
    .any(|tag| lower.contains(tag));
    if lines >= 5 && !page {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            out.push_str(&strip_html(line));
            out.push('\n');
        }
        return Cow::Owned(out);
    }
    strip_html(text)
}

/// Tag names that mark a paste as HTML. Generic-looking names such as `List<String>` in a
/// Java post are not among them, so code in plain text is left alone.
const KNOWN_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "p",
    "div",
    "span",
    "br",
    "hr",
    "a",
    "b",
    "i",
    "u",
    "s",
    "em",
    "strong",
    "small",
    "sub",
    "sup",
    "mark",
    "code",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "img",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "figure",
    "figcaption",
    "details",
    "summary",
    "font",
    "center",
    "form",
    "input",
    "button",
    "label",
    "select",
    "option",
    "textarea",
    "video",
    "audio",
    "source",
    "picture",
    "wbr",
];

/// Tags whose content is never text for people.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "template", "noscript", "iframe", "object", "svg", "title",
    "textarea", "select",
];

/// Tags that end a paragraph (`br`, `li`, `tr`, `dt`, `dd` end just a line).
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "details",
    "summary",
    "form",
    "center",
    "body",
    "html",
    "caption",
];

/// Whether a `<` at some position opens a known tag, a comment or a doctype.
fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == b'<') {
        let at = from + offset;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") || starts_with_ignore_case(rest, b"!doctype") {
            return true;
        }
        let name_start = usize::from(rest.first() == Some(&b'/'));
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_start + name_len).copied();
        if name_len > 0
            && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
            && KNOWN_TAGS.iter().any(|tag| {
                tag.as_bytes()
                    .eq_ignore_ascii_case(&rest[name_start..name_start + name_len])
            })
        {
            return true;
        }
        from = at + 1;
    }
    false
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A parsed tag: where it ends (after `>`), its lowercase name and whether it closes.
struct Tag {
    end: usize,
    name: String,
    closing: bool,
}

/// How far a tag's attributes are read looking for its '>' outside quotes.
const MAX_TAG_SCAN: usize = 4096;

/// Parses the tag, comment or declaration opening at `at` (a `<`); `None` if the `<` is just
/// a character ("a < b").
fn parse_tag(text: &str, at: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let rest = &bytes[at + 1..];
    if rest.starts_with(b"!--") {
        let end = find(bytes, at + 4, b"-->").map_or(bytes.len(), |i| i + 3);
        return Some(Tag {
            end,
            name: String::from("!--"),
            closing: false,
        });
    }
    if matches!(rest.first(), Some(b'!' | b'?')) {
        let end = find(bytes, at + 1, b">").map_or(bytes.len(), |i| i + 1);
        return Some(Tag {
            end,
            name: String::from("!"),
            closing: false,
        });
    }
    let closing = rest.first() == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = text[name_start..name_start + name_len].to_ascii_lowercase();
    // Find the closing '>' outside quoted attribute values, so `onerror="a>b"` is swallowed
    // whole; with an unbalanced quote fall back to the first '>'.
    // The quote-aware scan is bounded so that many broken tags cannot make this quadratic.
    let mut quote: Option<u8> = None;
    let mut end = None;
    let scan_end = bytes.len().min(name_start + name_len + MAX_TAG_SCAN);
    for (i, &b) in bytes
        .iter()
        .enumerate()
        .take(scan_end)
        .skip(name_start + name_len)
    {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                end = Some(i + 1);
                break;
            }
            (None, _) => {}
        }
    }
    let end = end
        .or_else(|| find(bytes, name_start, b">").map(|i| i + 1))
        .unwrap_or(bytes.len());
    Some(Tag { end, name, closing })
}

/// Position of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Position after the `>` of the first `</name …>` at or after `from`, case-insensitively.
fn find_closing(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = find(bytes, at, b"</") {
        let after = &bytes[i + 2..];
        if starts_with_ignore_case(after, name.as_bytes()) {
            let next = after.get(name.len()).copied();
            if !next.is_some_and(|b| b.is_ascii_alphanumeric()) {
                return Some(find(bytes, i, b">").map_or(bytes.len(), |j| j + 1));
            }
        }
        at = i + 2;
    }
    None
}

fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(tag) = parse_tag(html, i) else {
            i += 1;
            continue;
        };
        push_text(&mut out, &html[text_start..i]);
        let mut next = tag.end;
        let name = tag.name.as_str();
        let self_closing = bytes.get(tag.end.wrapping_sub(2)) == Some(&b'/');
        if !tag.closing && !self_closing && SKIPPED.contains(&name) {
            // Everything up to the matching close tag goes; an unclosed script takes the rest.
            next = find_closing(bytes, tag.end, name).unwrap_or(bytes.len());
        } else if name == "li" && !tag.closing {
            out.push_str("\n• ");
        } else if matches!(name, "br" | "tr" | "dt" | "dd" | "li") {
            out.push('\n');
        } else if BLOCK.contains(&name) {
            // A paragraph break, so that lines of different blocks are never joined.
            out.push_str("\n\n");
        } else if matches!(name, "td" | "th") {
            out.push(' ');
        }
        i = next;
        text_start = next;
    }
    if text_start < bytes.len() {
        push_text(&mut out, &html[text_start..]);
    }
    tidy_lines(&out)
}

/// Appends a text node: entities decoded, whitespace runs (including source line breaks,
/// which HTML does not show) collapsed to one space.
fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    let mut pending_space = false;
    for c in decoded.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// Trims each line and keeps at most one blank line in a row, none at the ends.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() || line == "•" {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 1 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Decodes the common named entities and numeric character references; unknown ones stay.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        // Entities are short: look for the ';' only a few characters ahead.
        let semi = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|semi| decode_entity(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One entity body (between `&` and `;`): `Some(Some(c))` for a character, `Some(None)` for
/// one that stands for nothing (a soft hyphen), `None` if unknown.
fn decode_entity(body: &str) -> Option<Option<char>> {
    if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return Some(match char::from_u32(code) {
            Some('\0') | None => Some('\u{FFFD}'),
            Some('\u{A0}') => Some(' '),
            Some(c) => Some(c),
        });
    }
    let c = match body {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "laquo" => '«',
        "raquo" => '»',
        "times" => '×',
        "deg" => '°',
        "shy" | "zwsp" => return Some(None),
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for text in [
            "Experience with C++ and a < b > c.",
            "Use List<String> and Map<K, V> in Java.",
            "AT&amp;T is a customer",
            "",
        ] {
            assert!(
                matches!(strip_html(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    #[test]
    fn tags_scripts_and_attributes_are_removed() {
        let html = "<html><head><title>Job</title><style>p{color:red}</style></head><body>\
            <h2>Requirements</h2><ul><li>Python &amp; SQL</li><li>5+ years</li></ul>\
            <script>alert('x')</script><img src=x onerror=\"alert('a>b')\">\
            <p>We&#39;re hiring&nbsp;now &#x2014; apply</p></body></html>";
        let text = strip_html(html);
        assert_eq!(
            text,
            "Requirements\n\n• Python & SQL\n• 5+ years\n\nWe're hiring now — apply"
        );
    }

    #[test]
    fn unclosed_script_and_comment_swallow_the_rest() {
        assert_eq!(strip_html("<p>Keep</p><script>var a = '<p>'"), "Keep");
        assert_eq!(strip_html("<div>Keep</div><!-- hidden"), "Keep");
        assert_eq!(
            strip_html("<div>Keep</div><img src=x onerror=alert(1)"),
            "Keep"
        );
    }

    #[test]
    fn entities_decode_once() {
        assert_eq!(
            decode_entities("&amp;lt; &#65;&#x42; &bogus; & x"),
            "&lt; AB &bogus; & x"
        );
        assert_eq!(decode_entities("&#0; &#99999999;"), "\u{FFFD} \u{FFFD}");
    }
}
