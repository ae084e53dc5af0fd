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

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use jobdelta_protocol::{FromWorker, RequestId, ToWorker, WireMessage};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker as WebWorker};

/// One model instance costs about this much WebAssembly memory (weights widened to f32 and
/// packed, tokenizer, scratch): the unit of the memory budget.
pub(crate) const MIB_PER_WORKER: u64 = 200;

/// The pool never grows beyond this, however many cores there are: past it, the download
/// of a model per worker from the cache and the memory outweigh what one more core gives.
pub(crate) const MAX_WORKERS: usize = 8;

/// Chunks sent to a helper before it answers: two, so a helper always has the next chunk
/// queued while the lead is busy embedding and cannot answer at once.
const CHUNKS_IN_FLIGHT: usize = 2;

/// Texts per chunk at most (≈ a quarter of a second of work).
const MAX_CHUNK: usize = 8;

/// How many workers to use: one per core, at most [`MAX_WORKERS`], and no more than a
/// quarter of the device's memory allows (`navigator.deviceMemory`, in GiB, where the browser
/// tells; 4 GiB where it does not).
pub(crate) fn planned_workers(cores: Option<usize>, device_memory_gib: Option<f64>) -> usize {
    let cores = cores.unwrap_or(1).max(1);
    let memory_mib = device_memory_gib
        .filter(|g| g.is_finite() && *g > 0.0)
        .unwrap_or(4.0)
        * 1024.0;
    let by_memory = (memory_mib / 4.0 / MIB_PER_WORKER as f64).floor() as usize;
    cores.min(MAX_WORKERS).min(by_memory).max(1)
}

/// The texts to size chunks by: a share of what is left, so that the last chunks are small.
fn chunk_size(remaining: usize, workers: usize) -> usize {
    (remaining / (4 * workers.max(1))).clamp(1, MAX_CHUNK)
}

/// What a finished text came with.
pub(crate) struct Embedded {
    pub index: usize,
    pub vector: Rc<[f32]>,
    pub word_pieces: usize,
}

/// The texts of one embedding run and how far each is.
pub(crate) struct Run {
    texts: Rc<[String]>,
    /// Texts not yet handed out are `next..texts.len()`.
    next: usize,
    /// Ranges a helper gave back (it failed or was lost): only the lead takes them.
    for_lead: Vec<Range<usize>>,
    /// Finished texts not yet collected by the lead.
    finished: Vec<Embedded>,
    /// Texts finished in all.
    done: usize,
    /// Whether the run was abandoned (cancelled, or failed in the lead).
    abandoned: bool,
}

impl Run {
    /// The next text for the lead to embed itself, if any is left.
    pub(crate) fn take_for_lead(&mut self) -> Option<usize> {
        if let Some(range) = self.for_lead.last_mut() {
            let index = range.start;
            range.start += 1;
            if range.start >= range.end {
                self.for_lead.pop();
            }
            return Some(index);
        }
        (self.next < self.texts.len()).then(|| {
            self.next += 1;
            self.next - 1
        })
    }

    pub(crate) fn text(&self, index: usize) -> &str {
        &self.texts[index]
    }

    pub(crate) fn finish(&mut self, embedded: Embedded) {
        self.done += 1;
        self.finished.push(embedded);
    }

    /// Texts finished since the last call.
    pub(crate) fn collect(&mut self) -> Vec<Embedded> {
        std::mem::take(&mut self.finished)
    }

    pub(crate) fn is_complete(&self) -> bool {
        self.done == self.texts.len()
    }

    pub(crate) fn is_abandoned(&self) -> bool {
        self.abandoned
    }

    /// Stops handing out chunks; answers still on their way are dropped.
    pub(crate) fn abandon(&mut self) {
        self.abandoned = true;
    }

    fn take_chunk(&mut self, workers: usize) -> Option<Range<usize>> {
        if self.abandoned || self.next >= self.texts.len() {
            return None;
        }
        let size = chunk_size(self.texts.len() - self.next, workers);
        let chunk = self.next..(self.next + size).min(self.texts.len());
        self.next = chunk.end;
        Some(chunk)
    }
}

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
        on_change: Rc<dyn Fn(FromWorker)>,
    ) {
        if !self.helpers.borrow().is_empty() {
            return;
        }
        self.planned.set(planned.max(1));
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
        let run = Rc::new(RefCell::new(Run {
            texts: texts.into(),
            next: 0,
            for_lead: Vec::new(),
            finished: Vec::new(),
            done: 0,
            abandoned: false,
        }));
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
                let Some(json) = event.data().as_string() else {
                    return;
                };
                match FromWorker::from_json(&json) {
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
                if run.abandoned {
                    drop(run);
                    self.feed(helper);
                    return;
                }
                if vectors.len() != range.len() {
                    run.for_lead.push(range);
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
                    run.borrow_mut().for_lead.push(range);
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
            let texts = run.borrow().texts[range.clone()].to_vec();
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
            run.borrow_mut().for_lead.push(range);
        }
        on_change(self.workers_message());
    }

    fn send(&self, helper: &Helper, message: &ToWorker) {
        let sent = message
            .to_json()
            .map_err(|error| JsValue::from_str(&error.to_string()))
            .and_then(|json| helper.worker.post_message(&JsValue::from_str(&json)));
        if let Err(error) = sent {
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

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run_of(n: usize) -> Run {
        Run {
            texts: (0..n)
                .map(|i| format!("text {i}"))
                .collect::<Vec<_>>()
                .into(),
            next: 0,
            for_lead: Vec::new(),
            finished: Vec::new(),
            done: 0,
            abandoned: false,
        }
    }

    #[test]
    fn workers_follow_cores_and_memory() {
        assert_eq!(planned_workers(Some(2), Some(8.0)), 2);
        assert_eq!(planned_workers(Some(16), Some(8.0)), MAX_WORKERS);
        assert_eq!(planned_workers(None, None), 1);
        // 1 GiB: a quarter is 256 MiB, room for one model.
        assert_eq!(planned_workers(Some(8), Some(1.0)), 1);
        // 2 GiB: 512 MiB, two models.
        assert_eq!(planned_workers(Some(8), Some(2.0)), 2);
        assert_eq!(planned_workers(Some(0), Some(f64::NAN)), 1);
    }

    #[test]
    fn chunks_shrink_as_work_runs_out() {
        assert_eq!(chunk_size(1000, 2), MAX_CHUNK);
        assert_eq!(chunk_size(20, 2), 2);
        assert_eq!(chunk_size(3, 2), 1);
        assert_eq!(chunk_size(0, 2), 1);
    }

    #[test]
    fn every_text_is_handed_out_exactly_once() {
        let mut run = run_of(50);
        let mut seen = vec![0; 50];
        let mut turn = 0;
        loop {
            turn += 1;
            let taken: Vec<usize> = if turn % 3 == 0 {
                run.take_for_lead().into_iter().collect()
            } else {
                run.take_chunk(3).map(|r| r.collect()).unwrap_or_default()
            };
            if taken.is_empty() && run.take_chunk(3).is_none() {
                break;
            }
            for i in taken {
                seen[i] += 1;
            }
        }
        while let Some(i) = run.take_for_lead() {
            seen[i] += 1;
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    }

    #[test]
    fn returned_chunks_go_to_the_lead_only() {
        let mut run = run_of(10);
        let chunk = run.take_chunk(1).unwrap_or_default();
        assert_eq!(chunk, 0..2);
        run.for_lead.push(chunk);
        assert_eq!(run.take_chunk(1), Some(2..4));
        assert_eq!(run.take_for_lead(), Some(0));
        assert_eq!(run.take_for_lead(), Some(1));
        assert_eq!(run.take_for_lead(), Some(4));
    }

    #[test]
    fn an_abandoned_run_hands_out_no_chunks() {
        let mut run = run_of(10);
        run.abandon();
        assert_eq!(run.take_chunk(2), None);
    }

    #[test]
    fn a_run_is_complete_when_every_text_finished() {
        let mut run = run_of(2);
        for index in 0..2 {
            assert!(!run.is_complete());
            run.finish(Embedded {
                index,
                vector: Rc::from(vec![0.0; 3]),
                word_pieces: 3,
            });
        }
        assert!(run.is_complete());
        assert_eq!(run.collect().len(), 2);
        assert!(run.collect().is_empty());
        assert_eq!(run.done, 2);
    }
}
