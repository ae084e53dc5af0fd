//! Finding and reading the model folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{Encoder, ModelFiles};

use crate::args::ModelArgs;

/// Where `scripts/fetch-model` puts the model, relative to the repository root.
const FETCHED_MODEL: &str = "models/all-MiniLM-L6-v2";

/// The browser app's half-precision weights.
const F16_WEIGHTS: &str = "model.f16.safetensors";

/// The folder to load: `--model`, else `$JOBDELTA_MODEL_DIR`, else the fetched model next to
/// the current directory, else the one in the repository this binary was built from.
pub fn resolve(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("JOBDELTA_MODEL_DIR") {
        return PathBuf::from(dir);
    }
    let here = PathBuf::from(FETCHED_MODEL);
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(FETCHED_MODEL)
}

/// Reads one model file from `dir`, saying how to get it when it is missing.
pub fn read_file(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    std::fs::read(&path).with_context(|| {
        format!(
            "cannot read {} (run scripts/fetch-model, or pass --model DIR)",
            path.display()
        )
    })
}

/// Reads the three model files from `dir`: the weights from `model.safetensors`, or from the
/// half-precision copy `model.f16.safetensors` where that is all the folder has (the browser
/// app's folder, models/web/all-MiniLM-L6-v2: the app's numbers can be checked against it).
pub fn read(dir: &Path) -> Result<ModelFiles> {
    let weights = if dir.join("model.safetensors").exists() || !dir.join(F16_WEIGHTS).exists() {
        "model.safetensors"
    } else {
        F16_WEIGHTS
    };
    Ok(ModelFiles {
        weights: read_file(dir, weights)?,
        tokenizer_json: read_file(dir, "tokenizer.json")?,
        config_json: read_file(dir, "config.json")?,
    })
}

/// Loads the encoder from `--model` (or the default folder, see [`resolve`]): the one way every
/// command that embeds gets its model.
pub fn load_encoder(model: &ModelArgs) -> Result<Encoder> {
    let dir = resolve(model.model.as_deref());
    Encoder::from_files_at(read(&dir)?, model.precision.precision())
        .with_context(|| format!("cannot load the model from {}", dir.display()))
}

/// Loads candle-transformers' BERT from the same folder as [`load_encoder`] (`--engine candle`).
pub fn load_candle_encoder(explicit: Option<&Path>) -> Result<CandleEncoder> {
    let dir = resolve(explicit);
    CandleEncoder::from_files(read(&dir)?)
        .with_context(|| format!("cannot load the model into candle from {}", dir.display()))
}
