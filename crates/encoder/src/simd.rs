//! Four f32 lanes in one 128-bit vector, with the three operations the kernels need: on wasm32
//! with `simd128` (every current browser), on x86-64 with SSE (always present there), and as a
//! plain array elsewhere. Safe code only: values move through arrays, which the compiler turns
//! into vector loads and stores.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{f32x4, f32x4_extract_lane, f32x4_splat, v128};

    /// Four lanes.
    #[derive(Clone, Copy)]
    pub struct F32x4(v128);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> Self {
            Self(f32x4_splat(x))
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> Self {
            Self(f32x4(values[0], values[1], values[2], values[3]))
        }

        /// `self + a·b`, lane by lane: one fused multiply-add in the relaxed-SIMD build (the
        /// `relaxed-simd` feature enables it in the kernels that call this, see
        /// [`crate::RELAXED_SIMD`]), a multiply and an add otherwise.
        #[inline(always)]
        pub fn mul_add(self, a: Self, b: Self) -> Self {
            #[cfg(any(target_feature = "relaxed-simd", feature = "relaxed-simd"))]
            {
                Self(core::arch::wasm32::f32x4_relaxed_madd(a.0, b.0, self.0))
            }
            #[cfg(not(any(target_feature = "relaxed-simd", feature = "relaxed-simd")))]
            {
                use core::arch::wasm32::{f32x4_add, f32x4_mul};
                Self(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
            }
        }

        /// Writes the lanes into the first four places of `out`.
        #[inline(always)]
        pub fn store(self, out: &mut [f32]) {
            out[..4].copy_from_slice(&[
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]);
        }
    }
}

// SAFETY (every `unsafe` below): SSE and SSE2 are part of the x86-64 baseline, so these
// intrinsics are always available; the only pointer use is a store into a local 4-float array.
// The one module of the workspace allowed `unsafe` (the workspace denies it).
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod imp {
    use core::arch::x86_64::{
        __m128, _mm_add_ps, _mm_mul_ps, _mm_set1_ps, _mm_setr_ps, _mm_storeu_ps,
    };

    /// Four lanes.
    #[derive(Clone, Copy)]
    pub struct F32x4(__m128);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> Self {
            Self(unsafe { _mm_set1_ps(x) })
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> Self {
            Self(unsafe { _mm_setr_ps(values[0], values[1], values[2], values[3]) })
        }

        /// `self + a·b`, lane by lane.
        #[inline(always)]
        pub fn mul_add(self, a: Self, b: Self) -> Self {
            Self(unsafe { _mm_add_ps(self.0, _mm_mul_ps(a.0, b.0)) })
        }

        /// Writes the lanes into the first four places of `out`.
        #[inline(always)]
        pub fn store(self, out: &mut [f32]) {
            let mut lanes = [0.0_f32; 4];
            unsafe { _mm_storeu_ps(lanes.as_mut_ptr(), self.0) };
            out[..4].copy_from_slice(&lanes);
        }
    }
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
mod imp {
    /// Four lanes.
    #[derive(Clone, Copy)]
    pub struct F32x4([f32; 4]);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> Self {
            Self([x; 4])
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> Self {
            Self([values[0], values[1], values[2], values[3]])
        }

        /// `self + a·b`, lane by lane.
        #[inline(always)]
        pub fn mul_add(self, a: Self, b: Self) -> Self {
            let mut out = self.0;
            for ((o, x), y) in out.iter_mut().zip(a.0).zip(b.0) {
                *o += x * y;
            }
            Self(out)
        }

        /// Writes the lanes into the first four places of `out`.
        #[inline(always)]
        pub fn store(self, out: &mut [f32]) {
            out[..4].copy_from_slice(&self.0);
        }
    }
}

pub use imp::F32x4;
