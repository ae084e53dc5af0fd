//! Vector similarity for embeddings.

/// Dot product of two equally long vectors (for unit vectors this is their cosine).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Cosine similarity of two vectors; 0 when either is all zeros (rather than NaN).
pub fn cosine_similarity(a: &[f32], b: &[f32]) -> f32 {
    let norms = dot(a, a).sqrt() * dot(b, b).sqrt();
    if norms == 0.0 {
        0.0
    } else {
        dot(a, b) / norms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_known_vectors() {
        let cases: &[(&[f32], &[f32], f32)] = &[
            (&[1.0, 0.0], &[1.0, 0.0], 1.0),
            (&[1.0, 0.0], &[0.0, 1.0], 0.0),
            (&[1.0, 0.0], &[-2.0, 0.0], -1.0),
            (&[3.0, 4.0], &[4.0, 3.0], 24.0 / 25.0),
            (&[0.0, 0.0], &[1.0, 1.0], 0.0),
        ];
        for (a, b, expected) in cases {
            let got = cosine_similarity(a, b);
            assert!(
                (got - expected).abs() < 1e-6,
                "{a:?}·{b:?}: {got} != {expected}"
            );
        }
    }
}
