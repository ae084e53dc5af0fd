//! candle-transformers' BERT, with sentence-transformers' tokenisation, pooling and
//! normalisation: the reference implementation the encoder's own forward pass
//! (`jobdelta-encoder`) is checked against (natively and in headless Chromium), the CLI's
//! `--engine candle`, and the browser's `worker-candle` build (`?engine=candle`).
//!
//! Pure and target-agnostic: it is built from bytes ([`ModelFiles`], what the worker
//! downloads), and compiles for wasm32 too, where candle's CPU kernels use simd128 (the
//! workspace's `.cargo/config.toml`) on the calling thread. The pipeline is written
//! independently of the fast encoder's, sharing only
//! the input type ([`ModelFiles`]) and the output type ([`Embedding`]): it tokenises with the
//! `tokenizers` crate directly (truncation at the model's length, no padding), runs padded
//! batches with an attention mask the way sentence-transformers does (texts sorted by length,
//! so each batch pads little), and pools with the mask.

use candle_core::{DType, Device, Tensor, D};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use jobdelta_encoder::{Embedding, ModelFiles, ModelSpec, DEFAULT_MODEL};
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

/// Texts per padded batch (sentence-transformers' default `batch_size`).
pub const BATCH_SIZE: usize = 32;

/// Why the candle engine could not load or embed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// candle failed: weights missing or of the wrong shape, or a tensor operation failed.
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
    /// `config.json` is not a BERT configuration candle-transformers reads.
    #[error("config.json: {0}")]
    Config(#[from] serde_json::Error),
    /// `tokenizer.json` could not be read, or a text could not be tokenised.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// The call had no texts to embed.
    #[error("no texts to embed")]
    NoTexts,
    /// The model's network is not one candle-transformers has.
    #[error("{model} is an {architecture} network, which candle-transformers does not have; run it with the fast engine")]
    Architecture {
        /// The model asked for.
        model: &'static str,
        /// Its network (`config.json`'s `model_type`).
        architecture: &'static str,
    },
}

/// Threads candle's matrix products use: `RAYON_NUM_THREADS`, else every core (the fast
/// encoder always uses one; set `RAYON_NUM_THREADS=1` to compare like with like).
pub fn threads() -> usize {
    candle_core::utils::get_num_threads()
}

/// Result of this crate's operations.
pub type Result<T> = std::result::Result<T, Error>;

/// One tokenised text: the ids the model reads and how long the whole text was.
struct Tokenized {
    ids: Vec<u32>,
    n_pieces_untruncated: usize,
}

/// A BERT sentence encoder on candle: tokenizer, network, masked mean pooling, L2 norm.
pub struct CandleEncoder {
    /// Truncates at the model's length in word pieces: what the model is fed.
    truncating: Tokenizer,
    /// That length ([`ModelSpec::max_seq_len`]: 256 for all-MiniLM-L6-v2, 128 for
    /// paraphrase-MiniLM-L3-v2).
    max_seq_len: usize,
    /// Never truncates: counts how much of a long text the model does not see.
    counting: Tokenizer,
    bert: BertModel,
    device: Device,
    /// Whether the safetensors held half-precision weights (widened to f32 on load).
    weights_were_f16: bool,
}

impl CandleEncoder {
    /// Loads all-MiniLM-L6-v2 (the default model) from its three files' bytes.
    pub fn from_files(files: ModelFiles) -> Result<Self> {
        Self::for_model(files, DEFAULT_MODEL)
    }

    /// Loads `model`'s network (f32, f16 or bf16 safetensors, computed in f32: the browser's
    /// f16 copy embeds as the fast encoder does at f32) and tokenizer from its three files'
    /// bytes, reading texts at its length; a model whose network candle-transformers lacks
    /// (all-mpnet-base-v2) is refused.
    pub fn for_model(files: ModelFiles, model: &'static ModelSpec) -> Result<Self> {
        if !model.architecture.in_candle_transformers() {
            return Err(Error::Architecture {
                model: model.name,
                architecture: model.architecture.name(),
            });
        }
        let config = bert_config(&files.config_json)?;
        let device = Device::Cpu;
        let weights_were_f16 = holds_f16(&files.weights)?;
        let weights = VarBuilder::from_buffered_safetensors(files.weights, DType::F32, &device)?;
        let bert = BertModel::load(weights, &config)?;
        let tokenizer_error = |e: tokenizers::Error| Error::Tokenizer(e.to_string());
        let mut counting = Tokenizer::from_bytes(&files.tokenizer_json).map_err(tokenizer_error)?;
        // tokenizer.json bakes in padding and truncation at 128; sentence-transformers
        // overrides both.
        counting.with_padding(None);
        counting.with_truncation(None).map_err(tokenizer_error)?;
        let mut truncating = counting.clone();
        truncating
            .with_truncation(Some(TruncationParams {
                max_length: model.max_seq_len,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(tokenizer_error)?;
        Ok(Self {
            truncating,
            max_seq_len: model.max_seq_len,
            counting,
            bert,
            device,
            weights_were_f16,
        })
    }

    /// Whether the weights were stored at half precision (and widened to f32 on load).
    pub fn weights_were_f16(&self) -> bool {
        self.weights_were_f16
    }

    /// Embeds texts (unit-length vectors, in input order).
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Embedding>> {
        if texts.is_empty() {
            return Err(Error::NoTexts);
        }
        let tokenized = texts
            .iter()
            .map(|text| self.tokenize(text.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        // Longest first, as sentence-transformers batches: rows of a batch pad little.
        let mut order: Vec<usize> = (0..tokenized.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(tokenized[i].ids.len()));
        let mut vectors: Vec<Vec<f32>> = vec![Vec::new(); tokenized.len()];
        for batch in order.chunks(BATCH_SIZE) {
            let rows: Vec<&[u32]> = batch.iter().map(|&i| tokenized[i].ids.as_slice()).collect();
            for (&i, vector) in batch.iter().zip(self.embed_batch(&rows)?) {
                vectors[i] = vector;
            }
        }
        Ok(tokenized
            .into_iter()
            .zip(vectors)
            .map(|(text, vector)| Embedding {
                vector,
                n_pieces: text.ids.len(),
                n_pieces_untruncated: text.n_pieces_untruncated,
            })
            .collect())
    }

    /// The word-piece ids the model reads for `text`, [CLS] and [SEP] included.
    fn tokenize(&self, text: &str) -> Result<Tokenized> {
        let tokenizer_error = |e: tokenizers::Error| Error::Tokenizer(e.to_string());
        let ids = self
            .truncating
            .encode(text, true)
            .map_err(tokenizer_error)?
            .get_ids()
            .to_vec();
        let n_pieces_untruncated = if ids.len() < self.max_seq_len {
            ids.len()
        } else {
            self.counting
                .encode(text, true)
                .map_err(tokenizer_error)?
                .get_ids()
                .len()
        };
        Ok(Tokenized {
            ids,
            n_pieces_untruncated,
        })
    }

    /// One padded batch through the network, then masked mean pooling and L2 normalisation.
    fn embed_batch(&self, rows: &[&[u32]]) -> Result<Vec<Vec<f32>>> {
        let padded_len = rows.iter().map(|row| row.len()).max().unwrap_or(0);
        let mut ids = vec![0u32; rows.len() * padded_len];
        let mut mask = vec![0u32; rows.len() * padded_len];
        for (row, row_ids) in rows.iter().enumerate() {
            let start = row * padded_len;
            ids[start..start + row_ids.len()].copy_from_slice(row_ids);
            mask[start..start + row_ids.len()].fill(1);
        }
        let shape = (rows.len(), padded_len);
        let ids = Tensor::from_vec(ids, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        // One segment: every token type is 0.
        let hidden = self.bert.forward(&ids, &ids.zeros_like()?, Some(&mask))?;
        let pooled = masked_mean(&hidden, &mask)?;
        Ok(l2_normalize(&pooled)?.to_vec2::<f32>()?)
    }
}

/// Whether any tensor of a safetensors file is stored as f16 (read from its header alone).
fn holds_f16(weights: &[u8]) -> Result<bool> {
    let (_, metadata) = safetensors::SafeTensors::read_metadata(weights)
        .map_err(|e| Error::Candle(candle_core::Error::wrap(e)))?;
    Ok(metadata
        .tensors()
        .values()
        .any(|info| info.dtype == safetensors::Dtype::F16))
}

/// Mean of each row's token vectors over the positions its mask marks (sentence-transformers'
/// `Pooling`, mean mode): padding must not be averaged in. `hidden` is `[batch, seq, dim]`,
/// `mask` `[batch, seq]` of 0/1.
fn masked_mean(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mask = mask.to_dtype(hidden.dtype())?.unsqueeze(D::Minus1)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // sentence-transformers clamps the count at 1e-9 so an all-zero mask cannot divide by 0.
    let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
    summed.broadcast_div(&counts)
}

/// candle-transformers' BERT configuration from `config.json`. Two fields it requires matter
/// only for training (dropout, the initialiser's spread) and a config written for inference
/// may leave them out — paraphrase-MiniLM-L3-v2's, written from its ONNX export, does — so
/// those get Hugging Face's defaults when absent.
fn bert_config(config_json: &[u8]) -> Result<Config> {
    let mut config: serde_json::Value = serde_json::from_slice(config_json)?;
    if let Some(fields) = config.as_object_mut() {
        for (name, default) in [("hidden_dropout_prob", 0.1), ("initializer_range", 0.02)] {
            fields.entry(name).or_insert(default.into());
        }
    }
    Ok(serde_json::from_value(config)?)
}

/// Scales each row of `[batch, dim]` to unit length (`torch.nn.functional.normalize`: the
/// divisor is at least 1e-12, so a zero row stays zero).
fn l2_normalize(rows: &Tensor) -> candle_core::Result<Tensor> {
    let norms = rows.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
    rows.broadcast_div(&norms)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An inference-only config (paraphrase-MiniLM-L3-v2's has no dropout or initialiser
    /// fields) reads with the training defaults; fields a config gives are kept.
    #[test]
    fn a_config_without_training_fields_reads() -> Result<()> {
        let minimal = br#"{"vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 3,
            "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu",
            "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
            "pad_token_id": 0, "model_type": "bert"}"#;
        let config = bert_config(minimal)?;
        assert_eq!(
            (config.hidden_dropout_prob, config.initializer_range),
            (0.1, 0.02)
        );
        assert_eq!(config.num_hidden_layers, 3);
        let mut given: serde_json::Value = serde_json::from_slice(minimal)?;
        given["hidden_dropout_prob"] = 0.3.into();
        let config = bert_config(&serde_json::to_vec(&given)?)?;
        assert_eq!(config.hidden_dropout_prob, 0.3);
        assert!(
            bert_config(b"{}").is_err(),
            "a config without the network's shape"
        );
        Ok(())
    }

    #[test]
    fn mpnet_is_refused_before_any_file_is_read() {
        let files = ModelFiles {
            weights: Vec::new(),
            tokenizer_json: Vec::new(),
            config_json: Vec::new(),
        };
        let Some(model) = jobdelta_encoder::find_model("all-mpnet-base-v2") else {
            panic!("all-mpnet-base-v2 is registered");
        };
        let message = CandleEncoder::for_model(files, model)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("all-mpnet-base-v2 is an mpnet network, which candle-transformers does not have; run it with the fast engine")
        );
    }

    #[test]
    fn padding_positions_are_not_averaged() -> candle_core::Result<()> {
        let hidden = Tensor::new(
            &[
                [[1f32, 2.0], [3.0, 4.0], [100.0, 100.0]],
                [[2.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
            ],
            &Device::Cpu,
        )?;
        let mask = Tensor::new(&[[1u32, 1, 0], [1, 0, 0]], &Device::Cpu)?;
        let pooled = masked_mean(&hidden, &mask)?.to_vec2::<f32>()?;
        assert_eq!(pooled, vec![vec![2.0, 3.0], vec![2.0, 0.0]]);
        Ok(())
    }

    #[test]
    fn rows_become_unit_length_and_zero_rows_stay_zero() -> candle_core::Result<()> {
        let rows = Tensor::new(&[[3f32, 4.0], [0.0, 0.0]], &Device::Cpu)?;
        let normalized = l2_normalize(&rows)?.to_vec2::<f32>()?;
        assert_eq!(normalized, vec![vec![0.6, 0.8], vec![0.0, 0.0]]);
        Ok(())
    }
}
