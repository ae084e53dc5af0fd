//! PDF: the text layer, through `pdf-extract` (on `lopdf`), in the order the content streams
//! draw it — for Word, Google Docs and LaTeX that is reading order, column by column. A PDF
//! locked only against editing opens with the empty password, as viewers do; one that needs a
//! password to be read is refused with a message. pdf-extract panics on some malformed
//! files: natively the panic is caught and reported as damage (a browser would run this in a
//! worker of its own, where a panic ends only that worker).

use pdf_extract::OutputError;

use crate::DocumentError;

/// The text of the PDF `bytes`.
pub(crate) fn text(name: &str, bytes: &[u8]) -> Result<String, DocumentError> {
    let damaged = |reason: String| DocumentError::DamagedPdf {
        name: name.to_owned(),
        reason,
    };
    let read = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| damaged("the PDF reader could not follow its structure".to_owned()))?;
    match read {
        Ok(text) => Ok(text),
        Err(OutputError::PdfError(pdf_extract::Error::Decryption(_))) => {
            Err(DocumentError::Encrypted {
                name: name.to_owned(),
            })
        }
        Err(error) => Err(damaged(error.to_string())),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use pdf_extract::content::{Content, Operation};
    use pdf_extract::{dictionary, Document, Object, Stream};

    use super::*;

    /// A one-page PDF drawing each `(x, y, text)` in Helvetica, in the order given.
    pub(crate) fn pdf(lines: &[(i64, i64, &str)]) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let mut operations = Vec::new();
        for &(x, y, text) in lines {
            operations.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![x.into(), y.into()]),
                Operation::new("Tj", vec![Object::string_literal(text)]),
                Operation::new("ET", vec![]),
            ]);
        }
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
        });
        doc.trailer.set("Root", catalog_id);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    /// Only the words of `text`, in order.
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn lines_come_out_in_order_with_their_bullets() {
        let bytes = pdf(&[
            (72, 770, "Jane Doe"),
            (72, 740, "Experience"),
            (72, 720, "- Built Kafka pipelines for 40 teams."),
            (72, 705, "- Cut cloud costs by 35%."),
        ]);
        let text = text("cv.pdf", &bytes).unwrap();
        assert_eq!(
            words(&text),
            words("Jane Doe Experience - Built Kafka pipelines for 40 teams. - Cut cloud costs by 35%.")
        );
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines[2], "- Built Kafka pipelines for 40 teams.",
            "{text:?}"
        );
    }

    #[test]
    fn two_columns_are_read_column_by_column() {
        // As Word and LaTeX draw a two-column resume: the left column, then the right.
        let bytes = pdf(&[
            (40, 770, "Skills"),
            (40, 750, "Python, SQL"),
            (320, 770, "Experience"),
            (320, 750, "Built pipelines."),
        ]);
        let text = text("cv.pdf", &bytes).unwrap();
        assert_eq!(
            words(&text),
            words("Skills Python, SQL Experience Built pipelines.")
        );
    }

    #[test]
    fn damage_is_named_never_a_panic() {
        let mut bytes = pdf(&[(72, 770, "Jane Doe")]);
        for cut in [bytes.len() / 2, 40, 9] {
            bytes.truncate(cut);
            let error = text("cv.pdf", &bytes).unwrap_err();
            assert!(
                matches!(&error, DocumentError::DamagedPdf { name, .. } if name == "cv.pdf"),
                "cut at {cut}: {error:?}"
            );
        }
    }
}
