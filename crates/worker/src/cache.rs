//! Embeddings already computed, so no sentence is embedded twice.
//!
//! Two levels: a map in the worker's memory (lives as long as the worker) and the
//! `embeddings` store of the browser's IndexedDB (survives reloads). Keys are the model id (the
//! loaded model's at its precision: `jobdelta_encoder::Encoder::model_id`) and the sha256 of the exact text, so a
//! second model, or the same one at int8, never reads the first one's vectors and
//! the person's sentences are not written out as keys. Storage failures never fail an
//! analysis: they only mean the next visit embeds again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[cfg(test)]
use jobdelta_encoder::MODEL_ID_INT8;
use jobdelta_encoder::{EMBEDDING_DIM, MODEL_ID};
use jobdelta_storage::{Database, Store};
use js_sys::Float32Array;
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};

/// Keys looked up in IndexedDB per transaction.
const LOOKUP_CHUNK: usize = 512;

/// Both cache levels.
pub struct EmbeddingCache {
    memory: RefCell<HashMap<String, Rc<[f32]>>>,
    /// `None` until first used; `Some(None)` when the browser offers no storage.
    database: RefCell<Option<Option<Rc<Database>>>>,
    /// The model id the stored vectors are keyed by (set once the model is built; the memory
    /// level needs none, a worker runs one model at one precision for its whole life).
    model_id: RefCell<Rc<str>>,
    /// The length of that model's vectors (384, or all-mpnet-base-v2's 768): a stored vector
    /// of any other length is not used.
    dim: std::cell::Cell<usize>,
}

impl Default for EmbeddingCache {
    fn default() -> Self {
        Self {
            memory: RefCell::default(),
            database: RefCell::default(),
            model_id: RefCell::new(Rc::from(MODEL_ID)),
            dim: std::cell::Cell::new(EMBEDDING_DIM),
        }
    }
}

impl EmbeddingCache {
    /// Keys stored vectors by `model_id` from now on, and reads back only vectors of `dim`
    /// numbers.
    pub fn set_model(&self, model_id: &str, dim: usize) {
        *self.model_id.borrow_mut() = Rc::from(model_id);
        self.dim.set(dim);
    }

    /// The embedding of `text` if it is in memory.
    pub fn in_memory(&self, text: &str) -> Option<Rc<[f32]>> {
        self.memory.borrow().get(text).cloned()
    }

    /// Keeps an embedding in memory.
    pub fn remember(&self, text: &str, vector: Rc<[f32]>) {
        self.memory.borrow_mut().insert(text.to_owned(), vector);
    }

    /// Looks the texts not in memory up in IndexedDB and brings the ones found into memory.
    pub async fn load(&self, texts: &[&str]) {
        let Some(db) = self.database().await else {
            return;
        };
        let missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| self.in_memory(t).is_none())
            .collect();
        for chunk in missing.chunks(LOOKUP_CHUNK) {
            let model = Rc::clone(&self.model_id.borrow());
            let keys: Vec<String> = chunk.iter().map(|t| storage_key(&model, t)).collect();
            match db.get_many(Store::Embeddings, &keys).await {
                Ok(values) => {
                    for (text, value) in chunk.iter().zip(values) {
                        if let Some(vector) = value.and_then(|v| vector_of(v, self.dim.get())) {
                            self.remember(text, vector);
                        }
                    }
                }
                Err(error) => {
                    log(&format!("reading cached embeddings failed: {error}"));
                    return;
                }
            }
        }
    }

    /// Writes embeddings to IndexedDB in one transaction.
    pub async fn store(&self, entries: &[(&str, Rc<[f32]>)]) {
        if entries.is_empty() {
            return;
        }
        let Some(db) = self.database().await else {
            return;
        };
        let model = Rc::clone(&self.model_id.borrow());
        let values: Vec<(String, JsValue)> = entries
            .iter()
            .map(|(text, vector)| {
                (
                    storage_key(&model, text),
                    Float32Array::from(&vector[..]).into(),
                )
            })
            .collect();
        if let Err(error) = db.put_many(Store::Embeddings, &values).await {
            log(&format!("saving embeddings failed: {error}"));
        }
    }

    /// Forgets everything, in memory and in IndexedDB.
    pub async fn clear(&self) -> jobdelta_storage::Result<()> {
        self.memory.borrow_mut().clear();
        match self.database().await {
            Some(db) => db.clear(Store::Embeddings).await,
            None => Ok(()),
        }
    }

    async fn database(&self) -> Option<Rc<Database>> {
        if let Some(opened) = self.database.borrow().as_ref() {
            return opened.clone();
        }
        let opened = match Database::open().await {
            Ok(db) => Some(Rc::new(db)),
            Err(error) => {
                log(&format!(
                    "embeddings will not be kept between visits: {error}"
                ));
                None
            }
        };
        *self.database.borrow_mut() = Some(opened.clone());
        opened
    }
}

/// `model id:sha256(text)`.
fn storage_key(model: &str, text: &str) -> String {
    format!("{model}:{:x}", Sha256::digest(text.as_bytes()))
}

/// A stored vector, if it is one of the model's `dim` numbers (anything else is ignored and
/// recomputed).
fn vector_of(value: JsValue, dim: usize) -> Option<Rc<[f32]>> {
    let array = value.dyn_into::<Float32Array>().ok()?;
    (array.length() as usize == dim).then(|| array.to_vec().into())
}

fn log(message: &str) {
    web_sys::console::warn_1(&format!("jobdelta worker: {message}").into());
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn keys_name_the_model_and_hide_the_text() {
        let key = storage_key(MODEL_ID, "Led a team of 5");
        assert!(key.starts_with("sentence-transformers/all-MiniLM-L6-v2:"));
        assert!(!key.contains("Led"));
        assert_eq!(key.len(), MODEL_ID.len() + 1 + 64);
        assert_ne!(storage_key(MODEL_ID, "a"), storage_key(MODEL_ID, "a "));
        // int8 vectors are kept apart from f32 ones.
        assert_ne!(storage_key(MODEL_ID, "a"), storage_key(MODEL_ID_INT8, "a"));
    }
}
