//! The model's tokenisation wrapper (`WordPieceTokenizer` with sentence-transformers'
//! settings) on arbitrary text: never an error or a panic, at most 256 word pieces framed by
//! [CLS] … [SEP], a consistent truncation count, and piece offsets that are valid slices of
//! the text (the page highlights words by them).
//!
//! It loads the real `tokenizer.json`: `$JOBDELTA_TOKENIZER`, or else
//! `models/all-MiniLM-L6-v2/tokenizer.json` of this repository (`scripts/fetch-model`).
#![no_main]

use std::sync::LazyLock;

use jobdelta_encoder::{WordPieceTokenizer, MAX_SEQ_LEN};
use libfuzzer_sys::fuzz_target;

static TOKENIZER: LazyLock<WordPieceTokenizer> = LazyLock::new(|| {
    let path = std::env::var("JOBDELTA_TOKENIZER").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../models/all-MiniLM-L6-v2/tokenizer.json"
        )
        .into()
    });
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (run scripts/fetch-model or set JOBDELTA_TOKENIZER)")
    });
    WordPieceTokenizer::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
});

fuzz_target!(|text: &str| {
    let tokenized = TOKENIZER
        .tokenize(text)
        .unwrap_or_else(|e| panic!("tokenize failed on valid UTF-8: {e}"));
    assert!(tokenized.ids.len() <= MAX_SEQ_LEN);
    assert_eq!(tokenized.ids.len(), tokenized.tokens.len());
    assert_eq!(tokenized.tokens.first().map(String::as_str), Some("[CLS]"));
    assert_eq!(tokenized.tokens.last().map(String::as_str), Some("[SEP]"));
    assert!(tokenized.n_pieces_untruncated >= tokenized.ids.len());
    assert_eq!(
        tokenized.truncated(),
        tokenized.n_pieces_untruncated > MAX_SEQ_LEN
    );

    let pieces = TOKENIZER
        .pieces(text)
        .unwrap_or_else(|e| panic!("pieces failed on valid UTF-8: {e}"));
    // Without [CLS] and [SEP], and never truncated.
    assert_eq!(pieces.len() + 2, tokenized.n_pieces_untruncated);
    for (piece, (start, end)) in &pieces {
        assert!(!piece.is_empty());
        assert!(start <= end, "{piece}: {start}..{end}");
        assert!(
            text.get(*start..*end).is_some(),
            "{piece}: {start}..{end} is not a slice of the text"
        );
    }
});
