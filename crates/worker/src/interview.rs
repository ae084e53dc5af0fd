//! `Interview` and `Ask`: the document's stories and the question bank, and questions asked
//! of the document, with the embeddings the cache holds (an analysis of the same resume has
//! embedded its sentences already, so an interview after it embeds only the questions).

use std::rc::Rc;

use jobdelta_interview::{plan, Plan};
use jobdelta_matching::PostText;
use jobdelta_protocol::{FromWorker, RequestId};

use crate::embedding::Vectors;
use crate::error::{Result, WorkerError};
use crate::{Model, Worker};

/// The last interview's plan and vectors, for `Ask` on the same document.
pub(crate) struct Planned {
    /// The document it was planned from.
    resume: String,
    plan: Plan,
    /// Indexed like [`Plan::texts_to_embed`].
    vectors: Vec<Rc<[f32]>>,
}

impl Worker {
    /// Answers an `Interview` with `Interviewed`, or `RequestFailed` saying what to do.
    pub(crate) async fn interview(
        self: Rc<Self>,
        request_id: RequestId,
        resume: String,
        posts: Vec<PostText>,
    ) {
        let started = js_sys::Date::now();
        let reply = match self.plan_and_embed(resume, &posts).await {
            Ok((planned, embedded)) => {
                let interview = planned.plan.interview(&planned.vectors);
                *self.interview.borrow_mut() = Some(planned);
                FromWorker::Interviewed {
                    request_id,
                    interview: Box::new(interview),
                    sentences_embedded: embedded,
                    elapsed_ms: (js_sys::Date::now() - started).max(0.0) as u64,
                }
            }
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(reply);
    }

    /// Answers an `Ask` with `Answered`, or `RequestFailed` saying what to do.
    pub(crate) async fn ask(
        self: Rc<Self>,
        request_id: RequestId,
        resume: String,
        question: String,
        limit: usize,
    ) {
        let reply = match self.answer(resume, &question, limit).await {
            Ok((answers, embed_ms, search_ms)) => FromWorker::Answered {
                request_id,
                question,
                answers,
                embed_ms,
                search_ms,
            },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(reply);
    }

    async fn answer(
        &self,
        resume: String,
        question: &str,
        limit: usize,
    ) -> Result<(Vec<jobdelta_interview::Answer>, f64, f64)> {
        if question.trim().is_empty() {
            return Err(WorkerError::QuestionEmpty);
        }
        let started = js_sys::Date::now();
        let same = self
            .interview
            .borrow()
            .as_ref()
            .is_some_and(|p| p.resume == resume);
        if !same {
            let (planned, _) = self.plan_and_embed(resume, &[]).await?;
            *self.interview.borrow_mut() = Some(planned);
        }
        let vector = match self.cache.in_memory(question) {
            Some(vector) => vector,
            None => {
                let vector: Rc<[f32]> = self.embed_one(question)?.vector.into();
                self.cache.remember(question, Rc::clone(&vector));
                vector
            }
        };
        let embedded = js_sys::Date::now();
        let planned = self.interview.borrow();
        let planned = planned
            .as_ref()
            .ok_or_else(|| WorkerError::Internal("the interview plan went missing".into()))?;
        let answers = planned.plan.ask(&planned.vectors, &vector, limit);
        Ok((
            answers,
            (embedded - started).max(0.0),
            (js_sys::Date::now() - embedded).max(0.0),
        ))
    }

    /// Plans the interview and embeds what the cache lacks (with the whole pool); returns the
    /// plan with its vectors and how many texts were embedded.
    async fn plan_and_embed(&self, resume: String, posts: &[PostText]) -> Result<(Planned, usize)> {
        if !matches!(&*self.model.borrow(), Model::Ready { .. }) {
            return Err(WorkerError::NotReady);
        }
        let plan = plan(&resume, posts).map_err(|e| WorkerError::Interview(e.to_string()))?;
        let texts: Vec<&str> = plan.texts_to_embed.iter().map(String::as_str).collect();
        let Vectors {
            vectors, embedded, ..
        } = self.vectors_uncancelled(&texts, "the interview's").await?;
        Ok((
            Planned {
                resume,
                plan,
                vectors,
            },
            embedded,
        ))
    }
}
