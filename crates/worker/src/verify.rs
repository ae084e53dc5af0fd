//! Checks downloaded weights against the sha256 this build was made for.
//!
//! The same check will apply to weights read back from a local cache, which is why it works on
//! a complete buffer rather than while streaming.

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
    let mut hasher = Sha256::new();
    for chunk in bytes.chunks(CHUNK) {
        hasher.update(chunk);
    }
    let actual = format!("{:x}", hasher.finalize());
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
