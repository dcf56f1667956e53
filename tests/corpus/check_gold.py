#!/usr/bin/env python3
"""Check the hand-written gold annotations of the test corpus and the examples.

For every ``*.gold.json`` under ``tests/corpus/``, ``tests/heldout/``, ``tests/probes/``, ``tests/fresh/`` and ``examples/``
this checks:

* the JSON has the expected keys (url, text_file, entities, facts; and per
  entity / fact the keys of the gold format);
* every entity ``type`` and fact ``p`` is in the allowed sets;
* every fact's ``s`` / ``o`` / ``to`` / ``place`` (and ``about`` when it looks
  like an id) refers to an entity id of the same file;
* every mention occurs verbatim in the article text (read as UTF-8);
* every ``evidence_ja`` occurs verbatim in the text, is at most 20 characters
  and lies within one sentence (no 。 inside except at the very end, no line
  break);
* the article's first line is a date.

It also checks that no 25-character substring of any line of the development
articles (``../shared/corpus/dev/*.txt`` from the project root) appears in one
of the checked articles, so that the project's own texts stay original.

Standard library only.  Prints the problems and exits 1 if there are any,
otherwise prints ``N gold files OK``.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEARCH_DIRS = [ROOT / "tests" / "corpus", ROOT / "tests" / "heldout", ROOT / "tests" / "probes", ROOT / "tests" / "fresh", ROOT / "examples"]
DEV_DIR = ROOT.parent / "shared" / "corpus" / "dev"

ENTITY_TYPES = {
    "Person", "Organization", "Country", "Place", "Facility", "Event",
    "Agreement", "Award", "Artifact", "Position", "Date", "Money",
}
PREDICATES = {
    "meets", "agrees_with", "signs", "states", "attends", "visits",
    "nominates_for", "gives", "praises", "holds_position", "successor_of",
    "aide_of", "member_of", "located_in", "supports", "requests", "plans",
    "part_of",
}
TOP_KEYS = {"url", "text_file", "entities", "facts"}
ENTITY_KEYS = {"id", "type", "label_ja", "label_en", "mentions", "wikidata"}
FACT_KEYS = {"s", "p", "o", "date", "place", "evidence_ja"}
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_LINE_DATE_RE = re.compile(
    r"^\s*(?:\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}|\d{4}年\d{1,2}月\d{1,2}日)\s*$"
)
MAX_EVIDENCE = 20
OVERLAP = 25


def dev_shingles() -> set[str]:
    shingles: set[str] = set()
    if not DEV_DIR.is_dir():
        return shingles
    for path in sorted(DEV_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            for i in range(len(line) - OVERLAP + 1):
                shingles.add(line[i:i + OVERLAP])
    return shingles


def check_file(gold_path: Path, shingles: set[str]) -> list[str]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{gold_path.relative_to(ROOT)}: {msg}")

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        bad(f"cannot read JSON: {exc}")
        return problems
    if not isinstance(gold, dict):
        bad("top level is not an object")
        return problems
    missing = TOP_KEYS - gold.keys()
    if missing:
        bad(f"missing top-level keys {sorted(missing)}")
        return problems

    expected_txt = gold_path.name[: -len(".gold.json")] + ".txt"
    if gold["text_file"] != expected_txt:
        bad(f"text_file is {gold['text_file']!r}, expected {expected_txt!r}")
    txt_path = gold_path.with_name(expected_txt)
    try:
        text = txt_path.read_text(encoding="utf-8")
    except OSError as exc:
        bad(f"cannot read article: {exc}")
        return problems

    first = text.splitlines()[0] if text else ""
    if not FIRST_LINE_DATE_RE.match(first):
        bad(f"first line is not a date: {first!r}")

    for i in range(len(text) - OVERLAP + 1):
        chunk = text[i:i + OVERLAP]
        if chunk in shingles:
            bad(f"text shares a {OVERLAP}-character passage with a dev article: {chunk!r}")
            break

    ids: set[str] = set()
    entities = gold["entities"]
    if not isinstance(entities, list):
        bad("entities is not a list")
        entities = []
    for n, ent in enumerate(entities):
        where = f"entity #{n} ({ent.get('id') if isinstance(ent, dict) else ent!r})"
        if not isinstance(ent, dict):
            bad(f"{where}: not an object")
            continue
        missing = ENTITY_KEYS - ent.keys()
        if missing:
            bad(f"{where}: missing keys {sorted(missing)}")
            continue
        eid = ent["id"]
        if not isinstance(eid, str) or not ID_RE.match(eid):
            bad(f"{where}: id is not snake_case")
        elif eid in ids:
            bad(f"{where}: duplicate id")
        else:
            ids.add(eid)
        if ent["type"] not in ENTITY_TYPES:
            bad(f"{where}: unknown type {ent['type']!r}")
        if not ent["label_ja"] or not isinstance(ent["label_ja"], str):
            bad(f"{where}: empty label_ja")
        if not ent["label_en"] or not isinstance(ent["label_en"], str):
            bad(f"{where}: empty label_en")
        mentions = ent["mentions"]
        if not isinstance(mentions, list) or not mentions:
            bad(f"{where}: mentions must be a non-empty list")
            mentions = []
        for m in mentions:
            if not isinstance(m, str) or not m:
                bad(f"{where}: bad mention {m!r}")
            elif m not in text:
                bad(f"{where}: mention {m!r} not in text")
        if ent["wikidata"] is not None and not re.match(r"^Q\d+$", str(ent["wikidata"])):
            bad(f"{where}: wikidata {ent['wikidata']!r} is not a Q-id or null")

    facts = gold["facts"]
    if not isinstance(facts, list):
        bad("facts is not a list")
        facts = []
    for n, fact in enumerate(facts):
        where = f"fact #{n}"
        if not isinstance(fact, dict):
            bad(f"{where}: not an object")
            continue
        missing = FACT_KEYS - fact.keys()
        if missing:
            bad(f"{where}: missing keys {sorted(missing)}")
            continue
        where = f"fact #{n} ({fact['s']} {fact['p']} {fact['o']})"
        if fact["p"] not in PREDICATES:
            bad(f"{where}: unknown predicate {fact['p']!r}")
        if fact["s"] not in ids:
            bad(f"{where}: s {fact['s']!r} is not an entity id")
        for key in ("o", "to", "place"):
            val = fact.get(key)
            if val is not None and val not in ids:
                bad(f"{where}: {key} {val!r} is not an entity id")
        about = fact.get("about")
        if isinstance(about, str) and ID_RE.match(about) and "_" in about and about not in ids:
            bad(f"{where}: about {about!r} looks like an id but is not an entity id")
        if fact["p"] == "gives" and not fact.get("to"):
            bad(f"{where}: gives needs a 'to'")
        if fact["p"] == "states" and fact["o"] is not None:
            bad(f"{where}: states must have o = null")
        if fact["date"] is not None and not DATE_RE.match(str(fact["date"])):
            bad(f"{where}: date {fact['date']!r} is not YYYY-MM-DD")
        ev = fact["evidence_ja"]
        if not isinstance(ev, str) or not ev:
            bad(f"{where}: empty evidence_ja")
            continue
        if len(ev) > MAX_EVIDENCE:
            bad(f"{where}: evidence_ja longer than {MAX_EVIDENCE} characters: {ev!r}")
        if ev not in text:
            bad(f"{where}: evidence_ja {ev!r} not in text")
        if "。" in ev[:-1] or "\n" in ev:
            bad(f"{where}: evidence_ja {ev!r} spans more than one sentence")
    return problems


def main() -> int:
    shingles = dev_shingles()
    gold_files = sorted(p for d in SEARCH_DIRS if d.is_dir() for p in d.rglob("*.gold.json"))
    problems: list[str] = []
    for path in gold_files:
        problems.extend(check_file(path, shingles))
    # every article should have its gold file
    for d in SEARCH_DIRS:
        if d.is_dir():
            for txt in sorted(d.rglob("*.txt")):
                if not txt.with_name(txt.stem + ".gold.json").exists():
                    problems.append(f"{txt.relative_to(ROOT)}: no gold file")
    if not shingles:
        print(f"note: no dev articles found under {DEV_DIR}; overlap check skipped")
    for p in problems:
        print(p)
    if problems or not gold_files:
        if not gold_files:
            print("no gold files found")
        return 1
    print(f"{len(gold_files)} gold files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
