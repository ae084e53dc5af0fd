"""Exports all-MiniLM-L6-v2 to ONNX in the layout transformers.js reads (a dev tool).

    python scripts/export_onnx.py SRC_DIR OUT_DIR REFERENCE_JSON

SRC_DIR holds model.safetensors, tokenizer.json and config.json (as scripts/fetch-model places
them). OUT_DIR receives config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx
(float32) and onnx/model_quantized.onnx (8-bit dynamic quantisation, as the usual
transformers.js exports are made). Then both models are checked with onnxruntime against the
sentence-transformers reference embeddings (mean pooling over the attention mask, L2
normalisation): the float32 export must reach a min cosine of 0.99999.

The graph is written node by node with `onnx` (no torch): the same structure a PyTorch /
optimum export of BertModel has (int64 inputs input_ids, attention_mask, token_type_ids of shape
[batch, sequence]; output last_hidden_state [batch, sequence, 384]; additive attention mask;
erf GELU; LayerNormalization; opset 17), so that onnxruntime's graph optimisations (attention,
GELU, skip-layer-norm and embedding fusions) apply to it as they do to a usual export.
"""

import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def read_safetensors(path):
    """name -> numpy array, from the format's 8-byte header length, JSON header, raw data."""
    dtypes = {"F32": np.float32, "I64": np.int64, "F16": np.float16}
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=dtypes[info["dtype"]]).reshape(info["shape"]).copy()
    return out


class Graph:
    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def const(self, name, array):
        return self.init(f"const_{name}", array)

    def op(self, op_type, inputs, name, **attrs):
        self.count += 1
        out = f"/{name}/{op_type}_output_0"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=f"/{name}/{op_type}", **attrs))
        return out


def build_model(w, cfg):
    hidden = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    head_dim = hidden // heads
    eps = cfg["layer_norm_eps"]
    g = Graph()

    one = g.const("one", np.array(1.0, np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    sqrt2 = g.const("sqrt2", np.array(np.sqrt(2.0), np.float32))
    scale = g.const("scale", np.array(np.sqrt(head_dim), np.float32))
    fmin = g.const("fmin", np.array(np.finfo(np.float32).min, np.float32))
    split_heads = g.const("split_heads", np.array([0, 0, heads, head_dim], np.int64))
    merge_heads = g.const("merge_heads", np.array([0, 0, hidden], np.int64))

    def linear(x, prefix, name):
        # PyTorch's Linear exports as MatMul by the transposed weight, then Add of the bias.
        wt = g.init(f"onnx::MatMul_{prefix}", w[f"{prefix}.weight"].T.copy())
        b = g.init(f"{prefix}.bias", w[f"{prefix}.bias"])
        return g.op("Add", [g.op("MatMul", [x, wt], name), b], name)

    def layer_norm(x, prefix, name):
        s = g.init(f"{prefix}.weight", w[f"{prefix}.weight"])
        b = g.init(f"{prefix}.bias", w[f"{prefix}.bias"])
        return g.op("LayerNormalization", [x, s, b], name, axis=-1, epsilon=eps)

    # Embeddings: word + token type + position (position ids sliced from the [1, 512] buffer).
    seq_len = g.op("Gather", [g.op("Shape", ["input_ids"], "embeddings/shape"), g.const("idx1", np.array([1], np.int64))],
                   "embeddings/seq_len", axis=0)
    pos_ids = g.op("Slice", [g.init("embeddings.position_ids", w["embeddings.position_ids"]), g.const("zero1", np.array([0], np.int64)),
                             seq_len, g.const("idx1b", np.array([1], np.int64))], "embeddings/position_ids")
    word = g.op("Gather", [g.init("embeddings.word_embeddings.weight", w["embeddings.word_embeddings.weight"]), "input_ids"],
                "embeddings/word_embeddings", axis=0)
    ttype = g.op("Gather", [g.init("embeddings.token_type_embeddings.weight", w["embeddings.token_type_embeddings.weight"]),
                            "token_type_ids"], "embeddings/token_type_embeddings", axis=0)
    pos = g.op("Gather", [g.init("embeddings.position_embeddings.weight", w["embeddings.position_embeddings.weight"]), pos_ids],
               "embeddings/position_embeddings", axis=0)
    x = g.op("Add", [g.op("Add", [word, ttype], "embeddings/add"), pos], "embeddings/add_1")
    x = layer_norm(x, "embeddings.LayerNorm", "embeddings/LayerNorm")

    # Extended attention mask: (1 - mask[:, None, None, :]) * float32 min, added to the scores.
    m = g.op("Unsqueeze", ["attention_mask", g.const("axes1", np.array([1], np.int64))], "mask/unsqueeze")
    m = g.op("Unsqueeze", [m, g.const("axes2", np.array([2], np.int64))], "mask/unsqueeze_1")
    m = g.op("Cast", [m], "mask/cast", to=TensorProto.FLOAT)
    m = g.op("Sub", [one, m], "mask/sub")
    mask = g.op("Mul", [m, fmin], "mask/mul")

    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        n = f"encoder/layer.{i}"
        a = f"{n}/attention/self"
        q = g.op("Transpose", [g.op("Reshape", [linear(x, f"{p}.attention.self.query", f"{a}/query"), split_heads], f"{a}/q_reshape")],
                 f"{a}/q_transpose", perm=[0, 2, 1, 3])
        k = g.op("Transpose", [g.op("Reshape", [linear(x, f"{p}.attention.self.key", f"{a}/key"), split_heads], f"{a}/k_reshape")],
                 f"{a}/k_transpose", perm=[0, 2, 3, 1])
        v = g.op("Transpose", [g.op("Reshape", [linear(x, f"{p}.attention.self.value", f"{a}/value"), split_heads], f"{a}/v_reshape")],
                 f"{a}/v_transpose", perm=[0, 2, 1, 3])
        scores = g.op("Div", [g.op("MatMul", [q, k], f"{a}/scores"), scale], f"{a}/scale")
        probs = g.op("Softmax", [g.op("Add", [scores, mask], f"{a}/mask")], f"{a}/softmax", axis=-1)
        ctx = g.op("Transpose", [g.op("MatMul", [probs, v], f"{a}/context")], f"{a}/c_transpose", perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, merge_heads], f"{a}/c_reshape")
        attn = linear(ctx, f"{p}.attention.output.dense", f"{n}/attention/output/dense")
        x = layer_norm(g.op("Add", [attn, x], f"{n}/attention/output/add"), f"{p}.attention.output.LayerNorm",
                       f"{n}/attention/output/LayerNorm")
        h = linear(x, f"{p}.intermediate.dense", f"{n}/intermediate/dense")
        # GELU as PyTorch exports it: x * 0.5 * (1 + erf(x / sqrt(2))).
        e = g.op("Erf", [g.op("Div", [h, sqrt2], f"{n}/intermediate/gelu/div")], f"{n}/intermediate/gelu")
        h = g.op("Mul", [g.op("Mul", [h, g.op("Add", [e, one], f"{n}/intermediate/gelu/add")], f"{n}/intermediate/gelu/mul"), half],
                 f"{n}/intermediate/gelu/mul_1")
        o = linear(h, f"{p}.output.dense", f"{n}/output/dense")
        x = layer_norm(g.op("Add", [o, x], f"{n}/output/add"), f"{p}.output.LayerNorm", f"{n}/output/LayerNorm")

    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="/output/Identity"))
    dims = ["batch_size", "sequence_length"]
    inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, dims)
              for name in ("input_ids", "attention_mask", "token_type_ids")]
    outputs = [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, dims + [hidden])]
    graph = helper.make_graph(g.nodes, "main_graph", inputs, outputs, g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="jobdelta-export-onnx")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    return model


def write_tokenizer_files(src, out, cfg):
    tok = json.loads((src / "tokenizer.json").read_text())
    # The shipped tokenizer.json bakes in truncation at 128 and padding to a fixed 128;
    # sentence-transformers truncates at 256 and pads each batch to its longest text.
    tok["truncation"] = {"direction": "Right", "max_length": 256, "strategy": "LongestFirst", "stride": 0}
    tok["padding"] = None
    (out / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False))
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "tokenize_chinese_chars": True,
        "strip_accents": None,
        "clean_up_tokenization_spaces": True,
        "model_max_length": 256,
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]",
    }, indent=2) + "\n")
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")


def quantize(fp32_path, q8_path):
    from onnxruntime.quantization import QuantType, quantize_dynamic
    # As transformers.js's own conversion script makes model_quantized.onnx: 8-bit weights of
    # the MatMuls with a constant B and of the embedding Gathers, activations quantised at run time.
    quantize_dynamic(
        model_input=str(fp32_path), model_output=str(q8_path),
        weight_type=QuantType.QUInt8, per_channel=True, reduce_range=True,
        extra_options={"EnableSubgraph": True, "MatMulConstBOnly": True},
    )


def check(model_path, reference):
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
    cosines = []
    entries = reference["entries"]
    for start in range(0, len(entries), 16):
        batch = entries[start:start + 16]
        width = max(len(e["input_ids"]) for e in batch)
        ids = np.zeros((len(batch), width), np.int64)
        mask = np.zeros((len(batch), width), np.int64)
        for row, e in enumerate(batch):
            ids[row, :len(e["input_ids"])] = e["input_ids"]
            mask[row, :len(e["input_ids"])] = 1
        (hidden,) = sess.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        for row, e in enumerate(batch):
            ref = np.asarray(e["embedding"], np.float64)
            cosines.append(float(pooled[row] @ ref / np.linalg.norm(ref)))
    return min(cosines), len(cosines)


def main():
    src, out, reference_path = (Path(a) for a in sys.argv[1:4])
    cfg = json.loads((src / "config.json").read_text())
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    fp32 = out / "onnx" / "model.onnx"
    q8 = out / "onnx" / "model_quantized.onnx"
    tmp = out / "onnx" / "model.onnx.tmp"
    onnx.save(build_model(read_safetensors(src / "model.safetensors"), cfg), str(tmp))
    tmp.replace(fp32)
    tmpq = out / "onnx" / "model_quantized.tmp.onnx"
    quantize(fp32, tmpq)
    tmpq.replace(q8)
    write_tokenizer_files(src, out, cfg)
    reference = json.loads(Path(reference_path).read_text())
    ok = True
    for name, path, floor in (("fp32", fp32, 0.99999), ("q8", q8, None)):
        cos, n = check(path, reference)
        mib = path.stat().st_size / 2**20
        print(f"export-onnx: {name} {path.name} ({mib:.1f} MiB): min cosine to the reference over {n} texts = {cos:.7f}")
        if floor is not None and cos < floor:
            print(f"export-onnx: {name} is below {floor}: the export is wrong", file=sys.stderr)
            ok = False
    if not ok:
        shutil.rmtree(out / "onnx")
        sys.exit(1)


if __name__ == "__main__":
    main()
