//! Resumes printed to PDF by a real generator (Chromium, `scripts/documents/print-resumes.mjs`)
//! read back: every line of the text they were printed from comes out, whole and in reading
//! order — a two-column layout column by column — compared letter by letter, spaces aside;
//! then every word whole (no word split by a gap read as a space, as Skia's width ranges once
//! made: docs/quality.md, "Resumes as PDF or DOCX").

use std::path::Path;

mod common;
use common::words as true_words;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The letters and digits of `text`, lower case: what must survive whatever the spacing.
fn words(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(String::from)
        .collect()
}

/// Checks that each line of `source` appears in `extracted`, its words together, the lines
/// in order.
fn assert_lines_in_order(source: &str, extracted: &str) {
    let got = words(extracted);
    let mut at = 0;
    for line in source.lines().filter(|l| !l.trim().is_empty()) {
        let want = words(line);
        let found = (at..=got.len().saturating_sub(want.len()))
            .find(|&i| got[i..i + want.len()] == want[..]);
        let Some(i) = found else {
            panic!("{line:?} is missing or out of order after word {at} in:\n{extracted}");
        };
        at = i + want.len();
    }
}

#[test]
fn chromium_pdfs_read_in_reading_order() -> TestResult {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/documents");
    for name in ["one-column", "two-column"] {
        let source = std::fs::read_to_string(folder.join(format!("{name}.txt")))?;
        let bytes = std::fs::read(folder.join(format!("{name}.pdf")))?;
        let text = jobdelta_documents::read_document(name, &bytes)?;
        assert_lines_in_order(&source, &text);
        // Words split apart or glued together: printed, then held to none.
        let got: std::collections::HashSet<String> = true_words(&text).into_iter().collect();
        let want = true_words(&source);
        let kept = want.iter().filter(|w| got.contains(*w)).count();
        println!("{name}: {kept} of {} words whole", want.len());
        assert!(
            kept == want.len(),
            "{name}: {kept} of {} words whole:\n{text}",
            want.len()
        );
    }
    Ok(())
}
