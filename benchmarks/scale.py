"""Scale benchmarks on a synthetic corpus (benchmarks/synthetic.py), each a ratio measured in one run:

  build ÷ raw        kg build throughput ÷ GiNZA's nlp.pipe alone on the same texts
  2 proc ÷ 1         kg build --processes 2 ÷ --processes 1 (throughput)
  1% changed ÷ full  an incremental rebuild with 1% of the articles changed ÷ a full build (time)
  dask 2 ÷ serial    kg build --dask local:2 ÷ serial (throughput; cluster start-up included)
  page               graph.html of the --n article folder (time; the builds above run without it)
  peak memory        of a whole build in a fresh process, at each --memory size (VmHWM: ru_maxrss
                     of a child starts at its parent's size), with the peak before writing began
                     (end of parsing), and the page's time after it
  write path         write_build alone (no model) in a fresh process on --write-path sizes of
                     extractions: the --n build's kept extractions cloned under new ids

    python benchmarks/scale.py --n 200 --memory 100,1000 --write-path 1000,5000

Prints a Markdown table (and the load average before and after). Not a test: numbers on a busy
2-core machine move by 10–20 %.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def build(src: Path, out: Path, **kw):
    from kg.graph import build_directory

    return build_directory([src], out, html=False, **kw)


def raw_pipe(texts: list[str]) -> None:
    from kg.nlp import load_nlp

    nlp = load_nlp()
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def _peak_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


MEMORY_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from pathlib import Path
import kg.graph
from scale import _peak_mb
marks = {{}}
real = kg.graph.write_build
def write_build(*a, **kw):
    marks["before_write_mb"] = _peak_mb()
    t = time.perf_counter()
    real(*a, **kw)
    marks["write_seconds"] = time.perf_counter() - t
kg.graph.write_build = write_build
t = time.perf_counter()
kg.graph.build_directory([{src!r}], {out!r}, html=False)
marks["seconds"] = time.perf_counter() - t
marks["maxrss_mb"] = _peak_mb()
t = time.perf_counter()
kg.graph._page(Path({out!r}) / "graph.ttl", title="kg")
marks["page_seconds"] = time.perf_counter() - t
marks["page_maxrss_mb"] = _peak_mb()
print(json.dumps(marks))
"""


def peak_memory(n: int, work: Path, seed: int) -> dict:
    src = synthetic.write_corpus(synthetic.make_articles(n, seed=seed), work / f"mem{n}.jsonl")
    out = work / f"mem{n}-out"
    code = MEMORY_CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), src=str(src), out=str(out))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


WRITE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from pathlib import Path
from scale import _peak_mb
from kg.graph import write_build
from kg.incremental import Kept, _hints, from_json
from kg.types import Article, ArticleResult
records = []
with open({jsonl!r}, encoding="utf-8") as f:
    for line in f:
        data = json.loads(line)
        records.append(Kept.from_json_data(data, from_json(Article, data["article"]),
                                           from_json(_hints(ArticleResult)["entities"], data["entities"])))
t = time.perf_counter()
write_build(Path({out!r}), records, html=False)
first = time.perf_counter() - t
t = time.perf_counter()
write_build(Path({out!r}), records, html=False)
print(json.dumps({{"seconds": first, "again_seconds": time.perf_counter() - t, "maxrss_mb": _peak_mb()}}))
"""


def clone_extractions(folder: Path, n: int, jsonl: Path) -> None:
    """n kept extractions from a built folder's, cycled, each under a new article id (the texts
    and names recur, as they do in a real corpus)."""
    from kg.incremental import read_manifest

    entries = read_manifest(folder)["articles"]
    texts = [(folder / e["cache"]).read_text(encoding="utf-8") for _, e in sorted(entries.items())]
    with open(jsonl, "w", encoding="utf-8") as f:
        for k in range(n):
            data = json.loads(texts[k % len(texts)])
            new = f"{data['article']['id']}-c{k // len(texts)}"
            data["article"]["id"] = new
            data["article"]["source"] = f"{new}.txt"
            for part in ("sentences", "facts"):
                for item in data[part]:
                    item["article_id"] = new
            f.write(json.dumps(data, ensure_ascii=False) + "\n")


def write_path_memory(n: int, folder: Path, work: Path) -> dict:
    jsonl = work / f"clones{n}.jsonl"
    clone_extractions(folder, n, jsonl)
    code = WRITE_CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), jsonl=str(jsonl),
                              out=str(work / f"write{n}-out"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="kg scale benchmarks (ratios)")
    p.add_argument("--n", type=int, default=200, help="articles for the throughput ratios")
    p.add_argument("--memory", default="100,1000", help="corpus sizes for peak memory, comma-separated ('' to skip)")
    p.add_argument("--write-path", default="1000,5000",
                   help="sizes for the write path alone (cloned extractions, no model), comma-separated ('' to skip)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-dask", action="store_true")
    a = p.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    rows: list[tuple[str, str, str]] = []
    load_before = os.getloadavg()
    try:
        articles = synthetic.make_articles(a.n, seed=a.seed)
        src = synthetic.write_corpus(articles, work / "corpus")
        from kg.articles import read_articles
        from kg.nlp import load_nlp

        texts = [x.text for x in read_articles([src])]
        chars = sum(len(t) for t in texts)
        print(f"{a.n} synthetic articles, {chars} characters ({chars / a.n:.0f} per article)", file=sys.stderr)
        load_nlp()
        raw_pipe(texts[:5])  # warm-up

        t_raw, _ = timed(lambda: raw_pipe(texts))
        t_full, _ = timed(lambda: build(src, work / "full"))
        rows.append(("kg build ÷ raw nlp.pipe (throughput)", f"{t_raw / t_full:.2f}",
                     f"raw {a.n / t_raw:.2f} art/s, kg build {a.n / t_full:.2f} art/s"))

        t_two, _ = timed(lambda: build(src, work / "two", processes=2))
        rows.append(("--processes 2 ÷ 1 (throughput)", f"{t_full / t_two:.2f}",
                     f"1: {t_full:.1f} s, 2: {t_two:.1f} s (spawning workers included)"))

        changed = max(1, a.n // 100)
        for x in articles[:changed]:
            (src / f"{x['id']}.txt").write_text(f"{x['date']}\n{x['text']}\n一方、関係者は慎重な姿勢を崩していない。\n",
                                                encoding="utf-8")
        t_inc, _ = timed(lambda: build(src, work / "full"))
        rows.append((f"rebuild with 1% changed ({changed}) ÷ full build (time)", f"{t_inc / t_full:.3f}",
                     f"{t_inc:.1f} s vs {t_full:.1f} s"))
        t_same, _ = timed(lambda: build(src, work / "full"))
        rows.append(("rebuild with nothing changed ÷ full build (time)", f"{t_same / t_full:.3f}",
                     f"{t_same:.1f} s"))

        from kg.graph import _page

        t_page, _ = timed(lambda: _page(work / "full" / "graph.ttl", title="kg"))
        rows.append((f"graph.html of the {a.n}-article folder (time)", f"{t_page:.1f} s",
                     f"{t_page / t_full:.3f} of the full build"))

        if not a.no_dask:
            t_dask, _ = timed(lambda: build(src, work / "dask", dask="local:2"))
            rows.append(("Dask local:2 ÷ serial (throughput)", f"{t_full / t_dask:.2f}",
                         f"serial {t_full:.1f} s, dask {t_dask:.1f} s (cluster start and model loads included)"))

        for n in [int(x) for x in a.write_path.split(",") if x.strip()]:
            m = write_path_memory(n, work / "full", work)
            rows.append((f"write path alone, {n} articles (no model, one process)", f"{m['maxrss_mb']:.0f} MB",
                         f"first {m['seconds']:.1f} s, again (all shards kept) {m['again_seconds']:.1f} s"))

        for n in [int(x) for x in a.memory.split(",") if x.strip()]:
            m = peak_memory(n, work, a.seed + 1)
            rows.append((f"peak memory, {n} articles (whole build, one process)", f"{m['maxrss_mb']:.0f} MB",
                         f"{m['seconds']:.0f} s, {n / m['seconds']:.2f} art/s; peak before writing "
                         f"{m['before_write_mb']:.0f} MB; writing {m['write_seconds']:.1f} s; "
                         f"graph.html after it {m['page_seconds']:.1f} s (peak then {m['page_maxrss_mb']:.0f} MB)"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    print("| measure | ratio / value | detail |")
    print("|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    print(f"\nload average (1/5/15 min) before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; {os.cpu_count()} CPUs; "
          f"own CPU time {resource.getrusage(resource.RUSAGE_SELF).ru_utime:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
