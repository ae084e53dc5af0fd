//! The model's files as bytes, the one input the encoder is built from.

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

/// The arithmetic of the dense layers (the four products of each transformer layer).
///
/// `F32` is the reference, at parity with sentence-transformers. `Int8` quantises the weights
/// per output channel at load and the activations per row as it runs, and sums in i32
/// ([`crate::quant`]): a quarter of the weights' memory and a faster product, at a measured
/// cost in accuracy (docs/quality.md). Embeddings, layer norms, GELU, attention and pooling stay
/// f32 in both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Precision {
    /// f32 weights and activations.
    #[default]
    F32,
    /// int8 weights and activations, i32 sums.
    Int8,
}

impl Precision {
    /// Both, in a stable order.
    pub const ALL: [Precision; 2] = [Precision::F32, Precision::Int8];

    /// `"f32"` or `"int8"`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::Int8 => "int8",
        }
    }

    /// The name of the model as this precision computes it, for cache keys and reports: int8
    /// vectors differ from f32 ones, so they never share a cache entry.
    pub fn model_id(self) -> &'static str {
        match self {
            Precision::F32 => crate::MODEL_ID,
            Precision::Int8 => crate::MODEL_ID_INT8,
        }
    }

    /// The precision called `name` (`"f32"` or `"int8"`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
