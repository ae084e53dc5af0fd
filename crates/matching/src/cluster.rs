//! Grouping by meaning, shared by the interview's themes (stories) and the posture (posts):
//! average-linkage agglomerative clustering over cosine similarity, the normalised mean of a
//! group's vectors, and picking a group's most distinctive names for its label.
//!
//! Two groups join while the mean cosine between their members reaches the threshold. Average
//! linkage is reducible, so the nearest-neighbour chain algorithm builds the same tree as the
//! textbook greedy one in O(n²) time and memory; cutting that tree at the threshold gives the
//! groups. Ties go to the lower index, so the result depends only on the input.

use std::collections::HashMap;

/// The normalised mean of `vectors`, `None` without any (or when they cancel out). Vectors of
/// another width than the first are left out.
pub fn mean_vector<'a>(vectors: impl IntoIterator<Item = &'a [f32]>) -> Option<Vec<f32>> {
    let mut sum: Option<Vec<f32>> = None;
    for vector in vectors {
        match &mut sum {
            None => sum = Some(vector.to_vec()),
            Some(total) if total.len() == vector.len() => {
                total.iter_mut().zip(vector).for_each(|(t, v)| *t += v);
            }
            Some(_) => {}
        }
    }
    let mut sum = sum?;
    let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
    if !(norm.is_finite() && norm > 0.0) {
        return None;
    }
    sum.iter_mut().for_each(|v| *v /= norm);
    Some(sum)
}

/// Cosine of two normalised vectors; unrelated (−1) when widths differ or a value is not finite.
fn similarity(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return -1.0;
    }
    let s = crate::dot(a, b);
    if s.is_finite() {
        s
    } else {
        -1.0
    }
}

/// Average-linkage clusters of `points` (normalised vectors) cut at `threshold`: each cluster
/// sorted, clusters ordered by their first member. Vectors of different widths or with
/// non-finite values are treated as unrelated to everything.
pub fn average_linkage<P: AsRef<[f32]>>(points: &[P], threshold: f32) -> Vec<Vec<usize>> {
    let n = points.len();
    // Similarities between active clusters; a merged cluster lives at its lower index.
    let mut sim = vec![0.0f32; n * n];
    for i in 0..n {
        for j in i..n {
            let s = similarity(points[i].as_ref(), points[j].as_ref());
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }
    let mut size = vec![1usize; n];
    let mut active = vec![true; n];
    let mut merges: Vec<(usize, usize, f32)> = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let mut remaining = n;
    while remaining > 1 {
        if chain.is_empty() {
            if let Some(first) = active.iter().position(|&a| a) {
                chain.push(first);
            }
        }
        // Follow nearest neighbours until two clusters are each other's nearest.
        let pair = loop {
            let Some(&a) = chain.last() else { break None };
            let previous = chain.len().checked_sub(2).map(|p| chain[p]);
            // The previous link wins ties, which keeps the chain from cycling.
            let mut best = previous;
            let mut best_sim = previous.map_or(f32::NEG_INFINITY, |p| sim[a * n + p]);
            for c in (0..n).filter(|&c| active[c] && c != a) {
                if sim[a * n + c] > best_sim {
                    best = Some(c);
                    best_sim = sim[a * n + c];
                }
            }
            match best {
                None => break None,
                Some(b) if Some(b) == previous => break Some((a, b)),
                Some(b) => chain.push(b),
            }
        };
        let Some((a, b)) = pair else { break };
        chain.truncate(chain.len() - 2);
        let (keep, gone) = (a.min(b), a.max(b));
        merges.push((keep, gone, sim[keep * n + gone]));
        let (size_keep, size_gone) = (size[keep] as f32, size[gone] as f32);
        for c in (0..n).filter(|&c| active[c] && c != keep && c != gone) {
            // Lance–Williams for average linkage: the size-weighted mean of the two.
            let joined = (size_keep * sim[keep * n + c] + size_gone * sim[gone * n + c])
                / (size_keep + size_gone);
            sim[keep * n + c] = joined;
            sim[c * n + keep] = joined;
        }
        size[keep] += size[gone];
        active[gone] = false;
        remaining -= 1;
    }
    // The tree is monotone for average linkage, so the merges at or above the threshold are
    // exactly the clusters at that height.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(keep, gone, s) in &merges {
        if s >= threshold {
            let (rk, rg) = (root(&mut parent, keep), root(&mut parent, gone));
            parent[rk.max(rg)] = rk.min(rg);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g.first().copied());
    groups
}

/// The `at_most` most distinctive of `names` for a group's label: `score` gives (share of the
/// group's members naming it, share of the other members naming it, a tie-breaker). A name
/// must be in most of the group's members (all of a group of two) unless not `most`, and more
/// common there than elsewhere; ties keep the order given.
pub fn most_distinctive(
    names: Vec<String>,
    score: impl Fn(&str) -> (f32, f32, f32),
    most: bool,
    at_most: usize,
) -> Vec<String> {
    let mut scored: Vec<(usize, String, f32, f32)> = names
        .into_iter()
        .enumerate()
        .filter_map(|(order, name)| {
            let (inside, outside, tie) = score(&name);
            ((inside > 0.5 || !most) && inside > outside).then_some((
                order,
                name,
                inside - outside,
                tie,
            ))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then(b.3.total_cmp(&a.3))
            .then(a.0.cmp(&b.0))
    });
    scored
        .into_iter()
        .take(at_most)
        .map(|(_, name, ..)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(points: &[&[f32]], threshold: f32) -> Vec<Vec<usize>> {
        average_linkage(points, threshold)
    }

    #[test]
    fn close_points_join_and_far_ones_stay_apart() {
        let points: Vec<&[f32]> = vec![&[1.0, 0.0], &[0.0, 1.0], &[0.995, 0.0998], &[0.0, 1.0]];
        assert_eq!(cluster(&points, 0.9), vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn the_threshold_decides_how_far_groups_grow() {
        // Three at 60° from each other, pairwise cosine 0.5 … with a fourth far off.
        let points: Vec<&[f32]> = vec![
            &[1.0, 0.0, 0.0],
            &[0.5, 0.866, 0.0],
            &[0.5, 0.289, 0.816],
            &[-1.0, 0.0, 0.0],
        ];
        let sizes = |t: f32| {
            let mut sizes: Vec<usize> = cluster(&points, t).iter().map(Vec::len).collect();
            sizes.sort_unstable();
            sizes
        };
        assert_eq!(sizes(0.6), vec![1, 1, 1, 1]);
        assert_eq!(sizes(0.45), vec![1, 3]);
        assert_eq!(sizes(-1.0), vec![4]);
    }

    #[test]
    fn average_linkage_not_single_linkage() {
        // A chain a–b–c where a and c are far: single linkage would join all three at 0.8.
        let points: Vec<&[f32]> = vec![&[1.0, 0.0], &[0.8, 0.6], &[0.28, 0.96]];
        assert_eq!(cluster(&points, 0.8).len(), 2);
    }

    #[test]
    fn clustering_is_deterministic_and_handles_degenerate_input() {
        let same: Vec<&[f32]> = vec![&[1.0, 0.0]; 5];
        assert_eq!(cluster(&same, 0.5).len(), 1);
        assert!(cluster(&[], 0.5).is_empty());
        assert_eq!(cluster(&[&[1.0, 0.0]], 0.5), vec![vec![0]]);
        let odd: Vec<&[f32]> = vec![&[f32::NAN, 0.0], &[1.0], &[1.0, 0.0]];
        assert_eq!(cluster(&odd, 0.5).len(), 3);
        let ring: Vec<Vec<f32>> = (0..40)
            .map(|i| {
                let a = i as f32 * 0.157;
                vec![a.cos(), a.sin()]
            })
            .collect();
        let first = average_linkage(&ring, 0.9);
        assert_eq!(first, average_linkage(&ring, 0.9));
        assert_eq!(first.iter().map(Vec::len).sum::<usize>(), 40);
        // Ordered by first member.
        assert!(first.windows(2).all(|w| w[0][0] < w[1][0]));
    }

    #[test]
    fn mean_vectors_are_normalised() {
        let mean = mean_vector([&[1.0f32, 0.0][..], &[0.0, 1.0][..]]).unwrap_or_default();
        assert!((mean[0] - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
        assert_eq!(mean_vector([&[1.0f32, 0.0][..], &[-1.0, 0.0][..]]), None);
        assert_eq!(mean_vector(std::iter::empty()), None);
    }

    #[test]
    fn distinctive_names_are_common_inside_and_rare_outside() {
        let score = |name: &str| match name {
            "kafka" => (1.0, 0.0, 0.0),
            "rust" => (1.0, 0.5, 0.0),
            "go" => (0.4, 0.0, 0.0),
            _ => (1.0, 1.0, 0.0),
        };
        let names = || {
            ["everywhere", "rust", "kafka", "go"]
                .map(String::from)
                .to_vec()
        };
        assert_eq!(
            most_distinctive(names(), score, true, 3),
            vec!["kafka", "rust"]
        );
        assert_eq!(
            most_distinctive(names(), score, false, 3),
            vec!["kafka", "rust", "go"]
        );
        assert_eq!(most_distinctive(names(), score, true, 1), vec!["kafka"]);
    }
}
