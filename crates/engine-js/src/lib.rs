//! The JS API of jobdelta's engine: an ES module any web page can import to embed and search
//! text privately, in the browser, with the same encoder the app runs (all-MiniLM-L6-v2 unless
//! `model` names another of the app's models).
//!
//! ```js
//! import { Engine } from './engine/jobdelta.js';
//! const engine = await Engine.load({ modelUrl: './models/all-MiniLM-L6-v2/' });
//! const [a, b] = engine.embed(['Rust developer', 'Writes Rust']); // Float32Array rows
//! engine.similarity(a, b);                                          // cosine, a number
//! engine.search('databases', ['PostgreSQL tuning', 'Team lead'], { topK: 1 });
//! engine.tokenize('Rust');                                          // { tokens, ids, … }
//! ```
//!
//! `Engine.load` fetches `config.json`, `tokenizer.json` and `model.f16.safetensors` (or, for
//! all-mpnet-base-v2, its parts) from `modelUrl` and checks the weights' sha256 with the model
//! worker's own code ([`jobdelta_worker::download`], [`jobdelta_worker::verify_sha256`]), then
//! builds one [`Encoder`] for the model the options name, at the precision they name. Everything runs on the calling thread (a page, or a module worker of the
//! caller's own); nothing leaves the browser. Options and results are plain JS objects
//! (serde-wasm-bindgen); embeddings are one `Float32Array` per text, of the model's width (384;
//! 768 for all-mpnet-base-v2). Every
//! failure is a `JsError` naming the method and what to do. The pure part (options, results,
//! ranking, errors) is [`api`], tested natively.
//!
//! Built by Trunk (index.html) into `dist/engine/` with `wasm-bindgen --target web`; the
//! module `engine/jobdelta.js` (www/engine/jobdelta.js) initialises the wasm on the first
//! `Engine.load`.

pub mod api;

use api::{Error, Hit, LoadOptions, SearchOptions, Tokens, DEFAULT_TOP_K, LOAD_OPTIONS};
use jobdelta_encoder::{cosine_similarity, Encoder, ModelFiles};
use js_sys::{Array, Float32Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options of Engine.load. */
export interface LoadOptions {
  /** URL of the folder holding config.json, tokenizer.json and model.f16.safetensors (or its parts). */
  modelUrl: string;
  /** The model the folder holds: "all-MiniLM-L6-v2" (default), "paraphrase-MiniLM-L3-v2" or "all-mpnet-base-v2". */
  model?: string;
  /** "f32" (default, the reference) or "int8" (quantised dense layers: faster, a little less exact). */
  precision?: "f32" | "int8";
}
/** Options of engine.search. */
export interface SearchOptions {
  /** How many results at most (default 10). */
  topK?: number;
}
/** One search result. */
export interface Hit {
  /** Position in the corpus, from 0. */
  index: number;
  /** Cosine similarity to the query. */
  score: number;
  /** The corpus text, when the corpus was given as texts. */
  text?: string;
}
/** The word pieces of a text as the model reads them (at most its length, 256 for all-MiniLM-L6-v2, [CLS] and [SEP] included). */
export interface Tokens {
  tokens: string[];
  ids: number[];
  nTokensUntruncated: number;
  truncated: boolean;
}
/** A text, or one of its embeddings (a row returned by embed). */
export type TextOrVector = string | Float32Array | number[];
"#;

/// A model, loaded and ready: the whole sentence-transformers pipeline.
#[wasm_bindgen]
pub struct Engine {
    encoder: Encoder,
}

#[wasm_bindgen]
impl Engine {
    /// Fetches the model named by `model` from `modelUrl`, checks its sha256 and builds the
    /// engine at `precision`.
    pub async fn load(
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] options: JsValue,
    ) -> Result<Engine, JsError> {
        console_error_panic_hook::set_once();
        let options: LoadOptions = decode("Engine.load", LOAD_OPTIONS, api::LOAD_KEYS, options)?;
        let url = options.model_url()?;
        let model = options.model()?;
        let precision = options.precision()?;
        let failed = |reason: String| Error::Load {
            url: url.to_owned(),
            reason,
        };
        let web = model
            .web
            .ok_or_else(|| failed(format!("{} has no browser copy", model.name)))?;
        let files = jobdelta_worker::download::download_model(url, &web, |_, _, _| {})
            .await
            .map_err(|e| failed(e.to_string()))?;
        jobdelta_worker::verify_sha256(&files.weights, web.sha256).map_err(|e| {
            // The likeliest cause when no model was named: the folder holds another one.
            let hint = match options.model {
                None => format!(
                    " (if the folder holds another model than {}, name it: {{ model: \"…\" }})",
                    model.name
                ),
                Some(_) => String::new(),
            };
            failed(format!("{e}{hint}"))
        })?;
        let files = ModelFiles {
            weights: files.weights,
            tokenizer_json: files.tokenizer,
            config_json: files.config,
        };
        let encoder =
            Encoder::for_model(files, model, precision).map_err(|e| failed(e.to_string()))?;
        Ok(Engine { encoder })
    }

    /// The embeddings of `texts` (a string or an array of strings): one `Float32Array` of 384
    /// unit-length numbers per text, in order.
    #[wasm_bindgen(unchecked_return_type = "Float32Array[]")]
    pub fn embed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] texts: JsValue,
    ) -> Result<Array, JsError> {
        let texts = texts_of("embed", "texts", texts)?;
        let rows = self.embed_texts("embed", &texts)?;
        Ok(rows
            .iter()
            .map(|row| Float32Array::from(&row[..]))
            .collect())
    }

    /// The cosine similarity of `a` and `b`, each a text or an embedding from `embed`.
    pub fn similarity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TextOrVector")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TextOrVector")] b: JsValue,
    ) -> Result<f32, JsError> {
        let a = self.vector_of("similarity", "a", a)?;
        let b = self.vector_of("similarity", "b", b)?;
        Ok(cosine_similarity(&a, &b))
    }

    /// The corpus entries most similar to `query`, best first: `{ index, score, text? }`.
    /// `corpus` is an array of texts or of embeddings from `embed` (embed a large corpus once
    /// and search it many times); `options.topK` defaults to 10.
    #[wasm_bindgen(unchecked_return_type = "Hit[]")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TextOrVector")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[] | Float32Array[]")] corpus: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SearchOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        const METHOD: &str = "search";
        let options: SearchOptions = if options.is_undefined() || options.is_null() {
            SearchOptions::default()
        } else {
            decode(METHOD, api::SEARCH_OPTIONS, api::SEARCH_KEYS, options)?
        };
        let corpus = Corpus::of(corpus)?;
        let query = self.vector_of(METHOD, "query", query)?;
        let top_k = options.top_k.unwrap_or(DEFAULT_TOP_K);
        let hits: Vec<Hit> = match &corpus {
            Corpus::Texts(texts) if texts.is_empty() => Vec::new(),
            Corpus::Texts(texts) => {
                let rows = self.embed_texts(METHOD, texts)?;
                api::rank(&query, &rows, top_k)
                    .into_iter()
                    .map(|(index, score)| Hit {
                        index,
                        score,
                        text: texts.get(index).cloned(),
                    })
                    .collect()
            }
            Corpus::Vectors(rows) => {
                for (i, row) in rows.iter().enumerate() {
                    api::check_dimension(METHOD, || format!("corpus[{i}]"), row, self.dims())?;
                }
                api::rank(&query, rows, top_k)
                    .into_iter()
                    .map(|(index, score)| Hit {
                        index,
                        score,
                        text: None,
                    })
                    .collect()
            }
        };
        encode(&hits)
    }

    /// The word pieces of `text` as the model reads them: `{ tokens, ids, nTokensUntruncated,
    /// truncated }`.
    #[wasm_bindgen(unchecked_return_type = "Tokens")]
    pub fn tokenize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = text.as_string().ok_or(Error::Argument {
            method: "tokenize",
            what: "text",
            expected: "a string",
        })?;
        let tokens = self
            .encoder
            .tokenizer()
            .tokenize(&text)
            .map_err(|source| Error::Encoder {
                method: "tokenize",
                source,
            })?;
        encode(&Tokens::from(tokens))
    }

    /// Numbers in every embedding (384; 768 for all-mpnet-base-v2).
    #[wasm_bindgen(getter)]
    pub fn dims(&self) -> usize {
        self.encoder.model().dim
    }

    /// The model this engine runs (`sentence-transformers/all-MiniLM-L6-v2`, …).
    #[wasm_bindgen(getter, js_name = modelId)]
    pub fn model_id(&self) -> String {
        self.encoder.model().id.to_owned()
    }

    /// The arithmetic of its dense layers: `"f32"` or `"int8"`.
    #[wasm_bindgen(getter)]
    pub fn precision(&self) -> String {
        self.encoder.precision().name().to_owned()
    }
}

impl Engine {
    /// Embeds texts, with the method's name on any error.
    fn embed_texts(&self, method: &'static str, texts: &[String]) -> api::Result<Vec<Vec<f32>>> {
        let embeddings = self
            .encoder
            .embed(texts)
            .map_err(|source| Error::Encoder { method, source })?;
        Ok(embeddings.into_iter().map(|e| e.vector).collect())
    }

    /// A text's embedding, or a vector passed in (checked to be the model's dimension).
    fn vector_of(
        &self,
        method: &'static str,
        what: &'static str,
        value: JsValue,
    ) -> api::Result<Vec<f32>> {
        if let Some(text) = value.as_string() {
            let mut rows = self.embed_texts(method, &[text])?;
            return rows.pop().ok_or(Error::Argument {
                method,
                what,
                expected: "a text the model can embed",
            });
        }
        let vector = vector_from(&value).ok_or(Error::Argument {
            method,
            what,
            expected: "a text, or an embedding returned by embed() (Float32Array)",
        })?;
        api::check_dimension(method, || what.to_owned(), &vector, self.dims())?;
        Ok(vector)
    }
}

/// A search corpus: texts to embed, or embeddings already made.
enum Corpus {
    Texts(Vec<String>),
    Vectors(Vec<Vec<f32>>),
}

impl Corpus {
    fn of(value: JsValue) -> api::Result<Self> {
        let refused = Error::Argument {
            method: "search",
            what: "corpus",
            expected:
                "an array of texts, or an array of embeddings returned by embed() (not a mix)",
        };
        let Some(items) = value.dyn_ref::<Array>() else {
            return Err(refused);
        };
        let all_texts: Option<Vec<String>> = items.iter().map(|item| item.as_string()).collect();
        if let Some(texts) = all_texts {
            return Ok(Corpus::Texts(texts));
        }
        let all_vectors: Option<Vec<Vec<f32>>> =
            items.iter().map(|item| vector_from(&item)).collect();
        all_vectors.map(Corpus::Vectors).ok_or(refused)
    }
}

/// A `Float32Array`, or a plain array of numbers, as a vector.
fn vector_from(value: &JsValue) -> Option<Vec<f32>> {
    if let Some(array) = value.dyn_ref::<Float32Array>() {
        return Some(array.to_vec());
    }
    if Array::is_array(value) {
        return serde_wasm_bindgen::from_value(value.clone()).ok();
    }
    None
}

/// `texts` as a list: one string, or an array of strings.
fn texts_of(method: &'static str, what: &'static str, value: JsValue) -> api::Result<Vec<String>> {
    if let Some(text) = value.as_string() {
        return Ok(vec![text]);
    }
    value
        .dyn_ref::<Array>()
        .and_then(|items| items.iter().map(|item| item.as_string()).collect())
        .ok_or(Error::Argument {
            method,
            what,
            expected: "a string or an array of strings",
        })
}

/// Options from a JS object (no key but `known`), with the method's name and what it takes
/// on error.
fn decode<T: DeserializeOwned>(
    method: &'static str,
    expected: &'static str,
    known: &[&str],
    value: JsValue,
) -> api::Result<T> {
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        let keys: Vec<String> = js_sys::Object::keys(object)
            .iter()
            .filter_map(|key| key.as_string())
            .collect();
        api::check_keys(method, expected, &keys, known)?;
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| Error::Options {
        method,
        // serde-wasm-bindgen's errors are JS `Error`s, shown as "Error: …".
        reason: e.to_string().trim_start_matches("Error: ").to_owned(),
        expected,
    })
}

/// A result as a plain JS object.
fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value)
        .map_err(|e| JsError::new(&format!("could not return the result: {e}")))
}
