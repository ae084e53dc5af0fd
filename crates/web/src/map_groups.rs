//! Named groups on the embedding map: the clumps a reader sees, found on the 2-D layout and
//! each named by its most distinctive words (class-based TF-IDF, as BERTopic and Embedding
//! Atlas name their clusters). Pure and tested natively; the map component draws the names
//! at the groups' centres and lists them, and a name selects its group.
//!
//! Groups are found on the layout, not in the 384-d space, because a name must sit on the
//! clump the eye sees: points closer than `REACH` × the median nearest-neighbour distance are
//! linked (a grid of cells that size keeps it near-linear), linked points form a group, and
//! groups smaller than [`min_group`] stay unnamed.

use std::collections::HashMap;

use jobdelta_protocol::MapPoint;
use jobdelta_text::content_words;

/// Points link when closer than this many median nearest-neighbour distances.
const REACH: f32 = 1.8;

/// Groups named at most (the largest), so names do not cover the map.
const MAX_GROUPS: usize = 12;

/// Words in a name.
const NAME_WORDS: usize = 2;

/// A named clump of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapGroup {
    /// Indices of its points, ascending.
    pub members: Vec<usize>,
    /// The mean position of its points (map units).
    pub centre: [f32; 2],
    /// Its most distinctive words, joined by ", ".
    pub name: String,
}

/// The smallest group named: four points, or one in fifty on large maps.
pub fn min_group(points: usize) -> usize {
    (points / 50).max(4)
}

/// The named groups of a layout, largest first; `texts[i]` is point `i`'s sentence.
pub fn map_groups(points: &[MapPoint], texts: &[&str]) -> Vec<MapGroup> {
    let n = points.len().min(texts.len());
    if n < 2 * min_group(n) {
        return Vec::new();
    }
    let positions: Vec<[f32; 2]> = points[..n].iter().map(|p| [p.x, p.y]).collect();
    let Some(spacing) = median_nearest_distance(&positions) else {
        return Vec::new();
    };
    let mut groups = linked_groups(&positions, REACH * spacing);
    groups.retain(|g| g.len() >= min_group(n));
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups.truncate(MAX_GROUPS);
    let words: Vec<Vec<String>> = texts[..n]
        .iter()
        .map(|t| {
            content_words(t)
                .into_iter()
                .filter(|w| naming_word(w))
                .collect()
        })
        .collect();
    let names = distinctive_words(&groups, &words);
    groups
        .into_iter()
        .zip(names)
        .filter(|(_, name)| !name.is_empty())
        .map(|(members, name)| {
            let count = members.len() as f32;
            let (sx, sy) = members.iter().fold((0.0, 0.0), |(sx, sy), &i| {
                (sx + positions[i][0], sy + positions[i][1])
            });
            MapGroup {
                members,
                centre: [sx / count, sy / count],
                name: name.join(", "),
            }
        })
        .collect()
}

/// Words every resume and post uses ("5+ years of experience with…", "strong knowledge
/// of…"): in a small map one clump may hold more of them by chance, and then they would name
/// it, saying nothing.
const GENERIC: &[&str] = &[
    "experience",
    "experienced",
    "years",
    "year",
    "work",
    "working",
    "ability",
    "strong",
    "skills",
    "knowledge",
    "including",
    "plus",
    "using",
];

/// A word fit for a name: three or more letters, no digits ("2019", "5+" name nothing), not
/// [`GENERIC`].
fn naming_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !word.chars().any(|c| c.is_ascii_digit())
        && !GENERIC.contains(&word)
}

/// The grid cell of a position, for cells of side `side`.
fn cell(p: [f32; 2], side: f32) -> (i64, i64) {
    ((p[0] / side).floor() as i64, (p[1] / side).floor() as i64)
}

/// Points by grid cell.
fn grid(positions: &[[f32; 2]], side: f32) -> HashMap<(i64, i64), Vec<usize>> {
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, &p) in positions.iter().enumerate() {
        cells.entry(cell(p, side)).or_default().push(i);
    }
    cells
}

/// The median distance from a point to its nearest other point, `None` when all points sit
/// on one spot. Searched on a grid sized by the mean spacing (area / n), widening the ring of
/// cells until a neighbour is found.
fn median_nearest_distance(positions: &[[f32; 2]]) -> Option<f32> {
    let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
    for p in positions {
        min = [min[0].min(p[0]), min[1].min(p[1])];
        max = [max[0].max(p[0]), max[1].max(p[1])];
    }
    let area = (max[0] - min[0]) * (max[1] - min[1]);
    let side = (area / positions.len() as f32).sqrt();
    if !side.is_finite() || side <= 0.0 {
        return None;
    }
    let cells = grid(positions, side);
    let mut nearest: Vec<f32> = positions
        .iter()
        .enumerate()
        .filter_map(|(i, &p)| {
            let (cx, cy) = cell(p, side);
            // A neighbour found within ring r may still lose to one in ring r + 1.
            let mut best = f32::MAX;
            for ring in 0..64_i64 {
                if best <= ring as f32 * side {
                    break;
                }
                for dx in -ring..=ring {
                    for dy in -ring..=ring {
                        if dx.abs() != ring && dy.abs() != ring {
                            continue;
                        }
                        for &j in cells.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                            if j != i {
                                best = best.min(distance(p, positions[j]));
                            }
                        }
                    }
                }
            }
            (best < f32::MAX).then_some(best)
        })
        .collect();
    if nearest.is_empty() {
        return None;
    }
    nearest.sort_by(f32::total_cmp);
    let median = nearest[nearest.len() / 2];
    (median > 0.0).then_some(median)
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// The connected groups of points closer than `reach` (each sorted, in no set order).
fn linked_groups(positions: &[[f32; 2]], reach: f32) -> Vec<Vec<usize>> {
    let n = positions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let cells = grid(positions, reach);
    for (i, &p) in positions.iter().enumerate() {
        let (cx, cy) = cell(p, reach);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in cells.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    if j > i && distance(p, positions[j]) < reach {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        if a != b {
                            parent[a.max(b)] = a.min(b);
                        }
                    }
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Class-based TF-IDF: per group, its [`NAME_WORDS`] words with the highest
/// tf(w, g) · ln(1 + A / f(w)), where tf counts the group's sentences holding w over its
/// size, f(w) the sentences holding w over all points and A the mean group size. A word must
/// be in two sentences of the group (one sentence's word names nothing). Ties go to the word
/// seen first.
fn distinctive_words(groups: &[Vec<usize>], words: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut everywhere: HashMap<&str, usize> = HashMap::new();
    for sentence in words {
        for w in sentence {
            *everywhere.entry(w.as_str()).or_default() += 1;
        }
    }
    let mean_size = words.len() as f32 / groups.len().max(1) as f32;
    groups
        .iter()
        .map(|members| {
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for &m in members {
                for w in &words[m] {
                    match counts.iter_mut().find(|(x, _)| *x == w.as_str()) {
                        Some((_, c)) => *c += 1,
                        None => counts.push((w.as_str(), 1)),
                    }
                }
            }
            let mut scored: Vec<(usize, &str, f32)> = counts
                .into_iter()
                .enumerate()
                .filter(|(_, (_, c))| *c >= 2)
                .map(|(order, (w, c))| {
                    let tf = c as f32 / members.len() as f32;
                    let f = everywhere.get(w).copied().unwrap_or(1) as f32;
                    (order, w, tf * (1.0 + mean_size / f).ln())
                })
                .collect();
            scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            scored
                .into_iter()
                .take(NAME_WORDS)
                .map(|(_, w, _)| w.to_owned())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_protocol::MapSource;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn point(x: f32, y: f32, sentence: usize) -> MapPoint {
        MapPoint {
            x,
            y,
            source: MapSource::Resume { sentence },
        }
    }

    /// Points in a small ring of `count` around a centre.
    fn clump(centre: [f32; 2], count: usize, first: usize) -> Vec<MapPoint> {
        (0..count)
            .map(|k| {
                let angle = k as f32 * std::f32::consts::TAU / count as f32;
                let radius = 0.5 + 0.1 * (k % 3) as f32;
                point(
                    centre[0] + radius * angle.cos(),
                    centre[1] + radius * angle.sin(),
                    first + k,
                )
            })
            .collect()
    }

    #[test]
    fn two_clumps_are_two_groups_named_by_their_own_words() {
        let mut points = clump([0.0, 0.0], 6, 0);
        points.extend(clump([20.0, 5.0], 6, 6));
        let texts = [
            "Built Kafka pipelines for the warehouse.",
            "Kafka streaming into the data warehouse.",
            "Tuned the warehouse queries with Kafka.",
            "Owned the Kafka pipelines and the team.",
            "Data warehouse modelling for the team.",
            "Warehouse reporting for finance.",
            "Built React components for checkout.",
            "React and TypeScript for the storefront.",
            "Accessible React forms for the team.",
            "Storefront performance in React.",
            "TypeScript migration of the storefront.",
            "React design system for the team.",
        ];
        let groups = map_groups(&points, &texts);
        assert_eq!(groups.len(), 2, "{groups:?}");
        let kafka = groups.iter().find(|g| g.members.contains(&0)).unwrap();
        let react = groups.iter().find(|g| g.members.contains(&6)).unwrap();
        assert_eq!(kafka.members, (0..6).collect::<Vec<_>>());
        assert_eq!(react.members, (6..12).collect::<Vec<_>>());
        assert!(
            kafka.name.contains("warehouse") || kafka.name.contains("kafka"),
            "{}",
            kafka.name
        );
        assert!(
            react.name.contains("react") || react.name.contains("storefront"),
            "{}",
            react.name
        );
        // "team" is in both clumps: it names neither.
        assert!(!kafka.name.contains("team") && !react.name.contains("team"));
        assert!((react.centre[0] - 20.0).abs() < 0.5 && (react.centre[1] - 5.0).abs() < 0.5);
    }

    #[test]
    fn scattered_or_tiny_maps_get_no_names() {
        let texts = ["Kafka pipelines"; 8];
        assert!(map_groups(&clump([0.0, 0.0], 3, 0), &texts).is_empty());
        // Eight points on one spot: no spacing to measure.
        let same: Vec<MapPoint> = (0..8).map(|i| point(1.0, 1.0, i)).collect();
        assert!(map_groups(&same, &texts).is_empty());
        // Four clumps of three, far apart: every clump is below the smallest named group.
        let mut small = Vec::new();
        for (k, centre) in [[0.0, 0.0], [30.0, 0.0], [0.0, 30.0], [30.0, 30.0]]
            .iter()
            .enumerate()
        {
            small.extend(clump(*centre, 3, 3 * k));
        }
        let texts = ["Kafka pipelines"; 12];
        assert!(map_groups(&small, &texts).is_empty());
    }

    #[test]
    fn words_of_one_sentence_or_with_digits_name_nothing() {
        assert!(!naming_word("2019"));
        assert!(!naming_word("s3"));
        assert!(naming_word("kafka"));
        assert!(!naming_word("experience"));
        let groups = vec![vec![0, 1, 2]];
        let words: Vec<Vec<String>> = vec![
            vec!["kafka".into(), "unique".into()],
            vec!["kafka".into()],
            vec!["other".into()],
        ];
        assert_eq!(
            distinctive_words(&groups, &words),
            vec![vec!["kafka".to_owned()]]
        );
    }
}
