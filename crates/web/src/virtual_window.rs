//! Which rows of a long list are drawn: the pure arithmetic of a virtualised list.
//!
//! A list of thousands of posts cannot keep one element tree per row: the browser's style,
//! layout and garbage collection of a page holding 1,000 post editors made every keystroke
//! cost 0.1–0.5 s (docs/benchmarks.md, "1,000 posts"). A virtualised list draws only the rows
//! in view (and a few either side, so a quick scroll shows no gap) between two spacers as
//! tall as the rows left out, so the scroll bar stays true. Rows have one fixed height
//! (CSS sets it), which keeps this arithmetic exact and constant-time.
//!
//! ```
//! use jobdelta_web::virtual_window::{Viewport, WINDOW_OVERSCAN};
//!
//! // 5,000 rows of 48 px, 600 px of them in view, scrolled to row 1,000.
//! let window = Viewport { scroll_top: 48_000.0, height: 600.0 }.window(5_000, 48.0);
//! assert_eq!(window.first, 1_000 - WINDOW_OVERSCAN);
//! assert_eq!(window.end, 1_000 + 14 + WINDOW_OVERSCAN);
//! assert_eq!(window.space_before, (1_000 - WINDOW_OVERSCAN) as f64 * 48.0);
//! assert_eq!(
//!     window.space_before + window.rows().len() as f64 * 48.0 + window.space_after,
//!     5_000.0 * 48.0
//! );
//! ```

use std::ops::Range;

/// Lists with at least this many rows are virtualised; shorter ones draw every row (each
/// post keeps its full editor, each ranking row its whole breakdown).
pub const WINDOWED_FROM: usize = 60;

/// Rows drawn beyond each edge of the view, so a scroll of a few rows shows no blank.
pub const WINDOW_OVERSCAN: usize = 8;

/// The part of a scrolling list in view, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// How far the list is scrolled.
    pub scroll_top: f64,
    /// How tall its visible part is.
    pub height: f64,
}

/// The rows to draw and the space standing in for the rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// The first row drawn.
    pub first: usize,
    /// One past the last row drawn.
    pub end: usize,
    /// Height of the rows above `first`, kept as empty space.
    pub space_before: f64,
    /// Height of the rows from `end` on, kept as empty space.
    pub space_after: f64,
}

impl Window {
    /// The indices of the rows drawn.
    pub fn rows(&self) -> Range<usize> {
        self.first..self.end
    }
}

impl Viewport {
    /// Before the list has been measured: as if a screenful of 800 px were in view at the top,
    /// so the first frame already shows rows.
    pub const UNMEASURED: Viewport = Viewport {
        scroll_top: 0.0,
        height: 800.0,
    };

    /// The rows of a list of `count` rows, each `row_height` tall, to draw for this view.
    ///
    /// A view scrolled past the end (the list just got shorter) shows the last rows; a
    /// non-positive or non-finite row height draws every row rather than dividing by it.
    ///
    /// ```
    /// use jobdelta_web::virtual_window::Viewport;
    ///
    /// // Scrolled beyond the end of a list that shrank to 10 rows: all 10 are drawn.
    /// let window = Viewport { scroll_top: 1e6, height: 300.0 }.window(10, 40.0);
    /// assert_eq!(window.rows(), 0..10);
    /// assert_eq!((window.space_before, window.space_after), (0.0, 0.0));
    /// ```
    pub fn window(&self, count: usize, row_height: f64) -> Window {
        if count == 0 || !(row_height.is_finite() && row_height > 0.0) {
            return Window {
                first: 0,
                end: count,
                space_before: 0.0,
                space_after: 0.0,
            };
        }
        let height = if self.height.is_finite() {
            self.height.max(0.0)
        } else {
            0.0
        };
        let in_view = (height / row_height).ceil() as usize + 1;
        let max_top = count.saturating_sub(in_view);
        let top = if self.scroll_top.is_finite() && self.scroll_top > 0.0 {
            ((self.scroll_top / row_height).floor() as usize).min(max_top)
        } else {
            0
        };
        let first = top.saturating_sub(WINDOW_OVERSCAN);
        let end = (top + in_view + WINDOW_OVERSCAN).min(count);
        Window {
            first,
            end,
            space_before: first as f64 * row_height,
            space_after: (count - end) as f64 * row_height,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(window: &Window, row_height: f64) -> f64 {
        window.space_before + window.rows().len() as f64 * row_height + window.space_after
    }

    #[test]
    fn every_scroll_position_keeps_the_full_height_and_shows_the_rows_in_view() {
        let row = 37.0;
        for count in [1, 7, 59, 60, 61, 1_000, 5_000] {
            for step in 0..200 {
                let scroll_top = step as f64 * 211.3;
                let view = Viewport {
                    scroll_top,
                    height: 500.0,
                };
                let window = view.window(count, row);
                assert!((total(&window, row) - count as f64 * row).abs() < 1e-6);
                assert!(window.first <= window.end && window.end <= count);
                // Every row touching the visible band is drawn (unless scrolled past the end).
                let first_visible = (scroll_top / row).floor() as usize;
                let last_visible = ((scroll_top + 500.0) / row).ceil() as usize;
                if last_visible <= count {
                    assert!(
                        window.first <= first_visible,
                        "{count} rows at {scroll_top}"
                    );
                    assert!(
                        window.end >= last_visible.min(count),
                        "{count} rows at {scroll_top}"
                    );
                }
                // And no more than a screenful plus the overscan.
                assert!(
                    window.rows().len() <= (500.0 / row).ceil() as usize + 1 + 2 * WINDOW_OVERSCAN
                );
            }
        }
    }

    #[test]
    fn odd_measurements_draw_rows_instead_of_failing() {
        let nan = Viewport {
            scroll_top: f64::NAN,
            height: f64::NAN,
        };
        assert_eq!(nan.window(100, 40.0).first, 0);
        assert!(!nan.window(100, 40.0).rows().is_empty());
        assert_eq!(Viewport::UNMEASURED.window(100, 0.0).rows(), 0..100);
        let negative = Viewport {
            scroll_top: -300.0,
            height: 400.0,
        };
        assert_eq!(negative.window(100, 40.0).first, 0);
        assert_eq!(Viewport::UNMEASURED.window(0, 40.0).rows(), 0..0);
    }
}
