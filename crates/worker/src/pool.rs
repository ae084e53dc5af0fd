//! More cores without special headers: helper workers that embed part of the texts.
//!
//! WebAssembly threads need shared memory, which browsers only give to cross-origin isolated
//! pages (COOP/COEP headers a static host may not send). Instead the worker the page started
//! (the *lead*) starts helper workers — the same script, each with its own model, loaded from
//! the model cache the lead has just filled — and shares out the texts: each helper is sent
//! small chunks with [`ToWorker::Embed`] and answers [`FromWorker::Embedded`], while the lead
//! embeds texts itself between looks at its message queue. Chunks shrink as the work runs
//! out, so the workers finish together.
//!
//! Helpers are an optimisation, never a dependency: until one is ready, or after one fails,
//! the lead embeds its share; a chunk a helper could not embed goes back to the lead, whose
//! own error (if any) is the one reported.
//!
//! This module is the JavaScript glue (workers, closures, messages); who gets which texts is
//! decided by the pure, natively tested [`crate::schedule`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use jobdelta_encoder::ModelSpec;
use jobdelta_protocol::{FromWorker, Precision, RequestId, ToWorker};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker as WebWorker};

use crate::post::post_json;
use crate::schedule::{Embedded, Run, CHUNKS_IN_FLIGHT};

/// Texts of a run sent to a helper.
type Chunk = (Rc<RefCell<Run>>, Range<usize>);

/// Where a helper is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum HelperState {
    /// Started, loading its model.
    Loading,
    /// Ready for chunks.
    Ready,
    /// Failed to load or crashed; never used again.
    Lost,
}

/// One helper worker.
struct Helper {
    worker: WebWorker,
    state: Cell<HelperState>,
    /// Chunks sent and not answered: request id → (run, texts).
    in_flight: RefCell<HashMap<RequestId, Chunk>>,
    /// Its WebAssembly memory, from its last answer.
    memory_bytes: Cell<u64>,
}

/// The helpers of one lead worker and the run they work on.
#[derive(Default)]
pub(crate) struct Pool {
    helpers: RefCell<Vec<Rc<Helper>>>,
    run: RefCell<Option<Rc<RefCell<Run>>>>,
    next_request: Cell<u32>,
    /// Workers the pool was asked to have, the lead included.
    planned: Cell<usize>,
    /// The precision every helper loads the model at (the lead's).
    precision: Cell<Precision>,
    /// The model every helper loads (the lead's).
    model: Cell<Option<&'static ModelSpec>>,
}

impl Pool {
    /// Starts `planned - 1` helpers from `script_url` (the lead's own script), each loading
    /// the model from `base_url`; `on_change` hears how many workers are ready whenever that
    /// changes. Helpers already started are kept.
    pub(crate) fn start(
        self: &Rc<Self>,
        script_url: &str,
        base_url: &str,
        planned: usize,
        precision: Precision,
        model: &'static ModelSpec,
        on_change: Rc<dyn Fn(FromWorker)>,
    ) {
        if !self.helpers.borrow().is_empty() {
            return;
        }
        self.planned.set(planned.max(1));
        self.precision.set(precision);
        self.model.set(Some(model));
        for _ in 1..planned {
            match self.start_helper(script_url, base_url, Rc::clone(&on_change)) {
                Ok(helper) => self.helpers.borrow_mut().push(helper),
                Err(error) => {
                    // No nested workers here (an old browser): the lead works alone.
                    web_sys::console::warn_2(
                        &"jobdelta worker: could not start a helper worker:".into(),
                        &error,
                    );
                    break;
                }
            }
        }
    }

    /// Workers ready to embed, the lead included.
    pub(crate) fn ready(&self) -> usize {
        1 + self
            .helpers
            .borrow()
            .iter()
            .filter(|h| h.state.get() == HelperState::Ready)
            .count()
    }

    pub(crate) fn planned(&self) -> usize {
        self.planned.get().max(1)
    }

    /// WebAssembly memory of the helpers, from their last answers.
    pub(crate) fn helpers_memory_bytes(&self) -> u64 {
        self.helpers
            .borrow()
            .iter()
            .map(|h| h.memory_bytes.get())
            .sum()
    }

    /// Starts a run over `texts` and hands chunks to every ready helper. A run still under
    /// way is abandoned.
    pub(crate) fn begin(&self, texts: Vec<String>) -> Rc<RefCell<Run>> {
        if let Some(previous) = self.run.borrow_mut().take() {
            previous.borrow_mut().abandon();
        }
        let run = Rc::new(RefCell::new(Run::new(texts)));
        *self.run.borrow_mut() = Some(Rc::clone(&run));
        for helper in self.helpers.borrow().iter() {
            self.feed(helper);
        }
        run
    }

    /// Ends the current run (finished, cancelled or failed).
    pub(crate) fn end(&self, run: &Rc<RefCell<Run>>) {
        run.borrow_mut().abandon();
        let mut current = self.run.borrow_mut();
        if current.as_ref().is_some_and(|r| Rc::ptr_eq(r, run)) {
            *current = None;
        }
    }

    fn start_helper(
        self: &Rc<Self>,
        script_url: &str,
        base_url: &str,
        on_change: Rc<dyn Fn(FromWorker)>,
    ) -> Result<Rc<Helper>, JsValue> {
        let worker = WebWorker::new(script_url)?;
        let helper = Rc::new(Helper {
            worker,
            state: Cell::new(HelperState::Loading),
            in_flight: RefCell::new(HashMap::new()),
            memory_bytes: Cell::new(0),
        });
        // The closures hold the helper weakly: the pool owns it.
        let on_message = {
            let pool = Rc::downgrade(self);
            let weak = Rc::downgrade(&helper);
            let base_url = base_url.to_owned();
            let on_change = Rc::clone(&on_change);
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let (Some(pool), Some(helper)) = (pool.upgrade(), weak.upgrade()) else {
                    return;
                };
                match jobdelta_protocol::js::read_from_worker(&event.data()) {
                    Ok(message) => pool.on_helper_message(&helper, message, &base_url, &on_change),
                    Err(error) => web_sys::console::error_1(
                        &format!("jobdelta worker: a helper said something unexpected: {error}")
                            .into(),
                    ),
                }
            })
        };
        let on_error = {
            let pool = Rc::downgrade(self);
            let weak = Rc::downgrade(&helper);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                if let (Some(pool), Some(helper)) = (pool.upgrade(), weak.upgrade()) {
                    pool.lose(&helper, "it crashed", &on_change);
                }
            })
        };
        helper
            .worker
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        helper
            .worker
            .set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // They live as long as the helper's worker, which lives as long as the lead.
        on_message.forget();
        on_error.forget();
        Ok(helper)
    }

    fn on_helper_message(
        &self,
        helper: &Rc<Helper>,
        message: FromWorker,
        base_url: &str,
        on_change: &Rc<dyn Fn(FromWorker)>,
    ) {
        match message {
            FromWorker::Started => self.send(
                helper,
                &ToWorker::LoadModel {
                    base_url: base_url.to_owned(),
                    workers: Some(1),
                    precision: Some(self.precision.get()),
                    model: self.model.get().map(|model| model.name.to_owned()),
                },
            ),
            FromWorker::Ready { .. } => {
                helper.state.set(HelperState::Ready);
                on_change(self.workers_message());
                self.feed(helper);
            }
            FromWorker::LoadFailed { message } => self.lose(helper, &message, on_change),
            FromWorker::Embedded {
                request_id,
                vectors,
                word_pieces,
                memory_bytes,
                ..
            } => {
                helper.memory_bytes.set(memory_bytes);
                let Some((run, range)) = helper.in_flight.borrow_mut().remove(&request_id) else {
                    return;
                };
                let mut run = run.borrow_mut();
                if run.is_abandoned() {
                    drop(run);
                    self.feed(helper);
                    return;
                }
                if vectors.len() != range.len() {
                    run.give_back(range);
                } else {
                    // Word pieces are only known per chunk; the run only needs the total.
                    let mut pieces = Some(word_pieces);
                    for (index, vector) in range.zip(vectors) {
                        run.finish(Embedded {
                            index,
                            vector: vector.into(),
                            word_pieces: pieces.take().unwrap_or(0),
                        });
                    }
                }
                drop(run);
                self.feed(helper);
            }
            FromWorker::RequestFailed {
                request_id,
                message,
            } => {
                web_sys::console::warn_1(
                    &format!("jobdelta worker: a helper could not embed a chunk: {message}").into(),
                );
                if let Some((run, range)) = helper.in_flight.borrow_mut().remove(&request_id) {
                    run.borrow_mut().give_back(range);
                }
                self.feed(helper);
            }
            // Loading progress of the helper's own model: the page only hears about the lead's.
            _ => {}
        }
    }

    /// Sends the helper chunks of the current run until it has [`CHUNKS_IN_FLIGHT`].
    fn feed(&self, helper: &Rc<Helper>) {
        if helper.state.get() != HelperState::Ready {
            return;
        }
        let Some(run) = self.run.borrow().as_ref().map(Rc::clone) else {
            return;
        };
        let workers = self.ready();
        while helper.in_flight.borrow().len() < CHUNKS_IN_FLIGHT {
            let Some(range) = run.borrow_mut().take_chunk(workers) else {
                return;
            };
            let request_id = RequestId(self.next_request.get());
            self.next_request.set(request_id.next().0);
            let texts = run.borrow().texts(range.clone()).to_vec();
            helper
                .in_flight
                .borrow_mut()
                .insert(request_id, (Rc::clone(&run), range));
            self.send(helper, &ToWorker::Embed { request_id, texts });
        }
    }

    /// A helper that failed: its chunks go back to the lead and it is never used again.
    fn lose(&self, helper: &Rc<Helper>, why: &str, on_change: &Rc<dyn Fn(FromWorker)>) {
        if helper.state.get() == HelperState::Lost {
            return;
        }
        web_sys::console::warn_1(
            &format!("jobdelta worker: a helper worker is lost: {why}").into(),
        );
        helper.state.set(HelperState::Lost);
        helper.worker.terminate();
        for (_, (run, range)) in helper.in_flight.borrow_mut().drain() {
            run.borrow_mut().give_back(range);
        }
        on_change(self.workers_message());
    }

    fn send(&self, helper: &Helper, message: &ToWorker) {
        if let Err(error) = post_json(message, |json| helper.worker.post_message(json)) {
            web_sys::console::error_2(
                &"jobdelta worker: could not message a helper:".into(),
                &error,
            );
        }
    }

    fn workers_message(&self) -> FromWorker {
        FromWorker::Workers {
            ready: self.ready(),
            planned: self.planned(),
        }
    }
}
