//! The model Web Worker embedding with candle-transformers' BERT (feature `candle`); see the
//! `jobdelta-worker` library and `www/worker-build.js`, which picks this build for a page
//! opened with `?engine=candle`.

fn main() {
    jobdelta_worker::run_candle();
}
