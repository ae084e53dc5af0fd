//! The pictures' part of the page state: the embedding map asked of the worker (under way,
//! drawn, failed or cancelled) and the similarity grid of one post for its heatmap. Both
//! belong to the report shown: a new analysis forgets them.

use jobdelta_protocol::{MapPoint, RequestId};

use super::Shared;

/// A laid-out map of the last analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One point per resume sentence and requirement.
    pub points: Shared<Vec<MapPoint>>,
    /// How it was laid out, in words.
    pub method: String,
    /// Trustworthiness at k = 10, when measured.
    pub trustworthiness: Option<f64>,
    /// Milliseconds the layout took in the worker.
    pub elapsed_ms: u64,
}

/// The map as it stands while the worker's t-SNE settles.
#[derive(Debug, Clone, PartialEq)]
pub struct MapFrame {
    /// The points so far.
    pub points: Shared<Vec<MapPoint>>,
    /// Steps done.
    pub step: usize,
    /// Steps in all.
    pub steps: usize,
}

/// One post's requirements × resume sentences similarities.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The post.
    pub post: usize,
    /// Resume sentences (the width).
    pub columns: usize,
    /// Cosine × 1000, row by row.
    pub per_mille: Shared<Vec<i16>>,
}

/// The pictures asked of the worker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PicturesState {
    /// The map request under way, and when it was sent (page clock, ms).
    pub map_pending: Option<(RequestId, f64)>,
    /// The map under way as it stands, once the worker has sent a frame.
    pub frame: Option<MapFrame>,
    /// Frames received for the last map (shown on the map, and checked by the e2e test).
    pub frames_seen: usize,
    /// The last map.
    pub layout: Option<Layout>,
    /// Why the last map failed, or that it was cancelled.
    pub map_note: Option<String>,
    /// The grid request under way, and its post.
    pub grid_pending: Option<(RequestId, usize)>,
    /// The last grid.
    pub grid: Option<Grid>,
    /// Why the last grid failed.
    pub grid_error: Option<String>,
}

/// The note shown after Cancel on the map.
pub const MAP_CANCELLED_NOTE: &str = "The map was cancelled.";

impl PicturesState {
    /// A map was asked for under this id.
    pub fn map_sent(&mut self, request_id: RequestId, at_ms: f64) {
        self.map_pending = Some((request_id, at_ms));
        self.map_note = None;
        self.frame = None;
        self.frames_seen = 0;
    }

    /// A frame of the settling map; only the pending request's is kept.
    pub fn map_frame(&mut self, request_id: RequestId, frame: MapFrame) {
        if self.map_pending.is_some_and(|(id, _)| id == request_id) {
            self.frame = Some(frame);
            self.frames_seen += 1;
        }
    }

    /// Cancel: the page has asked the worker to stop the fit; its `Cancelled` (or a last frame
    /// sent before it read the Cancel) is dropped.
    pub fn map_cancelled(&mut self) {
        if self.map_pending.take().is_some() {
            self.map_note = Some(MAP_CANCELLED_NOTE.to_owned());
        }
        self.frame = None;
    }

    /// The worker's map; only the pending request's answer is kept.
    pub fn mapped(&mut self, request_id: RequestId, layout: Layout) {
        if self
            .map_pending
            .take_if(|(id, _)| *id == request_id)
            .is_some()
        {
            self.layout = Some(layout);
            self.map_note = None;
            self.frame = None;
        }
    }

    /// A grid was asked for under this id.
    pub fn grid_sent(&mut self, request_id: RequestId, post: usize) {
        self.grid_pending = Some((request_id, post));
        self.grid_error = None;
    }

    /// The worker's grid; only the pending request's answer is kept.
    pub fn grid_answered(&mut self, request_id: RequestId, grid: Grid) {
        if self
            .grid_pending
            .take_if(|(id, _)| *id == request_id)
            .is_some()
        {
            self.grid = Some(grid);
        }
    }

    /// Whether a request is one of ours.
    pub fn is_pending(&self, request_id: RequestId) -> bool {
        self.map_pending.is_some_and(|(id, _)| id == request_id)
            || self.grid_pending.is_some_and(|(id, _)| id == request_id)
    }

    /// A request failed: its message goes next to the picture it was for.
    pub fn failed(&mut self, request_id: RequestId, message: &str) {
        if self
            .map_pending
            .take_if(|(id, _)| *id == request_id)
            .is_some()
        {
            self.map_note = Some(message.to_owned());
        }
        if self
            .grid_pending
            .take_if(|(id, _)| *id == request_id)
            .is_some()
        {
            self.grid_error = Some(message.to_owned());
        }
    }

    /// A new report: the old pictures were of other sentences.
    pub fn forget(&mut self) {
        *self = Self::default();
    }

    /// The worker stopped: nothing pending will be answered.
    pub fn worker_stopped(&mut self) {
        self.map_pending = None;
        self.grid_pending = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdelta_protocol::MapSource;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn layout() -> Layout {
        Layout {
            points: Shared::new(vec![MapPoint {
                x: 0.0,
                y: 1.0,
                source: MapSource::Resume { sentence: 0 },
            }]),
            method: "t-SNE".into(),
            trustworthiness: Some(0.9),
            elapsed_ms: 5,
        }
    }

    #[test]
    fn only_the_pending_map_is_kept() {
        let mut state = PicturesState::default();
        state.map_sent(RequestId(3), 10.0);
        assert!(state.is_pending(RequestId(3)));
        state.mapped(RequestId(2), layout());
        assert!(state.layout.is_none(), "an older answer is dropped");
        state.mapped(RequestId(3), layout());
        assert!(state.layout.is_some());
        assert!(!state.is_pending(RequestId(3)));
    }

    #[test]
    fn frames_show_the_pending_map_until_it_is_done() {
        let mut state = PicturesState::default();
        state.map_sent(RequestId(3), 0.0);
        state.grid_sent(RequestId(9), 0);
        let frame = |step| MapFrame {
            points: layout().points,
            step,
            steps: 1000,
        };
        state.map_frame(RequestId(9), frame(1));
        assert!(state.frame.is_none(), "a grid's id is not the map's");
        state.map_frame(RequestId(3), frame(1));
        state.map_frame(RequestId(3), frame(400));
        assert_eq!(state.frame.as_ref().map(|f| f.step), Some(400));
        assert_eq!(state.frames_seen, 2);
        state.mapped(RequestId(3), layout());
        assert!(state.frame.is_none() && state.layout.is_some());
        assert_eq!(state.frames_seen, 2, "kept for the finished map's caption");
        state.map_sent(RequestId(4), 0.0);
        state.map_frame(RequestId(4), frame(1));
        state.map_cancelled();
        assert!(state.frame.is_none());
        state.map_frame(RequestId(4), frame(2));
        assert!(
            state.frame.is_none(),
            "a cancelled map's frames are dropped"
        );
    }

    #[test]
    fn a_cancelled_map_drops_its_late_answer() {
        let mut state = PicturesState::default();
        state.map_sent(RequestId(4), 0.0);
        state.map_cancelled();
        assert_eq!(state.map_note.as_deref(), Some(MAP_CANCELLED_NOTE));
        state.mapped(RequestId(4), layout());
        assert!(state.layout.is_none());
    }

    #[test]
    fn failures_land_next_to_their_picture() {
        let mut state = PicturesState::default();
        state.map_sent(RequestId(5), 0.0);
        state.grid_sent(RequestId(6), 2);
        state.failed(RequestId(6), "no such post");
        assert_eq!(state.grid_error.as_deref(), Some("no such post"));
        assert!(state.map_note.is_none());
        state.failed(RequestId(5), "nothing to draw");
        assert_eq!(state.map_note.as_deref(), Some("nothing to draw"));
        state.grid_answered(
            RequestId(6),
            Grid {
                post: 2,
                columns: 1,
                per_mille: Shared::new(vec![1]),
            },
        );
        assert!(
            state.grid.is_none(),
            "a failed request's late answer is dropped"
        );
    }

    #[test]
    fn a_new_report_forgets_the_pictures() {
        let mut state = PicturesState::default();
        state.map_sent(RequestId(7), 0.0);
        state.mapped(RequestId(7), layout());
        state.forget();
        assert_eq!(state, PicturesState::default());
    }
}
