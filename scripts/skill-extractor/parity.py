"""Writes crates/skills/tests/parity.json: what skill-extractor 0.2.0's own Python code gives
on a few texts and six fixed vectors, which the Rust port must reproduce.

Usage: unzip the wheel (see build.py) into DIR, pip install numpy, then
    python3 scripts/skill-extractor/parity.py DIR
"""
import json, os, sys, math
UNPACKED = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, UNPACKED)
import numpy as np
from skill_extractor.matcher import KeywordMatcher
from skill_extractor.extractor import SkillExtractor
from skill_extractor.mlp import MLP
skills = json.load(open(os.path.join(UNPACKED, 'skill_extractor/data/skills.json')))
ex = SkillExtractor.__new__(SkillExtractor)
ex.matcher = KeywordMatcher(skills)
texts = [
 "Senior Backend Engineer. 5+ years Python or Go, REST APIs with\nFastAPI, PostgreSQL, AWS (ECS, Lambda). Docker and Kubernetes required.\nStrong communication skills.",
 "We build with C++/C#, .NET 8 and ASP.NET Core; Node.js and React.js on the front end.",
 "Our go to market team will spark joy. You excel at machine learning, machine learning engineering and Apache Spark.",
 "Café operations in Zürich: food safety, HACCP, inventory management and customer service",
 "Nursing: patient care, IV therapy, EHR (Epic), BLS/ACLS certification; Microsoft Excel",
 "Tools:Terraform,Ansible;CI/CD(GitHub Actions)\u001fGit\u00a0Linux",
 "python",
 "",
]
out = []
for t in texts:
    cands = ex.candidates(t)
    ms = ex.matcher.extract(t)
    def b(i): return len(t[:i].encode('utf-8'))
    out.append({"text": t, "candidates": [{"name": s, "start": b(st), "end": b(en), "context": c} for (s, st, en), (_, c) in zip(ms, cands)]})
# MLP on deterministic vectors
mlp = MLP(os.path.join(UNPACKED, 'skill_extractor/data/mlp.json'))
vecs = []
for k in range(1, 7):
    v = np.array([math.sin(k * (i + 1) * 0.37) + 0.1 * k for i in range(384)], dtype=np.float32)
    v /= np.linalg.norm(v)
    vecs.append(v)
probs = mlp.predict_proba(np.stack(vecs))
json.dump({"texts": out, "mlp": [{"k": k, "probability": float(p)} for k, p in zip(range(1, 7), probs)]}, open(os.path.join(ROOT, 'crates/skills/tests/parity.json'), 'w'), indent=1, ensure_ascii=False)
for o in out: print([ (c['name'], o['text'].encode()[c['start']:c['end']].decode()) for c in o['candidates']])
print(probs)
