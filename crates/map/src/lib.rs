//! The embedding map: sentence vectors (rows of 384 `f32`, unit length) laid out in 2-D so
//! that sentences that mean alike land near each other, and a measure of how far the picture
//! can be trusted.
//!
//! - [`project`] runs Barnes-Hut t-SNE (the [`bhtsne`] crate) on the cosine neighbours we find
//!   by brute force ([`cosine_neighbors`]), from a PCA start ([`pca_2d`]), then [`refine`]s
//!   the layout so that sentences far apart in meaning are not drawn together (up to
//!   [`REFINE_MAX_POINTS`]). [`Projection`] is the same in steps a caller can stop between
//!   (the browser's worker, for Cancel).
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
//! There is no random step: the start is PCA (subspace iteration from a fixed start, signs
//! fixed), the neighbours are exact, the t-SNE's schedule follows the step count (not the
//! clock), and the fit runs in one thread (natively a one-thread
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

pub mod reference;
mod refine;
pub use refine::{refine, RefineOptions, REFINE_MAX_POINTS};

use bhtsne::{tSNE, Neighbor, SparseAffinities};
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
    /// `bhtsne` gave back no affinities after building them (a bug, not an input problem).
    #[error("the t-SNE affinities were not built")]
    NoAffinities,
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
    let mut projection = Projection::new(vectors, options)?;
    while !projection.advance(on_frame)? {}
    Ok(projection.finish())
}

/// t-SNE steps run by one [`Projection::advance`]: a divisor of [`EXAGGERATED_STEPS`], so no
/// run of steps straddles the end of early exaggeration. Between runs the browser's worker
/// looks at its messages (a Cancel); 50 steps of 20,000 points take a few seconds on one core.
pub const STEPS_PER_ADVANCE: usize = 50;

/// Steps of early exaggeration (P × 12, momentum 0.5) at the start, as scikit-learn's 250.
const EXAGGERATED_STEPS: usize = 250;

/// A projection under way: the start, the neighbours and the t-SNE affinities are computed
/// by [`Projection::new`], the t-SNE steps by [`Projection::advance`], [`STEPS_PER_ADVANCE`]
/// at a time, so a caller that must stay responsive (the browser's worker) can look at its
/// messages in between and stop. [`project_with_frames`] runs one to its end.
///
/// `bhtsne` runs its steps in one call, so each advance is a `bhtsne` fit of its own, seeded
/// with the layout so far and the affinities built once: the momentum buffer and the
/// per-coordinate gains start afresh every [`STEPS_PER_ADVANCE`] steps (docs/quality.md
/// measures what that costs). The schedule (early exaggeration, then momentum 0.8) follows
/// the step count, not the clock: the same input gives the same map however it is paused.
pub struct Projection {
    unit: Vec<Vec<f32>>,
    options: MapOptions,
    /// `None` for three or fewer points: the PCA layout is the map.
    fit: Option<Fit>,
    /// The layout so far, `[x0, y0, x1, y1, …]`.
    layout: Vec<f32>,
    /// t-SNE steps done.
    done: usize,
}

/// What the t-SNE steps of a [`Projection`] need: P, built once (with the perplexity it was
/// built for).
struct Fit {
    affinities: SparseAffinities<f32>,
}

impl Projection {
    /// Checks and normalises the rows, lays them out by PCA and builds the t-SNE affinities
    /// from their cosine neighbours: everything before the first step.
    pub fn new(vectors: &[Vec<f32>], options: &MapOptions) -> Result<Self, MapError> {
        let unit = normalized(vectors)?;
        let n = unit.len();
        let start = pca_2d(&unit)?;
        if n <= 3 {
            let layout = start.iter().flat_map(|p| [p[0], p[1]]).collect();
            return Ok(Self {
                unit,
                options: *options,
                fit: None,
                layout,
                done: 0,
            });
        }
        let layout: Vec<f32> = scaled(&start, START_SCALE)
            .iter()
            .flat_map(|p| [p[0], p[1]])
            .collect();
        // bhtsne refuses a perplexity above (n - 1) / 3: each point needs 3 × perplexity
        // neighbours.
        let perplexity = options.perplexity.min((n - 1) as f32 / 3.0).max(1.0);
        let k = ((3.0 * perplexity) as usize).clamp(1, n - 1);
        let neighbors = cosine_neighbors(&unit, k);
        let theta = options.theta.max(f32::EPSILON);
        // A fit of no steps: it builds P from the neighbours and gives it back.
        let affinities = in_one_thread(|| {
            let mut tsne = tSNE::<f32, Vec<f32>, 2>::new(&unit);
            tsne.perplexity(perplexity)
                .epochs(0)
                .initial_embedding(layout.clone())
                .barnes_hut_with_neighbors(theta, &neighbors);
            tsne.affinities()
        })?
        .ok_or(MapError::NoAffinities)?;
        Ok(Self {
            unit,
            options: *options,
            fit: Some(Fit { affinities }),
            layout,
            done: 0,
        })
    }

    /// t-SNE steps in all.
    pub fn steps(&self) -> usize {
        if self.fit.is_some() {
            self.options.epochs
        } else {
            0
        }
    }

    /// t-SNE steps done.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Runs the next [`STEPS_PER_ADVANCE`] steps (fewer at the end), calling `on_frame` after
    /// each with its number (from 1) and the layout. True once every step is done.
    pub fn advance(&mut self, on_frame: &mut dyn FrameSink) -> Result<bool, MapError> {
        let total = self.steps();
        let Some(fit) = &self.fit else {
            return Ok(true);
        };
        if self.done >= total {
            return Ok(true);
        }
        let first = self.done;
        let count = STEPS_PER_ADVANCE.min(total - first);
        let exaggerated = first < EXAGGERATED_STEPS;
        let (unit, layout, theta) = (
            &self.unit,
            std::mem::take(&mut self.layout),
            self.options.theta.max(f32::EPSILON),
        );
        let flat = in_one_thread(move || {
            let mut tsne = tSNE::<f32, Vec<f32>, 2>::new(unit);
            tsne.with_affinities(fit.affinities.clone())
                .epochs(count)
                .initial_embedding(layout)
                .momentum(if exaggerated { 0.5 } else { 0.8 })
                .momentum_switch_epoch(usize::MAX)
                // bhtsne stops exaggerating after step `stop_lying_epoch` of this run (never,
                // as the run has fewer steps), or at once when it is 0.
                .stop_lying_epoch(if exaggerated { count } else { 0 })
                .epoch_callback(|step, xy| on_frame(first + step + 1, xy))
                .barnes_hut(theta, |a: &Vec<f32>, b: &Vec<f32>| chord(dot(a, b)));
            tsne.embedding()
        })?;
        self.layout = flat;
        self.done = first + count;
        Ok(self.done >= total)
    }

    /// The layout after the steps done, refined for trust ([`refine`]) if the options ask.
    pub fn finish(self) -> Vec<[f32; 2]> {
        let layout: Vec<[f32; 2]> = self.layout.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        match (&self.options.refine, &self.fit) {
            (Some(settings), Some(_)) => refine(&self.unit, &layout, settings),
            _ => layout,
        }
    }
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

/// Rows of a query block that share each load of another row in [`block_similarities`].
const BLOCK_ROWS: usize = 4;

/// Rows of "others" per tile: 256 rows of 384 `f32` are 384 KiB, which stay in the L2 cache
/// while every block of the query rows passes over them.
const TILE_ROWS: usize = 256;

/// Query rows per band: the band's candidate lists and a tile of the others are what the
/// inner loops touch.
const BAND_ROWS: usize = 64;

/// The dot products of four `rows` with each of `others`: `out[r][j]` is `dot(rows[r],
/// others[j])`, bit for bit (the same eight running sums in the same order, then the same
/// tail), but each element of an other row is loaded once for the four rows instead of four
/// times. Brute-force neighbours are load-bound: this is what makes them fast.
fn block_similarities(rows: [&[f32]; BLOCK_ROWS], others: &[Vec<f32>], out: &mut [Vec<f32>]) {
    let length = rows.iter().map(|r| r.len()).min().unwrap_or(0);
    let whole = length / 8 * 8;
    for (column, other) in others.iter().enumerate() {
        let length = length.min(other.len());
        let whole = whole.min(length / 8 * 8);
        let mut lanes = [[0.0_f32; 8]; BLOCK_ROWS];
        for (start, y) in (0..whole).step_by(8).zip(other[..whole].chunks_exact(8)) {
            for (lanes, row) in lanes.iter_mut().zip(&rows) {
                let x = &row[start..start + 8];
                for ((lane, x), y) in lanes.iter_mut().zip(x).zip(y) {
                    *lane += x * y;
                }
            }
        }
        for ((lanes, row), out) in lanes.iter().zip(&rows).zip(out.iter_mut()) {
            let tail: f32 = row[whole..length]
                .iter()
                .zip(&other[whole..length])
                .map(|(x, y)| x * y)
                .sum();
            out[column] = lanes.iter().sum::<f32>() + tail;
        }
    }
}

/// A candidate neighbour: its distance, then its index (the lower index wins a tie, so the
/// lists never depend on the order the candidates came in).
#[derive(Clone, Copy, PartialEq)]
struct Candidate {
    distance: f32,
    index: usize,
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.distance
            .total_cmp(&other.distance)
            .then(self.index.cmp(&other.index))
    }
}

/// The Euclidean distance of unit vectors with cosine `similarity`: `sqrt(2 - 2 cos)`, the
/// same order as the cosine and a true metric, as t-SNE expects.
fn chord(similarity: f32) -> f32 {
    (2.0 - 2.0 * similarity).max(0.0).sqrt()
}

/// Each row's `k` nearest other rows by cosine (the rows are unit length), nearest first, as
/// Euclidean distances ([`chord`]); ties go to the lower index.
///
/// Brute force, in bands of [`BAND_ROWS`] query rows against tiles of [`TILE_ROWS`] others,
/// four query rows at a time ([`block_similarities`]), each pair computed once (the cosine is
/// symmetric, bit for bit: the same products summed in the same order) and offered to both
/// rows, each keeping its `k` best so far in a heap. Every distance is the one `dot` gives,
/// and the `k` smallest under a total order are one set whatever the order they are met in:
/// the lists are exactly those of comparing each row with every other one by one.
pub fn cosine_neighbors(unit: &[Vec<f32>], k: usize) -> Vec<Vec<Neighbor<f32>>> {
    use std::collections::BinaryHeap;
    let n = unit.len();
    let k = k.min(n.saturating_sub(1));
    let mut best: Vec<BinaryHeap<Candidate>> =
        (0..n).map(|_| BinaryHeap::with_capacity(k + 1)).collect();
    let mut similarities = vec![vec![0.0_f32; TILE_ROWS]; BLOCK_ROWS];
    let offer = |heap: &mut BinaryHeap<Candidate>, candidate: Candidate| {
        if heap.len() < k {
            heap.push(candidate);
        } else if heap.peek().is_some_and(|worst| candidate < *worst) {
            if let Some(mut worst) = heap.peek_mut() {
                *worst = candidate;
            }
        }
    };
    if k == 0 {
        return vec![Vec::new(); n];
    }
    for band in (0..n).step_by(BAND_ROWS) {
        let band_end = (band + BAND_ROWS).min(n);
        // Each pair once: row i of the band against the rows j > i, offered to both lists.
        for tile in (band..n).step_by(TILE_ROWS) {
            let others = &unit[tile..(tile + TILE_ROWS).min(n)];
            for first in (band..band_end).step_by(BLOCK_ROWS) {
                // A short last block repeats its last row; the repeats are not read.
                let row = |r: usize| unit[(first + r).min(band_end - 1)].as_slice();
                block_similarities([row(0), row(1), row(2), row(3)], others, &mut similarities);
                for (r, line) in similarities.iter().enumerate() {
                    let i = first + r;
                    if i >= band_end {
                        break;
                    }
                    for (offset, &similarity) in line[..others.len()].iter().enumerate() {
                        let j = tile + offset;
                        if j > i {
                            let distance = chord(similarity);
                            offer(&mut best[i], Candidate { distance, index: j });
                            offer(&mut best[j], Candidate { distance, index: i });
                        }
                    }
                }
            }
        }
    }
    best.into_iter()
        .map(|heap| {
            heap.into_sorted_vec()
                .into_iter()
                .map(|c| Neighbor {
                    index: c.index,
                    distance: c.distance,
                })
                .collect()
        })
        .collect()
}

/// The rows' coordinates on their two principal components (centred, unscaled), each axis's
/// sign set so its largest coordinate is positive.
///
/// The d × d scatter matrix is built once, four rows a pass (each cell loaded and stored once
/// for four products), then its two leading eigenvectors come from a block (subspace)
/// iteration with Rayleigh–Ritz ([`leading_axes`]): a single power iteration converges at
/// the rate λ₂ / λ₁ and data without a dominant direction ran into its step cap; a block of
/// [`SUBSPACE`] vectors converges at λ₁₇ / λ₂ for the second axis. No random step: the start is
/// fixed, so the axes are the same on every run.
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
    let centred = centred_rows(vectors, dim);
    let scatter = scatter_matrix(&centred, dim);
    let [first, second] = leading_axes(&scatter, dim);
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

/// The rows minus their mean, in f64.
pub(crate) fn centred_rows(vectors: &[Vec<f32>], dim: usize) -> Vec<Vec<f64>> {
    let n = vectors.len().max(1) as f64;
    let mut mean = vec![0.0f64; dim];
    for row in vectors {
        for (m, &x) in mean.iter_mut().zip(row) {
            *m += f64::from(x);
        }
    }
    mean.iter_mut().for_each(|m| *m /= n);
    vectors
        .iter()
        .map(|row| {
            row.iter()
                .zip(&mean)
                .map(|(&x, m)| f64::from(x) - m)
                .collect()
        })
        .collect()
}

/// Σ rowᵀ row over the rows (`dim` × `dim`, row-major, symmetric): the upper triangle four rows
/// a pass, then mirrored. n d² / 2 products; the pass over four rows loads and stores each
/// cell once where one row a pass would do it four times.
fn scatter_matrix(rows: &[Vec<f64>], dim: usize) -> Vec<f64> {
    let mut scatter = vec![0.0f64; dim * dim];
    let mut groups = rows.chunks_exact(4);
    for group in &mut groups {
        let [r0, r1, r2, r3] = [&group[0], &group[1], &group[2], &group[3]];
        for a in 0..dim {
            let (x0, x1, x2, x3) = (r0[a], r1[a], r2[a], r3[a]);
            let line = &mut scatter[a * dim + a..(a + 1) * dim];
            let columns = r0[a..].iter().zip(&r1[a..]).zip(&r2[a..]).zip(&r3[a..]);
            for (cell, (((y0, y1), y2), y3)) in line.iter_mut().zip(columns) {
                *cell += x0 * y0 + x1 * y1 + x2 * y2 + x3 * y3;
            }
        }
    }
    for row in groups.remainder() {
        for (a, &x) in row.iter().enumerate() {
            let line = &mut scatter[a * dim + a..(a + 1) * dim];
            for (cell, &y) in line.iter_mut().zip(&row[a..]) {
                *cell += x * y;
            }
        }
    }
    for a in 0..dim {
        for b in 0..a {
            scatter[a * dim + b] = scatter[b * dim + a];
        }
    }
    scatter
}

/// Vectors iterated together in [`leading_axes`].
const SUBSPACE: usize = 16;

/// Steps of [`leading_axes`] at most (each d² × [`SUBSPACE`] products, 2.4 M at d = 384).
/// Sentence vectors converge long before; vectors with no leading directions at all (random
/// on the sphere) reach the cap, where any two axes are as good a start as any other.
const SUBSPACE_STEPS: usize = 150;

/// The residual ‖S v − θ v‖ / θ₁ under which the two leading Ritz vectors count as found:
/// far finer than a start for t-SNE needs.
const SUBSPACE_TOLERANCE: f64 = 1e-8;

/// The two leading eigenvectors of the symmetric `scatter` (`dim` × `dim`, row-major), unit
/// length (zero where the matrix has no such direction: fewer than two dimensions, or all rows
/// equal): subspace iteration V ← orthonormal(S V) from a fixed start, each step rotated to
/// the Ritz vectors of VᵀSV, until the two leading ones solve S v = θ v to
/// [`SUBSPACE_TOLERANCE`] (or after [`SUBSPACE_STEPS`]).
fn leading_axes(scatter: &[f64], dim: usize) -> [Vec<f64>; 2] {
    let width = SUBSPACE.min(dim);
    // A fixed start no real data is orthogonal to by accident: column 0 as the former power
    // iteration's start (1 + i / dim), the others a fixed pseudo-random sequence.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut basis: Vec<Vec<f64>> = (0..width)
        .map(|c| {
            (0..dim)
                .map(|i| {
                    if c == 0 {
                        1.0 + i as f64 / dim as f64
                    } else {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
                    }
                })
                .collect()
        })
        .collect();
    orthonormalize(&mut basis);
    let times = |v: &[f64]| -> Vec<f64> {
        scatter
            .chunks_exact(dim.max(1))
            .map(|line| line.iter().zip(v).map(|(a, b)| a * b).sum())
            .collect()
    };
    let mut axes = [vec![0.0; dim], vec![0.0; dim]];
    for _ in 0..SUBSPACE_STEPS {
        let images: Vec<Vec<f64>> = basis.iter().map(|v| times(v)).collect();
        // Rayleigh–Ritz: the eigenpairs of the small matrix VᵀSV, largest first.
        let small: Vec<Vec<f64>> = basis
            .iter()
            .map(|v| images.iter().map(|w| inner(v, w)).collect())
            .collect();
        let (values, vectors) = symmetric_eigen(small);
        let combine = |set: &[Vec<f64>], column: usize| -> Vec<f64> {
            let mut out = vec![0.0; dim];
            for (v, coefficient) in set.iter().zip(vectors.iter().map(|row| row[column])) {
                out.iter_mut()
                    .zip(v)
                    .for_each(|(o, x)| *o += coefficient * x);
            }
            out
        };
        let scale = values.first().map_or(0.0, |v| v.abs());
        let mut converged = true;
        for (axis, slot) in axes.iter_mut().enumerate().take(width) {
            let ritz = combine(&basis, axis);
            let image = combine(&images, axis);
            let residual = image
                .iter()
                .zip(&ritz)
                .map(|(w, v)| (w - values[axis] * v).powi(2))
                .sum::<f64>()
                .sqrt();
            converged &= residual <= SUBSPACE_TOLERANCE * scale;
            *slot = ritz;
        }
        if converged {
            break;
        }
        basis = (0..width).map(|column| combine(&images, column)).collect();
        orthonormalize(&mut basis);
    }
    axes
}

/// The dot product of two f64 rows.
fn inner(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Modified Gram–Schmidt, twice over (once loses orthogonality when columns are nearly
/// dependent); a column with nothing left of its own becomes zero.
fn orthonormalize(columns: &mut [Vec<f64>]) {
    let largest = columns
        .iter()
        .map(|c| inner(c, c).sqrt())
        .fold(0.0f64, f64::max);
    for c in 0..columns.len() {
        let (done, rest) = columns.split_at_mut(c);
        let column = &mut rest[0];
        for _ in 0..2 {
            for previous in done.iter() {
                let along = inner(column, previous);
                column
                    .iter_mut()
                    .zip(previous)
                    .for_each(|(x, p)| *x -= along * p);
            }
        }
        let norm = inner(column, column).sqrt();
        if norm > 1e-13 * largest && norm > 0.0 {
            column.iter_mut().for_each(|x| *x /= norm);
        } else {
            column.iter_mut().for_each(|x| *x = 0.0);
        }
    }
}

/// Eigenvalues (largest first) and eigenvectors (as columns: `vectors[i][c]`) of a small
/// symmetric matrix, by cyclic Jacobi rotations.
fn symmetric_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let m = a.len();
    let mut v: Vec<Vec<f64>> = (0..m)
        .map(|i| (0..m).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..m)
            .flat_map(|i| (0..m).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let total: f64 = off + (0..m).map(|i| a[i][i] * a[i][i]).sum::<f64>();
        if off <= 1e-30 * total || off == 0.0 {
            break;
        }
        for p in 0..m {
            for q in (p + 1)..m {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                let (upper, lower) = a.split_at_mut(q);
                for (apk, aqk) in upper[p].iter_mut().zip(lower[0].iter_mut()) {
                    let (x, y) = (*apk, *aqk);
                    *apk = c * x - s * y;
                    *aqk = s * x + c * y;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| a[j][j].total_cmp(&a[i][i]).then(i.cmp(&j)));
    let values = order.iter().map(|&i| a[i][i]).collect();
    let vectors = v
        .iter()
        .map(|row| order.iter().map(|&i| row[i]).collect())
        .collect();
    (values, vectors)
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

    /// Random unit rows (Gaussian, then normalised): no dominant direction, the hard case.
    fn sphere(n: usize, dim: usize, seed: u64) -> Vec<Vec<f32>> {
        let mut rng = TestRng(seed);
        (0..n)
            .map(|_| {
                let row: Vec<f32> = (0..dim).map(|_| rng.normal()).collect();
                let norm = dot(&row, &row).sqrt();
                row.iter().map(|x| x / norm).collect()
            })
            .collect()
    }

    #[test]
    fn block_similarities_equal_dot_bit_for_bit() {
        // Lengths with and without a tail past the eight lanes.
        for dim in [1, 7, 8, 13, 384] {
            let rows = sphere(4, dim, 7 + dim as u64);
            let others = sphere(37, dim, 11 + dim as u64);
            let mut out = vec![vec![0.0_f32; others.len()]; 4];
            block_similarities([&rows[0], &rows[1], &rows[2], &rows[3]], &others, &mut out);
            for (r, line) in out.iter().enumerate() {
                for (j, &value) in line.iter().enumerate() {
                    assert_eq!(
                        value.to_bits(),
                        dot(&rows[r], &others[j]).to_bits(),
                        "dim {dim}, row {r}, other {j}"
                    );
                }
            }
        }
    }

    #[test]
    fn neighbours_are_the_nearest_by_cosine_nearest_first() {
        // More rows than a band and a tile, a count that leaves short last blocks, and
        // duplicated rows so that ties must go to the lower index.
        let mut rows = sphere(BAND_ROWS + TILE_ROWS + 7, 24, 3);
        let count = rows.len();
        for i in (0..count).step_by(17) {
            rows[(i + 5) % count] = rows[i].clone();
        }
        for k in [1, 5, 90] {
            let fast = cosine_neighbors(&rows, k);
            let reference = reference::cosine_neighbors_one_by_one(&rows, k);
            assert_eq!(fast.len(), rows.len());
            for (i, (a, b)) in fast.iter().zip(&reference).enumerate() {
                assert_eq!(a.len(), k);
                let pairs = |list: &[Neighbor<f32>]| -> Vec<(usize, u32)> {
                    list.iter()
                        .map(|n| (n.index, n.distance.to_bits()))
                        .collect()
                };
                assert_eq!(pairs(a), pairs(b), "row {i}, k = {k}");
                assert!(a.iter().all(|n| n.index != i));
                assert!(a.windows(2).all(|w| w[0].distance <= w[1].distance));
            }
        }
        // The nearest neighbour is the most similar row, by a direct check on one row.
        let row = 10;
        let best = (0..rows.len())
            .filter(|&j| j != row)
            .max_by(|&a, &b| {
                dot(&rows[row], &rows[a])
                    .total_cmp(&dot(&rows[row], &rows[b]))
                    .then(b.cmp(&a))
            })
            .unwrap();
        assert_eq!(cosine_neighbors(&rows, 3)[row][0].index, best);
        // Fewer rows than k: every other row.
        let few = sphere(5, 8, 9);
        assert!(cosine_neighbors(&few, 10).iter().all(|l| l.len() == 4));
    }

    /// Whether two layouts agree up to the sign of each axis, within `tolerance` of the
    /// largest coordinate.
    fn same_axes_up_to_sign(a: &[[f32; 2]], b: &[[f32; 2]], tolerance: f32) -> bool {
        (0..2).all(|axis| {
            let scale = a.iter().map(|p| p[axis].abs()).fold(0.0f32, f32::max);
            [1.0f32, -1.0].iter().any(|sign| {
                a.iter()
                    .zip(b)
                    .all(|(p, q)| (p[axis] - sign * q[axis]).abs() <= tolerance * scale.max(1e-30))
            })
        })
    }

    #[test]
    fn pca_agrees_with_power_iteration() {
        // Blobs have a clear gap between the second and third variance: both methods find
        // the same two axes.
        for (groups, per, dim, spread) in [(3, 40, 50, 0.3), (8, 25, 30, 0.8), (5, 61, 384, 1.0)] {
            let (rows, _) = blobs(groups, per, dim, spread);
            let fast = pca_2d(&rows).unwrap();
            let reference = reference::pca_2d_power_iteration(&rows);
            assert!(
                same_axes_up_to_sign(&fast, &reference, 1e-4),
                "{groups} blobs in {dim}-d"
            );
        }
        // A scatter matrix of four rows a pass equals one of one row a pass.
        let (rows, _) = blobs(2, 9, 11, 1.0);
        let wide: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| r.iter().map(|&x| f64::from(x)).collect())
            .collect();
        let blocked = scatter_matrix(&wide, 11);
        for a in 0..11 {
            for b in 0..11 {
                let direct: f64 = wide.iter().map(|r| r[a] * r[b]).sum();
                assert!((blocked[a * 11 + b] - direct).abs() < 1e-9 * (1.0 + direct.abs()));
            }
        }
    }

    #[test]
    fn pca_axes_solve_the_eigenproblem_on_random_data() {
        // Uniform on the sphere: no dominant direction, close leading eigenvalues. The axes
        // found must still be eigenvectors of the scatter matrix, the first of the largest.
        let rows = sphere(600, 64, 5);
        let layout = pca_2d(&rows).unwrap();
        let variance = |axis: usize| {
            layout
                .iter()
                .map(|p| f64::from(p[axis]).powi(2))
                .sum::<f64>()
        };
        assert!(variance(0) >= variance(1));
        let wide: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| r.iter().map(|&x| f64::from(x)).collect())
            .collect();
        let mean: Vec<f64> = (0..64)
            .map(|j| wide.iter().map(|r| r[j]).sum::<f64>() / 600.0)
            .collect();
        let centred: Vec<Vec<f64>> = wide
            .iter()
            .map(|r| r.iter().zip(&mean).map(|(x, m)| x - m).collect())
            .collect();
        let scatter = scatter_matrix(&centred, 64);
        let axes = leading_axes(&scatter, 64);
        for axis in &axes {
            let image: Vec<f64> = scatter.chunks_exact(64).map(|l| inner(l, axis)).collect();
            let value = inner(axis, &image);
            let residual: f64 = image
                .iter()
                .zip(axis)
                .map(|(w, v)| (w - value * v).powi(2))
                .sum::<f64>()
                .sqrt();
            assert!((inner(axis, axis) - 1.0).abs() < 1e-9);
            assert!(
                residual < 1e-6 * value,
                "residual {residual}, value {value}"
            );
        }
        assert!(inner(&axes[0], &axes[1]).abs() < 1e-9);
        // The largest variance: no direction among many random ones has more.
        let top = {
            let image: Vec<f64> = scatter
                .chunks_exact(64)
                .map(|l| inner(l, &axes[0]))
                .collect();
            inner(&axes[0], &image)
        };
        let mut rng = TestRng(77);
        for _ in 0..50 {
            let mut v: Vec<f64> = (0..64).map(|_| f64::from(rng.normal())).collect();
            let norm = inner(&v, &v).sqrt();
            v.iter_mut().for_each(|x| *x /= norm);
            let image: Vec<f64> = scatter.chunks_exact(64).map(|l| inner(l, &v)).collect();
            assert!(inner(&v, &image) <= top + 1e-9);
        }
    }

    #[test]
    fn pca_of_degenerate_rows_is_zero_not_nan() {
        let same = vec![vec![0.5_f32, 0.5, 0.0]; 6];
        assert!(pca_2d(&same).unwrap().iter().all(|p| *p == [0.0, 0.0]));
        let one_d: Vec<Vec<f32>> = [1.0f32, 2.0, 4.0].iter().map(|&x| vec![x]).collect();
        let layout = pca_2d(&one_d).unwrap();
        assert!(layout.iter().all(|p| p[0].is_finite() && p[1] == 0.0));
    }

    #[test]
    fn a_projection_paused_between_advances_is_the_one_run_through() {
        let (rows, _) = blobs(3, 20, 16, 0.5);
        let options = MapOptions {
            epochs: 2 * STEPS_PER_ADVANCE + 10,
            refine: None,
            ..MapOptions::default()
        };
        let mut projection = Projection::new(&rows, &options).unwrap();
        assert_eq!(projection.steps(), options.epochs);
        let mut advances = 0;
        let mut steps = Vec::new();
        while !projection.advance(&mut |step, _| steps.push(step)).unwrap() {
            advances += 1;
            assert_eq!(projection.done(), advances * STEPS_PER_ADVANCE);
        }
        assert_eq!(advances, 2);
        assert_eq!(steps, (1..=options.epochs).collect::<Vec<_>>());
        assert_eq!(projection.finish(), project(&rows, &options).unwrap());
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
