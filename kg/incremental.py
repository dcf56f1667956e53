"""Incremental builds: a graph folder keeps each article's extraction, so a re-run parses only
the articles that are new or changed.

Layout, beside graph.trig and store/::

    manifest.json           {"format", "fingerprint", "articles": {id: {sha256, source, shard, cache}}}
    articles/<name>.json    the article's extraction (ArticleResult, tokens left out), before
                            cross-article resolution: what a re-run reuses instead of parsing
    articles/<name>.nq      the article's named graph as written into graph.trig (N-Quads, sorted)

Why the extraction and not only the N-Quads is kept: cross-article person-name resolution
(``kg.entities.resolve_corpus``) may map a short name in an old article to a longer name in a new
one. Re-running it (and the RDF writing) over every article's kept extraction costs milliseconds
per article, against about a second to parse one, and gives exactly the graph a clean build gives.

The fingerprint covers the extraction code (kg's modules upstream of RDF), kg/data and the
versions of spaCy, GiNZA and the model: when it changes, every article is parsed again.

Everything here is written after the graph outputs, each file atomically; a build stopped before
that leaves the previous manifest, which still describes valid kept extractions.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path

from . import store as st
from .namespaces import graph_iri
from .types import Article, ArticleResult

MANIFEST = "manifest.json"
ARTICLES = "articles"
FORMAT = 1
# Modules that only take extraction results further (RDF, output, the CLI): editing them does not
# change what an article's extraction is, so it does not invalidate the kept extractions.
_DOWNSTREAM = {"__init__", "analysis", "cli", "distributed", "evaluate", "export", "graph", "incremental",
               "ontology_doc", "progress", "push", "queries", "rdf", "serve", "store", "validate", "visualise"}

Progress = Callable[[str], None]
Extract = Callable[..., list[ArticleResult]]  # extract_all's signature: (articles, *, progress, on_error)


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the kept extractions depend on, hashed. Computed once per process: the code that runs."""
    from importlib.metadata import PackageNotFoundError, version

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256()
    files = [p for p in sorted(pkg.glob("*.py")) if p.stem not in _DOWNSTREAM]
    files += sorted(p for p in (pkg / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for p in files:
        h.update(p.relative_to(pkg).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    for dist in ("spacy", "ginza", "ja_ginza", "sudachipy", "sudachidict_core"):
        try:
            h.update(f"{dist}={version(dist)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{dist}=-\0".encode())
    return h.hexdigest()


# ------------------------------------------------------------------ ArticleResult ⇄ JSON

def to_json(value):
    """A frozen dataclass (nested tuples, dataclasses, None, str, int, float, bool) as JSON data."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    return value


def from_json(tp, data):
    """The inverse of to_json, guided by the type annotations of kg.types."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_json(inner, data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: from_json(hints[k], v) for k, v in data.items()})
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], v) for v in data)
        return tuple(from_json(a, v) for a, v in zip(args, data, strict=True))
    return data


@functools.cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def slim(result: ArticleResult) -> ArticleResult:
    """The result without tokens and NER spans: nothing after extraction reads them, and they are
    most of its size (kept extractions, results sent back by cluster workers)."""
    return dataclasses.replace(result, sentences=tuple(dataclasses.replace(s, tokens=(), ents=())
                                                      for s in result.sentences))


# ------------------------------------------------------------------ the folder's kept state

def file_stem(article_id: str) -> str:
    """A file name for an article id: the id itself when it is a plain slug, else its hash."""
    if re.fullmatch(r"[\w][\w\-.]{0,100}", article_id, flags=re.ASCII) and not article_id.endswith("."):
        return article_id
    return "h-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:24]


def read_manifest(out: Path) -> dict:
    """The folder's manifest, or an empty one (first build, a folder from before incremental
    builds, or a manifest that is not ours)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": FORMAT, "fingerprint": None, "articles": {}}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("articles"), dict):
        return {"format": FORMAT, "fingerprint": None, "articles": {}}
    return data


def load_kept(out: Path, entry: dict) -> ArticleResult | None:
    """A kept extraction, or None when its file is missing or unreadable (it is parsed again)."""
    try:
        data = json.loads((out / entry["cache"]).read_text(encoding="utf-8"))
        return from_json(ArticleResult, data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _reusable(kept: ArticleResult | None, article: Article) -> bool:
    # the date changes how 28日 is read; the segments, what is parsed as a heading
    return (kept is not None and kept.article.sha256 == article.sha256 and kept.article.date == article.date
            and kept.article.segments == article.segments)


def extractor(*, processes: int = 1, dask: str | None = None) -> Extract:
    """extract_all, or on ``processes`` worker processes, or on a Dask cluster at ``dask``
    (``local:N`` or ``tcp://host:port``, see kg.distributed)."""
    from .errors import InputError

    if dask:
        from .distributed import extract_on_cluster

        return functools.partial(extract_on_cluster, address=dask)
    if processes < 1:
        raise InputError(f"--processes {processes}: expected 1 or more")
    if processes > 1:
        from .distributed import extract_in_processes

        return functools.partial(extract_in_processes, processes=processes)
    from .graph import extract_all

    return extract_all


def extract_incremental(articles: list[Article], out: Path, *, extract: Extract,
                        progress: Progress | None = None,
                        on_error: Callable[[Article, Exception], None] | None = None,
                        prune: bool = False) -> list[ArticleResult]:
    """Every article's extraction: kept ones where the article is unchanged (reported as
    "unchanged"), ``extract`` on the rest. Without ``prune``, the articles of the previous build
    that are not among ``articles`` are kept too (after the inputs; parsed again from their kept
    text when kg changed); with it they are left out.

    Nothing is written here: :func:`save` does that after the graph outputs are written."""
    manifest = read_manifest(out)
    entries = manifest["articles"]
    stale = bool(entries) and manifest.get("fingerprint") != fingerprint()
    if stale and progress:
        progress("warning: kg's extraction code or model changed since the last build; every article is parsed again")
    inputs = {a.id for a in articles}
    todo = list(articles)
    kept_old: list[ArticleResult] = []
    for art_id in sorted(set(entries) - inputs):
        source = entries[art_id].get("source", art_id)
        if prune:
            if progress:
                progress(f"{source}: pruned (no longer among the inputs)")
            continue
        kept = load_kept(out, entries[art_id])
        if kept is None:
            if progress:
                progress(f"warning: {source}: its kept extraction is unreadable; left out (build it again from its file)")
        elif stale:
            todo.append(kept.article)  # its text is kept with it
        else:
            kept_old.append(kept)

    total = len(todo)
    results: list[ArticleResult | None] = [None] * total
    fresh: list[int] = []
    for n, a in enumerate(todo):
        kept = load_kept(out, entries[a.id]) if a.id in entries and a.id in inputs and not stale else None
        if _reusable(kept, a):
            # the source path, title or URL may have changed with the text unchanged
            results[n] = dataclasses.replace(kept, article=a)
            if progress:
                progress(f"[{n + 1}/{total}] {a.source}: unchanged")
        else:
            fresh.append(n)

    def renumber(line: str) -> None:
        # extract_all numbers the articles it is given; report each by its place among all inputs
        m = re.match(r"\[(\d+)/\d+\] ", line)
        if m and int(m.group(1)) <= len(fresh):
            line = f"[{fresh[int(m.group(1)) - 1] + 1}/{total}] " + line[m.end():]
        progress(line)

    if fresh:
        done = extract([todo[n] for n in fresh], progress=renumber if progress else None, on_error=on_error)
        by_id = {r.article.id: r for r in done}
        for n in fresh:
            results[n] = by_id.get(todo[n].id)  # None: extraction failed, handed to on_error
    return [r for r in results if r is not None] + kept_old


def save(out: Path, results: Iterable[ArticleResult]) -> None:
    """After the graph outputs are written: each article's kept extraction and N-Quads shard
    (where they changed), the manifest, and the removal of files of articles no longer in the
    graph. A shard holds the lines of its article's named graph in ``out/graph.trig``."""
    import pyoxigraph as ox

    folder = out / ARTICLES
    folder.mkdir(exist_ok=True)
    by_graph: dict[str, list] = {}
    for q in ox.parse(path=str(out / st.TRIG), format=ox.RdfFormat.TRIG):
        if isinstance(q.graph_name, ox.NamedNode):
            by_graph.setdefault(q.graph_name.value, []).append(q)
    entries = {}
    for r in results:
        a = r.article
        stem = file_stem(a.id)
        shard = f"{ARTICLES}/{stem}.nq"
        cache = f"{ARTICLES}/{stem}.json"
        lines = ox.serialize(by_graph.get(str(graph_iri(a.id)), []), format=ox.RdfFormat.N_QUADS).decode("utf-8")
        text = "".join(f"{line}\n" for line in sorted(lines.splitlines()))
        _write_if_changed(out / shard, text)
        kept = json.dumps(to_json(slim(r)), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        _write_if_changed(out / cache, kept + "\n")
        entries[a.id] = {"sha256": a.sha256, "source": a.source, "shard": shard, "cache": cache}
    manifest = {"format": FORMAT, "fingerprint": fingerprint(), "articles": dict(sorted(entries.items()))}
    _write_if_changed(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    wanted = {Path(e[k]).name for e in entries.values() for k in ("shard", "cache")}
    for p in folder.iterdir():
        if p.suffix in (".nq", ".json") and p.name not in wanted:
            p.unlink(missing_ok=True)


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    st.write_text(path, text)


def article_shards(out: Path) -> list[tuple[str, Path]]:
    """(graph IRI, shard file) of each article the manifest lists."""
    entries = read_manifest(out)["articles"]
    return [(str(graph_iri(art_id)), out / e["shard"]) for art_id, e in sorted(entries.items())]
