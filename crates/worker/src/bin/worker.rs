//! The model Web Worker; see the `jobdelta-worker` library.

fn main() {
    jobdelta_worker::run();
}
