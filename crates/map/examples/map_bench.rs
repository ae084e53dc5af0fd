//! Times the embedding map on random unit vectors (384-d, like the model's):
//! `cargo run --release -p jobdelta-map --example map_bench -- 1000 5000`.
//! Prints figures only; docs/benchmarks.md keeps them.

use std::time::Instant;

use jobdelta_map::{pca_2d, project, refine, trustworthiness, MapOptions, RefineOptions};

/// xorshift64*: reproducible inputs without an RNG crate.
fn next(state: &mut u64) -> f64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    ((state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for n in if sizes.is_empty() {
        vec![1000, 5000]
    } else {
        sizes
    } {
        let vectors: Vec<Vec<f32>> = (0..n)
            .map(|_| {
                // Box-Muller normals, then unit length: uniform on the sphere.
                let row: Vec<f32> = (0..384)
                    .map(|_| {
                        let (u, v) = (next(&mut state), next(&mut state));
                        ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
                    })
                    .collect();
                let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
                row.iter().map(|x| x / norm).collect()
            })
            .collect();
        let started = Instant::now();
        let pca = pca_2d(&vectors)?;
        let pca_s = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let unrefined = MapOptions {
            refine: None,
            ..MapOptions::default()
        };
        let layout = project(&vectors, &unrefined)?;
        let tsne_s = started.elapsed().as_secs_f64();
        // The refinement alone (it is part of `project` by default, up to its size limit).
        let started = Instant::now();
        let refined = refine(&vectors, &layout, &RefineOptions::default());
        let refine_s = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let t_tsne = trustworthiness(&vectors, &layout, 10)?;
        let trust_s = started.elapsed().as_secs_f64();
        let t_refined = trustworthiness(&vectors, &refined, 10)?;
        let t_pca = trustworthiness(&vectors, &pca, 10)?;
        println!(
            "{n} points: PCA {pca_s:.2} s, t-SNE (PCA start included) {tsne_s:.2} s, \
             refinement {refine_s:.2} s, trustworthiness {trust_s:.2} s; \
             T(k=10) PCA {t_pca:.3}, t-SNE {t_tsne:.3}, refined {t_refined:.3}"
        );
    }
    Ok(())
}
