//! The int8 kernel of [`crate::quant`] for each build: `sums[r][j] = Σₖ u[row + r][k] ·
//! q[j][k]` over one panel of [`PANEL`] outputs, for a block of at most [`ROWS`] rows, exact in
//! i32 (every build returns the same integers; the tests check each against a plain loop).
//!
//! - wasm32 with the `relaxed-simd` feature: `i32x4.relaxed_dot_i8x16_i7x16_add_s`, four
//!   products summed per lane in one instruction (the activations are the 7-bit operand).
//! - wasm32 with simd128 only: the bytes widened to i16 and `i32x4.dot_i16x8_s`, two products
//!   per lane ([`Layout::Pairs`], so that each dot gives four whole outputs).
//! - x86-64: AVX2's `vpmaddubsw` + `vpmaddwd` when the processor has it (checked at run time),
//!   the scalar loop otherwise.
//! - elsewhere: the scalar loop ([`crate::quant::panel_sums_scalar`]).

#[allow(unused_imports)]
use crate::kernels::PANEL;
#[allow(unused_imports)]
use crate::quant::{panel_sums_scalar, Layout, QuantRows, GROUP, GROUP_BYTES};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{i32x4_extract_lane, i32x4_splat, i8x16, v128};

    use super::{Layout, QuantRows, GROUP, GROUP_BYTES, PANEL};

    /// The byte order the dot product of this build reads.
    #[cfg(feature = "relaxed-simd")]
    pub const LAYOUT: Layout = Layout::Quads;
    /// The byte order the dot product of this build reads.
    #[cfg(not(feature = "relaxed-simd"))]
    pub const LAYOUT: Layout = Layout::Pairs;
    /// Rows per block: 2 × 4 accumulators, 4 weight vectors and the activations fit the 16
    /// vector registers of the x86 machines browsers compile this to.
    pub const ROWS: usize = 2;

    /// 16 weights, one vector.
    #[inline(always)]
    fn load(b: &[i8]) -> v128 {
        i8x16(
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
            b[14], b[15],
        )
    }

    #[inline(always)]
    fn store(v: v128, out: &mut [i32]) {
        out[..4].copy_from_slice(&[
            i32x4_extract_lane::<0>(v),
            i32x4_extract_lane::<1>(v),
            i32x4_extract_lane::<2>(v),
            i32x4_extract_lane::<3>(v),
        ]);
    }

    /// One row's accumulators after the last group.
    #[inline(always)]
    fn finish(acc: [v128; 4], out: &mut [i32; PANEL]) {
        for (q, v) in acc.into_iter().enumerate() {
            store(v, &mut out[4 * q..4 * q + 4]);
        }
    }

    /// The four activations of a group, splatted to every lane (the dot reads four bytes per
    /// lane).
    #[cfg(feature = "relaxed-simd")]
    #[inline(always)]
    fn quad(u: &[u8]) -> v128 {
        i32x4_splat(i32::from_le_bytes([u[0], u[1], u[2], u[3]]))
    }

    /// `acc + Σ` of four byte products per lane.
    #[cfg(feature = "relaxed-simd")]
    #[inline(always)]
    fn dot(w: v128, u: v128, acc: v128) -> v128 {
        core::arch::wasm32::i32x4_relaxed_dot_i8x16_i7x16_add(w, u, acc)
    }

    /// See [`super::panel_sums`].
    #[cfg(feature = "relaxed-simd")]
    #[target_feature(enable = "relaxed-simd")]
    pub fn panel_sums(
        panel: &[i8],
        rows: &QuantRows,
        row: usize,
        block: usize,
        depth: usize,
        sums: &mut [[i32; PANEL]],
    ) {
        let zero = i32x4_splat(0);
        let a0 = rows.row(row, depth);
        if block == 2 {
            let a1 = rows.row(row + 1, depth);
            let (mut acc0, mut acc1) = ([zero; 4], [zero; 4]);
            for ((g, x0), x1) in panel
                .chunks_exact(GROUP_BYTES)
                .zip(a0.chunks_exact(GROUP))
                .zip(a1.chunks_exact(GROUP))
            {
                let w = [
                    load(&g[..16]),
                    load(&g[16..32]),
                    load(&g[32..48]),
                    load(&g[48..64]),
                ];
                let (u0, u1) = (quad(x0), quad(x1));
                for q in 0..4 {
                    acc0[q] = dot(w[q], u0, acc0[q]);
                    acc1[q] = dot(w[q], u1, acc1[q]);
                }
            }
            finish(acc0, &mut sums[0]);
            finish(acc1, &mut sums[1]);
        } else {
            let mut acc = [zero; 4];
            for (g, x) in panel.chunks_exact(GROUP_BYTES).zip(a0.chunks_exact(GROUP)) {
                let u = quad(x);
                for (q, a) in acc.iter_mut().enumerate() {
                    *a = dot(load(&g[16 * q..16 * q + 16]), u, *a);
                }
            }
            finish(acc, &mut sums[0]);
        }
    }

    /// Inputs 0–1 and 2–3 of a group as i16 pairs splatted to every lane.
    #[cfg(not(feature = "relaxed-simd"))]
    #[inline(always)]
    fn pairs(u: &[u8]) -> (v128, v128) {
        let pair = |a: u8, b: u8| i32x4_splat(i32::from(a) | (i32::from(b) << 16));
        (pair(u[0], u[1]), pair(u[2], u[3]))
    }

    /// `acc + w·u` for one weight vector (four outputs × four inputs, [`Layout::Pairs`]).
    #[cfg(not(feature = "relaxed-simd"))]
    #[inline(always)]
    fn dot(w: (v128, v128), u: (v128, v128), acc: v128) -> v128 {
        use core::arch::wasm32::{i32x4_add, i32x4_dot_i16x8};
        i32x4_add(
            acc,
            i32x4_add(i32x4_dot_i16x8(w.0, u.0), i32x4_dot_i16x8(w.1, u.1)),
        )
    }

    /// A weight vector widened to two of i16.
    #[cfg(not(feature = "relaxed-simd"))]
    #[inline(always)]
    fn widen(w: v128) -> (v128, v128) {
        use core::arch::wasm32::{i16x8_extend_high_i8x16, i16x8_extend_low_i8x16};
        (i16x8_extend_low_i8x16(w), i16x8_extend_high_i8x16(w))
    }

    /// See [`super::panel_sums`].
    #[cfg(not(feature = "relaxed-simd"))]
    pub fn panel_sums(
        panel: &[i8],
        rows: &QuantRows,
        row: usize,
        block: usize,
        depth: usize,
        sums: &mut [[i32; PANEL]],
    ) {
        let zero = i32x4_splat(0);
        let a0 = rows.row(row, depth);
        if block == 2 {
            let a1 = rows.row(row + 1, depth);
            let (mut acc0, mut acc1) = ([zero; 4], [zero; 4]);
            for ((g, x0), x1) in panel
                .chunks_exact(GROUP_BYTES)
                .zip(a0.chunks_exact(GROUP))
                .zip(a1.chunks_exact(GROUP))
            {
                let (u0, u1) = (pairs(x0), pairs(x1));
                for q in 0..4 {
                    let w = widen(load(&g[16 * q..16 * q + 16]));
                    acc0[q] = dot(w, u0, acc0[q]);
                    acc1[q] = dot(w, u1, acc1[q]);
                }
            }
            finish(acc0, &mut sums[0]);
            finish(acc1, &mut sums[1]);
        } else {
            let mut acc = [zero; 4];
            for (g, x) in panel.chunks_exact(GROUP_BYTES).zip(a0.chunks_exact(GROUP)) {
                let u = pairs(x);
                for (q, a) in acc.iter_mut().enumerate() {
                    *a = dot(widen(load(&g[16 * q..16 * q + 16])), u, *a);
                }
            }
            finish(acc, &mut sums[0]);
        }
    }
}

// SAFETY (every `unsafe` below): the AVX2 functions run only after `is_x86_feature_detected!`
// found AVX2; each load reads 32 bytes from a slice checked to hold them (`&g[..32]`), each
// store writes 32 bytes into a local `[i32; 8]`. With the f32 SSE module, the only `unsafe` of
// the workspace (which denies it elsewhere).
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod imp {
    use core::arch::x86_64::{
        __m256i, _mm256_add_epi32, _mm256_loadu_si256, _mm256_madd_epi16, _mm256_maddubs_epi16,
        _mm256_set1_epi16, _mm256_set1_epi32, _mm256_setzero_si256, _mm256_storeu_si256,
    };

    use super::{panel_sums_scalar, Layout, QuantRows, GROUP, GROUP_BYTES, PANEL};

    /// The byte order `vpmaddubsw` reads (four bytes per i32 lane after `vpmaddwd`).
    pub const LAYOUT: Layout = Layout::Quads;
    /// Rows per block: 4 × 2 accumulators, 2 weight vectors and the activations fit the 16
    /// ymm registers.
    pub const ROWS: usize = 4;

    /// See [`super::panel_sums`].
    pub fn panel_sums(
        panel: &[i8],
        rows: &QuantRows,
        row: usize,
        block: usize,
        depth: usize,
        sums: &mut [[i32; PANEL]],
    ) {
        if !std::is_x86_feature_detected!("avx2") {
            panel_sums_scalar(panel, rows, row, block, depth, sums);
            return;
        }
        let a: [&[u8]; ROWS] = core::array::from_fn(|r| rows.row(row + r.min(block - 1), depth));
        // SAFETY: AVX2 was detected above.
        unsafe {
            match block {
                4 => avx2::<4>(panel, a, sums),
                3 => avx2::<3>(panel, a, sums),
                2 => avx2::<2>(panel, a, sums),
                _ => avx2::<1>(panel, a, sums),
            }
        }
    }

    /// The first `R` rows of `a` against one panel.
    #[target_feature(enable = "avx2")]
    unsafe fn avx2<const R: usize>(panel: &[i8], a: [&[u8]; ROWS], sums: &mut [[i32; PANEL]]) {
        let ones = _mm256_set1_epi16(1);
        let mut acc = [[_mm256_setzero_si256(); 2]; R];
        for (k, g) in panel.chunks_exact(GROUP_BYTES).enumerate() {
            let w = [
                _mm256_loadu_si256(g[..32].as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(g[32..64].as_ptr().cast::<__m256i>()),
            ];
            for (acc, a) in acc.iter_mut().zip(a) {
                let u = &a[k * GROUP..k * GROUP + GROUP];
                let u = _mm256_set1_epi32(i32::from_le_bytes([u[0], u[1], u[2], u[3]]));
                for (acc, w) in acc.iter_mut().zip(w) {
                    // u ∈ [1, 127], w ∈ [-127, 127]: the i16 pair sums cannot saturate.
                    let pairs = _mm256_maddubs_epi16(u, w);
                    *acc = _mm256_add_epi32(*acc, _mm256_madd_epi16(pairs, ones));
                }
            }
        }
        for (acc, sum) in acc.iter().zip(sums.iter_mut()) {
            for (half, v) in acc.iter().enumerate() {
                let mut lanes = [0_i32; 8];
                _mm256_storeu_si256(lanes.as_mut_ptr().cast::<__m256i>(), *v);
                sum[8 * half..8 * half + 8].copy_from_slice(&lanes);
            }
        }
    }
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
mod imp {
    use super::{panel_sums_scalar, Layout, QuantRows, PANEL};

    /// The scalar kernel's order.
    pub const LAYOUT: Layout = Layout::Quads;
    /// Rows per block (any number does for the scalar loop).
    pub const ROWS: usize = 2;

    /// See [`super::panel_sums`].
    pub fn panel_sums(
        panel: &[i8],
        rows: &QuantRows,
        row: usize,
        block: usize,
        depth: usize,
        sums: &mut [[i32; PANEL]],
    ) {
        panel_sums_scalar(panel, rows, row, block, depth, sums);
    }
}

/// `sums[r][j] = Σₖ u[row + r][k] · q[j][k]` for the `block` (≤ [`ROWS`]) rows from `row`
/// against one packed panel (`depth / GROUP` groups in [`LAYOUT`] order).
pub use imp::panel_sums;
pub use imp::{LAYOUT, ROWS};
