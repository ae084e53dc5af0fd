//! jobdelta's model worker: the browser glue around `jobdelta-encoder`.
//!
//! It runs in a dedicated Web Worker so that downloading 45 MB, hashing it, building the model
//! and running it never block the page. It speaks only [`jobdelta_protocol`]: it announces
//! itself with `Started` and lists the models it can load (`Models`, from
//! [`jobdelta_encoder::registry`]), downloads the three files of the model the page names
//! (streaming, with progress; weights served in parts are joined, `download.rs`), checks the weights (the half-precision copy) against that
//! model's [`ModelSpec::web`] copy, builds one model — the fast
//! [`jobdelta_encoder::Encoder`], or in the `worker-candle` build (feature `candle`)
//! candle-transformers' BERT: `engine.rs` — and answers with it. Every failure is reported to
//! the page as a message it can show; nothing on the network or input path panics.

mod analysis;
mod cache;
pub mod download;
mod embedding;
mod engine;
mod error;
mod interview;
mod map;
mod model_cache;
mod pool;
mod post;
mod posture;
mod progress;
mod schedule;
mod search;
mod verify;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use engine::{Embedder, EngineKind};
use jobdelta_encoder::{browser_models, cosine_similarity, find_model, ModelFiles, ModelSpec};
use jobdelta_protocol as protocol;
use jobdelta_protocol::{
    Engine, FromWorker, ModelInfo, PieceCount, PreprocessedCosine, Preprocessing, RequestId,
    ToWorker, WireMessage,
};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

pub use error::{Result, WorkerError};
pub use verify::{verify_sha256, verify_sha256_browser};

/// Entry point of the `worker` and `worker-relaxed` binaries (the fast encoder): installs
/// the panic hook and the message handler, then tells the page it is listening.
pub fn run() {
    run_engine(EngineKind::Fast);
}

/// Entry point of the `worker-candle` binary: [`run`], embedding with candle-transformers'
/// BERT (f32 only, whatever precision the page asks for).
#[cfg(feature = "candle")]
pub fn run_candle() {
    run_engine(EngineKind::Candle);
}

fn run_engine(kind: EngineKind) {
    console_error_panic_hook::set_once();
    if let Err(error) = Worker::install(kind) {
        // Without a worker scope there is no page to tell; the console is all there is.
        web_sys::console::error_1(&error);
    }
}

/// The precision a page that names none gets: int8, 1.83× the sentences per second of f32 on
/// one worker in Chromium (idle machine; 167 sentences/s on two workers) at the same ranking
/// quality (ROC-AUC 0.8449 against 0.8441 on the shared labels; min cosine 0.992 to
/// sentence-transformers): docs/benchmarks.md and docs/quality.md, "int8". f32 stays a setting
/// (`?precision=f32`, linked from the model status); the parity tests and the end-to-end suites
/// that compare with the reference or the CLI ask for it.
const DEFAULT_PRECISION: protocol::Precision = protocol::Precision::Int8;

/// What the page lists of a registered model.
fn model_info(model: &ModelSpec) -> ModelInfo {
    ModelInfo {
        name: model.name.to_owned(),
        id: model.id.to_owned(),
        licence: model.licence.to_owned(),
        download_bytes: model.web.map_or(0, |web| web.bytes),
        layers: model.layers,
        max_seq_len: model.max_seq_len,
        candle: model.architecture.in_candle_transformers(),
    }
}

/// Where the model is in its life.
enum Model {
    /// Not loaded (never asked, or the last attempt failed).
    Empty,
    /// A `LoadModel` is under way.
    Loading,
    /// Ready for requests.
    Ready {
        /// Boxed: the model is large and the other states are empty.
        embedder: Box<Embedder>,
        /// How long loading took, repeated to a page that asks again.
        load_ms: u64,
        /// How it runs, repeated to a page that asks again.
        engine: Engine,
    },
}

/// The worker's state: one model instance for the worker's whole life.
struct Worker {
    scope: DedicatedWorkerGlobalScope,
    /// The forward pass this build runs.
    kind: EngineKind,
    model: RefCell<Model>,
    /// Embeddings computed so far, in memory and in IndexedDB.
    cache: cache::EmbeddingCache,
    /// The analysis that may run; any other stops at its next slice.
    current_analysis: Cell<Option<RequestId>>,
    /// Helper workers sharing the embedding (none in a helper itself).
    pool: Rc<pool::Pool>,
    /// The requirements of the last analysis, for `Search`.
    search_index: RefCell<Option<search::SearchIndex>>,
    /// The map that may run; any other stops at its next advance.
    current_map: Cell<Option<RequestId>>,
    /// The sentence vectors of the last analysis, for `Map` and `Similarities`.
    map_vectors: RefCell<Option<map::MapVectors>>,
    /// The last interview's plan and vectors, for `Ask`.
    interview: RefCell<Option<interview::Planned>>,
}

impl Worker {
    /// Registers the message handler and announces `Started`.
    fn install(kind: EngineKind) -> std::result::Result<(), JsValue> {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
        let worker = Rc::new(Worker {
            scope,
            kind,
            model: RefCell::new(Model::Empty),
            cache: cache::EmbeddingCache::default(),
            current_analysis: Cell::new(None),
            pool: Rc::new(pool::Pool::default()),
            search_index: RefCell::new(None),
            current_map: Cell::new(None),
            map_vectors: RefCell::new(None),
            interview: RefCell::new(None),
        });
        let handler = {
            let worker = Rc::clone(&worker);
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                worker.on_message(&event)
            })
        };
        worker
            .scope
            .set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The handler must live as long as the worker, which is what leaking it achieves.
        handler.forget();
        worker.post(FromWorker::Started);
        worker.post(FromWorker::Models {
            models: browser_models().map(model_info).collect(),
        });
        Ok(())
    }

    /// Sends a message to the page.
    fn post(&self, message: FromWorker) {
        let posted = jobdelta_protocol::js::post_from_worker(message, |message, transfer| {
            self.scope.post_message_with_transfer(message, transfer)
        });
        if let Err(error) = posted {
            web_sys::console::error_2(&"jobdelta worker: could not post a message:".into(), &error);
        }
    }

    fn on_message(self: &Rc<Self>, event: &MessageEvent) {
        let Some(json) = event.data().as_string() else {
            web_sys::console::error_2(
                &"jobdelta worker: ignoring a message that is not a string:".into(),
                &event.data(),
            );
            return;
        };
        match ToWorker::from_json(&json) {
            Ok(ToWorker::LoadModel {
                base_url,
                workers,
                precision,
                model,
            }) => self.load_model(
                base_url,
                workers,
                precision.unwrap_or(DEFAULT_PRECISION),
                model.as_deref(),
            ),
            Ok(ToWorker::Embed { request_id, texts }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(worker.embed_request(request_id, texts));
            }
            Ok(ToWorker::Compare {
                request_id,
                first,
                second,
            }) => {
                let reply = match self.compare(&first, &second) {
                    Ok(compared) => FromWorker::Compared {
                        request_id,
                        cosine: compared.cosine,
                        first: compared.first,
                        second: compared.second,
                        preprocessed: self.compare_preprocessed(&first, &second),
                    },
                    Err(error) => FromWorker::RequestFailed {
                        request_id,
                        message: error.to_string(),
                    },
                };
                self.post(reply);
            }
            Ok(ToWorker::Analyze {
                request_id,
                resume,
                posts,
                thresholds,
            }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(
                    worker.analyze(request_id, resume, posts, thresholds),
                );
            }
            Ok(ToWorker::Search {
                request_id,
                query,
                limit,
            }) => self.search(request_id, query, limit),
            Ok(ToWorker::Map { request_id }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(worker.map(request_id));
            }
            Ok(ToWorker::Similarities { request_id, post }) => self.similarities(request_id, post),
            Ok(ToWorker::Interview {
                request_id,
                resume,
                posts,
            }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(worker.interview(request_id, resume, posts));
            }
            Ok(ToWorker::Ask {
                request_id,
                resume,
                question,
                limit,
            }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(worker.ask(request_id, resume, question, limit));
            }
            Ok(ToWorker::Progress {
                request_id,
                versions,
                posts,
                thresholds,
            }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(
                    worker.progress(request_id, versions, posts, thresholds),
                );
            }
            Ok(ToWorker::Posture {
                request_id,
                resume,
                posts,
                meta,
                thresholds,
            }) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(
                    worker.posture(request_id, resume, posts, meta, thresholds),
                );
            }
            Ok(ToWorker::Cancel { request_id }) => self.cancel(request_id),
            Ok(ToWorker::ClearCache) => {
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(error) = worker.cache.clear().await {
                        web_sys::console::warn_1(
                            &format!("jobdelta worker: clearing embeddings failed: {error}").into(),
                        );
                    }
                    worker.post(FromWorker::CacheCleared);
                });
            }
            // The page never sends it; see its documentation.
            Ok(ToWorker::PanicForTest) => {
                panic!("jobdelta worker: asked to panic (a test of how the page recovers)")
            }
            // Without a request id there is no one to answer; this is a build mismatch or a bug.
            Err(error) => web_sys::console::error_1(
                &format!("jobdelta worker: ignoring a message: {error}").into(),
            ),
        }
    }

    /// Starts loading the model called `model` (the default when `None`) unless one is
    /// loading or loaded already; once it is ready, starts the helper workers (`workers` in
    /// all, or as many as [`schedule::planned_workers`] chooses), which load the same model at
    /// the same `precision` (candle's: always f32).
    fn load_model(
        self: &Rc<Self>,
        base_url: String,
        workers: Option<usize>,
        precision: protocol::Precision,
        model: Option<&str>,
    ) {
        match &*self.model.borrow() {
            Model::Ready {
                embedder,
                load_ms,
                engine,
            } => {
                // A worker runs one model for its life: it answers with the one it runs.
                self.post(FromWorker::Ready {
                    model_id: embedder.model_id(),
                    load_ms: *load_ms,
                    engine: *engine,
                });
                return;
            }
            // The load under way reports to the page by itself.
            Model::Loading => return,
            Model::Empty => {}
        }
        let spec = match model {
            None => jobdelta_encoder::DEFAULT_MODEL,
            // Only a model with a browser copy: the others are the CLI's.
            Some(name) => match find_model(name).filter(|spec| spec.web.is_some()) {
                Some(spec) => spec,
                None => {
                    let known: Vec<&str> = browser_models().map(|m| m.name).collect();
                    self.post(FromWorker::LoadFailed {
                        message: WorkerError::UnknownModel {
                            name: name.to_owned(),
                            known: known.join(", "),
                        }
                        .to_string(),
                    });
                    return;
                }
            },
        };
        *self.model.borrow_mut() = Model::Loading;
        let precision = self.kind.precision(precision);
        let planned = workers
            .unwrap_or_else(|| self.workers_for_this_device(spec))
            .clamp(1, schedule::MAX_WORKERS);
        let worker = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let started = js_sys::Date::now();
            match worker.fetch_and_build(&base_url, spec, precision).await {
                Ok(embedder) => {
                    let load_ms = (js_sys::Date::now() - started).max(0.0) as u64;
                    let engine: Engine = embedder.engine(planned);
                    let model_id = embedder.model_id();
                    worker.cache.set_model(&model_id, spec.dim);
                    *worker.model.borrow_mut() = Model::Ready {
                        embedder: Box::new(embedder),
                        load_ms,
                        engine,
                    };
                    worker.post(FromWorker::Ready {
                        model_id,
                        load_ms,
                        engine,
                    });
                    worker.start_helpers(&base_url, planned, precision, spec);
                }
                Err(error) => {
                    *worker.model.borrow_mut() = Model::Empty;
                    worker.post(FromWorker::LoadFailed {
                        message: error.to_string(),
                    });
                }
            }
        });
    }

    /// How many workers this device can afford for `model`: its cores, capped by its memory
    /// at that model's budget per worker (all-mpnet-base-v2's is about five times the default's).
    fn workers_for_this_device(&self, model: &ModelSpec) -> usize {
        let navigator = self.scope.navigator();
        let cores = navigator.hardware_concurrency();
        // Not in web-sys, and only some browsers tell (in GiB, rounded down to a power of 2).
        let device_memory = js_sys::Reflect::get(&navigator, &JsValue::from_str("deviceMemory"))
            .ok()
            .and_then(|value| value.as_f64());
        schedule::planned_workers(
            (cores.is_finite() && cores >= 1.0).then_some(cores as usize),
            device_memory,
            schedule::mib_per_worker(model.web.map_or(0, |web| web.bytes)),
        )
    }

    /// Starts the helpers of a pool of `planned` workers (none for a pool of one).
    fn start_helpers(
        self: &Rc<Self>,
        base_url: &str,
        planned: usize,
        precision: protocol::Precision,
        model: &'static ModelSpec,
    ) {
        if planned <= 1 {
            return;
        }
        // The helpers run this very script (same build, same SIMD choice).
        let script_url = match self.scope.location().href() {
            href if !href.is_empty() => href,
            _ => return,
        };
        let worker = Rc::downgrade(self);
        let tell_page: Rc<dyn Fn(FromWorker)> = Rc::new(move |message| {
            if let Some(worker) = worker.upgrade() {
                worker.post(message);
            }
        });
        self.pool
            .start(&script_url, base_url, planned, precision, model, tell_page);
    }

    /// Builds the model from the model cache, or else downloads, verifies and builds it
    /// and keeps the files for next time; reports each stage to the page.
    ///
    /// A cached copy that fails any check (truncated, corrupted, unreadable) is deleted and
    /// reported as [`WorkerError::CachedModelDamaged`]: the page's Retry then downloads it.
    async fn fetch_and_build(
        &self,
        base_url: &str,
        model: &'static ModelSpec,
        precision: protocol::Precision,
    ) -> Result<Embedder> {
        let cache = model_cache::ModelCache::open(&self.scope, model).await;
        let on_progress = |file, bytes_done, bytes_total| {
            self.post(FromWorker::Download {
                file,
                bytes_done,
                bytes_total,
            })
        };
        if let Some(cached) = cache.lookup(base_url).await {
            let built = match download::read_model(cached, on_progress).await {
                Ok(files) => self
                    .verify(&files, model)
                    .await
                    .and_then(|()| self.build(files, model, precision)),
                Err(error) => Err(error),
            };
            return match built {
                Ok(embedder) => Ok(embedder),
                Err(error) => {
                    cache.evict().await;
                    Err(error.in_cached_copy())
                }
            };
        }
        let web = model
            .web
            .ok_or_else(|| WorkerError::Internal(format!("{} has no browser copy", model.name)))?;
        let files = download::download_model(base_url, &web, on_progress).await?;
        self.verify(&files, model).await?;
        // Stored before building, which consumes the bytes (a copy would need 45 MB more).
        cache.store(base_url, &files).await;
        let built = self.build(files, model, precision);
        if built.is_err() {
            // Files that do not build must not be served from the cache next time.
            cache.evict().await;
        }
        built
    }

    /// Checks the weights against the sha256 this build registers for `model`.
    async fn verify(&self, files: &download::Downloaded, model: &ModelSpec) -> Result<()> {
        self.post(FromWorker::Verifying);
        // Every model the worker loads has a browser copy (`load_model` refuses the others).
        let expected = model.web.map_or(model.weights_sha256, |web| web.sha256);
        verify_sha256_browser(&files.weights, expected).await
    }

    /// Builds this build's model from verified files.
    fn build(
        &self,
        files: download::Downloaded,
        model: &'static ModelSpec,
        precision: protocol::Precision,
    ) -> Result<Embedder> {
        self.post(FromWorker::Building);
        Embedder::build(
            self.kind,
            ModelFiles {
                weights: files.weights,
                tokenizer_json: files.tokenizer,
                config_json: files.config,
            },
            model,
            precision,
        )
    }

    /// The cosine of the two texts after each preprocessing mode (`None` where a mode leaves
    /// a text empty, or embedding fails: the plain comparison already answered).
    fn compare_preprocessed(&self, first: &str, second: &str) -> Vec<PreprocessedCosine> {
        Preprocessing::ALL
            .into_iter()
            .filter(|&mode| mode != Preprocessing::None)
            .map(|mode| {
                let (a, b) = (mode.apply(first), mode.apply(second));
                let cosine = if a.trim().is_empty() || b.trim().is_empty() {
                    None
                } else {
                    self.compare(&a, &b).ok().map(|compared| compared.cosine)
                };
                PreprocessedCosine { mode, cosine }
            })
            .collect()
    }

    /// Embeds both texts and returns their cosine similarity and word-piece counts.
    fn compare(&self, first: &str, second: &str) -> Result<Comparison> {
        for (text, which) in [(first, "first"), (second, "second")] {
            if text.trim().is_empty() {
                return Err(WorkerError::EmptyText { which });
            }
        }
        let model = self.model.borrow();
        let Model::Ready { embedder, .. } = &*model else {
            return Err(WorkerError::NotReady);
        };
        let embeddings = embedder.embed(&[first, second])?;
        let [a, b] = embeddings.as_slice() else {
            return Err(WorkerError::Internal(format!(
                "2 texts gave {} embeddings",
                embeddings.len()
            )));
        };
        let cosine = cosine_similarity(&a.vector, &b.vector);
        // JSON has no NaN: it would arrive as null and fail to decode on the page.
        if !cosine.is_finite() {
            return Err(WorkerError::Internal(format!("the similarity is {cosine}")));
        }
        let pieces = |e: &jobdelta_encoder::Embedding| PieceCount {
            used: e.n_pieces,
            total: e.n_pieces_untruncated,
        };
        Ok(Comparison {
            cosine,
            first: pieces(a),
            second: pieces(b),
        })
    }
}

/// Two texts compared: their cosine similarity and how much of each the model read.
struct Comparison {
    cosine: f32,
    first: PieceCount,
    second: PieceCount,
}
