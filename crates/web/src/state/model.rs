//! The model worker's status as the status line shows it: loading steps, download progress,
//! and what answered once it is ready.

use jobdelta_protocol::{Engine, FromWorker, ModelFile, ModelInfo};

/// Where the model is, as shown in the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelStatus {
    /// The worker's code is loading.
    Starting,
    /// Model files are downloading (see [`ModelState::downloads`]).
    Downloading,
    /// The weights are being checked.
    Verifying,
    /// The encoder is being built.
    Building,
    /// Ready to compare.
    Ready {
        /// Which model answered.
        model_id: String,
        /// How long loading took.
        load_ms: u64,
        /// How it runs (precision, SIMD, workers planned).
        engine: Engine,
        /// Workers with their model ready, the first one included.
        workers_ready: usize,
    },
    /// Loading failed or the worker broke; [`super::State::error`] says why.
    Failed,
}

/// One model file's download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileProgress {
    /// Which file.
    pub file: ModelFile,
    /// Bytes received.
    pub done: u64,
    /// Its size, if known.
    pub total: Option<u64>,
}

/// The model's part of the page state.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelState {
    /// Model loading.
    pub status: ModelStatus,
    /// Download progress per file, in the order the worker reported them.
    pub downloads: Vec<FileProgress>,
    /// The models the worker can load (its `Models` message), the default first; kept across
    /// restarts, so the choice stays offered when loading fails.
    pub models: Vec<ModelInfo>,
}

impl Default for ModelState {
    fn default() -> Self {
        Self {
            status: ModelStatus::Starting,
            downloads: Vec::new(),
            models: Vec::new(),
        }
    }
}

impl ModelState {
    /// Whether the model is ready.
    pub fn is_ready(&self) -> bool {
        matches!(self.status, ModelStatus::Ready { .. })
    }

    /// Bytes downloaded over all files, and the total if every file's size is known.
    pub fn download_progress(&self) -> (u64, Option<u64>) {
        let done = self.downloads.iter().map(|d| d.done).sum();
        let known = self.downloads.len() == ModelFile::ALL.len();
        let total = self
            .downloads
            .iter()
            .map(|d| d.total)
            .sum::<Option<u64>>()
            .filter(|_| known);
        (done, total)
    }

    /// Loading again from the start (a new worker, or a retried load).
    pub fn restart(&mut self) {
        self.status = ModelStatus::Starting;
        self.downloads.clear();
    }

    /// Takes a message about loading the model (the page routes the others elsewhere).
    pub fn on_worker(&mut self, message: FromWorker) {
        match message {
            FromWorker::Started => self.restart(),
            FromWorker::Models { models } => self.models = models,
            FromWorker::Download {
                file,
                bytes_done,
                bytes_total,
            } => {
                self.status = ModelStatus::Downloading;
                let progress = FileProgress {
                    file,
                    done: bytes_done,
                    total: bytes_total,
                };
                match self.downloads.iter_mut().find(|d| d.file == file) {
                    Some(entry) => *entry = progress,
                    None => self.downloads.push(progress),
                }
            }
            FromWorker::Verifying => self.status = ModelStatus::Verifying,
            FromWorker::Building => self.status = ModelStatus::Building,
            FromWorker::Ready {
                model_id,
                load_ms,
                engine,
            } => {
                self.status = ModelStatus::Ready {
                    model_id,
                    load_ms,
                    engine,
                    workers_ready: 1,
                }
            }
            FromWorker::Workers { ready, .. } => {
                if let ModelStatus::Ready { workers_ready, .. } = &mut self.status {
                    *workers_ready = ready;
                }
            }
            FromWorker::LoadFailed { .. } => self.status = ModelStatus::Failed,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn download_total_is_known_once_every_file_reported_its_size() {
        let download = |file, done, total| {
            worker(FromWorker::Download {
                file,
                bytes_done: done,
                bytes_total: total,
            })
        };
        let state = run([
            download(ModelFile::Config, 0, Some(10)),
            download(ModelFile::Tokenizer, 0, Some(20)),
        ]);
        assert_eq!(state.download_progress(), (0, None));
        let state = run([
            download(ModelFile::Config, 10, Some(10)),
            download(ModelFile::Tokenizer, 20, Some(20)),
            download(ModelFile::Weights, 0, Some(70)),
            download(ModelFile::Weights, 30, Some(70)),
        ]);
        assert_eq!(state.download_progress(), (60, Some(100)));
        assert_eq!(state.model.status, ModelStatus::Downloading);
        let state = run([
            download(ModelFile::Config, 10, None),
            download(ModelFile::Tokenizer, 20, Some(20)),
            download(ModelFile::Weights, 0, Some(70)),
        ]);
        assert_eq!(state.download_progress(), (30, None));
    }

    #[test]
    fn the_models_listed_stay_offered_after_a_failure_and_a_restart() {
        let l3 = jobdelta_protocol::ModelInfo {
            name: "paraphrase-MiniLM-L3-v2".into(),
            id: "sentence-transformers/paraphrase-MiniLM-L3-v2".into(),
            licence: "Apache-2.0".into(),
            download_bytes: 34_489_776,
            layers: 3,
            max_seq_len: 128,
            candle: true,
        };
        let state = run([
            worker(FromWorker::Started),
            worker(FromWorker::Models {
                models: vec![l3.clone()],
            }),
            worker(FromWorker::LoadFailed {
                message: "no such model".into(),
            }),
        ]);
        assert_eq!(state.model.status, ModelStatus::Failed);
        assert_eq!(state.model.models, std::slice::from_ref(&l3));
        let state = run([
            worker(FromWorker::Models {
                models: vec![l3.clone()],
            }),
            Action::WorkerRestarted,
            worker(FromWorker::Started),
        ]);
        assert_eq!(state.model.models, [l3]);
    }

    #[test]
    fn retrying_clears_the_error_and_starts_over() {
        for retry in [Action::LoadRetried, Action::WorkerRestarted] {
            let state = run([Action::WorkerBroken("x".into()), retry]);
            assert_eq!(state.error, None);
            assert_eq!(state.model.status, ModelStatus::Starting);
        }
    }
}
