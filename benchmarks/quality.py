"""Extraction quality against gold files: one table per domain and per relation.

    python benchmarks/quality.py [--json] [--misses SET]

Scores the dev article (../shared/corpus/dev), examples/, every domain folder of tests/corpus/, the
probe set tests/probes/, the fresh set tests/fresh/ and the held-out set tests/heldout/ (all of it, then per domain), parsing all articles in one GiNZA pass.
Figures are micro-averaged over the articles of a set. The per-relation table counts every set once
(the held-out articles are in it once, not twice).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import read_text_file  # noqa: E402
from kg.evaluate import load_gold, score  # noqa: E402
from kg.graph import KnowledgeGraph, dataset_for, extract_all  # noqa: E402


def sets() -> dict[str, list[Path]]:
    out = {"dev": sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt")),
           "examples": sorted((ROOT / "examples").glob("*.txt"))}
    for d in sorted((ROOT / "tests" / "corpus").iterdir()):
        if d.is_dir():
            out[d.name] = sorted(d.glob("*.txt"))
    # probes: written for the project without seeing kg, then read while writing rules (tests/probes/README.md)
    out["probes"] = sorted((ROOT / "tests" / "probes").glob("*.txt"))
    # fresh: written like the probes, unseen at first, read as a tuning set since the seventh session (tests/fresh/README.md)
    out["fresh"] = sorted((ROOT / "tests" / "fresh").glob("*.txt"))
    # held out: written for the project like the corpus, but never looked at while writing rules
    held = ROOT / "tests" / "heldout"
    if held.is_dir():
        out["heldout"] = sorted(held.glob("*/*.txt"))
        for d in sorted(held.iterdir()):
            if d.is_dir():
                out["held/" + d.name] = sorted(d.glob("*.txt"))
    return {k: v for k, v in out.items() if v}


def evaluate_all(misses: str | None = None) -> tuple[dict, dict]:
    groups = sets()
    paths = list(dict.fromkeys(p for ps in groups.values() for p in ps))
    results = {r.article.source: r for r in extract_all([read_text_file(p) for p in paths])}
    per_domain: dict[str, dict] = {}
    per_relation: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for name, ps in groups.items():
        tot = defaultdict(int)
        for p in ps:
            rep = score(KnowledgeGraph(dataset_for([results[str(p)]], with_ontology=False)).graph,
                        load_gold(p.with_suffix(".gold.json")))
            e, f = rep["entities"], rep["facts"]
            if name == misses:
                print(f"## {p.name}")
                for kind, items in rep["unmatched"].items():
                    for x in (items.items() if isinstance(items, dict) else items):
                        print(f"  {kind:<15} {x}")
            for k in ("gold", "found", "graph", "splits"):
                tot["e_" + k] += e[k]
            tot["e_matched"] += round(e["precision"] * e["graph"])
            for k in ("gold", "found", "graph", "correct"):
                tot["f_" + k] += f[k]
            for rel, v in (rep["per_relation"].items() if not name.startswith("held/") else ()):
                for k in ("gold", "found", "graph", "correct"):
                    per_relation[rel][k] += v[k]
        per_domain[name] = {
            "articles": len(ps), "entity_recall": _r(tot["e_found"], tot["e_gold"]),
            "entity_precision": _r(tot["e_matched"], tot["e_graph"]), "splits": tot["e_splits"],
            "fact_recall": _r(tot["f_found"], tot["f_gold"]), "fact_precision": _r(tot["f_correct"], tot["f_graph"]),
            "gold_facts": tot["f_gold"]}
    return per_domain, {k: {**v, "recall": _r(v["found"], v["gold"]), "precision": _r(v["correct"], v["graph"])}
                        for k, v in sorted(per_relation.items())}


def _r(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", metavar="SET", help="list what was missed and what is extra in one set "
                    "(dev, examples, a corpus domain); refused for the held-out sets, which are never read")
    args = ap.parse_args()
    if args.misses and args.misses.startswith("held"):
        sys.exit("quality.py: the held-out sets are scored only in aggregate; --misses is for the tuning sets")
    domains, relations = evaluate_all(args.misses)
    if args.json:
        print(json.dumps({"domains": domains, "relations": relations}, indent=1, ensure_ascii=False))
        return
    print(f"{'set':<14} {'n':>3}  {'ent R':>6} {'ent P':>6} {'split':>5}  {'fact R':>6} {'fact P':>6} {'gold':>5}")
    for name, d in domains.items():
        print(f"{name:<14} {d['articles']:>3}  {d['entity_recall']:>6.3f} {d['entity_precision']:>6.3f} "
              f"{d['splits']:>5}  {d['fact_recall']:>6.3f} {d['fact_precision']:>6.3f} {d['gold_facts']:>5}")
    print()
    print(f"{'relation':<16} {'gold':>5} {'found':>5} {'R':>6}  {'graph':>5} {'correct':>7} {'P':>6}")
    for rel, v in relations.items():
        print(f"{rel:<16} {v['gold']:>5} {v['found']:>5} {v['recall']:>6.3f}  {v['graph']:>5} {v['correct']:>7} "
              f"{v['precision']:>6.3f}")


if __name__ == "__main__":
    main()
