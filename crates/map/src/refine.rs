//! Refinement for trust: a t-SNE layout moved so its map neighbours are true neighbours.
//!
//! t-SNE minimises KL(P‖Q): it pays for a pair that is near in the 384-d space but far on the
//! map (a *miss*), and hardly for a pair that is far in the space but near on the map (an
//! *intruder*). Trustworthiness counts exactly the intruders. The neighbour retrieval
//! visualiser (NeRV; Venna, Peltonen, Nybo, Aidos and Kaski, JMLR 11, 2010) weighs both:
//!
//! ```text
//! C = λ · KL(P‖Q) + (1 − λ) · KL(Q‖P)
//! ```
//!
//! where the reverse divergence KL(Q‖P) is the cost of intruders. With P the symmetric
//! Gaussian affinities of t-SNE (per-point bandwidth set by the perplexity, on cosine
//! distances) and Q the Student-t affinities of the map, the gradient for map point *i* is
//!
//! ```text
//! ∂C/∂yᵢ = 4 Σⱼ [ λ (pᵢⱼ − qᵢⱼ) − (1 − λ) qᵢⱼ (log(qᵢⱼ / pᵢⱼ) − KL(Q‖P)) ] wᵢⱼ (yᵢ − yⱼ)
//! ```
//!
//! with wᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²) and qᵢⱼ = wᵢⱼ / Σ w. Every pair counts (no Barnes-Hut
//! approximation), so a step is O(n²): the refinement runs only up to [`REFINE_MAX_POINTS`]
//! points, from the t-SNE layout, by gradient descent with momentum and per-coordinate gains
//! (as t-SNE's own). It is deterministic: no random step, sums in a fixed order.

use jobdelta_matching::dot;

/// Above this many points the O(n²) steps cost more than the map is worth waiting for (4.6 s
/// at 1,000 points natively on a loaded core, 13.7 s at 1,500, against 0.3 s at 290;
/// docs/benchmarks.md); larger maps keep their t-SNE layout.
pub const REFINE_MAX_POINTS: usize = 1_000;

/// Settings of [`refine`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RefineOptions {
    /// λ: the weight of misses (KL(P‖Q)) against intruders (KL(Q‖P), weight 1 − λ).
    pub lambda: f32,
    /// Perplexity of the Gaussian affinities in the 384-d space.
    pub perplexity: f32,
    /// Gradient steps.
    pub steps: usize,
    /// Step size.
    pub learning_rate: f32,
}

impl Default for RefineOptions {
    fn default() -> Self {
        Self {
            lambda: 0.1,
            perplexity: 10.0,
            steps: 500,
            learning_rate: 10.0,
        }
    }
}

/// The smallest affinity a pair of points keeps: without a floor, a pair the Gaussian rounds
/// to zero would make log(q / p) infinite.
const P_FLOOR: f64 = 1e-12;

/// Moves `layout` (one point per row of `unit`, rows of unit length) to lower the NeRV cost.
/// Returns the layout unchanged when there are fewer than four points or more than
/// [`REFINE_MAX_POINTS`].
pub fn refine(unit: &[Vec<f32>], layout: &[[f32; 2]], options: &RefineOptions) -> Vec<[f32; 2]> {
    let n = unit.len();
    if !(4..=REFINE_MAX_POINTS).contains(&n) || layout.len() != n {
        return layout.to_vec();
    }
    let perplexity = options.perplexity.min((n - 1) as f32 / 3.0).max(1.0);
    // Pairs i < j in row order, so every sum runs in one order (deterministic).
    let pairs = n * (n - 1) / 2;
    let p = joint_affinities(unit, perplexity);
    let log_p: Vec<f64> = p.iter().map(|v| v.ln()).collect();
    let lambda = f64::from(options.lambda.clamp(0.0, 1.0));
    let rate = f64::from(options.learning_rate);
    let mut y: Vec<[f64; 2]> = layout
        .iter()
        .map(|&[a, b]| [f64::from(a), f64::from(b)])
        .collect();
    let mut velocity = vec![[0.0_f64; 2]; n];
    let mut gains = vec![[1.0_f64; 2]; n];
    let mut scratch = Scratch::new(pairs);
    let mut gradient = vec![[0.0_f64; 2]; n];
    for step in 0..options.steps {
        nerv_cost(&p, &log_p, &y, lambda, &mut scratch, &mut gradient);
        // t-SNE's update: momentum, and gains that grow while a coordinate keeps its direction.
        let momentum = if step < 100 { 0.5 } else { 0.8 };
        for i in 0..n {
            for d in 0..2 {
                let same_sign = (gradient[i][d] > 0.0) == (velocity[i][d] > 0.0);
                gains[i][d] = if same_sign {
                    (gains[i][d] * 0.8).max(0.01)
                } else {
                    gains[i][d] + 0.2
                };
                velocity[i][d] = momentum * velocity[i][d] - rate * gains[i][d] * gradient[i][d];
                y[i][d] += velocity[i][d];
            }
        }
    }
    y.into_iter().map(|[a, b]| [a as f32, b as f32]).collect()
}

/// Buffers of one gradient evaluation, per pair i < j in row order.
struct Scratch {
    /// Student-t weight 1 / (1 + ‖yᵢ − yⱼ‖²).
    w: Vec<f64>,
    /// log(qᵢⱼ / pᵢⱼ).
    log_ratio: Vec<f64>,
}

impl Scratch {
    fn new(pairs: usize) -> Self {
        Self {
            w: vec![0.0; pairs],
            log_ratio: vec![0.0; pairs],
        }
    }
}

/// The NeRV cost of layout `y` given the affinities `p` (pairs i < j, with their logarithms),
/// and its gradient written to `gradient`.
fn nerv_cost(
    p: &[f64],
    log_p: &[f64],
    y: &[[f64; 2]],
    lambda: f64,
    scratch: &mut Scratch,
    gradient: &mut [[f64; 2]],
) -> f64 {
    let n = y.len();
    let Scratch { w, log_ratio } = scratch;
    // Student-t weights of every pair, and their sum over ordered pairs.
    let mut z = 0.0;
    let mut k = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            let (dx, dy) = (y[i][0] - y[j][0], y[i][1] - y[j][1]);
            w[k] = 1.0 / (1.0 + dx * dx + dy * dy);
            z += 2.0 * w[k];
            k += 1;
        }
    }
    // Both divergences over ordered pairs (each unordered pair twice); KL(Q‖P) is needed
    // inside the gradient, and the floor makes the p sum a little over 1.
    let log_z = z.ln();
    let (mut forward, mut reverse, mut p_total) = (0.0, 0.0, 0.0);
    for k in 0..p.len() {
        log_ratio[k] = w[k].ln() - log_z - log_p[k];
        forward -= 2.0 * p[k] * log_ratio[k];
        reverse += 2.0 * (w[k] / z) * log_ratio[k];
        p_total += 2.0 * p[k];
    }
    gradient.iter_mut().for_each(|g| *g = [0.0; 2]);
    let mut k = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            let q = w[k] / z;
            let force =
                lambda * (p[k] - q * p_total) - (1.0 - lambda) * q * (log_ratio[k] - reverse);
            let scale = 4.0 * force * w[k];
            let (dx, dy) = (y[i][0] - y[j][0], y[i][1] - y[j][1]);
            gradient[i][0] += scale * dx;
            gradient[i][1] += scale * dy;
            gradient[j][0] -= scale * dx;
            gradient[j][1] -= scale * dy;
            k += 1;
        }
    }
    lambda * forward + (1.0 - lambda) * reverse
}

/// t-SNE's symmetric input affinities of the pairs i < j in row order: pⱼ|ᵢ Gaussian in the
/// squared cosine distance 2 − 2 cos with the bandwidth that gives each point the
/// `perplexity`, then pᵢⱼ = (pⱼ|ᵢ + pᵢ|ⱼ) / 2n, floored at [`P_FLOOR`].
fn joint_affinities(unit: &[Vec<f32>], perplexity: f32) -> Vec<f64> {
    let n = unit.len();
    let mut distance = vec![0.0_f64; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let d = f64::from((2.0 - 2.0 * dot(&unit[i], &unit[j])).max(0.0));
            distance[i * n + j] = d;
            distance[j * n + i] = d;
        }
    }
    let mut conditional = vec![0.0_f64; n * n];
    for i in 0..n {
        let row = conditional_row(&distance[i * n..(i + 1) * n], i, perplexity);
        conditional[i * n..(i + 1) * n].copy_from_slice(&row);
    }
    let mut joint = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in (i + 1)..n {
            let p = (conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n as f64);
            joint.push(p.max(P_FLOOR));
        }
    }
    joint
}

/// pⱼ|ᵢ for one row of squared distances (`own` is the point itself, which gets 0): the
/// Gaussian precision β = 1 / 2σ² found by bisection until the row's entropy is
/// ln(perplexity).
fn conditional_row(distances: &[f64], own: usize, perplexity: f32) -> Vec<f64> {
    let target = f64::from(perplexity).ln();
    let (mut beta, mut low, mut high) = (1.0_f64, 0.0_f64, f64::INFINITY);
    let mut row = vec![0.0_f64; distances.len()];
    for _ in 0..100 {
        let mut sum = 0.0;
        for (j, (value, &d)) in row.iter_mut().zip(distances).enumerate() {
            *value = if j == own { 0.0 } else { (-beta * d).exp() };
            sum += *value;
        }
        if sum <= 0.0 {
            // Every other point underflowed: the bandwidth is far too narrow.
            high = beta;
            beta = (low + high) / 2.0;
            continue;
        }
        let mut entropy = 0.0;
        for value in row.iter_mut() {
            *value /= sum;
            if *value > 0.0 {
                entropy -= *value * value.ln();
            }
        }
        let difference = entropy - target;
        if difference.abs() < 1e-5 {
            break;
        }
        if difference > 0.0 {
            // Too flat: narrow the Gaussian.
            low = beta;
            beta = if high.is_finite() {
                (beta + high) / 2.0
            } else {
                beta * 2.0
            };
        } else {
            high = beta;
            beta = (beta + low) / 2.0;
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{project, trustworthiness, MapOptions};

    /// Unit rows in `dim` dimensions around `groups` centres with a spread, from a fixed
    /// linear congruential sequence (no random source, the same rows every run).
    fn blobs(groups: usize, per_group: usize, dim: usize, spread: f32) -> Vec<Vec<f32>> {
        let mut state = 0x2545_f491_u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as f32 / (1u64 << 31) as f32) - 0.5
        };
        let centres: Vec<Vec<f32>> = (0..groups)
            .map(|_| (0..dim).map(|_| next()).collect())
            .collect();
        let mut rows = Vec::new();
        for centre in &centres {
            for _ in 0..per_group {
                let row: Vec<f32> = centre.iter().map(|c| c + spread * next()).collect();
                let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
                rows.push(row.iter().map(|x| x / norm).collect());
            }
        }
        rows
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let rows = blobs(3, 6, 12, 0.8);
        let n = rows.len();
        let p = joint_affinities(&rows, 5.0);
        let log_p: Vec<f64> = p.iter().map(|v| v.ln()).collect();
        let y: Vec<[f64; 2]> = (0..n)
            .map(|i| [(i as f64 * 0.7).sin() * 3.0, (i as f64 * 1.3).cos() * 2.0])
            .collect();
        for lambda in [0.0, 0.1, 0.5, 1.0] {
            let mut scratch = Scratch::new(p.len());
            let mut gradient = vec![[0.0; 2]; n];
            nerv_cost(&p, &log_p, &y, lambda, &mut scratch, &mut gradient);
            let mut ignored = vec![[0.0; 2]; n];
            for i in [0, 7, n - 1] {
                for d in 0..2 {
                    let h = 1e-6;
                    let mut plus = y.clone();
                    plus[i][d] += h;
                    let mut minus = y.clone();
                    minus[i][d] -= h;
                    let numeric =
                        (nerv_cost(&p, &log_p, &plus, lambda, &mut scratch, &mut ignored)
                            - nerv_cost(&p, &log_p, &minus, lambda, &mut scratch, &mut ignored))
                            / (2.0 * h);
                    let analytic = gradient[i][d];
                    assert!(
                        (numeric - analytic).abs() <= 1e-6 * (1.0 + numeric.abs()),
                        "λ {lambda}, point {i}, axis {d}: numeric {numeric}, analytic {analytic}"
                    );
                }
            }
        }
    }

    #[test]
    fn affinities_reach_the_perplexity() {
        let rows = blobs(2, 20, 16, 1.0);
        let n = rows.len();
        let distances: Vec<f64> = (0..n)
            .map(|j| f64::from((2.0 - 2.0 * dot(&rows[0], &rows[j])).max(0.0)))
            .collect();
        let row = conditional_row(&distances, 0, 8.0);
        let entropy: f64 = row.iter().filter(|&&p| p > 0.0).map(|p| -p * p.ln()).sum();
        assert!(
            (entropy.exp() - 8.0).abs() < 0.01,
            "perplexity {}",
            entropy.exp()
        );
        assert_eq!(row[0], 0.0);
        assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn refinement_lowers_intruders() {
        // Heavily overlapping blobs, like sentence embeddings (on well-separated blobs t-SNE
        // alone is near 1 and the refinement may cost a little): intruders it removes.
        let rows = blobs(8, 20, 64, 2.0);
        let tsne = project(
            &rows,
            &MapOptions {
                refine: None,
                ..MapOptions::default()
            },
        )
        .unwrap();
        let refined = refine(&rows, &tsne, &RefineOptions::default());
        let (before, after) = (
            trustworthiness(&rows, &tsne, 10).unwrap(),
            trustworthiness(&rows, &refined, 10).unwrap(),
        );
        assert!(
            after > before + 0.01,
            "t-SNE {before:.3}, refined {after:.3}"
        );
        assert_eq!(refined, refine(&rows, &tsne, &RefineOptions::default()));
    }

    #[test]
    fn leaves_tiny_and_huge_maps_alone() {
        let three = blobs(1, 3, 4, 0.5);
        let layout = vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
        assert_eq!(refine(&three, &layout, &RefineOptions::default()), layout);
        let huge = vec![vec![1.0_f32, 0.0]; REFINE_MAX_POINTS + 1];
        let flat = vec![[0.5_f32, 0.5]; REFINE_MAX_POINTS + 1];
        assert_eq!(refine(&huge, &flat, &RefineOptions::default()), flat);
    }
}
