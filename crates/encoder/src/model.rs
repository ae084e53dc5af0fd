//! The BERT network of all-MiniLM-L6-v2, loaded from bytes.

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};

use crate::pooling::{l2_normalize, masked_mean};
use crate::{Error, Result};

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
    bert: BertModel,
    device: Device,
}

impl SentenceModel {
    /// Loads the network from safetensors bytes and a `config.json`.
    pub(crate) fn load(weights: Vec<u8>, config_json: &[u8]) -> Result<Self> {
        let config: Config = serde_json::from_slice(config_json)?;
        let device = Device::Cpu;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .map_err(Error::Weights)?;
        let bert = BertModel::load(vb, &config).map_err(Error::Weights)?;
        Ok(Self { bert, device })
    }

    /// Embeds one padded batch: `ids[row]` are the row's word-piece ids (unpadded), all rows
    /// padded with 0 up to `padded_len`. Returns one normalised vector per row.
    pub(crate) fn embed_batch(&self, ids: &[&[u32]], padded_len: usize) -> Result<Vec<Vec<f32>>> {
        let rows = ids.len();
        let mut flat_ids = vec![0u32; rows * padded_len];
        let mut flat_mask = vec![0u32; rows * padded_len];
        for (row, row_ids) in ids.iter().enumerate() {
            let start = row * padded_len;
            flat_ids[start..start + row_ids.len()].copy_from_slice(row_ids);
            flat_mask[start..start + row_ids.len()].fill(1);
        }
        let input_ids = Tensor::from_vec(flat_ids, (rows, padded_len), &self.device)?;
        let attention_mask = Tensor::from_vec(flat_mask, (rows, padded_len), &self.device)?;
        // This model has a single segment: token_type_ids are all zero.
        let token_type_ids = input_ids.zeros_like()?;
        let hidden = self
            .bert
            .forward(&input_ids, &token_type_ids, Some(&attention_mask))?;
        let pooled = masked_mean(&hidden, &attention_mask)?;
        Ok(l2_normalize(&pooled)?.to_vec2::<f32>()?)
    }
}
