//! What people bring to jobdelta, read into texts the report can use: tables of job posts
//! (CSV, TSV, JSON Lines, JSON) in UTF-8, UTF-16 or Windows-1252, with their columns
//! recognised by name. Pure and target-agnostic, so the CLI (`--posts FILE`) and the page (a
//! dropped or picked file) read the same bytes the same way and say the same thing about a
//! file they cannot read.
//!
//! ```text
//! bytes ──► decode (BOM, UTF-16 zeros, else Windows-1252; PDFs and ZIPs refused by name)
//!       ──► rows (csv crate: quotes, newlines in cells, `,` `;` or tab; or JSON objects)
//!       ──► columns by name (title / company / date / text / id)
//!       ──► posts (rows without text skipped, repeats dropped; both counted)
//! ```

#![warn(missing_docs)]

mod decode;
mod table;

pub use decode::{binary_kind, decode, DecodeError, Decoded, TextEncoding};
pub use table::{
    read_post_table, Field, FieldColumns, ImportError, ImportedPost, PostTable, SkippedRow,
    TableFormat, FIELD_NAMES,
};
