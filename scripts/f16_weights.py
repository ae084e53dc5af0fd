"""Writes a half-precision copy of a safetensors file (what the browser app downloads).

    python3 scripts/f16_weights.py IN.safetensors OUT.safetensors

Every F32 tensor becomes F16 (IEEE round-to-nearest-even, as numpy's astype(float16));
other tensors (integer buffers) are copied as they are. Standard library only, and
deterministic: tensors in name order, a compact sorted JSON header padded with spaces to a
multiple of 8 bytes, so the output's sha256 can be pinned (jobdelta_encoder::WEIGHTS_F16_SHA256).
A value outside f16's range is an error, not a silent infinity.
"""
import json
import struct
import sys


def read(path):
    data = open(path, "rb").read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    header.pop("__metadata__", None)
    return header, data[8 + header_len :]


def to_f16(raw, name):
    count = len(raw) // 4
    values = struct.unpack(f"<{count}f", raw)
    try:
        return struct.pack(f"<{count}e", *values)
    except OverflowError:
        sys.exit(f"f16_weights: tensor {name} holds a value beyond f16's range")


def main(source, target):
    header, data = read(source)
    out_header, chunks, offset = {}, [], 0
    for name in sorted(header):
        entry = header[name]
        start, end = entry["data_offsets"]
        raw = data[start:end]
        dtype = entry["dtype"]
        if dtype == "F32":
            raw, dtype = to_f16(raw, name), "F16"
        out_header[name] = {"dtype": dtype, "shape": entry["shape"], "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(out_header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(target, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for chunk in chunks:
            out.write(chunk)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: f16_weights.py IN.safetensors OUT.safetensors")
    main(sys.argv[1], sys.argv[2])
