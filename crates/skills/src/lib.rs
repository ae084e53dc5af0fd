//! Skills named in a text: the gazetteer and context classifier of `skill-extractor`.
//!
//! The PyPI package `skill-extractor` 0.2.0 (MIT, © 2026 Qarera) finds skills in two steps,
//! reproduced here exactly:
//!
//! 1. [`Gazetteer`]: its 30,957 skills (`data/skills.txt`) matched case-insensitively,
//!    longest match first, never overlapping, at word boundaries (a word is `[A-Za-z0-9_]`):
//!    a line-for-line port of its FlashText matcher, offsets in bytes of the original text;
//! 2. [`candidates`] and [`Classifier`]: each hit with the 20 whitespace-separated words
//!    before it and 21 from it on, written `"{skill} : {context}"` ([`Candidate::model_input`]),
//!    is embedded with all-MiniLM-L6-v2 by the caller, and a 384-256-128-64-1 MLP (ReLU,
//!    logistic output; `data/mlp.bin`) gives the probability that the hit is a skill here;
//!    [`THRESHOLD`] (0.5) accepts it.
//!
//! No model, no I/O: the data is compiled in, and embedding is the caller's (the CLI and the
//! model worker have the encoder; the page never does).

#![warn(missing_docs)]

mod classifier;
mod context;
mod gazetteer;

pub use classifier::{Classifier, EMBEDDING_WIDTH};
pub use context::{candidates, Candidate, CONTEXT_WORDS_AFTER, CONTEXT_WORDS_BEFORE};
pub use gazetteer::{Gazetteer, GazetteerMatch};

/// The model whose embeddings the classifier was trained on. Another model's vectors — even
/// of the same width, as paraphrase-MiniLM-L3-v2's — mean nothing to it.
pub const CLASSIFIER_MODEL_ID: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// Whether the classifier can judge the vectors of the model reported as `model_id`: its own
/// model's, at any precision or engine (`…+int8`, `…+candle`: the same vectors to rounding).
///
/// ```
/// use jobdelta_skills::judges_vectors_of;
/// assert!(judges_vectors_of("sentence-transformers/all-MiniLM-L6-v2"));
/// assert!(judges_vectors_of("sentence-transformers/all-MiniLM-L6-v2+int8"));
/// assert!(!judges_vectors_of("sentence-transformers/paraphrase-MiniLM-L3-v2"));
/// assert!(!judges_vectors_of("sentence-transformers/all-MiniLM-L6-v2x"));
/// ```
pub fn judges_vectors_of(model_id: &str) -> bool {
    model_id
        .strip_prefix(CLASSIFIER_MODEL_ID)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('+'))
}

/// The probability from which the classifier accepts a hit (the package's default).
pub const THRESHOLD: f32 = 0.5;

/// The attribution the MIT licence of `skill-extractor` asks for, to show with its skills.
pub const ATTRIBUTION: &str = "Skill vocabulary and context classifier from skill-extractor \
0.2.0 (© 2026 Qarera, MIT licence).";

/// The licence text of the `skill-extractor` data this crate embeds.
pub const LICENSE: &str = include_str!("../data/LICENSE-skill-extractor");

/// What can go wrong with the classifier's weights or input.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// The weights file is not in the format `scripts/skill-extractor/build.py` writes.
    #[error("the skill classifier's weights are malformed: {0}")]
    Weights(String),
    /// An embedding of the wrong width was given.
    #[error("the skill classifier takes {expected}-wide embeddings, got {got}")]
    InputWidth {
        /// The first layer's input width.
        expected: usize,
        /// The width given.
        got: usize,
    },
}

/// This crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
