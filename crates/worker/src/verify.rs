//! Checks downloaded weights against the sha256 this build was made for.
//!
//! The same check will apply to weights read back from a local cache, which is why it works on
//! a complete buffer rather than while streaming.
//!
//! [`verify_sha256_browser`] asks the browser's WebCrypto (`crypto.subtle.digest`, native code)
//! first and falls back to [`verify_sha256`] (`sha2` in wasm) where there is none: WebCrypto
//! exists only in secure contexts (https, localhost). The test `webcrypto_and_sha2_agree`
//! prints both timings on 45 MB in headless Chromium (docs/benchmarks.md).

use sha2::{Digest, Sha256};

use crate::error::{Result, WorkerError};

/// Bytes hashed per call into `sha2`.
///
/// In browsers a wasm function starts in a baseline compiler and is swapped for optimised code
/// only on a later call; one `digest` over 45 MB is a single call that never leaves baseline
/// code (about 5 s in Chromium). Many small calls get optimised after the first few.
const CHUNK: usize = 64 << 10;

/// Fails with [`WorkerError::WeightsMismatch`] unless `bytes` hash to `expected_hex`.
pub fn verify_sha256(bytes: &[u8], expected_hex: &str) -> Result<()> {
    compare(sha2_hex(bytes), expected_hex)
}

/// [`verify_sha256`] by the browser's WebCrypto where the worker has it, else by `sha2`.
pub async fn verify_sha256_browser(bytes: &[u8], expected_hex: &str) -> Result<()> {
    match webcrypto_hex(bytes).await {
        Some(actual) => compare(actual, expected_hex),
        None => verify_sha256(bytes, expected_hex),
    }
}

/// The sha256 of `bytes` in lowercase hex, by `sha2`.
fn sha2_hex(bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    for chunk in bytes.chunks(CHUNK) {
        hasher.update(chunk);
    }
    format!("{:x}", hasher.finalize())
}

/// Natively (this crate's unit tests) there is no browser, so no WebCrypto.
#[cfg(not(target_arch = "wasm32"))]
async fn webcrypto_hex(_bytes: &[u8]) -> Option<String> {
    None
}

/// The sha256 of `bytes` in lowercase hex by `crypto.subtle.digest`, or `None` where the
/// global scope has no WebCrypto (not a secure context) or it fails.
#[cfg(target_arch = "wasm32")]
async fn webcrypto_hex(bytes: &[u8]) -> Option<String> {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    let crypto = js_sys::Reflect::get(&global, &"crypto".into()).ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    let digest: js_sys::Function = js_sys::Reflect::get(&subtle, &"digest".into())
        .ok()?
        .dyn_into()
        .ok()?;
    // A view of wasm memory: WebCrypto copies what it hashes before returning its promise.
    let data = js_sys::Uint8Array::from(bytes);
    let promise: js_sys::Promise = digest
        .call2(&subtle, &"SHA-256".into(), &data)
        .ok()?
        .dyn_into()
        .ok()?;
    let hash = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let hash = js_sys::Uint8Array::new(&hash).to_vec();
    (hash.len() == 32).then(|| hash.iter().map(|b| format!("{b:02x}")).collect())
}

/// Ok when the digests are equal, else the mismatch naming both.
fn compare(actual: String, expected_hex: &str) -> Result<()> {
    if actual.eq_ignore_ascii_case(expected_hex) {
        Ok(())
    } else {
        Err(WorkerError::WeightsMismatch {
            actual,
            expected: expected_hex.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// sha256("abc") from FIPS 180-2, appendix B.1.
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn matching_digest_passes_in_either_case() {
        assert!(verify_sha256(b"abc", ABC).is_ok());
        assert!(verify_sha256(
            b"abc",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        )
        .is_ok());
    }

    #[test]
    fn chunking_does_not_change_the_digest() {
        let bytes: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i % 251) as u8).collect();
        let expected = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(verify_sha256(&bytes, &expected).ok(), Some(()));
    }

    /// Natively there is no WebCrypto: the browser path falls back to `sha2`.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn without_webcrypto_sha2_checks() {
        let ok = futures_lite_block_on(verify_sha256_browser(b"abc", ABC));
        assert!(ok.is_ok());
        assert!(futures_lite_block_on(verify_sha256_browser(b"abd", ABC)).is_err());
    }

    /// Polls a future that never waits (no WebCrypto natively) to its end.
    #[cfg(not(target_arch = "wasm32"))]
    fn futures_lite_block_on<T>(future: impl std::future::Future<Output = T>) -> T {
        let mut future = std::pin::pin!(future);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut context) {
                return value;
            }
        }
    }

    /// In Chromium: WebCrypto and `sha2` give the same digest of 45 MB (the model's size), and
    /// the times of both are printed (a measurement, not a timed assertion).
    #[cfg(target_arch = "wasm32")]
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn webcrypto_and_sha2_agree() {
        let bytes: Vec<u8> = (0..45_u32 << 20)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let now = || js_sys::Date::now();
        // WebCrypto first and last, so neither side has only the cold run.
        let started = now();
        let first = webcrypto_hex(&bytes).await;
        let webcrypto_cold_ms = now() - started;
        let started = now();
        let by_sha2 = sha2_hex(&bytes);
        let sha2_ms = now() - started;
        let started = now();
        let by_webcrypto = webcrypto_hex(&bytes).await;
        let webcrypto_ms = now() - started;
        assert_eq!(first, by_webcrypto);
        web_sys::console::log_1(
            &format!(
                "sha256 of 45 MB: sha2 (wasm) {sha2_ms:.0} ms, WebCrypto {webcrypto_cold_ms:.0} ms then {webcrypto_ms:.0} ms ({})",
                if by_webcrypto.is_some() { "available" } else { "not available here" }
            )
            .into(),
        );
        if let Some(hex) = by_webcrypto {
            assert_eq!(hex, by_sha2);
        }
        assert!(verify_sha256_browser(&bytes, &by_sha2).await.is_ok());
    }

    #[test]
    fn mismatch_names_both_digests() {
        let Err(error) = verify_sha256(b"abd", ABC) else {
            panic!("a different input must not verify");
        };
        let message = error.to_string();
        assert!(message.contains(ABC), "{message}");
        assert!(message.contains("scripts/fetch-model"), "{message}");
        assert!(
            matches!(error, WorkerError::WeightsMismatch { ref actual, .. } if actual.len() == 64)
        );
    }
}
