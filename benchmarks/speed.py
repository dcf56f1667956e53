"""Speed of kg beside raw GiNZA, measured in the same run.

    python benchmarks/speed.py [--repeat N]

Prints: raw `nlp.pipe` time on the article texts; kg's parse (same model, kg's sentence units)
; kg's extraction on top of the parse (mentions → entities → facts) and the writing of a graph
folder without the page (per-article RDF, graph.trig, graph.ttl, store/, kept extractions); and
the ratios extraction ÷ raw parse (goal < 0.10) and end-to-end throughput ÷ raw parse throughput
(goal ≥ 0.90).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import read_articles  # noqa: E402
from kg.graph import write_build  # noqa: E402
from kg.incremental import Kept  # noqa: E402
from kg.nlp import load_nlp, parse  # noqa: E402
from kg.pipeline import extract  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus to parse")
    args = ap.parse_args()
    paths = [ROOT / "examples", ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus" / "dev"]
    articles = read_articles([p for p in paths if p.exists()]) * args.repeat
    articles = [a.__class__(**{**a.__dict__, "id": f"{a.id}-{i}"}) for i, a in enumerate(articles)]
    chars = sum(len(a.text) for a in articles)
    nlp = load_nlp()
    nlp("ウォームアップ。")
    texts = [a.text[s.start:s.end] for a in articles for s in a.segments]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = list(parse(articles))
    kg_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = [extract(p) for p in parsed]
    extraction = time.perf_counter() - t0
    out = Path(tempfile.mkdtemp(prefix="kg-speed-"))
    try:
        t0 = time.perf_counter()
        write_build(out / "graph", [Kept.of(r) for r in results], html=False)
        rdf = time.perf_counter() - t0
    finally:
        shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"{len(articles)} articles, {chars} characters; load average {load:.2f} on {os.cpu_count()} cores")
    print(f"raw nlp.pipe            {raw:7.2f} s")
    print(f"kg parse (GiNZA)        {kg_parse:7.2f} s   ÷ raw {kg_parse / raw:5.2f}")
    print(f"kg extraction           {extraction:7.2f} s   ÷ raw {extraction / raw:5.3f}   (goal < 0.10)")
    print(f"kg writing (no page)    {rdf:7.2f} s   ÷ raw {rdf / raw:5.3f}")
    total = kg_parse + extraction + rdf
    print(f"end-to-end throughput ÷ raw parse throughput  {raw / total:5.2f}   (goal ≥ 0.90)")


if __name__ == "__main__":
    main()
