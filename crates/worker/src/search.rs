//! `Search`: the requirements of the last analysis closest to a query, by brute-force cosine
//! over their embeddings ([`jobdelta_matching::RequirementIndex`]).

use std::rc::Rc;

use jobdelta_matching::{RequirementIndex, SearchHit};
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
            Ok(found) => FromWorker::Found {
                request_id,
                query,
                hits: found.hits,
                searched: found.searched,
                embed_ms: found.embed_ms,
                search_ms: found.search_ms,
            },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        self.post(reply);
    }

    fn find(&self, query: &str, limit: usize) -> Result<Search> {
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
                let vector: Rc<[f32]> = self.embed_one(query)?.vector.into();
                self.cache.remember(query, Rc::clone(&vector));
                vector
            }
        };
        let embedded = js_sys::Date::now();
        let hits = index.search(&vector, limit);
        let searched = js_sys::Date::now();
        Ok(Search {
            hits,
            searched: index.len(),
            embed_ms: (embedded - started).max(0.0),
            search_ms: (searched - embedded).max(0.0),
        })
    }
}

/// One search's answer and what it cost.
struct Search {
    /// The closest requirements, best first.
    hits: Vec<SearchHit>,
    /// Requirements searched.
    searched: usize,
    /// Milliseconds to embed the query (0 when it was cached).
    embed_ms: f64,
    /// Milliseconds to scan the requirements.
    search_ms: f64,
}
