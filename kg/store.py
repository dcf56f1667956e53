"""Built graph directories: atomic writes, the embedded Oxigraph store, loading for queries.

A graph directory holds graph.trig (one named graph per article), graph.ttl (all of it),
graph.html (the page) and store/ (Oxigraph on disk). Every file is written to a temporary name
and renamed into place, so an interrupted build leaves the previous outputs intact.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import GraphError

TRIG = "graph.trig"
TTL = "graph.ttl"
HTML = "graph.html"
STORE = "store"


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_store(directory: Path, trig_file: Path) -> Path:
    """Bulk-load graph.trig into a fresh store beside the old one, then swap it in."""
    import pyoxigraph

    final = directory / STORE
    fresh = Path(tempfile.mkdtemp(prefix=".store.", dir=directory))
    try:
        store = pyoxigraph.Store(str(fresh))
        store.bulk_load(path=str(trig_file), format=pyoxigraph.RdfFormat.TRIG)
        add_union_graph(store)
        store.flush()
        del store
        old = None
        if final.exists():
            old = directory / f".store.old.{os.getpid()}"
            os.replace(final, old)
        os.replace(fresh, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    return final


def add_union_graph(store) -> None:
    """Copy the triples of every named graph into the default graph, which queries then run on.

    Oxigraph's union default graph is a multiset: a triple held by two article graphs (an entity's
    label, say) matches twice and every result row repeats. The default graph is a set."""
    import pyoxigraph

    default = pyoxigraph.DefaultGraph()
    store.bulk_extend([pyoxigraph.Quad(q.subject, q.predicate, q.object, default)
                       for q in store.quads_for_pattern(None, None, None, None) if q.graph_name != default])


def check_graph_dir(directory: str | Path) -> Path:
    d = Path(directory)
    if not d.is_dir():
        raise GraphError(f"{d}: no such graph folder (run `kg build ... --out {d}` first)")
    if not (d / TRIG).exists():
        raise GraphError(f"{d}: not a kg graph folder ({TRIG} is missing)")
    return d


def open_store(directory: str | Path):
    """The directory's Oxigraph store (read-only), built from graph.trig if it is missing."""
    import pyoxigraph

    d = check_graph_dir(directory)
    if not (d / STORE).exists():
        write_store(d, d / TRIG)
    try:
        return pyoxigraph.Store.read_only(str(d / STORE))
    except OSError as e:
        raise GraphError(f"{d / STORE}: cannot open the store ({e})") from None
