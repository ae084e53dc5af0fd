//! Fictional resumes made by real producing tools (ReportLab, fpdf2, WeasyPrint, Chromium,
//! groff, pdflatex, Typst, python-docx: `scripts/documents/make-resumes.py`) read back and
//! measured against the text each was made from (`fixtures/documents/resumes/<name>.txt`):
//! word recall, words glued together or split apart, bullets kept as line starts, and reading
//! order (every block's lines together and in order: a two-column layout column by column,
//! never interleaved line by line). Prints a table with `--nocapture`; docs/quality.md keeps
//! the last one.
//!
//!     cargo test -p jobdelta-documents --release --test resumes -- --nocapture

use std::collections::{HashMap, HashSet};
use std::path::Path;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Glyphs a bullet may come out as, whichever font and tool drew it.
const BULLETS: [char; 10] = ['•', '–', '-', '▪', '◦', '∙', '●', '■', '‣', '*'];

mod common;
use common::words;

/// One expected line: the block it belongs to, its words, whether it is a bullet.
struct Line {
    block: usize,
    words: Vec<String>,
    bullet: bool,
}

/// The expected text's lines (blocks are separated by blank lines; bullets start with "- ").
fn expected_lines(expected: &str) -> Vec<Line> {
    expected
        .split("\n\n")
        .enumerate()
        .flat_map(|(block, text)| {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(move |l| Line {
                    block,
                    words: words(l.strip_prefix("- ").unwrap_or(l)),
                    bullet: l.starts_with("- "),
                })
        })
        .collect()
}

/// What one file scored.
struct Score {
    recall: f64,
    merged: usize,
    split: usize,
    bullets_kept: usize,
    bullets: usize,
    lines_found: usize,
    lines: usize,
    order_ok: bool,
}

fn score(expected: &str, got: &str) -> Score {
    let want = words(expected);
    let have = words(got);
    let vocabulary: HashSet<&str> = want.iter().map(String::as_str).collect();

    // Multiset recall: each expected word counts once per time it is found.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in &have {
        *counts.entry(w).or_default() += 1;
    }
    let mut recovered = 0;
    for w in &want {
        if let Some(n) = counts.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            recovered += 1;
        }
    }

    // Glued: an extracted word that is two neighbouring expected words ("financialservices").
    let pairs: HashSet<String> = want
        .windows(2)
        .map(|p| format!("{}{}", p[0], p[1]))
        .collect();
    let merged = have
        .iter()
        .filter(|w| !vocabulary.contains(w.as_str()) && pairs.contains(w.as_str()))
        .count();
    // Split: two neighbouring extracted pieces that are one expected word ("e fficient").
    let split = have
        .windows(2)
        .filter(|p| {
            (!vocabulary.contains(p[0].as_str()) || !vocabulary.contains(p[1].as_str()))
                && vocabulary.contains(format!("{}{}", p[0], p[1]).as_str())
        })
        .count();

    let lines = expected_lines(expected);
    let got_lines: Vec<&str> = got.lines().map(str::trim).collect();
    let mut bullets_kept = 0;
    for line in lines.iter().filter(|l| l.bullet) {
        let start = &line.words[..line.words.len().min(3)];
        let kept = got_lines.iter().any(|g| {
            g.strip_prefix(BULLETS)
                .is_some_and(|rest| words(rest).starts_with(start))
        });
        bullets_kept += usize::from(kept);
    }

    // Reading order: where each line's first words start in the extracted word stream.
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (position, block, line index)
    for (index, line) in lines.iter().enumerate() {
        let start = &line.words[..line.words.len().min(4)];
        if start.is_empty() {
            continue;
        }
        if let Some(at) = have.windows(start.len()).position(|w| w == start) {
            found.push((at, line.block, index));
        }
    }
    found.sort_unstable();
    let mut seen_blocks = HashSet::new();
    let mut order_ok = true;
    for (i, &(_, block, index)) in found.iter().enumerate() {
        let continues = i > 0 && found[i - 1].1 == block;
        if continues {
            order_ok &= found[i - 1].2 < index;
        } else {
            order_ok &= seen_blocks.insert(block);
        }
    }

    Score {
        recall: recovered as f64 / want.len().max(1) as f64,
        merged,
        split,
        bullets_kept,
        bullets: lines.iter().filter(|l| l.bullet).count(),
        lines_found: found.len(),
        lines: lines.len(),
        order_ok,
    }
}

#[test]
fn real_tools_resumes_read_back_whole_and_in_order() -> TestResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/documents/resumes");
    let mut names: Vec<String> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".docx"))
        .collect();
    names.sort();
    assert!(
        names.iter().filter(|n| n.ends_with(".pdf")).count() >= 20,
        "expected at least 20 PDF resumes in {}",
        dir.display()
    );

    println!("| file | word recall | merged | split | bullets kept | lines found | order ok |");
    println!("|---|---|---|---|---|---|---|");
    let mut failures = Vec::new();
    let mut recall_sum = 0.0;
    for name in &names {
        let bytes = std::fs::read(dir.join(name))?;
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let expected = std::fs::read_to_string(dir.join(format!("{stem}.txt")))?;
        let got = match jobdelta_documents::read_document(name, &bytes) {
            Ok(text) => text,
            Err(error) => {
                println!("| {name} | error: {error} | | | | | |");
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        if std::env::var_os("RESUMES_DUMP").is_some() {
            println!("----- {name}\n{got}\n-----");
        }
        let s = score(&expected, &got);
        recall_sum += s.recall;
        println!(
            "| {name} | {:.1}% | {} | {} | {}/{} | {}/{} | {} |",
            s.recall * 100.0,
            s.merged,
            s.split,
            s.bullets_kept,
            s.bullets,
            s.lines_found,
            s.lines,
            if s.order_ok { "yes" } else { "NO" }
        );
        // Floors (docs/quality.md says why): nearly every word, none glued or split, every
        // bullet a line start, every line found and the columns not interleaved; the files
        // whose list markers are lost are let off the bullets only.
        let bullets_lost = BULLETS_LOST
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix));
        if let Some((_, why)) = bullets_lost {
            println!("|   bullets not counted: {why} | | | | | | |");
        }
        if s.recall < MIN_RECALL {
            failures.push(format!("{name}: word recall {:.3}", s.recall));
        }
        if s.merged + s.split > MAX_GLUED_OR_SPLIT {
            failures.push(format!("{name}: {} glued, {} split", s.merged, s.split));
        }
        if s.bullets_kept < s.bullets && bullets_lost.is_none() {
            failures.push(format!("{name}: {}/{} bullets", s.bullets_kept, s.bullets));
        }
        if !s.order_ok || s.lines_found < s.lines {
            failures.push(format!(
                "{name}: reading order (lines found {}/{}, order ok {})",
                s.lines_found, s.lines, s.order_ok
            ));
        }
    }
    println!(
        "mean word recall over {} files: {:.1}%",
        names.len(),
        recall_sum / names.len() as f64 * 100.0
    );
    assert!(
        failures.is_empty(),
        "below the floor:\n{}",
        failures.join("\n")
    );
    Ok(())
}

/// Every word of the text kept: a resume's words are what the matcher compares.
const MIN_RECALL: f64 = 0.98;
/// Producers whose list markers do not come out at their items' line starts (docs/quality.md),
/// with why: the bullet count is not held against them, every other floor is.
const BULLETS_LOST: [(&str, &str); 2] = [
    (
        "weasyprint-serif",
        "HTML list markers are drawn after their list",
    ),
    (
        "weasyprint-sidebar",
        "HTML list markers are drawn after their list",
    ),
];
/// Glued or split words per file.
const MAX_GLUED_OR_SPLIT: usize = 0;

#[test]
fn the_score_fails_what_it_should() {
    let expected = "Name\n\nSkills\n- Rust and Go\n- Kafka streams\n\nWork\nBuilt efficient services\nLed teams";
    let good =
        "Name\nSkills\n• Rust and Go\n• Kafka streams\nWork\nBuilt efficient services\nLed teams";
    let s = score(expected, good);
    assert!(s.recall > 0.999 && s.order_ok && s.bullets_kept == 2 && s.merged + s.split == 0);
    // Columns interleaved line by line, a glued pair, a split word, bullets lost.
    let bad = "Name\nSkills Work\nRust and Go Builtefficient services\nKafka streams Led te ams";
    let s = score(expected, bad);
    assert!(!s.order_ok);
    assert_eq!((s.merged, s.split, s.bullets_kept), (1, 1, 0));
    assert!(s.recall < 0.9);
}
