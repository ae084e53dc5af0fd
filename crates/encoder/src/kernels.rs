//! The arithmetic of one BERT forward pass, written for the shapes of this model: a
//! matrix–matrix product against weights packed once at load, layer normalisation, exact (erf)
//! GELU, and softmax.
//!
//! Why by hand: candle's general kernels re-pack or broadcast the weights on every call and
//! allocate per operation, which dominates at sentence lengths of 10–60 word pieces. Here the
//! weights are laid out once in column panels of [`PANEL`] floats, so the inner loop streams one
//! panel row and keeps a block of [`ROWS`] × [`PANEL`] accumulators in registers, as 128-bit
//! vectors ([`crate::simd::F32x4`]: wasm simd128, x86-64 SSE, or plain arrays elsewhere).

/// Output columns per weight panel (four 128-bit vectors).
pub const PANEL: usize = 16;
/// Input rows per register block.
const ROWS: usize = 2;

use crate::simd::F32x4;

/// A dense layer `y = x·Wᵀ + b` with `W` packed for [`Linear::forward`].
#[derive(Debug, Clone)]
pub struct Linear {
    inputs: usize,
    outputs: usize,
    /// `outputs / PANEL` panels, each `inputs` rows of `PANEL` weights.
    packed: Vec<f32>,
    bias: Vec<f32>,
}

impl Linear {
    /// Packs a PyTorch-layout weight (`[outputs, inputs]`, row-major) and its bias.
    /// `outputs` must be a multiple of [`PANEL`] (384, 1152 and 1536 all are).
    pub fn pack(weight: &[f32], bias: Vec<f32>, outputs: usize, inputs: usize) -> Option<Self> {
        if !outputs.is_multiple_of(PANEL)
            || weight.len() != outputs * inputs
            || bias.len() != outputs
        {
            return None;
        }
        let mut packed = vec![0.0; outputs * inputs];
        for panel in 0..outputs / PANEL {
            let base = panel * inputs * PANEL;
            for k in 0..inputs {
                for j in 0..PANEL {
                    packed[base + k * PANEL + j] = weight[(panel * PANEL + j) * inputs + k];
                }
            }
        }
        Some(Self {
            inputs,
            outputs,
            packed,
            bias,
        })
    }

    /// Joins layers that read the same input into one (query, key and value become one
    /// product three times as wide).
    pub fn concat(parts: &[Linear]) -> Option<Self> {
        let inputs = parts.first()?.inputs;
        if parts.iter().any(|p| p.inputs != inputs) {
            return None;
        }
        Some(Self {
            inputs,
            outputs: parts.iter().map(|p| p.outputs).sum(),
            packed: parts
                .iter()
                .flat_map(|p| p.packed.iter().copied())
                .collect(),
            bias: parts.iter().flat_map(|p| p.bias.iter().copied()).collect(),
        })
    }

    /// Output width.
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// `out[rows × outputs] = x[rows × inputs] · Wᵀ + b`.
    // The relaxed-SIMD build compiles this kernel (and the multiply-adds inlined into it)
    // with fused multiply-add; a module using it only validates where the browser has relaxed
    // SIMD, so the app ships both builds and picks one (www/worker-loader.js).
    #[cfg_attr(
        all(target_arch = "wasm32", feature = "relaxed-simd"),
        target_feature(enable = "relaxed-simd")
    )]
    pub fn forward(&self, x: &[f32], out: &mut [f32]) {
        let rows = x.len() / self.inputs;
        debug_assert_eq!(out.len(), rows * self.outputs);
        let k = self.inputs;
        let n = self.outputs;
        for (panel_index, panel) in self.packed.chunks_exact(k * PANEL).enumerate() {
            let column = panel_index * PANEL;
            let bias = [
                F32x4::load(&self.bias[column..column + 4]),
                F32x4::load(&self.bias[column + 4..column + 8]),
                F32x4::load(&self.bias[column + 8..column + 12]),
                F32x4::load(&self.bias[column + 12..column + 16]),
            ];
            let mut row = 0;
            while row + ROWS <= rows {
                let a0 = &x[row * k..(row + 1) * k];
                let a1 = &x[(row + 1) * k..(row + 2) * k];
                let mut acc = [bias; ROWS];
                for ((b, &x0), &x1) in panel.chunks_exact(PANEL).zip(a0).zip(a1) {
                    let w = [
                        F32x4::load(&b[..4]),
                        F32x4::load(&b[4..8]),
                        F32x4::load(&b[8..12]),
                        F32x4::load(&b[12..16]),
                    ];
                    for (acc, xr) in acc.iter_mut().zip([x0, x1]) {
                        let xr = F32x4::splat(xr);
                        for (a, w) in acc.iter_mut().zip(w) {
                            *a = a.mul_add(xr, w);
                        }
                    }
                }
                for (r, lanes) in acc.iter().enumerate() {
                    let start = (row + r) * n + column;
                    for (q, v) in lanes.iter().enumerate() {
                        v.store(&mut out[start + 4 * q..start + 4 * q + 4]);
                    }
                }
                row += ROWS;
            }
            for row in row..rows {
                let a = &x[row * k..(row + 1) * k];
                let mut acc = bias;
                for (b, &xk) in panel.chunks_exact(PANEL).zip(a) {
                    let xk = F32x4::splat(xk);
                    for (q, lane) in acc.iter_mut().enumerate() {
                        *lane = lane.mul_add(xk, F32x4::load(&b[4 * q..4 * q + 4]));
                    }
                }
                let start = row * n + column;
                for (q, v) in acc.iter().enumerate() {
                    v.store(&mut out[start + 4 * q..start + 4 * q + 4]);
                }
            }
        }
    }
}

/// Layer normalisation of each row of `x` (width `weight.len()`), in place.
pub fn layer_norm(x: &mut [f32], weight: &[f32], bias: &[f32], eps: f32) {
    let width = weight.len();
    for row in x.chunks_exact_mut(width) {
        let n = width as f32;
        let mean = row.iter().sum::<f32>() / n;
        let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let scale = 1.0 / (variance + eps).sqrt();
        for ((v, w), b) in row.iter_mut().zip(weight).zip(bias) {
            *v = (*v - mean) * scale * w + b;
        }
    }
}

/// GELU as BERT defines it, `x·Φ(x) = ½x(1 + erf(x/√2))` (not the tanh approximation), in
/// place.
pub fn gelu(x: &mut [f32]) {
    for v in x {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// erf in f32 (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7): the network's f32
/// arithmetic cannot resolve more, and it is several times faster than an f64 erf, which
/// mattered — GELU runs on 1,536 values per word piece per layer.
fn erf(x: f32) -> f32 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_8 + t * (-1.453_152_1 + t * 1.061_405_4))));
    let magnitude = 1.0 - poly * (-z * z).exp();
    magnitude.copysign(x)
}

/// Softmax of `row` in place (max subtracted first, so large scores cannot overflow).
pub fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    let inverse = 1.0 / sum;
    for v in row.iter_mut() {
        *v *= inverse;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product computed the obvious way, for comparison.
    fn naive(weight: &[f32], bias: &[f32], x: &[f32], outputs: usize, inputs: usize) -> Vec<f32> {
        let rows = x.len() / inputs;
        let mut out = vec![0.0; rows * outputs];
        for r in 0..rows {
            for o in 0..outputs {
                let mut sum = bias[o];
                for k in 0..inputs {
                    sum += x[r * inputs + k] * weight[o * inputs + k];
                }
                out[r * outputs + o] = sum;
            }
        }
        out
    }

    /// Deterministic values in [-1, 1).
    fn values(n: usize, seed: u32) -> Vec<f32> {
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state % 2000) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn packed_product_equals_the_naive_one_for_every_row_count() {
        let (outputs, inputs) = (48, 13);
        let weight = values(outputs * inputs, 1);
        let bias = values(outputs, 2);
        let Some(linear) = Linear::pack(&weight, bias.clone(), outputs, inputs) else {
            panic!("24 outputs is a multiple of the panel width");
        };
        // 1–9 rows: the 4-row blocks, the remainder, and both together.
        for rows in 1..=9 {
            let x = values(rows * inputs, 3 + rows as u32);
            let mut out = vec![0.0; rows * outputs];
            linear.forward(&x, &mut out);
            let expected = naive(&weight, &bias, &x, outputs, inputs);
            for (a, b) in out.iter().zip(&expected) {
                assert!((a - b).abs() < 1e-5, "{rows} rows: {a} vs {b}");
            }
        }
    }

    #[test]
    fn concatenated_layers_compute_each_part_side_by_side() {
        let inputs = 5;
        let parts: Vec<(Vec<f32>, Vec<f32>)> = (0..3)
            .map(|i| (values(PANEL * inputs, 10 + i), values(PANEL, 20 + i)))
            .collect();
        let packed: Vec<Linear> = parts
            .iter()
            .filter_map(|(w, b)| Linear::pack(w, b.clone(), PANEL, inputs))
            .collect();
        let Some(joined) = Linear::concat(&packed) else {
            panic!("same input width");
        };
        let x = values(2 * inputs, 99);
        let width = 3 * PANEL;
        let mut out = vec![0.0; 2 * width];
        joined.forward(&x, &mut out);
        for (i, (w, b)) in parts.iter().enumerate() {
            let expected = naive(w, b, &x, PANEL, inputs);
            for r in 0..2 {
                let got = &out[r * width + i * PANEL..r * width + (i + 1) * PANEL];
                for (a, e) in got.iter().zip(&expected[r * PANEL..(r + 1) * PANEL]) {
                    assert!((a - e).abs() < 1e-6, "{a} vs {e}");
                }
            }
        }
    }

    #[test]
    fn bad_shapes_are_refused() {
        assert!(
            Linear::pack(&[0.0; 12], vec![0.0; 4], 4, 3).is_none(),
            "4 is not a panel multiple"
        );
        assert!(
            Linear::pack(&[0.0; 10], vec![0.0; PANEL], PANEL, 3).is_none(),
            "wrong weight size"
        );
    }

    #[test]
    fn erf_and_gelu_match_known_values() {
        let cases = [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-2.0, -0.995_322_3),
        ];
        for (x, expected) in cases {
            assert!((erf(x) - expected).abs() < 3e-7, "erf({x}) = {}", erf(x));
        }
        let mut x = [0.0_f32, 1.0, -1.0, 3.0];
        gelu(&mut x);
        let expected = [0.0, 0.841_344_7, -0.158_655_26, 2.995_950_5];
        for (a, b) in x.iter().zip(expected) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
    }

    #[test]
    fn layer_norm_and_softmax() {
        let mut x = [1.0_f32, 2.0, 3.0, 4.0];
        layer_norm(&mut x, &[1.0; 4], &[0.5; 4], 1e-12);
        let mean: f32 = x.iter().sum::<f32>() / 4.0;
        assert!((mean - 0.5).abs() < 1e-6);
        assert!((x[3] - x[0] - 2.0 * 1.341_640_8).abs() < 1e-5, "{x:?}");
        let mut row = [1000.0_f32, 1000.0, 999.0];
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(row[0] == row[1] && row[0] > row[2]);
    }
}
