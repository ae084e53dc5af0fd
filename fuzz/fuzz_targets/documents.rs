//! Resumes as documents (`jobdelta_documents::read_document`) from arbitrary bytes, with a PDF
//! or ZIP header put in front half the time so the readers go past the first check: text read
//! is never blank, every refusal names the file. libfuzzer-sys's panic hook aborts before
//! `catch_unwind` can catch, so a panic inside pdf-extract shows up here as a crash too: each
//! one found is a file the app's separate parser worker would have to survive.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &[u8])| {
    let (which, rest) = input;
    let mut bytes = match which % 4 {
        0 => b"%PDF-1.7\n".to_vec(),
        1 => b"PK\x03\x04".to_vec(),
        _ => Vec::new(),
    };
    bytes.extend_from_slice(rest);
    match jobdelta_documents::read_document("cv", &bytes) {
        Ok(text) => assert!(!text.trim().is_empty()),
        Err(e) => assert!(e.to_string().starts_with("cv "), "{e}"),
    }
});
