//! Grouping texts into batches of similar length.
//!
//! A batch is padded to its longest member, and the padded positions are computed and thrown
//! away, so mixing a 10-piece and a 200-piece text wastes 95% of one row. Sorting by length
//! first keeps padding to a few pieces per row; batches are also capped by total word pieces so
//! one batch of long texts does not need much more memory than one of short texts.

/// Limits for one batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// At most this many texts in a batch.
    pub max_texts: usize,
    /// At most this many padded word pieces (texts × longest length) in a batch.
    pub max_pieces: usize,
}

impl Default for BatchLimits {
    /// One text per forward pass: with candle 0.11's kernels, length-sorted batches measured
    /// 0.53–0.70× the speed of single texts, natively and in wasm (docs/benchmarks.md). Batching
    /// stays available through [`crate::Encoder::with_batch_limits`] for when that changes.
    fn default() -> Self {
        Self {
            max_texts: 1,
            max_pieces: 4096,
        }
    }
}

/// One batch: indices into the caller's list of texts, longest first, and its padded length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Positions of the batch's texts in the original input.
    pub members: Vec<usize>,
    /// Length every member is padded to (the longest member's length).
    pub padded_len: usize,
}

/// Splits texts with the given lengths (in word pieces) into batches of similar length.
///
/// Every index appears in exactly one batch; order within equal lengths follows the input, so
/// the plan is deterministic.
pub fn plan_batches(lengths: &[usize], limits: BatchLimits) -> Vec<Batch> {
    let max_texts = limits.max_texts.max(1);
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by(|&a, &b| lengths[b].cmp(&lengths[a]).then(a.cmp(&b)));

    let mut batches = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut padded_len = 0;
    for index in order {
        // Longest first, so the first member fixes the batch's padded length.
        let len = if current.is_empty() {
            lengths[index]
        } else {
            padded_len
        };
        let would_hold = (current.len() + 1) * len;
        if !current.is_empty() && (current.len() == max_texts || would_hold > limits.max_pieces) {
            batches.push(Batch {
                members: std::mem::take(&mut current),
                padded_len,
            });
        }
        if current.is_empty() {
            padded_len = lengths[index];
        }
        current.push(index);
    }
    if !current.is_empty() {
        batches.push(Batch {
            members: current,
            padded_len,
        });
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(batches: &[Batch]) -> Vec<Vec<usize>> {
        batches.iter().map(|b| b.members.clone()).collect()
    }

    #[test]
    fn empty_input_gives_no_batches() {
        assert!(plan_batches(&[], BatchLimits::default()).is_empty());
    }

    #[test]
    fn groups_longest_first_and_respects_count_limit() {
        let limits = BatchLimits {
            max_texts: 2,
            max_pieces: 1000,
        };
        let batches = plan_batches(&[5, 9, 3, 9, 7], limits);
        assert_eq!(members(&batches), vec![vec![1, 3], vec![4, 0], vec![2]]);
        assert_eq!(
            batches.iter().map(|b| b.padded_len).collect::<Vec<_>>(),
            vec![9, 7, 3]
        );
    }

    #[test]
    fn respects_piece_budget() {
        let limits = BatchLimits {
            max_texts: 32,
            max_pieces: 20,
        };
        let batches = plan_batches(&[10, 10, 10, 4, 4, 4, 4, 4], limits);
        // [2, 3] is padded to 10: 2 × 10 still fits the budget of 20.
        assert_eq!(
            members(&batches),
            vec![vec![0, 1], vec![2, 3], vec![4, 5, 6, 7]]
        );
    }

    #[test]
    fn a_text_longer_than_the_budget_still_gets_a_batch() {
        let limits = BatchLimits {
            max_texts: 8,
            max_pieces: 16,
        };
        let batches = plan_batches(&[256, 3], limits);
        assert_eq!(members(&batches), vec![vec![0], vec![1]]);
    }

    #[test]
    fn every_index_appears_exactly_once() {
        let lengths: Vec<usize> = (0..100).map(|i| (i * 37) % 61 + 2).collect();
        let batches = plan_batches(
            &lengths,
            BatchLimits {
                max_texts: 7,
                max_pieces: 300,
            },
        );
        let mut seen: Vec<usize> = batches.iter().flat_map(|b| b.members.clone()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
        for batch in &batches {
            assert!(batch.members.len() <= 7);
            assert!(batch.members.len() == 1 || batch.members.len() * batch.padded_len <= 300);
            assert!(batch
                .members
                .iter()
                .all(|&i| lengths[i] <= batch.padded_len));
        }
    }
}
