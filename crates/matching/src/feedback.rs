//! What the model sees of the texts: words its tokenizer shatters, and feedback on each
//! resume sentence (length in word pieces, where a long one is cut, wordiness, near-repeats).
//!
//! The model's tokenizer lives in `jobdelta-encoder`, which this pure crate does not link by
//! default (the page links this crate but never the model). Callers pass a [`WordPieces`]:
//! the real tokenizer (with the `encoder` feature, `WordPieceTokenizer` implements it), or
//! [`WhitespacePieces`] where no model is at hand.

use std::collections::HashSet;

use jobdelta_text::{distinct_terms, is_stop_word, words};
use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::vector::dot;

/// Word pieces the model reads per text, [CLS] and [SEP] included (sentence-transformers'
/// `max_seq_length` for all-MiniLM-L6-v2); the rest of a longer text is ignored.
///
/// The encoder's `MAX_SEQ_LEN` again: this crate cannot name it without linking the model,
/// which the page must not. Builds with the `encoder` feature (the CLI, the worker) fail to
/// compile if the two ever differ.
pub const MAX_PIECES: usize = 256;

#[cfg(feature = "encoder")]
const _: () = assert!(
    MAX_PIECES == jobdelta_encoder::MAX_SEQ_LEN,
    "MAX_PIECES must equal the encoder's MAX_SEQ_LEN"
);

/// Cosine from which two resume sentences say the same thing (sentence-transformers'
/// `paraphrase_mining` examples treat ≥ 0.90 as paraphrases).
pub const DUPLICATE_COSINE: f32 = 0.90;

/// Word pieces from which one word counts as shattered ("xgboost" → x ##gb ##oo ##st).
pub const SHATTERED_PIECES: usize = 3;

/// Shattered terms listed per post.
pub const UNSEEN_TERMS_PER_POST: usize = 15;

/// Letters a word of a requirement needs to be checked for shattering when the gazetteer
/// does not know it (shorter words are rarely names, and rarely split).
pub const MIN_WORD_LETTERS: usize = 5;

/// Words shown after the point where the model stops reading.
const UNREAD_EXCERPT_WORDS: usize = 12;

/// Phrases that take words without saying what was done. Matched on whole words, in any case.
pub const FILLER_PHRASES: &[&str] = &[
    "responsible for",
    "worked on",
    "helped with",
    "helped to",
    "involved in",
    "participated in",
    "various",
    "a number of",
    "in order to",
    "successfully",
    "team player",
    "detail-oriented",
    "detail oriented",
    "hard-working",
    "hard working",
    "duties included",
    "tasked with",
    "synergy",
    "results-driven",
    "results driven",
    "go-getter",
    "self-starter",
    "think outside the box",
    "proven track record",
    "passionate about",
    "dynamic",
    "etc",
];

/// The model's tokenizer, as the report needs it.
pub trait WordPieces {
    /// The word pieces of `text`, without [CLS]/[SEP], never truncated.
    fn pieces(&self, text: &str) -> Vec<String>;
    /// How many word pieces the model would get for `text`, and where it stops reading.
    fn seen(&self, text: &str) -> SeenPieces;
}

/// How much of a text the model reads, and where it stops (the page's wire type for the
/// counts alone is `jobdelta_protocol::PieceCount`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeenPieces {
    /// Word pieces of the whole text, [CLS] and [SEP] included, before truncation.
    pub n_pieces: usize,
    /// When `n_pieces` > [`MAX_PIECES`], the byte offset in the text where the model stops
    /// reading (the start of the first piece it never sees).
    pub cut_at: Option<usize>,
}

/// Whitespace-separated words as "pieces": the fallback when the tokenizer is not at hand or
/// fails. Nothing counts as shattered; lengths are a lower bound of the real count.
#[derive(Debug, Clone, Copy, Default)]
pub struct WhitespacePieces;

impl WordPieces for WhitespacePieces {
    fn pieces(&self, text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_lowercase).collect()
    }

    fn seen(&self, text: &str) -> SeenPieces {
        let starts: Vec<usize> = text
            .split_whitespace()
            .map(|w| w.as_ptr() as usize - text.as_ptr() as usize)
            .collect();
        let n_pieces = starts.len() + 2;
        SeenPieces {
            n_pieces,
            cut_at: (n_pieces > MAX_PIECES)
                .then(|| starts.get(MAX_PIECES - 2).copied())
                .flatten(),
        }
    }
}

#[cfg(feature = "encoder")]
impl WordPieces for jobdelta_encoder::WordPieceTokenizer {
    fn pieces(&self, text: &str) -> Vec<String> {
        match jobdelta_encoder::WordPieceTokenizer::pieces(self, text) {
            Ok(pieces) => pieces.into_iter().map(|(piece, _)| piece).collect(),
            Err(_) => WhitespacePieces.pieces(text),
        }
    }

    fn seen(&self, text: &str) -> SeenPieces {
        match jobdelta_encoder::WordPieceTokenizer::pieces(self, text) {
            Ok(pieces) => {
                let n_pieces = pieces.len() + 2;
                // The model's own length (MAX_PIECES for the default model, 128 for
                // paraphrase-MiniLM-L3-v2); [CLS] takes one of its places and [SEP] another.
                let max = self.max_len();
                let cut_at = (n_pieces > max)
                    .then(|| pieces.get(max - 2).map(|(_, (start, _))| *start))
                    .flatten()
                    .filter(|&at| text.is_char_boundary(at));
                SeenPieces { n_pieces, cut_at }
            }
            Err(_) => WhitespacePieces.seen(text),
        }
    }
}

/// A term of a post that the tokenizer breaks into many pieces, so the model hardly
/// recognises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnseenTerm {
    /// The term (canonical name for known skills, else as first written).
    pub term: String,
    /// Its word pieces ("x", "##gb", "##oo", "##st").
    pub pieces: Vec<String>,
    /// Whether the resume names it too.
    pub in_resume: bool,
}

/// Feedback on one resume sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceFeedback {
    /// The sentence.
    pub text: String,
    /// The heading it sits under in the resume.
    pub heading: Option<String>,
    /// Word pieces the model gets for it, [CLS] and [SEP] included, before truncation.
    pub n_tokens: usize,
    /// True when the model ignores the end: `n_tokens` > [`MAX_PIECES`], or over a shorter
    /// model's own length.
    pub truncated: bool,
    /// Where the model stops reading, when truncated.
    pub cut_at: Option<Cut>,
    /// How much of the sentence is stop words and filler.
    pub density: Density,
    /// Other resume sentences that say nearly the same (cosine ≥ [`DUPLICATE_COSINE`]).
    pub duplicates: Vec<Duplicate>,
    /// Requirements (over all posts) whose best evidence this sentence is, at the `partly`
    /// threshold or above.
    pub supports_requirements: usize,
}

/// Where the model stops reading a long sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cut {
    /// Byte offset in the sentence of the first word piece the model never sees.
    pub byte: usize,
    /// Words from there to the end.
    pub unread_words: usize,
    /// The first of them (up to 12), "…" when there are more.
    pub unread_excerpt: String,
}

/// How wordy a sentence is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Density {
    /// Words in the sentence.
    pub words: usize,
    /// Share of them that are NLTK stop words, in [0, 1].
    pub stop_word_ratio: f32,
    /// Filler phrases it uses (from [`FILLER_PHRASES`]), in sentence order.
    pub filler_phrases: Vec<String>,
    /// A word for it.
    pub verdict: Verdict,
}

/// How wordy a sentence is, in a word; see [`Verdict::of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Mostly content words and no filler.
    Dense,
    /// In between.
    Ok,
    /// Many stop words or filler phrases.
    Fluffy,
}

impl Verdict {
    /// The rules: *fluffy* with two or more filler phrases, or stop words ≥ 55 % of the words,
    /// or one filler phrase and stop words ≥ 40 %; *dense* with no filler phrase and stop
    /// words < 30 %; *ok* otherwise.
    pub fn of(stop_word_ratio: f32, filler_phrases: usize) -> Self {
        if filler_phrases >= 2
            || stop_word_ratio >= 0.55
            || (filler_phrases == 1 && stop_word_ratio >= 0.40)
        {
            Verdict::Fluffy
        } else if filler_phrases == 0 && stop_word_ratio < 0.30 {
            Verdict::Dense
        } else {
            Verdict::Ok
        }
    }

    /// A short word for people.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Dense => "dense",
            Verdict::Ok => "ok",
            Verdict::Fluffy => "fluffy",
        }
    }
}

/// Another resume sentence saying nearly the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// Its index in the report's `resume`.
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// Cosine similarity of the two.
    pub score: f32,
}

/// Wordiness of a sentence: word count, stop-word share, filler phrases and a verdict.
pub fn density(text: &str) -> Density {
    let all = words(text);
    let stop = all.iter().filter(|w| is_stop_word(&w.normalized)).count();
    let stop_word_ratio = if all.is_empty() {
        0.0
    } else {
        stop as f32 / all.len() as f32
    };
    let joined = format!(
        " {} ",
        all.iter()
            .map(|w| w.normalized.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut found: Vec<(usize, &str)> = FILLER_PHRASES
        .iter()
        .filter_map(|p| joined.find(&format!(" {p} ")).map(|at| (at, *p)))
        .collect();
    found.sort();
    let filler_phrases: Vec<String> = found.into_iter().map(|(_, p)| p.to_owned()).collect();
    Density {
        words: all.len(),
        stop_word_ratio,
        verdict: Verdict::of(stop_word_ratio, filler_phrases.len()),
        filler_phrases,
    }
}

/// Feedback for each resume sentence of `prepared` (in order); `embeddings` as for
/// [`crate::build_report`]. `supports_requirements` is left at 0 for the report to fill.
pub fn sentence_feedback<E: AsRef<[f32]>>(
    prepared: &Prepared,
    embeddings: &[E],
    tokenizer: &dyn WordPieces,
) -> Vec<SentenceFeedback> {
    let vector = |i: usize| embeddings.get(i).map(AsRef::as_ref);
    let resume = &prepared.resume;
    resume
        .iter()
        .enumerate()
        .map(|(i, sentence)| {
            let seen = tokenizer.seen(&sentence.text);
            let cut_at = seen.cut_at.and_then(|byte| {
                let rest = sentence.text.get(byte..)?;
                let rest_words: Vec<&str> = rest.split_whitespace().collect();
                let mut excerpt = rest_words
                    .iter()
                    .take(UNREAD_EXCERPT_WORDS)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                if rest_words.len() > UNREAD_EXCERPT_WORDS {
                    excerpt.push_str(" …");
                }
                Some(Cut {
                    byte,
                    unread_words: rest_words.len(),
                    unread_excerpt: excerpt,
                })
            });
            let mut duplicates: Vec<Duplicate> = match vector(sentence.embedding) {
                Some(mine) => resume
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .filter_map(|(j, other)| {
                        let score = dot(mine, vector(other.embedding)?);
                        (score >= DUPLICATE_COSINE).then(|| Duplicate {
                            index: j,
                            text: other.text.clone(),
                            score,
                        })
                    })
                    .collect(),
                None => Vec::new(),
            };
            duplicates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
            SentenceFeedback {
                text: sentence.text.clone(),
                heading: sentence.heading.clone(),
                n_tokens: seen.n_pieces,
                // A cut where the model reads fewer than MAX_PIECES (another model's length).
                truncated: seen.cut_at.is_some() || seen.n_pieces > MAX_PIECES,
                cut_at,
                density: density(&sentence.text),
                duplicates,
                supports_requirements: 0,
            }
        })
        .collect()
}

/// For each post, the key terms of its requirements that the tokenizer shatters (one word,
/// ≥ [`SHATTERED_PIECES`] pieces): known skills first considered, then other words of
/// ≥ [`MIN_WORD_LETTERS`] letters; most pieces first, at most [`UNSEEN_TERMS_PER_POST`].
/// `resume_terms` are the canonical terms the resume names.
pub fn unseen_terms(
    prepared: &Prepared,
    resume_terms: &[String],
    tokenizer: &dyn WordPieces,
) -> Vec<Vec<UnseenTerm>> {
    let mut in_resume: HashSet<String> = resume_terms.iter().map(|t| t.to_lowercase()).collect();
    for sentence in &prepared.resume {
        in_resume.extend(words(&sentence.text).into_iter().map(|w| w.normalized));
    }
    prepared
        .posts
        .iter()
        .map(|post| {
            let mut seen = HashSet::new();
            let mut candidates: Vec<String> = Vec::new();
            for requirement in &post.requirements {
                for term in distinct_terms(&requirement.text) {
                    if seen.insert(term.to_lowercase()) {
                        candidates.push(term);
                    }
                }
            }
            for requirement in &post.requirements {
                for word in words(&requirement.text) {
                    let long_enough = word.normalized.chars().count() >= MIN_WORD_LETTERS
                        && word.normalized.chars().all(char::is_alphabetic);
                    if long_enough && !word.is_stop_word && seen.insert(word.normalized.clone()) {
                        if let Some(surface) = requirement.text.get(word.range.clone()) {
                            candidates.push(surface.to_owned());
                        }
                    }
                }
            }
            let mut unseen: Vec<UnseenTerm> = candidates
                .into_iter()
                .filter(|term| !term.contains(char::is_whitespace))
                .filter_map(|term| {
                    let pieces = tokenizer.pieces(&term);
                    let one_word = pieces.iter().skip(1).all(|p| p.starts_with("##"));
                    (one_word && pieces.len() >= SHATTERED_PIECES).then(|| UnseenTerm {
                        in_resume: in_resume.contains(&term.to_lowercase()),
                        term,
                        pieces,
                    })
                })
                .collect();
            // Stable: ties keep the post's order (known skills before other words).
            unseen.sort_by_key(|t| std::cmp::Reverse(t.pieces.len()));
            unseen.truncate(UNSEEN_TERMS_PER_POST);
            unseen
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_follow_the_documented_rules() {
        let cases = [
            (0.10, 0, Verdict::Dense),
            (0.29, 0, Verdict::Dense),
            (0.30, 0, Verdict::Ok),
            (0.20, 1, Verdict::Ok),
            (0.40, 1, Verdict::Fluffy),
            (0.10, 2, Verdict::Fluffy),
            (0.55, 0, Verdict::Fluffy),
        ];
        for (ratio, fillers, expected) in cases {
            assert_eq!(Verdict::of(ratio, fillers), expected, "{ratio} {fillers}");
        }
    }

    #[test]
    fn density_finds_filler_phrases_on_whole_words() {
        let d = density("Responsible for various tasks and worked on a number of projects.");
        assert_eq!(
            d.filler_phrases,
            ["responsible for", "various", "worked on", "a number of"]
        );
        assert_eq!(d.verdict, Verdict::Fluffy);
        let d = density("Cut p99 latency 40% by rewriting the Kafka consumer in Rust.");
        assert!(d.filler_phrases.is_empty());
        assert_eq!(d.verdict, Verdict::Dense);
        // "variously" is not "various".
        assert!(density("Variously deployed.").filler_phrases.is_empty());
        assert_eq!(density("").words, 0);
    }

    #[test]
    fn whitespace_pieces_cut_after_254_words() {
        let text = (0..300)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let seen = WhitespacePieces.seen(&text);
        assert_eq!(seen.n_pieces, 302);
        let at = seen.cut_at.expect("cut");
        assert!(text[at..].starts_with("w254 "));
        assert_eq!(WhitespacePieces.seen("a b").cut_at, None);
    }
}
