//! A key under which sentences that differ only in typing details are the same.

/// The key two sentences share when they differ only in case, inner whitespace, quote/dash
/// variants and trailing punctuation (for de-duplication and caching).
pub fn normalize_key(sentence: &str) -> String {
    let mut key = String::with_capacity(sentence.len());
    let mut pending_space = false;
    for c in sentence.chars() {
        let c = match c {
            // Zero-width characters and the byte-order mark are invisible: drop them.
            '\u{200B}' | '\u{200C}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => continue,
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c if c.is_whitespace() => {
                pending_space = !key.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.extend(c.to_lowercase());
    }
    let trimmed = key.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | ';' | ':' | ',' | '…' | '。' | '！' | '？' | '؟'
        ) || c.is_whitespace()
    });
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_variants_share_a_key() {
        let same = [
            "Experience with “React” — 3+ years.",
            "experience  with \"react\" - 3+ years",
            "EXPERIENCE WITH \"REACT\" – 3+ YEARS!!",
            " Experience\twith „React“ — 3+ years;",
        ];
        let keys: Vec<String> = same.iter().map(|s| normalize_key(s)).collect();
        for key in &keys {
            assert_eq!(key, "experience with \"react\" - 3+ years");
        }
    }

    #[test]
    fn meaning_differences_keep_different_keys() {
        assert_ne!(normalize_key("C++"), normalize_key("C"));
        assert_ne!(normalize_key("Python 3.11"), normalize_key("Python 3.1"));
        assert_eq!(normalize_key("Node.js."), "node.js");
        assert_eq!(normalize_key(""), "");
        assert_eq!(normalize_key("我们在招聘。"), "我们在招聘");
    }
}
