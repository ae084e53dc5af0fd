//! The forward pass a worker embeds with, chosen by its build: the fast encoder
//! (`jobdelta-encoder`, the `worker` and `worker-relaxed` builds) or candle-transformers' BERT
//! (`jobdelta-candle`, the `worker-candle` build, this crate's `candle` feature).
//!
//! Everything else — download, verification, the embedding cache, analyses, the helper pool —
//! is the same code for both: it sees an [`Embedder`], which embeds texts, counts word pieces
//! and names the vectors it makes (the cache keys them by that name, so one engine never
//! reads the other's).

use jobdelta_encoder::{Embedding, Encoder, ModelFiles, ModelSpec};
use jobdelta_matching::WordPieces;
use jobdelta_protocol as protocol;
use jobdelta_protocol::Backend;

use crate::error::Result;

/// The model id candle's vectors of `model` are cached under: they agree with the fast
/// encoder's at f32 (cosine ≥ 0.99999, `crates/candle/tests`), but a person who chose candle
/// must get candle's.
#[cfg(feature = "candle")]
pub(crate) fn candle_model_id(model: &ModelSpec) -> String {
    format!("{}+candle", model.id)
}

/// Which forward pass a worker build runs (its binary chooses, through [`crate::run`] or
/// `crate::run_candle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EngineKind {
    /// `jobdelta-encoder`'s own forward pass, at the precision the page asks for.
    Fast,
    /// candle-transformers' BERT, f32 only.
    #[cfg(feature = "candle")]
    Candle,
}

impl EngineKind {
    /// The precision it runs when the page asks for `asked`: candle computes in f32 only.
    pub(crate) fn precision(self, asked: protocol::Precision) -> protocol::Precision {
        match self {
            EngineKind::Fast => asked,
            #[cfg(feature = "candle")]
            EngineKind::Candle => protocol::Precision::F32,
        }
    }
}

/// A built model of either kind.
pub(crate) enum Embedder {
    /// The fast encoder (its own tokenizer counts the word pieces).
    Fast(Encoder),
    /// candle's BERT, with the fast encoder's WordPiece tokenizer over the same
    /// `tokenizer.json` for the report's word-piece feedback (the same pieces as the
    /// `tokenizers` crate candle reads with: both are tested against sentence-transformers).
    #[cfg(feature = "candle")]
    Candle {
        candle: Box<jobdelta_candle::CandleEncoder>,
        word_pieces: jobdelta_encoder::WordPieceTokenizer,
        model: &'static ModelSpec,
    },
}

impl Embedder {
    /// Builds `kind` for `model` from its verified files, at `precision` where the kind has a
    /// choice.
    pub(crate) fn build(
        kind: EngineKind,
        files: ModelFiles,
        model: &'static ModelSpec,
        precision: protocol::Precision,
    ) -> Result<Self> {
        match kind {
            EngineKind::Fast => Ok(Embedder::Fast(Encoder::for_model(
                files,
                model,
                encoder_precision(precision),
            )?)),
            #[cfg(feature = "candle")]
            EngineKind::Candle => {
                // Every model whose network candle-transformers has, read at its own length;
                // it refuses the others (all-mpnet-base-v2) with a message saying why.
                let word_pieces =
                    jobdelta_encoder::WordPieceTokenizer::from_bytes(&files.tokenizer_json)?;
                let candle = jobdelta_candle::CandleEncoder::for_model(files, model)?;
                Ok(Embedder::Candle {
                    candle: Box::new(candle),
                    word_pieces,
                    model,
                })
            }
        }
    }

    /// Embeds `texts` (unit vectors, in order, with their word-piece counts).
    pub(crate) fn embed(&self, texts: &[&str]) -> Result<Vec<Embedding>> {
        match self {
            Embedder::Fast(encoder) => Ok(encoder.embed(texts)?),
            #[cfg(feature = "candle")]
            Embedder::Candle { candle, .. } => Ok(candle.embed(texts)?),
        }
    }

    /// The model's word pieces, for the report's feedback on shattered terms.
    pub(crate) fn word_pieces(&self) -> &dyn WordPieces {
        match self {
            Embedder::Fast(encoder) => encoder.tokenizer(),
            #[cfg(feature = "candle")]
            Embedder::Candle { word_pieces, .. } => word_pieces,
        }
    }

    /// The id its vectors are cached and reported under (model, precision, engine).
    pub(crate) fn model_id(&self) -> String {
        match self {
            Embedder::Fast(encoder) => encoder.model_id(),
            #[cfg(feature = "candle")]
            Embedder::Candle { model, .. } => candle_model_id(model),
        }
    }

    /// How it runs, for the page (`workers`: the pool it leads).
    pub(crate) fn engine(&self, workers: usize) -> protocol::Engine {
        let (backend, f16_weights, precision) = match self {
            Embedder::Fast(encoder) => (
                Backend::Fast,
                encoder.weights_were_f16(),
                match encoder.precision() {
                    jobdelta_encoder::Precision::F32 => protocol::Precision::F32,
                    jobdelta_encoder::Precision::Int8 => protocol::Precision::Int8,
                },
            ),
            #[cfg(feature = "candle")]
            Embedder::Candle { candle, .. } => (
                Backend::Candle,
                candle.weights_were_f16(),
                protocol::Precision::F32,
            ),
        };
        protocol::Engine {
            backend,
            f16_weights,
            relaxed_simd: jobdelta_encoder::RELAXED_SIMD,
            workers,
            precision,
        }
    }
}

/// The encoder's name for a precision the page asked for.
fn encoder_precision(precision: protocol::Precision) -> jobdelta_encoder::Precision {
    match precision {
        protocol::Precision::F32 => jobdelta_encoder::Precision::F32,
        protocol::Precision::Int8 => jobdelta_encoder::Precision::Int8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_fast_engine_runs_the_precision_asked_for() {
        for precision in [protocol::Precision::F32, protocol::Precision::Int8] {
            assert_eq!(EngineKind::Fast.precision(precision), precision);
        }
    }

    #[cfg(feature = "candle")]
    #[test]
    fn candle_runs_f32_whatever_is_asked_and_caches_apart() {
        for precision in [protocol::Precision::F32, protocol::Precision::Int8] {
            assert_eq!(
                EngineKind::Candle.precision(precision),
                protocol::Precision::F32
            );
        }
        let id = candle_model_id(jobdelta_encoder::DEFAULT_MODEL);
        assert_ne!(id, jobdelta_encoder::MODEL_ID);
        assert_ne!(id, jobdelta_encoder::MODEL_ID_INT8);
    }
}
