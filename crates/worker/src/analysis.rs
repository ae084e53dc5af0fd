//! `Analyze`: the match report, built in the worker with progress and cancellation.
//!
//! The model runs synchronously, so the worker would not see a `Cancel` (or any message) until
//! an analysis ended. It therefore embeds in slices of about [`SLICE_MS`] and yields to the
//! event loop between slices; a `Cancel`, or a newer `Analyze`, changes the current request id
//! and the running analysis notices at its next slice.

use std::rc::Rc;

use jobdelta_matching::{
    build_report, prepare, PostText, Thresholds, WhitespacePieces, WordPieces,
};
use jobdelta_protocol::{FromWorker, RequestId};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

/// Milliseconds of embedding between two looks at the message queue: short enough that
/// Cancel answers at once, long enough that yielding costs nothing measurable.
const SLICE_MS: f64 = 100.0;

/// New embeddings written to IndexedDB per transaction.
const STORE_EVERY: usize = 64;

/// What an analysis ended with.
enum Outcome {
    Done(FromWorker),
    Cancelled,
}

impl Worker {
    /// Runs one analysis to its end, posting progress and exactly one final message.
    pub(crate) async fn analyze(
        self: Rc<Self>,
        request_id: RequestId,
        resume: String,
        posts: Vec<PostText>,
        thresholds: Thresholds,
    ) {
        self.current_analysis.set(Some(request_id));
        let reply = match self
            .run_analysis(request_id, &resume, &posts, thresholds)
            .await
        {
            Ok(Outcome::Done(reply)) => reply,
            Ok(Outcome::Cancelled) => FromWorker::Cancelled { request_id },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        if self.current_analysis.get() == Some(request_id) {
            self.current_analysis.set(None);
        }
        self.post(&reply);
    }

    /// Stops the analysis `request_id` at its next slice, if it is running.
    pub(crate) fn cancel(&self, request_id: RequestId) {
        if self.current_analysis.get() == Some(request_id) {
            self.current_analysis.set(None);
        }
    }

    fn is_current(&self, request_id: RequestId) -> bool {
        self.current_analysis.get() == Some(request_id)
    }

    async fn run_analysis(
        &self,
        request_id: RequestId,
        resume: &str,
        posts: &[PostText],
        thresholds: Thresholds,
    ) -> Result<Outcome> {
        let started = js_sys::Date::now();
        let prepared = match prepare(resume, posts) {
            Ok(prepared) => prepared,
            Err(problems) => {
                return Ok(Outcome::Done(FromWorker::InputRejected {
                    request_id,
                    problems: problems.0,
                }))
            }
        };
        if !matches!(&*self.model.borrow(), Model::Ready { .. }) {
            return Err(WorkerError::NotReady);
        }
        let texts: Vec<&str> = prepared.texts_to_embed.iter().map(String::as_str).collect();
        self.cache.load(&texts).await;
        let missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| self.cache.in_memory(t).is_none())
            .collect();
        let total = texts.len();
        let cached = total - missing.len();
        let progress = |done: usize| FromWorker::AnalysisProgress {
            request_id,
            sentences_done: done,
            sentences_total: total,
            sentences_cached: cached,
        };
        self.post(&progress(cached));

        let mut unsaved = Vec::new();
        let mut next = 0;
        while next < missing.len() {
            yield_to_event_loop().await;
            if !self.is_current(request_id) {
                self.cache.store(&unsaved).await;
                return Ok(Outcome::Cancelled);
            }
            let slice_started = js_sys::Date::now();
            while next < missing.len() && js_sys::Date::now() - slice_started < SLICE_MS {
                let text = missing[next];
                let vector: Rc<[f32]> = self.embed_one(text)?.into();
                self.cache.remember(text, Rc::clone(&vector));
                unsaved.push((text, vector));
                next += 1;
            }
            self.post(&progress(cached + next));
            if unsaved.len() >= STORE_EVERY {
                self.cache.store(&unsaved).await;
                unsaved.clear();
            }
        }
        self.cache.store(&unsaved).await;

        let embeddings = texts
            .iter()
            .map(|t| {
                self.cache
                    .in_memory(t)
                    .ok_or_else(|| WorkerError::Internal("an embedding went missing".into()))
            })
            .collect::<Result<Vec<_>>>()?;
        let report = {
            let model = self.model.borrow();
            let tokenizer: &dyn WordPieces = match &*model {
                Model::Ready { encoder, .. } => encoder.tokenizer(),
                _ => &WhitespacePieces,
            };
            build_report(&prepared, &embeddings, thresholds, tokenizer)
                .map_err(|e| WorkerError::Internal(e.to_string()))?
        };
        Ok(Outcome::Done(FromWorker::Analyzed {
            request_id,
            report: Box::new(report),
            sentences_embedded: missing.len(),
            sentences_cached: cached,
            elapsed_ms: (js_sys::Date::now() - started).max(0.0) as u64,
        }))
    }

    fn embed_one(&self, text: &str) -> Result<Vec<f32>> {
        let model = self.model.borrow();
        let Model::Ready { encoder, .. } = &*model else {
            return Err(WorkerError::NotReady);
        };
        let mut embedded = encoder.embed(&[text])?;
        embedded
            .pop()
            .map(|e| e.vector)
            .ok_or_else(|| WorkerError::Internal("one text gave no embedding".into()))
    }
}

/// Lets the worker handle queued messages (a `Cancel`) before going on.
async fn yield_to_event_loop() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let global = js_sys::global();
        let set_timeout = js_sys::Reflect::get(&global, &JsValue::from_str("setTimeout"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match set_timeout {
            Some(set_timeout) => {
                let _ = set_timeout.call2(&global, &resolve, &JsValue::from_f64(0.0));
            }
            // No timers (cannot happen in a worker): go on at once.
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    // The promise only resolves.
    let _ = JsFuture::from(promise).await;
}
