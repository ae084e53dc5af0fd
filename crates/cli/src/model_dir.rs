//! Finding and reading a model's folder: `--model NAME` (a model of
//! [`jobdelta_encoder::registry`]) or `--model DIR`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{find_model, Encoder, ModelFiles, ModelSpec, DEFAULT_MODEL, MODELS};

use crate::args::ModelArgs;

/// Where `scripts/fetch-model` puts the models, relative to the repository root.
const MODELS_DIR: &str = "models";

/// The browser app's half-precision weights.
const F16_WEIGHTS: &str = "model.f16.safetensors";

/// The folder of a registered model: under models/ next to the current directory if it is
/// there, else in the repository this binary was built from.
pub fn installed_dir(model: &ModelSpec) -> PathBuf {
    let here = Path::new(MODELS_DIR).join(model.dir);
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(MODELS_DIR)
        .join(model.dir)
}

/// The folder to load and the model it holds: `--model DIR`, the folder of `--model NAME`, else
/// `$JOBDELTA_MODEL_DIR`, else the default model's folder ([`installed_dir`]). `--model` is a
/// registered name (or id) first,
/// else a folder; a folder named like a registered model's (models/web/paraphrase-MiniLM-L3-v2)
/// holds that model, any other folder the default one, all-MiniLM-L6-v2.
pub fn resolve_model(explicit: Option<&Path>) -> (PathBuf, &'static ModelSpec) {
    if let Some(arg) = explicit {
        if let Some(model) = arg.to_str().and_then(find_model) {
            return (installed_dir(model), model);
        }
        let named = arg
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| MODELS.into_iter().find(|m| m.dir.eq_ignore_ascii_case(n)));
        return (arg.to_path_buf(), named.unwrap_or(DEFAULT_MODEL));
    }
    if let Some(dir) = std::env::var_os("JOBDELTA_MODEL_DIR") {
        return (PathBuf::from(dir), DEFAULT_MODEL);
    }
    (installed_dir(DEFAULT_MODEL), DEFAULT_MODEL)
}

/// Whether a registered model's files are all in its folder.
pub fn is_installed(model: &ModelSpec) -> bool {
    let dir = installed_dir(model);
    ["tokenizer.json", "config.json"]
        .iter()
        .all(|f| dir.join(f).is_file())
        && (dir.join("model.safetensors").is_file() || dir.join(F16_WEIGHTS).is_file())
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
    if !dir.is_dir() {
        let names: Vec<&str> = MODELS.iter().map(|m| m.name).collect();
        bail!(
            "{} is neither a model ({}; jobdelta models lists them) nor a folder \
             (run scripts/fetch-model to install the models)",
            dir.display(),
            names.join(", ")
        );
    }
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

/// Loads the encoder from `--model` (or the default folder, see [`resolve_model`]): the one way
/// every command that embeds gets its model.
pub fn load_encoder(model: &ModelArgs) -> Result<Encoder> {
    let (dir, spec) = resolve_model(model.model.as_deref());
    Encoder::for_model(read(&dir)?, spec, model.precision.precision())
        .with_context(|| format!("cannot load {} from {}", spec.name, dir.display()))
}

/// Loads candle-transformers' BERT from the same folder as [`load_encoder`] (`--engine candle`).
/// It reads 256 word pieces, all-MiniLM-L6-v2's length, so it runs only that model.
pub fn load_candle_encoder(explicit: Option<&Path>) -> Result<CandleEncoder> {
    let (dir, spec) = resolve_model(explicit);
    if spec != DEFAULT_MODEL {
        bail!(
            "--engine candle runs only {} for now; {} needs --engine fast",
            DEFAULT_MODEL.name,
            spec.name
        );
    }
    CandleEncoder::from_files(read(&dir)?)
        .with_context(|| format!("cannot load the model into candle from {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_or_a_folder_picks_the_model() {
        for model in MODELS {
            let (dir, spec) = resolve_model(Some(Path::new(model.name)));
            assert_eq!((dir.file_name(), spec), (Some(model.dir.as_ref()), model));
            let web = Path::new("models/web").join(model.dir);
            assert_eq!(resolve_model(Some(&web)), (web.clone(), model));
        }
        let other = Path::new("/somewhere/my-model");
        assert_eq!(
            resolve_model(Some(other)),
            (other.to_path_buf(), DEFAULT_MODEL)
        );
    }
}
