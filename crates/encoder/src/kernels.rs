//! The arithmetic of one BERT forward pass, written for the shapes of this model: a
//! matrix–matrix product against weights packed once at load, layer normalisation, exact (erf)
//! GELU, and softmax.
//!
//! Why by hand: general tensor kernels (candle's, which this crate ran before its own forward
//! pass) re-pack or broadcast the weights on every call and allocate per operation, which
//! dominates at sentence lengths of 10–60 word pieces. Here the weights are laid out once in
//! column panels of [`PANEL`] floats, so the inner loop streams one panel row and keeps a block
//! of [`ROWS`] × [`PANEL`] accumulators in registers, as 128-bit vectors
//! ([`crate::simd::F32x4`]: wasm simd128, x86-64 SSE, or plain arrays elsewhere).

/// Output columns per weight panel (four 128-bit vectors).
pub const PANEL: usize = 16;
/// Input rows per register block.
const ROWS: usize = 2;

use crate::simd::F32x4;

/// A dense layer `y = x·Wᵀ + b` with `W` packed for [`Linear::forward`].
#[derive(Debug, Clone, Default)]
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

    /// Packs `weight(output, input)` (no bias) into this layer's buffers, for products whose
    /// right-hand side changes on every call (attention's keys and values) without
    /// allocating. `outputs` must be a multiple of [`PANEL`].
    pub fn repack(&mut self, outputs: usize, inputs: usize, weight: impl Fn(usize, usize) -> f32) {
        debug_assert!(outputs.is_multiple_of(PANEL));
        self.inputs = inputs;
        self.outputs = outputs;
        self.packed.clear();
        self.packed.reserve(outputs * inputs);
        for panel in 0..outputs / PANEL {
            for k in 0..inputs {
                self.packed
                    .extend((0..PANEL).map(|j| weight(panel * PANEL + j, k)));
            }
        }
        self.bias.clear();
        self.bias.resize(outputs, 0.0);
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
    // SIMD, so the app ships both builds and picks one (www/worker-build.js).
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
    // A plain loop over calls that are only multiplies, adds, one divide and a clamp: the
    // compiler turns it into 128-bit vector code (wasm simd128, SSE). With a scalar `exp`
    // inside (the usual erf formulas) it could not, and GELU, which runs on 1,536 values per
    // word piece per layer, cost several per cent of the whole forward pass.
    for v in x {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// erf in f32 as a rational function of `x` on [-4, 4] (beyond, erf is ±1 in f32): the
/// minimax approximation Eigen and XLA use for float, absolute error a few 1e-7 — the
/// network's f32 arithmetic cannot resolve more.
#[inline(always)]
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = x2 * -2.726_142_3e-10 + 2.770_681_4e-8;
    p = x2 * p + -2.101_024e-6;
    p = x2 * p + -5.692_506_4e-5;
    p = x2 * p + -7.349_906_3e-4;
    p = x2 * p + -2.954_6e-3;
    p = x2 * p + -1.609_603_3e-2;
    let mut q = x2 * -1.456_607_2e-5 + -2.133_740_6e-4;
    q = x2 * q + -1.682_827e-3;
    q = x2 * q + -7.373_329e-3;
    q = x2 * q + -1.426_474e-2;
    x * p / q
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
    fn a_repacked_layer_is_the_packed_one_without_bias() {
        let (outputs, inputs) = (2 * PANEL, 5);
        let weight = values(outputs * inputs, 11);
        let Some(packed) = Linear::pack(&weight, vec![0.0; outputs], outputs, inputs) else {
            panic!("{outputs} outputs are a panel multiple");
        };
        let mut repacked = Linear::default();
        repacked.repack(outputs, inputs, |o, k| weight[o * inputs + k]);
        let x = values(3 * inputs, 12);
        let (mut a, mut b) = (vec![0.0; 3 * outputs], vec![0.0; 3 * outputs]);
        packed.forward(&x, &mut a);
        repacked.forward(&x, &mut b);
        assert_eq!(a, b);
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

    /// erf in f64, far more exact than f32 can resolve, for checking the f32 approximation:
    /// the Taylor series up to 3, and 1 − erfc beyond, with erfc integrated by Simpson's rule
    /// (the series loses its digits to cancellation there).
    fn erf_reference(x: f64) -> f64 {
        if x.abs() > 3.0 {
            let (a, steps) = (x.abs(), 20_000);
            let width = 10.0 / f64::from(steps);
            let f = |t: f64| (-t * t).exp();
            let mut sum = f(a) + f(a + 10.0);
            for i in 1..steps {
                let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
                sum += weight * f(a + f64::from(i) * width);
            }
            let erfc = sum * width / 3.0 * 2.0 / std::f64::consts::PI.sqrt();
            return x.signum() * (1.0 - erfc);
        }
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            let n = f64::from(n);
            term *= -x * x / n;
            sum += term / (2.0 * n + 1.0);
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn erf_is_accurate_everywhere() {
        let mut worst = (0.0_f64, 0.0_f32);
        for i in -8000..=8000 {
            let x = i as f32 * 0.001;
            let error = (f64::from(erf(x)) - erf_reference(f64::from(x))).abs();
            if error > worst.0 {
                worst = (error, x);
            }
        }
        assert!(worst.0 < 4e-7, "erf is {} off at {}", worst.0, worst.1);
        assert!((erf(1e6) - 1.0).abs() < 2e-7 && (erf(-1e6) + 1.0).abs() < 2e-7);
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
