//! `jobdelta models`: the registry of models (jobdelta_encoder::registry) and which of them are
//! installed here.

use std::io::Write;

use anyhow::Result;
use jobdelta_encoder::{ModelSpec, DEFAULT_MODEL, MODELS};
use serde::Serialize;

use crate::args::ModelsArgs;
use crate::model_dir;

/// One model as `jobdelta models --json` prints it.
#[derive(Serialize)]
struct ModelRow {
    name: &'static str,
    id: &'static str,
    default: bool,
    installed: bool,
    folder: String,
    architecture: &'static str,
    layers: usize,
    dim: usize,
    max_seq_len: usize,
    pooling: &'static str,
    normalize: bool,
    weights_bytes: u64,
    download_bytes: u64,
    weights_sha256: &'static str,
    licence: &'static str,
    source: &'static str,
    installer: &'static str,
}

fn row(model: &'static ModelSpec) -> ModelRow {
    ModelRow {
        name: model.name,
        id: model.id,
        default: model == DEFAULT_MODEL,
        installed: model_dir::is_installed(model),
        folder: model_dir::installed_dir(model).display().to_string(),
        architecture: model.architecture.name(),
        layers: model.layers,
        dim: model.dim,
        max_seq_len: model.max_seq_len,
        pooling: model.pooling.name(),
        normalize: model.normalize,
        weights_bytes: model.weights_bytes,
        download_bytes: model.download_bytes,
        weights_sha256: model.weights_sha256,
        licence: model.licence,
        source: model.source,
        installer: model.installer,
    }
}

pub fn run(args: &ModelsArgs) -> Result<()> {
    let rows: Vec<ModelRow> = MODELS.into_iter().map(row).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<26} {:<9} {:<6} {:>6} {:>5} {:>8} {:<7} {:<9} {:>9} {:>9}  licence",
        "model",
        "installed",
        "net",
        "layers",
        "dim",
        "max len",
        "pooling",
        "normalise",
        "weights",
        "download"
    )?;
    for r in &rows {
        let name = if r.default {
            format!("{} (default)", r.name)
        } else {
            r.name.to_owned()
        };
        writeln!(
            out,
            "{:<26} {:<9} {:<6} {:>6} {:>5} {:>8} {:<7} {:<9} {:>6.1} MB {:>6.1} MB  {}",
            name,
            if r.installed { "yes" } else { "no" },
            r.architecture,
            r.layers,
            r.dim,
            r.max_seq_len,
            r.pooling,
            if r.normalize { "yes" } else { "no" },
            r.weights_bytes as f64 / 1e6,
            r.download_bytes as f64 / 1e6,
            r.licence
        )?;
    }
    for r in rows.iter().filter(|r| !r.installed) {
        writeln!(
            out,
            "{} is not installed in {}: run {}",
            r.name, r.folder, r.installer
        )?;
    }
    Ok(())
}
