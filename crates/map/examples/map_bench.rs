//! Times the embedding map on random unit vectors (384-d, like the model's), or on the real
//! vectors of a `jobdelta` embedding cache:
//!
//! ```sh
//! cargo run --release -p jobdelta-map --example map_bench -- 1000 5000
//! cargo run --release -p jobdelta-map --example map_bench -- --cache /tmp/mapcache.bin
//! ```
//!
//! Each size is timed with the previous neighbour search and PCA (`jobdelta_map::reference`)
//! and the current ones in the same run. `--no-reference` skips the previous ones, `--fast`
//! the trustworthiness (O(n² d)) too, for the large sizes; `--epochs N` and `--theta X` change the
//! current map's steps and Barnes-Hut accuracy (the reference keeps the defaults), `--first N`
//! keeps the first N vectors of a cache. Prints figures only; docs/benchmarks.md
//! keeps them.

use std::time::Instant;

use jobdelta_map::reference::{
    cosine_neighbors_one_by_one, pca_2d_power_iteration, project_in_one_piece,
};
use jobdelta_map::{
    cosine_neighbors, pca_2d, refine, trustworthiness, FrameSink, MapOptions, Projection,
    RefineOptions, REFINE_MAX_POINTS,
};

/// Dimensions of the model's vectors, and of a cache record after its 32-byte key.
const DIM: usize = 384;

/// xorshift64*: reproducible inputs without an RNG crate.
fn next(state: &mut u64) -> f64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    ((state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// `n` random unit vectors (uniform on the sphere).
fn random(n: usize, state: &mut u64) -> Vec<Vec<f32>> {
    (0..n)
        .map(|_| {
            let row: Vec<f32> = (0..DIM)
                .map(|_| {
                    let (u, v) = (next(state), next(state));
                    ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
                })
                .collect();
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            row.iter().map(|x| x / norm).collect()
        })
        .collect()
}

/// The vectors of a `jobdelta --cache` file: records of a 32-byte key and 384 little-endian
/// `f32`.
fn cached(path: &str) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let record = 32 + 4 * DIM;
    if bytes.len() % record != 0 {
        return Err(format!("{path} is not a jobdelta embedding cache").into());
    }
    Ok(bytes
        .chunks_exact(record)
        .map(|r| {
            r[32..]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        })
        .collect())
}

fn seconds(started: Instant) -> f64 {
    started.elapsed().as_secs_f64()
}

/// What to time besides the current map.
#[derive(Clone, Copy)]
struct Extras {
    /// The previous neighbour search, PCA and one-piece fit.
    reference: bool,
    /// Trustworthiness of the layouts (O(n² d)).
    trust: bool,
}

fn bench(
    label: &str,
    vectors: &[Vec<f32>],
    extras: Extras,
    options: &MapOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = vectors.len();
    let k = 90.min(n - 1);
    println!("{label}: {n} points");
    if extras.reference {
        let started = Instant::now();
        let old_neighbours = cosine_neighbors_one_by_one(vectors, k);
        let old_s = seconds(started);
        let started = Instant::now();
        let new_neighbours = cosine_neighbors(vectors, k);
        let new_s = seconds(started);
        let same = old_neighbours
            .iter()
            .zip(&new_neighbours)
            .all(|(a, b)| a.iter().zip(b).all(|(x, y)| x.index == y.index));
        println!(
            "  cosine {k}-NN: one by one {old_s:.2} s, blocked {new_s:.2} s ({:.1}×), same lists: {same}",
            old_s / new_s
        );
        let started = Instant::now();
        let old_pca = pca_2d_power_iteration(vectors);
        let old_s = seconds(started);
        let started = Instant::now();
        let new_pca = pca_2d(vectors)?;
        let new_s = seconds(started);
        println!(
            "  PCA: power iteration {old_s:.2} s, subspace iteration {new_s:.2} s; \
             T(k=10) {:.3} and {:.3}",
            trustworthiness(vectors, &old_pca, 10)?,
            trustworthiness(vectors, &new_pca, 10)?
        );
    }
    let unrefined = MapOptions {
        refine: None,
        ..*options
    };
    let started = Instant::now();
    let mut projection = Projection::new(vectors, &unrefined)?;
    let setup_s = seconds(started);
    let started = Instant::now();
    let mut no_frames = |_: usize, _: &[f32]| {};
    let sink: &mut dyn FrameSink = &mut no_frames;
    while !projection.advance(sink)? {}
    let layout = projection.finish();
    let steps_s = seconds(started);
    println!(
        "  PCA + neighbours + affinities {setup_s:.2} s, {} t-SNE steps {steps_s:.2} s, \
         t-SNE in all {:.2} s",
        unrefined.epochs,
        setup_s + steps_s
    );
    if extras.reference {
        let started = Instant::now();
        let before = project_in_one_piece(
            vectors,
            &MapOptions {
                refine: None,
                ..MapOptions::default()
            },
        )?;
        println!(
            "  before (one-by-one neighbours, power-iteration PCA, one bhtsne fit): t-SNE in all \
             {:.2} s, T(k=10) {:.3}",
            seconds(started),
            trustworthiness(vectors, &before, 10)?
        );
    }
    if extras.trust {
        let started = Instant::now();
        let t_tsne = trustworthiness(vectors, &layout, 10)?;
        let trust_s = seconds(started);
        if n <= REFINE_MAX_POINTS {
            let started = Instant::now();
            let refined = refine(vectors, &layout, &RefineOptions::default());
            let refine_s = seconds(started);
            println!(
                "  refinement {refine_s:.2} s; T(k=10) t-SNE {t_tsne:.3}, refined {:.3} \
                 (trustworthiness {trust_s:.2} s)",
                trustworthiness(vectors, &refined, 10)?
            );
        } else {
            println!("  T(k=10) t-SNE {t_tsne:.3} (trustworthiness {trust_s:.2} s)");
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let fast = args.iter().any(|a| a == "--fast");
    let extras = Extras {
        reference: !fast && !args.iter().any(|a| a == "--no-reference"),
        trust: !fast,
    };
    args.retain(|a| a != "--fast" && a != "--no-reference");
    let mut options = MapOptions::default();
    let setting = |name: &str, args: &mut Vec<String>| -> Result<Option<String>, String> {
        let Some(at) = args.iter().position(|a| a == name) else {
            return Ok(None);
        };
        let value = args
            .get(at + 1)
            .cloned()
            .ok_or(format!("{name} needs a value"))?;
        args.drain(at..at + 2);
        Ok(Some(value))
    };
    if let Some(epochs) = setting("--epochs", &mut args)? {
        options.epochs = epochs.parse()?;
    }
    if let Some(theta) = setting("--theta", &mut args)? {
        options.theta = theta.parse()?;
    }
    if let Some(at) = args.iter().position(|a| a == "--cache") {
        let path = args.get(at + 1).cloned().ok_or("--cache needs a file")?;
        let mut vectors = cached(&path)?;
        if let Some(first) = setting("--first", &mut args)? {
            vectors.truncate(first.parse()?);
        }
        return bench(
            &format!("real vectors of {path}"),
            &vectors,
            extras,
            &options,
        );
    }
    let sizes: Vec<usize> = args.iter().map(|a| a.parse()).collect::<Result<_, _>>()?;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for n in if sizes.is_empty() {
        vec![1000, 5000]
    } else {
        sizes
    } {
        let vectors = random(n, &mut state);
        bench("random unit vectors", &vectors, extras, &options)?;
    }
    Ok(())
}
