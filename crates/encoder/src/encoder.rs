//! The public entry point: texts in, sentence embeddings out.

use std::ops::ControlFlow;

use crate::bert::{normalize, Bert, BertConfig, Scratch};
use crate::model::{ModelFiles, Precision};
use crate::registry::{ModelSpec, Pooling, DEFAULT_MODEL};
use crate::tokenize::{TokenizedText, WordPieceTokenizer};
use crate::{Error, Result};

/// One text's embedding and how much of the text the model saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    /// Unit-length vector of [`ModelSpec::dim`] floats (unit length whether or not the
    /// model's own pipeline normalises: jobdelta compares directions only).
    pub vector: Vec<f32>,
    /// Word pieces the model read, [CLS]/[SEP] included (at most the model's
    /// [`ModelSpec::max_seq_len`]).
    pub n_pieces: usize,
    /// Word pieces in the whole text; more than `n_pieces` means the end was ignored.
    pub n_pieces_untruncated: usize,
}

/// How far an embedding run has got; passed to the progress callback after every text.
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

/// A model of [`crate::registry`] with its tokenizer: the whole sentence-transformers pipeline.
pub struct Encoder {
    model: &'static ModelSpec,
    tokenizer: WordPieceTokenizer,
    /// The transformer, pooling included: word-piece ids in, unit-length vectors out.
    bert: Bert,
}

impl Encoder {
    /// Whether the weights were read from a half-precision (f16) copy; the maths is f32
    /// either way.
    pub fn weights_were_f16(&self) -> bool {
        self.bert.half_precision_file()
    }

    /// Builds the encoder from the model's files (weights are moved, not copied, and dropped
    /// once packed), at [`Precision::F32`].
    pub fn from_files(files: ModelFiles) -> Result<Self> {
        Self::from_files_at(files, Precision::F32)
    }

    /// Builds the encoder with its dense layers at `precision` (int8 weights are quantised
    /// from the file's f32 or f16 ones here), with the default model's settings (truncation,
    /// pooling, cache id). The files may be any BERT-shaped model's — its shape is read from
    /// `config.json`, which is how the candle parity tests prove the forward pass on random
    /// BERTs of other shapes; [`Encoder::for_model`] is the checked way to load a named model.
    pub fn from_files_at(files: ModelFiles, precision: Precision) -> Result<Self> {
        Self::load(files, DEFAULT_MODEL, precision)
    }

    /// Builds the encoder for `model` from its files, its dense layers at `precision`; the
    /// files' `config.json` must have the registered number of layers and width (a folder
    /// holding another model's files is refused, not run with the wrong settings).
    pub fn for_model(
        files: ModelFiles,
        model: &'static ModelSpec,
        precision: Precision,
    ) -> Result<Self> {
        let config: BertConfig = serde_json::from_slice(&files.config_json)?;
        let architecture = config.architecture()?;
        if config.num_hidden_layers != model.layers
            || config.hidden_size != model.dim
            || architecture != model.architecture
        {
            return Err(Error::Weights(format!(
                "config.json describes {} layers of {} units ({}), but {} has {} of {} ({}): \
                 these are another model's files",
                config.num_hidden_layers,
                config.hidden_size,
                architecture.name(),
                model.name,
                model.layers,
                model.dim,
                model.architecture.name()
            )));
        }
        Self::load(files, model, precision)
    }

    /// The encoder from `files` with `model`'s settings, whatever shape `config.json` gives.
    fn load(files: ModelFiles, model: &'static ModelSpec, precision: Precision) -> Result<Self> {
        let tokenizer = WordPieceTokenizer::with_max_len(&files.tokenizer_json, model.max_seq_len)?;
        let config: BertConfig = serde_json::from_slice(&files.config_json)?;
        let bert = Bert::load(&files.weights, &config, precision)?;
        Ok(Self {
            model,
            tokenizer,
            bert,
        })
    }

    /// The model this encoder runs.
    pub fn model(&self) -> &'static ModelSpec {
        self.model
    }

    /// The name its vectors are cached under: the model's id, with `+int8` at
    /// [`Precision::Int8`] (int8 vectors differ from f32 ones).
    pub fn model_id(&self) -> String {
        match self.precision() {
            Precision::F32 => self.model.id.to_owned(),
            Precision::Int8 => format!("{}+int8", self.model.id),
        }
    }

    /// What the model's own sentence-transformers pipeline returns for each text: pooled and,
    /// only when the model's pipeline normalises ([`ModelSpec::normalize`]), unit length. For
    /// parity checks; jobdelta itself uses [`Encoder::embed`].
    pub fn sentence_vectors<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>> {
        let mut scratch = Scratch::default();
        texts
            .iter()
            .map(|text| {
                let ids = self.tokenizer.tokenize(text.as_ref())?.ids;
                let mut vector = match self.model.pooling {
                    Pooling::Mean => self.bert.pooled(&ids, &mut scratch)?,
                };
                if self.model.normalize {
                    normalize(&mut vector);
                }
                Ok(vector)
            })
            .collect()
    }

    /// The precision the dense layers run at.
    pub fn precision(&self) -> Precision {
        self.bert.precision()
    }

    /// The network itself (for the profile).
    pub(crate) fn bert(&self) -> &Bert {
        &self.bert
    }

    /// The tokenizer, for callers that only need word pieces.
    pub fn tokenizer(&self) -> &WordPieceTokenizer {
        &self.tokenizer
    }

    /// Embeds texts; results come back in input order.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Embedding>> {
        self.embed_with_progress(texts, |_| ControlFlow::Continue(()))
    }

    /// Embeds texts, calling `on_progress` after each text; returning `ControlFlow::Break`
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

    /// Embeds already tokenised texts one at a time (unpadded, so a text's vector never
    /// depends on the others), reusing one set of scratch buffers for the whole call.
    fn embed_tokenized(
        &self,
        tokenized: &[TokenizedText],
        on_progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<Vec<Embedding>> {
        let mut progress = Progress {
            texts_done: 0,
            texts_total: tokenized.len(),
            pieces_done: 0,
            pieces_total: tokenized.iter().map(|t| t.ids.len()).sum(),
        };
        let mut scratch = Scratch::default();
        let mut embeddings = Vec::with_capacity(tokenized.len());
        for text in tokenized {
            embeddings.push(Embedding {
                vector: self.bert.embed(&text.ids, &mut scratch)?,
                n_pieces: text.ids.len(),
                n_pieces_untruncated: text.n_pieces_untruncated,
            });
            progress.texts_done += 1;
            progress.pieces_done += text.ids.len();
            if on_progress(progress).is_break() {
                return Err(Error::Cancelled);
            }
        }
        Ok(embeddings)
    }
}
