//! What both readers' text goes through before the sentence splitter sees it: the bullets of
//! Symbol and Wingdings fonts (private-use code points in Word's PDFs and DOCX) as "•",
//! ligatures (U+FB00–FB06) as their letters, page
//! breaks as line breaks, runs of spaces as one, no space before a full stop or comma, at most
//! one blank line in a row.

/// Private-use code points Word's Symbol and Wingdings bullets map to (, , , , ).
const PRIVATE_BULLETS: [char; 5] = ['\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}', '\u{f0fc}'];

/// The letters a typographic ligature stands for (fi, fl, ff…: PDFs whose fonts map the
/// ligature glyph to U+FB01 rather than to its letters, as Chromium's do), or `None`.
fn ligature_letters(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

/// The text tidied (see the module doc).
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.replace("\r\n", "\n").split(['\n', '\r', '\u{c}']) {
        let line: String = line
            .chars()
            .map(|c| {
                if PRIVATE_BULLETS.contains(&c) {
                    '•'.to_string()
                } else {
                    ligature_letters(c).map_or_else(|| c.to_string(), str::to_owned)
                }
            })
            .collect();
        let mut words = line.split(' ').filter(|w| !w.is_empty());
        let mut tidy = words.next().unwrap_or_default().to_owned();
        for word in words {
            tidy.push(' ');
            tidy.push_str(word);
        }
        // A bullet glued to its text ("•Built") reads as one word to the splitter.
        if let Some(rest) = tidy
            .strip_prefix('•')
            .filter(|r| !r.starts_with(' ') && !r.is_empty())
        {
            tidy = format!("• {rest}");
        }
        // pdf-extract spaces a full stop or comma off its word when the glyphs are kerned
        // apart ("capacity ."); no resume writes one so.
        let tidy = tidy
            .replace(" .", ".")
            .replace(" ,", ",")
            .replace(" ;", ";")
            .replace(" :", ":");
        let tidy = tidy.trim_end();
        if tidy.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(tidy);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_spaces_and_blank_lines() {
        for (text, tidied) in [
            ("\u{f0b7}Built pipelines", "• Built pipelines\n"),
            ("\u{f0b7} Built  pipelines   ", "• Built pipelines\n"),
            ("Jane\n\n\n\nDoe\r\n", "Jane\n\nDoe\n"),
            ("\n\nPage one\u{c}Page two", "Page one\nPage two\n"),
            ("Skills\tPython", "Skills\tPython\n"),
            ("one\r\ntwo\rthree", "one\ntwo\nthree\n"),
            ("spot capacity . Then , this", "spot capacity. Then, this\n"),
            ("   \n  ", ""),
        ] {
            assert_eq!(tidy(text), tidied, "{text:?}");
        }
    }
}
