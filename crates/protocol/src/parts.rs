//! A report of many posts sent in parts, so that the page is never stalled by one huge message.
//!
//! Decoding a message is one task on the page's thread: the report of 1,000 posts (each with
//! its requirements, evidence and the vectors learning from marks needs) is tens of megabytes
//! of JSON, and a stall of a second or more when it arrives. The worker therefore takes the
//! posts out of the report ([`split_posts`]) and posts them [`POSTS_PER_PART`] at a time
//! (`FromWorker::AnalyzedPart`), then the report without them (`FromWorker::Analyzed` with
//! `posts_in_parts`); each part is its own message event, so the page draws frames between
//! them. The page gathers the parts ([`ArrivingPosts`]) and puts them back
//! ([`ArrivingPosts::complete`]), refusing a report whose parts did not all arrive.
//!
//! ```
//! use jobdelta_protocol::parts::{split_posts, ArrivingPosts, POSTS_PER_PART};
//! use jobdelta_protocol::Report;
//!
//! # use jobdelta_matching::{build_report, prepare, PostText, Thresholds, WhitespacePieces};
//! # let posts: Vec<PostText> = (0..120).map(|i| PostText {
//! #     title: Some(format!("post {i}")),
//! #     text: format!("Requirements\n- {i} years of Rust."),
//! # }).collect();
//! # let prepared = prepare("- Wrote Rust for six years.", &posts)?;
//! # let vectors: Vec<Vec<f32>> = (0..prepared.texts_to_embed.len()).map(|i| vec![1.0, i as f32]).collect();
//! # let mut report = build_report(&prepared, &vectors, Thresholds::default(), &WhitespacePieces)?;
//! // `report` has 120 posts.
//! let parts = split_posts(&mut report);
//! assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [POSTS_PER_PART, POSTS_PER_PART, 20]);
//! assert!(report.posts.is_empty());
//!
//! let mut arriving = ArrivingPosts::default();
//! for part in parts {
//!     arriving.add(part);
//! }
//! let report = arriving.complete(report, 120)?;
//! assert_eq!(report.posts[119].title, "post 119");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jobdelta_matching::{PostReport, Report};

/// Posts per `AnalyzedPart` message: about 1 MB of JSON for real posts, a few milliseconds to
/// decode on the page.
pub const POSTS_PER_PART: usize = 50;

/// Takes the posts out of `report`, in parts of at most [`POSTS_PER_PART`], in order.
pub fn split_posts(report: &mut Report) -> Vec<Vec<PostReport>> {
    let mut posts = std::mem::take(&mut report.posts).into_iter().peekable();
    let mut parts = Vec::new();
    while posts.peek().is_some() {
        parts.push(posts.by_ref().take(POSTS_PER_PART).collect());
    }
    parts
}

/// The parts of a report that have arrived so far.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ArrivingPosts {
    posts: Vec<PostReport>,
}

/// The report ended before all of its posts arrived (a worker restarted, a page and worker
/// from different builds).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the report arrived incomplete ({received} of {expected} posts); analyse again")]
pub struct IncompleteReport {
    /// Posts that arrived.
    pub received: usize,
    /// Posts the report has.
    pub expected: usize,
}

impl ArrivingPosts {
    /// One more part, in the order sent.
    pub fn add(&mut self, part: Vec<PostReport>) {
        self.posts.extend(part);
    }

    /// Posts arrived so far.
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    /// Whether nothing has arrived.
    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// The report with its posts back in, if all `expected` of them arrived. `expected` is the
    /// `Analyzed` message's `posts_in_parts`: 0 when the report came whole (no parts were sent,
    /// its posts are inside it), which is returned as it is.
    pub fn complete(self, mut report: Report, expected: usize) -> Result<Report, IncompleteReport> {
        if expected == 0 && self.posts.is_empty() {
            return Ok(report);
        }
        if self.posts.len() != expected || !report.posts.is_empty() {
            return Err(IncompleteReport {
                received: self.posts.len() + report.posts.len(),
                expected,
            });
        }
        report.posts = self.posts;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report of `count` posts; `prepare` needs at least one, so zero truncates one away.
    fn report_of(count: usize) -> Report {
        use jobdelta_matching::{build_report, prepare, PostText, Thresholds, WhitespacePieces};
        let posts: Vec<PostText> = (0..count.max(1))
            .map(|i| PostText {
                title: Some(format!("post {i}")),
                text: format!("Requirements\n- {i} years of Rust."),
            })
            .collect();
        let prepared = prepare("- Wrote Rust for six years.", &posts).expect("valid inputs");
        let vectors: Vec<Vec<f32>> = (0..prepared.texts_to_embed.len())
            .map(|i| vec![1.0, i as f32])
            .collect();
        let mut report = build_report(
            &prepared,
            &vectors,
            Thresholds::default(),
            &WhitespacePieces,
        )
        .expect("one vector per text");
        report.posts.truncate(count);
        report
    }

    #[test]
    fn every_count_splits_and_gathers_back_in_order() {
        for count in [0, 1, 49, 50, 51, 100, 301] {
            let original = report_of(count);
            let mut report = original.clone();
            let parts = split_posts(&mut report);
            assert_eq!(parts.len(), count.div_ceil(POSTS_PER_PART));
            assert!(parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= POSTS_PER_PART));
            let mut arriving = ArrivingPosts::default();
            parts.into_iter().for_each(|part| arriving.add(part));
            assert_eq!(arriving.complete(report, count), Ok(original));
        }
    }

    #[test]
    fn a_report_sent_whole_comes_back_as_it_is() {
        let report = report_of(3);
        assert_eq!(
            ArrivingPosts::default().complete(report.clone(), 0),
            Ok(report)
        );
    }

    #[test]
    fn a_missing_part_is_refused_with_the_counts() {
        let mut report = report_of(120);
        let mut parts = split_posts(&mut report);
        parts.pop();
        let mut arriving = ArrivingPosts::default();
        parts.into_iter().for_each(|part| arriving.add(part));
        let error = arriving.complete(report, 120).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the report arrived incomplete (100 of 120 posts); analyse again"
        );
    }
}
