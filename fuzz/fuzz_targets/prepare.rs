//! Preparing a resume and posts for the report, on arbitrary texts: either a list of problems
//! or sentences to embed, never a panic.
#![no_main]

use jobdelta_matching::{prepare, PostText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, Vec<(Option<&str>, &str)>)| {
    let (resume, posts) = input;
    let posts: Vec<PostText> = posts
        .into_iter()
        .take(8)
        .map(|(title, text)| PostText {
            title: title.map(str::to_owned),
            text: text.to_owned(),
        })
        .collect();
    if let Ok(prepared) = prepare(resume, &posts) {
        assert!(prepared.texts_to_embed.iter().all(|t| !t.trim().is_empty()));
    }
});
