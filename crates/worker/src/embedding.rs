//! Embedding many texts with the whole pool, in slices the worker can be interrupted between.
//!
//! The model runs synchronously, so the worker would not see a `Cancel` (or a helper's
//! answer) until a long run ended. [`Worker::embedding_step`] therefore embeds for about
//! [`SLICE_MS`] and then yields to the event loop; the caller (an analysis, an `Embed`
//! request) decides between steps whether to go on, and stores what has finished.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use jobdelta_protocol::{FromWorker, RequestId};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::{Result, WorkerError};
use crate::schedule::{Embedded, Run};
use crate::{Model, Worker};

/// Milliseconds of embedding between two looks at the message queue: short enough that
/// Cancel answers at once and helpers get their next chunk, long enough that yielding costs
/// nothing measurable.
const SLICE_MS: f64 = 100.0;

/// How long the lead waits for helpers when it has nothing left to embed itself.
const WAIT_FOR_HELPERS_MS: u32 = 2;

/// One embedding run under way.
pub(crate) struct Embedding {
    run: Rc<RefCell<Run>>,
    started: f64,
    vectors: Vec<Option<Rc<[f32]>>>,
    /// Vectors handed to the caller so far.
    collected: usize,
    word_pieces: usize,
}

/// What a finished run gives.
pub(crate) struct Finished {
    pub vectors: Vec<Rc<[f32]>>,
    pub word_pieces: usize,
    pub embed_ms: f64,
}

impl Embedding {
    /// Whether every vector has been handed to the caller by [`Worker::embedding_step`] (a
    /// helper's answer can complete the run while the lead waits; it still has to be
    /// collected by the next step).
    pub(crate) fn is_complete(&self) -> bool {
        self.collected == self.vectors.len()
    }

    /// Vectors handed to the caller so far.
    pub(crate) fn done(&self) -> usize {
        self.collected
    }
}

impl Worker {
    /// Starts embedding `texts` (none blank) with the lead and every ready helper.
    pub(crate) fn begin_embedding(&self, texts: Vec<String>) -> Embedding {
        let count = texts.len();
        Embedding {
            run: self.pool.begin(texts),
            started: js_sys::Date::now(),
            vectors: vec![None; count],
            collected: 0,
            word_pieces: 0,
        }
    }

    /// Yields to the event loop, then embeds for one slice. Returns the texts finished since
    /// the last step (by the lead or a helper), or `None` when `still_wanted` says the run
    /// should stop or a newer run replaced this one.
    pub(crate) async fn embedding_step(
        &self,
        embedding: &mut Embedding,
        still_wanted: impl Fn() -> bool,
    ) -> Result<Option<Vec<(usize, Rc<[f32]>)>>> {
        yield_to_event_loop().await;
        if !still_wanted() || embedding.run.borrow().is_abandoned() {
            self.pool.end(&embedding.run);
            return Ok(None);
        }
        let slice_started = js_sys::Date::now();
        let mut idle = true;
        while js_sys::Date::now() - slice_started < SLICE_MS {
            let next = embedding.run.borrow_mut().take_for_lead();
            let Some(index) = next else { break };
            idle = false;
            let text = embedding.run.borrow().text(index).to_owned();
            let embedded = match self.embed_one(&text) {
                Ok(embedded) => embedded,
                Err(error) => {
                    self.pool.end(&embedding.run);
                    return Err(error);
                }
            };
            embedding.run.borrow_mut().finish(Embedded {
                index,
                vector: embedded.vector.into(),
                word_pieces: embedded.n_pieces,
            });
        }
        let fresh = embedding.run.borrow_mut().collect();
        if idle && fresh.is_empty() && !embedding.run.borrow().is_complete() {
            // Everything is with the helpers: do not spin.
            TimeoutFuture::new(WAIT_FOR_HELPERS_MS).await;
        }
        Ok(Some(
            fresh
                .into_iter()
                .map(|done| {
                    embedding.collected += 1;
                    embedding.word_pieces += done.word_pieces;
                    embedding.vectors[done.index] = Some(Rc::clone(&done.vector));
                    (done.index, done.vector)
                })
                .collect(),
        ))
    }

    /// The vectors of a complete run, in the order of its texts.
    pub(crate) fn finish_embedding(&self, embedding: Embedding) -> Result<Finished> {
        self.pool.end(&embedding.run);
        let vectors = embedding
            .vectors
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| WorkerError::Internal("an embedding went missing".into()))?;
        Ok(Finished {
            vectors,
            word_pieces: embedding.word_pieces,
            embed_ms: (js_sys::Date::now() - embedding.started).max(0.0),
        })
    }

    /// Embeds one text with this worker's own model: its vector and the word pieces read.
    pub(crate) fn embed_one(&self, text: &str) -> Result<jobdelta_encoder::Embedding> {
        let model = self.model.borrow();
        let Model::Ready { embedder, .. } = &*model else {
            return Err(WorkerError::NotReady);
        };
        let mut embedded = embedder.embed(&[text])?;
        embedded
            .pop()
            .ok_or_else(|| WorkerError::Internal("one text gave no embedding".into()))
    }

    /// `Embed`: the texts' vectors, without the embedding cache. A worker without helpers
    /// (a helper itself, or a pool of one) embeds at once, so that requests queue in order;
    /// a lead with helpers shares the texts out.
    pub(crate) async fn embed_request(self: Rc<Self>, request_id: RequestId, texts: Vec<String>) {
        let reply = match self.embed_texts(texts).await {
            Ok(Some((finished, workers))) => FromWorker::Embedded {
                request_id,
                vectors: finished.vectors.iter().map(|v| v.to_vec()).collect(),
                word_pieces: finished.word_pieces,
                embed_ms: finished.embed_ms,
                workers,
                memory_bytes: wasm_memory_bytes() + self.pool.helpers_memory_bytes(),
            },
            Ok(None) => FromWorker::Cancelled { request_id },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(reply);
    }

    async fn embed_texts(&self, texts: Vec<String>) -> Result<Option<(Finished, usize)>> {
        if texts.is_empty() {
            return Err(WorkerError::Internal("there are no texts to embed".into()));
        }
        if let Some(index) = texts.iter().position(|t| t.trim().is_empty()) {
            return Err(WorkerError::Internal(format!("text {index} is blank")));
        }
        if self.pool.ready() == 1 {
            let started = js_sys::Date::now();
            let mut vectors = Vec::with_capacity(texts.len());
            let mut word_pieces = 0;
            for text in &texts {
                let embedded = self.embed_one(text)?;
                vectors.push(embedded.vector.into());
                word_pieces += embedded.n_pieces;
            }
            let finished = Finished {
                vectors,
                word_pieces,
                embed_ms: (js_sys::Date::now() - started).max(0.0),
            };
            return Ok(Some((finished, 1)));
        }
        let workers = self.pool.ready();
        let mut embedding = self.begin_embedding(texts);
        while !embedding.is_complete() {
            if self
                .embedding_step(&mut embedding, || true)
                .await?
                .is_none()
            {
                return Ok(None);
            }
        }
        Ok(Some((self.finish_embedding(embedding)?, workers)))
    }
}

/// Bytes of this worker's WebAssembly memory.
pub(crate) fn wasm_memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |buffer| buffer.byte_length() as u64)
}

/// Lets the worker handle queued messages (a `Cancel`, a helper's answer) before going on.
///
/// A `MessageChannel` message, not `setTimeout(0)`: nested timers are clamped to 4 ms, which
/// would cost several per cent of every slice.
/// New embeddings written to IndexedDB per transaction.
const STORE_EVERY: usize = 64;

/// The vectors of some texts, and where they came from.
pub(crate) struct Vectors {
    /// One per text, in order.
    pub vectors: Vec<Rc<[f32]>>,
    /// How many were embedded now.
    pub embedded: usize,
    /// How many came from the cache.
    pub cached: usize,
}

impl Worker {
    /// The vectors of `texts` (in order), embedding with the whole pool only what the cache
    /// lacks, storing new ones as it goes (so a cancelled run keeps what it embedded).
    /// `on_progress(done, cached)` is called first and after every slice (`done` counts the
    /// cached texts too); `keep_going` is asked between slices, and `None` means it said no.
    pub(crate) async fn vectors_of(
        &self,
        texts: &[&str],
        keep_going: impl Fn() -> bool,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Option<Vectors>> {
        self.cache.load(texts).await;
        let missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| self.cache.in_memory(t).is_none())
            .collect();
        let cached = texts.len() - missing.len();
        on_progress(cached, cached);
        let mut unsaved: Vec<(&str, Rc<[f32]>)> = Vec::new();
        if !missing.is_empty() {
            let mut embedding =
                self.begin_embedding(missing.iter().map(|t| (*t).to_owned()).collect());
            while !embedding.is_complete() {
                let fresh = match self.embedding_step(&mut embedding, &keep_going).await {
                    Ok(Some(fresh)) => fresh,
                    Ok(None) => {
                        self.cache.store(&unsaved).await;
                        return Ok(None);
                    }
                    Err(error) => {
                        self.cache.store(&unsaved).await;
                        return Err(error);
                    }
                };
                for (index, vector) in fresh {
                    self.cache.remember(missing[index], Rc::clone(&vector));
                    unsaved.push((missing[index], vector));
                }
                on_progress(cached + embedding.done(), cached);
                if unsaved.len() >= STORE_EVERY {
                    self.cache.store(&unsaved).await;
                    unsaved.clear();
                }
            }
            self.finish_embedding(embedding)?;
        }
        self.cache.store(&unsaved).await;
        let vectors = texts
            .iter()
            .map(|t| {
                self.cache
                    .in_memory(t)
                    .ok_or_else(|| WorkerError::Internal("an embedding went missing".into()))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Vectors {
            vectors,
            embedded: missing.len(),
            cached,
        }))
    }

    /// [`Worker::vectors_of`] for a request that is neither cancelled nor shown in progress;
    /// `what` names it in the error if the embedding stops anyway ("the interview's").
    pub(crate) async fn vectors_uncancelled(&self, texts: &[&str], what: &str) -> Result<Vectors> {
        self.vectors_of(texts, || true, |_, _| {})
            .await?
            .ok_or_else(|| WorkerError::Internal(format!("{what} embedding stopped")))
    }
}

pub(crate) async fn yield_to_event_loop() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        match web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                if channel.port2().post_message(&JsValue::NULL).is_err() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
            // Cannot happen in a worker; go on at once rather than stall.
            Err(_) => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    // The promise only resolves.
    let _ = JsFuture::from(promise).await;
}
