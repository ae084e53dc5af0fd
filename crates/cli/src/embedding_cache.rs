//! An on-disk cache of embeddings for repeated batch runs (`--cache FILE`).
//!
//! A flat file of records, each the sha256 of (model id, text) followed by the vector as
//! little-endian f32: simple to append to and to read back, and it never stores the texts.
//! Records have one width per file: `FILE` holds 384-float vectors (all-MiniLM-L6-v2's, the
//! format every cache was written in before wider models), `FILE.768` all-mpnet-base-v2's.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jobdelta_encoder::{Encoder, EMBEDDING_DIM};
use sha2::{Digest, Sha256};

use crate::parallel::embed_on_all_cores;

const KEY_BYTES: usize = 32;

type Key = [u8; KEY_BYTES];

/// Embeddings by text hash, backed by a file when a path is given.
pub struct EmbeddingCache {
    path: Option<PathBuf>,
    vectors: HashMap<Key, Vec<f32>>,
    /// Vector widths whose file has been read.
    loaded: HashSet<usize>,
}

impl EmbeddingCache {
    /// Reads the cache file at `path` if it exists; with `None`, caches nothing on disk. The
    /// files of other widths are read when a model of that width first asks.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        let mut cache = Self {
            path: path.map(Path::to_path_buf),
            vectors: HashMap::new(),
            loaded: HashSet::new(),
        };
        cache.load(EMBEDDING_DIM)?;
        Ok(cache)
    }

    /// The file holding vectors of `width` floats (see the module doc).
    fn file_for(&self, width: usize) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        if width == EMBEDDING_DIM {
            return Some(path.clone());
        }
        let mut name = path.clone().into_os_string();
        name.push(format!(".{width}"));
        Some(PathBuf::from(name))
    }

    /// Reads the file of `width`-float vectors, once.
    fn load(&mut self, width: usize) -> Result<()> {
        if !self.loaded.insert(width) {
            return Ok(());
        }
        let Some(path) = self.file_for(width).filter(|p| p.exists()) else {
            return Ok(());
        };
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let records = parse(&bytes, width).with_context(|| {
            format!(
                "{} is not a jobdelta embedding cache (or is damaged): delete it and retry",
                path.display()
            )
        })?;
        self.vectors.extend(records);
        Ok(())
    }

    /// Embeds the texts, taking what it can from the cache and saving what is new; the new ones
    /// are embedded on all cores.
    pub fn embed(
        &mut self,
        encoder: &Encoder,
        texts: &[String],
        on_progress: impl FnMut(usize, usize),
    ) -> Result<Vec<Vec<f32>>> {
        let width = encoder.model().dim;
        self.load(width)?;
        let model = encoder.model_id();
        let keys: Vec<Key> = texts.iter().map(|t| key(&model, t)).collect();
        let mut seen = std::collections::HashSet::new();
        let missing: Vec<usize> = (0..texts.len())
            .filter(|&i| !self.vectors.contains_key(&keys[i]) && seen.insert(keys[i]))
            .collect();
        let missing_texts: Vec<&str> = missing.iter().map(|&i| texts[i].as_str()).collect();
        // The encoder refuses an empty list; everything may well be cached.
        let embedded = if missing_texts.is_empty() {
            Vec::new()
        } else {
            embed_on_all_cores(encoder, &missing_texts, on_progress)?
        };
        let mut new_records = Vec::with_capacity(missing.len() * (KEY_BYTES + 4 * width));
        for (&i, vector) in missing.iter().zip(embedded) {
            new_records.extend_from_slice(&keys[i]);
            for x in &vector {
                new_records.extend_from_slice(&x.to_le_bytes());
            }
            self.vectors.insert(keys[i], vector);
        }
        if let Some(path) = self.file_for(width) {
            if !new_records.is_empty() {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(&new_records))
                    .with_context(|| format!("cannot write the cache {}", path.display()))?;
            }
        }
        keys.iter()
            .map(|k| {
                self.vectors
                    .get(k)
                    .cloned()
                    .context("an embedding is missing from the cache")
            })
            .collect()
    }
}

/// The records of a cache file of `width`-float vectors; `None` unless the bytes are whole
/// records.
fn parse(bytes: &[u8], width: usize) -> Option<Vec<(Key, Vec<f32>)>> {
    let record_bytes = KEY_BYTES + 4 * width;
    if !bytes.len().is_multiple_of(record_bytes) {
        return None;
    }
    let records = bytes
        .chunks_exact(record_bytes)
        .map(|record| {
            let (key, vector) = record.split_at(KEY_BYTES);
            let mut k = [0u8; KEY_BYTES];
            k.copy_from_slice(key);
            let v = vector
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            (k, v)
        })
        .collect();
    Some(records)
}

/// The cache key of `text` embedded by `model` (`Encoder::model_id`: one model's vectors never
/// answer for another's, nor int8 vectors for f32 ones).
fn key(model: &str, text: &str) -> Key {
    let mut hasher = Sha256::new();
    hasher.update(model.as_bytes());
    hasher.update([0u8]);
    hasher.update(text.as_bytes());
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_encoder::Precision;

    #[test]
    fn int8_vectors_never_answer_for_f32_ones() {
        let f32_key = key(Precision::F32.model_id(), "Led a team of 5");
        let int8_key = key(Precision::Int8.model_id(), "Led a team of 5");
        assert_ne!(f32_key, int8_key);
        // f32 keys are those of the caches written before int8 existed.
        assert_eq!(f32_key, key(jobdelta_encoder::MODEL_ID, "Led a team of 5"));
    }

    /// A 768-float record read as 384-float ones would be two garbage vectors (or a damaged
    /// file): each width has its own file, and each file is parsed at its width.
    #[test]
    fn each_width_has_its_own_file() -> Result<()> {
        let cache = EmbeddingCache::open(Some(Path::new("/nonexistent/cache.bin")))?;
        assert_eq!(
            cache.file_for(EMBEDDING_DIM),
            Some(PathBuf::from("/nonexistent/cache.bin"))
        );
        assert_eq!(
            cache.file_for(768),
            Some(PathBuf::from("/nonexistent/cache.bin.768"))
        );
        assert_eq!(EmbeddingCache::open(None)?.file_for(768), None);
        let mut bytes = key("m", "a").to_vec();
        for i in 0..768 {
            bytes.extend_from_slice(&(i as f32).to_le_bytes());
        }
        let records = parse(&bytes, 768).context("one whole record")?;
        assert_eq!(records.len(), 1);
        assert_eq!((records[0].1.len(), records[0].1[767]), (768, 767.0));
        assert!(parse(&bytes, EMBEDDING_DIM).is_none());
        Ok(())
    }
}
