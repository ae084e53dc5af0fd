//! `Search`: the requirements of the last analysis closest to a query, by brute-force cosine
//! over their embeddings ([`jobdelta_matching::RequirementIndex`]).

use std::rc::Rc;

use jobdelta_matching::RequirementIndex;
use jobdelta_protocol::{FromWorker, RequestId};

use crate::error::{Result, WorkerError};
use crate::Worker;

/// Requirements of the last analysis, with the embeddings the cache already holds (shared,
/// not copied).
pub(crate) type SearchIndex = RequirementIndex<Rc<[f32]>>;

impl Worker {
    /// Answers a `Search` with `Found`, or `RequestFailed` saying what to do.
    pub(crate) fn search(&self, request_id: RequestId, query: String, limit: usize) {
        let reply = match self.find(&query, limit) {
            Ok((hits, searched, embed_ms, search_ms)) => FromWorker::Found {
                request_id,
                query,
                hits,
                searched,
                embed_ms,
                search_ms,
            },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(&reply);
    }

    fn find(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<(Vec<jobdelta_matching::SearchHit>, usize, f64, f64)> {
        if query.trim().is_empty() {
            return Err(WorkerError::SearchQueryEmpty);
        }
        let index = self.search_index.borrow();
        let Some(index) = index.as_ref().filter(|i| !i.is_empty()) else {
            return Err(WorkerError::NothingToSearch);
        };
        let started = js_sys::Date::now();
        let vector = match self.cache.in_memory(query) {
            Some(vector) => vector,
            None => {
                let (vector, _) = self.embed_one(query)?;
                let vector: Rc<[f32]> = vector.into();
                self.cache.remember(query, Rc::clone(&vector));
                vector
            }
        };
        let embedded = js_sys::Date::now();
        let hits = index.search(&vector, limit);
        let searched = js_sys::Date::now();
        Ok((
            hits,
            index.len(),
            (embedded - started).max(0.0),
            (searched - embedded).max(0.0),
        ))
    }
}
