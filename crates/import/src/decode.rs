//! Bytes to text. Job-board exports and spreadsheets save tables as UTF-8 (with or without a
//! byte-order mark), UTF-16 (Excel's "Unicode text") or Windows-1252 (older Excel on Windows,
//! which people call Latin-1); a person cannot be asked which. [`decode`] tells them apart and
//! refuses what is not text at all (a PDF or a ZIP renamed `.csv`), naming what it found.
//!
//! Hand-written rather than `encoding_rs`: the three encodings take the standard library's
//! UTF-8 and UTF-16 decoders plus a 32-entry table, where `encoding_rs` links every legacy
//! encoding's tables into the page's WebAssembly.

/// How the bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (with a byte-order mark, or recognised by its zero bytes).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (a superset of Latin-1's printable characters): any byte is a character.
    Windows1252,
}

impl TextEncoding {
    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 LE",
            Self::Utf16Be => "UTF-16 BE",
            Self::Windows1252 => "Windows-1252 (Latin-1)",
        }
    }
}

/// Text and how it was encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: TextEncoding,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A known binary format (the kind is named, e.g. "PDF document").
    #[error("is a {0}, not a text file")]
    Binary(&'static str),
    /// Bytes that decode in no encoding tried (zero bytes in what is not UTF-16, say).
    #[error(
        "is not text (it holds zero bytes; is it a spreadsheet or a document rather than a CSV?)"
    )]
    NotText,
    /// A byte-order mark that promises an encoding the bytes then break.
    #[error("starts as {encoding} but is not valid {encoding} from byte {offset}")]
    Broken {
        /// The encoding the mark announced.
        encoding: &'static str,
        /// Where the bytes stop making sense.
        offset: usize,
    },
}

/// Magic numbers of the files people most often drop by mistake.
const BINARY_KINDS: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF document"),
    (
        b"PK\x03\x04",
        "ZIP archive (a Word, Excel or other Office file is one)",
    ),
    (b"\xD0\xCF\x11\xE0", "legacy Office document (.doc or .xls)"),
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"\x1F\x8B", "gzip archive"),
];

/// What a file's first bytes say it is, if it is a known binary format.
///
/// ```
/// assert_eq!(jobdelta_import::binary_kind(b"%PDF-1.7 ..."), Some("PDF document"));
/// assert_eq!(jobdelta_import::binary_kind(b"title,text"), None);
/// ```
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    BINARY_KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// Reads bytes as text: UTF-8 (a byte-order mark is dropped), UTF-16 by its byte-order mark or
/// its zero bytes, else Windows-1252.
///
/// ```
/// use jobdelta_import::{decode, TextEncoding};
/// assert_eq!(decode(b"caf\xC3\xA9")?.text, "café");
/// let latin1 = decode(b"caf\xE9")?;
/// assert_eq!((latin1.text.as_str(), latin1.encoding), ("café", TextEncoding::Windows1252));
/// assert_eq!(decode(b"\xFF\xFEh\0i\0")?.text, "hi");
/// # Ok::<(), jobdelta_import::DecodeError>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|text| Decoded {
                text: text.to_owned(),
                encoding: TextEncoding::Utf8,
            })
            .map_err(|e| DecodeError::Broken {
                encoding: TextEncoding::Utf8.label(),
                offset: 3 + e.valid_up_to(),
            });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, TextEncoding::Utf16Le, 2);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, TextEncoding::Utf16Be, 2);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\0') {
            return Ok(Decoded {
                text: text.to_owned(),
                encoding: TextEncoding::Utf8,
            });
        }
    }
    if let Some(encoding) = utf16_without_mark(bytes) {
        return utf16(bytes, encoding, 0);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::NotText);
    }
    Ok(Decoded {
        text: bytes.iter().map(|&b| windows_1252(b)).collect(),
        encoding: TextEncoding::Windows1252,
    })
}

/// UTF-16 without a byte-order mark: mostly-ASCII text has a zero in every other byte, on the
/// odd side for little-endian.
fn utf16_without_mark(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zero_high = sample.chunks_exact(2).filter(|p| p[1] == 0).count();
    let zero_low = sample.chunks_exact(2).filter(|p| p[0] == 0).count();
    // Three in four characters ASCII is far below any English table, far above chance.
    if zero_high * 4 >= pairs * 3 && zero_low * 10 < pairs {
        Some(TextEncoding::Utf16Le)
    } else if zero_low * 4 >= pairs * 3 && zero_high * 10 < pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes UTF-16 `bytes` (after a mark of `mark_len` bytes, for the error's offset).
fn utf16(bytes: &[u8], encoding: TextEncoding, mark_len: usize) -> Result<Decoded, DecodeError> {
    let broken = |offset| DecodeError::Broken {
        encoding: encoding.label(),
        offset: mark_len + offset,
    };
    if !bytes.len().is_multiple_of(2) {
        return Err(broken(bytes.len() - 1));
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| match encoding {
            TextEncoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
            _ => u16::from_le_bytes([p[0], p[1]]),
        })
        .collect();
    let mut text = String::with_capacity(units.len());
    for (i, unit) in char::decode_utf16(units.iter().copied()).enumerate() {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => return Err(broken(2 * i)),
        }
    }
    Ok(Decoded { text, encoding })
}

/// Windows-1252's characters for the bytes 0x80–0x9F (Latin-1 has control codes there); the
/// five bytes it leaves undefined map to the same code point, as browsers decode them.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// One Windows-1252 byte as a character.
fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, mark: bool) -> Vec<u8> {
        let mut bytes = if mark { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    fn utf16be(text: &str, mark: bool) -> Vec<u8> {
        let mut bytes = if mark { vec![0xFE, 0xFF] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        bytes
    }

    #[test]
    fn reads_each_encoding() {
        let text = "title,text\nDéveloppeur “senior”,Rust — 5 ans\n";
        let cases: Vec<(Vec<u8>, TextEncoding)> = vec![
            (text.as_bytes().to_vec(), TextEncoding::Utf8),
            (
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                TextEncoding::Utf8,
            ),
            (utf16le(text, true), TextEncoding::Utf16Le),
            (utf16le(text, false), TextEncoding::Utf16Le),
            (utf16be(text, true), TextEncoding::Utf16Be),
            (utf16be(text, false), TextEncoding::Utf16Be),
            (
                b"title,text\nD\xE9veloppeur \x93senior\x94,Rust \x97 5 ans\n".to_vec(),
                TextEncoding::Windows1252,
            ),
        ];
        for (bytes, encoding) in cases {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, text, "{encoding:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(
            decode(b"%PDF-1.4\n%\xE2\xE3"),
            Err(DecodeError::Binary("PDF document"))
        );
        assert!(matches!(
            decode(b"PK\x03\x04\x14\0\0\0"),
            Err(DecodeError::Binary(kind)) if kind.contains("ZIP")
        ));
        assert_eq!(decode(b"a\0\0\0b\0c\x01\xFF\0"), Err(DecodeError::NotText));
        assert_eq!(
            decode(b"\xEF\xBB\xBFok\xFF"),
            Err(DecodeError::Broken {
                encoding: "UTF-8",
                offset: 5
            })
        );
        assert!(matches!(
            decode(b"\xFF\xFEa\0b"),
            Err(DecodeError::Broken { offset: 4, .. })
        ));
        // A lone surrogate.
        assert!(matches!(
            decode(b"\xFF\xFEa\0\x00\xD8b\0"),
            Err(DecodeError::Broken { offset: 4, .. })
        ));
    }

    #[test]
    fn windows_1252_maps_every_byte() {
        let all: Vec<u8> = (1..=255).collect();
        let text: String = all.iter().map(|&b| windows_1252(b)).collect();
        assert_eq!(text.chars().count(), 255);
        assert_eq!(windows_1252(0x80), '€');
        assert_eq!(windows_1252(0xE9), 'é');
        assert_eq!(windows_1252(0x41), 'A');
    }
}
