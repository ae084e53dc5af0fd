//! The parity tests again, inside headless Chromium: candle-transformers' BERT compiled to
//! wasm32 (simd128, one thread), what the `worker-candle` build runs, against the fast
//! encoder's wasm32 build — all-MiniLM-L6-v2 on the reference texts, and randomly initialised
//! BERTs of other shapes (layers, heads, hidden and intermediate sizes, max positions), with
//! identical word-piece counts and the native tests' cosine bounds.
//!
//! `scripts/test` runs it (about 7 minutes on the 2-core machine, mostly compiling candle for
//! wasm32). The model files are fetched over HTTP from `JOBDELTA_MODEL_URL` (fixed at compile
//! time), because the test runner only serves its own files. To run it alone, serve
//! `models/all-MiniLM-L6-v2` with CORS as `scripts/test` does, then
//!
//! ```sh
//! JOBDELTA_MODEL_URL=http://127.0.0.1:PORT/ CHROMEDRIVER=/usr/bin/chromedriver \
//! WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json \
//!     cargo test --target wasm32-unknown-unknown -p jobdelta-candle --test browser -- --nocapture
//! ```

// A test binary: a panic in a helper is a failed test (clippy.toml's allow-*-in-tests only
// covers `#[test]` functions and `#[cfg(test)]` code).
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

mod support;

use jobdelta_encoder::ModelFiles;
use js_sys::{Promise, Uint8Array};
use support::{
    compare_engines, random_bert_files, reference_texts, texts_fitting, MIN_COSINE_MINILM,
    MIN_COSINE_RANDOM, SHAPES,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const MODEL_URL: &str = match option_env!("JOBDELTA_MODEL_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8788/",
};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch`, which exists in windows and workers alike.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> Promise;
}

async fn fetch_bytes(name: &str) -> Result<Vec<u8>, JsValue> {
    let url = format!("{MODEL_URL}{name}");
    let response: web_sys::Response = JsFuture::from(global_fetch(&url)).await?.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!(
            "{url}: HTTP {}",
            response.status()
        )));
    }
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

#[wasm_bindgen_test]
async fn fast_encoder_matches_candle_on_random_berts_of_other_shapes() -> Result<(), JsValue> {
    let texts = reference_texts();
    let tokenizer_json = fetch_bytes("tokenizer.json").await?;
    for shape in &SHAPES {
        let fitting = texts_fitting(&texts, shape.max_positions);
        if fitting.len() < 20 {
            return Err(JsValue::from_str(&format!("{} texts fit", fitting.len())));
        }
        let files = random_bert_files(shape, tokenizer_json.clone());
        let agreement = compare_engines(files, &fitting, MIN_COSINE_RANDOM)
            .map_err(|e| JsValue::from_str(&format!("{shape:?}: {e}")))?;
        console_log!(
            "random BERT {} layers x {} heads, hidden {}, intermediate {}, {} positions: {} texts, lowest cosine {}",
            shape.layers, shape.heads, shape.hidden, shape.intermediate, shape.max_positions,
            agreement.texts, agreement.lowest_cosine
        );
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn fast_encoder_matches_candle_on_minilm_for_every_reference_text() -> Result<(), JsValue> {
    let files = ModelFiles {
        weights: fetch_bytes("model.safetensors").await?,
        tokenizer_json: fetch_bytes("tokenizer.json").await?,
        config_json: fetch_bytes("config.json").await?,
    };
    let texts = reference_texts();
    let texts: Vec<&str> = texts.iter().map(|(text, _)| text.as_str()).collect();
    let agreement =
        compare_engines(files, &texts, MIN_COSINE_MINILM).map_err(|e| JsValue::from_str(&e))?;
    console_log!(
        "MiniLM, {} texts: lowest cosine {}",
        agreement.texts,
        agreement.lowest_cosine
    );
    Ok(())
}
