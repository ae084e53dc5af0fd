//! What the native and the browser parity tests share: the reference texts, randomly
//! initialised BERT networks of any shape (built in memory, as safetensors bytes, so the
//! browser, which has no file system, builds the very same ones), and the comparison itself.

#![allow(dead_code)] // each test binary uses a different subset

use std::collections::HashMap;

use candle_core::{Device, Tensor};
use jobdelta_candle::CandleEncoder;
use jobdelta_encoder::{cosine_similarity, Encoder, ModelFiles};
use serde_json::{json, Value};

/// Smallest cosine accepted between the engines on the real model.
pub const MIN_COSINE_MINILM: f32 = 0.99999;
/// Smallest cosine accepted on random networks (no training has tamed their activations).
pub const MIN_COSINE_RANDOM: f32 = 0.9999;

/// The reference fixtures' non-blank texts, with the word-piece counts sentence-transformers
/// found (compiled in: the browser tests read the same bytes).
pub fn reference_texts() -> Vec<(String, usize)> {
    let mut texts = Vec::new();
    for fixture in [
        include_str!("../../../../fixtures/reference/minilm-l6-v2-reference.json"),
        include_str!("../../../../fixtures/reference/extra-texts.json"),
    ] {
        let parsed: Value = serde_json::from_str(fixture).expect("a reference fixture is JSON");
        for entry in parsed["entries"].as_array().expect("entries") {
            let text = entry["text"].as_str().expect("a text").to_owned();
            if text.trim().is_empty() {
                continue; // the fast encoder refuses blank texts (Error::EmptyText)
            }
            let n_tokens = entry["n_tokens_untruncated"].as_u64().expect("a count") as usize;
            texts.push((text, n_tokens));
        }
    }
    texts
}

/// The reference texts a network of `max_positions` positions can read whole (both engines
/// refuse longer ones).
pub fn texts_fitting(texts: &[(String, usize)], max_positions: usize) -> Vec<&str> {
    texts
        .iter()
        .filter(|(_, n_tokens)| *n_tokens <= max_positions)
        .map(|(text, _)| text.as_str())
        .collect()
}

/// How two engines agreed on a set of texts.
#[derive(Debug, Clone, Copy)]
pub struct Agreement {
    /// Texts compared.
    pub texts: usize,
    /// The smallest cosine between the two engines' vectors of one text.
    pub lowest_cosine: f32,
}

/// Embeds `texts` with both engines and checks every pair: same word-piece counts (used and
/// untruncated), same dimension, cosine at least `min_cosine`. The first disagreement is the
/// error.
pub fn compare_engines(
    files: ModelFiles,
    texts: &[&str],
    min_cosine: f32,
) -> Result<Agreement, String> {
    let fast = Encoder::from_files(files.clone()).map_err(|e| format!("the fast encoder: {e}"))?;
    let candle = CandleEncoder::from_files(files).map_err(|e| format!("candle: {e}"))?;
    let fast = fast.embed(texts).map_err(|e| format!("fast embed: {e}"))?;
    let candle = candle
        .embed(texts)
        .map_err(|e| format!("candle embed: {e}"))?;
    if fast.len() != texts.len() || candle.len() != texts.len() {
        return Err(format!(
            "{} texts gave {} fast and {} candle vectors",
            texts.len(),
            fast.len(),
            candle.len()
        ));
    }
    let mut lowest = f32::INFINITY;
    for ((text, fast), candle) in texts.iter().zip(&fast).zip(&candle) {
        if (fast.n_pieces, fast.n_pieces_untruncated)
            != (candle.n_pieces, candle.n_pieces_untruncated)
        {
            return Err(format!(
                "{text:?}: word pieces {}/{} fast, {}/{} candle",
                fast.n_pieces,
                fast.n_pieces_untruncated,
                candle.n_pieces,
                candle.n_pieces_untruncated
            ));
        }
        if fast.vector.len() != candle.vector.len() {
            return Err(format!(
                "{text:?}: {} fast dimensions, {} candle",
                fast.vector.len(),
                candle.vector.len()
            ));
        }
        let cosine = cosine_similarity(&fast.vector, &candle.vector);
        // A NaN fails too.
        if cosine.is_nan() || cosine < min_cosine {
            return Err(format!("{text:?}: cosine {cosine} < {min_cosine}"));
        }
        lowest = lowest.min(cosine);
    }
    Ok(Agreement {
        texts: texts.len(),
        lowest_cosine: lowest,
    })
}

/// A BERT shape to build at random.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub layers: usize,
    pub heads: usize,
    pub hidden: usize,
    pub intermediate: usize,
    pub max_positions: usize,
    pub seed: u64,
}

/// Shapes the fast path runs, checked against candle by both test binaries.
pub const SHAPES: [Shape; 4] = [
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
        Tensor::from_vec(values, dims, &Device::Cpu).expect("a tensor of its own size")
    }
}

/// Adds one random tensor: name, dimensions, center, spread.
type AddTensor<'a> = dyn FnMut(String, &[usize], f32, f32) + 'a;

/// A randomly initialised BERT of `shape` over MiniLM's tokenizer (`tokenizer_json`), its
/// weights serialised to safetensors bytes as a model download would bring them.
pub fn random_bert_files(shape: &Shape, tokenizer_json: Vec<u8>) -> ModelFiles {
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
    let weights = safetensors::serialize(&tensors, None).expect("random tensors serialise");

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
        tokenizer_json,
        config_json: serde_json::to_vec(&config).expect("a JSON value serialises"),
    }
}
