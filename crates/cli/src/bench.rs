//! `jobdelta bench`: embedding speed on a fixed corpus, printed as figures, never asserted.
//!
//! Each configuration is timed `runs` times and the median is kept; the first configuration
//! (one sentence per forward pass, as candle's own BERT demo does) is the baseline the others
//! are compared with, so the ratios come from one run on one machine.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use jobdelta_encoder::{BatchLimits, Encoder};

use crate::args::BenchArgs;
use crate::{input, model_dir};

/// The corpus checked into the repository (see fixtures/bench/README.md).
fn default_corpus() -> PathBuf {
    let here = PathBuf::from("fixtures/bench/sentences.txt");
    if here.is_file() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench/sentences.txt")
}

pub fn run(args: &BenchArgs) -> Result<()> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let corpus = args.input.clone().unwrap_or_else(default_corpus);
    let texts = input::read_lines(&corpus)?;
    let dir = model_dir::resolve(args.model.model.as_deref());

    let started = Instant::now();
    let files = model_dir::read(&dir)?;
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = Instant::now();
    let encoder = Encoder::from_files(files)?;
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let pieces: usize = encoder
        .tokenizer()
        .tokenize_all(&texts)?
        .iter()
        .map(|t| t.ids.len())
        .sum();
    println!(
        "corpus={} sentences={} word_pieces={pieces}",
        corpus.display(),
        texts.len()
    );
    println!(
        "threads={}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("model_read_ms={read_ms:.0} model_load_ms={load_ms:.0}");

    let configurations = [
        ("batch1", 1),
        ("sorted_batch16", 16),
        ("sorted_batch32", 32),
    ];
    let mut encoder = encoder;
    let mut baseline = None;
    for (name, max_texts) in configurations {
        encoder = encoder.with_batch_limits(BatchLimits {
            max_texts,
            ..BatchLimits::default()
        });
        let mut seconds = Vec::with_capacity(args.runs);
        for _ in 0..args.runs {
            let started = Instant::now();
            encoder.embed(&texts)?;
            seconds.push(started.elapsed().as_secs_f64());
        }
        seconds.sort_by(f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        let rate = texts.len() as f64 / median;
        let ratio = rate / *baseline.get_or_insert(rate);
        println!(
            "{name}: sentences_per_s={rate:.1} word_pieces_per_s={:.0} median_s={median:.3} vs_batch1={ratio:.2}",
            pieces as f64 / median
        );
    }
    if let Some(peak) = peak_rss_mib() {
        println!("peak_rss_mib={peak:.0}");
    }
    Ok(())
}

/// Peak resident memory of this process, where the OS reports it (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
