//! `jobdelta progress`: versions of a resume against the same posts — per post the fit and
//! the requirements covered under each version, and what each version newly covers or no
//! longer covers (`jobdelta_matching::progress`).

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use jobdelta_matching::progress::{progress, Progress};
use jobdelta_matching::{Report, Thresholds};

use crate::args::ProgressArgs;
use crate::embedding_cache::EmbeddingCache;
use crate::matching::{prepare_resume, read_posts, report_of};
use crate::model_dir;

/// A version's label: its file name.
fn label_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub fn run(args: &ProgressArgs) -> Result<()> {
    if args.resumes.len() < 2 {
        bail!("give at least two versions of the resume (--resume OLD --resume NEW)");
    }
    let posts = read_posts(&args.jobs, &args.posts)?;
    let encoder = model_dir::load_encoder(&args.model)?;
    let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
    let mut reports: Vec<(String, Report)> = Vec::new();
    for path in &args.resumes {
        let prepared = prepare_resume(path, &posts, &encoder.model_id())?;
        let report = report_of(&encoder, &mut cache, &prepared, Thresholds::default())?;
        reports.push((label_of(path), report));
    }
    let output = progress(&reports);

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &output)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &output)?;
    }
    out.flush().context("cannot write to standard output")
}

/// A table of fits per version, then the changes.
fn write_text(out: &mut impl Write, output: &Progress) -> Result<()> {
    let labels: Vec<&str> = output.versions.iter().map(|v| v.label.as_str()).collect();
    writeln!(
        out,
        "Fit (requirements covered) per version: {}",
        labels.join(" → ")
    )?;
    let posts = output.versions.first().map_or(0, |v| v.posts.len());
    for index in 0..posts {
        let cells: Vec<String> = output
            .versions
            .iter()
            .filter_map(|v| v.posts.get(index))
            .map(|p| format!("{:5.1} ({:>2})", p.fit, p.covered))
            .collect();
        let title = &output.versions[0].posts[index].title;
        writeln!(out, "  {}  {}", cells.join(" → "), title)?;
    }
    if output.changes.is_empty() {
        writeln!(out, "\nNo requirement changed status between versions.")?;
    }
    for change in &output.changes {
        writeln!(out, "\n{} ({} → {})", change.title, change.from, change.to)?;
        for r in &change.newly_covered {
            writeln!(out, "  + {r}")?;
        }
        for r in &change.no_longer_covered {
            writeln!(out, "  - {r}")?;
        }
    }
    Ok(())
}
