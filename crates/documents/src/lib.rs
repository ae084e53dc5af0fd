//! Resumes kept as documents, read into the plain text the report splits into sentences: PDF
//! (its text layer, through `pdf-extract`) and DOCX (`word/document.xml`'s paragraphs, through
//! `zip` and `quick-xml`). Bullets and paragraph breaks are kept, because the sentence
//! splitter and the story finder read them. Pure and target-agnostic; every failure is a
//! [`DocumentError`] naming the file and saying what to do.
//!
//! ```text
//! bytes ──► kind (`%PDF-` or a ZIP)
//!   PDF  ──► lopdf: load, decrypt with the empty password (owner-locked PDFs), else refused
//!        ──► pdf-extract: text in content order (a generator's column order), glyphs to Unicode
//!        ──► no text at all: a scan, refused with a message
//!   DOCX ──► zip: word/document.xml (a ZIP without it is no Word document)
//!        ──► quick-xml: <w:p> paragraphs, <w:t> text, tabs and breaks; list items as "- "
//! ──► tidy: Symbol-font bullets as "•", spaces and blank lines collapsed
//! ```

#![warn(missing_docs)]

mod docx;
mod pdf;
mod tidy;

/// The documents this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A PDF (`%PDF-`).
    Pdf,
    /// A ZIP, read as a Word document (DOCX).
    Docx,
}

/// The kind of document `bytes` hold, from their first bytes; `None` for anything else (text).
pub fn kind_of(bytes: &[u8]) -> Option<DocumentKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(DocumentKind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(DocumentKind::Docx)
    } else {
        None
    }
}

/// Why a document gave no text, said so a person can act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// A password is needed to open it.
    #[error("{name} is protected by a password: save a copy without the password (or paste its text) and try again")]
    Encrypted {
        /// The file's name.
        name: String,
    },
    /// It opens, but holds no text: a scan or a picture of a resume.
    #[error("{name} has no text in it, only pictures (a scanned resume?): export it as PDF from the program that made it, or paste its text")]
    NoText {
        /// The file's name.
        name: String,
    },
    /// A PDF that cannot be read.
    #[error("{name} is a damaged PDF ({reason}): open it and save or print it as a new PDF, or paste its text")]
    DamagedPdf {
        /// The file's name.
        name: String,
        /// What the reader found.
        reason: String,
    },
    /// A ZIP without a Word document inside.
    #[error("{name} is a ZIP archive but not a Word document (it has no word/document.xml): save the resume as .docx or PDF and try again")]
    NotDocx {
        /// The file's name.
        name: String,
    },
    /// A DOCX that cannot be read.
    #[error("{name} is a damaged Word document ({reason}): open it in Word or LibreOffice and save it again, or paste its text")]
    DamagedDocx {
        /// The file's name.
        name: String,
        /// What the reader found.
        reason: String,
    },
    /// Neither a PDF nor a ZIP.
    #[error("{name} is neither a PDF nor a Word document")]
    Unknown {
        /// The file's name.
        name: String,
    },
}

/// The text of the document `bytes` (a PDF or a DOCX), named `name` in messages.
pub fn read_document(name: &str, bytes: &[u8]) -> Result<String, DocumentError> {
    let text = match kind_of(bytes) {
        Some(DocumentKind::Pdf) => pdf::text(name, bytes)?,
        Some(DocumentKind::Docx) => docx::text(name, bytes)?,
        None => {
            return Err(DocumentError::Unknown {
                name: name.to_owned(),
            })
        }
    };
    let text = tidy::tidy(&text);
    if text.trim().is_empty() {
        return Err(DocumentError::NoText {
            name: name.to_owned(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_their_first_bytes() {
        for (bytes, kind) in [
            (&b"%PDF-1.7\n"[..], Some(DocumentKind::Pdf)),
            (b"PK\x03\x04rest", Some(DocumentKind::Docx)),
            (b"Jane Doe\nEngineer", None),
            (b"", None),
        ] {
            assert_eq!(kind_of(bytes), kind, "{bytes:?}");
        }
    }

    #[test]
    fn a_pdf_without_text_is_taken_for_a_scan() {
        let error = read_document("scan.pdf", &pdf::tests::pdf(&[])).unwrap_err();
        assert_eq!(
            error,
            DocumentError::NoText {
                name: "scan.pdf".to_owned()
            }
        );
        assert!(error.to_string().contains("scanned"));
    }

    #[test]
    fn a_pdf_that_needs_a_password_is_refused_with_a_message() {
        use pdf_extract::{dictionary, Document, Object, StringFormat};
        let mut doc = Document::load_mem(&pdf::tests::pdf(&[(72, 770, "Jane Doe")])).unwrap();
        // The standard security handler, revision 2, with a user password: the empty one
        // does not open it.
        let encrypt = doc.add_object(dictionary! {
            "Filter" => "Standard",
            "V" => 1,
            "R" => 2,
            "Length" => 40,
            "P" => -4,
            "O" => Object::String(vec![7; 32], StringFormat::Hexadecimal),
            "U" => Object::String(vec![9; 32], StringFormat::Hexadecimal),
        });
        doc.trailer.set("Encrypt", encrypt);
        let id = Object::String(vec![1; 16], StringFormat::Hexadecimal);
        doc.trailer.set("ID", vec![id.clone(), id]);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let error = read_document("locked.pdf", &bytes).unwrap_err();
        assert_eq!(
            error,
            DocumentError::Encrypted {
                name: "locked.pdf".to_owned()
            }
        );
    }

    #[test]
    fn a_docx_reads_as_text() {
        let bytes = docx::tests::docx(
            r#"<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p><w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>Built pipelines.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            read_document("cv.docx", &bytes).unwrap(),
            "Jane Doe\n- Built pipelines.\n"
        );
        let empty = docx::tests::docx("<w:p/>");
        assert!(matches!(
            read_document("cv.docx", &empty),
            Err(DocumentError::NoText { .. })
        ));
    }

    #[test]
    fn other_bytes_are_named_and_refused() {
        let error = read_document("cv.txt", b"plain text").unwrap_err();
        assert_eq!(
            error.to_string(),
            "cv.txt is neither a PDF nor a Word document"
        );
    }
}
