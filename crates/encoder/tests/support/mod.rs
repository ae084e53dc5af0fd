//! Ground truth shared by the native and the browser test binaries.
//!
//! The fixture is a trimmed copy of the sentence-transformers reference (see
//! `fixtures/reference/README.md` for its origin); it is compiled in so the browser tests,
//! which have no file system, read the very same bytes.

#![allow(dead_code)] // each test binary uses a different subset

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

/// Largest absolute difference between corresponding components, over all vectors.
pub fn max_component_diff(got: &[Vec<f32>], expected: &[&[f32]]) -> f32 {
    got.iter()
        .zip(expected)
        .flat_map(|(g, e)| g.iter().zip(e.iter()).map(|(a, b)| (a - b).abs()))
        .fold(0.0, f32::max)
}

/// Texts of the reference, in order.
pub fn texts(entries: &[ReferenceEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.text.as_str()).collect()
}

/// Smallest cosine between each vector and its reference, with the index where it occurs.
pub fn min_cosine(got: &[Vec<f32>], expected: &[&[f32]]) -> (f32, usize) {
    got.iter()
        .zip(expected)
        .map(|(g, e)| jobdelta_encoder::cosine_similarity(g, e))
        .enumerate()
        .fold((f32::INFINITY, 0), |(best, at), (i, c)| {
            if c < best {
                (c, i)
            } else {
                (best, at)
            }
        })
}
