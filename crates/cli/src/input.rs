//! Reading texts, one per line, from a file or standard input.

use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// Reads the non-blank lines of `path` (`-` means standard input), without line endings.
pub fn read_lines(path: &Path) -> Result<Vec<String>> {
    let lines = lines_of(&read_text(path)?);
    if lines.is_empty() {
        bail!("{} has no text: give one text per line", path.display());
    }
    Ok(lines)
}

/// Reads a whole UTF-8 text file (`-` means standard input), or the text of a PDF or DOCX
/// (`jobdelta_documents`: a resume kept as a document).
pub fn read_text(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    if jobdelta_documents::kind_of(&bytes).is_some() {
        return Ok(jobdelta_documents::read_document(
            &path.display().to_string(),
            &bytes,
        )?);
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (first bad byte at offset {}); save it as UTF-8 and retry",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Splits text into non-blank lines, accepting \n and \r\n endings.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::lines_of;

    #[test]
    fn splits_lines_and_skips_blank_ones() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("one", &["one"]),
            ("one\ntwo\n", &["one", "two"]),
            ("one\r\n\r\n  \ntwo", &["one", "two"]),
            ("  padded  \n", &["  padded  "]),
        ];
        for (text, expected) in cases {
            assert_eq!(lines_of(text), *expected, "{text:?}");
        }
    }
}
