//! The BERT network of a sentence-transformers model (all-MiniLM-L6-v2 and the other
//! BERT-shaped models of [`crate::registry`]), one text at a time, over weights packed once at load
//! ([`crate::kernels`]).
//!
//! One text at a time means no padding and no attention mask: every position is a real word
//! piece, so nothing is computed for nothing, and a text's embedding cannot depend on the texts
//! embedded with it. The steps are those of Hugging Face's `BertModel` (absolute positions, one
//! token type, post-layer-norm, exact GELU), followed by sentence-transformers' mean pooling and
//! L2 normalisation.

use serde::Deserialize;

use crate::kernels::{gelu, layer_norm, softmax, Linear, PANEL};
use crate::model::Precision;
use crate::profile::{Laps, Stage};
use crate::quant::{QuantLinear, QuantRows};
use crate::safetensors::{weights_error, Tensor, Tensors};
use crate::{Error, Result};

/// The parts of `config.json` the network's shape comes from.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct BertConfig {
    pub hidden_size: usize,
    pub num_attention_heads: usize,
    pub num_hidden_layers: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub layer_norm_eps: f64,
    #[serde(default = "default_activation")]
    pub hidden_act: String,
}

fn default_activation() -> String {
    "gelu".into()
}

/// L2 normalisation with torch's 1e-12 floor (sentence-transformers' Normalize module).
pub(crate) fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|p| p * p).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|p| *p /= norm);
}

/// Weights of a layer normalisation.
#[derive(Debug, Clone)]
struct Norm {
    weight: Vec<f32>,
    bias: Vec<f32>,
}

impl Norm {
    /// The residual step of a post-norm transformer: `x = LayerNorm(x + update)`.
    fn add_and_normalize(&self, x: &mut [f32], update: &[f32], eps: f32) {
        for (v, u) in x.iter_mut().zip(update) {
            *v += u;
        }
        layer_norm(x, &self.weight, &self.bias, eps);
    }
}

/// A dense layer at one of the two precisions.
#[derive(Debug, Clone)]
enum Dense {
    F32(Linear),
    Int8(QuantLinear),
}

impl Dense {
    /// `out = x·Wᵀ + b` (`rows` holds the int8 path's quantised activations).
    fn forward(&self, x: &[f32], out: &mut [f32], rows: &mut QuantRows) {
        match self {
            Dense::F32(linear) => linear.forward(x, out),
            Dense::Int8(linear) => linear.forward(x, out, rows),
        }
    }

    fn outputs(&self) -> usize {
        match self {
            Dense::F32(linear) => linear.outputs(),
            Dense::Int8(linear) => linear.outputs(),
        }
    }

    /// Layers of the same precision reading the same input, side by side.
    fn concat(parts: Vec<Dense>) -> Option<Self> {
        let mut f32s = Vec::new();
        let mut int8s = Vec::new();
        for part in parts {
            match part {
                Dense::F32(linear) => f32s.push(linear),
                Dense::Int8(linear) => int8s.push(linear),
            }
        }
        match (f32s.is_empty(), int8s.is_empty()) {
            (false, true) => Linear::concat(&f32s).map(Dense::F32),
            (true, false) => QuantLinear::concat(&int8s).map(Dense::Int8),
            _ => None,
        }
    }
}

/// One transformer layer.
#[derive(Debug, Clone)]
struct Layer {
    /// Query, key and value side by side.
    qkv: Dense,
    attention_out: Dense,
    attention_norm: Norm,
    up: Dense,
    down: Dense,
    output_norm: Norm,
}

/// The whole network, ready to run.
#[derive(Debug, Clone)]
pub(crate) struct Bert {
    hidden: usize,
    heads: usize,
    eps: f32,
    max_positions: usize,
    /// `[vocab, hidden]`.
    word_embeddings: Vec<f32>,
    /// `[max_positions, hidden]`.
    position_embeddings: Vec<f32>,
    /// The embedding of token type 0 (the model reads one segment).
    token_type: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
    /// Whether the file held half-precision weights (widened to f32 here).
    half_precision_file: bool,
    precision: Precision,
}

/// Scratch buffers reused from one call to the next (no allocation per layer).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    x: Vec<f32>,
    qkv: Vec<f32>,
    context: Vec<f32>,
    projected: Vec<f32>,
    intermediate: Vec<f32>,
    /// One head's queries (scaled), scores and outputs, and its keys and values packed as the
    /// right-hand sides of two products.
    head_queries: Vec<f32>,
    scores: Vec<f32>,
    head_context: Vec<f32>,
    keys: Linear,
    values: Linear,
    /// The int8 path's activations, quantised per row.
    rows: QuantRows,
}

impl Bert {
    /// Reads and packs the weights (safetensors bytes, f32 or f16/bf16 — smaller copies are
    /// widened to f32) for the shape `config` describes, its dense layers at `precision`.
    pub(crate) fn load(weights: &[u8], config: &BertConfig, precision: Precision) -> Result<Self> {
        if config.hidden_act != "gelu" {
            return Err(weights_error(format!(
                "activation {:?} is not supported (only BERT's exact \"gelu\")",
                config.hidden_act
            )));
        }
        let hidden = config.hidden_size;
        let heads = config.num_attention_heads;
        if heads == 0 || !hidden.is_multiple_of(heads) {
            return Err(weights_error(format!(
                "{hidden} hidden units do not split into {heads} heads"
            )));
        }
        if !(hidden / heads).is_multiple_of(PANEL) {
            return Err(weights_error(format!(
                "heads of {} units are not supported (a multiple of {PANEL} is)",
                hidden / heads
            )));
        }
        let tensors = Tensors::parse(weights)?;
        let half_precision_file = tensors.has_half_precision();
        let mut store = Store { tensors };
        let embedding_norm = store.norm("embeddings.LayerNorm", hidden)?;
        let word_embeddings = store.matrix("embeddings.word_embeddings.weight", None, hidden)?;
        let position_embeddings = store.matrix(
            "embeddings.position_embeddings.weight",
            Some(config.max_position_embeddings),
            hidden,
        )?;
        let token_types = store.matrix("embeddings.token_type_embeddings.weight", None, hidden)?;
        let token_type = token_types[..hidden].to_vec();
        let mut layers = Vec::with_capacity(config.num_hidden_layers);
        for i in 0..config.num_hidden_layers {
            let prefix = format!("encoder.layer.{i}");
            // Query, key and value stay f32 in the int8 path: they read the hidden state
            // whose outlier channels coarsen each row's 7-bit scale, and quantising them cost
            // the most accuracy of the four products (docs/quality.md, "int8").
            let mut qkv = Vec::with_capacity(3);
            for part in ["query", "key", "value"] {
                let name = format!("{prefix}.attention.self.{part}");
                qkv.push(store.linear(&name, (hidden, hidden), Precision::F32)?);
            }
            let qkv = Dense::concat(qkv)
                .ok_or_else(|| weights_error(format!("{prefix}: query, key and value differ")))?;
            let attention_out = store.linear(
                &format!("{prefix}.attention.output.dense"),
                (hidden, hidden),
                precision,
            )?;
            let attention_norm =
                store.norm(&format!("{prefix}.attention.output.LayerNorm"), hidden)?;
            let up = store.linear(
                &format!("{prefix}.intermediate.dense"),
                (config.intermediate_size, hidden),
                precision,
            )?;
            layers.push(Layer {
                qkv,
                attention_out,
                attention_norm,
                up,
                down: store.linear(
                    &format!("{prefix}.output.dense"),
                    (hidden, config.intermediate_size),
                    precision,
                )?,
                output_norm: store.norm(&format!("{prefix}.output.LayerNorm"), hidden)?,
            });
        }
        Ok(Self {
            hidden,
            heads,
            eps: config.layer_norm_eps as f32,
            max_positions: config.max_position_embeddings,
            word_embeddings,
            position_embeddings,
            token_type,
            embedding_norm,
            layers,
            half_precision_file,
            precision,
        })
    }

    /// The precision of the dense layers.
    pub(crate) fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether the weights came from a half-precision (f16/bf16) file.
    pub(crate) fn half_precision_file(&self) -> bool {
        self.half_precision_file
    }

    /// The unit-length sentence vector of one text's word-piece ids ([CLS] … [SEP]).
    pub(crate) fn embed(&self, ids: &[u32], scratch: &mut Scratch) -> Result<Vec<f32>> {
        self.embed_timed(ids, scratch, &mut ())
    }

    /// [`Bert::embed`], telling `laps` as each stage of the pass ends (the profile; `()`
    /// tells nothing and costs nothing).
    pub(crate) fn embed_timed(
        &self,
        ids: &[u32],
        scratch: &mut Scratch,
        laps: &mut impl Laps,
    ) -> Result<Vec<f32>> {
        let mut pooled = self.pooled_timed(ids, scratch, laps)?;
        normalize(&mut pooled);
        laps.lap(Stage::Pooling);
        Ok(pooled)
    }

    /// The mean of the word-piece vectors of one text, not normalised: the output of
    /// sentence-transformers' pooling, before any Normalize module.
    pub(crate) fn pooled(&self, ids: &[u32], scratch: &mut Scratch) -> Result<Vec<f32>> {
        self.pooled_timed(ids, scratch, &mut ())
    }

    /// The forward pass and mean pooling (the pooling's lap is the caller's, after it has
    /// normalised or not).
    fn pooled_timed(
        &self,
        ids: &[u32],
        scratch: &mut Scratch,
        laps: &mut impl Laps,
    ) -> Result<Vec<f32>> {
        let n = ids.len();
        let h = self.hidden;
        if n == 0 || n > self.max_positions {
            return Err(Error::Inference(format!(
                "{n} word pieces: the model reads 1 to {}",
                self.max_positions
            )));
        }
        let vocab = self.word_embeddings.len() / h;
        let x = &mut scratch.x;
        x.clear();
        for (position, &id) in ids.iter().enumerate() {
            let id = id as usize;
            if id >= vocab {
                return Err(Error::Inference(format!(
                    "word-piece id {id} is outside the vocabulary of {vocab}"
                )));
            }
            let word = &self.word_embeddings[id * h..(id + 1) * h];
            let place = &self.position_embeddings[position * h..(position + 1) * h];
            x.extend(
                word.iter()
                    .zip(place)
                    .zip(&self.token_type)
                    .map(|((w, p), t)| w + p + t),
            );
        }
        layer_norm(
            x,
            &self.embedding_norm.weight,
            &self.embedding_norm.bias,
            self.eps,
        );
        laps.lap(Stage::Embeddings);

        for layer in &self.layers {
            self.attention(layer, n, scratch, laps);
            let Scratch {
                x,
                projected,
                intermediate,
                rows,
                ..
            } = scratch;
            intermediate.resize(n * layer.up.outputs(), 0.0);
            layer.up.forward(x, intermediate, rows);
            laps.lap(Stage::Up);
            gelu(intermediate);
            laps.lap(Stage::Gelu);
            projected.resize(n * h, 0.0);
            layer.down.forward(intermediate, projected, rows);
            laps.lap(Stage::Down);
            layer.output_norm.add_and_normalize(x, projected, self.eps);
            laps.lap(Stage::Norms);
        }

        // Mean pooling over every position (none is padding).
        let mut pooled = vec![0.0_f32; h];
        for row in scratch.x.chunks_exact(h) {
            for (p, v) in pooled.iter_mut().zip(row) {
                *p += v;
            }
        }
        let inverse = 1.0 / n as f32;
        pooled.iter_mut().for_each(|p| *p *= inverse);
        Ok(pooled)
    }

    /// Self-attention with its output projection, residual and layer norm, on `scratch.x`.
    fn attention(&self, layer: &Layer, n: usize, scratch: &mut Scratch, laps: &mut impl Laps) {
        let h = self.hidden;
        let head = h / self.heads;
        let width = 3 * h;
        let Scratch {
            x,
            qkv,
            context,
            projected,
            head_queries,
            scores,
            head_context,
            keys,
            values,
            rows,
            ..
        } = scratch;
        qkv.resize(n * width, 0.0);
        layer.qkv.forward(x, qkv, rows);
        laps.lap(Stage::QueryKeyValue);
        context.resize(n * h, 0.0);
        let scale = 1.0 / (head as f32).sqrt();
        // Scores and outputs as two matrix products per head, through the same packed kernel
        // as the layers: keys become the right-hand side of Q·Kᵀ (columns padded to a panel
        // multiple with zeros), values that of P·V.
        let columns = n.div_ceil(PANEL) * PANEL;
        for hd in 0..self.heads {
            let q_at = hd * head;
            let k_at = h + hd * head;
            let v_at = 2 * h + hd * head;
            head_queries.clear();
            for row in qkv.chunks_exact(width) {
                head_queries.extend(row[q_at..q_at + head].iter().map(|q| q * scale));
            }
            keys.repack(columns, head, |j, k| {
                if j < n {
                    qkv[j * width + k_at + k]
                } else {
                    0.0
                }
            });
            scores.resize(n * columns, 0.0);
            keys.forward(head_queries, scores);
            for row in scores.chunks_exact_mut(columns) {
                let (real, padding) = row.split_at_mut(n);
                softmax(real);
                padding.fill(0.0);
            }
            values.repack(head, columns, |d, j| {
                if j < n {
                    qkv[j * width + v_at + d]
                } else {
                    0.0
                }
            });
            head_context.resize(n * head, 0.0);
            values.forward(scores, head_context);
            for (i, out) in head_context.chunks_exact(head).enumerate() {
                context[i * h + q_at..i * h + q_at + head].copy_from_slice(out);
            }
        }
        laps.lap(Stage::Attention);
        projected.resize(n * h, 0.0);
        layer.attention_out.forward(context, projected, rows);
        laps.lap(Stage::AttentionOutput);
        layer
            .attention_norm
            .add_and_normalize(x, projected, self.eps);
        laps.lap(Stage::Norms);
    }
}

/// The tensors of a safetensors file, taken out one by one as they are packed (so the unpacked
/// copy is freed as loading goes).
struct Store<'a> {
    tensors: Tensors<'a>,
}

impl Store<'_> {
    /// A tensor as f32 values, checked to be `[rows, columns]` (`rows` free when `None`).
    fn matrix(&mut self, name: &str, rows: Option<usize>, columns: usize) -> Result<Vec<f32>> {
        let Tensor { dims, values } = self.tensors.take(name)?;
        let shape_ok = match dims.as_slice() {
            [r, c] => *c == columns && rows.is_none_or(|rows| *r == rows),
            [c] => rows.is_none() && *c == columns,
            _ => false,
        };
        if !shape_ok {
            return Err(weights_error(format!(
                "tensor {name} has shape {dims:?}, expected [{}, {columns}]",
                rows.map_or("any".to_owned(), |r| r.to_string())
            )));
        }
        Ok(values)
    }

    fn vector(&mut self, name: &str, length: usize) -> Result<Vec<f32>> {
        self.matrix(name, None, length)
    }

    /// A dense layer `[outputs, inputs]` at `precision`.
    fn linear(
        &mut self,
        prefix: &str,
        (outputs, inputs): (usize, usize),
        precision: Precision,
    ) -> Result<Dense> {
        let weight = self.matrix(&format!("{prefix}.weight"), Some(outputs), inputs)?;
        let bias = self.vector(&format!("{prefix}.bias"), outputs)?;
        let packed = match precision {
            Precision::F32 => Linear::pack(&weight, bias, outputs, inputs).map(Dense::F32),
            Precision::Int8 => QuantLinear::pack(&weight, bias, outputs, inputs).map(Dense::Int8),
        };
        packed.ok_or_else(|| {
            weights_error(format!(
                "{prefix}: {outputs} outputs cannot be packed (not a multiple of the panel width)"
            ))
        })
    }

    fn norm(&mut self, prefix: &str, width: usize) -> Result<Norm> {
        Ok(Norm {
            weight: self.vector(&format!("{prefix}.weight"), width)?,
            bias: self.vector(&format!("{prefix}.bias"), width)?,
        })
    }
}
