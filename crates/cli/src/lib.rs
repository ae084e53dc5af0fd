//! The native `jobdelta` command line: batch embedding, tokenisation and benchmarks over the
//! same encoder crate the browser worker uses.

mod args;
mod bench;
mod commands;
mod compare;
mod embedding_cache;
mod eval;
mod input;
mod interview;
mod map;
mod matching;
mod model_dir;
mod models;
mod parallel;
mod posture;
mod progress;
mod skills;
mod trust;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line, runs the command and turns any error into one line on stderr.
pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` puts the whole context chain on one line.
            eprintln!("jobdelta: {err:#}");
            ExitCode::FAILURE
        }
    }
}
