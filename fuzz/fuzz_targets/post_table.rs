//! Tables of posts (`jobdelta_import::read_post_table`) from arbitrary bytes under each kind
//! of file name: never a panic; a table read has posts, each with text, no two the same, and
//! ids for all; every refusal names the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["posts.csv", "posts.tsv", "posts.jsonl", "posts.json", "posts"];

fuzz_target!(|input: (u8, &[u8])| {
    let (which, bytes) = input;
    let name = NAMES[usize::from(which) % NAMES.len()];
    match jobdelta_import::read_post_table(name, bytes) {
        Ok(table) => {
            assert!(!table.posts.is_empty());
            for post in &table.posts {
                assert!(!post.text.trim().is_empty());
                assert!(!post.id.is_empty());
            }
            let _ = table.summary(name);
        }
        Err(e) => assert!(e.to_string().starts_with(name), "{e}"),
    }
});
