//! `Analyze`: the match report, built in the worker with progress and cancellation.
//!
//! Sentences found in the embedding cache are not embedded again; the others are embedded by
//! the whole pool in slices ([`crate::embedding`]). A `Cancel`, or a newer `Analyze`, changes
//! the current request id and the running analysis notices at its next slice.

use std::rc::Rc;

use jobdelta_matching::{
    build_model_report, prepare_for_model, InputProblems, PostText, Prepared, Report,
    RequirementIndex, Thresholds, WhitespacePieces, WordPieces, YearMonth,
};
use jobdelta_protocol::{parts, FromWorker, RequestId};

use crate::embedding::Vectors;
use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

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
        let mut reply = match self
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
        if let FromWorker::Analyzed {
            report,
            posts_in_parts,
            ..
        } = &mut reply
        {
            // The posts go first, fifty at a time: each message is one task on the page.
            *posts_in_parts = report.posts.len();
            for posts in parts::split_posts(report) {
                self.post(FromWorker::AnalyzedPart {
                    request_id,
                    posts,
                    posts_total: *posts_in_parts,
                });
            }
        }
        self.post(reply);
    }

    /// Stops the analysis or the map `request_id` at its next slice or advance, if it is
    /// running.
    pub(crate) fn cancel(&self, request_id: RequestId) {
        if self.current_analysis.get() == Some(request_id) {
            self.current_analysis.set(None);
        }
        if self.current_map.get() == Some(request_id) {
            self.current_map.set(None);
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
        let prepared = match self.prepare(resume, posts, today()) {
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
        let total = texts.len();
        let progress = |done: usize, cached: usize| {
            self.post(FromWorker::AnalysisProgress {
                request_id,
                sentences_done: done,
                sentences_total: total,
                sentences_cached: cached,
            })
        };
        let Some(Vectors {
            vectors: embeddings,
            embedded,
            cached,
        }) = self
            .vectors_of(&texts, || self.is_current(request_id), progress)
            .await?
        else {
            return Ok(Outcome::Cancelled);
        };
        let report = self.report(&prepared, &embeddings, thresholds)?;
        *self.search_index.borrow_mut() = Some(RequirementIndex::build(&prepared, &embeddings));
        *self.map_vectors.borrow_mut() =
            Some(crate::map::MapVectors::build(&prepared, &embeddings)?);
        Ok(Outcome::Done(FromWorker::Analyzed {
            request_id,
            report: Box::new(report),
            posts_in_parts: 0,
            sentences_embedded: embedded,
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
    /// The inputs split and listed to embed for the loaded model (its skill contexts only when
    /// the skills classifier reads its vectors). Before a model is ready, for the default
    /// one: only the input problems are read from that.
    pub(crate) fn prepare(
        &self,
        resume: &str,
        posts: &[PostText],
        today: YearMonth,
    ) -> std::result::Result<Prepared, InputProblems> {
        prepare_for_model(resume, posts, today, &self.model_id())
    }

    /// The id of the loaded model (`Encoder::model_id`), the default one's before it is ready.
    fn model_id(&self) -> String {
        match &*self.model.borrow() {
            Model::Ready { embedder, .. } => embedder.model_id(),
            _ => jobdelta_encoder::MODEL_ID.to_owned(),
        }
    }

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
            Model::Ready { embedder, .. } => embedder.word_pieces(),
            _ => &WhitespacePieces,
        };
        build_model_report(prepared, embeddings, thresholds, tokenizer, self.model_id())
            .map_err(|e| WorkerError::Internal(e.to_string()))
    }
}
