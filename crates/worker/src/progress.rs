//! `Progress`: the same posts matched against each saved version of the resume, and what
//! each version newly covers or no longer covers (`jobdelta_matching::progress`, as
//! `jobdelta progress` prints it). The posts' sentences come from the embedding cache after an
//! analysis, so a comparison embeds only what the versions say differently.

use std::rc::Rc;

use jobdelta_matching::progress::progress;
use jobdelta_matching::{InputProblem, PostText, Report, Thresholds};
use jobdelta_protocol::{FromWorker, RequestId};

use crate::analysis::today;
use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

impl Worker {
    /// Answers a `Progress` with `Progressed`, `InputRejected` (a version or post it cannot
    /// use) or `RequestFailed`.
    pub(crate) async fn progress(
        self: Rc<Self>,
        request_id: RequestId,
        versions: Vec<(String, String)>,
        posts: Vec<PostText>,
        thresholds: Thresholds,
    ) {
        let started = js_sys::Date::now();
        let reply = match self.version_reports(&versions, &posts, thresholds).await {
            Ok(Ok(reports)) => FromWorker::Progressed {
                request_id,
                progress: progress(&reports),
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

    /// One report per version, or the first version's input problems.
    async fn version_reports(
        &self,
        versions: &[(String, String)],
        posts: &[PostText],
        thresholds: Thresholds,
    ) -> Result<Result<Vec<(String, Report)>, Vec<InputProblem>>> {
        if versions.len() < 2 {
            return Err(WorkerError::Internal(
                "comparing versions needs at least two; save another version first".into(),
            ));
        }
        if !matches!(&*self.model.borrow(), Model::Ready { .. }) {
            return Err(WorkerError::NotReady);
        }
        let today = today();
        let mut reports = Vec::with_capacity(versions.len());
        for (label, resume) in versions {
            let prepared = match self.prepare(resume, posts, today) {
                Ok(prepared) => prepared,
                Err(problems) => return Ok(Err(problems.0)),
            };
            let texts: Vec<&str> = prepared.texts_to_embed.iter().map(String::as_str).collect();
            let embedded = self.vectors_uncancelled(&texts, "the comparison's").await?;
            reports.push((
                label.clone(),
                self.report(&prepared, &embedded.vectors, thresholds)?,
            ));
        }
        Ok(Ok(reports))
    }
}
