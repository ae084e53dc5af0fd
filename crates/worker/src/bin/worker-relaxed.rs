//! The model Web Worker built with relaxed-SIMD kernels (feature `relaxed-simd`); see the
//! `jobdelta-worker` library and `www/worker-build.js`, which picks this build or `worker`.

fn main() {
    jobdelta_worker::run();
}
