//! The transformer network of a sentence-transformers model (all-MiniLM-L6-v2 and the other
//! models of [`crate::registry`]), one text at a time, over weights packed once at load
//! ([`crate::kernels`]).
//!
//! One text at a time means no padding and no attention mask: every position is a real word
//! piece, so nothing is computed for nothing, and a text's embedding cannot depend on the texts
//! embedded with it. The steps are those of Hugging Face's `BertModel` (absolute positions, one
//! token type, post-layer-norm, exact GELU), followed by sentence-transformers' mean pooling and
//! L2 normalisation. `config.json`'s `model_type` picks the [`Architecture`]: MPNet
//! (`MPNetModel`) is the same network with its own tensor names, positions counted from
//! `pad_token_id + 1`, no token types, and a relative position bias added to every layer's
//! attention scores ([`crate::mpnet`]); everything else is shared.

use serde::Deserialize;

use crate::kernels::{gelu, layer_norm, softmax, Linear, PANEL};
use crate::model::Precision;
use crate::mpnet::{RelativePositionBias, BUCKETS};
use crate::profile::{Laps, Stage};
use crate::quant::{QuantLinear, QuantRows};
use crate::registry::Architecture;
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
    /// `"bert"` or `"mpnet"` (BERT when absent).
    #[serde(default = "default_model_type")]
    pub model_type: String,
    /// MPNet's padding id: its positions start after it.
    #[serde(default)]
    pub pad_token_id: Option<usize>,
    /// MPNet's rows of `encoder.relative_attention_bias`.
    #[serde(default)]
    pub relative_attention_num_buckets: Option<usize>,
}

fn default_activation() -> String {
    "gelu".into()
}

fn default_model_type() -> String {
    "bert".into()
}

impl BertConfig {
    /// The network `model_type` names.
    pub(crate) fn architecture(&self) -> Result<Architecture> {
        match self.model_type.as_str() {
            "bert" => Ok(Architecture::Bert),
            "mpnet" => Ok(Architecture::MPNet),
            other => Err(weights_error(format!(
                "model_type {other:?} is not supported (\"bert\" and \"mpnet\" are)"
            ))),
        }
    }
}

/// Where each architecture keeps a layer's attention weights (the rest is named alike).
struct AttentionNames {
    query: &'static str,
    key: &'static str,
    value: &'static str,
    output: &'static str,
    norm: &'static str,
}

impl AttentionNames {
    fn of(architecture: Architecture) -> Self {
        match architecture {
            Architecture::Bert => Self {
                query: "attention.self.query",
                key: "attention.self.key",
                value: "attention.self.value",
                output: "attention.output.dense",
                norm: "attention.output.LayerNorm",
            },
            Architecture::MPNet => Self {
                query: "attention.attn.q",
                key: "attention.attn.k",
                value: "attention.attn.v",
                output: "attention.attn.o",
                norm: "attention.LayerNorm",
            },
        }
    }
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
    /// Word pieces a text may have (the position embeddings after `first_position`).
    max_positions: usize,
    /// `[vocab, hidden]`.
    word_embeddings: Vec<f32>,
    /// `[max_position_embeddings, hidden]`.
    position_embeddings: Vec<f32>,
    /// The position embedding of the first word piece: 0 for BERT, `pad_token_id + 1` for
    /// MPNet (RoBERTa's numbering, which keeps the positions up to the padding id unused).
    first_position: usize,
    /// The embedding of token type 0 (BERT reads one segment; MPNet has no token types).
    token_type: Option<Vec<f32>>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
    /// MPNet's bias on the attention scores by distance (BERT has none).
    relative_bias: Option<RelativePositionBias>,
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
        let architecture = config.architecture()?;
        let first_position = match architecture {
            Architecture::Bert => 0,
            Architecture::MPNet => {
                config.pad_token_id.ok_or_else(|| {
                    weights_error("an MPNet config.json without pad_token_id".into())
                })? + 1
            }
        };
        let max_positions = config
            .max_position_embeddings
            .checked_sub(first_position)
            .filter(|&n| n > 0)
            .ok_or_else(|| {
                weights_error(format!(
                    "{} positions leave none after the padding id",
                    config.max_position_embeddings
                ))
            })?;
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
        let (token_type, relative_bias) = match architecture {
            Architecture::Bert => {
                let token_types =
                    store.matrix("embeddings.token_type_embeddings.weight", None, hidden)?;
                (Some(token_types[..hidden].to_vec()), None)
            }
            Architecture::MPNet => {
                if config.relative_attention_num_buckets != Some(BUCKETS) {
                    return Err(weights_error(format!(
                        "relative_attention_num_buckets {:?}: MPNet computes {BUCKETS} buckets",
                        config.relative_attention_num_buckets
                    )));
                }
                let table = store.matrix(
                    "encoder.relative_attention_bias.weight",
                    Some(BUCKETS),
                    heads,
                )?;
                let bias = RelativePositionBias::new(&table, heads, max_positions)?;
                (None, Some(bias))
            }
        };
        let names = AttentionNames::of(architecture);
        let mut layers = Vec::with_capacity(config.num_hidden_layers);
        for i in 0..config.num_hidden_layers {
            let prefix = format!("encoder.layer.{i}");
            // Query, key and value stay f32 in the int8 path: they read the hidden state
            // whose outlier channels coarsen each row's 7-bit scale, and quantising them cost
            // the most accuracy of the four products (docs/quality.md, "int8").
            let mut qkv = Vec::with_capacity(3);
            for part in [names.query, names.key, names.value] {
                let name = format!("{prefix}.{part}");
                qkv.push(store.linear(&name, (hidden, hidden), Precision::F32)?);
            }
            let qkv = Dense::concat(qkv)
                .ok_or_else(|| weights_error(format!("{prefix}: query, key and value differ")))?;
            let attention_out = store.linear(
                &format!("{prefix}.{}", names.output),
                (hidden, hidden),
                precision,
            )?;
            let attention_norm = store.norm(&format!("{prefix}.{}", names.norm), hidden)?;
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
            max_positions,
            word_embeddings,
            position_embeddings,
            first_position,
            token_type,
            embedding_norm,
            layers,
            relative_bias,
            half_precision_file,
            precision,
        })
    }

    /// Hidden units, feed-forward units and layers (for the profile's operation count).
    pub(crate) fn shape(&self) -> (usize, usize, usize) {
        let inner = self.layers.first().map_or(0, |layer| layer.up.outputs());
        (self.hidden, inner, self.layers.len())
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
            let position = self.first_position + position;
            let place = &self.position_embeddings[position * h..(position + 1) * h];
            match &self.token_type {
                Some(token_type) => x.extend(
                    word.iter()
                        .zip(place)
                        .zip(token_type)
                        .map(|((w, p), t)| w + p + t),
                ),
                None => x.extend(word.iter().zip(place).map(|(w, p)| w + p)),
            }
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
            for (query, row) in scores.chunks_exact_mut(columns).enumerate() {
                let (real, padding) = row.split_at_mut(n);
                if let Some(bias) = &self.relative_bias {
                    for (score, b) in real.iter_mut().zip(bias.row(hd, query, n)) {
                        *score += b;
                    }
                }
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
