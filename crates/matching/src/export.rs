//! The report to take away: Markdown to read or paste, CSV for a spreadsheet (one row per
//! post, or one row per requirement). The page's download buttons and `jobdelta match
//! --format` write the same bytes from the same [`Report`], so an export always matches what
//! the page showed. (The JSON export is the report itself, serialised: docs/report.md.)
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and job posts
//! are written by strangers ("=HYPERLINK(…)" in a title): every such CSV cell is prefixed with
//! `'` ([`spreadsheet_safe`]), as OWASP advises, so it shows as text.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::{Coverage, PostReport, Report};

/// A CSV cell as a spreadsheet will show it, never run: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a `'` before it.
///
/// ```
/// use jobdelta_matching::export::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_safe("-5 years"), "'-5 years");
/// assert_eq!(spreadsheet_safe("Rust engineer"), "Rust engineer");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes rows as CSV (RFC 4180 quoting by the `csv` crate), every cell made
/// [`spreadsheet_safe`].
fn csv_of(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail but for a bug; such a row is left out rather than panic.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A number for a spreadsheet: one decimal.
fn one_decimal(value: f32) -> String {
    format!("{value:.1}")
}

/// The mark as a word, empty when none.
fn mark_word(mark: Option<bool>) -> &'static str {
    match mark {
        Some(true) => "fit",
        Some(false) => "not for me",
        None => "",
    }
}

/// The posts' missing skills, comma-separated.
fn missing_skills(post: &PostReport) -> String {
    post.missing_terms
        .iter()
        .map(|t| t.term.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row per post, in rank order: rank, title, fit, its label, the mark, coverage and its
/// counts, the cap's reason, the skills it names that the resume does not.
pub fn posts_csv(report: &Report) -> String {
    let header = [
        "rank",
        "title",
        "fit",
        "label",
        "mark",
        "coverage_percent",
        "covered",
        "partly",
        "missing",
        "must_haves",
        "must_haves_covered",
        "fit_capped_because",
        "missing_skills",
    ];
    let rows = report
        .ranking
        .iter()
        .filter_map(|&i| report.posts.get(i))
        .map(|post| {
            let b = &post.breakdown;
            vec![
                post.rank.to_string(),
                post.title.clone(),
                one_decimal(post.fit),
                post.label.label().to_owned(),
                mark_word(post.mark).to_owned(),
                format!("{:.0}", 100.0 * b.weighted_coverage),
                b.covered.to_string(),
                b.partly.to_string(),
                b.missing.to_string(),
                b.must_haves.to_string(),
                b.must_haves_covered.to_string(),
                post.fit_cap
                    .as_ref()
                    .map(|c| c.reason.clone())
                    .unwrap_or_default(),
                missing_skills(post),
            ]
        });
    csv_of(&header, rows)
}

/// One row per requirement of every post, posts in rank order: the post, the requirement,
/// its section and status, and the best evidence from the resume with its score.
pub fn requirements_csv(report: &Report) -> String {
    let header = [
        "post_rank",
        "post_title",
        "section",
        "requirement",
        "status",
        "best_score",
        "best_evidence",
    ];
    let rows = report
        .ranking
        .iter()
        .filter_map(|&i| report.posts.get(i))
        .flat_map(|post| {
            post.requirements.iter().map(move |r| {
                vec![
                    post.rank.to_string(),
                    post.title.clone(),
                    r.section.label().to_owned(),
                    r.text.clone(),
                    r.status.label().to_owned(),
                    format!("{:.3}", r.best_score),
                    r.evidence
                        .first()
                        .map(|e| e.resume_sentence.clone())
                        .unwrap_or_default(),
                ]
            })
        });
    csv_of(&header, rows)
}

/// Text for a Markdown table cell: `|` escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The status as a mark people can scan.
fn status_mark(status: Coverage) -> &'static str {
    match status {
        Coverage::Covered => "✓",
        Coverage::Partly => "◐",
        Coverage::Missing => "✗",
    }
}

/// The whole report as Markdown: the ranking, each post (its requirements check, each
/// requirement with the best resume sentence, missing skills), then what to work on first.
pub fn report_markdown(report: &Report) -> String {
    let mut out = String::new();
    let t = report.thresholds;
    let _ = writeln!(out, "# jobdelta report\n");
    let _ = writeln!(
        out,
        "{} post{} compared with your resume by {} (a requirement is covered from cosine {:.2}, partly from {:.2}). Fit 0–100: the share of a reference set of posts this one beats.\n",
        report.posts.len(),
        if report.posts.len() == 1 { "" } else { "s" },
        if report.model.is_empty() {
            "the embedding model"
        } else {
            report.model.as_str()
        },
        t.covered,
        t.partly
    );
    let _ = writeln!(out, "## Ranking\n");
    let _ = writeln!(
        out,
        "| Rank | Post | Fit | Verdict | Coverage | Must-haves | Your mark |\n|---:|---|---:|---|---:|---:|---|"
    );
    for post in report.ranking.iter().filter_map(|&i| report.posts.get(i)) {
        let b = &post.breakdown;
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {} | {:.0} % | {}/{} | {} |",
            post.rank,
            cell(&post.title),
            post.fit,
            post.label.label(),
            100.0 * b.weighted_coverage,
            b.must_haves_covered,
            b.must_haves,
            mark_word(post.mark)
        );
    }
    for post in report.ranking.iter().filter_map(|&i| report.posts.get(i)) {
        out.push('\n');
        out.push_str(&post_markdown(post));
    }
    let summary = &report.summary;
    if !summary.top_gaps.is_empty() {
        let _ = writeln!(out, "\n## What to work on first\n");
        for gap in &summary.top_gaps {
            let _ = writeln!(
                out,
                "- {} ({}, asked by {} post{}, best match {:.2})",
                cell(&gap.requirement),
                gap.section.label(),
                gap.posts.len(),
                if gap.posts.len() == 1 { "" } else { "s" },
                gap.best_score
            );
        }
    }
    if !report.term_gaps.is_empty() {
        let _ = writeln!(
            out,
            "\n## Skills your posts ask for that your resume never names\n"
        );
        for gap in &report.term_gaps {
            let _ = writeln!(
                out,
                "- {} — {} post{} ({} as a must-have)",
                gap.term,
                gap.posts.len(),
                if gap.posts.len() == 1 { "" } else { "s" },
                gap.must_have_posts
            );
        }
    }
    if !report.gazetteer_attribution.is_empty() {
        let _ = writeln!(out, "\n---\n{}", report.gazetteer_attribution);
    }
    out
}

/// One post's part of the Markdown report (also what "copy this post" gives).
pub fn post_markdown(post: &PostReport) -> String {
    let mut out = String::new();
    let b = &post.breakdown;
    let _ = writeln!(
        out,
        "## {}. {} — fit {:.1} ({})\n",
        post.rank,
        post.title.trim(),
        post.fit,
        post.label.label()
    );
    let _ = writeln!(
        out,
        "Coverage {:.0} %: {} covered, {} partly, {} missing; must-haves {} of {}.",
        100.0 * b.weighted_coverage,
        b.covered,
        b.partly,
        b.missing,
        b.must_haves_covered,
        b.must_haves
    );
    if let Some(cap) = &post.fit_cap {
        let _ = writeln!(out, "\n**Fit capped:** {}", cap.reason);
    }
    if !post.checks.is_empty() {
        let _ = writeln!(out, "\n### Requirements check\n");
        for check in &post.checks {
            let _ = writeln!(
                out,
                "- **{}** {}: {} — {}",
                check.status.label(),
                check.importance_label(),
                check.requirement.label(),
                check.evidence
            );
        }
    }
    if !post.requirements.is_empty() {
        let _ = writeln!(
            out,
            "\n### Requirements\n\n| | Section | Requirement | Your closest sentence | Score |\n|---|---|---|---|---:|"
        );
        for r in &post.requirements {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {} | {:.2} |",
                status_mark(r.status),
                r.status.label(),
                r.section.label(),
                cell(&r.text),
                r.evidence
                    .first()
                    .map(|e| cell(&e.resume_sentence))
                    .unwrap_or_default(),
                r.best_score
            );
        }
    }
    let missing = missing_skills(post);
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "\nSkills it names that your resume does not: {missing}."
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_quoting_kept() {
        let csv = csv_of(
            &["a", "b"],
            [vec![
                "=1+1".to_owned(),
                "say \"hi\", then\nleave".to_owned(),
            ]]
            .into_iter(),
        );
        assert_eq!(csv, "a,b\r\n'=1+1,\"say \"\"hi\"\", then\nleave\"\r\n");
        for (cell, safe) in [
            ("+44 20", "'+44 20"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "'\t=x"),
            ("", ""),
            ("5+ years", "5+ years"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe);
        }
    }

    #[test]
    fn markdown_cells_stay_in_their_column() {
        assert_eq!(cell("a | b\nc  d"), "a \\| b c d");
    }
}
