//! `Analyze`: the match report, built in the worker with progress and cancellation.
//!
//! Sentences found in the embedding cache are not embedded again; the others are embedded by
//! the whole pool in slices ([`crate::embedding`]). A `Cancel`, or a newer `Analyze`, changes
//! the current request id and the running analysis notices at its next slice.

use std::rc::Rc;

use jobdelta_matching::{
    build_report, prepare_on, PostText, Prepared, Report, RequirementIndex, Thresholds,
    WhitespacePieces, WordPieces, YearMonth,
};
use jobdelta_protocol::{FromWorker, RequestId};

use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

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
        let prepared = match prepare_on(resume, posts, today()) {
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

        let mut unsaved: Vec<(&str, Rc<[f32]>)> = Vec::new();
        if !missing.is_empty() {
            let mut embedding =
                self.begin_embedding(missing.iter().map(|t| (*t).to_owned()).collect());
            while !embedding.is_complete() {
                let step = self
                    .embedding_step(&mut embedding, || self.is_current(request_id))
                    .await;
                let fresh = match step {
                    Ok(Some(fresh)) => fresh,
                    Ok(None) => {
                        self.cache.store(&unsaved).await;
                        return Ok(Outcome::Cancelled);
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
                self.post(&progress(cached + embedding.done()));
                if unsaved.len() >= STORE_EVERY {
                    self.cache.store(&unsaved).await;
                    unsaved.clear();
                }
            }
            self.finish_embedding(embedding)?;
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
        let report = self.report(&prepared, &embeddings, thresholds)?;
        *self.search_index.borrow_mut() = Some(RequirementIndex::build(&prepared, &embeddings));
        *self.map_vectors.borrow_mut() =
            Some(crate::map::MapVectors::build(&prepared, &embeddings)?);
        Ok(Outcome::Done(FromWorker::Analyzed {
            request_id,
            report: Box::new(report),
            sentences_embedded: missing.len(),
            sentences_cached: cached,
            elapsed_ms: (js_sys::Date::now() - started).max(0.0) as u64,
        }))
    }
}

/// This month, for the resume's dates ("2021 – Present" ends now).
pub(crate) fn today() -> YearMonth {
    let now = js_sys::Date::new_0();
    YearMonth::new(
        i32::try_from(now.get_utc_full_year()).unwrap_or(i32::MAX),
        u8::try_from(now.get_utc_month() + 1).unwrap_or(1),
    )
}

impl Worker {
    /// The report of `prepared` from its embeddings, with the model's tokenizer (for the
    /// terms it shatters) and its name.
    pub(crate) fn report(
        &self,
        prepared: &Prepared,
        embeddings: &[Rc<[f32]>],
        thresholds: Thresholds,
    ) -> Result<Report> {
        let model = self.model.borrow();
        let tokenizer: &dyn WordPieces = match &*model {
            Model::Ready { encoder, .. } => encoder.tokenizer(),
            _ => &WhitespacePieces,
        };
        let mut report = build_report(prepared, embeddings, thresholds, tokenizer)
            .map_err(|e| WorkerError::Internal(e.to_string()))?;
        report.model = jobdelta_encoder::MODEL_ID.to_owned();
        Ok(report)
    }
}
