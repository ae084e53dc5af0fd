//! The one vector operation matching needs: the dot product of two embeddings (their cosine,
//! since embeddings are unit length). The project's only `dot`: the CLI's evaluation and the map use it too.

/// Dot product over the common length (never a panic); the cosine for normalised vectors.
///
/// Eight independent running sums, not one: a single sum is a chain of dependent adds the
/// compiler may not reorder, while eight lanes become two 128-bit vector adds per step
/// (wasm simd128, SSE). Reports over hundreds of posts compute millions of these.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let length = a.len().min(b.len());
    let (a, b) = (&a[..length], &b[..length]);
    let mut lanes = [0.0_f32; 8];
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in (&mut a_chunks).zip(&mut b_chunks) {
        for ((lane, x), y) in lanes.iter_mut().zip(x).zip(y) {
            *lane += x * y;
        }
    }
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    lanes.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn dot_products_of_any_length() {
        for length in [0, 1, 7, 8, 9, 384, 390] {
            let a: Vec<f32> = (0..length).map(|i| (i as f32 * 0.3).sin()).collect();
            let b: Vec<f32> = (0..length).map(|i| (i as f32 * 0.7).cos()).collect();
            let expected: f64 = a.iter().zip(&b).map(|(x, y)| f64::from(x * y)).sum();
            assert!(
                (f64::from(dot(&a, &b)) - expected).abs() < 1e-4,
                "length {length}"
            );
        }
        // Different lengths: the common part only.
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[1.0, 1.0]), 3.0);
    }
}
