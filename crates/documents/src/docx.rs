//! DOCX: a ZIP whose `word/document.xml` holds the body as `<w:p>` paragraphs of `<w:r>` runs
//! of `<w:t>` text (ECMA-376 part 1, §17.3). A paragraph ends a line; a paragraph in a list
//! (`<w:numPr>`) or styled as one starts with "- ", so bullets survive; `<w:tab/>` is a tab
//! and `<w:br/>` a line break. Tables are read cell by cell, each cell's paragraphs as lines.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::DocumentError;

/// The largest `word/document.xml` read (a resume's is tens of kilobytes; a ZIP bomb's is not).
const MAX_XML_BYTES: u64 = 20 << 20;

/// The text of the DOCX `bytes`.
pub(crate) fn text(name: &str, bytes: &[u8]) -> Result<String, DocumentError> {
    let damaged = |reason: String| DocumentError::DamagedDocx {
        name: name.to_owned(),
        reason,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut xml = String::new();
    match archive.by_name("word/document.xml") {
        Ok(part) => {
            part.take(MAX_XML_BYTES)
                .read_to_string(&mut xml)
                .map_err(|e| damaged(format!("word/document.xml: {e}")))?;
        }
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(DocumentError::NotDocx {
                name: name.to_owned(),
            })
        }
        Err(e) => return Err(damaged(e.to_string())),
    }
    paragraphs(&xml).map_err(damaged)
}

/// The body's paragraphs, one a line, list items with "- ".
fn paragraphs(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut line = String::new();
    let mut in_text = false;
    let mut list_item = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml at byte {}: {e}", reader.error_position()))?;
        match event {
            // An empty paragraph is a blank line: where a resume's blocks are set apart.
            Event::Empty(e) if e.local_name().as_ref() == b"p" => out.push('\n'),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tab" => line.push('\t'),
                b"br" | b"cr" => line.push('\n'),
                b"numPr" => list_item = true,
                b"pStyle" => {
                    let list_style = e.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == b"val"
                            && String::from_utf8_lossy(&a.value)
                                .to_ascii_lowercase()
                                .contains("list")
                    });
                    list_item |= list_style;
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| e.to_string())?;
                line.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                // Entities inside <w:t>: the five XML ones and character references.
                let entity = r.decode().map_err(|e| e.to_string())?;
                match r.resolve_char_ref().ok().flatten() {
                    Some(c) => line.push(c),
                    None => line.push_str(match entity.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    }),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if !line.trim().is_empty() {
                        if list_item {
                            out.push_str("- ");
                        }
                        out.push_str(line.trim_end());
                    }
                    out.push('\n');
                    line.clear();
                    list_item = false;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A DOCX holding `body` (the inside of `<w:body>`), as Word writes one.
    pub(crate) fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_lists_tabs_and_entities() {
        let bytes = docx(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Jane Doe</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Data engineer, </w:t></w:r><w:r><w:t>Leeds</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Experience</w:t><w:tab/><w:t>2019–present</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Built Kafka &amp; Spark pipelines.</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Cut costs by 35&#37;.</w:t></w:r></w:p>"#,
            r#"<w:p/>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Python</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>SQL</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        ));
        assert_eq!(
            text("cv.docx", &bytes).unwrap(),
            "Jane Doe\nData engineer, Leeds\nExperience\t2019–present\n- Built Kafka & Spark pipelines.\n- Cut costs by 35%.\n\nPython\nSQL\n"
        );
    }

    #[test]
    fn a_zip_of_something_else_and_damage_are_named() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("photos/cat.jpg", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"not a resume").unwrap();
        let other = zip.finish().unwrap().into_inner();
        assert_eq!(
            text("cv.docx", &other),
            Err(DocumentError::NotDocx {
                name: "cv.docx".to_owned()
            })
        );

        let mut cut = docx("<w:p><w:r><w:t>Jane</w:t></w:r></w:p>");
        cut.truncate(cut.len() / 2);
        let error = text("cv.docx", &cut).unwrap_err();
        assert!(
            matches!(&error, DocumentError::DamagedDocx { name, .. } if name == "cv.docx"),
            "{error:?}"
        );

        let broken = docx("<w:p><w:r><w:t>Jane</w:r></w:p>");
        let error = text("cv.docx", &broken).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cv.docx is a damaged Word document (word/document.xml at byte"),
            "{error}"
        );
    }
}
