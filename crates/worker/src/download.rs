//! Downloads the model files with `fetch`, reading each body as a stream to report progress;
//! the same reading serves copies kept in the model cache ([`crate::model_cache`]).
//!
//! Public, and free of any worker state, because the JS API of the engine
//! (`jobdelta-engine-js`, running on whatever page imports it) loads the model with the very
//! same code: the global `fetch` works in a page and in a worker alike.

use jobdelta_protocol::ModelFile;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult, Response};

use crate::error::{js_message, Result, WorkerError};

/// Bytes between two progress reports: often enough for a smooth bar, rarely enough that the
/// page is not flooded with messages (about 90 for the weights).
const PROGRESS_STEP: usize = 1 << 20;

/// Largest `Content-Length` trusted for preallocation; a bogus header must not make the worker
/// reserve gigabytes before a single byte has arrived.
const MAX_PREALLOCATION: u64 = 256 << 20;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of the scope this runs in (a page's window or a worker's scope):
    /// one binding for both, where web-sys has one per scope type.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> Promise;
}

/// The contents of every model file, in [`ModelFile::ALL`] order.
pub struct Downloaded {
    /// `config.json`.
    pub config: Vec<u8>,
    /// `tokenizer.json`.
    pub tokenizer: Vec<u8>,
    /// `model.f16.safetensors`.
    pub weights: Vec<u8>,
}

/// The URL of one model file in the model directory `base_url`.
pub fn file_url(base_url: &str, file: ModelFile) -> String {
    let separator = if base_url.ends_with('/') { "" } else { "/" };
    format!("{base_url}{separator}{}", file.file_name())
}

/// Downloads all model files from `base_url`, calling `on_progress(file, bytes_done,
/// bytes_total)` as bytes arrive.
///
/// All requests start at once, so every file's size is known (and reported with 0 bytes done)
/// within one round trip; the bodies are then read one after the other.
pub async fn download_model(
    base_url: &str,
    on_progress: impl FnMut(ModelFile, u64, Option<u64>),
) -> Result<Downloaded> {
    let requests: Vec<(ModelFile, Promise)> = ModelFile::ALL
        .iter()
        .map(|&file| (file, global_fetch(&file_url(base_url, file))))
        .collect();
    let mut responses = Vec::with_capacity(requests.len());
    for (file, request) in requests {
        responses.push((file, await_response(file, request).await?));
    }
    read_model(responses, on_progress).await
}

/// Reads the bodies of one response per model file (from the network or the model cache),
/// reporting every file's size first and then the bytes as they arrive.
pub async fn read_model(
    responses: Vec<(ModelFile, Response)>,
    mut on_progress: impl FnMut(ModelFile, u64, Option<u64>),
) -> Result<Downloaded> {
    let responses: Vec<_> = responses
        .into_iter()
        .map(|(file, response)| {
            let total = content_length(&response);
            on_progress(file, 0, total);
            (file, response, total)
        })
        .collect();

    let mut downloaded = Downloaded {
        config: Vec::new(),
        tokenizer: Vec::new(),
        weights: Vec::new(),
    };
    for (file, response, total) in responses {
        let bytes = read_body(file, &response, total, |done| {
            on_progress(file, done, total)
        })
        .await?;
        match file {
            ModelFile::Config => downloaded.config = bytes,
            ModelFile::Tokenizer => downloaded.tokenizer = bytes,
            ModelFile::Weights => downloaded.weights = bytes,
        }
    }
    Ok(downloaded)
}

/// Waits for a response's headers and turns HTTP errors into [`WorkerError::HttpStatus`].
async fn await_response(file: ModelFile, request: Promise) -> Result<Response> {
    let name = file.file_name();
    let value = JsFuture::from(request)
        .await
        .map_err(|error| WorkerError::Network {
            file: name,
            reason: js_message(&error),
        })?;
    let response: Response = value
        .dyn_into()
        .map_err(|_| WorkerError::Internal(format!("fetch of {name} did not return a Response")))?;
    if !response.ok() {
        return Err(WorkerError::HttpStatus {
            file: name,
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    Ok(response)
}

/// The body's size in bytes, if the server said and the body is not compressed (with a
/// `Content-Encoding`, `Content-Length` counts compressed bytes while the stream yields
/// decompressed ones).
fn content_length(response: &Response) -> Option<u64> {
    let headers = response.headers();
    let encoding = headers.get("content-encoding").ok().flatten();
    if encoding.is_some_and(|e| !e.eq_ignore_ascii_case("identity")) {
        return None;
    }
    headers
        .get("content-length")
        .ok()
        .flatten()?
        .trim()
        .parse()
        .ok()
}

/// Reads a whole body chunk by chunk, calling `on_progress(bytes_done)` every
/// [`PROGRESS_STEP`] bytes and once at the end.
async fn read_body(
    file: ModelFile,
    response: &Response,
    total: Option<u64>,
    mut on_progress: impl FnMut(u64),
) -> Result<Vec<u8>> {
    let name = file.file_name();
    let network = |error: wasm_bindgen::JsValue| WorkerError::Network {
        file: name,
        reason: js_message(&error),
    };
    // A null body is how fetch represents an empty one.
    let Some(body) = response.body() else {
        on_progress(0);
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let capacity = total.map_or(0, |t| t.min(MAX_PREALLOCATION)) as usize;
    let mut bytes = Vec::with_capacity(capacity);
    let mut reported = 0;
    loop {
        let result: ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(network)?
            .unchecked_into();
        if result.get_done().unwrap_or(false) {
            break;
        }
        let chunk: Uint8Array = result.get_value().dyn_into().map_err(|_| {
            WorkerError::Internal(format!("the body of {name} did not arrive as bytes"))
        })?;
        let start = bytes.len();
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
        if bytes.len() - reported >= PROGRESS_STEP {
            reported = bytes.len();
            on_progress(reported as u64);
        }
    }
    on_progress(bytes.len() as u64);
    if let Some(total) = total.filter(|&t| t != bytes.len() as u64) {
        return Err(WorkerError::Network {
            file: name,
            reason: format!("received {} bytes of {total}", bytes.len()),
        });
    }
    Ok(bytes)
}
