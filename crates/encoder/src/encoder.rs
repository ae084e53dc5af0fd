//! The public entry point: texts in, sentence embeddings out.

use std::ops::ControlFlow;

use crate::batching::{plan_batches, BatchLimits};
use crate::model::{ModelFiles, SentenceModel};
use crate::tokenize::{TokenizedText, WordPieceTokenizer};
use crate::{Error, Result};

/// One text's embedding and how much of the text the model saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    /// Unit-length vector of [`crate::EMBEDDING_DIM`] floats.
    pub vector: Vec<f32>,
    /// Word pieces the model read, [CLS]/[SEP] included (at most [`crate::MAX_SEQ_LEN`]).
    pub n_pieces: usize,
    /// Word pieces in the whole text; more than `n_pieces` means the end was ignored.
    pub n_pieces_untruncated: usize,
}

/// How far an embedding run has got; passed to the progress callback after every batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Texts embedded so far.
    pub texts_done: usize,
    /// Texts in this run.
    pub texts_total: usize,
    /// Word pieces embedded so far (a better measure of work than texts).
    pub pieces_done: usize,
    /// Word pieces in this run.
    pub pieces_total: usize,
}

/// all-MiniLM-L6-v2 with its tokenizer: the whole sentence-transformers pipeline.
pub struct Encoder {
    tokenizer: WordPieceTokenizer,
    model: SentenceModel,
    limits: BatchLimits,
}

impl Encoder {
    /// Whether the weights were read from a half-precision (f16) copy; the maths is f32
    /// either way.
    pub fn weights_were_f16(&self) -> bool {
        self.model.half_precision_file()
    }

    /// Builds the encoder from the model's files (weights are moved, not copied).
    pub fn from_files(files: ModelFiles) -> Result<Self> {
        let tokenizer = WordPieceTokenizer::from_bytes(&files.tokenizer_json)?;
        let model = SentenceModel::load(files.weights, &files.config_json)?;
        Ok(Self {
            tokenizer,
            model,
            limits: BatchLimits::default(),
        })
    }

    /// Replaces the batching limits (the default suits both native and wasm builds).
    pub fn with_batch_limits(mut self, limits: BatchLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The model itself (for the profile).
    pub(crate) fn model(&self) -> &SentenceModel {
        &self.model
    }

    /// The tokenizer, for callers that only need word pieces.
    pub fn tokenizer(&self) -> &WordPieceTokenizer {
        &self.tokenizer
    }

    /// Embeds texts; results come back in input order.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Embedding>> {
        self.embed_with_progress(texts, |_| ControlFlow::Continue(()))
    }

    /// Embeds texts, calling `on_progress` after each batch; returning `ControlFlow::Break`
    /// from it stops the run with [`Error::Cancelled`].
    pub fn embed_with_progress<S: AsRef<str>>(
        &self,
        texts: &[S],
        mut on_progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<Vec<Embedding>> {
        if texts.is_empty() {
            return Err(Error::NoTexts);
        }
        if let Some(index) = texts.iter().position(|t| t.as_ref().trim().is_empty()) {
            return Err(Error::EmptyText { index });
        }
        let tokenized = self.tokenizer.tokenize_all(texts)?;
        self.embed_tokenized(&tokenized, &mut on_progress)
    }

    /// Embeds already tokenised texts, in length-grouped batches.
    fn embed_tokenized(
        &self,
        tokenized: &[TokenizedText],
        on_progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<Vec<Embedding>> {
        let lengths: Vec<usize> = tokenized.iter().map(|t| t.ids.len()).collect();
        let mut progress = Progress {
            texts_done: 0,
            texts_total: tokenized.len(),
            pieces_done: 0,
            pieces_total: lengths.iter().sum(),
        };
        let mut vectors: Vec<Option<Vec<f32>>> = vec![None; tokenized.len()];
        for batch in plan_batches(&lengths, self.limits) {
            let ids: Vec<&[u32]> = batch
                .members
                .iter()
                .map(|&i| tokenized[i].ids.as_slice())
                .collect();
            let batch_vectors = self.model.embed_batch(&ids)?;
            for (&index, vector) in batch.members.iter().zip(batch_vectors) {
                vectors[index] = Some(vector);
            }
            progress.texts_done += batch.members.len();
            progress.pieces_done += batch.members.iter().map(|&i| lengths[i]).sum::<usize>();
            if on_progress(progress).is_break() {
                return Err(Error::Cancelled);
            }
        }
        tokenized
            .iter()
            .zip(vectors)
            .map(|(text, vector)| {
                // plan_batches covers every index; a hole would be a bug in it, not bad input.
                let vector = vector
                    .ok_or_else(|| Error::Inference("a text was left out of every batch".into()))?;
                Ok(Embedding {
                    vector,
                    n_pieces: text.ids.len(),
                    n_pieces_untruncated: text.n_pieces_untruncated,
                })
            })
            .collect()
    }
}
