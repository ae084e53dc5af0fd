//! The int8 path of the dense layers: weights quantised once at load, per output channel and
//! symmetric (`w ≈ sw[o]·q[o][k]`, `q ∈ [-127, 127]`); activations quantised per row as each
//! product runs (`x ≈ sx[r]·(u[r][k] − 64)`, `u ∈ [1, 127]`); the products summed in i32 and
//! turned back into f32 with the two scales and the bias.
//!
//! Why the activations are 7-bit and offset by 64: relaxed SIMD's
//! `i32x4.relaxed_dot_i8x16_i7x16_add_s` only defines its result when every lane of its second
//! operand lies in `[0, 127]` (browsers may read the lane as signed or unsigned; Chromium on
//! x86 uses `pmaddubsw`, which reads it unsigned); with `u ∈ [1, 127]` both readings agree and
//! the pairwise i16 sums cannot saturate (2 × 127 × 127 < 2¹⁵). The offset is taken back out
//! exactly with `64·Σₖ q[o][k]`, computed at load. Every build (scalar, wasm simd128,
//! relaxed SIMD, x86-64 AVX2) quantises the same way and sums the same integers, so int8
//! vectors are identical wherever they are computed.
//!
//! Weights are packed in column panels of [`PANEL`] outputs as the f32 kernel's are, each panel
//! a run of groups of four inputs: 64 bytes, four 16-byte vectors of four outputs each. Inside a
//! vector the bytes are ordered for the build's dot product ([`Layout`]).

use crate::kernels::PANEL;
use crate::simd_i8;

/// Inputs per packed group (the relaxed dot product sums four bytes per lane).
pub const GROUP: usize = 4;
/// The largest quantised activation: 7 bits, `[0, 127]`.
const LEVELS: f32 = 127.0;
/// The largest magnitude of a quantised weight.
const WEIGHT_MAX: f32 = 127.0;
/// Bytes per group in a panel.
pub const GROUP_BYTES: usize = PANEL * GROUP;

/// How the 16 bytes of one vector (four outputs × four inputs) are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Output by output, four consecutive inputs each: what a dot product of four bytes per
    /// i32 lane reads (relaxed SIMD, x86 `pmaddubsw`, the scalar kernel).
    // Not packed by the portable wasm build, whose kernel reads `Pairs`.
    #[cfg_attr(
        all(target_arch = "wasm32", not(feature = "relaxed-simd")),
        allow(dead_code)
    )]
    Quads,
    /// Inputs 0–1 of the four outputs, then inputs 2–3: two dot products of two i16 per lane
    /// (`i32x4.dot_i16x8_s` on each half, widened), each giving four whole outputs.
    // Packed only by the portable wasm build (and the tests).
    #[cfg_attr(
        not(all(target_arch = "wasm32", not(feature = "relaxed-simd"))),
        allow(dead_code)
    )]
    Pairs,
}

impl Layout {
    /// Where input `i` (0–3) of output `j` (0–15) of a group sits among its 64 bytes.
    pub fn place(self, j: usize, i: usize) -> usize {
        let vector = j / 4;
        let within = match self {
            Layout::Quads => (j % 4) * 4 + i,
            Layout::Pairs => (i / 2) * 8 + (j % 4) * 2 + i % 2,
        };
        vector * 16 + within
    }
}

/// A dense layer `y = x·Wᵀ + b` with int8 weights.
#[derive(Debug, Clone)]
pub struct QuantLinear {
    inputs: usize,
    /// `inputs` rounded up to a whole group (the padding weights are zero).
    depth: usize,
    outputs: usize,
    /// `outputs / PANEL` panels of `depth / GROUP` groups of [`GROUP_BYTES`].
    packed: Vec<i8>,
    /// Per output: its weights' scale.
    scales: Vec<f32>,
    /// Per output: `Σₖ q[o][k]`, what each unit of a row's zero point adds to its sum.
    sums: Vec<i32>,
    bias: Vec<f32>,
}

/// One product's activations, quantised per row (reused from call to call).
#[derive(Debug, Default, Clone)]
pub struct QuantRows {
    /// `rows × depth` activations in `[0, 127]` (padding holds the row's zero point).
    values: Vec<u8>,
    /// Per row: its scale.
    scales: Vec<f32>,
    /// Per row: its zero point (what 0.0 is quantised to).
    zeros: Vec<i32>,
}

impl QuantRows {
    /// Quantises each row of `x` (width `inputs`) into `depth`-wide rows.
    pub fn quantize(&mut self, x: &[f32], inputs: usize, depth: usize) {
        let rows = x.len() / inputs;
        self.values.clear();
        self.values.resize(rows * depth, 0);
        self.scales.clear();
        self.zeros.clear();
        for (row, out) in x
            .chunks_exact(inputs)
            .zip(self.values.chunks_exact_mut(depth))
        {
            // The row's range, 0 included (so that 0.0 is exactly representable).
            let (min, max) = row
                .iter()
                .fold((0.0_f32, 0.0_f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            let scale = if max > min { (max - min) / LEVELS } else { 1.0 };
            let inverse = 1.0 / scale;
            let zero = (-min * inverse).round().clamp(0.0, LEVELS) as i32;
            // `v·inverse + zero` lies in [0, 127]; + 0.5 and truncation round it half up,
            // without a rounding call per value (wasm32 has no instruction for `round`).
            let shift = zero as f32 + 0.5;
            for (u, v) in out.iter_mut().zip(row) {
                *u = ((v * inverse + shift) as i32).clamp(0, LEVELS as i32) as u8;
            }
            // Padding inputs are zeros (their weights are zero too).
            out[row.len()..].fill(zero as u8);
            self.scales.push(scale);
            self.zeros.push(zero);
        }
    }

    /// Row `r`'s offset values.
    pub fn row(&self, r: usize, depth: usize) -> &[u8] {
        &self.values[r * depth..(r + 1) * depth]
    }
}

impl QuantLinear {
    /// Quantises and packs a PyTorch-layout weight (`[outputs, inputs]`, row-major) and its
    /// bias; `outputs` must be a multiple of [`PANEL`].
    pub fn pack(weight: &[f32], bias: Vec<f32>, outputs: usize, inputs: usize) -> Option<Self> {
        if !outputs.is_multiple_of(PANEL)
            || inputs == 0
            || weight.len() != outputs * inputs
            || bias.len() != outputs
        {
            return None;
        }
        let depth = inputs.div_ceil(GROUP) * GROUP;
        let mut quantized = vec![0_i8; outputs * depth];
        let mut scales = Vec::with_capacity(outputs);
        let mut sums = Vec::with_capacity(outputs);
        for (row, out) in weight
            .chunks_exact(inputs)
            .zip(quantized.chunks_exact_mut(depth))
        {
            let max = row.iter().fold(0.0_f32, |m, v| m.max(v.abs()));
            let scale = if max > 0.0 { max / WEIGHT_MAX } else { 1.0 };
            let mut sum = 0_i32;
            for (q, w) in out.iter_mut().zip(row) {
                let v = (w / scale).round().clamp(-WEIGHT_MAX, WEIGHT_MAX) as i8;
                sum += i32::from(v);
                *q = v;
            }
            scales.push(scale);
            sums.push(sum);
        }
        let layout = simd_i8::LAYOUT;
        let mut packed = vec![0_i8; outputs * depth];
        for panel in 0..outputs / PANEL {
            for group in 0..depth / GROUP {
                let base = (panel * depth / GROUP + group) * GROUP_BYTES;
                for j in 0..PANEL {
                    for i in 0..GROUP {
                        packed[base + layout.place(j, i)] =
                            quantized[(panel * PANEL + j) * depth + group * GROUP + i];
                    }
                }
            }
        }
        Some(Self {
            inputs,
            depth,
            outputs,
            packed,
            scales,
            sums,
            bias,
        })
    }

    /// Joins layers that read the same input into one, as [`crate::kernels::Linear::concat`].
    pub fn concat(parts: &[QuantLinear]) -> Option<Self> {
        let first = parts.first()?;
        if parts.iter().any(|p| p.inputs != first.inputs) {
            return None;
        }
        Some(Self {
            inputs: first.inputs,
            depth: first.depth,
            outputs: parts.iter().map(|p| p.outputs).sum(),
            packed: parts
                .iter()
                .flat_map(|p| p.packed.iter().copied())
                .collect(),
            scales: parts
                .iter()
                .flat_map(|p| p.scales.iter().copied())
                .collect(),
            sums: parts.iter().flat_map(|p| p.sums.iter().copied()).collect(),
            bias: parts.iter().flat_map(|p| p.bias.iter().copied()).collect(),
        })
    }

    /// Output width.
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// `out[rows × outputs] ≈ x[rows × inputs] · Wᵀ + b`, quantising `x` into `rows`.
    pub fn forward(&self, x: &[f32], out: &mut [f32], rows: &mut QuantRows) {
        rows.quantize(x, self.inputs, self.depth);
        let n = self.outputs;
        let count = x.len() / self.inputs;
        debug_assert_eq!(out.len(), count * n);
        let mut sums = [[0_i32; PANEL]; simd_i8::ROWS];
        let panel_bytes = self.depth / GROUP * GROUP_BYTES;
        for (panel_index, panel) in self.packed.chunks_exact(panel_bytes).enumerate() {
            let column = panel_index * PANEL;
            let mut row = 0;
            while row < count {
                let block = simd_i8::ROWS.min(count - row);
                simd_i8::panel_sums(panel, rows, row, block, self.depth, &mut sums);
                for (r, sum) in sums.iter().take(block).enumerate() {
                    let (scale, zero) = (rows.scales[row + r], rows.zeros[row + r]);
                    let start = (row + r) * n + column;
                    for (j, o) in out[start..start + PANEL].iter_mut().enumerate() {
                        let c = column + j;
                        *o = (sum[j] - zero * self.sums[c]) as f32 * (scale * self.scales[c])
                            + self.bias[c];
                    }
                }
                row += block;
            }
        }
    }

    /// The quantised weight of output `o` at input `k` (tests compare kernels against it).
    #[cfg(test)]
    fn weight(&self, o: usize, k: usize) -> i8 {
        let (panel, j) = (o / PANEL, o % PANEL);
        let (group, i) = (k / GROUP, k % GROUP);
        let base = (panel * self.depth / GROUP + group) * GROUP_BYTES;
        self.packed[base + simd_i8::LAYOUT.place(j, i)]
    }
}

/// The portable kernel: `sums[r][j] = Σₖ u[row + r][k] · q[j][k]` over one panel, in the
/// [`Layout::Quads`] order (the fallback of every build, and the reference of the tests).
// Unused by the wasm SIMD builds, which have a kernel for every case.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
pub fn panel_sums_scalar(
    panel: &[i8],
    rows: &QuantRows,
    row: usize,
    block: usize,
    depth: usize,
    sums: &mut [[i32; PANEL]],
) {
    for (r, sum) in sums.iter_mut().take(block).enumerate() {
        let a = rows.row(row + r, depth);
        *sum = [0; PANEL];
        for (group, bytes) in a.chunks_exact(GROUP).zip(panel.chunks_exact(GROUP_BYTES)) {
            for (j, s) in sum.iter_mut().enumerate() {
                let w = &bytes[Layout::Quads.place(j, 0)..][..GROUP];
                *s += w
                    .iter()
                    .zip(group)
                    .map(|(&w, &u)| i32::from(w) * i32::from(u))
                    .sum::<i32>();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic values in [-1, 1), some rows with outliers as BERT's activations have.
    fn values(n: usize, seed: u32) -> Vec<f32> {
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        (0..n)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let v = (state % 2000) as f32 / 1000.0 - 1.0;
                if i % 97 == 5 {
                    v * 20.0
                } else {
                    v
                }
            })
            .collect()
    }

    /// The integer sums the obvious way, from the quantised weights and activations.
    fn naive_sums(layer: &QuantLinear, rows: &QuantRows, count: usize) -> Vec<i32> {
        let mut out = vec![0; count * layer.outputs];
        for r in 0..count {
            let a = rows.row(r, layer.depth);
            for o in 0..layer.outputs {
                out[r * layer.outputs + o] = (0..layer.depth)
                    .map(|k| i32::from(a[k]) * i32::from(layer.weight(o, k)))
                    .sum();
            }
        }
        out
    }

    #[test]
    fn the_builds_kernel_sums_exactly_what_the_naive_loop_does() {
        // 13 inputs: a partial last group; 1–9 rows: whole blocks, remainders, both.
        for inputs in [13, 384] {
            let outputs = 3 * PANEL;
            let weight = values(outputs * inputs, 1);
            let Some(layer) = QuantLinear::pack(&weight, vec![0.0; outputs], outputs, inputs)
            else {
                panic!("48 outputs is a panel multiple");
            };
            for count in 1..=9 {
                let x = values(count * inputs, 3 + count as u32);
                let mut rows = QuantRows::default();
                rows.quantize(&x, inputs, layer.depth);
                let expected = naive_sums(&layer, &rows, count);
                let panel_bytes = layer.depth / GROUP * GROUP_BYTES;
                for (p, panel) in layer.packed.chunks_exact(panel_bytes).enumerate() {
                    let mut row = 0;
                    while row < count {
                        let block = simd_i8::ROWS.min(count - row);
                        let mut sums = [[0; PANEL]; simd_i8::ROWS];
                        simd_i8::panel_sums(panel, &rows, row, block, layer.depth, &mut sums);
                        for (r, sum) in sums.iter().take(block).enumerate() {
                            let want = &expected[(row + r) * outputs + p * PANEL..][..PANEL];
                            assert_eq!(sum, want, "{inputs} inputs, {count} rows, panel {p}");
                        }
                        row += block;
                    }
                }
            }
        }
    }

    #[test]
    fn the_scalar_kernel_sums_exactly_what_the_naive_loop_does() {
        let (outputs, inputs) = (2 * PANEL, 40);
        let weight = values(outputs * inputs, 7);
        let Some(layer) = QuantLinear::pack(&weight, vec![0.0; outputs], outputs, inputs) else {
            panic!("32 outputs is a panel multiple");
        };
        // The scalar kernel reads the quads layout: repack this build's bytes into it.
        let mut packed = vec![0_i8; layer.packed.len()];
        for o in 0..outputs {
            for k in 0..layer.depth {
                let base = ((o / PANEL) * layer.depth / GROUP + k / GROUP) * GROUP_BYTES;
                packed[base + Layout::Quads.place(o % PANEL, k % GROUP)] = layer.weight(o, k);
            }
        }
        let count = 5;
        let mut rows = QuantRows::default();
        rows.quantize(&values(count * inputs, 8), inputs, layer.depth);
        let expected = naive_sums(&layer, &rows, count);
        let panel_bytes = layer.depth / GROUP * GROUP_BYTES;
        for (p, panel) in packed.chunks_exact(panel_bytes).enumerate() {
            let mut sums = vec![[0; PANEL]; count];
            panel_sums_scalar(panel, &rows, 0, count, layer.depth, &mut sums);
            for (r, sum) in sums.iter().enumerate() {
                assert_eq!(sum, &expected[r * outputs + p * PANEL..][..PANEL]);
            }
        }
    }

    #[test]
    fn every_layout_places_each_byte_once() {
        for layout in [Layout::Quads, Layout::Pairs] {
            let mut seen = [false; GROUP_BYTES];
            for j in 0..PANEL {
                for i in 0..GROUP {
                    let at = layout.place(j, i);
                    assert!(!seen[at], "{layout:?} places two bytes at {at}");
                    seen[at] = true;
                }
            }
        }
    }

    #[test]
    fn the_int8_product_is_close_to_the_f32_one() {
        let (outputs, inputs, count) = (2 * PANEL, 384, 6);
        let weight = values(outputs * inputs, 21);
        let bias = values(outputs, 22);
        let x = values(count * inputs, 23);
        let Some(layer) = QuantLinear::pack(&weight, bias.clone(), outputs, inputs) else {
            panic!("32 outputs is a panel multiple");
        };
        let mut out = vec![0.0; count * outputs];
        layer.forward(&x, &mut out, &mut QuantRows::default());
        // Each factor is off by at most half its step: |x·w − x̂·ŵ| ≤ Σₖ |x|·δw + |w|·δx + δx·δw.
        for r in 0..count {
            let row = &x[r * inputs..(r + 1) * inputs];
            let (lo, hi) = row
                .iter()
                .fold((0.0_f32, 0.0_f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            let dx = (hi - lo) / LEVELS / 2.0;
            for o in 0..outputs {
                let w = &weight[o * inputs..(o + 1) * inputs];
                let dw = w.iter().fold(0.0_f32, |m, v| m.max(v.abs())) / WEIGHT_MAX / 2.0;
                let exact: f32 = bias[o] + row.iter().zip(w).map(|(x, w)| x * w).sum::<f32>();
                let bound: f32 = row
                    .iter()
                    .zip(w)
                    .map(|(x, w)| x.abs() * dw + w.abs() * dx + dx * dw)
                    .sum();
                let error = (out[r * outputs + o] - exact).abs();
                assert!(
                    error <= bound * 1.001 + 1e-4,
                    "row {r}, output {o}: {error} > {bound}"
                );
            }
        }
    }

    #[test]
    fn zero_rows_and_zero_weights_give_the_bias() {
        let (outputs, inputs) = (PANEL, 8);
        let bias = values(outputs, 5);
        let Some(layer) =
            QuantLinear::pack(&vec![0.0; outputs * inputs], bias.clone(), outputs, inputs)
        else {
            panic!("16 outputs is a panel");
        };
        let mut out = vec![1.0; outputs];
        layer.forward(&[0.0; 8], &mut out, &mut QuantRows::default());
        assert_eq!(out, bias);
    }

    #[test]
    fn bad_shapes_are_refused() {
        assert!(QuantLinear::pack(&[0.0; 12], vec![0.0; 4], 4, 3).is_none());
        assert!(QuantLinear::pack(&[0.0; 10], vec![0.0; PANEL], PANEL, 3).is_none());
    }
}
