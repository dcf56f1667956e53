"""`kg build | query | viz | eval | stats | validate | serve | export` — parse options, call the library, print."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .errors import KgError


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_build(a) -> int:
    from .graph import build_directory

    from .progress import reporter

    with reporter(quiet=a.quiet) as progress:  # a bar on a terminal, else one line per article
        results = build_directory(a.paths, a.out, encoding=a.encoding, progress=progress, html=not a.no_html,
                                  strict=a.strict, processes=a.processes, dask=a.dask, prune=a.prune)
    facts = sum(len(r.facts) for r in results)
    ents = len({e.key for r in results for e in r.entities})
    skipped = f" ({len(results.skipped)} skipped)" if results.skipped else ""
    _err(f"built {a.out}: {len(results)} articles{skipped}, {ents} entities, {facts} facts "
         f"(graph.trig, graph.ttl, graph.html, store/)")
    return 0


def cmd_push(a) -> int:
    from .push import push_directory

    report = push_directory(a.graph, a.endpoint, progress=None if a.quiet else _err)
    _err(f"pushed {a.graph}: {report.graphs} graphs, {report.triples} triples to {report.url}")
    return 0


def cmd_query(a) -> int:
    from .queries import parse_params, read_query, run_query, term_value
    from .store import open_store

    q = read_query(a.query)
    cols, rows = run_query(open_store(a.graph), q, parse_params(a.param or []))
    values = [[term_value(v) for v in row] for row in rows]
    if a.format == "json":
        print(json.dumps([dict(zip(cols, r)) for r in values], ensure_ascii=False, indent=1))
    elif a.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(values)
    else:
        print(format_table(cols, values))
    return 0


def format_table(cols: list[str], rows: list[list[str]], width: int = 60) -> str:
    import unicodedata

    def w(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    def cut(s: str) -> str:
        s = s.replace("\n", " ")
        while w(s) > width:
            s = s[:-2] + "…"
        return s

    cells = [[cut(c) for c in cols]] + [[cut(v) for v in r] for r in rows]
    widths = [max(w(r[i]) for r in cells) for i in range(len(cols))]
    lines = ["  ".join(c + " " * (widths[i] - w(c)) for i, c in enumerate(r)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * x for x in widths))
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


def cmd_viz(a) -> int:
    from .graph import KnowledgeGraph
    from .store import HTML, write_text

    kg = KnowledgeGraph.load(a.graph)
    out = Path(a.out) if a.out else Path(a.graph) / HTML
    write_text(out, kg.html(focus=a.focus, hops=a.hops, title=f"kg — {Path(a.graph).name}"))
    _err(f"wrote {out}")
    return 0


def cmd_eval(a) -> int:
    from .evaluate import format_report, load_gold, score
    from .graph import build

    gold = load_gold(a.gold)
    report = score(build([Path(a.article)]).graph, gold)
    print(json.dumps(report, ensure_ascii=False, indent=1) if a.json else format_report(report))
    return 0


def cmd_stats(a) -> int:
    from .queries import read_query, run_query, term_value
    from .store import open_store

    cols, rows = run_query(open_store(a.graph), read_query("entity_counts"))
    print(format_table(cols, [[term_value(v) for v in r] for r in rows]))
    return 0


def cmd_validate(a) -> int:
    from .validate import format_report, validate_directory

    report = validate_directory(a.graph)
    print(format_report(report))
    return 0 if report.conforms else 1


def cmd_serve(a) -> int:
    from .serve import is_loopback, serve

    def ready(server) -> None:
        if not is_loopback(a.host):
            _err(f"kg serve: warning: listening on {a.host}: anyone who can reach this machine on port {a.port} "
                 "can query the graph (read-only, no authentication)")
        print(f"SPARQL endpoint: {server.query_url}  (query page: {server.url}; read-only; "
              f"{server.timeout:g} s and {server.limit} rows per query; Ctrl-C stops it)", flush=True)

    return serve(a.graph, host=a.host, port=a.port, timeout=a.timeout, limit=a.limit, memory_mb=a.memory,
                 on_ready=ready)


def cmd_export(a) -> int:
    from .export import export_graph

    for path in export_graph(a.graph, a.format, a.out):
        _err(f"wrote {path}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Japanese news articles.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="articles (.txt files, folders, .jsonl) → graph folder")
    b.add_argument("paths", nargs="+")
    b.add_argument("--out", required=True, help="graph folder to write")
    b.add_argument("--encoding", help="input encoding when not UTF-8 (e.g. cp932, euc_jp)")
    b.add_argument("--no-html", action="store_true", help="skip the page")
    b.add_argument("--quiet", action="store_true", help="only the final summary line (no progress)")
    b.add_argument("--strict", action="store_true", help="a bad article is an error (default: skip it, warn)")
    b.add_argument("--processes", type=int, default=1, metavar="N", help="parse on N local processes (default: 1)")
    b.add_argument("--dask", metavar="ADDRESS", help="parse on a Dask cluster: local:N or tcp://host:port")
    b.add_argument("--prune", action="store_true", help="drop articles of earlier builds no longer among the inputs")
    b.set_defaults(func=cmd_build)
    q = sub.add_parser("query", help="run a SPARQL file (or a bundled query by name) on a graph folder")
    q.add_argument("query")
    q.add_argument("--graph", required=True)
    q.add_argument("--param", action="append", metavar="NAME=VALUE")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=cmd_query)
    v = sub.add_parser("viz", help="write the interactive page of a graph folder")
    v.add_argument("graph")
    v.add_argument("--focus", help="only the neighbourhood of this entity (label or alias)")
    v.add_argument("--hops", type=int, default=2)
    v.add_argument("--out", help="HTML file (default: GRAPH/graph.html)")
    v.set_defaults(func=cmd_viz)
    e = sub.add_parser("eval", help="score extraction from one article against a gold file")
    e.add_argument("gold")
    e.add_argument("article")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_eval)
    s = sub.add_parser("stats", help="entity counts per class of a graph folder")
    s.add_argument("graph")
    s.set_defaults(func=cmd_stats)
    va = sub.add_parser("validate", help="check a graph folder against ontology/shapes.ttl (SHACL); exit 1 if invalid")
    va.add_argument("graph")
    va.set_defaults(func=cmd_validate)
    sv = sub.add_parser("serve", help="a read-only SPARQL endpoint over a graph folder, with a time and a row limit")
    sv.add_argument("graph")
    sv.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    sv.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                    help="stop a query that runs longer (default: 10)")
    sv.add_argument("--limit", type=int, default=10000, metavar="ROWS",
                    help="answer at most ROWS solutions or triples, and say so in X-Kg-Truncated (default: 10000)")
    sv.add_argument("--memory", type=int, default=2048, metavar="MB",
                    help="memory one query may use; 0 for no limit (default: 2048)")
    sv.set_defaults(func=cmd_serve)
    pu = sub.add_parser("push", help="PUT each named graph of a graph folder to a SPARQL server (Graph Store Protocol)")
    pu.add_argument("graph")
    pu.add_argument("--endpoint", required=True, help="server URL, e.g. http://127.0.0.1:7878 (Oxigraph: PUT to /store)")
    pu.add_argument("--quiet", action="store_true", help="only the summary line")
    pu.set_defaults(func=cmd_push)
    ex = sub.add_parser("export", help="write a graph folder as ttl, trig, nq, jsonld, graphml or csv")
    ex.add_argument("graph")
    ex.add_argument("--format", required=True, choices=["ttl", "trig", "nq", "jsonld", "graphml", "csv"])
    ex.add_argument("--out", help="file to write (a folder for csv; default: GRAPH/export/)")
    ex.set_defaults(func=cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as e:
        _err(f"kg {args.command}: error: {e}")
        return 2
    except KeyboardInterrupt:
        _err(f"kg {args.command}: interrupted; previous outputs are unchanged")
        return 130


if __name__ == "__main__":
    sys.exit(main())
