//! `Posture`: the posts grouped into role families, per family what it asks for, the person's
//! coverage, what is rising or falling and where they stand (`jobdelta_matching::posture`, as
//! `jobdelta posture` prints it). After an analysis of the same resume and posts every text
//! comes from the embedding cache, so grouping embeds nothing new.

use std::rc::Rc;

use jobdelta_matching::posture::{posture, PostMeta, Posture, GROUP_THRESHOLD};
use jobdelta_matching::{InputProblem, PostText, Thresholds};
use jobdelta_protocol::{FromWorker, RequestId};

use crate::analysis::today;
use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

impl Worker {
    /// Answers a `Posture` with `Postured`, `InputRejected` or `RequestFailed`.
    pub(crate) async fn posture(
        self: Rc<Self>,
        request_id: RequestId,
        resume: String,
        posts: Vec<PostText>,
        meta: Vec<PostMeta>,
        thresholds: Thresholds,
    ) {
        let started = js_sys::Date::now();
        let reply = match self.grouped(&resume, &posts, &meta, thresholds).await {
            Ok(Ok(posture)) => FromWorker::Postured {
                request_id,
                posture,
                elapsed_ms: (js_sys::Date::now() - started).max(0.0) as u64,
            },
            Ok(Err(problems)) => FromWorker::InputRejected {
                request_id,
                problems,
            },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(reply);
    }

    /// The report of the resume against the posts, then its posts grouped.
    async fn grouped(
        &self,
        resume: &str,
        posts: &[PostText],
        meta: &[PostMeta],
        thresholds: Thresholds,
    ) -> Result<Result<Posture, Vec<InputProblem>>> {
        if !matches!(&*self.model.borrow(), Model::Ready { .. }) {
            return Err(WorkerError::NotReady);
        }
        let prepared = match self.prepare(resume, posts, today()) {
            Ok(prepared) => prepared,
            Err(problems) => return Ok(Err(problems.0)),
        };
        let texts: Vec<&str> = prepared.texts_to_embed.iter().map(String::as_str).collect();
        let embedded = self.vectors_uncancelled(&texts, "the posture's").await?;
        let report = self.report(&prepared, &embedded.vectors, thresholds)?;
        Ok(Ok(posture(
            &prepared,
            &embedded.vectors,
            &report,
            meta,
            GROUP_THRESHOLD,
        )))
    }
}
