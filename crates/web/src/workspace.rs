//! The saved workspace: what the person typed (resume, posts, thresholds), as a versioned JSON
//! document kept in the browser's IndexedDB under one key.
//!
//! The document looks like
//! `{"format": 1, "resume": "…", "posts": [{"title": "…", "text": "…"}], "thresholds": {…},
//! "draft": {"title": "…", "text": "…"}}` (`draft` is the post being written in the "new post"
//! box and may be absent). Reading is strict about the version and forgiving about nothing
//! else: a document this page cannot read — written by a newer version, by an unknown older
//! one, or damaged — is reported with a message and must not be overwritten, so the person
//! never silently loses their work. Pure (no web types), so it is tested natively.

use jobdelta_matching::{Report, Thresholds};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The document format this page writes and reads.
pub const FORMAT: u64 = 1;

/// The key of the workspace document in the workspace store.
pub const STORAGE_KEY: &str = "workspace";

/// The key of the last report in the workspace store (cleared with the workspace).
pub const REPORT_KEY: &str = "report";

/// Reports of more posts than this are not kept for the next visit: writing one costs the page
/// about a second per few hundred posts (serialising tens of megabytes), and analysing again
/// from the cached embeddings is what a reload then takes instead.
pub const MAX_SAVED_REPORT_POSTS: usize = 300;

/// The last report, kept so that a reload shows it again without analysing.
///
/// Kept rather than re-made: re-running the analysis by itself after a reload would take the
/// Analyse button away (and the model) from a person who just came back, and would have to
/// wait for the model; the kept report is shown as soon as the workspace is read. It is shown
/// only for the very inputs it was made of (`fingerprint`); a document this page cannot read
/// (an older report shape) is simply not shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedReport {
    /// The [`inputs_fingerprint`] of the resume and posts it was made of.
    pub fingerprint: String,
    /// The report.
    pub report: Report,
    /// Sentences embedded for it.
    pub sentences_embedded: usize,
    /// Sentences taken from the cache.
    pub sentences_cached: usize,
    /// How long it took.
    pub elapsed_ms: u64,
}

impl SavedReport {
    /// The JSON document to store for this report (written from a borrowed report: a large
    /// one is not copied first). Empty if the report cannot be written (a non-finite score).
    pub fn json_of(
        fingerprint: &str,
        report: &Report,
        (sentences_embedded, sentences_cached, elapsed_ms): (usize, usize, u64),
    ) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            fingerprint: &'a str,
            report: &'a Report,
            sentences_embedded: usize,
            sentences_cached: usize,
            elapsed_ms: u64,
        }
        serde_json::to_string(&Document {
            fingerprint,
            report,
            sentences_embedded,
            sentences_cached,
            elapsed_ms,
        })
        .unwrap_or_default()
    }

    /// Reads a stored report; `None` for anything this page cannot read.
    pub fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok()
    }
}

/// Everything the person typed that survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Workspace {
    /// The resume or brag document.
    pub resume: String,
    /// The job posts, in list order.
    pub posts: Vec<SavedPost>,
    /// The similarity thresholds.
    pub thresholds: Thresholds,
    /// The post being written in the "new post" box, not yet added to the list.
    #[serde(default)]
    pub draft: SavedPost,
    /// Versions of the resume the person saved to compare over time, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<SavedVersion>,
}

/// A saved version of the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedVersion {
    /// Its name (by default the time it was saved).
    pub label: String,
    /// When it was saved, as the person's clock showed it ("2026-12-03 18:40").
    pub saved_at: String,
    /// The resume's text.
    pub text: String,
}

/// A fingerprint of a resume and its posts (title, text), the same on every build and
/// browser: 64-bit FNV-1a over each text with its length, as 16 hex digits.
pub fn inputs_fingerprint<'a>(
    resume: &str,
    posts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |text: &str| {
        // The length first, so "ab" + "c" and "a" + "bc" differ.
        for byte in (text.len() as u64)
            .to_le_bytes()
            .iter()
            .chain(text.as_bytes())
        {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(PRIME);
        }
    };
    feed(resume);
    for (title, text) in posts {
        feed(title);
        feed(text);
    }
    format!("{hash:016x}")
}

/// One job post as typed: a title (possibly empty) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SavedPost {
    /// The title shown in the list ("" when none was given).
    pub title: String,
    /// The post's text.
    pub text: String,
    /// The person's mark: fit (`true`) or not for me (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<bool>,
    /// Its id and date in the table it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<jobdelta_matching::posture::PostMeta>,
}

/// The stored document cannot be used by this page; worded for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Written by a newer version of the page.
    #[error(
        "Your saved workspace was written by a newer version of jobdelta (format {found}; this \
         page reads format {FORMAT}). It was left untouched, and nothing is saved until you \
         choose to start fresh; opening the newer version of the page keeps it."
    )]
    Newer {
        /// The format number found.
        found: u64,
    },
    /// Written by an older version whose format this page does not know.
    #[error(
        "Your saved workspace is in an old format (format {found}) this page cannot read. It \
         was left untouched, and nothing is saved until you choose to start fresh."
    )]
    Older {
        /// The format number found.
        found: u64,
    },
    /// Not a workspace document, or damaged.
    #[error(
        "Your saved workspace could not be read ({0}). It was left untouched, and nothing is \
         saved until you choose to start fresh."
    )]
    Unreadable(String),
}

impl Workspace {
    /// Whether there is nothing worth keeping in it.
    pub fn is_empty(&self) -> bool {
        self.resume.trim().is_empty()
            && self.posts.is_empty()
            && self.draft.title.trim().is_empty()
            && self.draft.text.trim().is_empty()
    }

    /// The JSON document to store, stamped with [`FORMAT`].
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            format: u64,
            #[serde(flatten)]
            workspace: &'a Workspace,
        }
        // Strings, numbers and plain structs only: serialising cannot fail.
        serde_json::to_string(&Document {
            format: FORMAT,
            workspace: self,
        })
        .unwrap_or_default()
    }

    /// Reads a stored document, checking its format first so that a newer or unknown one is
    /// reported instead of being misread.
    pub fn from_json(json: &str) -> Result<Self, LoadError> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| LoadError::Unreadable(format!("it is not valid JSON: {e}")))?;
        let Value::Object(fields) = &value else {
            return Err(LoadError::Unreadable("it is not a JSON object".into()));
        };
        let found = match fields.get("format") {
            None => return Err(LoadError::Unreadable("it has no format number".into())),
            Some(format) => format.as_u64().ok_or_else(|| {
                LoadError::Unreadable(format!("its format number {format} is not a whole number"))
            })?,
        };
        if found > FORMAT {
            return Err(LoadError::Newer { found });
        }
        if found < FORMAT {
            return Err(LoadError::Older { found });
        }
        let mut workspace: Workspace = serde_json::from_value(value)
            .map_err(|e| LoadError::Unreadable(format!("format {FORMAT}, but {e}")))?;
        workspace.thresholds = workspace.thresholds.sanitized();
        Ok(workspace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn example() -> Workspace {
        Workspace {
            resume: "Led a team of 4.\n- Shipped “Rust” services ✓ 日本語".into(),
            posts: vec![
                SavedPost {
                    title: "Backend engineer".into(),
                    text: "Requirements:\n- Rust\n<img src=x onerror=alert(1)>".into(),
                    mark: None,
                    table: None,
                },
                SavedPost {
                    title: String::new(),
                    text: "Data engineer\n---\nSpark".into(),
                    mark: None,
                    table: None,
                },
            ],
            thresholds: Thresholds {
                covered: 0.6,
                partly: 0.35,
            },
            draft: SavedPost {
                title: "half-written".into(),
                text: "We are looking".into(),
                mark: None,
                table: None,
            },
            versions: vec![SavedVersion {
                label: "Before the move".into(),
                saved_at: "2026-11-30 08:15".into(),
                text: "Led a team of 3.".into(),
            }],
        }
    }

    #[test]
    fn the_fingerprint_tells_inputs_apart_and_is_stable() {
        let fingerprint = inputs_fingerprint("resume", [("title", "text")]);
        // Pinned: a saved fingerprint must still match after an update of the page.
        assert_eq!(fingerprint, "c2c55b1a87c8f5ae");
        assert_eq!(fingerprint.len(), 16);
        let others = [
            inputs_fingerprint("resume", [("titl", "etext")]),
            inputs_fingerprint("resume", [("title", "text"), ("", "")]),
            inputs_fingerprint("resum", [("title", "text")]),
            inputs_fingerprint("resume", []),
        ];
        for other in others {
            assert_ne!(other, fingerprint);
        }
    }

    #[test]
    fn a_workspace_round_trips_with_its_format_number() {
        let json = example().to_json();
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["format"], 1);
        assert_eq!(value["posts"][0]["title"], "Backend engineer");
        assert_eq!(Workspace::from_json(&json), Ok(example()));
    }

    #[test]
    fn documents_that_cannot_be_read_are_reported_not_misread() {
        type Check = fn(&LoadError) -> bool;
        let cases: Vec<(&str, Check)> = vec![
            (
                r#"{"format": 2, "resume": "x", "posts": [], "thresholds": {"covered": 0.5, "partly": 0.4}}"#,
                |e| matches!(e, LoadError::Newer { found: 2 }),
            ),
            (r#"{"format": 99, "something": "else entirely"}"#, |e| {
                matches!(e, LoadError::Newer { found: 99 })
            }),
            (r#"{"format": 0, "resume": "x"}"#, |e| {
                matches!(e, LoadError::Older { found: 0 })
            }),
            (
                r#"{"resume": "x", "posts": []}"#,
                |e| matches!(e, LoadError::Unreadable(m) if m.contains("no format")),
            ),
            (
                r#"{"format": "1", "resume": "x"}"#,
                |e| matches!(e, LoadError::Unreadable(m) if m.contains("whole number")),
            ),
            (r#"{"format": 1.5}"#, |e| {
                matches!(e, LoadError::Unreadable(_))
            }),
            (
                r#"{"format": 1, "resume": "x"}"#,
                |e| matches!(e, LoadError::Unreadable(m) if m.contains("posts")),
            ),
            (
                r#"{"format": 1, "resume": 3, "posts": [], "thresholds": {"covered": 0.5, "partly": 0.4}}"#,
                |e| matches!(e, LoadError::Unreadable(_)),
            ),
            (
                r#"[1, 2]"#,
                |e| matches!(e, LoadError::Unreadable(m) if m.contains("object")),
            ),
            (
                "not json",
                |e| matches!(e, LoadError::Unreadable(m) if m.contains("JSON")),
            ),
            ("", |e| matches!(e, LoadError::Unreadable(_))),
        ];
        for (json, expected) in cases {
            let error = Workspace::from_json(json).expect_err(json);
            assert!(expected(&error), "{json}: {error:?}");
            // Every message tells the person their data was kept.
            assert!(error.to_string().contains("left untouched"), "{error}");
        }
    }

    #[test]
    fn a_newer_format_names_both_versions() {
        let message = Workspace::from_json(r#"{"format": 3}"#)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("format 3") && message.contains("format 1"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_draft_is_empty_and_extra_fields_are_ignored() {
        let json = r#"{"format": 1, "resume": "r", "posts": [{"title": "", "text": "t"}],
            "thresholds": {"covered": 0.55, "partly": 0.4}, "future_field": true}"#;
        let workspace = Workspace::from_json(json).unwrap();
        assert_eq!(workspace.draft, SavedPost::default());
        assert_eq!(workspace.posts.len(), 1);
        assert!(!workspace.is_empty());
    }

    #[test]
    fn stored_thresholds_are_made_consistent() {
        let json = r#"{"format": 1, "resume": "", "posts": [],
            "thresholds": {"covered": 0.3, "partly": 0.9}}"#;
        let workspace = Workspace::from_json(json).unwrap();
        assert_eq!(workspace.thresholds.partly, 0.3);
        assert!(workspace.is_empty());
    }
}
