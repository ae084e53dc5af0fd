//! The model files kept in the browser's Cache Storage, so the 45 MB are downloaded once.
//!
//! The worker stores the three files only after the weights passed their sha256 check and the
//! encoder was built from them, and reads them back before going to the network. Each model
//! has its own cache, named after its weights' sha256 ([`cache_name`]), so two models never
//! share files; the service worker (`www/sw.js`) derives the same names at build time (one per
//! model folder in the build), answers the site's requests for model files from them, and
//! deletes a cache when a release ships other weights. Weights the site serves in parts
//! (all-mpnet-base-v2's, [`jobdelta_encoder::WebCopy::split`]) are stored joined, as the one
//! entry `model.f16.safetensors` (a URL the site does not serve: only this cache answers it),
//! so a cached model is read back like any other. Each entry carries its `Content-Length`, so a
//! truncated copy fails the length check of [`crate::download::read_model`]; a corrupted one
//! fails the sha256 check; either way the caller evicts the whole cache.
//!
//! Cache Storage only exists in secure contexts (https, or 127.0.0.1/localhost): elsewhere
//! [`ModelCache::open`] gives a cache that holds nothing and the model is downloaded each time.

use jobdelta_encoder::ModelSpec;
use jobdelta_protocol::ModelFile;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, CacheStorage, Headers, Response, ResponseInit, WorkerGlobalScope};

use crate::download::{file_url, Downloaded};
use crate::error::js_message;

/// Name of the cache holding `model`'s files (`jobdelta-model-` and the first 16 hex digits of
/// its browser weights' sha256; `scripts/post-build.mjs` computes the same).
pub fn cache_name(model: &ModelSpec) -> String {
    // Every model the worker loads has a browser copy (`load_model` refuses the others).
    let sha256 = model.web.map_or(model.weights_sha256, |web| web.sha256);
    format!("jobdelta-model-{}", sha256.get(..16).unwrap_or(sha256))
}

/// The model cache, or nothing where the browser offers no Cache Storage.
pub struct ModelCache {
    storage: Option<(CacheStorage, Cache)>,
    /// This model's cache ([`cache_name`]).
    name: String,
}

impl ModelCache {
    /// Opens the model cache; never fails (without Cache Storage, nothing is cached).
    pub async fn open(scope: &WorkerGlobalScope, model: &ModelSpec) -> Self {
        let name = cache_name(model);
        let storage = match Self::try_open(scope, &name).await {
            Ok(storage) => Some(storage),
            Err(reason) => {
                web_sys::console::warn_1(
                    &format!("jobdelta worker: the model will not be kept offline ({reason})")
                        .into(),
                );
                None
            }
        };
        Self { storage, name }
    }

    async fn try_open(
        scope: &WorkerGlobalScope,
        name: &str,
    ) -> Result<(CacheStorage, Cache), String> {
        let storage = scope.caches().map_err(|e| js_message(&e))?;
        let cache = JsFuture::from(storage.open(name))
            .await
            .map_err(|e| js_message(&e))?
            .dyn_into::<Cache>()
            .map_err(|_| "caches.open did not return a Cache".to_owned())?;
        Ok((storage, cache))
    }

    /// The cached response of every model file under `base_url`, or `None` unless all are
    /// there (a partly stored model is downloaded again).
    pub async fn lookup(&self, base_url: &str) -> Option<Vec<(ModelFile, Response)>> {
        let (_, cache) = self.storage.as_ref()?;
        let mut responses = Vec::with_capacity(ModelFile::ALL.len());
        for file in ModelFile::ALL {
            let found = JsFuture::from(cache.match_with_str(&file_url(base_url, file)))
                .await
                .ok()?;
            responses.push((file, found.dyn_into::<Response>().ok()?));
        }
        Some(responses)
    }

    /// Stores verified model files; failures (storage full, private mode) only mean the model
    /// is downloaded again next time, so they are logged, not reported.
    pub async fn store(&self, base_url: &str, files: &Downloaded) {
        let Some((_, cache)) = &self.storage else {
            return;
        };
        let entries = [
            (ModelFile::Config, &files.config),
            (ModelFile::Tokenizer, &files.tokenizer),
            (ModelFile::Weights, &files.weights),
        ];
        for (file, bytes) in entries {
            if let Err(reason) = put(cache, &file_url(base_url, file), bytes).await {
                web_sys::console::warn_1(
                    &format!(
                        "jobdelta worker: {} could not be kept for next time ({reason})",
                        file.file_name()
                    )
                    .into(),
                );
                return;
            }
        }
    }

    /// Deletes every cached model file (after a damaged copy was found).
    pub async fn evict(&self) {
        let Some((storage, _)) = &self.storage else {
            return;
        };
        if let Err(error) = JsFuture::from(storage.delete(&self.name)).await {
            web_sys::console::warn_1(
                &format!(
                    "jobdelta worker: the damaged model copy could not be deleted ({})",
                    js_message(&error)
                )
                .into(),
            );
        }
    }
}

/// Stores `bytes` as the response for `url`, with the length that reading it back checks.
async fn put(cache: &Cache, url: &str, bytes: &[u8]) -> Result<(), String> {
    let headers = Headers::new().map_err(|e| js_message(&e))?;
    headers
        .set("Content-Type", "application/octet-stream")
        .and_then(|()| headers.set("Content-Length", &bytes.len().to_string()))
        .map_err(|e| js_message(&e))?;
    let init = ResponseInit::new();
    init.set_headers(&headers);
    let body = Uint8Array::from(bytes);
    let response = Response::new_with_opt_buffer_source_and_init(Some(&body), &init)
        .map_err(|e| js_message(&e))?;
    JsFuture::from(cache.put_with_str(url, &response))
        .await
        .map_err(|e| js_message(&e))?;
    Ok(())
}
