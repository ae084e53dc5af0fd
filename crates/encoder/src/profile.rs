//! Where a forward pass spends its time, and how that compares with what the hardware can
//! do: for benchmarks (the browser bench prints it), never for the app.
//!
//! The pass tells a [`Laps`] as each stage ends; the normal path passes `()`, which does
//! nothing and compiles away. A clock is passed in (`performance.now()` in a browser,
//! `Instant` natively), since wasm32-unknown-unknown has no clock of its own.

use std::hint::black_box;

use crate::kernels::Linear;
use crate::quant::{QuantLinear, QuantRows};
use crate::simd::F32x4;
use crate::{Encoder, Precision, Result};

/// The stages of one forward pass, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Word, position and type embeddings, and their layer norm.
    Embeddings,
    /// The fused query/key/value product.
    QueryKeyValue,
    /// Scores, softmax and the weighted sum of values, every head.
    Attention,
    /// The attention output product.
    AttentionOutput,
    /// The feed-forward up product (384 → 1,536).
    Up,
    /// GELU on the up product's output.
    Gelu,
    /// The feed-forward down product (1,536 → 384).
    Down,
    /// The two residual additions and layer norms of each layer.
    Norms,
    /// Mean pooling and L2 normalisation.
    Pooling,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 9] = [
        Stage::Embeddings,
        Stage::QueryKeyValue,
        Stage::Attention,
        Stage::AttentionOutput,
        Stage::Up,
        Stage::Gelu,
        Stage::Down,
        Stage::Norms,
        Stage::Pooling,
    ];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Embeddings => "embeddings",
            Stage::QueryKeyValue => "qkv product",
            Stage::Attention => "attention",
            Stage::AttentionOutput => "attention output product",
            Stage::Up => "up product",
            Stage::Gelu => "gelu",
            Stage::Down => "down product",
            Stage::Norms => "residual + layer norms",
            Stage::Pooling => "pooling",
        }
    }
}

/// Told as each stage of a forward pass ends.
pub trait Laps {
    /// `stage` has just ended.
    fn lap(&mut self, stage: Stage);
}

/// Nothing is timed.
impl Laps for () {
    #[inline(always)]
    fn lap(&mut self, _stage: Stage) {}
}

/// Time per stage, summed over every pass profiled.
#[derive(Debug, Clone)]
pub struct StageTimes<C: Fn() -> f64> {
    clock: C,
    last: f64,
    /// Milliseconds per stage, in the order of [`Stage::ALL`].
    pub ms: [f64; 9],
    /// Floating-point operations of the passes timed (multiply-adds count two).
    pub flops: f64,
}

impl<C: Fn() -> f64> StageTimes<C> {
    /// Starts timing with `clock` (milliseconds).
    pub fn new(clock: C) -> Self {
        let last = clock();
        Self {
            clock,
            last,
            ms: [0.0; 9],
            flops: 0.0,
        }
    }

    /// Restarts the lap clock (before a pass, so time between passes is not counted).
    pub fn restart(&mut self) {
        self.last = (self.clock)();
    }

    /// Milliseconds in all stages.
    pub fn total_ms(&self) -> f64 {
        self.ms.iter().sum()
    }
}

impl<C: Fn() -> f64> Laps for StageTimes<C> {
    fn lap(&mut self, stage: Stage) {
        let now = (self.clock)();
        let index = Stage::ALL.iter().position(|&s| s == stage).unwrap_or(0);
        self.ms[index] += now - self.last;
        self.last = now;
    }
}

/// Floating-point operations of all-MiniLM-L6-v2's forward pass over `n` word pieces
/// (matrix products and attention; the rest is linear in `n` and small).
pub fn forward_flops(n: usize) -> f64 {
    network_flops(n, 384, 1536, 6)
}

/// Floating-point operations of the forward pass of a network of `layers` layers of `hidden`
/// units (`inner` in the feed-forward part) over `n` word pieces.
pub fn network_flops(n: usize, hidden: usize, inner: usize, layers: usize) -> f64 {
    let (n, h, inner, layers) = (n as f64, hidden as f64, inner as f64, layers as f64);
    let products = 2.0 * n * (h * 3.0 * h + h * h + 2.0 * h * inner);
    let attention = 2.0 * 2.0 * n * n * h;
    layers * (products + attention)
}

impl Encoder {
    /// Embeds `texts` one by one, timing each stage of every pass with `clock`.
    pub fn profile<S: AsRef<str>, C: Fn() -> f64>(
        &self,
        texts: &[S],
        clock: C,
    ) -> Result<StageTimes<C>> {
        let tokenized = self.tokenizer().tokenize_all(texts)?;
        let mut times = StageTimes::new(clock);
        let mut scratch = crate::bert::Scratch::default();
        for text in &tokenized {
            times.restart();
            black_box(
                self.bert()
                    .embed_timed(&text.ids, &mut scratch, &mut times)?,
            );
            let (hidden, inner, layers) = self.bert().shape();
            times.flops += network_flops(text.ids.len(), hidden, inner, layers);
        }
        Ok(times)
    }
}

/// The products the kernel benchmarks time, `(rows, inputs, outputs)`: the model's three
/// shapes at the corpus' median text (about 25 word pieces), and its widest product at 64, 128
/// and 256 word pieces (long texts: whole paragraphs of a brag document), where blocking the
/// rows would matter if the input fell out of cache (measured, it does not: docs/benchmarks.md,
/// "Long texts").
pub const KERNEL_SHAPES: [(usize, usize, usize); 9] = [
    (25, 384, 1152),
    (25, 384, 1536),
    (25, 1536, 384),
    (64, 384, 1536),
    (64, 1536, 384),
    (128, 384, 1536),
    (128, 1536, 384),
    (256, 384, 1536),
    (256, 1536, 384),
];

/// One dense product `out = x·Wᵀ + b` (the int8 one quantising `x` into its rows).
type Product = dyn Fn(&[f32], &mut [f32], &mut QuantRows);

/// GFLOP/s of the matrix kernel alone at `precision` on one product of the model's shapes
/// (`rows` word pieces × `inputs` → `outputs`): `repeats` products in five rounds, the fastest
/// round counted (int8: the activations' quantisation included, as in the forward pass).
pub fn kernel_gflops(
    precision: Precision,
    rows: usize,
    inputs: usize,
    outputs: usize,
    repeats: usize,
    clock: impl Fn() -> f64,
) -> f64 {
    let weight: Vec<f32> = (0..inputs * outputs)
        .map(|i| ((i % 97) as f32 - 48.0) * 1e-3)
        .collect();
    let x: Vec<f32> = (0..rows * inputs)
        .map(|i| ((i % 89) as f32 - 44.0) * 1e-2)
        .collect();
    let mut out = vec![0.0; rows * outputs];
    let mut quantized = QuantRows::default();
    let product: Box<Product> = match precision {
        Precision::F32 => {
            let Some(linear) = Linear::pack(&weight, vec![0.0; outputs], outputs, inputs) else {
                return f64::NAN;
            };
            Box::new(move |x, out, _| linear.forward(x, out))
        }
        Precision::Int8 => {
            let Some(linear) = QuantLinear::pack(&weight, vec![0.0; outputs], outputs, inputs)
            else {
                return f64::NAN;
            };
            Box::new(move |x, out, rows| linear.forward(x, out, rows))
        }
    };
    product(&x, &mut out, &mut quantized);
    // The fastest of several rounds: on a shared machine, other work only ever adds time.
    let rounds = 5;
    let per_round = repeats.div_ceil(rounds).max(1);
    let mut fastest = f64::INFINITY;
    for _ in 0..rounds {
        let started = clock();
        for _ in 0..per_round {
            product(black_box(&x), &mut out, &mut quantized);
            black_box(&out);
        }
        fastest = fastest.min((clock() - started) / 1e3);
    }
    2.0 * (rows * inputs * outputs * per_round) as f64 / fastest / 1e9
}

/// [`kernel_gflops`] for both precisions and every shape of [`KERNEL_SHAPES`], about `flops`
/// of work per product and figure, swept three times with each figure's best kept: on a shared
/// machine whole seconds can run at half speed, and sweeping again keeps such a stretch from
/// landing on one figure only.
pub fn kernel_table(flops: f64, clock: impl Fn() -> f64) -> Vec<KernelFigure> {
    let mut table: Vec<KernelFigure> = Precision::ALL
        .into_iter()
        .flat_map(|precision| {
            KERNEL_SHAPES.map(|shape| KernelFigure {
                precision,
                shape,
                gflops: 0.0,
            })
        })
        .collect();
    for _ in 0..3 {
        for figure in &mut table {
            let (rows, inputs, outputs) = figure.shape;
            let repeats = (flops / (2 * rows * inputs * outputs) as f64).ceil() as usize;
            let gflops = kernel_gflops(figure.precision, rows, inputs, outputs, repeats, &clock);
            figure.gflops = figure.gflops.max(gflops);
        }
    }
    table
}

/// One line of [`kernel_table`].
#[derive(Debug, Clone, Copy)]
pub struct KernelFigure {
    /// The dense layers' arithmetic.
    pub precision: Precision,
    /// `(rows, inputs, outputs)`.
    pub shape: (usize, usize, usize),
    /// The best of the sweeps.
    pub gflops: f64,
}

/// GFLOP/s of multiply-adds alone, 8 independent vectors of 4 lanes kept in registers (as
/// many chains as two multiply-add units with a latency of 4 need): the ceiling this build
/// can reach on this machine (relaxed-SIMD build: fused; portable: a multiply and an add).
#[cfg_attr(
    all(target_arch = "wasm32", feature = "relaxed-simd"),
    target_feature(enable = "relaxed-simd")
)]
pub fn multiply_add_peak_gflops(iterations: usize, clock: impl Fn() -> f64) -> f64 {
    let a = F32x4::splat(black_box(0.999_9));
    let b = F32x4::splat(black_box(1e-4));
    let start = F32x4::splat(black_box(1.0));
    // Separate variables, not an array: they must stay in registers.
    let (mut r0, mut r1, mut r2, mut r3) = (start, start, start, start);
    let (mut r4, mut r5, mut r6, mut r7) = (start, start, start, start);
    let started = clock();
    for _ in 0..iterations {
        r0 = r0.mul_add(a, b);
        r1 = r1.mul_add(a, b);
        r2 = r2.mul_add(a, b);
        r3 = r3.mul_add(a, b);
        r4 = r4.mul_add(a, b);
        r5 = r5.mul_add(a, b);
        r6 = r6.mul_add(a, b);
        r7 = r7.mul_add(a, b);
    }
    let seconds = (clock() - started) / 1e3;
    let mut sink = [0.0_f32; 4];
    for lane in [r0, r1, r2, r3, r4, r5, r6, r7] {
        lane.store(&mut sink);
        black_box(sink);
    }
    // 8 vectors × 4 lanes × 2 operations per iteration.
    64.0 * iterations as f64 / seconds / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn flops_grow_with_the_text() {
        // ≈ 21 MFLOP per word piece for short texts, as the issue says.
        let per_piece = forward_flops(26) / 26.0 / 1e6;
        assert!((20.0..23.0).contains(&per_piece), "{per_piece}");
        assert!(
            forward_flops(256) / 256.0 > forward_flops(26) / 26.0,
            "attention is quadratic"
        );
    }

    #[test]
    fn laps_add_up_per_stage() {
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 1.0);
            ticks.get()
        };
        let mut times = StageTimes::new(clock);
        times.lap(Stage::Up);
        times.lap(Stage::Gelu);
        times.lap(Stage::Up);
        assert_eq!(times.ms[4], 2.0);
        assert_eq!(times.ms[5], 1.0);
        assert_eq!(times.total_ms(), 3.0);
    }
}
