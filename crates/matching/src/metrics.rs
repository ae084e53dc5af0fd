//! How well a score ranks posts the way a person labelled them, and how well a grouping
//! agrees with a labelled one.

/// Area under the ROC curve: the chance that a random post labelled fit scores above a random
/// post labelled not fit (ties count half). `None` unless both labels occur.
pub fn roc_auc(scores: &[f32], labels: &[bool]) -> Option<f64> {
    let positives = labels.iter().filter(|&&l| l).count();
    let negatives = labels.len() - positives;
    if positives == 0 || negatives == 0 || scores.len() != labels.len() {
        return None;
    }
    // Mann–Whitney U from average ranks, which handles ties exactly.
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut rank_sum = 0.0_f64;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        // Ranks are 1-based; tied scores share the mean of their ranks.
        let average_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            if labels[k] {
                rank_sum += average_rank;
            }
        }
        i = j + 1;
    }
    let p = positives as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64))
}

/// Share of the `k` best-scoring posts that are labelled fit (ties broken by input order).
pub fn precision_at_k(scores: &[f32], labels: &[bool], k: usize) -> Option<f64> {
    if k == 0 || scores.is_empty() || scores.len() != labels.len() {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let k = k.min(order.len());
    let hits = order[..k].iter().filter(|&&i| labels[i]).count();
    Some(hits as f64 / k as f64)
}

/// How a found grouping agrees with a labelled one, from pairs of items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairAgreement {
    /// Adjusted Rand index (1 = the same grouping, about 0 = chance).
    pub ari: f64,
    /// Pairs put together by both groupings.
    pub together_both: usize,
    /// Pairs put together by the found grouping.
    pub together_found: usize,
    /// Pairs put together by the labels.
    pub together_labelled: usize,
}

impl PairAgreement {
    /// Of the pairs put together, the share that the labels put together (`None`: no pair).
    pub fn precision(&self) -> Option<f64> {
        (self.together_found > 0).then(|| self.together_both as f64 / self.together_found as f64)
    }

    /// Of the pairs the labels put together, the share put together (`None`: no pair).
    pub fn recall(&self) -> Option<f64> {
        (self.together_labelled > 0)
            .then(|| self.together_both as f64 / self.together_labelled as f64)
    }
}

/// The agreement of `items`, each (labelled group, found group) of one item.
pub fn pair_agreement(items: &[(usize, usize)]) -> PairAgreement {
    /// (labelled group, found group) of one item.
    type Item = (usize, usize);
    let pairs = |same: &dyn Fn(&Item, &Item) -> bool| -> usize {
        let mut count = 0;
        for i in 0..items.len() {
            for j in i + 1..items.len() {
                count += usize::from(same(&items[i], &items[j]));
            }
        }
        count
    };
    let together_labelled = pairs(&|a, b| a.0 == b.0);
    let together_found = pairs(&|a, b| a.1 == b.1);
    let together_both = pairs(&|a, b| a.0 == b.0 && a.1 == b.1);
    let all = items.len() * items.len().saturating_sub(1) / 2;
    // Hubert and Arabie's ARI from pair counts; the degenerate case (both groupings all in
    // one, or all apart) scores 1 when they agree, as scikit-learn does.
    let expected = if all == 0 {
        0.0
    } else {
        together_labelled as f64 * together_found as f64 / all as f64
    };
    let maximum = (together_labelled + together_found) as f64 / 2.0;
    let ari = if (maximum - expected).abs() < f64::EPSILON {
        f64::from(u8::from(
            together_labelled == together_both && together_found == together_both,
        ))
    } else {
        (together_both as f64 - expected) / (maximum - expected)
    };
    PairAgreement {
        ari,
        together_both,
        together_found,
        together_labelled,
    }
}

/// Purity of `items` (labelled group, found group): each found group counted by its most
/// common label, over all items; `None` without items.
pub fn purity(items: &[(usize, usize)]) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let mut counts: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for &(label, found) in items {
        *counts.entry((found, label)).or_default() += 1;
    }
    let mut best: std::collections::BTreeMap<usize, usize> = Default::default();
    for (&(found, _), &n) in &counts {
        let b = best.entry(found).or_default();
        *b = (*b).max(n);
    }
    Some(best.values().sum::<usize>() as f64 / items.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_inverse_random_and_tied_rankings() {
        let labels = [true, true, false, false];
        let cases: [(&[f32], f64); 4] = [
            (&[0.9, 0.8, 0.2, 0.1], 1.0),
            (&[0.1, 0.2, 0.8, 0.9], 0.0),
            (&[0.5, 0.5, 0.5, 0.5], 0.5),
            (&[0.9, 0.2, 0.5, 0.1], 0.75),
        ];
        for (scores, expected) in cases {
            let auc = roc_auc(scores, &labels).unwrap_or(f64::NAN);
            assert!((auc - expected).abs() < 1e-12, "{scores:?}: {auc}");
        }
    }

    #[test]
    fn auc_needs_both_labels() {
        assert_eq!(roc_auc(&[0.1, 0.2], &[true, true]), None);
        assert_eq!(roc_auc(&[], &[]), None);
    }

    #[test]
    fn precision_counts_fits_among_the_top_k() {
        let scores = [0.9, 0.1, 0.8, 0.7];
        let labels = [true, true, false, true];
        assert_eq!(precision_at_k(&scores, &labels, 2), Some(0.5));
        assert_eq!(precision_at_k(&scores, &labels, 3), Some(2.0 / 3.0));
        assert_eq!(precision_at_k(&scores, &labels, 10), Some(0.75));
        assert_eq!(precision_at_k(&scores, &labels, 0), None);
    }

    #[test]
    fn pair_agreement_of_equal_chance_and_split_groupings() {
        let same = pair_agreement(&[(0, 5), (0, 5), (1, 7), (1, 7)]);
        assert!((same.ari - 1.0).abs() < 1e-12);
        assert_eq!(same.precision(), Some(1.0));
        // Found splits each label in two: no pair together, precision undefined.
        let split = pair_agreement(&[(0, 0), (0, 1), (1, 2), (1, 3)]);
        assert_eq!(split.together_found, 0);
        assert_eq!(split.precision(), None);
        assert_eq!(split.recall(), Some(0.0));
        assert!(split.ari <= 0.0);
        // All in one group, labels all in one group: agree.
        assert!((pair_agreement(&[(0, 0), (0, 0)]).ari - 1.0).abs() < 1e-12);
    }

    #[test]
    fn purity_counts_each_groups_main_label() {
        assert_eq!(purity(&[]), None);
        assert_eq!(purity(&[(0, 0), (0, 0), (1, 0), (1, 1)]), Some(0.75));
        assert_eq!(purity(&[(0, 0), (1, 1)]), Some(1.0));
    }
}
