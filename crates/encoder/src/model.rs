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
