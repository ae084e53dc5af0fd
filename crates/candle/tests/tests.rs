//! The fast encoder (`jobdelta-encoder`'s own forward pass) against candle-transformers' BERT:
//! all-MiniLM-L6-v2's real weights on the reference texts, and randomly initialised BERT
//! networks of other shapes, so the fast path is checked for the BERT family, not one model.

// A test binary: a panic in a helper is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use candle_core::{Device, Tensor};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{cosine_similarity, Encoder, ModelFiles};
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Smallest cosine accepted between the engines on the real model.
const MIN_COSINE_MINILM: f32 = 0.99999;
/// Smallest cosine accepted on random networks (no training has tamed their activations).
const MIN_COSINE_RANDOM: f32 = 0.9999;

/// The reference fixtures' non-blank texts, with the word-piece counts sentence-transformers found.
fn reference_texts() -> Vec<(String, usize)> {
    let mut texts = Vec::new();
    for fixture in [
        include_str!("../../../fixtures/reference/minilm-l6-v2-reference.json"),
        include_str!("../../../fixtures/reference/extra-texts.json"),
    ] {
        let parsed: Value = serde_json::from_str(fixture).unwrap();
        for entry in parsed["entries"].as_array().unwrap() {
            let text = entry["text"].as_str().unwrap().to_owned();
            if text.trim().is_empty() {
                continue; // the fast encoder refuses blank texts (Error::EmptyText)
            }
            let n_tokens = entry["n_tokens_untruncated"].as_u64().unwrap() as usize;
            texts.push((text, n_tokens));
        }
    }
    texts
}

fn model_dir() -> PathBuf {
    std::env::var_os("JOBDELTA_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/all-MiniLM-L6-v2")
        })
}

fn minilm_files() -> ModelFiles {
    let dir = model_dir();
    let read = |name: &str| {
        std::fs::read(dir.join(name)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/fetch-model first",
                dir.join(name).display()
            )
        })
    };
    ModelFiles {
        weights: read("model.safetensors"),
        tokenizer_json: read("tokenizer.json"),
        config_json: read("config.json"),
    }
}

/// Embeds `texts` with both engines and checks every pair: same word-piece counts, cosine at
/// least `min_cosine`. Returns the smallest cosine seen.
fn compare_engines(files: ModelFiles, texts: &[&str], min_cosine: f32) -> f32 {
    let fast = Encoder::from_files(files.clone()).expect("the fast encoder loads");
    let candle = CandleEncoder::from_files(files).expect("candle loads");
    let fast = fast.embed(texts).unwrap();
    let candle = candle.embed(texts).unwrap();
    assert_eq!(fast.len(), texts.len());
    assert_eq!(candle.len(), texts.len());
    let mut lowest = f32::INFINITY;
    for ((text, fast), candle) in texts.iter().zip(&fast).zip(&candle) {
        assert_eq!(fast.n_pieces, candle.n_pieces, "{text:?}");
        assert_eq!(
            fast.n_pieces_untruncated, candle.n_pieces_untruncated,
            "{text:?}"
        );
        assert_eq!(fast.vector.len(), candle.vector.len(), "{text:?}");
        let cosine = cosine_similarity(&fast.vector, &candle.vector);
        assert!(cosine >= min_cosine, "{text:?}: cosine {cosine}");
        lowest = lowest.min(cosine);
    }
    lowest
}

#[test]
fn fast_encoder_matches_candle_on_minilm_for_every_reference_text() {
    let texts = reference_texts();
    assert!(texts.len() > 129, "both fixtures are read");
    let texts: Vec<&str> = texts.iter().map(|(text, _)| text.as_str()).collect();
    let lowest = compare_engines(minilm_files(), &texts, MIN_COSINE_MINILM);
    eprintln!("MiniLM, {} texts: lowest cosine {lowest}", texts.len());
}

/// A BERT shape to build at random.
struct Shape {
    layers: usize,
    heads: usize,
    hidden: usize,
    intermediate: usize,
    max_positions: usize,
    seed: u64,
}

/// splitmix64: a deterministic generator, so a failing shape fails the same way every run.
struct Random(u64);

impl Random {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[center - spread, center + spread)`.
    fn uniform(&mut self, center: f32, spread: f32) -> f32 {
        let unit = (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32;
        center + spread * (2.0 * unit - 1.0)
    }

    fn tensor(&mut self, dims: &[usize], center: f32, spread: f32) -> Tensor {
        let count = dims.iter().product();
        let values: Vec<f32> = (0..count).map(|_| self.uniform(center, spread)).collect();
        Tensor::from_vec(values, dims, &Device::Cpu).unwrap()
    }
}

/// Adds one random tensor: name, dimensions, center, spread.
type AddTensor<'a> = dyn FnMut(String, &[usize], f32, f32) + 'a;

/// MiniLM's tokenizer over a randomly initialised BERT of `shape` (written to a safetensors
/// file in a temporary folder and read back, as a model download would be).
fn random_bert_files(shape: &Shape) -> ModelFiles {
    const VOCAB: usize = 30522; // the tokenizer's vocabulary
    let Shape {
        layers,
        heads,
        hidden,
        intermediate,
        max_positions,
        seed,
    } = *shape;
    let mut random = Random(seed);
    let mut tensors: HashMap<String, Tensor> = HashMap::new();
    let mut add = |name: String, dims: &[usize], center: f32, spread: f32| {
        let tensor = random.tensor(dims, center, spread);
        tensors.insert(name, tensor);
    };
    // Spreads large enough that attention is far from uniform and GELU far from linear.
    let norm = |add: &mut AddTensor<'_>, prefix: &str| {
        add(format!("{prefix}.weight"), &[hidden], 1.0, 0.3);
        add(format!("{prefix}.bias"), &[hidden], 0.0, 0.2);
    };
    add(
        "embeddings.word_embeddings.weight".into(),
        &[VOCAB, hidden],
        0.0,
        1.0,
    );
    add(
        "embeddings.position_embeddings.weight".into(),
        &[max_positions, hidden],
        0.0,
        0.5,
    );
    add(
        "embeddings.token_type_embeddings.weight".into(),
        &[2, hidden],
        0.0,
        0.5,
    );
    norm(&mut add, "embeddings.LayerNorm");
    let linear_spread = |inputs: usize| 2.0 / (inputs as f32).sqrt();
    for layer in 0..layers {
        let prefix = format!("encoder.layer.{layer}");
        let linear = |add: &mut AddTensor<'_>, name: &str, outputs: usize, inputs: usize| {
            add(
                format!("{prefix}.{name}.weight"),
                &[outputs, inputs],
                0.0,
                linear_spread(inputs),
            );
            add(format!("{prefix}.{name}.bias"), &[outputs], 0.0, 0.1);
        };
        for name in ["query", "key", "value"] {
            linear(&mut add, &format!("attention.self.{name}"), hidden, hidden);
        }
        linear(&mut add, "attention.output.dense", hidden, hidden);
        linear(&mut add, "intermediate.dense", intermediate, hidden);
        linear(&mut add, "output.dense", hidden, intermediate);
        norm(&mut add, &format!("{prefix}.attention.output.LayerNorm"));
        norm(&mut add, &format!("{prefix}.output.LayerNorm"));
    }

    let dir = std::env::temp_dir().join(format!(
        "jobdelta-candle-random-bert-{}-{seed}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("model.safetensors");
    candle_core::safetensors::save(&tensors, &path).unwrap();
    let weights = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    let config = json!({
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": VOCAB,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": max_positions,
        "type_vocab_size": 2,
        "initializer_range": 0.02,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
    });
    ModelFiles {
        weights,
        tokenizer_json: minilm_files().tokenizer_json,
        config_json: serde_json::to_vec(&config).unwrap(),
    }
}

#[test]
fn fast_encoder_matches_candle_on_random_berts_of_other_shapes() -> TestResult {
    let shapes = [
        Shape {
            layers: 2,
            heads: 4,
            hidden: 64,
            intermediate: 128,
            max_positions: 64,
            seed: 1,
        },
        Shape {
            layers: 3,
            heads: 2,
            hidden: 96,
            intermediate: 384,
            max_positions: 128,
            seed: 2,
        },
        // One head of 48 units, an odd number of the fast path's 16-column panels.
        Shape {
            layers: 1,
            heads: 1,
            hidden: 48,
            intermediate: 80,
            max_positions: 40,
            seed: 3,
        },
        // BERT-base's head width (64) and twelve heads, shallow to stay quick.
        Shape {
            layers: 2,
            heads: 12,
            hidden: 768,
            intermediate: 3072,
            max_positions: 512,
            seed: 4,
        },
    ];
    let texts = reference_texts();
    for shape in &shapes {
        // Only texts the network has positions for (both engines refuse longer ones).
        let fitting: Vec<&str> = texts
            .iter()
            .filter(|(_, n_tokens)| *n_tokens <= shape.max_positions)
            .map(|(text, _)| text.as_str())
            .collect();
        assert!(fitting.len() >= 20, "{} texts fit", fitting.len());
        let lowest = compare_engines(random_bert_files(shape), &fitting, MIN_COSINE_RANDOM);
        eprintln!(
            "random BERT {} layers x {} heads, hidden {}, intermediate {}, {} positions: {} texts, lowest cosine {lowest}",
            shape.layers, shape.heads, shape.hidden, shape.intermediate, shape.max_positions, fitting.len()
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
        let files = random_bert_files(shape);
        let candle = CandleEncoder::from_files(files.clone()).expect("candle loads");
        let embedded = candle.embed(&["Rust and WebAssembly"]).unwrap();
        assert_eq!(embedded[0].vector.len(), shape.hidden);
        let error = Encoder::from_files(files)
            .err()
            .expect("the fast encoder refuses");
        assert!(error.to_string().contains(refusal), "{error}");
    }
}
