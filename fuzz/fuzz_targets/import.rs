//! Turning pasted and dropped text into posts and a resume (`crates/web/src/import.rs`) on
//! arbitrary input: never a panic, never an empty post, every post titled, every dropped file
//! either a post or a reason it was skipped.
//!
//! The web crate is not a dependency (it links Yew and web-sys); its pure module is compiled
//! in directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/web/src/import.rs"]
#[allow(dead_code)]
mod import;

fuzz_target!(|input: (&str, &str, u8, Vec<(&str, &[u8])>)| {
    let (title, text, existing, files) = input;
    for post in import::posts_from_paste(title, text, usize::from(existing)) {
        assert!(!post.text.trim().is_empty());
        assert!(!post.title.trim().is_empty(), "untitled post from {text:?}");
    }
    let files: Vec<import::ReadFile> = files
        .into_iter()
        .take(8)
        .map(|(name, bytes)| (name.to_owned(), bytes.to_vec()))
        .collect();
    let read = import::posts_from_files(files.clone(), usize::from(existing));
    // Each file is posts (one, or a table's rows, with a note) or a reason it was skipped.
    assert!(read.posts.len() + read.skipped.len() >= files.len() - read.notes.len());
    assert!(read.posts.iter().all(|p| !p.text.trim().is_empty()));
    assert!(read.posts.iter().all(|p| !p.title.trim().is_empty()));
    let (_, skipped) = import::resume_from_files(&files);
    let _ = import::skipped_message(&skipped);
    for (name, _) in &files {
        let _ = import::title_from_file_name(name);
        let _ = import::check_file(name, "text/plain", name.len() as f64);
    }
});
