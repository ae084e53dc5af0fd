//! How well a score ranks posts the way a person labelled them.

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
}
