//! Reading a saved workspace document (`crates/web/src/workspace.rs`) from arbitrary text:
//! never a panic, and every document it accepts is written back (`to_json`) as one that reads
//! back to the same workspace — so a restored workspace is never lost by the next save.
//!
//! The web crate is not a dependency (it links Yew and web-sys); its pure module is compiled
//! in directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/web/src/workspace.rs"]
#[allow(dead_code)]
mod workspace;

use workspace::Workspace;

fuzz_target!(|json: &str| {
    if let Ok(restored) = Workspace::from_json(json) {
        let saved = restored.to_json();
        match Workspace::from_json(&saved) {
            Ok(again) => assert_eq!(again, restored, "{saved}"),
            Err(error) => panic!("a document this page wrote does not read back: {error}\n{saved}"),
        }
    }
});
