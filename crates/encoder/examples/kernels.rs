//! GFLOP/s of the dense-layer kernel alone, f32 and int8, on the model's shapes at sentence
//! and long-text lengths (no model needed):
//! `cargo run --release -p jobdelta-encoder --example kernels`.

use std::time::Instant;

use jobdelta_encoder::profile::kernel_table;

fn main() {
    let origin = Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1e3;
    for figure in kernel_table(1e9, clock) {
        let (rows, inputs, outputs) = figure.shape;
        println!(
            "kernel {} {rows}x{inputs}->{outputs}: {:.1} GFLOP/s",
            figure.precision, figure.gflops
        );
    }
}
