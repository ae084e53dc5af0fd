//! Large float payloads beside a message's JSON, not inside it.
//!
//! Two messages carry many floats: [`FromWorker::Embedded`] (a helper worker's vectors for its
//! lead, 384 per text) and the report's posts ([`FromWorker::AnalyzedPart`], and
//! [`FromWorker::Analyzed`] when its posts are not sent in parts), each post with the two
//! vectors learning from marks compares. As JSON numbers every float is printed as up to a
//! dozen characters, copied, and parsed back; taken out of the message into one flat buffer,
//! they cross as a `Float32Array` whose buffer is *transferred* (moved, not copied) by
//! `postMessage` — `crates/protocol/tests/wire_bench.rs` measures both ways.
//!
//! [`FromWorker::detach`] walks the message's float vectors in a fixed order (its *slots*),
//! moves their values into [`Detached::floats`], records each one's length in
//! [`Detached::lengths`] and encodes what is left — the same message with those vectors empty
//! — as the usual JSON. [`FromWorker::attach`] decodes that JSON and walks the same slots,
//! which the emptied message still has, to put the values back. A message without floats
//! detaches to empty buffers and is posted as its JSON string alone, exactly as before.
//!
//! ```
//! use jobdelta_protocol::{FromWorker, RequestId};
//!
//! let message = FromWorker::Embedded {
//!     request_id: RequestId(3),
//!     vectors: vec![vec![0.6, 0.8], vec![1.0, 0.0]],
//!     word_pieces: 9,
//!     embed_ms: 1.5,
//!     workers: 1,
//!     memory_bytes: 0,
//! };
//! let detached = message.clone().detach()?;
//! assert_eq!(detached.floats, [0.6, 0.8, 1.0, 0.0]);
//! assert_eq!(detached.lengths, [2, 2]);
//! assert!(detached.json.contains(r#""vectors":[[],[]]"#));
//! let back = FromWorker::attach(&detached.json, &detached.floats, &detached.lengths)?;
//! assert_eq!(back, message);
//! # Ok::<(), jobdelta_protocol::ProtocolError>(())
//! ```

use crate::{FromWorker, ProtocolError, Result, WireMessage};
use jobdelta_matching::PostReport;

/// A message ready to post: its JSON without the floats, and the floats in slot order.
#[derive(Debug, Clone, PartialEq)]
pub struct Detached {
    /// The message as JSON, its float vectors emptied.
    pub json: String,
    /// Every float vector's values, one after the other, in slot order.
    pub floats: Vec<f32>,
    /// Each slot's length, in slot order (one entry per vector, empty ones included).
    pub lengths: Vec<u32>,
}

impl Detached {
    /// Whether the message had no float vectors at all (it is posted as its JSON alone).
    pub fn has_floats(&self) -> bool {
        !self.lengths.is_empty()
    }
}

impl FromWorker {
    /// Takes the message's float vectors out ([module docs](self)) and encodes the rest.
    pub fn detach(mut self) -> Result<Detached> {
        let mut floats = Vec::new();
        let mut lengths = Vec::new();
        for slot in self.float_slots() {
            // A vector longer than u32::MAX floats (16 GiB) cannot exist in a wasm32 worker.
            lengths.push(u32::try_from(slot.len()).unwrap_or(u32::MAX));
            floats.append(slot);
        }
        Ok(Detached {
            json: self.to_json()?,
            floats,
            lengths,
        })
    }

    /// Decodes `json` and puts back the floats [`FromWorker::detach`] took out.
    pub fn attach(json: &str, floats: &[f32], lengths: &[u32]) -> Result<Self> {
        let mut message = Self::from_json(json)?;
        let mut slots = message.float_slots();
        let total: u64 = lengths.iter().map(|&n| u64::from(n)).sum();
        if slots.len() != lengths.len() || total != floats.len() as u64 {
            return Err(ProtocolError::Floats {
                slots: slots.len(),
                lengths: lengths.len(),
                floats: floats.len(),
            });
        }
        let mut rest = floats;
        for (slot, &length) in slots.iter_mut().zip(lengths) {
            let (values, after) = rest.split_at(length as usize);
            slot.extend_from_slice(values);
            rest = after;
        }
        Ok(message)
    }

    /// The message's float vectors, in the one order both sides walk them.
    fn float_slots(&mut self) -> Vec<&mut Vec<f32>> {
        match self {
            FromWorker::Embedded { vectors, .. } => vectors.iter_mut().collect(),
            FromWorker::AnalyzedPart { posts, .. } => post_slots(posts),
            FromWorker::Analyzed { report, .. } => post_slots(&mut report.posts),
            _ => Vec::new(),
        }
    }
}

/// Each post's content vector, then its title vector when it has one. An emptied post keeps
/// its shape through JSON: a title `Some(vec![])` is written as `[]` and read back as such,
/// and a content vector is a slot whether or not it is empty.
fn post_slots(posts: &mut [PostReport]) -> Vec<&mut Vec<f32>> {
    posts
        .iter_mut()
        .flat_map(|post| {
            let vectors = &mut post.vectors;
            std::iter::once(&mut vectors.content).chain(vectors.title.as_mut())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::split_posts;
    use crate::RequestId;
    use jobdelta_matching::{build_report, prepare, PostText, Thresholds, WhitespacePieces};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn report_message() -> FromWorker {
        let posts: Vec<PostText> = (0..7)
            .map(|i| PostText {
                title: (i % 2 == 0).then(|| format!("Engineer {i}")),
                text: format!("Requirements\n- {i} years of Rust.\n- Kafka at scale."),
            })
            .collect();
        let prepared = prepare("- Wrote Rust for six years.\n- Ran Kafka.", &posts)
            .expect("the test's inputs are valid");
        let vectors: Vec<Vec<f32>> = (0..prepared.texts_to_embed.len())
            .map(|i| vec![(i as f32).sin(), (i as f32).cos(), 0.25])
            .collect();
        let mut report = build_report(
            &prepared,
            &vectors,
            Thresholds::default(),
            &WhitespacePieces,
        )
        .expect("one vector per text");
        let parts = split_posts(&mut report);
        FromWorker::AnalyzedPart {
            request_id: RequestId(4),
            posts: parts.into_iter().flatten().collect(),
            posts_total: 7,
        }
    }

    #[test]
    fn a_report_part_round_trips_with_its_floats_beside_it() {
        let message = report_message();
        let FromWorker::AnalyzedPart { posts, .. } = &message else {
            unreachable!("report_message is a part")
        };
        let titled = posts.iter().filter(|p| p.vectors.title.is_some()).count();
        let detached = message.clone().detach().expect("encodes");
        // Seven content vectors and a title vector per titled post, three floats each.
        assert_eq!(detached.lengths.len(), 7 + titled);
        assert_eq!(detached.floats.len(), 3 * (7 + titled));
        for field in [r#""content":["#, r#""title":["#] {
            for (at, _) in detached.json.match_indices(field) {
                let next = detached.json[at + field.len()..].chars().next();
                assert_eq!(next, Some(']'), "a vector left in the JSON at {at}");
            }
        }
        assert!(detached.json.contains(r#""content":[]"#));
        let back = FromWorker::attach(&detached.json, &detached.floats, &detached.lengths)
            .expect("decodes");
        assert_eq!(back, message);
    }

    #[test]
    fn a_message_without_floats_is_its_json_alone() {
        let message = FromWorker::Verifying;
        let detached = message.clone().detach().expect("encodes");
        assert!(!detached.has_floats());
        assert_eq!(detached.json, message.to_json().expect("encodes"));
        assert_eq!(
            FromWorker::attach(&detached.json, &[], &[]).ok(),
            Some(message)
        );
    }

    #[test]
    fn floats_that_do_not_fit_the_message_are_refused_by_name() {
        let detached = report_message().detach().expect("encodes");
        let short = &detached.floats[1..];
        let error = FromWorker::attach(&detached.json, short, &detached.lengths)
            .expect_err("one float missing");
        assert!(error.to_string().contains("floats"), "{error}");
        let error = FromWorker::attach(&detached.json, &detached.floats, &detached.lengths[1..])
            .expect_err("one length missing");
        assert!(error.to_string().contains("reload the page"), "{error}");
    }
}
