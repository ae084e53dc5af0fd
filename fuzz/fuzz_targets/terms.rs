//! The term extractor and word finder on arbitrary text: never a panic, and every range they
//! report is a valid slice of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for mention in jobdelta_text::find_terms(text) {
        assert!(text.get(mention.range.clone()).is_some());
    }
    for word in jobdelta_text::words(text) {
        assert!(text.get(word.range.clone()).is_some());
    }
    let _ = jobdelta_text::content_words(text);
    for mode in jobdelta_text::Preprocessing::ALL {
        let _ = mode.apply(text);
    }
});
