//! The fast encoder (`jobdelta-encoder`'s own forward pass) against candle-transformers' BERT:
//! all-MiniLM-L6-v2's real weights on the reference texts, and randomly initialised BERT
//! networks of other shapes, so the fast path is checked for the BERT family, not one model.
//! `tests/browser.rs` runs the same comparisons as wasm32 in headless Chromium.

// A test binary: a panic in a helper is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{Encoder, ModelFiles};
use support::{
    compare_engines, random_bert_files, reference_texts, texts_fitting, Shape, MIN_COSINE_MINILM,
    MIN_COSINE_RANDOM, SHAPES,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn model_dir() -> PathBuf {
    std::env::var_os("JOBDELTA_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/all-MiniLM-L6-v2")
        })
}

/// A file of the model folder (`dir`), or a panic that says how to get it.
fn read_model_file(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/fetch-model first",
            dir.join(name).display()
        )
    })
}

fn minilm_files() -> ModelFiles {
    let dir = model_dir();
    ModelFiles {
        weights: read_model_file(&dir, "model.safetensors"),
        tokenizer_json: read_model_file(&dir, "tokenizer.json"),
        config_json: read_model_file(&dir, "config.json"),
    }
}

#[test]
fn fast_encoder_matches_candle_on_minilm_for_every_reference_text() {
    let texts = reference_texts();
    assert!(texts.len() > 129, "both fixtures are read");
    let texts: Vec<&str> = texts.iter().map(|(text, _)| text.as_str()).collect();
    let agreement = compare_engines(minilm_files(), &texts, MIN_COSINE_MINILM).unwrap();
    eprintln!(
        "MiniLM, {} texts: lowest cosine {}",
        agreement.texts, agreement.lowest_cosine
    );
}

/// The browser's copy of the weights (half precision, `models/web/`, what `worker-candle`
/// downloads): candle widens it to f32 on load and must then embed as the fast encoder does
/// from the same file.
#[test]
fn candle_loads_the_browsers_f16_weights_as_f32_at_parity() {
    let web_dir = model_dir().join("../web/all-MiniLM-L6-v2");
    let files = ModelFiles {
        weights: read_model_file(&web_dir, "model.f16.safetensors"),
        tokenizer_json: read_model_file(&web_dir, "tokenizer.json"),
        config_json: read_model_file(&web_dir, "config.json"),
    };
    let candle = CandleEncoder::from_files(files.clone()).expect("candle loads the f16 copy");
    assert!(candle.weights_were_f16());
    assert!(!CandleEncoder::from_files(minilm_files())
        .expect("candle loads")
        .weights_were_f16());
    let texts = reference_texts();
    let texts: Vec<&str> = texts.iter().map(|(text, _)| text.as_str()).collect();
    let agreement = compare_engines(files, &texts, MIN_COSINE_MINILM).unwrap();
    eprintln!(
        "MiniLM f16 copy, {} texts: lowest cosine {}",
        agreement.texts, agreement.lowest_cosine
    );
}

#[test]
fn fast_encoder_matches_candle_on_random_berts_of_other_shapes() -> TestResult {
    let texts = reference_texts();
    let tokenizer_json = minilm_files().tokenizer_json;
    for shape in &SHAPES {
        let fitting = texts_fitting(&texts, shape.max_positions);
        assert!(fitting.len() >= 20, "{} texts fit", fitting.len());
        let files = random_bert_files(shape, tokenizer_json.clone());
        let agreement = compare_engines(files, &fitting, MIN_COSINE_RANDOM)?;
        eprintln!(
            "random BERT {} layers x {} heads, hidden {}, intermediate {}, {} positions: {} texts, lowest cosine {}",
            shape.layers, shape.heads, shape.hidden, shape.intermediate, shape.max_positions,
            agreement.texts, agreement.lowest_cosine
        );
    }
    Ok(())
}

/// The shapes the fast path does not run yet: its matrix kernel packs weights in 16-column
/// panels, so every layer width (hidden, intermediate, and each head's share of hidden) must
/// be a multiple of 16. candle runs them; the fast encoder must refuse them with a clear error
/// rather than compute something else. When the kernel learns ragged panels, these move to
/// the test above.
#[test]
fn fast_encoder_refuses_widths_off_its_panels_that_candle_runs() {
    let cases = [
        (
            Shape {
                layers: 1,
                heads: 1,
                hidden: 48,
                intermediate: 72,
                max_positions: 40,
                seed: 5,
            },
            "72 outputs cannot be packed",
        ),
        (
            Shape {
                layers: 1,
                heads: 8,
                hidden: 64,
                intermediate: 128,
                max_positions: 40,
                seed: 6,
            },
            "heads of 8 units are not supported",
        ),
    ];
    for (shape, refusal) in &cases {
        let files = random_bert_files(shape, minilm_files().tokenizer_json);
        let candle = CandleEncoder::from_files(files.clone()).expect("candle loads");
        let embedded = candle.embed(&["Rust and WebAssembly"]).unwrap();
        assert_eq!(embedded[0].vector.len(), shape.hidden);
        let error = Encoder::from_files(files)
            .err()
            .expect("the fast encoder refuses");
        assert!(error.to_string().contains(refusal), "{error}");
    }
}
