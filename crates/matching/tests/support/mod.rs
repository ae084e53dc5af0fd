//! The toy embedding the matching tests share: the integration tests (`tests.rs`) use it as a
//! module, the unit tests of `src/terms.rs` include this file by path. No model needed, so every
//! similarity the tests assert is known exactly.

/// A unit vector with one axis per topic `text` mentions (1 if it does, 0 if not) plus one
/// "other" axis of 0.3, so a text with no topic still has a direction and differs from every
/// topic.
pub fn toy_embedding(topics: &[&str], text: &str) -> Vec<f32> {
    let lower = text.to_lowercase();
    let mut v: Vec<f32> = topics
        .iter()
        .map(|t| if lower.contains(t) { 1.0 } else { 0.0 })
        .collect();
    v.push(0.3);
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / norm).collect()
}
