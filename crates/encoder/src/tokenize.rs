//! The model's WordPiece tokenizer, configured the way sentence-transformers runs it.
//!
//! The `tokenizer.json` shipped with all-MiniLM-L6-v2 bakes in truncation at 128 and fixed
//! padding to 128. sentence-transformers overrides both (truncation at `max_seq_length` = 256,
//! padding per batch), and so do we: truncation is set to [`MAX_SEQ_LEN`] (or another model's
//! `max_seq_length`, [`WordPieceTokenizer::with_max_len`]) and padding is turned off here,
//! because the forward pass runs one text at a time and needs none.

use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

use crate::{Error, Result, MAX_SEQ_LEN};

/// One text as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizedText {
    /// Word-piece ids, [CLS] first and [SEP] last, at most the model's maximum length of them
    /// ([`MAX_SEQ_LEN`] for the default model).
    pub ids: Vec<u32>,
    /// The word pieces themselves ("x", "##gb", …), aligned with `ids`.
    pub tokens: Vec<String>,
    /// How many word pieces the whole text has ([CLS]/[SEP] included) before truncation.
    pub n_pieces_untruncated: usize,
}

impl TokenizedText {
    /// True when the model ignores the end of this text because it is over the maximum length.
    pub fn truncated(&self) -> bool {
        self.n_pieces_untruncated > self.ids.len()
    }
}

/// The WordPiece tokenizer with sentence-transformers' settings for this model.
#[derive(Clone)]
pub struct WordPieceTokenizer {
    /// Truncates at `max_len`: what the model is fed.
    truncating: Tokenizer,
    /// Never truncates: only used to count how much of a long text the model cannot see.
    counting: Tokenizer,
    /// Word pieces the model reads, [CLS]/[SEP] included.
    max_len: usize,
}

impl WordPieceTokenizer {
    /// Builds the tokenizer from the bytes of `tokenizer.json`, truncating at [`MAX_SEQ_LEN`]
    /// (all-MiniLM-L6-v2's length).
    pub fn from_bytes(tokenizer_json: &[u8]) -> Result<Self> {
        Self::with_max_len(tokenizer_json, MAX_SEQ_LEN)
    }

    /// Builds the tokenizer from the bytes of `tokenizer.json`, truncating at `max_len` word
    /// pieces ([CLS]/[SEP] included; the model's `max_seq_length`).
    pub fn with_max_len(tokenizer_json: &[u8], max_len: usize) -> Result<Self> {
        if max_len < 2 {
            return Err(Error::Tokenizer(format!(
                "a maximum of {max_len} word pieces leaves no room for [CLS] and [SEP]"
            )));
        }
        let mut counting =
            Tokenizer::from_bytes(tokenizer_json).map_err(|e| Error::Tokenizer(e.to_string()))?;
        counting.with_padding(None);
        counting
            .with_truncation(None)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;

        let mut truncating = counting.clone();
        truncating
            .with_truncation(Some(TruncationParams {
                max_length: max_len,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        Ok(Self {
            truncating,
            counting,
            max_len,
        })
    }

    /// Word pieces the model reads per text, [CLS]/[SEP] included.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Tokenises one text (any text, including an empty one, which becomes [CLS] [SEP]).
    pub fn tokenize(&self, text: &str) -> Result<TokenizedText> {
        let encoding = self
            .truncating
            .encode(text, true)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let ids = encoding.get_ids().to_vec();
        // Only texts that hit the limit can have been cut; the rest need no second pass.
        let n_pieces_untruncated = if ids.len() < self.max_len {
            ids.len()
        } else {
            self.counting
                .encode(text, true)
                .map_err(|e| Error::Tokenizer(e.to_string()))?
                .get_ids()
                .len()
        };
        Ok(TokenizedText {
            ids,
            tokens: encoding.get_tokens().to_vec(),
            n_pieces_untruncated,
        })
    }

    /// The word pieces of a whole text (no [CLS]/[SEP], never truncated), each with the byte
    /// range of the text it comes from: to show which words the model splits, and where it
    /// stops reading a text over [`WordPieceTokenizer::max_len`] pieces.
    pub fn pieces(&self, text: &str) -> Result<Vec<(String, (usize, usize))>> {
        let encoding = self
            .counting
            .encode(text, false)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        Ok(encoding
            .get_tokens()
            .iter()
            .cloned()
            .zip(encoding.get_offsets().iter().copied())
            .collect())
    }

    /// Tokenises several texts, in order.
    pub fn tokenize_all<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<TokenizedText>> {
        texts.iter().map(|t| self.tokenize(t.as_ref())).collect()
    }
}
