//! Masked mean pooling and L2 normalisation, as sentence-transformers' `Pooling` (mean mode)
//! and `Normalize` modules compute them.

use candle_core::{Tensor, D};

/// Mean of the token vectors of each row, counting only positions where `mask` is 1.
///
/// `hidden` is `[batch, seq, dim]`, `mask` is `[batch, seq]` of 0/1 (any dtype). Padding must
/// not be averaged in: candle's WASM BERT example does, and drifts from the reference.
pub fn masked_mean(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mask = mask.to_dtype(hidden.dtype())?.unsqueeze(D::Minus1)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // sentence-transformers clamps the count at 1e-9; a row always has [CLS] and [SEP] here,
    // but the clamp keeps an all-zero mask from producing NaN.
    let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
    summed.broadcast_div(&counts)
}

/// Scales each row of `[batch, dim]` to unit length (rows of zeros stay zero).
pub fn l2_normalize(rows: &Tensor) -> candle_core::Result<Tensor> {
    // torch.nn.functional.normalize uses max(norm, 1e-12) as the divisor.
    let norms = rows.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
    rows.broadcast_div(&norms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    #[test]
    fn padding_positions_are_not_averaged() -> candle_core::Result<()> {
        let hidden = Tensor::new(
            &[
                [[1f32, 2.0], [3.0, 4.0], [100.0, 100.0]],
                [[2.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
            ],
            &Device::Cpu,
        )?;
        let mask = Tensor::new(&[[1u32, 1, 0], [1, 0, 0]], &Device::Cpu)?;
        let pooled = masked_mean(&hidden, &mask)?.to_vec2::<f32>()?;
        assert_eq!(pooled, vec![vec![2.0, 3.0], vec![2.0, 0.0]]);
        Ok(())
    }

    #[test]
    fn rows_become_unit_length_and_zero_rows_stay_zero() -> candle_core::Result<()> {
        let rows = Tensor::new(&[[3f32, 4.0], [0.0, 0.0]], &Device::Cpu)?;
        let normalised = l2_normalize(&rows)?.to_vec2::<f32>()?;
        assert_eq!(normalised, vec![vec![0.6, 0.8], vec![0.0, 0.0]]);
        Ok(())
    }
}
