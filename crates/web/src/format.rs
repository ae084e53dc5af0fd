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

/// A fit in [0, 100] with one decimal ("72.3"), as shown and as put in `data-fit`.
pub fn fit(value: f32) -> String {
    let value = if value.is_finite() {
        value.clamp(0.0, 100.0)
    } else {
        0.0
    };
    format!("{value:.1}")
}

/// A similarity with 2 decimals ("0.62"), never "-0.00".
pub fn score(value: f32) -> String {
    let text = format!("{value:.2}");
    if text == "-0.00" {
        "0.00".to_owned()
    } else {
        text
    }
}

/// A threshold as typed in its box ("0.55").
pub fn threshold(value: f32) -> String {
    format!("{value:.2}")
}

/// A share in [0, 1] as a whole percentage ("67 %").
pub fn share(value: f32) -> String {
    format!("{:.0} %", (value * 100.0).clamp(0.0, 100.0))
}

/// A rough remaining time ("about 40 s", "about 3 min"), coarse on purpose: rates wobble.
pub fn eta(ms: u64) -> String {
    let seconds = ms.div_ceil(1000);
    if seconds < 10 {
        "a few seconds".to_owned()
    } else if seconds < 90 {
        format!("about {} s", seconds.div_ceil(5) * 5)
    } else {
        format!("about {} min", seconds.div_ceil(60))
    }
}

/// "1 post", "3 posts": a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            (fit(72.345), "72.3"),
            (fit(100.0), "100.0"),
            (fit(0.0), "0.0"),
            (fit(f32::NAN), "0.0"),
            (fit(-0.01), "0.0"),
            (score(0.614), "0.61"),
            (score(0.616), "0.62"),
            (score(-0.001), "0.00"),
            (score(0.4), "0.40"),
            (threshold(0.55), "0.55"),
            (share(0.666), "67 %"),
            (eta(3_000), "a few seconds"),
            (eta(41_000), "about 45 s"),
            (eta(150_000), "about 3 min"),
            (count(1, "post", "posts"), "1 post"),
            (count(0, "post", "posts"), "0 posts"),
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
