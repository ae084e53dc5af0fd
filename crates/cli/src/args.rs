//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// jobdelta: see how your experience covers the jobs you want — this CLI exposes the engine.
#[derive(Debug, Parser)]
#[command(name = "jobdelta", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Embed each line of INPUT; prints JSON Lines {"text", "n_tokens", "embedding"}.
    Embed(TextsArgs),
    /// Tokenise each line of INPUT; prints JSON Lines {"text", "tokens", "ids"}.
    Tokenize(TextsArgs),
    /// Measure embedding speed on a corpus (one sentence per line).
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Folder holding model.safetensors, tokenizer.json and config.json
    /// [default: $JOBDELTA_MODEL_DIR, else models/all-MiniLM-L6-v2 as placed by scripts/fetch-model]
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TextsArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// File with one text per line, or `-` for standard input; blank lines are skipped.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Corpus, one sentence per line [default: fixtures/bench/sentences.txt]
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Timed runs per configuration (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}
