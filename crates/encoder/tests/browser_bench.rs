//! Embedding speed of the wasm32 build in headless Chromium, printed as figures (never
//! asserted). Not part of the test suite: `scripts/bench-wasm` runs it with and without
//! simd128 and records the figures in docs/benchmarks.md.

// A test binary: a panic in a helper is a failed test (clippy.toml's allow-*-in-tests only
// covers `#[test]` functions and `#[cfg(test)]` code).
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use jobdelta_encoder::profile::{self, kernel_table};
use jobdelta_encoder::{Encoder, ModelFiles, Precision};
use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const MODEL_URL: &str = match option_env!("JOBDELTA_MODEL_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8788/",
};
const CORPUS: &str = include_str!("../../../fixtures/bench/sentences.txt");
/// Long texts: whole paragraphs of brag documents and long requirement bullets (128–256 word
/// pieces each, fixtures/bench/README.md).
const PARAGRAPHS: &str = include_str!("../../../fixtures/bench/paragraphs.txt");
const RUNS: usize = 3;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> Promise;
}

/// Milliseconds from the worker's high-resolution clock.
fn now_ms() -> f64 {
    Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

async fn fetch_bytes(name: &str) -> Result<Vec<u8>, JsValue> {
    let response: web_sys::Response = JsFuture::from(global_fetch(&format!("{MODEL_URL}{name}")))
        .await?
        .dyn_into()?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn fetch_model() -> Result<ModelFiles, JsValue> {
    Ok(ModelFiles {
        weights: fetch_bytes("model.safetensors").await?,
        tokenizer_json: fetch_bytes("tokenizer.json").await?,
        config_json: fetch_bytes("config.json").await?,
    })
}

#[wasm_bindgen_test]
async fn embedding_speed() -> Result<(), JsValue> {
    let texts: Vec<&str> = CORPUS.lines().filter(|l| !l.trim().is_empty()).collect();
    let started = now_ms();
    let files = fetch_model().await?;
    let fetched = now_ms();
    let encoder = Encoder::from_files(files).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let loaded = now_ms();
    let simd = cfg!(target_feature = "simd128");
    console_log!(
        "bench wasm simd128={simd} sentences={} model_fetch_ms={:.0} model_load_ms={:.0}",
        texts.len(),
        fetched - started,
        loaded - fetched
    );
    // Every text runs alone through the model (no padding): one configuration.
    let mut seconds = Vec::new();
    let mut pieces = 0;
    for _ in 0..RUNS {
        let started = now_ms();
        let embedded = encoder
            .embed(&texts)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        seconds.push((now_ms() - started) / 1e3);
        pieces = embedded.iter().map(|e| e.n_pieces).sum::<usize>();
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[RUNS / 2];
    console_log!(
        "bench wasm simd128={simd} relaxed_simd={}: sentences_per_s={:.1} word_pieces_per_s={:.0} median_s={median:.3}",
        jobdelta_encoder::RELAXED_SIMD,
        texts.len() as f64 / median,
        pieces as f64 / median
    );
    print_profile(&encoder, &texts)
}

/// Where the time goes, stage by stage, and the GFLOP/s of the whole pass ([`kernel_speed`]
/// prints the matrix kernel's alone). (The multiply-add ceiling is measured natively, `jobdelta bench`: a V8
/// microbenchmark of it came out below the kernels themselves, so it is not printed here.)
fn print_profile(encoder: &Encoder, texts: &[&str]) -> Result<(), JsValue> {
    let relaxed = jobdelta_encoder::RELAXED_SIMD;
    let times = encoder
        .profile(texts, now_ms)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let total = times.total_ms();
    let model = times.flops / (total / 1e3) / 1e9;
    console_log!(
        "profile relaxed_simd={relaxed}: whole pass {model:.1} GFLOP/s, {total:.0} ms for {} texts",
        texts.len()
    );
    for (stage, ms) in profile::Stage::ALL.iter().zip(times.ms) {
        console_log!(
            "profile   {:<26} {:6.0} ms {:5.1} %",
            stage.name(),
            ms,
            100.0 * ms / total
        );
    }
    Ok(())
}

/// GFLOP/s of the dense-layer kernel alone, f32 and int8, at sentence and long-text lengths
/// (the model is not needed: `-- kernel_speed` runs this alone).
#[wasm_bindgen_test]
fn kernel_speed() {
    let relaxed = jobdelta_encoder::RELAXED_SIMD;
    // About 1 GFLOP per round: long enough for the worker's coarse clock.
    for figure in kernel_table(1e9, now_ms) {
        let (rows, inputs, outputs) = figure.shape;
        console_log!(
            "profile kernel relaxed_simd={relaxed} {} {rows}x{inputs}->{outputs}: {:.1} GFLOP/s",
            figure.precision,
            figure.gflops
        );
    }
}

/// Sentences against long texts, at both precisions: word pieces/s and GFLOP/s of the whole
/// pass (attention grows with the square of the length, so GFLOP/s is the fair comparison).
/// Every (precision, corpus) is timed in turn, three rounds, its fastest run kept, so that a
/// busy stretch of a shared machine does not land on one of them only.
#[wasm_bindgen_test]
async fn long_texts() -> Result<(), JsValue> {
    let files = fetch_model().await?;
    let corpora = [
        (
            "sentences",
            CORPUS
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>(),
        ),
        (
            "paragraphs",
            PARAGRAPHS
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect(),
        ),
    ];
    let encoders = Precision::ALL
        .into_iter()
        .map(|precision| Encoder::from_files_at(files.clone(), precision))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    // [precision][corpus]: fastest seconds, word pieces, FLOP.
    let mut best = [[f64::INFINITY; 2]; 2];
    let mut work = [[(0_usize, 0.0_f64); 2]; 2];
    for _ in 0..RUNS {
        for (p, encoder) in encoders.iter().enumerate() {
            for (c, (_, texts)) in corpora.iter().enumerate() {
                let started = now_ms();
                let embedded = encoder
                    .embed(texts)
                    .map_err(|e| JsValue::from_str(&e.to_string()))?;
                best[p][c] = best[p][c].min((now_ms() - started) / 1e3);
                work[p][c] = embedded.iter().fold((0, 0.0), |(pieces, flops), e| {
                    (
                        pieces + e.n_pieces,
                        flops + profile::forward_flops(e.n_pieces),
                    )
                });
            }
        }
    }
    let relaxed = jobdelta_encoder::RELAXED_SIMD;
    let gflops = |p: usize, c: usize| work[p][c].1 / best[p][c] / 1e9;
    for (p, precision) in Precision::ALL.into_iter().enumerate() {
        for (c, (name, texts)) in corpora.iter().enumerate() {
            console_log!(
                "bench long_texts relaxed_simd={relaxed} {precision} {name}: texts={} word_pieces_per_text={:.0} word_pieces_per_s={:.0} gflops={:.1}",
                texts.len(),
                work[p][c].0 as f64 / texts.len() as f64,
                work[p][c].0 as f64 / best[p][c],
                gflops(p, c)
            );
        }
        console_log!(
            "bench long_texts relaxed_simd={relaxed} {precision}: paragraphs_over_sentences_gflops={:.2}",
            gflops(p, 1) / gflops(p, 0)
        );
    }
    for (c, (name, _)) in corpora.iter().enumerate() {
        console_log!(
            "bench long_texts relaxed_simd={relaxed} {name}: int8_over_f32={:.2}",
            best[0][c] / best[1][c]
        );
    }
    Ok(())
}
