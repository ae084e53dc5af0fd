//! Reading the files a person drops on the page (or picks with the file button).
//! Browser glue: which files are accepted and how they become posts is in [`crate::import`].
//!
//! Files are read as bytes with `gloo-file` (the maintained wrapper of the browser's
//! `FileReader`, compiled with Yew already) and decoded in [`crate::import`], so a
//! Windows-1252 or UTF-16 export reads as what it says instead of the browser's UTF-8 guess.

use web_sys::FileList;

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
            Ok(bytes) => read.push((name, bytes)),
            Err(e) => skipped.push(format!("{name} could not be read ({e})")),
        }
    }
    (read, skipped)
}
