//! Cheap size checks on raw pasted text, run on every edit before anything is split into
//! sentences: a paste far beyond what jobdelta reads is named at once, not after the worker
//! has split megabytes of text only to refuse them.
//!
//! The worker's own limits count sentences (at most 2,000 in a resume and 1,000 in a post,
//! `jobdelta_matching::prepare`); counting sentences needs the splitter, so these checks count
//! bytes and non-blank lines instead, with bounds set well above those limits (a line holds
//! one sentence or more, a sentence rarely 200 bytes): whatever they flag is certainly too
//! big, and what they pass is left to the worker. Each check stops scanning once over.

use crate::format;

/// Bytes beyond which a resume is certainly too long.
pub const RESUME_MAX_BYTES: usize = 400_000;
/// Non-blank lines beyond which a resume is certainly too long.
pub const RESUME_MAX_LINES: usize = 4_000;
/// Bytes beyond which one post is certainly too long.
pub const POST_MAX_BYTES: usize = 200_000;
/// Non-blank lines beyond which one post is certainly too long.
pub const POST_MAX_LINES: usize = 2_000;

/// Why this resume is too big to analyse, or `None` if it may be analysed.
pub fn resume_size_problem(text: &str) -> Option<String> {
    over(text, RESUME_MAX_BYTES, RESUME_MAX_LINES).map(|size| {
        format!(
            "This resume is {size}: far more than jobdelta reads (up to 2,000 sentences, \
             dozens of pages). Keep the accomplishments you want matched; it cannot be \
             analysed as it is."
        )
    })
}

/// Why this post is too big to analyse, or `None` if it may be analysed.
pub fn post_size_problem(text: &str) -> Option<String> {
    over(text, POST_MAX_BYTES, POST_MAX_LINES).map(|size| {
        format!(
            "This post is {size}: far more than one job post (jobdelta reads up to 1,000 \
             sentences in a post). If it is several posts, separate them with a line “---”; \
             otherwise keep the part you want matched."
        )
    })
}

/// Why the "new post" box cannot be added as it is: the first of its `---`-separated parts
/// that is too big, or `None`.
pub fn draft_size_problem(text: &str) -> Option<String> {
    if text.len() <= POST_MAX_BYTES {
        return post_size_problem(text);
    }
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if bare.len() >= 3 && bare.bytes().all(|b| b == b'-') {
            if let Some(problem) = post_size_problem(&text[start..offset]) {
                return Some(problem);
            }
            start = offset + line.len();
        }
        offset += line.len();
    }
    post_size_problem(&text[start..])
}

/// The text's size in words for people ("2.1 MB in 41,000 lines") if it is over either bound.
fn over(text: &str, max_bytes: usize, max_lines: usize) -> Option<String> {
    let bytes_over = text.len() > max_bytes;
    if !bytes_over {
        // Small enough to count in full only when it might be over on lines.
        let mut lines = 0;
        for line in text.lines() {
            if !line.trim().is_empty() {
                lines += 1;
                if lines > max_lines {
                    break;
                }
            }
        }
        if lines <= max_lines {
            return None;
        }
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    Some(format!(
        "{} in {}",
        size(text.len()),
        format::count(lines, "line", "lines")
    ))
}

/// Bytes as people read them.
fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1_000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn only_texts_certainly_too_big_are_flagged() {
        let line = "Built and ran data pipelines in Python for a team of six.\n";
        let resume = line.repeat(40);
        let two_megabytes = line.repeat(2_000_000 / line.len());
        let many_short_lines = "Rust\n".repeat(RESUME_MAX_LINES + 1);
        let blank_lines = "\n\n \n".repeat(10_000);
        let cases: Vec<(&str, &str, bool, bool)> = vec![
            // (what, text, resume flagged, post flagged)
            ("empty", "", false, false),
            ("a real resume", &resume, false, false),
            ("2 MB", &two_megabytes, true, true),
            ("many short lines", &many_short_lines, true, true),
            ("blank lines do not count", &blank_lines, false, false),
        ];
        for (what, text, resume_flagged, post_flagged) in cases {
            assert_eq!(
                resume_size_problem(text).is_some(),
                resume_flagged,
                "{what}"
            );
            assert_eq!(post_size_problem(text).is_some(), post_flagged, "{what}");
        }
        let message = resume_size_problem(&two_megabytes).unwrap_or_default();
        assert!(message.contains("2.0 MB in 34482 lines"), "{message}");
    }

    #[test]
    fn a_draft_is_checked_post_by_post() {
        let post = "Requirements: Go and Kubernetes in production.\n".repeat(1_500);
        let many = [post.as_str(); 4].join("---\n");
        assert!(many.len() > POST_MAX_BYTES);
        assert_eq!(
            draft_size_problem(&many),
            None,
            "four posts, each small enough"
        );
        let one_big = format!("{many}---\n{}", post.repeat(3));
        assert!(draft_size_problem(&one_big).is_some_and(|m| m.contains("This post is")));
        assert!(draft_size_problem(&post.repeat(3)).is_some());
    }
}
