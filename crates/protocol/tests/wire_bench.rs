//! How a worker message should cross to the page, measured in the browser: as a JSON string
//! (`serde_json`, posted as a string, cloned as bytes), or as a JS object built by
//! `serde-wasm-bindgen` (posted as an object, cloned field by field by the structured clone);
//! and, for the messages with float vectors, with those floats in the JSON against beside it
//! in a transferred `Float32Array` (`jobdelta_protocol::js`, what the worker does).
//! Prints figures per message size; asserts only that every way round-trips. Run by hand:
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json \
//! WASM_BINDGEN_USE_BROWSER=1 cargo test --release --target wasm32-unknown-unknown \
//!     -p jobdelta-protocol --features js --test wire_bench -- --nocapture
//! ```
#![cfg(target_arch = "wasm32")]
// A benchmark on made-up inputs: any failure is a bug in the bench, and should stop it.
#![allow(clippy::expect_used)]

use jobdelta_matching::{build_report, prepare, PostText, Thresholds, WhitespacePieces};
use jobdelta_protocol::{FromWorker, RequestId, WireMessage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const DIMENSIONS: usize = 384;

/// A unit vector that depends on `text` only (the embedding stand-in).
fn vector(text: &str) -> Vec<f32> {
    let mut state = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut v: Vec<f32> = (0..DIMENSIONS)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2_000) as f32 / 1_000.0 - 1.0
        })
        .collect();
    let norm = v
        .iter()
        .map(|x| x * x)
        .sum::<f32>()
        .sqrt()
        .max(f32::MIN_POSITIVE);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

/// An `Analyzed` message of `posts` posts of ten requirements each, with the post vectors the
/// page keeps for learning from marks.
fn analyzed(posts: usize) -> FromWorker {
    let resume = (0..30)
        .map(|i| format!("- Built service {i} in Rust and ran it on Kubernetes for {i} teams."))
        .collect::<Vec<_>>()
        .join("\n");
    let posts: Vec<PostText> = (0..posts)
        .map(|p| PostText {
            title: Some(format!("Backend engineer {p}")),
            text: format!(
                "Requirements\n{}",
                (0..10)
                    .map(|r| format!("- {r} years of experience with system {p}-{r} and Kafka."))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        })
        .collect();
    let prepared = prepare(&resume, &posts).expect("the bench's inputs are valid");
    let embeddings: Vec<Vec<f32>> = prepared.texts_to_embed.iter().map(|t| vector(t)).collect();
    let report = build_report(
        &prepared,
        &embeddings,
        Thresholds::default(),
        &WhitespacePieces,
    )
    .expect("one embedding per text");
    FromWorker::Analyzed {
        request_id: RequestId(1),
        report: Box::new(report),
        posts_in_parts: 0,
        sentences_embedded: embeddings.len(),
        sentences_cached: 0,
        elapsed_ms: 0,
    }
}

fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys_performance::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// The browser's structured clone (what `postMessage` does to a message).
fn structured_clone(value: &JsValue) -> JsValue {
    let clone: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"structuredClone".into())
            .expect("structuredClone exists in every current browser")
            .unchecked_into();
    clone
        .call1(&JsValue::NULL, value)
        .expect("a message clones")
}

/// The browser's structured clone with `transfer` moved, not copied (`postMessage`'s transfer
/// list).
fn structured_clone_transferring(value: &JsValue, transfer: &JsValue) -> JsValue {
    let clone: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"structuredClone".into())
            .expect("structuredClone exists in every current browser")
            .unchecked_into();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"transfer".into(), transfer).expect("an object takes a key");
    clone
        .call2(&JsValue::NULL, value, &options)
        .expect("a message clones")
}

/// Posts `message` as the worker does (`js::post_from_worker`) and reads it back as the page
/// does (`js::read_from_worker`), through a structured clone with the transfer list.
fn posted_and_read(message: FromWorker) -> FromWorker {
    let mut received = JsValue::UNDEFINED;
    jobdelta_protocol::js::post_from_worker(message, |value, transfer| {
        received = structured_clone_transferring(value, transfer);
        Ok(())
    })
    .expect("posts");
    jobdelta_protocol::js::read_from_worker(&received).expect("reads")
}

/// Milliseconds per run of `f`, the median of `runs`.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now();
            f();
            now() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

mod web_sys_performance {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        /// `performance`, without pulling web-sys into the protocol crate's tests.
        pub type Performance;
        #[wasm_bindgen(method)]
        pub fn now(this: &Performance) -> f64;
    }
}

#[wasm_bindgen_test]
fn json_strings_against_serde_wasm_bindgen_objects() {
    for posts in [10, 100, 500] {
        let message = analyzed(posts);
        let json = message.to_json().expect("encodes");
        assert_eq!(FromWorker::from_json(&json).expect("decodes"), message);
        let object = serde_wasm_bindgen::to_value(&message).expect("converts");
        let back: FromWorker =
            serde_wasm_bindgen::from_value(structured_clone(&object)).expect("converts back");
        assert_eq!(back, message);

        let runs = if posts >= 500 { 5 } else { 11 };
        let via_json = median_ms(runs, || {
            let text = JsValue::from_str(&message.to_json().expect("encodes"));
            let received = structured_clone(&text).as_string().expect("a string");
            let _ = FromWorker::from_json(&received).expect("decodes");
        });
        let via_objects = median_ms(runs, || {
            let object = serde_wasm_bindgen::to_value(&message).expect("converts");
            let received = structured_clone(&object);
            let _: FromWorker = serde_wasm_bindgen::from_value(received).expect("converts back");
        });
        console_log!(
            "{posts:>4} posts ({:.1} MB of JSON): JSON string {via_json:.1} ms, serde-wasm-bindgen object {via_objects:.1} ms (object / JSON = {:.2})",
            json.len() as f64 / 1e6,
            via_objects / via_json.max(1e-9),
        );
    }
}

/// A helper's `Embedded` answer of `texts` vectors.
fn embedded(texts: usize) -> FromWorker {
    FromWorker::Embedded {
        request_id: RequestId(2),
        vectors: (0..texts).map(|i| vector(&format!("text {i}"))).collect(),
        word_pieces: texts * 20,
        embed_ms: 1.0,
        workers: 1,
        memory_bytes: 0,
    }
}

#[wasm_bindgen_test]
fn floats_in_the_json_against_floats_transferred_beside_it() {
    let mut part = analyzed(50);
    let FromWorker::Analyzed { report, .. } = &mut part else {
        unreachable!("analyzed() is an Analyzed")
    };
    let part = FromWorker::AnalyzedPart {
        request_id: RequestId(1),
        posts: std::mem::take(&mut report.posts),
        posts_total: 50,
    };
    let messages = [
        ("a report part of 50 posts", part),
        ("a helper's chunk of 32 vectors", embedded(32)),
        ("1,000 vectors", embedded(1_000)),
    ];
    for (what, message) in messages {
        let json = message.to_json().expect("encodes");
        assert_eq!(posted_and_read(message.clone()), message);
        let via_json = median_ms(21, || {
            let text = JsValue::from_str(&message.to_json().expect("encodes"));
            let received = structured_clone(&text).as_string().expect("a string");
            let _ = FromWorker::from_json(&received).expect("decodes");
        });
        let beside = median_ms(21, || {
            let _ = posted_and_read(message.clone());
        });
        let header = message.clone().detach().expect("detaches").json.len();
        console_log!(
            "{what} ({:.2} MB of JSON; {:.3} MB with the floats beside it): floats in the JSON {via_json:.2} ms, floats transferred beside it {beside:.2} ms (JSON / beside = {:.1})",
            json.len() as f64 / 1e6,
            header as f64 / 1e6,
            via_json / beside.max(1e-9),
        );
    }
}
