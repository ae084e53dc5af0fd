//! Ground truth shared by the native and the browser test binaries.
//!
//! The fixture is a trimmed copy of the sentence-transformers reference (see
//! `fixtures/reference/README.md` for its origin); it is compiled in so the browser tests,
//! which have no file system, read the very same bytes.

#![allow(dead_code)] // each test binary uses a different subset

use jobdelta_encoder::{cosine_similarity, TokenizedText};
use serde::Deserialize;

pub const REFERENCE_JSON: &str =
    include_str!("../../../../fixtures/reference/minilm-l6-v2-reference.json");

/// Texts the shared reference lacks (CJK, RTL, emoji, control characters, the 255/256/257
/// boundary, long texts), computed by the independent numpy implementation in
/// `scripts/reference/`, itself validated against sentence-transformers.
pub const EXTRA_JSON: &str = include_str!("../../../../fixtures/reference/extra-texts.json");

/// Smallest cosine to the reference embedding we accept.
pub const MIN_COSINE: f32 = 0.99999;

/// Largest difference in any one component we accept. The cosine alone is too forgiving: the
/// tanh approximation of GELU still scores 0.999998 but moves components by 3e-4.
pub const MAX_COMPONENT_DIFF: f32 = 1e-5;

#[derive(Deserialize)]
pub struct Reference {
    pub entries: Vec<ReferenceEntry>,
    pub published_checks: Vec<PublishedCheck>,
}

#[derive(Deserialize)]
pub struct ReferenceEntry {
    pub name: String,
    pub text: String,
    pub tokens: Vec<String>,
    pub input_ids: Vec<u32>,
    pub n_tokens: usize,
    pub n_tokens_untruncated: usize,
    pub truncated: bool,
    pub embedding: Vec<f32>,
}

#[derive(Deserialize)]
pub struct PublishedCheck {
    pub name: String,
    pub expected: f32,
}

pub fn reference() -> Reference {
    serde_json::from_str(REFERENCE_JSON).expect("the reference fixture is valid JSON")
}

#[derive(Deserialize)]
pub struct Extra {
    pub entries: Vec<ReferenceEntry>,
}

pub fn extra() -> Extra {
    serde_json::from_str(EXTRA_JSON).expect("the extra fixture is valid JSON")
}

/// Texts of the reference, in order.
pub fn texts(entries: &[ReferenceEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.text.as_str()).collect()
}

/// Describes how `got` differs from the entry's reference tokenisation, if it does.
pub fn token_mismatch(entry: &ReferenceEntry, got: &TokenizedText) -> Option<String> {
    let mismatch = if got.ids != entry.input_ids {
        "input_ids"
    } else if got.tokens != entry.tokens {
        "tokens"
    } else if got.n_pieces_untruncated != entry.n_tokens_untruncated {
        "untruncated length"
    } else if got.truncated() != entry.truncated {
        "truncation flag"
    } else {
        return None;
    };
    Some(format!(
        "{}: {mismatch} differ from the reference",
        entry.name
    ))
}

/// Largest absolute difference between corresponding components of two vectors.
pub fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// How closely a set of embeddings agrees with the reference embeddings of the same texts.
pub struct Agreement {
    pub texts: usize,
    pub min_cosine: f32,
    pub worst_text: String,
    pub max_component_diff: f32,
}

impl Agreement {
    /// Compares `vectors[i]` with `entries[i].embedding`.
    pub fn of(vectors: &[Vec<f32>], entries: &[&ReferenceEntry]) -> Self {
        let mut agreement = Agreement {
            texts: vectors.len(),
            min_cosine: f32::INFINITY,
            worst_text: String::new(),
            max_component_diff: 0.0,
        };
        for (vector, entry) in vectors.iter().zip(entries) {
            let cosine = cosine_similarity(vector, &entry.embedding);
            if cosine < agreement.min_cosine {
                agreement.min_cosine = cosine;
                agreement.worst_text = entry.name.clone();
            }
            let diff = max_abs_diff(vector, &entry.embedding);
            agreement.max_component_diff = agreement.max_component_diff.max(diff);
        }
        agreement
    }

    /// Fails unless every cosine and every component is within the parity bounds.
    pub fn check(&self) -> Result<(), String> {
        if self.texts == 0
            || self.min_cosine < MIN_COSINE
            || self.max_component_diff > MAX_COMPONENT_DIFF
        {
            return Err(format!("parity lost: {self}"));
        }
        Ok(())
    }
}

impl std::fmt::Display for Agreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} texts, min cosine {:.7} ({}), max component diff {:e}",
            self.texts, self.min_cosine, self.worst_text, self.max_component_diff
        )
    }
}
