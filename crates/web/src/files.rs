//! Reading the text files a person drops on the page (or picks with the file button).
//! Browser glue: which files are accepted and how they become posts is in [`crate::import`].

use wasm_bindgen_futures::JsFuture;
use web_sys::FileList;

use crate::import::{check_file, ReadFile};

/// Reads every acceptable file of `list` as text; returns the files read and, for the others,
/// why they were not read.
pub async fn read_text_files(list: FileList) -> (Vec<ReadFile>, Vec<String>) {
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
        match JsFuture::from(file.text()).await {
            Ok(text) => match text.as_string() {
                Some(text) => read.push((name, text)),
                None => skipped.push(format!("{name} could not be read as text")),
            },
            Err(_) => skipped.push(format!("{name} could not be read")),
        }
    }
    (read, skipped)
}
