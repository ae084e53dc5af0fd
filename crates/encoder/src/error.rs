//! Errors of the encoder crate, each worded so that the person seeing it knows what to do.

/// Everything that can go wrong while loading the model or embedding text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `config.json` is not a BERT configuration this crate understands.
    #[error("the model configuration (config.json) could not be read: {0}")]
    Config(#[from] serde_json::Error),
    /// `tokenizer.json` could not be parsed or configured.
    #[error("the tokenizer (tokenizer.json) could not be loaded: {0}")]
    Tokenizer(String),
    /// The weights are missing tensors, have the wrong shapes, or are not safetensors at all.
    #[error("the model weights (model.safetensors) could not be loaded: {0}; the file may be truncated or corrupted, fetch it again")]
    Weights(String),
    /// The forward pass itself failed (a bug, not bad input).
    #[error("the model failed while computing embeddings: {0}")]
    Inference(String),
    /// Nothing was given to embed.
    #[error("there is no text to embed: give at least one non-empty text")]
    NoTexts,
    /// One of the texts was empty or only whitespace.
    #[error("text {index} is empty: remove it or write something in it")]
    EmptyText {
        /// Position of the offending text in the input, counted from 0.
        index: usize,
    },
    /// The caller's progress callback asked to stop.
    #[error("embedding was cancelled")]
    Cancelled,
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
