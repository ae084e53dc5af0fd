//! Number formatting for the page, kept pure so it can be tested natively.

/// Bytes as megabytes with one decimal ("90.9 MB"); decimal megabytes, as browsers show them.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A whole percentage of `done` out of `total`, clamped to 0–100.
pub fn percent(done: u64, total: u64) -> u64 {
    if total == 0 {
        return 100;
    }
    (done.min(total) as u128 * 100 / total as u128) as u64
}

/// A duration in milliseconds as seconds with one decimal ("2.4 s").
pub fn seconds(ms: u64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

/// A cosine similarity with 4 decimals, the precision the reference values are checked at.
pub fn cosine(value: f32) -> String {
    let text = format!("{value:.4}");
    // A tiny negative value rounds to "-0.0000", which reads like a different number.
    if text == "-0.0000" {
        "0.0000".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn formats() {
        let cases = [
            (megabytes(90_868_376), "90.9 MB"),
            (megabytes(0), "0.0 MB"),
            (seconds(2_449), "2.4 s"),
            (cosine(0.464_433_43), "0.4644"),
            (cosine(-0.000_04), "0.0000"),
            (cosine(-0.25), "-0.2500"),
            (cosine(1.0), "1.0000"),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn percent_is_clamped_and_safe() {
        let cases = [
            ((0, 100), 0),
            ((50, 100), 50),
            ((150, 100), 100),
            ((0, 0), 100),
            ((u64::MAX, u64::MAX), 100),
        ];
        for ((done, total), expected) in cases {
            assert_eq!(percent(done, total), expected, "{done}/{total}");
        }
    }
}
