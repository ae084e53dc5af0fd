//! `jobdelta bench`: embedding speed on a fixed corpus, printed as figures, never asserted.
//!
//! The corpus is embedded `runs` times and the median kept; then a profile: time per stage of
//! the forward pass, and the whole pass and the matrix kernel against the multiply-add
//! ceiling of this machine's 128-bit vectors (the same kernels the browser runs).
//! `--engine candle` times candle-transformers' BERT on the same corpus instead (no profile:
//! the stages are the fast engine's). The fast engine is timed at both precisions, the one of
//! `--precision` (profiled) first, and their ratio printed (`speedup_int8_vs_f32`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{profile, Embedding, Encoder, Precision, WordPieceTokenizer, DEFAULT_MODEL};

use crate::args::{BenchArgs, Engine};
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
    let (dir, model) = model_dir::resolve_model(args.model.model.as_deref());

    let started = Instant::now();
    let files = model_dir::read(&dir, model)?;
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    let tokenizer = WordPieceTokenizer::with_max_len(&files.tokenizer_json, model.max_seq_len)?;
    let precision = args.model.precision.precision();
    // The fast engine is timed at both precisions in one run (the other one second), so their
    // ratio is measured under the same load.
    let other = match (args.engine, precision) {
        (Engine::Fast, Precision::F32) => Some(Precision::Int8),
        (Engine::Fast, Precision::Int8) => Some(Precision::F32),
        (Engine::Candle, _) => None,
    };
    let other = match other {
        Some(p) => Some(Encoder::for_model(files.clone(), model, p)?),
        None => None,
    };
    let started = Instant::now();
    let engine = match args.engine {
        Engine::Fast => Loaded::Fast(Encoder::for_model(files, model, precision)?),
        Engine::Candle if model != DEFAULT_MODEL => {
            bail!("--engine candle runs only {}", DEFAULT_MODEL.name)
        }
        Engine::Candle => Loaded::Candle(CandleEncoder::from_files(files)?),
    };
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let pieces: usize = tokenizer
        .tokenize_all(&texts)?
        .iter()
        .map(|t| t.ids.len())
        .sum();
    println!(
        "corpus={} sentences={} word_pieces={pieces}",
        corpus.display(),
        texts.len()
    );
    let threads = match engine {
        // The fast encoder runs on the calling thread.
        Loaded::Fast(_) => 1,
        Loaded::Candle(_) => jobdelta_candle::threads(),
    };
    println!(
        "engine={:?} precision={precision} threads={threads} cores={}",
        args.engine,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("model_read_ms={read_ms:.0} model_load_ms={load_ms:.0}");

    let median = median_seconds(args.runs, || engine.embed(&texts).map(drop))?;
    println!(
        "embed: sentences_per_s={:.1} word_pieces_per_s={:.0} median_s={median:.3}",
        texts.len() as f64 / median,
        pieces as f64 / median
    );
    if let Some(other) = &other {
        let other_median = median_seconds(args.runs, || Ok(other.embed(&texts).map(drop)?))?;
        println!(
            "embed[{}]: sentences_per_s={:.1} word_pieces_per_s={:.0} median_s={other_median:.3}",
            other.precision(),
            texts.len() as f64 / other_median,
            pieces as f64 / other_median
        );
        let (f32_s, int8_s) = match precision {
            Precision::F32 => (median, other_median),
            Precision::Int8 => (other_median, median),
        };
        println!("speedup_int8_vs_f32={:.2}", f32_s / int8_s);
    }
    if let Loaded::Fast(encoder) = &engine {
        print_profile(encoder, &texts)?;
    }
    if let Some(peak) = peak_rss_mib() {
        println!("peak_rss_mib={peak:.0}");
    }
    Ok(())
}

/// The median time of `runs` calls of `run`, in seconds.
fn median_seconds(runs: usize, mut run: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        run()?;
        seconds.push(started.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    Ok(seconds[seconds.len() / 2])
}

/// The engine being measured.
enum Loaded {
    /// The encoder's own forward pass: every text alone through the model, no padding.
    Fast(Encoder),
    /// candle-transformers' BERT: padded batches of texts sorted by length.
    Candle(CandleEncoder),
}

impl Loaded {
    fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>> {
        Ok(match self {
            Loaded::Fast(encoder) => encoder.embed(texts)?,
            Loaded::Candle(encoder) => encoder.embed(texts)?,
        })
    }
}

/// Where the time goes, stage by stage, against the multiply-add ceiling of this machine.
fn print_profile(encoder: &Encoder, texts: &[String]) -> Result<()> {
    let origin = Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1e3;
    let peak = profile::multiply_add_peak_gflops(100_000_000, clock);
    let times = encoder.profile(texts, clock)?;
    let total = times.total_ms();
    let model = times.flops / (total / 1e3) / 1e9;
    println!(
        "profile: multiply-add ceiling {peak:.1} GFLOP/s (SSE, one core); whole pass {model:.1} GFLOP/s ({:.0} % of it)",
        100.0 * model / peak
    );
    for (stage, ms) in profile::Stage::ALL.iter().zip(times.ms) {
        println!(
            "  {:<26} {ms:7.0} ms {:5.1} %",
            stage.name(),
            100.0 * ms / total
        );
    }
    for figure in profile::kernel_table(1e9, clock) {
        let (rows, inputs, outputs) = figure.shape;
        println!(
            "  kernel {} {rows}x{inputs}->{outputs}: {:.1} GFLOP/s ({:.0} % of the f32 ceiling)",
            figure.precision,
            figure.gflops,
            100.0 * figure.gflops / peak
        );
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
