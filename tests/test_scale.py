"""Corpus scale: incremental builds, --processes, progress reporting, Dask, kg push, the synthetic corpus."""
from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.builders import small_result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
OUTPUTS = ("graph.trig", "graph.ttl", "graph.html", "manifest.json")


def sorted_nquads(folder: Path) -> list[str]:
    """graph.trig as sorted N-Quads (pyoxigraph parses it strictly)."""
    import pyoxigraph as ox

    quads = ox.parse(path=str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
    return sorted(ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def graph_names(folder: Path) -> set[str]:
    return {line.rsplit(" ", 2)[-2] for line in sorted_nquads(folder)}


def files_of(folder: Path) -> dict[str, bytes]:
    """Every output file but the store (whose on-disk bytes are the database's business)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(folder).parts}


# ------------------------------------------------------------------ model-free: the kept extraction

def test_an_article_result_goes_through_json_unchanged_but_for_its_tokens():
    from kg.incremental import from_json, slim, to_json
    from kg.types import ArticleResult

    r = small_result("roundtrip")
    assert r.facts and r.entities and r.mentions  # the test means something
    back = from_json(ArticleResult, json.loads(json.dumps(to_json(slim(r)), ensure_ascii=False)))
    assert back == slim(r)
    assert back != r and all(s.tokens == () for s in back.sentences)


@pytest.mark.parametrize("article_id, plain", [("2025-10-28-summit", True), ("a.b_c", True),
                                                ("../etc/passwd", False), ("記事/1", False), ("x" * 300, False),
                                                (".hidden", False)])
def test_a_shard_name_is_the_id_only_when_that_is_a_safe_file_name(article_id, plain):
    from kg.incremental import file_stem

    stem = file_stem(article_id)
    assert (stem == article_id) is plain
    assert "/" not in stem and not stem.startswith(".") and len(stem) <= 101


def _article(art_id: str, text: str):
    from kg.articles import make_article

    return make_article(text, id=art_id, source=f"{art_id}.txt")


def _fake_extract(calls: list):
    """extract_all's signature, no model: a result with one hand-made sentence, the article kept."""
    from dataclasses import replace

    def extract(articles, *, progress=None, on_error=None):
        calls.append([a.id for a in articles])
        out = []
        for n, a in enumerate(articles, 1):
            r = replace(small_result(a.id), article=a)
            out.append(r)
            if progress:
                progress(f"[{n}/{len(articles)}] {a.source}: 1 sentences, {len(r.entities)} entities, 0 facts")
        return out
    return extract


def _save(out: Path, results):
    """What build_directory does after extraction: the graph outputs, then the kept state."""
    from kg.graph import write_build
    from kg.incremental import Kept

    write_build(out, [Kept.of(r) for r in results], html=False)


def test_only_new_or_changed_articles_are_extracted_and_lines_keep_their_place(tmp_path):
    from kg.incremental import extract_incremental

    out = tmp_path / "g"
    calls: list = []
    first = [_article(k, f"山田首相は{k}で会談した。") for k in ("a", "b", "c")]
    lines: list[str] = []
    results = extract_incremental(first, out, extract=_fake_extract(calls), progress=lines.append)
    assert calls == [["a", "b", "c"]] and [r.article.id for r in results] == ["a", "b", "c"]
    _save(out, results)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]["b"]["shard"] == "articles/b.nq"
    assert "<https://w3id.org/kgnews/id/graph/b>" in (out / "articles" / "b.nq").read_text(encoding="utf-8")

    second = [first[0], _article("b", "佐藤首相は大阪で会談した。"), first[2], _article("d", "新しい記事だ。")]
    lines.clear()
    results = extract_incremental(second, out, extract=_fake_extract(calls), progress=lines.append)
    assert calls[-1] == ["b", "d"]
    # the kept ones are reported first (at once), then each parsed one, numbered by its input place
    assert lines[:2] == ["[1/4] a.txt: unchanged", "[3/4] c.txt: unchanged"]
    assert lines[2].startswith("[2/4] b.txt: 1 sentences") and lines[3].startswith("[4/4] d.txt: 1 sentences")
    assert [r.article for r in results] == second


def test_old_articles_stay_without_prune_and_go_with_it(tmp_path):
    from kg.incremental import extract_incremental

    out = tmp_path / "g"
    calls: list = []
    arts = [_article(k, f"山田首相は{k}で会談した。") for k in ("a", "b")]
    _save(out, extract_incremental(arts, out, extract=_fake_extract(calls)))
    kept = extract_incremental(arts[:1], out, extract=_fake_extract(calls))
    assert [r.article.id for r in kept] == ["a", "b"] and len(calls) == 1
    lines: list[str] = []
    pruned = extract_incremental(arts[:1], out, extract=_fake_extract(calls), prune=True, progress=lines.append)
    assert [r.article.id for r in pruned] == ["a"] and len(calls) == 1
    assert lines == ["b.txt: pruned (no longer among the inputs)", "[1/1] a.txt: unchanged"]
    _save(out, pruned)
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["a.json", "a.nq", "a.trig"]
    assert list(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]) == ["a"]


def test_a_changed_fingerprint_or_an_unreadable_kept_file_means_parsing_again(tmp_path, monkeypatch):
    import kg.incremental as inc

    out = tmp_path / "g"
    calls: list = []
    arts = [_article(k, f"山田首相は{k}で会談した。") for k in ("a", "b")]
    _save(out, inc.extract_incremental(arts, out, extract=_fake_extract(calls)))
    (out / "articles" / "a.json").write_text("{not json", encoding="utf-8")
    inc.extract_incremental(arts, out, extract=_fake_extract(calls))
    assert calls[-1] == ["a"]
    monkeypatch.setattr(inc, "fingerprint", lambda: "something else")
    lines: list[str] = []
    results = inc.extract_incremental(arts, out, extract=_fake_extract(calls), progress=lines.append)
    assert calls[-1] == ["a", "b"] and "every article is parsed again" in lines[0]
    # an old article no longer among the inputs stays (no --prune): parsed again from its kept text
    results = inc.extract_incremental(arts[:1], out, extract=_fake_extract(calls))
    assert calls[-1] == ["a", "b"] and [r.article for r in results] == arts


# ------------------------------------------------------------------ model-free: progress on stderr

LINES = ["warning: x.txt: not UTF-8, decoded as cp932", "[1/3] a.txt: 3 sentences, 2 entities, 1 facts",
         "[2/3] b.txt: unchanged", "[3/3] c.txt: warning: no Japanese text, nothing extracted"]


def test_not_on_a_terminal_every_line_is_printed_and_quiet_prints_nothing():
    from kg.progress import reporter

    for quiet, expected in ((False, LINES), (True, [])):
        buf = io.StringIO()
        with reporter(buf, quiet=quiet) as report:
            for line in LINES:
                report(line)
        assert buf.getvalue().splitlines() == expected


def test_on_a_terminal_a_bar_counts_articles_and_warnings_are_printed_above_it():
    from kg.progress import reporter

    buf = io.StringIO()
    with reporter(buf, bar=True) as report:
        for line in LINES:
            report(line)
    text = buf.getvalue()
    assert "3/3" in text and "article/s" in text  # tqdm's count and rate
    assert "writing the graph folder" in text  # once every article is done
    assert LINES[0] in text and LINES[3] in text
    assert LINES[1] not in text and LINES[2] not in text  # ordinary article lines only move the bar


# ------------------------------------------------------------------ model-free: synthetic corpus

def test_the_synthetic_corpus_is_deterministic_per_seed(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    a, b, c = (synthetic.make_articles(50, seed=s) for s in (7, 7, 8))
    assert a == b and a != c and len({x["id"] for x in a}) == 50
    assert all(400 < len(x["text"]) < 3000 and "{" not in x["text"] for x in a)
    folder = synthetic.write_corpus(a[:3], tmp_path / "s")
    jsonl = synthetic.write_corpus(a[:3], tmp_path / "s.jsonl")
    from kg.articles import read_articles

    assert [x.text.splitlines()[-1] for x in read_articles([jsonl])] == [x["text"].splitlines()[-1] for x in a[:3]]
    assert [x.date for x in read_articles([folder])] == [x["date"] for x in a[:3]]


# ------------------------------------------------------------------ model: incremental builds

def _build(src, out, **kw):
    from kg.graph import build_directory

    lines: list[str] = []
    results = build_directory([src] if isinstance(src, Path) else src, out, progress=lines.append, **kw)
    return results, lines


@pytest.mark.model
def test_a_rebuild_reuses_every_unchanged_article_and_writes_the_same_bytes(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src, ignore=shutil.ignore_patterns("*.json"))
    out = tmp_path / "out"
    _, lines = _build(src, out)
    assert sum("sentences" in l for l in lines) == 3
    before = files_of(out)
    assert sorted(p.name for p in (out / "articles").iterdir()) == sorted(
        f"{p.stem}{ext}" for p in src.glob("*.txt") for ext in (".json", ".nq", ".trig"))

    _, lines = _build(src, out)
    assert [l.split(": ", 1)[1] for l in lines] == ["unchanged"] * 3, lines
    assert files_of(out) == before

    # one article changed: only it is parsed, and the graph is what a clean build gives
    changed = src / "2026-03-15-noto-earthquake-drill.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n石川県の知事は15日、訓練の成果を評価した。\n",
                       encoding="utf-8")
    _, lines = _build(src, out)
    parsed = [l for l in lines if "sentences" in l]
    assert len(parsed) == 1 and "noto-earthquake-drill" in parsed[0] and parsed[0].startswith("[2/3]"), lines
    assert sum(l.endswith(": unchanged") for l in lines) == 2
    clean = tmp_path / "clean"
    _build(src, clean)
    assert sorted_nquads(out) == sorted_nquads(clean)
    assert (out / "graph.trig").read_bytes() == (clean / "graph.trig").read_bytes()
    from kg.store import open_store

    count = lambda d: len(list(open_store(d).quads_for_pattern(None, None, None, None)))  # noqa: E731
    assert count(out) == count(clean)

    # an article deleted: its graph stays until --prune
    gone = src / "2026-04-02-battery-maker-acquisition.txt"
    gone.unlink()
    iri = "<https://w3id.org/kgnews/id/graph/2026-04-02-battery-maker-acquisition>"
    _, lines = _build(src, out)
    assert iri in graph_names(out) and all(l.endswith("unchanged") for l in lines), lines
    from kg.cli import main

    assert main(["build", str(src), "--out", str(out), "--prune", "--quiet"]) == 0
    assert iri not in graph_names(out) and len(graph_names(out)) == 3  # two articles and the ontology
    assert not (out / "articles" / f"{gone.stem}.nq").exists()
    _build(src, tmp_path / "clean2")
    assert sorted_nquads(out) == sorted_nquads(tmp_path / "clean2")


@pytest.mark.model
def test_two_processes_give_the_graph_one_gives(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("2025-05-01\n山田太郎首相は1日、東京でスミス大統領と会談した。両氏は協力で一致した。\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("2025-05-02\n北星電機は2日、みなと銀行を30億円で買収すると発表した。\n", encoding="utf-8")
    _, one = _build(src, tmp_path / "one", html=False)
    _, two = _build(src, tmp_path / "two", html=False, processes=2)
    assert sorted_nquads(tmp_path / "one") == sorted_nquads(tmp_path / "two")
    # with workers each article is reported as it finishes, by its input place
    assert sorted(l.split(":")[0] for l in one) == sorted(l.split(":")[0] for l in two)


# ------------------------------------------------------------------ model: Dask

@pytest.fixture()
def dask_cluster():
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, memory_limit=0,
                           dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.mark.model
def test_a_build_on_a_two_worker_dask_cluster_gives_the_serial_graph(tmp_path, dask_cluster, examples_graph_dir):
    results, lines = _build(EXAMPLES, tmp_path / "dask", dask=dask_cluster.scheduler_address)
    assert len(results) == 3 and sum("sentences" in l for l in lines) == 3
    assert sorted_nquads(tmp_path / "dask") == sorted_nquads(examples_graph_dir)
    workers = dask_cluster.scheduler_info["workers"]
    assert len(workers) == 2


def test_a_bad_dask_address_is_one_line_error():
    from kg.distributed import connect
    from kg.errors import KgError

    for address in ("local:zero", "local:0", "http://x"):
        with pytest.raises(KgError, match="--dask"):
            with connect(address):
                pass


# ------------------------------------------------------------------ push to a real Oxigraph server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path / "db"), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"oxigraph did not start: {proc.stderr.read().decode()}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _counts_on_server(url: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': q})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        rows = json.load(resp)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def _local_counts(folder: Path) -> dict[str, int]:
    import pyoxigraph as ox

    counts: dict[str, int] = {}
    for q in ox.parse(path=str(folder / "graph.trig"), format=ox.RdfFormat.TRIG):
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


@pytest.mark.model
def test_push_puts_every_graph_and_pushing_again_replaces_it(examples_graph_dir, oxigraph_server):
    from kg.cli import main

    local = _local_counts(examples_graph_dir)
    assert len(local) == 4  # three articles and the ontology
    for _ in range(2):
        assert main(["push", str(examples_graph_dir), "--endpoint", oxigraph_server, "--quiet"]) == 0
        assert _counts_on_server(oxigraph_server) == local


def test_push_to_a_closed_port_or_a_refusing_server_is_one_line_and_exit_2(tmp_path, oxigraph_server, capsys):
    from kg.cli import main
    from kg.graph import dataset_for, write_directory

    out = tmp_path / "g"
    write_directory(dataset_for([small_result("p")]), out, html=False)
    assert main(["push", str(out), "--endpoint", f"http://127.0.0.1:{_free_port()}", "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot connect" in err[0], err
    # a path the server does not have answers 404
    assert main(["push", str(out), "--endpoint", f"{oxigraph_server}/nowhere", "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "HTTP 404" in err[0], err
    assert main(["push", str(out), "--endpoint", oxigraph_server]) == 0
    assert _counts_on_server(oxigraph_server) == _local_counts(out)
