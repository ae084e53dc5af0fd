//! The pool's scheduling, without JavaScript: how many workers a device gets, how a run's
//! texts are cut into chunks for the helpers, and which texts are left for the lead. Pure, so
//! its tests run natively (`cargo test -p jobdelta-worker`); [`crate::pool`] is the glue that
//! sends the chunks.

use std::ops::Range;
use std::rc::Rc;

/// One instance of the default model (all-MiniLM-L6-v2, a 45 MB browser copy) costs about
/// this much WebAssembly memory (the downloaded copy, weights widened to f32 and packed,
/// tokenizer, scratch): the unit of the memory budget.
pub(crate) const MIB_PER_WORKER: u64 = 200;

/// Bytes of the default model's browser copy, which [`MIB_PER_WORKER`] was set for.
const DEFAULT_COPY_BYTES: u64 = 45_441_912;

/// The memory budget of one instance of a model whose browser copy has `web_bytes`: the
/// default's [`MIB_PER_WORKER`], scaled by the copy's size (every buffer of a model instance —
/// the download, the f32 and int8 weights — grows with its weights), never below it.
/// all-mpnet-base-v2 (219 MB): 964 MiB, so one worker where the browser says 4 GiB or less
/// (or does not say), two at 8 GiB (docs/benchmarks.md measures it).
pub(crate) fn mib_per_worker(web_bytes: u64) -> u64 {
    MIB_PER_WORKER.max((MIB_PER_WORKER * web_bytes).div_ceil(DEFAULT_COPY_BYTES))
}

/// The pool never grows beyond this, however many cores there are: past it, the download
/// of a model per worker from the cache and the memory outweigh what one more core gives.
pub(crate) const MAX_WORKERS: usize = 8;

/// Chunks sent to a helper before it answers: two, so a helper always has the next chunk
/// queued while the lead is busy embedding and cannot answer at once.
pub(crate) const CHUNKS_IN_FLIGHT: usize = 2;

/// Texts per chunk at most (≈ a quarter of a second of work).
const MAX_CHUNK: usize = 8;

/// How many workers to use: one per core, at most [`MAX_WORKERS`], and no more than a
/// quarter of the device's memory allows at `mib_per_worker` each ([`mib_per_worker`];
/// `navigator.deviceMemory`, in GiB, where the browser tells; 4 GiB where it does not).
pub(crate) fn planned_workers(
    cores: Option<usize>,
    device_memory_gib: Option<f64>,
    mib_per_worker: u64,
) -> usize {
    let cores = cores.unwrap_or(1).max(1);
    let memory_mib = device_memory_gib
        .filter(|g| g.is_finite() && *g > 0.0)
        .unwrap_or(4.0)
        * 1024.0;
    let by_memory = (memory_mib / 4.0 / mib_per_worker.max(1) as f64).floor() as usize;
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
    /// A run over `texts`, none handed out yet.
    pub(crate) fn new(texts: Vec<String>) -> Self {
        Self {
            texts: texts.into(),
            next: 0,
            for_lead: Vec::new(),
            finished: Vec::new(),
            done: 0,
            abandoned: false,
        }
    }

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

    /// The text at `index` (empty if there is none: indices come from this run).
    pub(crate) fn text(&self, index: usize) -> &str {
        self.texts.get(index).map_or("", String::as_str)
    }

    /// The texts of a chunk this run handed out (empty if the range is not this run's).
    pub(crate) fn texts(&self, range: Range<usize>) -> &[String] {
        self.texts.get(range).unwrap_or_default()
    }

    /// A chunk a helper could not embed (it failed or was lost): only the lead takes it now.
    pub(crate) fn give_back(&mut self, range: Range<usize>) {
        self.for_lead.push(range);
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

    /// The next chunk for a helper, sized for `workers` workers; `None` once all are out.
    pub(crate) fn take_chunk(&mut self, workers: usize) -> Option<Range<usize>> {
        if self.abandoned || self.next >= self.texts.len() {
            return None;
        }
        let size = chunk_size(self.texts.len() - self.next, workers);
        let chunk = self.next..(self.next + size).min(self.texts.len());
        self.next = chunk.end;
        Some(chunk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run_of(n: usize) -> Run {
        Run::new((0..n).map(|i| format!("text {i}")).collect())
    }

    #[test]
    fn workers_follow_cores_and_memory() {
        let small = MIB_PER_WORKER;
        assert_eq!(planned_workers(Some(2), Some(8.0), small), 2);
        assert_eq!(planned_workers(Some(16), Some(8.0), small), MAX_WORKERS);
        assert_eq!(planned_workers(None, None, small), 1);
        // 1 GiB: a quarter is 256 MiB, room for one model.
        assert_eq!(planned_workers(Some(8), Some(1.0), small), 1);
        // 2 GiB: 512 MiB, two models.
        assert_eq!(planned_workers(Some(8), Some(2.0), small), 2);
        assert_eq!(planned_workers(Some(0), Some(f64::NAN), small), 1);
    }

    #[test]
    fn a_big_model_gets_fewer_workers() {
        use jobdelta_encoder::registry::{ALL_MPNET_BASE_V2, PARAPHRASE_MINILM_L3_V2};
        let budget = |model: &jobdelta_encoder::ModelSpec| {
            mib_per_worker(model.web.map_or(0, |web| web.bytes))
        };
        assert_eq!(budget(jobdelta_encoder::DEFAULT_MODEL), MIB_PER_WORKER);
        // Smaller models keep the default's budget.
        assert_eq!(budget(&PARAPHRASE_MINILM_L3_V2), MIB_PER_WORKER);
        let mpnet = budget(&ALL_MPNET_BASE_V2);
        assert_eq!(mpnet, 964);
        // 4 cores: one worker at 4 GiB (or unknown), two at 8, four at 16.
        assert_eq!(planned_workers(Some(4), None, mpnet), 1);
        assert_eq!(planned_workers(Some(4), Some(4.0), mpnet), 1);
        assert_eq!(planned_workers(Some(4), Some(8.0), mpnet), 2);
        assert_eq!(planned_workers(Some(4), Some(16.0), mpnet), 4);
        assert_eq!(planned_workers(Some(4), Some(8.0), MIB_PER_WORKER), 4);
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
        run.give_back(chunk);
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
