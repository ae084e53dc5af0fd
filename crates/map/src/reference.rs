//! The implementations before the blocked ones, kept as the yardstick the tests check the
//! fast ones against and the benchmark times them against (`examples/map_bench.rs`). Not
//! used by the map itself.

use bhtsne::Neighbor;
use jobdelta_matching::dot;

/// Each row's `k` nearest other rows by cosine, one dot product at a time: what
/// [`crate::cosine_neighbors`] must equal.
pub fn cosine_neighbors_one_by_one(unit: &[Vec<f32>], k: usize) -> Vec<Vec<Neighbor<f32>>> {
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

/// The two principal components' coordinates by power iteration on the scatter matrix built
/// one row a pass (at most 2,000 steps an axis): what [`crate::pca_2d`] must agree with, up
/// to the sign of each axis.
pub fn pca_2d_power_iteration(vectors: &[Vec<f32>]) -> Vec<[f32; 2]> {
    let n = vectors.len();
    let dim = vectors.first().map_or(0, Vec::len);
    if n == 0 {
        return Vec::new();
    }
    let centred = crate::centred_rows(vectors, dim);
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
    let xs = crate::signed(project_on(&first));
    let ys = crate::signed(project_on(&second));
    xs.iter()
        .zip(&ys)
        .map(|(&x, &y)| [x as f32, y as f32])
        .collect()
}

/// The direction of largest variance of `scatter`, orthogonal to `other` if given.
fn principal_axis(scatter: &[f64], dim: usize, other: Option<&[f64]>) -> Vec<f64> {
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

/// The t-SNE layout as it was made before [`crate::Projection`]: the previous PCA start and
/// neighbour search, then all the steps in one `bhtsne` fit (its momentum and gains never
/// reset). What the benchmark times the current pipeline against, and how docs/quality.md
/// measures what the pauses between advances cost.
pub fn project_in_one_piece(
    vectors: &[Vec<f32>],
    options: &crate::MapOptions,
) -> Result<Vec<[f32; 2]>, crate::MapError> {
    let unit = crate::normalized(vectors)?;
    let n = unit.len();
    let start = pca_2d_power_iteration(&unit);
    if n <= 3 {
        return Ok(start);
    }
    let start = crate::scaled(&start, crate::START_SCALE);
    let perplexity = options.perplexity.min((n - 1) as f32 / 3.0).max(1.0);
    let k = ((3.0 * perplexity) as usize).clamp(1, n - 1);
    let neighbors = cosine_neighbors_one_by_one(&unit, k);
    let fit = || {
        let seed: Vec<f32> = start.iter().flat_map(|p| [p[0], p[1]]).collect();
        bhtsne::tSNE::<f32, Vec<f32>, 2>::new(&unit)
            .perplexity(perplexity)
            .epochs(options.epochs)
            .initial_embedding(seed)
            .barnes_hut_with_neighbors(options.theta.max(f32::EPSILON), &neighbors)
            .embedding()
    };
    let flat = crate::in_one_thread(fit)?;
    let layout: Vec<[f32; 2]> = flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    Ok(match &options.refine {
        Some(settings) => crate::refine(&unit, &layout, settings),
        None => layout,
    })
}
