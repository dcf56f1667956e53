"""Incremental builds: a graph folder keeps each article's extraction and named graph, so a re-run
parses only the articles that are new or changed, and makes RDF only for those and for the
articles whose cross-article resolution changed.

Layout, beside graph.trig and store/::

    manifest.json           {"format", "fingerprint", "articles": {id: {sha256, source, shard, cache}}}
    articles/<name>.json    the article's extraction (ArticleResult, tokens left out), before
                            cross-article resolution: what a re-run reuses instead of parsing
    articles/<name>.nq      the article's named graph (N-Quads, sorted), after a first line
                            "# kg shard <key>": what it was made from (its shard)
    articles/<name>.trig    the same graph as written into graph.trig (a TriG block), after the
                            same first line: graph.trig is these blocks one after another

Why the extraction and not only the N-Quads is kept: cross-article person-name resolution
(``kg.entities.resolve_corpus``) may map a short name in an old article to a longer name in a new
one. Each build re-runs it on every article's entities (kept in memory; milliseconds), and the
shard key (:func:`shard_key`) covers the article's kept extraction, its resolved entities and the
part of the mapping that touches it, so an old article whose resolution changed is written again
from its kept extraction, and the graph is exactly the one a clean build gives.

The fingerprint covers the extraction code (kg's modules upstream of RDF), kg/data and the
versions of spaCy, GiNZA and the model: when it changes, every article is parsed again. The shard
key also covers kg/rdf.py.

A build holds each article as a :class:`Kept`: its extraction as compressed JSON (what
articles/<name>.json holds) and its entities, not the tokens.

Everything here is written after the graph outputs, each file atomically; a build stopped before
that leaves the previous manifest, which still describes valid kept extractions (and each shard
says what it was made from).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
import types
import typing
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from . import store as st
from .namespaces import graph_iri
from .types import Article, ArticleResult, Entity

MANIFEST = "manifest.json"
ARTICLES = "articles"
FORMAT = 1
# Modules that only take extraction results further (RDF, output, the CLI): editing them does not
# change what an article's extraction is, so it does not invalidate the kept extractions.
_DOWNSTREAM = {"__init__", "analysis", "cli", "distributed", "evaluate", "export", "graph", "incremental",
               "ontology_doc", "progress", "push", "queries", "rdf", "serve", "store", "validate", "visualise"}

Progress = Callable[[str], None]
# extract_all's signature, (articles, *, progress, on_error): the results, in any order, as they come
Extract = Callable[..., Iterable[ArticleResult]]
SHARD_HEADER = "# kg shard "


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


@functools.lru_cache(maxsize=1)
def rdf_fingerprint() -> str:
    """What an article's named graph depends on besides its extraction: the extraction fingerprint
    (kg/namespaces.py and kg/data among it) and kg/rdf.py."""
    rdf = Path(__file__).resolve().parent / "rdf.py"
    return hashlib.sha256(fingerprint().encode() + b"\0" + rdf.read_bytes()).hexdigest()


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
    return _decoder(tp)(data)


def _same(data):
    return data


@functools.cache
def _decoder(tp) -> Callable:
    """from_json for one type, worked out once (a rebuild decodes thousands of kept extractions)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decoder(inner)
    if dataclasses.is_dataclass(tp):
        fields = {k: _decoder(h) for k, h in _hints(tp).items()}
        return lambda data: None if data is None else tp(**{k: fields[k](v) for k, v in data.items()})
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _same:
                return lambda data: None if data is None else tuple(data)
            return lambda data: None if data is None else tuple(map(item, data))
        items = [_decoder(a) for a in args]
        return lambda data: None if data is None else tuple(f(v) for f, v in zip(items, data, strict=True))
    return _same


@functools.cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def slim(result: ArticleResult) -> ArticleResult:
    """The result without tokens and NER spans: nothing after extraction reads them, and they are
    most of its size (kept extractions, results sent back by cluster workers)."""
    return dataclasses.replace(result, sentences=tuple(dataclasses.replace(s, tokens=(), ents=())
                                                      for s in result.sentences))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclasses.dataclass(eq=False)
class Kept:
    """One article's extraction as a build holds it: the JSON of articles/<name>.json, compressed
    (a few KB), and what resolution and the shard key need. ``dirty``: the file must be written."""

    article: Article
    entities: tuple[Entity, ...]
    data: bytes
    digest: str
    dirty: bool = True

    @classmethod
    def of(cls, result: ArticleResult) -> "Kept":
        """A fresh extraction (its tokens are dropped here)."""
        return cls.from_json_data(to_json(slim(result)), result.article, result.entities)

    @classmethod
    def from_json_data(cls, data: dict, article: Article, entities: tuple[Entity, ...], *,
                       on_disk: str | None = None) -> "Kept":
        text = _dumps(data)
        raw = text.encode("utf-8")
        return cls(article=article, entities=entities, data=zlib.compress(raw, 1),
                   digest=hashlib.sha256(raw).hexdigest(), dirty=text != on_disk)

    @property
    def text(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")

    def result(self) -> ArticleResult:
        return from_json(ArticleResult, json.loads(self.text))


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


def _read_kept(out: Path, entry: dict, article: Article | None = None) -> Kept | None:
    """A kept extraction as a Kept (its article replaced by ``article``, the input, whose source
    path, title or URL may have changed with the text unchanged), or None when its file is missing
    or unreadable, or ``article``'s text is not the one it was made from."""
    try:
        text = (out / entry["cache"]).read_text(encoding="utf-8").rstrip("\n")
        data = json.loads(text)
        kept = from_json(Article, data["article"])
        if article is not None:
            if not _reusable(kept, article):
                return None
            data["article"] = to_json(article)
            kept = article
        entities = from_json(_hints(ArticleResult)["entities"], data["entities"])
        return Kept.from_json_data(data, kept, entities, on_disk=text)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _reusable(kept: Article, article: Article) -> bool:
    # the date changes how 28日 is read; the segments, what is parsed as a heading
    return (kept.sha256 == article.sha256 and kept.date == article.date and kept.segments == article.segments)


def extractor(*, processes: int = 1, dask: str | None = None) -> Extract:
    """extract_all (one result at a time), or on ``processes`` worker processes, or on a Dask
    cluster at ``dask`` (``local:N`` or ``tcp://host:port``, see kg.distributed)."""
    from .errors import InputError

    if dask:
        from .distributed import extract_on_cluster

        return functools.partial(extract_on_cluster, address=dask)
    if processes < 1:
        raise InputError(f"--processes {processes}: expected 1 or more")
    if processes > 1:
        from .distributed import extract_in_processes

        return functools.partial(extract_in_processes, processes=processes)
    from .graph import iter_extract

    return iter_extract


def collect(articles: list[Article], out: Path, *, extract: Extract, progress: Progress | None = None,
            on_error: Callable[[Article, Exception], None] | None = None, prune: bool = False) -> list[Kept]:
    """Every article's extraction, as a Kept: kept ones where the article is unchanged (reported as
    "unchanged"), ``extract`` on the rest. Without ``prune``, the articles of the previous build
    that are not among ``articles`` are kept too (after the inputs; parsed again from their kept
    text when kg changed); with it they are left out.

    Nothing is written here: :func:`save` does that after the graph outputs are written."""
    manifest = read_manifest(out)
    entries = manifest["articles"]
    stale = bool(entries) and manifest.get("fingerprint") != fingerprint()
    rdf_fingerprint()  # now, with the code this process runs: the files may be edited during a long build
    if stale and progress:
        progress("warning: kg's extraction code or model changed since the last build; every article is parsed again")
    inputs = {a.id for a in articles}
    todo = list(articles)
    kept_old: list[Kept] = []
    for art_id in sorted(set(entries) - inputs):
        source = entries[art_id].get("source", art_id)
        if prune:
            if progress:
                progress(f"{source}: pruned (no longer among the inputs)")
            continue
        kept = _read_kept(out, entries[art_id])
        if kept is None:
            if progress:
                progress(f"warning: {source}: its kept extraction is unreadable; left out (build it again from its file)")
        elif stale:
            todo.append(kept.article)  # its text is kept with it
        else:
            kept_old.append(kept)

    # one Entity object for all the articles that have it alike (the same person, country, post):
    # a build holds every article's entities for cross-article resolution
    shared: dict[Entity, Entity] = {}
    for k in kept_old:
        k.entities = tuple(shared.setdefault(e, e) for e in k.entities)
    total = len(todo)
    records: list[Kept | None] = [None] * total
    fresh: list[int] = []
    for n, a in enumerate(todo):
        kept = _read_kept(out, entries[a.id], a) if a.id in entries and a.id in inputs and not stale else None
        if kept is not None:
            kept.entities = tuple(shared.setdefault(e, e) for e in kept.entities)
            records[n] = kept
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
        place = {todo[n].id: n for n in fresh}
        # each result is made compact as it comes (its tokens dropped); a failed one is left None
        for r in extract([todo[n] for n in fresh], progress=renumber if progress else None, on_error=on_error):
            kept = records[place[r.article.id]] = Kept.of(r)
            kept.entities = tuple(shared.setdefault(e, e) for e in kept.entities)
    return [r for r in records if r is not None] + kept_old


def extract_incremental(articles: list[Article], out: Path, *, extract: Extract,
                        progress: Progress | None = None,
                        on_error: Callable[[Article, Exception], None] | None = None,
                        prune: bool = False) -> list[ArticleResult]:
    """:func:`collect`, as ArticleResults (without tokens)."""
    return [k.result() for k in collect(articles, out, extract=extract, progress=progress, on_error=on_error,
                                        prune=prune)]


# ------------------------------------------------------------------ per-article named graphs (shards)

def graph_name(article_id: str) -> str:
    return str(graph_iri(article_id))


def kept_shard(out: Path, article_id: str) -> st.GraphFiles:
    stem = file_stem(article_id)
    return st.GraphFiles(graph_name(article_id), out / ARTICLES / f"{stem}.nq", out / ARTICLES / f"{stem}.trig")


def shard_key(kept: Kept, entities: tuple[Entity, ...], remap: dict[str, str]) -> str:
    """What an article's named graph is made from: its kept extraction, its entities after
    cross-article resolution, the part of the key mapping that touches its entities (and whether
    there is any: resolve_corpus then also sorts every fact's roles), and kg/rdf.py."""
    own = sorted((e.key, remap[e.key]) for e in kept.entities if e.key in remap)
    # repr of frozen dataclasses of strings: deterministic, and cheaper than JSON
    payload = "\0".join([rdf_fingerprint(), kept.digest, repr(entities), repr(own), str(bool(remap))])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def shard_matches(files: st.GraphFiles, key: str) -> bool:
    """Both files of a kept shard are there and say they were made from ``key``."""
    try:
        for path in (files.nquads, files.trig):
            with open(path, encoding="utf-8", newline="\n") as f:
                if f.readline() != f"{SHARD_HEADER}{key}\n":
                    return False
        return True
    except (OSError, ValueError):
        return False


def write_shard(files: st.GraphFiles, key: str, result: ArticleResult) -> None:
    """An article's named graph (``result`` resolved) as its two files, under its key line."""
    from .rdf import TEXT_PREFIXES, article_quads, sorted_nquads

    st.write_graph_files(sorted_nquads(article_quads(result)), files.nquads, files.trig, prefixes=TEXT_PREFIXES,
                         comment=f"{SHARD_HEADER}{key}\n")


def save(out: Path, records: list[Kept], made: dict[str, st.GraphFiles] | None = None) -> None:
    """After the graph outputs are written: each article's kept extraction (where it changed) and
    the shards made in this build (``made``: article id → files, renamed into articles/), the
    manifest, and the removal of files of articles no longer in the graph."""
    folder = out / ARTICLES
    folder.mkdir(exist_ok=True)
    made = made or {}
    entries = {}
    for k in records:
        a = k.article
        stem = file_stem(a.id)
        entry = {"sha256": a.sha256, "source": a.source, "shard": f"{ARTICLES}/{stem}.nq",
                 "trig": f"{ARTICLES}/{stem}.trig", "cache": f"{ARTICLES}/{stem}.json"}
        if a.id in made:
            os.replace(made[a.id].nquads, out / entry["shard"])
            os.replace(made[a.id].trig, out / entry["trig"])
        if k.dirty:
            _write_if_changed(out / entry["cache"], k.text + "\n")
        entries[a.id] = entry
    manifest = {"format": FORMAT, "fingerprint": fingerprint(), "articles": dict(sorted(entries.items()))}
    _write_if_changed(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    wanted = {Path(e[k]).name for e in entries.values() for k in ("shard", "trig", "cache")}
    for p in folder.iterdir():
        if p.suffix in (".nq", ".trig", ".json") and p.name not in wanted:
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
