//! PDF: the text layer, through `pdf-extract` (on `lopdf`), in the order the content streams
//! draw it — for Word, Google Docs and LaTeX that is reading order, column by column. A PDF
//! locked only against editing opens with the empty password, as viewers do; one that needs a
//! password to be read is refused with a message. A list marker drawn as a filled disc rather
//! than a glyph (Chromium's) is written as "•". pdf-extract panics on some malformed
//! files: natively the panic is caught and reported as damage (a browser would run this in a
//! worker of its own, where a panic ends only that worker).

use pdf_extract::{
    ColorSpace, Document, MediaBox, Object, OutputDev, OutputError, Path, PathOp, Transform,
};

use crate::DocumentError;

/// A gap between two glyphs wider than this share of the font size is a space. pdf-extract's
/// own writer uses 0.1, closer to a wide kerning pair or a letter-spaced heading; a word space
/// is 0.25–0.33 em in the fonts resumes use, and justified lines shrink it to about 0.2 em.
const SPACE_GAP: f64 = 0.16;
/// A glyph whose baseline moved by more than this share of the font size starts a new line
/// (checked for every glyph, not only at a text object's first: Typst draws a heading and the
/// line after it in one run, which pdf-extract's writer glued: "Jonas WeberPharmacist").
const LINE_SHIFT: f64 = 0.5;
/// A baseline that moved by more than this share of the font size leaves a blank line.
const PARAGRAPH_SHIFT: f64 = 1.5;
/// A filled round shape is a list marker (a `disc`, which Chromium draws as a path, not a
/// glyph) when its diameter is within this share of the next glyph's font size (Chromium's
/// is 0.3 em)…
const MARKER_DIAMETER: std::ops::RangeInclusive<f64> = 0.15..=0.6;
/// …its middle lies above that glyph's baseline by at most this share of the font size…
const MARKER_RISE: f64 = 0.8;
/// …and it ends at most this many font sizes left of that glyph (Chromium: about 1 em).
const MARKER_LEAD: f64 = 3.0;

/// The text of the PDF `bytes`.
pub(crate) fn text(name: &str, bytes: &[u8]) -> Result<String, DocumentError> {
    let damaged = |reason: String| DocumentError::DamagedPdf {
        name: name.to_owned(),
        reason,
    };
    let read = std::panic::catch_unwind(|| -> Result<String, OutputError> {
        let mut doc = Document::load_mem(bytes)?;
        if doc.is_encrypted() {
            // Locked only against editing: the empty user password opens it, as in viewers.
            doc.decrypt("")?;
        }
        expand_cid_width_ranges(&mut doc);
        let mut writer = TextWriter::default();
        pdf_extract::output_doc(&doc, &mut writer)?;
        Ok(writer.text)
    })
    .map_err(|_| damaged("the PDF reader could not follow its structure".to_owned()))?;
    match read {
        Ok(text) => Ok(join_hyphenated(&text)),
        Err(OutputError::PdfError(pdf_extract::Error::Decryption(_))) => {
            Err(DocumentError::Encrypted {
                name: name.to_owned(),
            })
        }
        Err(error) => Err(damaged(error.to_string())),
    }
}

/// The most glyphs one `c_first c_last w` entry of a `/W` array may stand for: a CID is 16 bits.
const MAX_CID_RANGE: i64 = 0x1_0000;

/// Rewrites every composite font's `/W` widths from the range form `c_first c_last w` (one
/// width for a run of CIDs) to the list form `c_first [w w …]`, the one pdf-extract 0.10 reads.
/// It misreads the range form (first, last and width all from the first number, and the run
/// taken as empty), so those glyphs fall back to `/DW`; Skia (Chromium, Chrome's "Save as
/// PDF", Google Docs) writes `/DW 0` and ranges for the digits, the space and punctuation and
/// runs of equal letters ("i j k l"), so those glyphs came out zero wide and every gap after
/// one read as a space: "2 0 1 5", "Ferrei ra". An entry that is not well formed is left as
/// it is.
fn expand_cid_width_ranges(doc: &mut Document) {
    let mut expanded = Vec::new();
    for (&id, object) in &doc.objects {
        let Ok(font) = object.as_dict() else {
            continue;
        };
        let is_cid_font = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|subtype| subtype == b"CIDFontType2" || subtype == b"CIDFontType0");
        let Some(widths) = font
            .get(b"W")
            .ok()
            .and_then(|w| doc.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
        else {
            continue;
        };
        if is_cid_font {
            if let Some(list) = widths_as_lists(widths) {
                expanded.push((id, list));
            }
        }
    }
    for (id, list) in expanded {
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("W", Object::Array(list));
        }
    }
}

/// A `/W` array with every range entry written as a list, or `None` when it has no range
/// entry (nothing to rewrite) or one that is not well formed.
fn widths_as_lists(widths: &[Object]) -> Option<Vec<Object>> {
    let mut list = Vec::with_capacity(widths.len());
    let mut had_range = false;
    let mut i = 0;
    while i < widths.len() {
        let first = widths[i].as_i64().ok()?;
        match widths.get(i + 1)? {
            Object::Array(run) => {
                list.extend([Object::Integer(first), Object::Array(run.clone())]);
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = widths.get(i + 2).filter(|w| w.as_float().is_ok())?;
                let count = last.checked_sub(first)?.checked_add(1)?;
                if !(1..=MAX_CID_RANGE).contains(&count) {
                    return None;
                }
                let run = (0..count).map(|_| width.clone()).collect();
                list.extend([Object::Integer(first), Object::Array(run)]);
                had_range = true;
                i += 3;
            }
        }
    }
    had_range.then_some(list)
}

/// Writes glyphs in content order (column by column for every tool measured in
/// docs/quality.md), with spaces from the gaps between glyphs and line breaks from baselines.
#[derive(Default)]
struct TextWriter {
    text: String,
    /// The page's height, to measure y downwards.
    page_top: f64,
    /// Where the last glyph ended (x) and its baseline (y), if a glyph came on this page.
    last: Option<(f64, f64)>,
    /// The last filled round shape since the last glyph: a list marker if the next glyph
    /// starts its item's text just right of it.
    round_fill: Option<RoundFill>,
}

/// Where a filled round shape lies on the page (y measured downwards).
#[derive(Clone, Copy, Debug)]
struct RoundFill {
    left: f64,
    right: f64,
    middle: f64,
    diameter: f64,
}

impl RoundFill {
    /// The shape a `fill` draws, if it is round: curves only (no rectangle), its bounding box
    /// about as high as wide.
    fn of(ctm: &Transform, path: &Path, page_top: f64) -> Option<Self> {
        let mut points = Vec::new();
        let mut curved = false;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => points.push((x, y)),
                PathOp::CurveTo(x1, y1, x2, y2, x, y) => {
                    curved = true;
                    points.extend([(x1, y1), (x2, y2), (x, y)]);
                }
                PathOp::Rect(..) => return None,
                PathOp::Close => {}
            }
        }
        if !curved {
            return None;
        }
        let on_page = points.iter().map(|&(x, y)| {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                page_top - (ctm.m12 * x + ctm.m22 * y + ctm.m32),
            )
        });
        let (mut left, mut right, mut top, mut bottom) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (x, y) in on_page {
            left = left.min(x);
            right = right.max(x);
            top = top.min(y);
            bottom = bottom.max(y);
        }
        let (width, height) = (right - left, bottom - top);
        let round = width > 0.0 && height > 0.0 && (0.75..=1.33).contains(&(width / height));
        round.then_some(Self {
            left,
            right,
            middle: (top + bottom) / 2.0,
            diameter: (width + height) / 2.0,
        })
    }

    /// Whether this shape is the list marker of a line whose first glyph is drawn at `x` on
    /// the baseline `y` in a font of `size`.
    fn marks(&self, x: f64, y: f64, size: f64) -> bool {
        MARKER_DIAMETER.contains(&(self.diameter / size))
            && self.middle < y
            && self.middle > y - size * MARKER_RISE
            && self.right <= x
            && x - self.right < size * MARKER_LEAD
    }
}

impl TextWriter {
    /// A line break, a blank line or a space before a glyph drawn at `x` on the baseline `y`,
    /// from where the last one ended.
    fn separate(&mut self, x: f64, y: f64, size: f64) {
        if let Some((last_end, last_y)) = self.last {
            let shift = (y - last_y).abs();
            if shift > size * PARAGRAPH_SHIFT {
                self.text.push_str("\n\n");
            } else if shift > size * LINE_SHIFT {
                self.text.push('\n');
            } else if (x - last_end).abs() > size * SPACE_GAP && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
        }
    }
}

impl OutputDev for TextWriter {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_top = media_box.ury;
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.last = None;
        self.round_fill = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.text.push('\n');
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), OutputError> {
        // The font size in page units: the glyph square's side after the text matrix.
        let size = ((font_size * trm.m11).hypot(font_size * trm.m12)
            * (font_size * trm.m21).hypot(font_size * trm.m22))
        .sqrt();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let (x, y) = (trm.m31, self.page_top - trm.m32);
        if glyph.chars().all(char::is_whitespace) {
            // A drawn space: the gap it leaves decides, as for any other gap.
            if let Some((_, last_y)) = self.last {
                self.last = Some((x + width * size, last_y));
            }
            if !self.text.ends_with([' ', '\n']) && !self.text.is_empty() {
                self.text.push(' ');
            }
            return Ok(());
        }
        if let Some(marker) = self.round_fill.take().filter(|m| m.marks(x, y, size)) {
            // Written as the bullet glyph it stands for, on the item's baseline.
            self.separate(marker.left, y, size);
            self.text.push('•');
            self.last = Some((marker.right, y));
        }
        self.separate(x, y, size);
        self.text.push_str(glyph);
        self.last = Some((x + width * size, y));
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.round_fill = RoundFill::of(ctm, path, self.page_top);
        Ok(())
    }
}

/// A word hyphenated at a line end (LaTeX: "influ-" / "encer") joined again: a line ending in
/// a lower-case letter and "-" before a line starting with a lower-case letter.
fn join_hyphenated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let next_lower = lines
            .peek()
            .and_then(|n| n.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        let before_hyphen = line.strip_suffix('-').and_then(|l| l.chars().last());
        if next_lower && before_hyphen.is_some_and(char::is_lowercase) {
            out.push_str(&line[..line.len() - 1]);
            if let Some(next) = lines.next() {
                out.push_str(next.trim_start());
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use pdf_extract::content::{Content, Operation};
    use pdf_extract::{dictionary, Document, Object, ObjectId, Stream};

    use super::*;

    /// A one-page PDF drawing each `(x, y, text)` in Helvetica, in the order given.
    pub(crate) fn pdf(lines: &[(i64, i64, &str)]) -> Vec<u8> {
        helvetica_page(
            lines
                .iter()
                .flat_map(|&line| line_in_helvetica(line))
                .collect(),
        )
    }

    /// The operations drawing `text` at `(x, y)` in 11 pt Helvetica.
    fn line_in_helvetica((x, y, text): (i64, i64, &str)) -> [Operation; 5] {
        [
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 11.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ]
    }

    /// A one-page PDF of `operations`, with Helvetica as the font `F1`.
    fn helvetica_page(operations: Vec<Operation>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        one_page(doc, font_id, operations)
    }

    /// `doc` saved with one page of `operations`, whose font `F1` is `font_id`.
    fn one_page(mut doc: Document, font_id: ObjectId, operations: Vec<Operation>) -> Vec<u8> {
        let pages_id = doc.new_object_id();
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
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

    /// The operations filling a circle of radius `r` around `(x, y)`, as Chromium draws a
    /// `disc` list marker: four Bézier quarters.
    fn disc(x: f64, y: f64, r: f64) -> Vec<Operation> {
        let k = r * 0.5523;
        let curve = |points: [f64; 6]| {
            Operation::new(
                "c",
                points.iter().map(|&p| Object::Real(p as f32)).collect(),
            )
        };
        vec![
            Operation::new(
                "m",
                vec![Object::Real((x + r) as f32), Object::Real(y as f32)],
            ),
            curve([x + r, y + k, x + k, y + r, x, y + r]),
            curve([x - k, y + r, x - r, y + k, x - r, y]),
            curve([x - r, y - k, x - k, y - r, x, y - r]),
            curve([x + k, y - r, x + r, y - k, x + r, y]),
            Operation::new("h", vec![]),
            Operation::new("f", vec![]),
        ]
    }

    #[test]
    fn a_filled_disc_before_a_line_is_its_bullet() {
        let mut operations = Vec::new();
        operations.extend(line_in_helvetica((72, 770, "Experience")));
        // A marker 0.3 em wide, 0.3 em above the baseline, 1 em before the item's text.
        for (y, item) in [
            (750_i32, "Built Kafka pipelines."),
            (735, "Cut cloud costs."),
        ] {
            operations.extend(disc(84.0, f64::from(y) + 3.5, 1.65));
            operations.extend(line_in_helvetica((96, i64::from(y), item)));
        }
        // Not markers: a dot far left of its line, a big disc, a disc below the baseline.
        operations.extend(disc(20.0, 723.5, 1.65));
        operations.extend(line_in_helvetica((96, 720, "Led teams.")));
        operations.extend(disc(84.0, 710.0, 8.0));
        operations.extend(line_in_helvetica((96, 705, "Hired five.")));
        operations.extend(disc(84.0, 686.0, 1.65));
        operations.extend(line_in_helvetica((96, 690, "Ran studies.")));
        let text = text("cv.pdf", &helvetica_page(operations)).unwrap();
        let lines = nonblank_lines(&text);
        assert_eq!(
            lines,
            [
                "Experience",
                "• Built Kafka pipelines.",
                "• Cut cloud costs.",
                "Led teams.",
                "Hired five.",
                "Ran studies."
            ],
            "{text:?}"
        );
    }

    /// A one-page PDF drawing `text` as Skia does: a composite (Type 0) font whose CIDs are the
    /// characters' code points, each glyph placed by its own `Td`, with the `/W` widths given
    /// and `/DW 0`.
    fn skia_pdf(text: &str, widths: Vec<Object>) -> Vec<u8> {
        const SIZE: f64 = 12.0;
        const ADVANCE: f64 = 0.5;
        let mut doc = Document::with_version("1.4");
        let to_unicode = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
            /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
            1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
            1 beginbfrange\n<0020> <007E> <0020>\nendbfrange\n\
            endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        let to_unicode_id = doc.add_object(Stream::new(dictionary! {}, to_unicode.to_vec()));
        let descriptor_id = doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => "AAAAAA+DejaVuSans",
            "Flags" => 4,
            "ItalicAngle" => 0,
        });
        let cid_font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "AAAAAA+DejaVuSans",
            "CIDToGIDMap" => "Identity",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor_id,
            "W" => widths,
            "DW" => 0,
        });
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "AAAAAA+DejaVuSans",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![cid_font_id.into()],
            "ToUnicode" => to_unicode_id,
        });
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), SIZE.into()]),
            Operation::new("Td", vec![72.into(), 770.into()]),
        ];
        for (i, c) in text.chars().enumerate() {
            if i > 0 {
                operations.push(Operation::new(
                    "Td",
                    vec![(ADVANCE * SIZE).into(), 0.into()],
                ));
            }
            let cid = u16::try_from(u32::from(c)).unwrap().to_be_bytes();
            operations.push(Operation::new(
                "Tj",
                vec![Object::String(
                    cid.to_vec(),
                    pdf_extract::StringFormat::Hexadecimal,
                )],
            ));
        }
        operations.push(Operation::new("ET", vec![]));
        one_page(doc, font_id, operations)
    }

    #[test]
    fn skia_width_ranges_keep_words_whole() {
        // Every glyph half an em wide, in either of the two forms a /W array may use.
        let ranges = vec![0x20.into(), 0x7e.into(), 500.into()];
        let lists = vec![
            0x20.into(),
            Object::Array(vec![500.into(); 0x7e - 0x20 + 1]),
        ];
        let mixed = vec![
            0x20.into(),
            Object::Array(vec![500.into(); 0x30 - 0x20]),
            0x30.into(),
            0x39.into(),
            500.into(),
            0x3a.into(),
            0x7e.into(),
            Object::Real(500.0),
        ];
        for widths in [ranges, lists, mixed] {
            let text = text("cv.pdf", &skia_pdf("Porto, 2015 Lisbon", widths.clone())).unwrap();
            assert_eq!(text.trim(), "Porto, 2015 Lisbon", "{widths:?}");
        }
    }

    #[test]
    fn width_ranges_become_lists_and_bad_ones_stay() {
        let list = widths_as_lists(&[
            3.into(),
            5.into(),
            278.into(),
            9.into(),
            vec![600.into()].into(),
        ]);
        assert_eq!(
            list,
            Some(vec![
                3.into(),
                vec![278.into(), 278.into(), 278.into()].into(),
                9.into(),
                vec![600.into()].into(),
            ])
        );
        // Nothing to rewrite; a range backwards, unbounded, cut short or not numbers.
        for bad in [
            vec![9.into(), vec![600.into()].into()],
            vec![5.into(), 3.into(), 278.into()],
            vec![0.into(), 1_000_000.into(), 278.into()],
            vec![3.into(), 5.into()],
            vec![3.into(), 5.into(), "W".into()],
            vec!["W".into(), 5.into(), 278.into()],
        ] {
            assert_eq!(widths_as_lists(&bad), None, "{bad:?}");
        }
    }

    /// Only the words of `text`, in order.
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    /// The lines of `text` that are not blank, trimmed.
    fn nonblank_lines(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
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
        let lines = nonblank_lines(&text);
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
