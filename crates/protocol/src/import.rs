//! The messages the page and its import Web Worker exchange (crate `jobdelta-import-worker`).
//!
//! PDF and DOCX resumes are read by `jobdelta-documents`, which the page never links: a parser
//! that panics on a strange file must not take the page or the model worker down, and its
//! wasm must not be in the first-visit download. So the page starts a second, separate worker
//! the first time a document arrives, and talks to it with these messages.
//!
//! A session goes:
//!
//! 1. worker → page [`FromImportWorker::Started`]: its wasm runs and listens (messages posted
//!    before that are dropped, as with the model worker).
//! 2. page → worker a two-element array `[header, bytes]`: `header` is
//!    [`ToImportWorker::Read`] as a JSON string, `bytes` the file's `ArrayBuffer`,
//!    transferred (not copied: a resume can be megabytes, and JSON would triple it).
//! 3. worker → page [`FromImportWorker::Read`] with the text, or [`FromImportWorker::Refused`]
//!    with the reader's message (it names the file and says what to do), same [`RequestId`].
//!
//! If the worker traps or panics instead, the page gets the worker's `error` event and no
//! answer: it shows [`crash_message`] and starts a fresh worker for the next document.
//!
//! Messages are internally tagged JSON, like the model worker's (`{"type": "read", ...}`).

use crate::{RequestId, WireMessage};
use serde::{Deserialize, Serialize};

/// The largest file the page hands to the import worker: 50 MB. A resume is far smaller; a
/// larger file is refused on the page, before it is read into memory twice.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// page → import worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToImportWorker {
    /// Read the document whose bytes travel next to this header.
    Read {
        /// Echoed in the answer.
        request_id: RequestId,
        /// The file's name, for the messages.
        name: String,
    },
}

impl WireMessage for ToImportWorker {}

/// import worker → page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromImportWorker {
    /// The worker's wasm is running and listening.
    Started,
    /// The document's text, bullets and paragraph breaks kept.
    Read {
        /// The request this answers.
        request_id: RequestId,
        /// The file's name.
        name: String,
        /// Its text.
        text: String,
    },
    /// The document gave no text; `message` names the file and says what to do.
    Refused {
        /// The request this answers.
        request_id: RequestId,
        /// The file's name.
        name: String,
        /// The reader's message, shown as it is.
        message: String,
    },
}

impl WireMessage for FromImportWorker {}

/// Whether a file goes to the import worker: a PDF (`%PDF-`) or a ZIP (`PK\x03\x04`, read as
/// DOCX) by its first bytes, whatever its name says; or, when the bytes say nothing, a name
/// ending in `.pdf` or `.docx` (so an empty or cut-short "resume.pdf" gets the reader's
/// message rather than being pasted as text).
pub fn is_document(name: &str, first_bytes: &[u8]) -> bool {
    if first_bytes.starts_with(b"%PDF-") || first_bytes.starts_with(b"PK\x03\x04") {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".pdf") || lower.ends_with(".docx")
}

/// The message for a file over [`MAX_DOCUMENT_BYTES`].
pub fn too_large_message(name: &str, size: u64) -> String {
    format!(
        "{name} is {:.1} MB, more than the {} MB a resume can be here: save a smaller copy (without pictures), or paste its text",
        size as f64 / (1024.0 * 1024.0),
        MAX_DOCUMENT_BYTES / (1024 * 1024)
    )
}

/// The message when the import worker died reading `name` (a panic or trap in a parser).
pub fn crash_message(name: &str) -> String {
    format!("{name} could not be read: the document reader stopped on it (the file may be damaged or unusual). Save it again as PDF or DOCX, or paste its text. Your workspace is unchanged.")
}

/// The notice after a document's text became the resume or a post.
pub fn imported_notice(name: &str, chars: usize) -> String {
    format!("Imported {name}: {chars} characters of text. Check it reads in the right order.")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn read_request_wire_format_is_pinned() {
        let read = ToImportWorker::Read {
            request_id: RequestId(3),
            name: "cv.pdf".into(),
        };
        let json = read.to_json().unwrap();
        assert_eq!(json, r#"{"type":"read","request_id":3,"name":"cv.pdf"}"#);
        assert_eq!(ToImportWorker::from_json(&json).unwrap(), read);
    }

    #[test]
    fn answers_wire_format_is_pinned() {
        let cases = [
            (FromImportWorker::Started, r#"{"type":"started"}"#),
            (
                FromImportWorker::Read {
                    request_id: RequestId(1),
                    name: "cv.docx".into(),
                    text: "Nurse\n- ICU".into(),
                },
                r#"{"type":"read","request_id":1,"name":"cv.docx","text":"Nurse\n- ICU"}"#,
            ),
            (
                FromImportWorker::Refused {
                    request_id: RequestId(2),
                    name: "scan.pdf".into(),
                    message: "scan.pdf has no text in it".into(),
                },
                r#"{"type":"refused","request_id":2,"name":"scan.pdf","message":"scan.pdf has no text in it"}"#,
            ),
        ];
        for (message, json) in cases {
            assert_eq!(message.to_json().unwrap(), json);
            assert_eq!(FromImportWorker::from_json(json).unwrap(), message);
        }
    }

    #[test]
    fn documents_are_found_by_magic_bytes_before_names() {
        assert!(is_document("resume.txt", b"%PDF-1.7\n"));
        assert!(is_document("posts", b"PK\x03\x04\x14\x00"));
        assert!(is_document("Resume.PDF", b""));
        assert!(is_document("cv.docx", b"garbage"));
        assert!(!is_document("resume.txt", b"Jane Doe\nNurse"));
        assert!(!is_document("posts.csv", b"title,text\n"));
        // "PK" alone is text that happens to start so, not a ZIP.
        assert!(!is_document("notes.md", b"PK is my initials"));
    }

    #[test]
    fn messages_name_the_file() {
        assert!(too_large_message("big.pdf", 60 * 1024 * 1024).starts_with("big.pdf is 60.0 MB"));
        assert!(crash_message("odd.pdf").starts_with("odd.pdf could not be read"));
        assert_eq!(
            imported_notice("cv.pdf", 1200),
            "Imported cv.pdf: 1200 characters of text. Check it reads in the right order."
        );
    }
}
