//! Downloads the model files with `fetch`, reading each body as a stream to report progress;
//! the same reading serves copies kept in the model cache ([`crate::model_cache`]).
//!
//! Public, and free of any worker state, because the JS API of the engine
//! (`jobdelta-engine-js`, running on whatever page imports it) loads the model with the very
//! same code: the global `fetch` works in a page and in a worker alike.

use jobdelta_encoder::WebCopy;
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

/// Largest `Content-Length` (or registered size of split weights) trusted for preallocation; a
/// bogus header must not make the worker reserve gigabytes before a single byte has arrived.
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

/// Downloads all model files from `base_url`, the weights as `web` says they are served (one
/// file, or parts joined in order), calling `on_progress(file, bytes_done, bytes_total)` as
/// bytes arrive.
///
/// All requests start at once (of split weights, the first part's), so every file's size is
/// known (and reported with 0 bytes done) within one round trip; the bodies are then read one
/// after the other. Split weights are one file to the progress bar (their total is the
/// registered size of the whole) and to the caller (one buffer, for the one sha256 check);
/// each further part is requested when the one before it is read, and each must have its
/// registered size.
pub async fn download_model(
    base_url: &str,
    web: &WebCopy,
    mut on_progress: impl FnMut(ModelFile, u64, Option<u64>),
) -> Result<Downloaded> {
    if web.split.is_none() {
        let requests: Vec<(ModelFile, Promise)> = ModelFile::ALL
            .iter()
            .map(|&file| (file, global_fetch(&file_url(base_url, file))))
            .collect();
        let mut responses = Vec::with_capacity(requests.len());
        for (file, request) in requests {
            responses.push((file, await_response(file.file_name(), request).await?));
        }
        return read_model(responses, on_progress).await;
    }

    let parts: Vec<(String, u64)> = web
        .weight_files()
        .into_iter()
        .zip(web.part_sizes())
        .collect();
    let part_url = |name: &str| {
        let separator = if base_url.ends_with('/') { "" } else { "/" };
        format!("{base_url}{separator}{name}")
    };
    let config = global_fetch(&file_url(base_url, ModelFile::Config));
    let tokenizer = global_fetch(&file_url(base_url, ModelFile::Tokenizer));
    let first_part = parts.first().map(|(name, _)| global_fetch(&part_url(name)));
    let config = await_response(ModelFile::Config.file_name(), config).await?;
    let tokenizer = await_response(ModelFile::Tokenizer.file_name(), tokenizer).await?;
    let mut first_part = match (first_part, parts.first()) {
        (Some(request), Some((name, _))) => Some(await_response(name, request).await?),
        _ => None,
    };
    let (config_total, tokenizer_total) = (content_length(&config), content_length(&tokenizer));
    on_progress(ModelFile::Config, 0, config_total);
    on_progress(ModelFile::Tokenizer, 0, tokenizer_total);
    on_progress(ModelFile::Weights, 0, Some(web.bytes));
    let mut downloaded = Downloaded {
        config: Vec::new(),
        tokenizer: Vec::new(),
        weights: Vec::with_capacity(web.bytes.min(MAX_PREALLOCATION) as usize),
    };
    read_body(
        ModelFile::Config.file_name(),
        &config,
        config_total,
        &mut downloaded.config,
        |done| on_progress(ModelFile::Config, done, config_total),
    )
    .await?;
    read_body(
        ModelFile::Tokenizer.file_name(),
        &tokenizer,
        tokenizer_total,
        &mut downloaded.tokenizer,
        |done| on_progress(ModelFile::Tokenizer, done, tokenizer_total),
    )
    .await?;
    for (name, size) in &parts {
        let response = match first_part.take() {
            Some(response) => response,
            None => await_response(name, global_fetch(&part_url(name))).await?,
        };
        let before = downloaded.weights.len() as u64;
        // Errors name the part: that is the file missing or cut short on the server.
        read_body(
            name,
            &response,
            Some(*size),
            &mut downloaded.weights,
            |done| on_progress(ModelFile::Weights, before + done, Some(web.bytes)),
        )
        .await?;
    }
    Ok(downloaded)
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
        let bytes = match file {
            ModelFile::Config => &mut downloaded.config,
            ModelFile::Tokenizer => &mut downloaded.tokenizer,
            ModelFile::Weights => &mut downloaded.weights,
        };
        read_body(file.file_name(), &response, total, bytes, |done| {
            on_progress(file, done, total)
        })
        .await?;
    }
    Ok(downloaded)
}

/// Waits for a response's headers and turns HTTP errors into [`WorkerError::HttpStatus`].
async fn await_response(name: &str, request: Promise) -> Result<Response> {
    let value = JsFuture::from(request)
        .await
        .map_err(|error| WorkerError::Network {
            file: name.to_owned(),
            reason: js_message(&error),
        })?;
    let response: Response = value
        .dyn_into()
        .map_err(|_| WorkerError::Internal(format!("fetch of {name} did not return a Response")))?;
    if !response.ok() {
        return Err(WorkerError::HttpStatus {
            file: name.to_owned(),
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

/// Reads a whole body chunk by chunk, appending it to `bytes` (the parts of split weights go
/// one after the other into one buffer), calling `on_progress(bytes_done)` (of this body)
/// every [`PROGRESS_STEP`] bytes and once at the end; a body of other than `total` bytes is an
/// error.
async fn read_body(
    name: &str,
    response: &Response,
    total: Option<u64>,
    bytes: &mut Vec<u8>,
    mut on_progress: impl FnMut(u64),
) -> Result<()> {
    let network = |error: wasm_bindgen::JsValue| WorkerError::Network {
        file: name.to_owned(),
        reason: js_message(&error),
    };
    let offset = bytes.len();
    let received = |bytes: &Vec<u8>| (bytes.len() - offset) as u64;
    // A null body is how fetch represents an empty one.
    let Some(body) = response.body() else {
        on_progress(0);
        return match total.filter(|&t| t != 0) {
            Some(total) => Err(WorkerError::Network {
                file: name.to_owned(),
                reason: format!("received 0 bytes of {total}"),
            }),
            None => Ok(()),
        };
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let capacity = total.map_or(0, |t| t.min(MAX_PREALLOCATION)) as usize;
    bytes.reserve(capacity);
    let mut reported = offset;
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
            on_progress(received(bytes));
        }
    }
    on_progress(received(bytes));
    if let Some(total) = total.filter(|&t| t != received(bytes)) {
        return Err(WorkerError::Network {
            file: name.to_owned(),
            reason: format!("received {} bytes of {total}", received(bytes)),
        });
    }
    Ok(())
}
