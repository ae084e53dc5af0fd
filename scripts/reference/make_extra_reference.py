#!/usr/bin/env python3
"""Independent reference embeddings for all-MiniLM-L6-v2 (dev tool, not used at run time).

Re-implements the sentence-transformers pipeline of all-MiniLM-L6-v2 without torch and
without any of the project's Rust code:

  * tokenisation: HF `tokenizers` (Python) loading models/all-MiniLM-L6-v2/tokenizer.json,
    with the baked-in truncation (128) and fixed padding (128) replaced by what
    sentence-transformers does: truncation at max_seq_length = 256, no fixed padding;
  * BERT encoder forward pass in plain numpy float64 from model.safetensors
    (embeddings word+position+token_type -> LayerNorm; 6 x [self-attention with additive
    mask -> dense -> residual LayerNorm; intermediate dense -> exact erf GELU -> dense ->
    residual LayerNorm]); token_type_ids all 0;
  * masked mean pooling over the attention mask, then L2 normalisation.

Modes
  --check REF.json   recompute every entry of the shared sentence-transformers reference,
                     require identical input_ids and cosine >= 0.99999 for every entry,
                     print the minimum cosine; exits non-zero on any failure.
  --write            (needs --check in the same invocation) also embed the extra texts
                     below and write fixtures/reference/extra-texts.json (or --out).

Regenerate the fixture (from the repository root):

  python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install numpy tokenizers==0.23.3 safetensors
  /tmp/refvenv/bin/python scripts/reference/make_extra_reference.py \
      --check /path/to/minilm-l6-v2-reference.json --write
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

# Be polite on a shared 2-core machine unless the caller asked otherwise.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import tokenizers  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / "all-MiniLM-L6-v2"
DEFAULT_OUT = REPO_ROOT / "fixtures" / "reference" / "extra-texts.json"

MAX_SEQ_LENGTH = 256  # sentence-transformers max_seq_length for all-MiniLM-L6-v2
MIN_COSINE = 0.99999  # parity threshold required by the shared reference README
# Stricter guard of this tool: the reference is fp32 torch, this is float64, so components
# agree to ~2e-7. A tanh-approximate GELU still reaches cosine 0.999998 (passes MIN_COSINE)
# but is off by ~3e-4 per component, so also require a small max component difference.
MAX_ABS_DIFF = 1e-5


# --------------------------------------------------------------------------------------
# Tokenisation
# --------------------------------------------------------------------------------------


def load_tokenizers(model_dir: Path) -> tuple[Tokenizer, Tokenizer]:
    """Return (truncating tokenizer as sentence-transformers uses it, untruncated one)."""
    path = str(model_dir / "tokenizer.json")
    tok = Tokenizer.from_file(path)
    tok.no_padding()  # tokenizer.json ships padding Fixed(128): must be disabled
    tok.enable_truncation(max_length=MAX_SEQ_LENGTH)  # ships 128: override to 256
    full = Tokenizer.from_file(path)
    full.no_padding()
    full.no_truncation()
    return tok, full


# --------------------------------------------------------------------------------------
# BERT forward pass (numpy, float64)
# --------------------------------------------------------------------------------------

_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_erf(x: np.ndarray) -> np.ndarray:
    """Exact GELU, 0.5 * x * (1 + erf(x / sqrt(2))), erf from libm (math.erf)."""
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)  # biased, as torch LayerNorm
    return (x - mu) / np.sqrt(var + eps) * w + b


class NumpyBert:
    def __init__(self, model_dir: Path):
        cfg = json.loads((model_dir / "config.json").read_text())
        self.hidden = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.head_dim = self.hidden // self.heads
        self.layers = cfg["num_hidden_layers"]
        self.eps = float(cfg["layer_norm_eps"])
        assert cfg["hidden_act"] == "gelu", cfg["hidden_act"]
        assert cfg.get("position_embedding_type", "absolute") == "absolute"
        raw = load_file(str(model_dir / "model.safetensors"))
        # Accept both "embeddings.*" and "bert.embeddings.*" style names.
        self.w = {
            (k[len("bert."):] if k.startswith("bert.") else k): v.astype(np.float64)
            for k, v in raw.items()
            if np.issubdtype(v.dtype, np.floating)
        }

    def _p(self, name: str) -> np.ndarray:
        return self.w[name]

    def _layer_norm(self, x, prefix):
        """LayerNorm with the checkpoint's weight and bias under `prefix`."""
        return layer_norm(x, self._p(f"{prefix}.weight"), self._p(f"{prefix}.bias"), self.eps)

    def _linear(self, x: np.ndarray, prefix: str) -> np.ndarray:
        # torch Linear: y = x @ W^T + b, W is (out, in)
        return x @ self._p(prefix + ".weight").T + self._p(prefix + ".bias")

    def forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """input_ids, attention_mask: (B, L) int. Returns last hidden state (B, L, H)."""
        bsz, seqlen = input_ids.shape
        token_type_ids = np.zeros_like(input_ids)
        pos = np.arange(seqlen)
        x = (
            self._p("embeddings.word_embeddings.weight")[input_ids]
            + self._p("embeddings.position_embeddings.weight")[pos][None, :, :]
            + self._p("embeddings.token_type_embeddings.weight")[token_type_ids]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        # Additive mask over keys: 0 where attended, very negative where padding.
        add_mask = (1.0 - attention_mask.astype(np.float64))[:, None, None, :] * -1e30
        scale = 1.0 / math.sqrt(self.head_dim)

        def split(t: np.ndarray) -> np.ndarray:  # (B, L, H) -> (B, heads, L, d)
            return t.reshape(bsz, seqlen, self.heads, self.head_dim).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + add_mask
            scores = scores - scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(bsz, seqlen, self.hidden)
            attn = self._linear(ctx, f"{p}.attention.output.dense")
            x = self._layer_norm(attn + x, f"{p}.attention.output.LayerNorm")
            inter = gelu_erf(self._linear(x, f"{p}.intermediate.dense"))
            out = self._linear(inter, f"{p}.output.dense")
            x = self._layer_norm(out + x, f"{p}.output.LayerNorm")
        return x


def embed_ids(model: NumpyBert, ids_list: list[list[int]], batch_size: int = 8) -> list[np.ndarray]:
    """Mean-pooled, L2-normalised embeddings (float64) for lists of input ids.

    Sequences are batched by length with right padding (pad id 0) and an attention mask;
    padding is excluded from attention (additive mask) and from the mean pool.
    """
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    result: list[np.ndarray | None] = [None] * len(ids_list)
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        seqlen = max(len(ids_list[i]) for i in idx)
        ids = np.zeros((len(idx), seqlen), dtype=np.int64)
        mask = np.zeros((len(idx), seqlen), dtype=np.int64)
        for row, i in enumerate(idx):
            n = len(ids_list[i])
            ids[row, :n] = ids_list[i]
            mask[row, :n] = 1
        hidden = model.forward(ids, mask)
        m = mask.astype(np.float64)[:, :, None]
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normed = pooled / np.clip(norms, 1e-12, None)  # torch F.normalize semantics
        for row, i in enumerate(idx):
            result[i] = normed[row]
    return result  # type: ignore[return-value]


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


# --------------------------------------------------------------------------------------
# Validation against the sentence-transformers reference
# --------------------------------------------------------------------------------------


def run_check(model: NumpyBert, tok: Tokenizer, full: Tokenizer, ref_path: Path,
              batch_size: int) -> dict:
    ref = json.loads(ref_path.read_text())
    entries = ref["entries"]
    failures: list[str] = []
    ids_list = []
    for i, e in enumerate(entries):
        enc = tok.encode(e["text"])
        ids_list.append(enc.ids)
        label = e.get("name", f"#{i}")
        if enc.ids != e["input_ids"]:
            failures.append(f"input_ids differ for entry {label}")
        n_full = len(full.encode(e["text"]).ids)
        if "n_tokens_untruncated" in e and n_full != e["n_tokens_untruncated"]:
            failures.append(
                f"n_tokens_untruncated differ for {label}: {n_full} vs {e['n_tokens_untruncated']}"
            )
    t0 = time.time()
    embs = embed_ids(model, ids_list, batch_size)
    cos = [cosine(v, np.asarray(e["embedding"], dtype=np.float64)) for v, e in zip(embs, entries)]
    worst = int(np.argmin(cos))
    min_cos = float(cos[worst])
    for i, c in enumerate(cos):
        if not c >= MIN_COSINE:
            failures.append(f"cosine {c:.9f} < {MIN_COSINE} for entry {entries[i].get('name', i)}")
    max_abs = max(
        float(np.max(np.abs(v - np.asarray(e["embedding"])))) for v, e in zip(embs, entries)
    )
    if not max_abs <= MAX_ABS_DIFF:
        failures.append(f"max |component diff| {max_abs:.3e} > {MAX_ABS_DIFF:.0e}")

    # Extra: the truncation probes at 128 and 512 tokens exercise other sequence lengths.
    extra = {}
    trunc = ref.get("truncation") or {}
    long_entry = next((e for e in entries if e.get("name") == trunc.get("name")), None)
    if long_entry is not None:
        all_ids = full.encode(long_entry["text"]).ids
        for key, n in (("if_truncated_at_128", 128), ("if_truncated_at_512", 512)):
            if key not in trunc:
                continue
            ids = all_ids[: n - 1] + [all_ids[-1]]  # keep [SEP] last, like HF truncation
            v = embed_ids(model, [ids], 1)[0]
            c = cosine(v, np.asarray(trunc[key]["embedding"], dtype=np.float64))
            extra[key] = c
            if not c >= MIN_COSINE:
                failures.append(f"cosine {c:.9f} < {MIN_COSINE} for truncation probe {key}")

    print(f"checked {len(entries)} reference entries in {time.time() - t0:.1f}s")
    print(f"  input_ids identical: {not any('input_ids' in f for f in failures)}")
    print(f"  min cosine vs sentence-transformers: {min_cos:.15f} (1 - cos = {1.0 - min_cos:.2e}, "
          f"entry {entries[worst].get('name', worst)}; threshold {MIN_COSINE})")
    print(f"  max |component diff|: {max_abs:.3e}")
    for key, c in extra.items():
        print(f"  truncation probe {key}: cosine {c:.15f}")
    if failures:
        print("VALIDATION FAILED:", file=sys.stderr)
        for f in failures:
            print("  - " + f, file=sys.stderr)
        sys.exit(1)
    print("  validation OK")
    return {
        "min_cosine": min_cos,
        "max_abs_component_diff": max_abs,
        "n_entries": len(entries),
        "truncation_probes_cosine": extra,
    }


# --------------------------------------------------------------------------------------
# Extra texts
# --------------------------------------------------------------------------------------

LONG_ENGLISH_JOB_POST = """\
Senior Data Platform Engineer (Remote, EU time zones) - Northwind Logistics

About us: Northwind Logistics moves more than two million parcels a week across twelve \
countries. Our data platform team builds the pipelines, warehouses and internal tools that \
let planners, drivers and customer support make decisions in minutes instead of days. We \
are a team of nine engineers, two analysts and one very patient product manager, and we are \
looking for a senior engineer who enjoys owning systems end to end.

What you will do:
- Design, build and operate batch and streaming pipelines in Python and Scala on Apache \
Spark, Kafka and Flink, running on Kubernetes in AWS (EKS, S3, Glue, Athena, Redshift).
- Own our dbt project (roughly 600 models) and help analysts write tested, documented SQL.
- Improve reliability: define SLOs for critical datasets, add data-quality checks with Great \
Expectations, and cut our mean time to recovery for broken pipelines.
- Migrate legacy cron jobs and hand-written shell scripts to Airflow 2 with clear ownership, \
retries, alerting and backfills.
- Work with the machine-learning team to serve features for route optimisation and demand \
forecasting models (XGBoost, LightGBM, PyTorch) with low-latency lookups from Redis and \
DynamoDB.
- Review code, mentor two mid-level engineers and take part in a fair on-call rotation \
(one week in seven, compensated).

What we are looking for:
- Five or more years of professional software engineering, at least three of them on data \
platforms at scale (terabytes per day, hundreds of pipelines).
- Strong Python and SQL; Scala, Java, Go or Rust is a plus.
- Hands-on experience with Spark internals: partitioning, shuffles, skew, caching and \
reading query plans to find out why a job is slow.
- Infrastructure as code with Terraform, CI/CD with GitHub Actions or GitLab CI, and \
containers with Docker.
- Comfort with observability tooling such as Prometheus, Grafana, OpenTelemetry and Datadog.
- Clear written communication in English; German, Dutch or Polish is nice to have.
- You care about privacy: we handle addresses and phone numbers, so GDPR, data retention \
and access control are part of the daily work, not an afterthought.

Nice to have: experience with Delta Lake or Apache Iceberg, Trino, vector databases, \
geospatial data (PostGIS, H3), or operations research problems like vehicle routing.

What we offer: a salary band of 85,000 to 105,000 EUR depending on experience, 30 days of \
paid holiday, a 2,000 EUR yearly learning budget, a new laptop of your choice, and a \
four-day on-site meetup twice a year in Rotterdam. We hire everywhere within UTC-1 to UTC+3 \
and support relocation if you want it.

Our interview process has four steps: a 30-minute call with the hiring manager, a take-home \
exercise capped at three hours (or a code review of your own open-source work), a system \
design conversation with two engineers, and a final chat about values and ways of working. \
We answer every application within ten working days and give written feedback after the \
technical stages.

Northwind Logistics is an equal opportunity employer. We welcome applications from people \
of all backgrounds, genders, ages, religions, sexual orientations and abilities. If you \
need any adjustments during the process, tell us and we will make them."""

LONG_CJK_TEXT = (
    "职位名称：高级数据工程师（上海，可远程）。"
    "公司简介：我们是一家专注于跨境物流与供应链管理的科技公司，业务覆盖亚洲、欧洲和北美的二十多个国家，"
    "每天处理数百万条订单与运输记录。数据平台团队负责建设公司的数据仓库、实时计算系统和内部分析工具，"
    "帮助运营、财务和客服团队更快地做出决策。"
    "岗位职责：负责设计、开发和维护批处理与流式数据管道；优化现有数据仓库的模型与查询性能；"
    "制定数据质量标准并建立监控与告警机制；与算法团队合作，为路线规划和需求预测模型提供稳定可靠的特征数据；"
    "参与代码评审，指导初级工程师成长，并参与轮值。"
    "任职要求：计算机、数学或相关专业本科及以上学历，五年以上软件开发经验，其中至少三年大数据平台经验；"
    "精通结构化查询语言，熟悉分布式计算原理，能够定位并解决数据倾斜、内存溢出等常见问题；"
    "具备良好的沟通能力和团队合作精神，能够用中文和英文撰写清晰的技术文档。"
    "我们提供：有竞争力的薪酬、年度奖金、弹性工作时间、每年十五天带薪年假、完善的培训体系以及舒适的办公环境。"
    "欢迎有志于用数据改变物流行业的你加入我们！"
)

FILLER_WORDS = ["data", "team", "python", "cloud", "model", "design", "build", "test"]


def boundary_text(full: Tokenizer, n_total: int) -> str:
    """A text whose untruncated tokenisation is exactly n_total ids incl. [CLS]/[SEP]."""
    prefix = "Keywords:"
    words: list[str] = []
    while True:
        text = " ".join([prefix] + words)
        n = len(full.encode(text).ids)
        if n == n_total:
            return text
        if n > n_total:
            raise AssertionError(f"overshot boundary text {n_total}: {n}")
        words.append(FILLER_WORDS[len(words) % len(FILLER_WORDS)])


def extra_texts(full: Tokenizer) -> list[tuple[str, str]]:
    return [
        ("chinese_sentence", "我们正在寻找一名熟悉机器学习和数据分析的高级软件工程师。"),
        ("japanese_kana_kanji", "東京のスタートアップで、バックエンドエンジニアとして五年間働いています。"),
        ("korean_sentence", "저는 서울에서 5년 동안 소프트웨어 엔지니어로 일했습니다."),
        ("arabic_rtl", "نبحث عن مهندس برمجيات ذو خبرة في تطوير تطبيقات الويب والحوسبة السحابية."),
        ("hebrew_rtl", "אנחנו מחפשים מפתח תוכנה עם ניסיון בפיתוח צד שרת ובסיסי נתונים."),
        ("russian_cyrillic", "Ищем опытного разработчика на Python для удалённой работы; знание SQL обязательно."),
        ("accented_latin",
         "Café owner turned naïve résumé writer: moved from São Paulo to Zürich, then to Kraków, "
         "Reykjavík and Besançon."),
        ("german_compound",
         "Gesucht: Softwareentwicklungsabteilungsleiterin (m/w/d) für Straßenbahnhaltestellen"
         "überwachung – Größe und Maßstäbe übermäßig wichtig, Grüße aus Düsseldorf."),
        ("emoji_heavy", "🚀 Shipped 3 features 🎉👩‍💻 this sprint 🔥🔥🔥 — 100% test coverage ✅"),
        ("mixed_scripts",
         "Senior ML Engineer / シニアエンジニア / 高级工程师 / Старший инженер / مهندس أول / "
         "선임 엔지니어 — Python, PyTorch"),
        ("tabs_and_spaces", "Skills:\tPython\t\tSQL    Spark  \n\n  Airflow\r\n   dbt\t  Kafka   "),
        ("url_email_code",
         "See https://github.com/acme/jobdelta?tab=readme#install or email jane.doe+jobs@example.co.uk; "
         'snippet: fn main() { println!("hi"); }'),
        ("resume_bullet_symbols",
         "• Built C++ and C# services on .NET 8 and Node.js 20; set up CI/CD (GitHub Actions → "
         "Kubernetes) and cut p95 latency by 40%."),
        ("long_english_job_post", LONG_ENGLISH_JOB_POST),
        ("long_cjk", LONG_CJK_TEXT),
        ("boundary_255_tokens", boundary_text(full, 255)),
        ("boundary_256_tokens", boundary_text(full, 256)),
        ("boundary_257_tokens", boundary_text(full, 257)),
        ("all_uppercase", "SENIOR DATA ENGINEER WITH 10+ YEARS OF EXPERIENCE IN AWS, SPARK AND KAFKA"),
        ("punctuation_only", "!!! ??? ..."),
        ("single_char_a", "a"),
        ("empty_string", ""),
        ("combining_accents", "Cafe\u0301 re\u0301sume\u0301 nai\u0308ve Zu\u0308rich (decomposed) vs Café résumé"),
        ("zero_width_chars",
         "zero\u200bwidth space, zero\u200djoiner, non\u200cjoiner, \ufeffBOM, family "
         "\U0001F468\u200d\U0001F469\u200d\U0001F467"),
        ("control_chars",
         "Python\u0000developer\u0007 with\u001b[31m SQL\u0008 skills\u000b and\u000c Java\u007f"),
    ]


def round_sig(x: float, digits: int = 8) -> float:
    return float(f"{x:.{digits}g}")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_fixture(model: NumpyBert, tok: Tokenizer, full: Tokenizer, model_dir: Path,
                  check: dict, batch_size: int) -> dict:
    texts = extra_texts(full)
    names = [n for n, _ in texts]
    assert len(set(names)) == len(names), "duplicate names"
    encs = [tok.encode(t) for _, t in texts]
    embs = embed_ids(model, [e.ids for e in encs], batch_size)
    entries = []
    for (name, text), enc, emb in zip(texts, encs, embs):
        n_full = len(full.encode(text).ids)
        entries.append({
            "name": name,
            "text": text,
            "tokens": enc.tokens,
            "input_ids": enc.ids,
            "n_tokens": len(enc.ids),
            "n_tokens_untruncated": n_full,
            "truncated": n_full > len(enc.ids),
            "embedding": [round_sig(float(x)) for x in emb],
        })
    # Sanity checks on the texts that were meant to hit particular lengths.
    by = {e["name"]: e for e in entries}
    assert by["long_english_job_post"]["n_tokens_untruncated"] > 600, by["long_english_job_post"]["n_tokens_untruncated"]
    assert by["long_cjk"]["n_tokens_untruncated"] > 256, by["long_cjk"]["n_tokens_untruncated"]
    for n in (255, 256, 257):
        e = by[f"boundary_{n}_tokens"]
        assert e["n_tokens_untruncated"] == n and e["n_tokens"] == min(n, MAX_SEQ_LENGTH), e["n_tokens"]
        assert e["truncated"] == (n > MAX_SEQ_LENGTH)
    for e in entries:
        assert e["input_ids"][0] == 101 and e["input_ids"][-1] == 102
        assert e["n_tokens"] <= MAX_SEQ_LENGTH

    return {
        "origin": (
            "Extra ground-truth embeddings for sentence-transformers/all-MiniLM-L6-v2 on texts not "
            "covered by the shared sentence-transformers reference. Computed by an independent "
            "numpy float64 re-implementation of the BERT forward pass (no torch, no project Rust "
            "code) with HF tokenizers; validated against the sentence-transformers reference in "
            "the same run."
        ),
        "generator": "scripts/reference/make_extra_reference.py",
        "command": (
            "python scripts/reference/make_extra_reference.py "
            "--check <shared>/reference/minilm-l6-v2-reference.json --write"
        ),
        "validated_min_cosine_vs_sentence_transformers": check["min_cosine"],
        "validated_max_abs_component_diff_vs_sentence_transformers": check["max_abs_component_diff"],
        "validated_n_reference_entries": check["n_entries"],
        "validated_truncation_probes_cosine": check["truncation_probes_cosine"],
        "tokenizers_version": tokenizers.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "model_safetensors_sha256": file_sha256(model_dir / "model.safetensors"),
        "tokenizer_json_sha256": file_sha256(model_dir / "tokenizer.json"),
        "settings": {
            "max_seq_length": MAX_SEQ_LENGTH,
            "truncation": "tokenizer.json truncation overridden to max_length 256 (keeps [SEP] last)",
            "padding": "none (tokenizer.json Fixed(128) padding disabled)",
            "token_type_ids": "all zeros",
            "pooling": "mean over attention mask",
            "normalize": True,
            "compute_dtype": "float64",
            "gelu": "exact erf",
            "embedding_rounding": "8 significant digits",
        },
        "entries": entries,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", type=Path, metavar="REF_JSON",
                    help="sentence-transformers reference JSON to validate against (required for --write)")
    ap.add_argument("--write", action="store_true", help="also write the extra-texts fixture")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"fixture path (default {DEFAULT_OUT})")
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--batch-size", type=int, default=8)
    args = ap.parse_args()
    if args.check is None:
        ap.error("--check REF_JSON is required (--write records the validation figure of the same run)")

    tok, full = load_tokenizers(args.model_dir)
    model = NumpyBert(args.model_dir)
    check = run_check(model, tok, full, args.check, args.batch_size)
    if not args.write:
        return
    fixture = build_fixture(model, tok, full, args.model_dir, check, args.batch_size)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(fixture['entries'])} entries to {args.out}")
    for e in fixture["entries"]:
        print(f"  {e['name']:<24} n_tokens={e['n_tokens']:<4} untruncated={e['n_tokens_untruncated']:<4}"
              f" truncated={e['truncated']}")


if __name__ == "__main__":
    main()
