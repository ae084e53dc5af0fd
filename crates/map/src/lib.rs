//! The embedding map: sentence vectors (rows of 384 `f32`, unit length) laid out in 2-D so
//! that sentences that mean alike land near each other, and a measure of how far the picture
//! can be trusted.
//!
//! - [`project`] runs Barnes-Hut t-SNE (the [`bhtsne`] crate) on the cosine neighbours we find
//!   by brute force, from a PCA start ([`pca_2d`]), then [`refine`]s the layout so that
//!   sentences far apart in meaning are not drawn together (up to [`REFINE_MAX_POINTS`]).
//! - [`trustworthiness`] is scikit-learn's `sklearn.manifold.trustworthiness`: how many of each
//!   point's nearest neighbours on the map are intruders that were far away in the 384-d space.
//!
//! # Why t-SNE from `bhtsne`
//!
//! The map must keep neighbours (which requirement sits next to which resume sentence), not
//! global distances: PCA keeps the two directions of largest variance and mixes the rest. On
//! the shared resume with three real posts (118 points) PCA's trustworthiness at k = 10 is
//! 0.748 and this t-SNE's 0.851, on a par with scikit-learn's t-SNE on the same vectors (0.84
//! to 0.86), and 0.865 refined (`docs/quality.md`). `bhtsne` is maintained, safe Rust, has the Barnes-Hut
//! approximation (O(n log n) a step: 1,000 points in about 2 s, 5,000 in about 13 s on one
//! loaded core; `docs/benchmarks.md`) and takes caller-supplied neighbours, so the cosine
//! search stays ours (brute force over unit vectors, fine at a few thousand points).
//! UMAP (`umap-rs`) was the other candidate; t-SNE was chosen because its result is settled by
//! a deterministic gradient descent from a given start, with no random negative sampling to
//! seed and reproduce.
//!
//! # Determinism
//!
//! There is no random step: the start is PCA (power iteration from a fixed vector, signs
//! fixed), the neighbours are exact, and the fit runs in one thread (natively a one-thread
//! rayon pool; in the browser's worker, where wasm32 has no threads, rayon's global pool is
//! the calling thread), so its float sums always run in the same order. Same input, same map,
//! bit for bit (on one build: native and wasm may round differently).
//!
//! # The figure
//!
//! ```text
//!  384-d unit vectors ──► cosine k-NN (brute force, k = 3 × perplexity) ──► t-SNE affinities
//!         │                                                                        │
//!         └──► PCA (2 components, scaled to std 1e-4) ──► start ──► 1,000 Barnes-Hut steps
//!                                                                                  │
//!                                                                                  │
//!                                      NeRV refinement (≤ 1,000 points, 500 exact steps) ◄─┘
//!                                                                                  │
//!                                                                           [x, y] per row
//! ```

#![warn(missing_docs)]

mod refine;
pub use refine::{refine, RefineOptions, REFINE_MAX_POINTS};

use bhtsne::{tSNE, Neighbor};
use jobdelta_matching::dot;

/// What can stop a projection or a measure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MapError {
    /// Rows of different lengths cannot be compared.
    #[error("vector {index} has {found} numbers where the first has {expected}")]
    RaggedRows {
        /// The row that differs.
        index: usize,
        /// Length of the first row.
        expected: usize,
        /// Length of this row.
        found: usize,
    },
    /// A row with a NaN or infinity, or all zeros, has no direction to compare.
    #[error("vector {index} is zero or not finite")]
    BadVector {
        /// The row concerned.
        index: usize,
    },
    /// The two point sets of a trustworthiness measure differ in size.
    #[error("{high} vectors but {low} map points")]
    CountMismatch {
        /// Rows in the high-dimensional space.
        high: usize,
        /// Points on the map.
        low: usize,
    },
    /// scikit-learn's condition: the neighbourhood must be smaller than half the points.
    #[error("trustworthiness needs 0 < k < n / 2; got k = {k} for {n} points")]
    NeighborhoodTooLarge {
        /// Neighbourhood size asked for.
        k: usize,
        /// Number of points.
        n: usize,
    },
    /// The one-thread pool the fit runs in could not be started.
    #[error("cannot start the projection's thread pool: {0}")]
    ThreadPool(String),
}

/// The settings of a t-SNE projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapOptions {
    /// Effective number of neighbours each point attends to (lowered for small sets).
    pub perplexity: f32,
    /// Gradient-descent steps (the first 250 with early exaggeration).
    pub epochs: usize,
    /// Barnes-Hut accuracy: cells smaller than `theta` × their distance count as one point.
    pub theta: f32,
    /// The refinement for trust after the t-SNE fit ([`refine`]); `None` keeps the t-SNE
    /// layout. Maps of more than [`REFINE_MAX_POINTS`] points are never refined.
    pub refine: Option<RefineOptions>,
}

impl Default for MapOptions {
    /// scikit-learn's `TSNE` defaults (perplexity 30, 1,000 steps, angle 0.5), then the
    /// refinement for trust with its defaults.
    fn default() -> Self {
        Self {
            perplexity: 30.0,
            epochs: 1000,
            theta: 0.5,
            refine: Some(RefineOptions::default()),
        }
    }
}

/// The name of the method, as the CLI's JSON reports it.
pub const METHOD: &str =
    "t-SNE (Barnes-Hut, bhtsne) from PCA, cosine neighbours, refined for trust (NeRV)";

/// The name of the method without the refinement (`MapOptions { refine: None, .. }`).
pub const METHOD_UNREFINED: &str = "t-SNE (Barnes-Hut, bhtsne) from PCA, cosine neighbours";

/// Standard deviation of the first PCA coordinate in the t-SNE start, as scikit-learn and
/// openTSNE scale it: a start that small lets early exaggeration gather the clusters before
/// the points repel each other.
const START_SCALE: f32 = 1e-4;

/// Lays the rows out in 2-D with t-SNE from a PCA start; three or fewer rows get their PCA
/// layout, which already keeps every distance.
pub fn project(vectors: &[Vec<f32>], options: &MapOptions) -> Result<Vec<[f32; 2]>, MapError> {
    project_with_frames(vectors, options, &mut |_, _| {})
}

/// What [`project_with_frames`] calls after each t-SNE step with the step's number (from 1)
/// and the layout so far (`[x0, y0, x1, y1, …]`, rows in input order), so a picture can
/// be shown while it settles. Natively the fit runs in a pool thread, so it must be `Send`;
/// in the browser's worker it runs on the calling thread and need not be.
#[cfg(not(target_arch = "wasm32"))]
pub trait FrameSink: FnMut(usize, &[f32]) + Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<F: FnMut(usize, &[f32]) + Send> FrameSink for F {}

/// What [`project_with_frames`] calls after each t-SNE step (see the native definition).
#[cfg(target_arch = "wasm32")]
pub trait FrameSink: FnMut(usize, &[f32]) {}
#[cfg(target_arch = "wasm32")]
impl<F: FnMut(usize, &[f32])> FrameSink for F {}

/// [`project`], calling `on_frame` after every t-SNE step (the refinement that follows is
/// not shown step by step: it moves points by little).
pub fn project_with_frames(
    vectors: &[Vec<f32>],
    options: &MapOptions,
    on_frame: &mut dyn FrameSink,
) -> Result<Vec<[f32; 2]>, MapError> {
    let unit = normalized(vectors)?;
    let n = unit.len();
    let start = pca_2d(&unit)?;
    if n <= 3 {
        return Ok(start);
    }
    let start = scaled(&start, START_SCALE);
    // bhtsne refuses a perplexity above (n - 1) / 3: each point needs 3 × perplexity neighbours.
    let perplexity = options.perplexity.min((n - 1) as f32 / 3.0).max(1.0);
    let k = ((3.0 * perplexity) as usize).clamp(1, n - 1);
    let neighbors = cosine_neighbors(&unit, k);
    let fit = || {
        let seed: Vec<f32> = start.iter().flat_map(|p| [p[0], p[1]]).collect();
        tSNE::<f32, Vec<f32>, 2>::new(&unit)
            .perplexity(perplexity)
            .epochs(options.epochs)
            .initial_embedding(seed)
            .epoch_callback(|epoch, layout| on_frame(epoch + 1, layout))
            .barnes_hut_with_neighbors(options.theta.max(f32::EPSILON), &neighbors)
            .embedding()
    };
    let flat = in_one_thread(fit)?;
    let layout: Vec<[f32; 2]> = flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    Ok(match &options.refine {
        Some(settings) => refine(&unit, &layout, settings),
        None => layout,
    })
}

/// Runs the fit in a one-thread pool, so its float sums always run in the same order and the
/// same input gives the same map.
#[cfg(not(target_arch = "wasm32"))]
fn in_one_thread<T: Send>(fit: impl FnOnce() -> T + Send) -> Result<T, MapError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| MapError::ThreadPool(e.to_string()))?;
    Ok(pool.install(fit))
}

/// In a browser worker (wasm32 without threads) rayon cannot spawn a pool; its global pool
/// falls back to the calling thread, which is one thread already: the fit runs right here.
#[cfg(target_arch = "wasm32")]
fn in_one_thread<T>(fit: impl FnOnce() -> T) -> Result<T, MapError> {
    Ok(fit())
}

/// The rows scaled to unit length, after checking they can be.
fn normalized(vectors: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, MapError> {
    let expected = vectors.first().map_or(0, Vec::len);
    vectors
        .iter()
        .enumerate()
        .map(|(index, row)| {
            if row.len() != expected {
                return Err(MapError::RaggedRows {
                    index,
                    expected,
                    found: row.len(),
                });
            }
            let norm = dot(row, row).sqrt();
            if !norm.is_finite() || norm == 0.0 {
                return Err(MapError::BadVector { index });
            }
            Ok(row.iter().map(|x| x / norm).collect())
        })
        .collect()
}

/// Each row's `k` nearest other rows by cosine (the rows are unit length), nearest first, as
/// Euclidean distances `sqrt(2 - 2 cos)`: the same order, and a true metric as t-SNE expects.
fn cosine_neighbors(unit: &[Vec<f32>], k: usize) -> Vec<Vec<Neighbor<f32>>> {
    unit.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut others: Vec<Neighbor<f32>> = unit
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(j, other)| Neighbor {
                    index: j,
                    distance: (2.0 - 2.0 * dot(row, other)).max(0.0).sqrt(),
                })
                .collect();
            // Ties go to the lower index, so the neighbour lists never depend on sort internals.
            let by_distance = |a: &Neighbor<f32>, b: &Neighbor<f32>| {
                a.distance
                    .total_cmp(&b.distance)
                    .then(a.index.cmp(&b.index))
            };
            if k < others.len() {
                others.select_nth_unstable_by(k, by_distance);
                others.truncate(k);
            }
            others.sort_by(by_distance);
            others
        })
        .collect()
}

/// The rows' coordinates on their two principal components (centred, unscaled): power
/// iteration from a fixed start, each axis's sign set so its largest coordinate is positive.
pub fn pca_2d(vectors: &[Vec<f32>]) -> Result<Vec<[f32; 2]>, MapError> {
    let n = vectors.len();
    let dim = vectors.first().map_or(0, Vec::len);
    if let Some((index, row)) = vectors.iter().enumerate().find(|(_, r)| r.len() != dim) {
        return Err(MapError::RaggedRows {
            index,
            expected: dim,
            found: row.len(),
        });
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    // f64 throughout: the variance of 384-d sentence vectors is spread thin over many axes.
    let mut mean = vec![0.0f64; dim];
    for row in vectors {
        for (m, &x) in mean.iter_mut().zip(row) {
            *m += f64::from(x);
        }
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let centred: Vec<Vec<f64>> = vectors
        .iter()
        .map(|row| {
            row.iter()
                .zip(&mean)
                .map(|(&x, m)| f64::from(x) - m)
                .collect()
        })
        .collect();
    // The d × d scatter matrix once (n d² / 2 products), then power iteration on it costs d²
    // a step whatever n is: data without a dominant direction needs hundreds of steps.
    let mut scatter = vec![0.0f64; dim * dim];
    for row in &centred {
        for (a, &ra) in row.iter().enumerate() {
            let line = &mut scatter[a * dim..(a + 1) * dim];
            for (cell, &rb) in line[a..].iter_mut().zip(&row[a..]) {
                *cell += ra * rb;
            }
        }
    }
    for a in 0..dim {
        for b in 0..a {
            scatter[a * dim + b] = scatter[b * dim + a];
        }
    }
    let first = principal_axis(&scatter, dim, None);
    let second = principal_axis(&scatter, dim, Some(&first));
    let project_on = |axis: &[f64]| -> Vec<f64> {
        centred
            .iter()
            .map(|row| row.iter().zip(axis).map(|(a, b)| a * b).sum())
            .collect()
    };
    let xs = signed(project_on(&first));
    let ys = signed(project_on(&second));
    Ok(xs
        .iter()
        .zip(&ys)
        .map(|(&x, &y)| [x as f32, y as f32])
        .collect())
}

/// The direction of largest variance, from the scatter matrix of the centred rows (`dim` ×
/// `dim`, row-major), orthogonal to `other` if given.
fn principal_axis(scatter: &[f64], dim: usize, other: Option<&[f64]>) -> Vec<f64> {
    // A fixed start that no real data is orthogonal to by accident (unlike all-ones, which
    // centred data often is): coordinate i gets 1 + i / dim.
    let mut axis: Vec<f64> = (0..dim).map(|i| 1.0 + i as f64 / dim as f64).collect();
    let orthogonalize = |v: &mut Vec<f64>| {
        if let Some(o) = other {
            let along: f64 = v.iter().zip(o).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(o).for_each(|(a, b)| *a -= along * b);
        }
    };
    let normalize = |v: &mut Vec<f64>| -> f64 {
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|a| *a /= norm);
        }
        norm
    };
    orthogonalize(&mut axis);
    normalize(&mut axis);
    for _ in 0..2000 {
        let mut next: Vec<f64> = scatter
            .chunks_exact(dim)
            .map(|line| line.iter().zip(&axis).map(|(a, b)| a * b).sum())
            .collect();
        orthogonalize(&mut next);
        if normalize(&mut next) == 0.0 {
            // No variance left in this direction (all rows equal, or rank 1): keep the axis.
            break;
        }
        let change: f64 = next.iter().zip(&axis).map(|(a, b)| (a - b).abs()).sum();
        axis = next;
        if change < 1e-12 {
            break;
        }
    }
    axis
}

/// The coordinates with the sign that makes the largest one (in size) positive.
fn signed(mut coordinates: Vec<f64>) -> Vec<f64> {
    let largest =
        coordinates.iter().copied().fold(
            0.0f64,
            |best, c| if c.abs() > best.abs() { c } else { best },
        );
    if largest < 0.0 {
        coordinates.iter_mut().for_each(|c| *c = -*c);
    }
    coordinates
}

/// The layout scaled so its first coordinate has standard deviation `target`.
fn scaled(points: &[[f32; 2]], target: f32) -> Vec<[f32; 2]> {
    let n = points.len().max(1) as f32;
    let mean = points.iter().map(|p| p[0]).sum::<f32>() / n;
    let std = (points.iter().map(|p| (p[0] - mean).powi(2)).sum::<f32>() / n).sqrt();
    let factor = if std > 0.0 { target / std } else { 1.0 };
    points
        .iter()
        .map(|p| [p[0] * factor, p[1] * factor])
        .collect()
}

/// scikit-learn's `trustworthiness(high, low, n_neighbors=k, metric="cosine")`: 1 minus the
/// penalty for each point's `k` nearest map neighbours (Euclidean) by how far beyond rank `k`
/// they stand among its nearest vectors (cosine distance). 1.0 means no intruders.
///
/// Ties in either space go to the lower index (scikit-learn leaves them to its sort).
pub fn trustworthiness(high: &[Vec<f32>], low: &[[f32; 2]], k: usize) -> Result<f64, MapError> {
    let n = high.len();
    if low.len() != n {
        return Err(MapError::CountMismatch {
            high: n,
            low: low.len(),
        });
    }
    if k == 0 || 2 * k >= n {
        return Err(MapError::NeighborhoodTooLarge { k, n });
    }
    let unit = normalized(high)?;
    let mut penalty = 0.0f64;
    let mut cosine_distance = vec![0.0f32; n];
    for i in 0..n {
        for (j, d) in cosine_distance.iter_mut().enumerate() {
            *d = 1.0 - dot(&unit[i], &unit[j]);
        }
        let mut on_map: Vec<(f32, usize)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| {
                let (dx, dy) = (low[i][0] - low[j][0], low[i][1] - low[j][1]);
                (dx * dx + dy * dy, j)
            })
            .collect();
        let nearest_first =
            |a: &(f32, usize), b: &(f32, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        on_map.select_nth_unstable_by(k - 1, nearest_first);
        for &(_, j) in &on_map[..k] {
            // j's rank among i's neighbours by cosine: 1 + how many others come before it.
            let before = (0..n)
                .filter(|&m| m != i && m != j)
                .filter(|&m| {
                    cosine_distance[m]
                        .total_cmp(&cosine_distance[j])
                        .then(m.cmp(&j))
                        .is_lt()
                })
                .count();
            penalty += (before + 1).saturating_sub(k) as f64;
        }
    }
    let (n, k) = (n as f64, k as f64);
    Ok(1.0 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for test data (xorshift64*), so the tests need no RNG
    /// crate; Box-Muller turns its uniforms into normals.
    struct TestRng(u64);

    impl TestRng {
        fn uniform(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let bits = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
            (bits as f64 + 0.5) / (1u64 << 53) as f64
        }

        fn normal(&mut self) -> f32 {
            let (u, v) = (self.uniform(), self.uniform());
            ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
        }
    }

    /// `per_blob` points around each of `blobs` random centres in `dim` dimensions.
    fn blobs(
        blobs: usize,
        per_blob: usize,
        dim: usize,
        spread: f32,
    ) -> (Vec<Vec<f32>>, Vec<usize>) {
        let mut rng = TestRng(0x9E37_79B9_7F4A_7C15);
        let centres: Vec<Vec<f32>> = (0..blobs)
            .map(|_| (0..dim).map(|_| rng.normal()).collect())
            .collect();
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for (label, centre) in centres.iter().enumerate() {
            for _ in 0..per_blob {
                rows.push(centre.iter().map(|c| c + spread * rng.normal()).collect());
                labels.push(label);
            }
        }
        (rows, labels)
    }

    fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    /// Angles on a circle: the cosine order of the vectors is the order around the circle.
    fn circle(angles: &[f32]) -> Vec<Vec<f32>> {
        angles.iter().map(|a| vec![a.cos(), a.sin()]).collect()
    }

    #[test]
    fn an_embedding_that_keeps_every_neighbour_scores_one() {
        // Unevenly spaced angles, so no two distances from a point tie (a tie would leave the
        // order to rounding, in each space separately).
        let angles: Vec<f32> = (0..12).map(|i| 0.1 * (i as f32).powf(1.3)).collect();
        let high = circle(&angles);
        // On the map, the same arc laid flat: every neighbour order is kept.
        let low: Vec<[f32; 2]> = angles.iter().map(|&a| [a, 0.0]).collect();
        for k in 1..6 {
            assert_eq!(trustworthiness(&high, &low, k).unwrap(), 1.0, "k = {k}");
        }
    }

    #[test]
    fn intruders_cost_what_the_formula_says() {
        // Five points on an arc at angles 0, 0.1, 0.3, 0.7, 1.5 (all pairwise gaps differ, so
        // cosine ranks are the gap ranks). From each point, the cosine ranks r (1 = nearest):
        //   p0: p1 1, p2 2, p3 3, p4 4      p1: p0 1, p2 2, p3 3, p4 4
        //   p2: p1 1, p0 2, p3 3, p4 4      p3: p2 1, p1 2, p0 3, p4 4
        //   p4: p3 1, p2 2, p1 3, p0 4
        // The map lays the arc flat but swaps p0 and p1: x = 0.1, 0, 0.3, 0.7, 1.5. Map order
        // from each point: p0: p1 p2 p3 p4; p1: p0 p2 p3 p4; p2: p0 p1 p3 p4;
        // p3: p2 p0 p1 p4; p4: p3 p2 p0 p1.
        let high = circle(&[0.0, 0.1, 0.3, 0.7, 1.5]);
        let low = [[0.1, 0.0], [0.0, 0.0], [0.3, 0.0], [0.7, 0.0], [1.5, 0.0]];
        // k = 1: only p2's map neighbour p0 is an intruder (r = 2): penalty 2 - 1 = 1.
        // T = 1 - 2 / (n k (2n - 3k - 1)) × 1 = 1 - 2 / (5 × 1 × 6).
        let t = trustworthiness(&high, &low, 1).unwrap();
        assert!((t - (1.0 - 2.0 / 30.0)).abs() < 1e-12, "{t}");
        // k = 2: p2's map neighbours p0, p1 have r 2, 1 (no penalty); p3's are p2 (r 1) and
        // p0 (r 3): penalty 3 - 2 = 1; the rest keep their two nearest.
        // T = 1 - 2 / (5 × 2 × (10 - 6 - 1)) × 1 = 1 - 2 / 30.
        let t = trustworthiness(&high, &low, 2).unwrap();
        assert!((t - (1.0 - 2.0 / 30.0)).abs() < 1e-12, "{t}");
        // The map reversed end to end: a flat arc read backwards keeps every neighbour.
        let reversed: Vec<[f32; 2]> = [0.0f32, 0.1, 0.3, 0.7, 1.5]
            .iter()
            .map(|&a| [-a, 0.0])
            .collect();
        assert_eq!(trustworthiness(&high, &reversed, 2).unwrap(), 1.0);
    }

    #[test]
    fn matches_scikit_learn_on_a_scrambled_map() {
        // Reference values from scikit-learn 1.x, `trustworthiness(X, Y, n_neighbors=k,
        // metric="cosine")` on these very formulas (computed in numpy's f64):
        //   X[i, j] = sin(0.7 i + 1.3 j + 0.11 i j), 40 × 16;  Y[i] = (cos 1.3 i, sin 2.1 i).
        let high: Vec<Vec<f32>> = (0..40)
            .map(|i| {
                (0..16)
                    .map(|j| {
                        let (i, j) = (f64::from(i), f64::from(j));
                        (0.7 * i + 1.3 * j + 0.11 * i * j).sin() as f32
                    })
                    .collect()
            })
            .collect();
        let low: Vec<[f32; 2]> = (0..40)
            .map(|i| {
                let i = f64::from(i);
                [(1.3 * i).cos() as f32, (2.1 * i).sin() as f32]
            })
            .collect();
        for (k, expected) in [
            (1, 0.385_526_315_789_473_7),
            (5, 0.556_406_25),
            (10, 0.511_632_653_061_224_5),
        ] {
            let t = trustworthiness(&high, &low, k).unwrap();
            assert!((t - expected).abs() < 1e-12, "k = {k}: {t} vs {expected}");
        }
    }

    #[test]
    fn trustworthiness_refuses_what_scikit_learn_refuses() {
        let high = circle(&[0.0, 0.1, 0.2, 0.3]);
        let low = [[0.0, 0.0]; 4];
        assert_eq!(
            trustworthiness(&high, &low, 2),
            Err(MapError::NeighborhoodTooLarge { k: 2, n: 4 })
        );
        assert_eq!(
            trustworthiness(&high, &low[..3], 1),
            Err(MapError::CountMismatch { high: 4, low: 3 })
        );
        let zero = vec![vec![0.0, 0.0], vec![1.0, 0.0], vec![0.0, 1.0]];
        assert_eq!(
            trustworthiness(&zero, &low[..3], 1),
            Err(MapError::BadVector { index: 0 })
        );
    }

    #[test]
    fn pca_finds_the_long_axis_with_a_fixed_sign() {
        // Points on a line along (3, 4, 0) with a little spread along z: the first component
        // is the line (coordinates ±5 t), the second the z spread.
        let rows: Vec<Vec<f32>> = [-2.0f32, -1.0, 0.0, 1.0, 2.5]
            .iter()
            .zip([0.1f32, -0.1, 0.05, 0.0, -0.05])
            .map(|(&t, z)| vec![3.0 * t, 4.0 * t, z])
            .collect();
        let layout = pca_2d(&rows).unwrap();
        let mean_t = (-2.0 - 1.0 + 0.0 + 1.0 + 2.5) / 5.0;
        for (point, t) in layout.iter().zip([-2.0f32, -1.0, 0.0, 1.0, 2.5]) {
            // The largest coordinate (t = 2.5) comes out positive.
            assert!((point[0] - 5.0 * (t - mean_t)).abs() < 1e-2, "{point:?}");
        }
        assert!(layout.iter().all(|p| p[1].abs() < 0.2), "{layout:?}");
        // Mirrored input, same first axis: the sign is fixed by the data, not by the start.
        let mirrored: Vec<Vec<f32>> = rows
            .iter()
            .map(|r| r.iter().map(|x| -x).collect())
            .collect();
        for (a, b) in layout.iter().zip(pca_2d(&mirrored).unwrap()) {
            assert!((a[0] - b[0]).abs() < 1e-4, "{a:?} {b:?}");
        }
        assert_eq!(pca_2d(&rows).unwrap(), layout, "PCA is deterministic");
    }

    #[test]
    fn three_points_keep_their_distances() {
        let rows = circle(&[0.0, 1.0, 2.5]);
        let layout = project(&rows, &MapOptions::default()).unwrap();
        let high = |i: usize, j: usize| {
            let d: f32 = rows[i]
                .iter()
                .zip(&rows[j])
                .map(|(a, b)| (a - b).powi(2))
                .sum();
            d.sqrt()
        };
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            assert!((distance(layout[i], layout[j]) - high(i, j)).abs() < 1e-5);
        }
    }

    #[test]
    fn separates_well_separated_blobs() {
        let (rows, labels) = blobs(3, 40, 50, 0.3);
        let layout = project(&rows, &MapOptions::default()).unwrap();
        // Every point is nearer to each point of its own blob than to any point of another.
        for (i, &p) in layout.iter().enumerate() {
            let own = (0..rows.len())
                .filter(|&j| j != i && labels[j] == labels[i])
                .map(|j| distance(p, layout[j]))
                .fold(0.0f32, f32::max);
            let other = (0..rows.len())
                .filter(|&j| labels[j] != labels[i])
                .map(|j| distance(p, layout[j]))
                .fold(f32::INFINITY, f32::min);
            assert!(
                own < other,
                "point {i}: farthest own {own}, nearest other {other}"
            );
        }
        assert!(trustworthiness(&rows, &layout, 10).unwrap() > 0.9);
    }

    #[test]
    fn frames_follow_every_step_and_the_last_is_the_t_sne_layout() {
        let (rows, _) = blobs(3, 15, 12, 0.5);
        let options = MapOptions {
            epochs: 120,
            refine: None,
            ..MapOptions::default()
        };
        let mut frames: Vec<(usize, Vec<f32>)> = Vec::new();
        let layout = project_with_frames(&rows, &options, &mut |step, xy| {
            frames.push((step, xy.to_vec()))
        })
        .unwrap();
        assert_eq!(
            frames.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            (1..=120).collect::<Vec<_>>()
        );
        assert!(frames.iter().all(|(_, xy)| xy.len() == 2 * rows.len()));
        let last: Vec<[f32; 2]> = frames[119]
            .1
            .chunks_exact(2)
            .map(|p| [p[0], p[1]])
            .collect();
        assert_eq!(last, layout);
        assert_eq!(layout, project(&rows, &options).unwrap());
    }

    #[test]
    fn same_input_same_map() {
        let (rows, _) = blobs(4, 30, 20, 1.0);
        let options = MapOptions {
            epochs: 300,
            ..MapOptions::default()
        };
        let first = project(&rows, &options).unwrap();
        let second = project(&rows, &options).unwrap();
        assert_eq!(first, second);
        assert!(first.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn tsne_keeps_neighbours_better_than_pca() {
        // Overlapping blobs in 30-d: PCA's two axes cannot show all eight groups apart.
        let (rows, _) = blobs(8, 25, 30, 0.8);
        let pca = pca_2d(&rows).unwrap();
        let tsne = project(&rows, &MapOptions::default()).unwrap();
        let (t_pca, t_tsne) = (
            trustworthiness(&rows, &pca, 10).unwrap(),
            trustworthiness(&rows, &tsne, 10).unwrap(),
        );
        assert!(t_tsne > t_pca + 0.02, "PCA {t_pca}, t-SNE {t_tsne}");
    }

    #[test]
    fn bad_rows_are_refused() {
        let ragged = vec![vec![1.0, 0.0], vec![1.0]];
        assert_eq!(
            project(&ragged, &MapOptions::default()),
            Err(MapError::RaggedRows {
                index: 1,
                expected: 2,
                found: 1
            })
        );
        let nan = vec![vec![1.0, 0.0], vec![f32::NAN, 0.0]];
        assert_eq!(
            project(&nan, &MapOptions::default()),
            Err(MapError::BadVector { index: 1 })
        );
        assert_eq!(project(&[], &MapOptions::default()), Ok(Vec::new()));
    }
}
