//! The subcommands.

use std::io::{BufWriter, Write};

use anyhow::{bail, Context, Result};
use jobdelta_encoder::WordPieceTokenizer;
use jobdelta_text::Preprocessing;
use serde::Serialize;

use crate::args::{Cli, Command, EmbedArgs, Engine, TextsArgs};
use crate::{
    bench, compare, eval, input, interview, map, matching, model_dir, models, posture, progress,
    skills, trust,
};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Embed(args) => embed(&args),
        Command::Tokenize(args) => tokenize(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Match(args) => matching::run(&args),
        Command::Progress(args) => progress::run(&args),
        Command::Posture(args) => posture::run(&args),
        Command::Map(args) => map::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Trust(args) => trust::run(&args),
        Command::Stories(args) => interview::stories(&args),
        Command::Ask(args) => interview::ask(&args),
        Command::Interview(args) => interview::interview(&args),
        Command::Pitch(args) => interview::pitch(&args),
        Command::InterviewEval(args) => interview::evaluate(&args),
        Command::Skills(args) => skills::run(&args),
        Command::Models(args) => models::run(&args),
        Command::Compare(args) => compare::run(&args),
    }
}

/// One line of `jobdelta embed` output.
#[derive(Serialize)]
struct EmbedLine<'a> {
    text: &'a str,
    /// What was embedded, when `--preprocess` changed the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    preprocessed: Option<&'a str>,
    /// Word pieces the model read ([CLS]/[SEP] included, at most its maximum: 256 for
    /// all-MiniLM-L6-v2).
    n_tokens: usize,
    /// Word pieces in the whole line; above `n_tokens` the model ignored the rest.
    n_tokens_untruncated: usize,
    embedding: &'a [f32],
}

/// One line of `jobdelta tokenize` output.
#[derive(Serialize)]
struct TokenizeLine<'a> {
    text: &'a str,
    tokens: &'a [String],
    ids: &'a [u32],
    n_tokens_untruncated: usize,
}

fn embed(args: &EmbedArgs) -> Result<()> {
    let EmbedArgs {
        texts: args,
        engine,
    } = args;
    let texts = input::read_lines(&args.input)?;
    let preprocessed = preprocess(&texts, args.preprocess.into())?;
    let embeddings = match engine {
        Engine::Fast => model_dir::load_encoder(&args.model)?.embed(&preprocessed)?,
        Engine::Candle => {
            model_dir::load_candle_encoder(args.model.model.as_deref())?.embed(&preprocessed)?
        }
    };
    let changed = args.preprocess != crate::args::PreprocessArg::None;
    let rows = texts.iter().zip(&preprocessed).zip(&embeddings);
    write_json_lines(rows.map(|((text, embedded), e)| EmbedLine {
        text,
        preprocessed: changed.then_some(embedded.as_str()),
        n_tokens: e.n_pieces,
        n_tokens_untruncated: e.n_pieces_untruncated,
        embedding: &e.vector,
    }))
}

fn tokenize(args: &TextsArgs) -> Result<()> {
    let texts = preprocess(&input::read_lines(&args.input)?, args.preprocess.into())?;
    let (dir, model) = model_dir::resolve_model(args.model.model.as_deref());
    let bytes = model_dir::read_file(&dir, "tokenizer.json")?;
    let tokenizer = WordPieceTokenizer::with_max_len(&bytes, model.max_seq_len)?;
    let tokenized = tokenizer.tokenize_all(&texts)?;
    write_json_lines(texts.iter().zip(&tokenized).map(|(text, t)| TokenizeLine {
        text,
        tokens: &t.tokens,
        ids: &t.ids,
        n_tokens_untruncated: t.n_pieces_untruncated,
    }))
}

/// Applies a preprocessing mode to every text, refusing texts it empties.
fn preprocess(texts: &[String], mode: Preprocessing) -> Result<Vec<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let out = mode.apply(text);
            if out.trim().is_empty() {
                bail!(
                    "text {} has nothing left to embed once preprocessed ({}): {text:?}",
                    i + 1,
                    mode.label()
                );
            }
            Ok(out)
        })
        .collect()
}

/// Writes one JSON object per line to standard output.
pub(crate) fn write_json_lines<T: Serialize>(rows: impl Iterator<Item = T>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for row in rows {
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    out.flush().context("cannot write to standard output")
}
