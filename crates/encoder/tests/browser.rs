//! The parity tests again, inside headless Chromium: the wasm32 build (simd128) must produce
//! the same ids and embeddings as sentence-transformers, from the real model files.
//!
//! Run by `scripts/test` through wasm-bindgen-test-runner. The model is fetched over HTTP from
//! `JOBDELTA_MODEL_URL` (fixed at compile time; `scripts/test` serves the fetched model there
//! with CORS), because the test runner only serves its own files.

// A test binary: a panic in a helper is a failed test (clippy.toml's allow-*-in-tests only
// covers `#[test]` functions and `#[cfg(test)]` code).
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

mod support;

use jobdelta_encoder::{cosine_similarity, Encoder, ModelFiles, MAX_SEQ_LEN};
use js_sys::{Promise, Uint8Array};
use support::{
    extra, max_abs_diff, reference, texts, token_mismatch, Agreement, ReferenceEntry, MIN_COSINE,
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

async fn load_encoder() -> Result<Encoder, JsValue> {
    let files = ModelFiles {
        weights: fetch_bytes("model.safetensors").await?,
        tokenizer_json: fetch_bytes("tokenizer.json").await?,
        config_json: fetch_bytes("config.json").await?,
    };
    Encoder::from_files(files).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn fail(message: String) -> JsValue {
    JsValue::from_str(&message)
}

/// All parity checks in one test, so the 90 MB model is fetched and loaded once.
#[wasm_bindgen_test]
async fn wasm_build_matches_sentence_transformers() -> Result<(), JsValue> {
    let encoder = load_encoder().await?;
    let reference = reference();
    let mut extra = extra();
    extra.entries.retain(|e| !e.text.trim().is_empty());

    // 1. Identical input ids (and the untruncated counts) for every text.
    for entry in reference.entries.iter().chain(&extra.entries) {
        let got = encoder
            .tokenizer()
            .tokenize(&entry.text)
            .map_err(|e| fail(e.to_string()))?;
        if let Some(mismatch) = token_mismatch(entry, &got) {
            return Err(fail(mismatch));
        }
    }

    // 2. Embeddings of the whole reference and the extra texts, each set in one call.
    for (label, entries) in [("reference", &reference.entries), ("extra", &extra.entries)] {
        let embedded = encoder
            .embed(&texts(entries))
            .map_err(|e| fail(e.to_string()))?;
        let vectors: Vec<Vec<f32>> = embedded.into_iter().map(|e| e.vector).collect();
        let agreement = Agreement::of(&vectors, &entries.iter().collect::<Vec<_>>());
        console_log!("wasm, {label}: {agreement}");
        agreement.check().map_err(fail)?;
    }

    // 3. The 763-piece text is cut to 256 exactly as sentence-transformers cuts it.
    let long: &ReferenceEntry = reference
        .entries
        .iter()
        .find(|e| e.n_tokens_untruncated == 763)
        .ok_or_else(|| fail("the reference has the 763-piece text".into()))?;
    let embedded = encoder
        .embed(&[long.text.as_str()])
        .map_err(|e| fail(e.to_string()))?;
    let cosine = cosine_similarity(&embedded[0].vector, &long.embedding);
    if embedded[0].n_pieces != MAX_SEQ_LEN || cosine < MIN_COSINE {
        return Err(fail(format!(
            "long text: {} pieces, cosine {cosine}",
            embedded[0].n_pieces
        )));
    }

    // 4. Texts embedded together (scratch buffers reused) give the same vectors as alone.
    let sample: Vec<&str> = reference
        .entries
        .iter()
        .step_by(4)
        .map(|e| e.text.as_str())
        .collect();
    let together = encoder.embed(&sample).map_err(|e| fail(e.to_string()))?;
    let mut worst = 0f32;
    for (text, in_run) in sample.iter().zip(&together) {
        let alone = encoder.embed(&[*text]).map_err(|e| fail(e.to_string()))?;
        worst = worst.max(max_abs_diff(&alone[0].vector, &in_run.vector));
    }
    console_log!(
        "wasm max |together - alone| over {} texts: {worst:e}",
        sample.len()
    );
    if worst >= 1e-5 {
        return Err(fail(format!("another text changed a result by {worst}")));
    }

    // 5. Empty input is an error with a message, not a panic that kills the worker.
    let none: [&str; 0] = [];
    match (encoder.embed(&none), encoder.embed(&["ok", " "])) {
        (
            Err(jobdelta_encoder::Error::NoTexts),
            Err(jobdelta_encoder::Error::EmptyText { index: 1 }),
        ) => {}
        (a, b) => {
            return Err(fail(format!(
                "empty input gave {:?} / {:?}",
                a.err(),
                b.err()
            )))
        }
    }
    Ok(())
}
