"""How long the graph page takes to first draw, for synthetic graphs of 200 and 2,000 nodes.

    python benchmarks/page_draw.py [--sizes 200 2000] [--runs 3]

Each graph is a networkx MultiDiGraph shaped like kg.analysis.to_networkx makes it (nodes with
label, label_en, cls, aliases, wikidata; about two edges per node with cls, relation, predicate,
sentence, article), rendered with kg.visualise.render_networkx and opened by file:// URL in headless
Chromium (/usr/bin/chromium, network blocked). The figure is window.kgFirstDraw: performance.now()
when vis-network first finished drawing, i.e. milliseconds from navigation start. Up to 500 nodes the
page lays out with physics (stabilisation before the first draw); above that the layout is computed
in Python (networkx spring layout) and physics is off. Not a test: it prints a table.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg._browser import CHROMIUM, chromium, offline_page, poll  # noqa: E402
from kg.visualise import COLOURS, render_networkx  # noqa: E402
RELATIONS = ["metWith", "agreedWith", "praised", "visited", "attended", "gaveTo", "holdsPosition",
             "interactedWith", "requested", "plans"]
FACT_OF = {"metWith": "Meeting", "agreedWith": "Accord", "praised": "Praise", "visited": "Visit",
           "attended": "Attendance", "gaveTo": "Gift", "holdsPosition": "PositionHolding",
           "interactedWith": "GenericEvent", "requested": "Request", "plans": "Planning"}


def synthetic_graph(n: int, *, edges_per_node: float = 2.0, seed: int = 1) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    classes = sorted(COLOURS)
    G = nx.MultiDiGraph()
    for i in range(n):
        cls = rnd.choice(classes)
        G.add_node(f"https://w3id.org/kgnews/id/{cls}/n{i}", label=f"{cls[:2]}エンティティ{i}号",
                   label_en=f"Entity {i}" if i % 3 else "", cls=cls, wikidata=f"Q{100 + i}" if i % 5 == 0 else "",
                   aliases=[f"別名{i}"] if i % 4 == 0 else [])
    ids = list(G.nodes)
    # a preferential-attachment flavour: some hubs, many small nodes, like a news graph
    weights = [1.0 / (1 + k) ** 0.7 for k in range(n)]
    for k in range(int(n * edges_per_node)):
        a, b = rnd.choices(ids, weights=weights, k=2)
        if a == b:
            b = ids[(ids.index(a) + 1) % n]
        rel = rnd.choice(RELATIONS)
        la, lb = G.nodes[a]["label"], G.nodes[b]["label"]
        G.add_edge(a, b, key=f"f{k}", fact=f"https://w3id.org/kgnews/id/fact/f{k}", cls=FACT_OF[rel],
                   relation=rel, predicate="会談", modality="Asserted", quote="", date="2025-10-28",
                   sentence=f"{la}は10月28日、{lb}と東京で会談し、協力を確認した。", begin=0,
                   article=f"https://w3id.org/kgnews/id/article/synthetic-{k % 50}")
    return G


def measure(browser, html: Path) -> dict:
    o = offline_page(browser, width=1400, height=900)
    try:
        o.page.goto(html.as_uri(), timeout=120_000)
        poll(o.page, "window.kgReady === true", timeout=120_000, interval=50)
        out = o.page.evaluate("""() => { const nav = performance.getEntriesByType('navigation')[0];
            return {first_draw: window.kgFirstDraw, dom_ready: nav.domContentLoadedEventEnd,
                    nodes: kg.network.body.data.nodes.length, edges: kg.network.body.data.edges.length}; }""")
    finally:
        o.context.close()
    if o.external or o.errors:
        raise SystemExit(f"{html}: external requests {o.external}, page errors {o.errors}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp, chromium() as browser:
        for n in a.sizes:
            G = synthetic_graph(n)
            t0 = time.perf_counter()
            html = render_networkx(G, title=f"synthetic {n}")
            render_s = time.perf_counter() - t0
            path = Path(tmp) / f"graph-{n}.html"
            path.write_text(html, encoding="utf-8")
            runs = [measure(browser, path) for _ in range(a.runs)]
            draws = [r["first_draw"] for r in runs]
            rows.append((n, G.number_of_edges(), runs[0]["nodes"], runs[0]["edges"], render_s,
                         len(html.encode()) / 1e6, statistics.median(r["dom_ready"] for r in runs),
                         statistics.median(draws), draws))

    import subprocess

    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; median of {a.runs} runs, each in a fresh browser context")
    print(f"{'nodes':>6} {'edges':>6} {'drawn n/e':>11} {'render (py)':>12} {'page MB':>8} "
          f"{'DOM ready':>10} {'first draw':>11}  runs")
    for n, e, dn, de, rs, mb, dom, fd, draws in rows:
        print(f"{n:>6} {e:>6} {f'{dn}/{de}':>11} {rs * 1000:>9.0f} ms {mb:>8.2f} {dom:>7.0f} ms "
              f"{fd:>8.0f} ms  {', '.join(f'{d:.0f}' for d in draws)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
