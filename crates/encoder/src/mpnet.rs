//! What MPNet adds to the BERT network of [`crate::bert`]: a relative position bias in every
//! layer's attention (all-mpnet-base-v2).
//!
//! Hugging Face's `MPNetEncoder` computes it once per text from the distance between each query
//! and key position — T5's bucketing: 32 buckets, 16 per direction, exact up to 7 positions
//! apart, then logarithmic up to 128 and beyond — looks each bucket up in
//! `encoder.relative_attention_bias` (`[buckets, heads]`) and adds it to the scaled scores of
//! every layer. The bias depends only on `key − query`, so it is kept here per head and per
//! distance, and a query's row of biases is a slice of it.

use crate::{Error, Result};

/// Buckets of `MPNetEncoder.compute_position_bias` (its default argument, not the config's
/// `relative_attention_num_buckets`, which must therefore be the same).
pub(crate) const BUCKETS: usize = 32;

/// Distance from which every farther position shares the last bucket of its direction.
const MAX_DISTANCE: f32 = 128.0;

/// The bucket of `relative = key − query`, as `MPNetEncoder.relative_position_bucket` computes
/// it (its logarithm in f32, as torch's on a float tensor).
pub(crate) fn bucket(relative: i64) -> usize {
    let per_direction = BUCKETS / 2;
    let exact = per_direction / 2;
    // Keys after the query take the upper half of the buckets.
    let side = if relative > 0 { per_direction } else { 0 };
    let distance = relative.unsigned_abs() as usize;
    if distance < exact {
        return side + distance;
    }
    let exact_f = exact as f32;
    let far = (distance as f32 / exact_f).ln() / (MAX_DISTANCE / exact_f).ln()
        * (per_direction - exact) as f32;
    // `.to(torch.long)` truncates toward zero; `far` is never negative here.
    side + (exact + far as usize).min(per_direction - 1)
}

/// The bias of every head for every distance between two of at most `span` positions.
#[derive(Debug, Clone)]
pub(crate) struct RelativePositionBias {
    span: usize,
    /// `[heads, 2·span − 1]`: the bias of head `h` for `key − query = d` at
    /// `h·(2·span − 1) + d + span − 1`.
    by_distance: Vec<f32>,
}

impl RelativePositionBias {
    /// From `encoder.relative_attention_bias.weight` (`[BUCKETS, heads]`, row-major), for
    /// texts of up to `span` word pieces.
    pub(crate) fn new(table: &[f32], heads: usize, span: usize) -> Result<Self> {
        if table.len() != BUCKETS * heads {
            return Err(Error::Weights(format!(
                "the relative attention bias has {} values, expected {BUCKETS} buckets × {heads} heads",
                table.len()
            )));
        }
        let width = 2 * span - 1;
        let mut by_distance = vec![0.0; heads * width];
        for (index, slot) in (0..width).zip(0_i64..) {
            let b = bucket(slot - (span as i64 - 1));
            for head in 0..heads {
                by_distance[head * width + index] = table[b * heads + head];
            }
        }
        Ok(Self { span, by_distance })
    }

    /// The biases of `head` for query position `query` against the keys `0..n`.
    pub(crate) fn row(&self, head: usize, query: usize, n: usize) -> &[f32] {
        let width = 2 * self.span - 1;
        let start = head * width + self.span - 1 - query;
        &self.by_distance[start..start + n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Buckets worked out by hand from the formula (and the numpy reference's float32 ones):
    /// exact below 8, then 8 + ⌊8·log(d/8)/log 16⌋ up to 15 (reached at 91), keys after the
    /// query 16 higher.
    #[test]
    fn buckets_follow_t5s_scheme_in_both_directions() {
        let cases = [
            (0, 0),
            (-1, 1),
            (-7, 7),
            (-8, 8),
            (-11, 8),
            (-12, 9),
            (-16, 10),
            (-31, 11),
            (-32, 12),
            (-63, 13),
            (-64, 14),
            (-90, 14),
            (-91, 15),
            (-127, 15),
            (-128, 15),
            (-383, 15),
            (1, 17),
            (7, 23),
            (8, 24),
            (16, 26),
            (64, 30),
            (128, 31),
            (511, 31),
        ];
        for (relative, expected) in cases {
            assert_eq!(bucket(relative), expected, "key − query = {relative}");
        }
    }

    #[test]
    fn a_row_is_the_bias_of_each_keys_distance() -> Result<()> {
        let heads = 2;
        // Bucket b of head h holds 100·h + b, so each value names its bucket.
        let table: Vec<f32> = (0..BUCKETS)
            .flat_map(|b| (0..heads).map(move |h| (100 * h + b) as f32))
            .collect();
        let bias = RelativePositionBias::new(&table, heads, 40)?;
        let row = bias.row(1, 3, 20);
        assert_eq!(row.len(), 20);
        for (key, value) in row.iter().enumerate() {
            let expected = 100 + bucket(key as i64 - 3);
            assert_eq!(*value, expected as f32, "key {key}");
        }
        assert_eq!(bias.row(0, 39, 40)[0], bucket(-39) as f32);
        assert_eq!(bias.row(0, 0, 40)[39], bucket(39) as f32);
        assert!(RelativePositionBias::new(&table[1..], heads, 40).is_err());
        Ok(())
    }
}
