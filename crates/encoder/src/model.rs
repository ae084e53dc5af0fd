//! The BERT network of all-MiniLM-L6-v2, loaded from bytes.

use crate::bert::{Bert, BertConfig, Scratch};
use crate::Result;

/// The three files the encoder needs, as bytes; where they come from is the caller's business
/// (the CLI reads a folder, the browser worker fetches and caches them).
#[derive(Clone)]
pub struct ModelFiles {
    /// `model.safetensors`.
    pub weights: Vec<u8>,
    /// `tokenizer.json`.
    pub tokenizer_json: Vec<u8>,
    /// `config.json`.
    pub config_json: Vec<u8>,
}

/// The transformer plus pooling: token ids in, unit-length sentence vectors out.
pub(crate) struct SentenceModel {
    bert: Bert,
}

impl SentenceModel {
    /// Loads the network from safetensors bytes and a `config.json`; the bytes are dropped
    /// once the weights are packed.
    pub(crate) fn load(weights: Vec<u8>, config_json: &[u8]) -> Result<Self> {
        let config: BertConfig = serde_json::from_slice(config_json)?;
        let bert = Bert::load(&weights, &config)?;
        Ok(Self { bert })
    }

    pub(crate) fn bert(&self) -> &Bert {
        &self.bert
    }

    /// Whether the weights came from a half-precision file.
    pub(crate) fn half_precision_file(&self) -> bool {
        self.bert.half_precision_file()
    }

    /// Embeds a batch of texts given as word-piece ids. Each text runs alone, unpadded, so a
    /// text's vector never depends on its batch; batches only pace progress reports.
    pub(crate) fn embed_batch(&self, ids: &[&[u32]]) -> Result<Vec<Vec<f32>>> {
        let mut scratch = Scratch::default();
        ids.iter()
            .map(|row| self.bert.embed(row, &mut scratch))
            .collect()
    }
}
