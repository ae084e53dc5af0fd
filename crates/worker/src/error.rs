//! Errors of the worker, each worded for the person looking at the page.

use wasm_bindgen::{JsCast, JsValue};

/// Everything that can go wrong in the worker; the page shows the `Display` text as is.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// The request for a model file did not complete (server down, connection lost, ...).
    #[error("{file} could not be downloaded ({reason}); check that the server hosting this page is still running, then retry")]
    Network {
        /// Name of the file (of the part, for weights served in parts).
        file: String,
        /// What the browser said.
        reason: String,
    },
    /// The server answered with an error status.
    #[error("{file} could not be downloaded: the server answered {status} {status_text}; {}", http_advice(.status))]
    HttpStatus {
        /// Name of the file (of the part, for weights served in parts).
        file: String,
        /// HTTP status code.
        status: u16,
        /// HTTP status text.
        status_text: String,
    },
    /// The downloaded weights are not the ones this build was made for.
    #[error("model.f16.safetensors is not the expected file (its sha256 is {actual}, expected {expected}): it is corrupted or a different model; run scripts/fetch-model, rebuild, then retry")]
    WeightsMismatch {
        /// sha256 of what was downloaded, in hex.
        actual: String,
        /// sha256 this build expects, in hex.
        expected: String,
    },
    /// The copy of the model kept in this browser failed a check and was deleted.
    #[error("the copy of the model saved in this browser was damaged ({reason}) and has been deleted; retry to download it again (about 45 MB)")]
    CachedModelDamaged {
        /// What the check found.
        reason: String,
    },
    /// A text to compare was blank.
    #[error("the {which} text is empty: write something in it")]
    EmptyText {
        /// "first" or "second".
        which: &'static str,
    },
    /// The page asked for a model this build does not register.
    #[error("there is no model called {name} in this build (it has {known}): choose one of those")]
    UnknownModel {
        /// The name the page asked for.
        name: String,
        /// The registered models' names, comma-separated.
        known: String,
    },
    /// A comparison or analysis was asked for before the model finished loading.
    #[error("the model is not loaded yet: wait until it is ready, then try again")]
    NotReady,
    /// A search for nothing.
    #[error("type what to look for in the posts' requirements (a skill, a duty, a phrase)")]
    SearchQueryEmpty,
    /// A search before any analysis (or of posts without requirements).
    #[error("there are no requirements to search yet: analyse your posts first, then search them")]
    NothingToSearch,
    /// A map or heatmap before any analysis.
    #[error("there is nothing to draw yet: analyse your resume and posts first")]
    NothingToMap,
    /// More sentences than the worker lays out in reasonable time.
    #[error("{points} sentences are too many to map (at most {limit}): analyse fewer posts")]
    MapTooLarge {
        /// Sentences of the last analysis.
        points: usize,
        /// The most the worker lays out.
        limit: usize,
    },
    /// A heatmap of a post the last analysis did not have.
    #[error("post {post} is not in the last analysis: analyse again, then open its heatmap")]
    NoSuchPost {
        /// The post asked for.
        post: usize,
    },
    /// A question for nothing.
    #[error("type a question to ask your brag document (\"Tell me about a conflict\")")]
    QuestionEmpty,
    /// The document (or the posts) cannot be interviewed as they are.
    #[error("{0}")]
    Interview(String),
    /// Something that cannot happen did (a bug, not bad input).
    #[error("something went wrong inside the model worker ({0}); please report this")]
    Internal(String),
    /// The encoder failed to load or to embed.
    #[error(transparent)]
    Encoder(#[from] jobdelta_encoder::Error),
    /// candle (the `worker-candle` build) failed to load or to embed.
    #[cfg(feature = "candle")]
    #[error("candle-transformers: {0}")]
    Candle(#[from] jobdelta_candle::Error),
}

impl WorkerError {
    /// The error to report when a copy of the model read back from the browser's cache failed
    /// this check: what was found, without the advice meant for a download (the copy is
    /// deleted, so retrying downloads it).
    pub fn in_cached_copy(self) -> Self {
        let reason = match self {
            WorkerError::WeightsMismatch { .. } => {
                "model.f16.safetensors does not have the expected sha256".to_owned()
            }
            WorkerError::Network { file, reason } => format!("{file}: {reason}"),
            other => other.to_string(),
        };
        WorkerError::CachedModelDamaged { reason }
    }
}

/// Result alias for this crate.
pub type Result<T, E = WorkerError> = std::result::Result<T, E>;

/// What to do about an HTTP error status.
fn http_advice(status: &u16) -> &'static str {
    match *status {
        404 | 410 => {
            "the model files are missing from the site (run scripts/fetch-model, then rebuild it)"
        }
        500..=599 => "the server had a problem; retry in a moment",
        _ => "check the site's configuration, then retry",
    }
}

/// The message of a JavaScript exception or rejection value, for error texts.
pub(crate) fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_damaged_cached_copy_says_what_was_found_and_what_retry_does() {
        let cases = [
            (
                WorkerError::WeightsMismatch {
                    actual: "ab".into(),
                    expected: "cd".into(),
                },
                "(model.f16.safetensors does not have the expected sha256)",
            ),
            (
                WorkerError::Network {
                    file: "tokenizer.json".into(),
                    reason: "received 10 bytes of 20".into(),
                },
                "(tokenizer.json: received 10 bytes of 20)",
            ),
        ];
        for (error, found) in cases {
            let message = error.in_cached_copy().to_string();
            assert!(
                message.starts_with("the copy of the model saved in this browser was damaged"),
                "{message}"
            );
            assert!(message.contains(found), "{message}");
            assert!(
                message.contains("has been deleted; retry to download it again"),
                "{message}"
            );
            assert!(!message.contains("scripts/fetch-model"), "{message}");
        }
    }

    #[test]
    fn http_errors_say_what_to_do() {
        let cases = [
            (404, "scripts/fetch-model"),
            (503, "retry in a moment"),
            (403, "configuration"),
        ];
        for (status, advice) in cases {
            let error = WorkerError::HttpStatus {
                file: "model.f16.safetensors".into(),
                status,
                status_text: "X".into(),
            };
            let message = error.to_string();
            assert!(
                message.starts_with(&format!(
                    "model.f16.safetensors could not be downloaded: the server answered {status} X;"
                )),
                "{message}"
            );
            assert!(message.contains(advice), "{message}");
        }
    }
}
