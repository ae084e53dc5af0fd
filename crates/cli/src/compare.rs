//! `jobdelta compare`: the same resume and posts analysed by two models side by side — how far
//! their rankings agree (Kendall τ), which requirements change status, which of the resume's
//! words each tokenizer shatters, how long each took and how much each downloads.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use anyhow::{bail, Result};
use jobdelta_encoder::{Encoder, ModelSpec, WordPieceTokenizer};
use jobdelta_matching::model_comparison::{compare_reports, top_posts, ReportComparison};
use jobdelta_matching::{Report, Thresholds, SHATTERED_PIECES};
use serde::Serialize;

use crate::args::{CompareArgs, ModelArgs};
use crate::embedding_cache::EmbeddingCache;
use crate::{input, matching, model_dir};

/// Requirement changes listed in the table (all of them with --json).
const CHANGES_SHOWN: usize = 15;
/// Each model's best posts listed.
const TOP_POSTS: usize = 5;

/// One model's side.
#[derive(Serialize)]
struct Side {
    model: String,
    layers: usize,
    max_seq_len: usize,
    download_bytes: u64,
    weights_bytes: u64,
    /// Seconds to load the model and embed every text not in the cache, this run.
    seconds: f64,
    texts: usize,
    /// Resume words of at least SHATTERED_PIECES word pieces, most pieces first.
    shattered_resume_words: Vec<(String, usize)>,
    /// Resume sentences and requirements longer than the model reads.
    truncated_texts: usize,
    /// Posts by fit, best first (titles).
    top_posts: Vec<String>,
}

/// The two reports compared (`jobdelta_matching::model_comparison`, as the page shows them:
/// posts, requirements, Kendall τ-b, status changes) and what only the encoder knows.
#[derive(Serialize)]
struct Comparison {
    #[serde(flatten)]
    reports: ReportComparison,
    sides: [Side; 2],
}

pub fn run(args: &CompareArgs) -> Result<()> {
    let [first, second] = match args.models.as_slice() {
        [a, b] => [a, b],
        _ => bail!("give exactly two models: --model A --model B"),
    };
    let (dir_a, model_a) = model_dir::resolve_model(Some(first));
    let (dir_b, model_b) = model_dir::resolve_model(Some(second));
    if model_a == model_b && dir_a == dir_b {
        bail!(
            "both --model arguments name {} in {}",
            model_a.name,
            dir_a.display()
        );
    }
    // Prepared for each model (only the skills classifier's own model embeds the skill hits'
    // contexts), both before either loads, so a bad input is reported first.
    let posts = matching::read_posts(&args.inputs.jobs, &args.inputs.posts)?;
    let prepared_for =
        |model: &ModelSpec| matching::prepare_resume(&args.inputs.resume, &posts, model.id);
    let prepared = [prepared_for(model_a)?, prepared_for(model_b)?];
    let resume_text = input::read_text(&args.inputs.resume)?;
    let mut reports = Vec::with_capacity(2);
    let mut sides = Vec::with_capacity(2);
    for (model, prepared) in [first, second].into_iter().zip(&prepared) {
        let started = Instant::now();
        let encoder = model_dir::load_encoder(&ModelArgs {
            model: Some(model.clone()),
            precision: args.precision,
        })?;
        let mut cache = EmbeddingCache::open(args.cache.as_deref())?;
        let report = matching::report_of(&encoder, &mut cache, prepared, Thresholds::default())?;
        let seconds = started.elapsed().as_secs_f64();
        sides.push(side(&encoder, &report, &resume_text, seconds)?);
        reports.push(report);
    }
    let [side_a, side_b]: [Side; 2] = match sides.try_into() {
        Ok(pair) => pair,
        Err(_) => bail!("two models, two sides"),
    };
    let comparison = Comparison {
        reports: compare_reports(&reports[0], &reports[1]),
        sides: [side_a, side_b],
    };
    print(&comparison, args.json)
}

fn side(encoder: &Encoder, report: &Report, resume: &str, seconds: f64) -> Result<Side> {
    let model = encoder.model();
    Ok(Side {
        model: model.name.to_owned(),
        layers: model.layers,
        max_seq_len: model.max_seq_len,
        download_bytes: model.download_bytes,
        weights_bytes: model.weights_bytes,
        seconds,
        texts: report.resume.len()
            + report
                .posts
                .iter()
                .map(|p| p.requirements.len())
                .sum::<usize>(),
        shattered_resume_words: shattered_words(encoder.tokenizer(), resume)?,
        truncated_texts: truncated(encoder.tokenizer(), report)?,
        top_posts: top_posts(report, TOP_POSTS),
    })
}

/// Resume sentences and requirements with more word pieces than the model reads.
fn truncated(tokenizer: &WordPieceTokenizer, report: &Report) -> Result<usize> {
    let texts = report.resume.iter().map(|s| &s.text).chain(
        report
            .posts
            .iter()
            .flat_map(|p| p.requirements.iter().map(|r| &r.text)),
    );
    let mut n = 0;
    for text in texts {
        n += usize::from(tokenizer.tokenize(text)?.truncated());
    }
    Ok(n)
}

/// Words of `text` the tokenizer cuts into at least [`SHATTERED_PIECES`] pieces, with their
/// piece counts, most pieces first (each word once, lower-cased).
fn shattered_words(tokenizer: &WordPieceTokenizer, text: &str) -> Result<Vec<(String, usize)>> {
    let mut words: BTreeMap<String, usize> = BTreeMap::new();
    let pieces = tokenizer.pieces(text)?;
    let mut i = 0;
    while i < pieces.len() {
        let start = pieces[i].1 .0;
        let mut end = pieces[i].1 .1;
        let mut n = 1;
        while i + n < pieces.len() && pieces[i + n].0.starts_with("##") {
            end = pieces[i + n].1 .1;
            n += 1;
        }
        if n >= SHATTERED_PIECES {
            if let Some(word) = text.get(start..end) {
                words.insert(word.to_lowercase(), n);
            }
        }
        i += n;
    }
    let mut words: Vec<(String, usize)> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(words)
}

fn print(c: &Comparison, json: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer(&mut out, c)?;
        writeln!(out)?;
        return Ok(());
    }
    let [a, b] = &c.sides;
    writeln!(out, "{:<34} {:>26} {:>26}", "", a.model, b.model)?;
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
    let rows: [(&str, String, String); 6] = [
        ("layers", a.layers.to_string(), b.layers.to_string()),
        (
            "word pieces read per text",
            a.max_seq_len.to_string(),
            b.max_seq_len.to_string(),
        ),
        ("download", mb(a.download_bytes), mb(b.download_bytes)),
        ("weights (f32)", mb(a.weights_bytes), mb(b.weights_bytes)),
        (
            "load + embed, this run",
            format!("{:.2} s ({} texts)", a.seconds, a.texts),
            format!("{:.2} s ({} texts)", b.seconds, b.texts),
        ),
        (
            "texts cut short",
            a.truncated_texts.to_string(),
            b.truncated_texts.to_string(),
        ),
    ];
    for (name, x, y) in rows {
        writeln!(out, "{name:<34} {x:>26} {y:>26}")?;
    }
    writeln!(
        out,
        "\nranking agreement over {} posts: Kendall τ-b {}",
        c.reports.posts,
        c.reports
            .kendall_tau
            .map_or("-".into(), |t| format!("{t:.3}"))
    )?;
    for side in &c.sides {
        writeln!(out, "top posts by {}:", side.model)?;
        for (i, title) in side.top_posts.iter().enumerate() {
            writeln!(out, "  {}. {title}", i + 1)?;
        }
    }
    writeln!(
        out,
        "\n{} of {} requirements change status ({} → {}):",
        c.reports.changed.len(),
        c.reports.requirements,
        a.model,
        b.model
    )?;
    for change in c.reports.changed.iter().take(CHANGES_SHOWN) {
        writeln!(
            out,
            "  {:<11} → {:<11} {} — {}",
            change.first, change.second, change.post, change.requirement
        )?;
    }
    if c.reports.changed.len() > CHANGES_SHOWN {
        writeln!(
            out,
            "  … {} more (--json lists all)",
            c.reports.changed.len() - CHANGES_SHOWN
        )?;
    }
    writeln!(
        out,
        "\nresume words shattered into ≥ {SHATTERED_PIECES} word pieces:"
    )?;
    for side in &c.sides {
        let words: Vec<String> = side
            .shattered_resume_words
            .iter()
            .take(20)
            .map(|(w, n)| format!("{w} ({n})"))
            .collect();
        writeln!(
            out,
            "  {} ({}): {}",
            side.model,
            side.shattered_resume_words.len(),
            words.join(", ")
        )?;
    }
    Ok(())
}
