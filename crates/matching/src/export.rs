//! The report to take away: Markdown to read or paste, CSV for a spreadsheet (one row per
//! post, or one row per requirement) and JSON (the report itself, the schema of
//! docs/report.md). [`Format`] names the four; the page's download buttons and `jobdelta match
//! --format` write the same bytes through [`Format::render`] from the same [`Report`], so an
//! export always matches what the page showed, thresholds and marks included.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and job posts
//! are written by strangers ("=HYPERLINK(…)" in a title): every such CSV cell is prefixed with
//! `'` ([`spreadsheet_safe`]), as OWASP advises for these and tab and carriage return, so it
//! shows as text. Markdown and JSON are left as written: neither is run by a spreadsheet.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::{Coverage, PostReport, Report};

/// A way to take the report away: the CLI's `--format` values (but `text`) and the page's
/// download buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// [`report_markdown`].
    Markdown,
    /// [`posts_csv`]: one row per post.
    PostsCsv,
    /// [`requirements_csv`]: one row per requirement.
    RequirementsCsv,
    /// [`report_json`]: the report as `jobdelta match --json` prints it.
    Json,
}

impl Format {
    /// Every format, in the order the page offers them.
    pub const ALL: [Format; 4] = [
        Format::Markdown,
        Format::PostsCsv,
        Format::RequirementsCsv,
        Format::Json,
    ];

    /// The report in this format.
    pub fn render(self, report: &Report) -> Result<String, serde_json::Error> {
        Ok(match self {
            Format::Markdown => report_markdown(report),
            Format::PostsCsv => posts_csv(report),
            Format::RequirementsCsv => requirements_csv(report),
            Format::Json => report_json(report)?,
        })
    }

    /// The file's MIME type (with its charset: the text is UTF-8).
    pub fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::PostsCsv | Format::RequirementsCsv => "text/csv;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
        }
    }

    /// The file's name on the day given, e.g. `jobdelta-posts-2026-12-04.csv`: reports saved
    /// on different days sort by date and never overwrite each other.
    pub fn file_name(self, year: i32, month: u32, day: u32) -> String {
        let (stem, extension) = match self {
            Format::Markdown => ("report", "md"),
            Format::PostsCsv => ("posts", "csv"),
            Format::RequirementsCsv => ("requirements", "csv"),
            Format::Json => ("report", "json"),
        };
        format!("jobdelta-{stem}-{year:04}-{month:02}-{day:02}.{extension}")
    }
}

/// The report as JSON, pretty-printed with a final line break: the schema of docs/report.md,
/// without the per-post vectors (hundreds of floats a post that only serve learning from
/// marks, which the report has already applied).
pub fn report_json(report: &Report) -> Result<String, serde_json::Error> {
    let mut json = if report.posts.iter().all(|p| p.vectors.is_empty()) {
        serde_json::to_string_pretty(report)?
    } else {
        let mut report = report.clone();
        for post in &mut report.posts {
            post.vectors = Default::default();
        }
        serde_json::to_string_pretty(&report)?
    };
    json.push('\n');
    Ok(json)
}

/// A CSV cell as a spreadsheet will show it, never run: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a `'` before it, unless the cell is a plain number ("-0.012", a
/// cosine below zero), which no spreadsheet runs and which should stay a number.
///
/// ```
/// use jobdelta_matching::export::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_safe("-5 years"), "'-5 years");
/// assert_eq!(spreadsheet_safe("-0.012"), "-0.012");
/// assert_eq!(spreadsheet_safe("Rust engineer"), "Rust engineer");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// `-`, digits, optionally `.` and digits: what the CSVs write for scores, nothing more.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
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

/// Text on one line: line breaks and runs of spaces as one space (a title read from a table
/// may hold a line break, which would end a Markdown heading early).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a Markdown table cell: `|` escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    one_line(&text.replace('\\', "\\\\").replace('|', "\\|"))
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
        one_line(&post.title),
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
    use crate::{build_report, prepare, PostText, Thresholds, WhitespacePieces};

    /// A made-up embedding: one axis per word below, so sentences sharing one are close.
    fn embed(text: &str) -> Vec<f32> {
        let axes = ["rust", "python", "freezer", "hyperlink", "payments", "nurs"];
        let lower = text.to_lowercase();
        let mut v: Vec<f32> = axes
            .iter()
            .map(|a| if lower.contains(a) { 1.0 } else { 0.0 })
            .collect();
        v.push(0.1);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    const RESUME: &str = "Experience\n\
        - Built Rust services for payments at a bank.\n\
        - Wrote Python tooling for the data team.\n";

    /// Two posts: one asks for what the resume has, one (a stranger's) holds cells a
    /// spreadsheet would run: a formula, a negative temperature, a title with a `|` and a
    /// line break.
    fn report() -> Report {
        let posts = [
            PostText {
                title: Some("Backend Engineer".to_owned()),
                text: "Requirements:\n\
                    - Rust services in production.\n\
                    - Payments experience.\n"
                    .to_owned(),
            },
            PostText {
                title: Some("Lab | Cold\nchain".to_owned()),
                text: "Requirements:\n\
                    - =HYPERLINK(\"http://evil.example\",\"Apply\") and Python\n\
                    - -80 °C freezer inventory management.\n\
                    - +1 year of nursing rotations.\n"
                    .to_owned(),
            },
        ];
        let prepared = prepare(RESUME, &posts).unwrap_or_else(|e| panic!("{e:?}"));
        let embeddings: Vec<Vec<f32>> = prepared.texts_to_embed.iter().map(|t| embed(t)).collect();
        let mut report = build_report(
            &prepared,
            &embeddings,
            Thresholds::default(),
            &WhitespacePieces,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        report.model = "test-model".to_owned();
        report
    }

    fn rows(csv: &str) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(csv.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}: {csv}"))
    }

    #[test]
    fn only_cells_a_spreadsheet_would_run_are_escaped() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+44 20", "'+44 20"),
            ("-5 years", "'-5 years"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "'\t=x"),
            ("\r=x", "'\r=x"),
            ("-", "'-"),
            ("-1+2", "'-1+2"),
            ("-0.012", "-0.012"),
            ("-3", "-3"),
            ("-.5", "'-.5"),
            ("0.850", "0.850"),
            ("", ""),
            ("5+ years", "5+ years"),
            (" =1", " =1"),
            ("'=already", "'=already"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
    }

    #[test]
    fn csv_quotes_as_rfc_4180_and_defuses_formulas() {
        let csv = csv_of(
            &["a", "b", "c"],
            [vec![
                "=1+1".to_owned(),
                "say \"hi\", then\nleave".to_owned(),
                "-0.125".to_owned(),
            ]]
            .into_iter(),
        );
        assert_eq!(
            csv,
            "a,b,c\r\n'=1+1,\"say \"\"hi\"\", then\nleave\",-0.125\r\n"
        );
    }

    #[test]
    fn the_requirements_csv_defuses_what_a_post_writes() {
        let report = report();
        let rows = rows(&requirements_csv(&report));
        let total: usize = report.posts.iter().map(|p| p.requirements.len()).sum();
        assert_eq!(rows.len(), total);
        let requirement = |prefix: &str| {
            rows.iter()
                .find(|r| r[3].starts_with(prefix))
                .unwrap_or_else(|| panic!("no requirement {prefix:?} in {rows:?}"))
        };
        let formula = requirement("'=HYPERLINK(");
        assert_eq!(&formula[1], "Lab | Cold\nchain", "the title, quoted");
        assert!(requirement("'-80 °C freezer").len() == 7);
        assert!(requirement("'+1 year").len() == 7);
        // Posts in rank order, each requirement with its post's rank.
        let ranks: Vec<String> = report
            .ranking
            .iter()
            .flat_map(|&i| {
                let post = &report.posts[i];
                post.requirements.iter().map(|_| post.rank.to_string())
            })
            .collect();
        assert_eq!(
            rows.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(),
            ranks
        );
    }

    #[test]
    fn the_posts_csv_has_a_row_per_post_with_the_page_numbers() {
        let mut report = report();
        report.posts[0].title = "=cmd|' /C calc'!A0".to_owned();
        let rows = rows(&posts_csv(&report));
        assert_eq!(rows.len(), report.posts.len());
        for (row, &index) in rows.iter().zip(&report.ranking) {
            let post = &report.posts[index];
            let b = &post.breakdown;
            assert_eq!(&row[0], post.rank.to_string());
            assert_eq!(&row[2], format!("{:.1}", post.fit));
            assert_eq!(&row[3], post.label.label());
            assert_eq!(&row[6], b.covered.to_string());
            assert_eq!(&row[7], b.partly.to_string());
            assert_eq!(&row[8], b.missing.to_string());
        }
        assert!(rows.iter().any(|r| &r[1] == "'=cmd|' /C calc'!A0"));
    }

    #[test]
    fn markdown_has_the_ranking_then_each_post_in_rank_order() {
        let report = report();
        let markdown = report_markdown(&report);
        let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with('#')).collect();
        let mut expected = vec!["# jobdelta report".to_owned(), "## Ranking".to_owned()];
        for &i in &report.ranking {
            let post = &report.posts[i];
            let title = if post.title.starts_with("Lab") {
                "Lab | Cold chain"
            } else {
                "Backend Engineer"
            };
            expected.push(format!(
                "## {}. {title} — fit {:.1} ({})",
                post.rank,
                post.fit,
                post.label.label()
            ));
            if !post.checks.is_empty() {
                expected.push("### Requirements check".to_owned());
            }
            expected.push("### Requirements".to_owned());
        }
        if !report.summary.top_gaps.is_empty() {
            expected.push("## What to work on first".to_owned());
        }
        if !report.term_gaps.is_empty() {
            expected.push("## Skills your posts ask for that your resume never names".to_owned());
        }
        assert_eq!(headings, expected, "{markdown}");
        assert!(markdown.contains("by test-model"));

        // The ranking table: a header, its rule, one row per post, every row 7 cells wide
        // (the `|` of the title escaped).
        let table: Vec<&str> = markdown
            .lines()
            .skip_while(|l| !l.starts_with("| Rank"))
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert_eq!(table.len(), 2 + report.posts.len(), "{markdown}");
        for line in &table {
            let cells = line.replace("\\|", "").matches('|').count() - 1;
            assert_eq!(cells, 7, "{line}");
        }
        assert!(table.iter().any(|l| l.contains("| Lab \\| Cold chain |")));
        // Each post's requirement table: one row per requirement, 5 cells; Markdown is not a
        // spreadsheet, so the formula is left as written.
        let requirement_rows = markdown
            .lines()
            .filter(|l| l.starts_with("| ✓") || l.starts_with("| ◐") || l.starts_with("| ✗"))
            .inspect(|l| assert_eq!(l.replace("\\|", "").matches('|').count() - 1, 5, "{l}"))
            .count();
        let total: usize = report.posts.iter().map(|p| p.requirements.len()).sum();
        assert_eq!(requirement_rows, total);
        assert!(markdown.contains("| =HYPERLINK("), "{markdown}");
    }

    #[test]
    fn json_is_the_report_without_its_vectors() {
        let report = report();
        assert!(report.posts.iter().any(|p| !p.vectors.is_empty()));
        let json = report_json(&report).unwrap_or_else(|e| panic!("{e}"));
        assert!(json.ends_with("}\n"));
        assert!(!json.contains("\"vectors\""));
        let back: Report = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        let mut expected = report.clone();
        for post in &mut expected.posts {
            post.vectors = Default::default();
        }
        assert_eq!(back, expected);
        assert_eq!(Format::Json.render(&expected).ok(), Some(json));
    }

    #[test]
    fn every_format_has_a_dated_file_name_and_its_renderer() {
        let report = report();
        let names: Vec<String> = Format::ALL
            .iter()
            .map(|f| f.file_name(2026, 12, 4))
            .collect();
        assert_eq!(
            names,
            [
                "jobdelta-report-2026-12-04.md",
                "jobdelta-posts-2026-12-04.csv",
                "jobdelta-requirements-2026-12-04.csv",
                "jobdelta-report-2026-12-04.json",
            ]
        );
        for (format, text) in [
            (Format::Markdown, report_markdown(&report)),
            (Format::PostsCsv, posts_csv(&report)),
            (Format::RequirementsCsv, requirements_csv(&report)),
        ] {
            assert_eq!(format.render(&report).ok(), Some(text), "{format:?}");
        }
    }

    #[test]
    fn markdown_cells_stay_in_their_column() {
        assert_eq!(cell("a | b\nc  d"), "a \\| b c d");
    }
}
