//! Reading the files a person drops on the page (or picks with the file button). PDF and Word
//! documents are read into text by the import worker ([`crate::import_worker`]).
//! Browser glue: which files are accepted and how they become posts is in [`crate::import`].
//!
//! Files are read as bytes with `gloo-file` (the maintained wrapper of the browser's
//! `FileReader`, compiled with Yew already) and decoded in [`crate::import`], so a
//! Windows-1252 or UTF-16 export reads as what it says instead of the browser's UTF-8 guess.

use web_sys::FileList;

use jobdelta_protocol::import;

use crate::import::{check_file, ReadFile};

/// Reads every acceptable file of `list`; returns the files read and, for the others, why
/// they were not read.
pub async fn read_files(list: FileList) -> (Vec<ReadFile>, Vec<String>) {
    let mut read = Vec::new();
    let mut skipped = Vec::new();
    for index in 0..list.length() {
        let Some(file) = list.item(index) else {
            continue;
        };
        let name = file.name();
        if let Err(reason) = check_file(&name, &file.type_(), file.size()) {
            skipped.push(reason);
            continue;
        }
        let file = gloo_file::File::from(file);
        match gloo_file::futures::read_as_bytes(&file).await {
            // A PDF or DOCX (by its bytes, whatever its name): its text, read by the import
            // worker, goes on as a text file would; a refusal names the file, like a skip.
            Ok(bytes) if import::is_document(&name, &bytes) => {
                match crate::import_worker::read_document(&name, bytes).await {
                    Ok(text) => read.push((name, text.into_bytes())),
                    Err(message) => skipped.push(message),
                }
            }
            Ok(bytes) => read.push((name, bytes)),
            Err(e) => skipped.push(format!("{name} could not be read ({e})")),
        }
    }
    (read, skipped)
}
