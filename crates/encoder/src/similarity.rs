//! Vector similarity for embeddings.

/// Cosine similarity of two vectors; 0 when either is all zeros (rather than NaN).
///
/// Not a dot product of unit vectors: it takes any vectors (the tests compare with reference
/// embeddings as stored), so it divides by both norms. Summed in one pass, in the same order as
/// three separate sums would be. (The fast dot product of unit embeddings is
/// `jobdelta_matching::dot`.)
pub fn cosine_similarity(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    let norms = aa.sqrt() * bb.sqrt();
    if norms == 0.0 {
        0.0
    } else {
        ab / norms
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
