//! Finding and reading a model's folder: `--model NAME` (a model of
//! [`jobdelta_encoder::registry`]) or `--model DIR`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{
    find_model, Encoder, ModelFiles, ModelSpec, WebCopy, DEFAULT_MODEL, MODELS, WEB_WEIGHTS_FILE,
};

use sha2::{Digest, Sha256};

use crate::args::ModelArgs;

/// Where `scripts/fetch-model` puts the models, relative to the repository root.
const MODELS_DIR: &str = "models";

/// The browser app's half-precision weights.
const F16_WEIGHTS: &str = WEB_WEIGHTS_FILE;

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

/// The first part of a split browser copy (`model.f16.safetensors.part-000`).
fn first_part(dir: &Path) -> PathBuf {
    dir.join(format!("{F16_WEIGHTS}.part-000"))
}

/// The weights of a browser copy split in parts (models/web/all-mpnet-base-v2), joined in the
/// order `web` names them and checked as the worker checks them: the registered parts (sizes
/// and count) and the sha256 of the whole, so a missing, stale or truncated part is an error
/// that says so rather than a model that fails to parse or embeds wrongly.
fn read_parts(dir: &Path, web: &WebCopy) -> Result<Vec<u8>> {
    let mut weights = Vec::with_capacity(usize::try_from(web.bytes).unwrap_or(0));
    for (name, size) in web.weight_files().iter().zip(web.part_sizes()) {
        let part = read_file(dir, name)?;
        if part.len() as u64 != size {
            bail!(
                "{} has {} bytes, expected {size} (run scripts/fetch-model to write the parts again)",
                dir.join(name).display(),
                part.len()
            );
        }
        weights.extend_from_slice(&part);
    }
    let extra = dir.join(format!("{F16_WEIGHTS}.part-{:03}", web.part_sizes().len()));
    if extra.exists() {
        bail!(
            "{} is one part too many for this model's browser copy (run scripts/fetch-model)",
            extra.display()
        );
    }
    let sha256: String = Sha256::digest(&weights)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if sha256 != web.sha256 {
        bail!(
            "the parts in {} join to weights with sha256 {sha256}, expected {} (run scripts/fetch-model)",
            dir.display(),
            web.sha256
        );
    }
    Ok(weights)
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
/// app's folder, models/web/all-MiniLM-L6-v2: the app's numbers can be checked against it), or
/// from that copy's parts `model.f16.safetensors.part-000` … where the folder has those (the
/// split browser copy of `spec`, models/web/all-mpnet-base-v2, checked as the worker checks it).
pub fn read(dir: &Path, spec: &ModelSpec) -> Result<ModelFiles> {
    if !dir.is_dir() {
        let names: Vec<&str> = MODELS.iter().map(|m| m.name).collect();
        bail!(
            "{} is neither a model ({}; jobdelta models lists them) nor a folder \
             (run scripts/fetch-model to install the models)",
            dir.display(),
            names.join(", ")
        );
    }
    let split = spec.web.filter(|web| web.split.is_some());
    let weights = if dir.join("model.safetensors").exists() {
        read_file(dir, "model.safetensors")?
    } else if dir.join(F16_WEIGHTS).exists() {
        read_file(dir, F16_WEIGHTS)?
    } else if let Some(web) = split.filter(|_| first_part(dir).exists()) {
        read_parts(dir, &web)?
    } else {
        read_file(dir, "model.safetensors")?
    };
    Ok(ModelFiles {
        weights,
        tokenizer_json: read_file(dir, "tokenizer.json")?,
        config_json: read_file(dir, "config.json")?,
    })
}

/// The model `--model` names, without reading its files (inputs are prepared for it before it
/// loads, so a bad input is reported first).
pub fn model_spec(model: &ModelArgs) -> &'static ModelSpec {
    resolve_model(model.model.as_deref()).1
}

/// Loads the encoder from `--model` (or the default folder, see [`resolve_model`]): the one way
/// every command that embeds gets its model.
pub fn load_encoder(model: &ModelArgs) -> Result<Encoder> {
    let (dir, spec) = resolve_model(model.model.as_deref());
    Encoder::for_model(read(&dir, spec)?, spec, model.precision.precision())
        .with_context(|| format!("cannot load {} from {}", spec.name, dir.display()))
}

/// Loads candle-transformers' BERT from the same folder as [`load_encoder`] (`--engine candle`),
/// reading texts at the model's length; a model whose network candle-transformers lacks
/// (all-mpnet-base-v2) is refused before its files are read.
pub fn load_candle_encoder(explicit: Option<&Path>) -> Result<CandleEncoder> {
    let (dir, spec) = resolve_model(explicit);
    if !spec.architecture.in_candle_transformers() {
        bail!(
            "--engine candle cannot run {}: candle-transformers has no {} network (run it with --engine fast)",
            spec.name,
            spec.architecture.name()
        );
    }
    CandleEncoder::for_model(read(&dir, spec)?, spec)
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

    /// A split copy joins in order, and each way its parts can be wrong is refused.
    #[test]
    fn split_parts_join_in_order_and_bad_parts_are_refused() -> Result<()> {
        // "abcdefghij" in parts of 4 bytes: abcd, efgh, ij.
        let web = WebCopy {
            sha256: "72399361da6a7754fec986dca5b7cbaf1c810a28ded4abaf56b2106d06cb78b0",
            bytes: 10,
            split: Some(4),
        };
        let dir = std::env::temp_dir().join(format!("jobdelta-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes);
        let parts = [&b"abcd"[..], b"efgh", b"ij"];
        for (name, bytes) in web.weight_files().iter().zip(parts) {
            write(name, bytes)?;
        }
        let joined = read_parts(&dir, &web);
        let part = |i: usize| format!("{F16_WEIGHTS}.part-{i:03}");
        // Two parts swapped: right sizes, wrong order.
        write(&part(0), b"efgh")?;
        write(&part(1), b"abcd")?;
        let swapped = read_parts(&dir, &web).map_err(|e| e.to_string());
        write(&part(0), b"abcd")?;
        write(&part(1), b"efg")?;
        let short = read_parts(&dir, &web).map_err(|e| e.to_string());
        write(&part(1), b"efgh")?;
        write(&part(3), b"k")?;
        let extra = read_parts(&dir, &web).map_err(|e| e.to_string());
        std::fs::remove_file(dir.join(part(3)))?;
        std::fs::remove_file(dir.join(part(2)))?;
        let missing = read_parts(&dir, &web).map_err(|e| e.to_string());
        std::fs::remove_dir_all(&dir)?;

        assert_eq!(joined?, b"abcdefghij");
        assert!(
            matches!(&swapped, Err(e) if e.contains("sha256")),
            "{swapped:?}"
        );
        assert!(
            matches!(&short, Err(e) if e.contains("has 3 bytes, expected 4")),
            "{short:?}"
        );
        assert!(
            matches!(&extra, Err(e) if e.contains("one part too many")),
            "{extra:?}"
        );
        assert!(
            matches!(&missing, Err(e) if e.contains("part-002")),
            "{missing:?}"
        );
        Ok(())
    }
}
