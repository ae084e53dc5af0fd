//! The sentence splitter and what it relies on, on arbitrary text: never a panic, and every
//! sentence is non-empty text of the input's words.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let plain = jobdelta_text::strip_html(text);
    for sentence in jobdelta_text::split_document(text) {
        assert!(!sentence.text.trim().is_empty());
        let _ = jobdelta_text::normalize_key(&sentence.text);
    }
    let _ = jobdelta_text::split_posts(&plain);
    let _ = jobdelta_text::infer_title(&plain);
});
