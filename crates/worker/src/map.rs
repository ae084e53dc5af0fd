//! `Map` and `Similarities`: the pictures of the last analysis, from the embeddings the cache
//! already holds (shared, not copied) — the 2-D layout of every sentence (`jobdelta-map`) and
//! one post's requirements × resume sentences grid for its heatmap.
//!
//! The layout runs in advances of [`jobdelta_map::STEPS_PER_ADVANCE`] t-SNE steps; between
//! two the worker yields to its event loop, so a `Cancel` (or a newer `Map`) is read and the
//! map stops there with `Cancelled`, and other requests are answered meanwhile.

use jobdelta_map::{trustworthiness, MapOptions, Projection};
use jobdelta_matching::{dot, Prepared};
use jobdelta_protocol::{FromWorker, MapPoint, MapSource, RequestId};
use std::rc::Rc;

use crate::error::{Result, WorkerError};
use crate::Worker;

/// Points the worker lays out at most: 20,000 is the largest case (about half a minute
/// on one core); beyond it the worker would be busy for minutes.
const MAX_POINTS: usize = 20_000;

/// Milliseconds between two frames of a settling map: often enough to watch it take shape,
/// rarely enough that a 20,000-point frame (about 1 MB of JSON) does not flood the page.
#[cfg(target_arch = "wasm32")]
const FRAME_EVERY_MS: f64 = 500.0;

/// Trustworthiness is O(n² d): measured up to this many points only (a fraction of a second).
const MAX_POINTS_MEASURED: usize = 1_500;

/// The neighbourhood the trustworthiness is measured at (as the CLI's `jobdelta map`).
const TRUST_K: usize = 10;

/// The vectors of the last analysis, in the report's orders.
pub(crate) struct MapVectors {
    /// One per resume sentence (`Report::resume`).
    resume: Vec<Rc<[f32]>>,
    /// Per post, one per requirement (`Report::posts[p].requirements`).
    posts: Vec<Vec<Rc<[f32]>>>,
}

impl MapVectors {
    /// The vectors of `prepared`'s sentences (`embeddings` indexed like its texts to embed).
    pub(crate) fn build(prepared: &Prepared, embeddings: &[Rc<[f32]>]) -> Result<Self> {
        let vector = |index: usize| {
            embeddings
                .get(index)
                .cloned()
                .ok_or_else(|| WorkerError::Internal("a sentence has no embedding".into()))
        };
        Ok(Self {
            resume: prepared
                .resume
                .iter()
                .map(|s| vector(s.embedding))
                .collect::<Result<_>>()?,
            posts: prepared
                .posts
                .iter()
                .map(|p| p.requirements.iter().map(|s| vector(s.embedding)).collect())
                .collect::<Result<_>>()?,
        })
    }
}

/// Map points from positions and their sources, in the same order.
fn placed(positions: impl IntoIterator<Item = [f32; 2]>, sources: &[MapSource]) -> Vec<MapPoint> {
    positions
        .into_iter()
        .zip(sources)
        .map(|(xy, &source)| MapPoint {
            x: xy[0],
            y: xy[1],
            source,
        })
        .collect()
}

impl Worker {
    /// Answers a `Map` with `Mapped`, `Cancelled` (after a `Cancel` or a newer `Map`), or
    /// `RequestFailed` saying what to do.
    pub(crate) async fn map(self: Rc<Self>, request_id: RequestId) {
        self.current_map.set(Some(request_id));
        let reply = match self.lay_out(request_id).await {
            Ok(Some((points, trust, elapsed_ms))) => FromWorker::Mapped {
                request_id,
                // Larger maps keep their t-SNE layout (`jobdelta_map::refine`).
                method: if points.len() > jobdelta_map::REFINE_MAX_POINTS {
                    jobdelta_map::METHOD_UNREFINED.into()
                } else {
                    jobdelta_map::METHOD.into()
                },
                points,
                trustworthiness: trust,
                elapsed_ms,
            },
            Ok(None) => FromWorker::Cancelled { request_id },
            Err(error) => FromWorker::RequestFailed {
                request_id,
                message: error.to_string(),
            },
        };
        if self.current_map.get() == Some(request_id) {
            self.current_map.set(None);
        }
        self.post(reply);
    }

    /// The rows of the last analysis to lay out, and what each is.
    fn map_rows(&self) -> Result<(Vec<Vec<f32>>, Vec<MapSource>)> {
        let vectors = self.map_vectors.borrow();
        let Some(vectors) = vectors.as_ref() else {
            return Err(WorkerError::NothingToMap);
        };
        let mut sources = Vec::new();
        let mut rows: Vec<Vec<f32>> = Vec::new();
        for (sentence, vector) in vectors.resume.iter().enumerate() {
            sources.push(MapSource::Resume { sentence });
            rows.push(vector.to_vec());
        }
        for (post, requirements) in vectors.posts.iter().enumerate() {
            for (requirement, vector) in requirements.iter().enumerate() {
                sources.push(MapSource::Requirement { post, requirement });
                rows.push(vector.to_vec());
            }
        }
        if rows.is_empty() {
            return Err(WorkerError::NothingToMap);
        }
        if rows.len() > MAX_POINTS {
            return Err(WorkerError::MapTooLarge {
                points: rows.len(),
                limit: MAX_POINTS,
            });
        }
        Ok((rows, sources))
    }

    /// The map's points, trustworthiness and time; `None` once the map is no longer wanted.
    async fn lay_out(
        &self,
        request_id: RequestId,
    ) -> Result<Option<(Vec<MapPoint>, Option<f64>, u64)>> {
        let (rows, sources) = self.map_rows()?;
        let started = js_sys::Date::now();
        let options = MapOptions::default();
        let mut projection =
            Projection::new(&rows, &options).map_err(|e| WorkerError::Internal(e.to_string()))?;
        #[cfg(target_arch = "wasm32")]
        let (steps, mut last_frame) = (projection.steps(), started);
        // Frames are a browser matter: natively (this crate's unit tests) the fit runs in a
        // pool thread, and the worker is not `Send`.
        #[cfg(target_arch = "wasm32")]
        let mut on_frame = |step: usize, xy: &[f32]| {
            let now = js_sys::Date::now();
            // The first step's frame too, so even a quick map shows how it started.
            if (step > 1 && now - last_frame < FRAME_EVERY_MS) || step == steps {
                return;
            }
            last_frame = now;
            self.post(FromWorker::MapFrame {
                request_id,
                step,
                steps,
                points: placed(xy.chunks_exact(2).map(|p| [p[0], p[1]]), &sources),
            });
        };
        #[cfg(not(target_arch = "wasm32"))]
        let mut on_frame = |_: usize, _: &[f32]| {};
        loop {
            crate::embedding::yield_to_event_loop().await;
            if self.current_map.get() != Some(request_id) {
                return Ok(None);
            }
            let finished = projection
                .advance(&mut on_frame)
                .map_err(|e| WorkerError::Internal(e.to_string()))?;
            if finished {
                break;
            }
        }
        let layout = projection.finish();
        let elapsed_ms = (js_sys::Date::now() - started).max(0.0) as u64;
        let trust = if rows.len() > 2 * TRUST_K && rows.len() <= MAX_POINTS_MEASURED {
            trustworthiness(&rows, &layout, TRUST_K).ok()
        } else {
            None
        };
        Ok(Some((placed(layout, &sources), trust, elapsed_ms)))
    }

    /// Answers a `Similarities` with the post's grid, or `RequestFailed`.
    pub(crate) fn similarities(&self, request_id: RequestId, post: usize) {
        let vectors = self.map_vectors.borrow();
        let reply = match vectors.as_ref() {
            None => FromWorker::RequestFailed {
                request_id,
                message: WorkerError::NothingToMap.to_string(),
            },
            Some(vectors) => match vectors.posts.get(post) {
                None => FromWorker::RequestFailed {
                    request_id,
                    message: WorkerError::NoSuchPost { post }.to_string(),
                },
                Some(requirements) => FromWorker::Similarities {
                    request_id,
                    post,
                    columns: vectors.resume.len(),
                    per_mille: grid(requirements, &vectors.resume),
                },
            },
        };
        self.post(reply);
    }
}

/// Each row's cosine with each column (unit vectors), × 1000 and rounded, row by row.
fn grid(rows: &[Rc<[f32]>], columns: &[Rc<[f32]>]) -> Vec<i16> {
    rows.iter()
        .flat_map(|row| {
            columns
                .iter()
                .map(move |column| (dot(row, column).clamp(-1.0, 1.0) * 1000.0).round() as i16)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_grid_is_row_by_row_per_mille() {
        let unit = |x: f32, y: f32| -> Rc<[f32]> { vec![x, y].into() };
        let rows = [unit(1.0, 0.0), unit(0.0, 1.0)];
        let columns = [unit(1.0, 0.0), unit(0.6, 0.8), unit(-1.0, 0.0)];
        assert_eq!(grid(&rows, &columns), [1000, 600, -1000, 0, 800, 0]);
        assert!(grid(&[], &columns).is_empty());
    }
}
