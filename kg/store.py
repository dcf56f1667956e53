"""Built graph directories: atomic writes, the embedded Oxigraph store, loading for queries.

A graph directory holds graph.trig (one named graph per article), graph.ttl (all of it),
graph.html (the page) and store/ (Oxigraph on disk). Every file is written to a temporary name
and renamed into place, so an interrupted build leaves the previous outputs intact.
"""
from __future__ import annotations

import contextlib
import os
import re
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def fresh_store(directory: Path, trig_file: Path) -> Iterator[Path]:
    """Bulk-load a TriG file into a new store beside the old one; swap it in as store/ only if the
    block succeeds. Until then store/ is the previous one, untouched."""
    import pyoxigraph

    final = directory / STORE
    fresh = Path(tempfile.mkdtemp(prefix=f".store.{os.getpid()}.", dir=directory))
    try:
        store = pyoxigraph.Store(str(fresh))
        store.bulk_load(path=str(trig_file), format=pyoxigraph.RdfFormat.TRIG)
        add_union_graph(store)
        store.flush()
        del store
        yield fresh
        os.chmod(fresh, 0o777 & ~_umask())
        old = None
        if final.exists():
            old = directory / f".store.old.{os.getpid()}"
            shutil.rmtree(old, ignore_errors=True)
            # two renames: a kill between them leaves no store/, which open_store rebuilds from graph.trig
            os.replace(final, old)
        os.replace(fresh, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def write_store(directory: Path, trig_file: Path) -> Path:
    """Bulk-load graph.trig into a fresh store beside the old one, then swap it in."""
    with fresh_store(directory, trig_file):
        pass
    return directory / STORE


_TEMPORARY = re.compile(r"^\.(?:graph\.\w+\.(?P<pid>\d+)\..*\.tmp|store\.(?:old\.)?(?P<spid>\d+)(?:\..*)?)$")


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove what a killed build left behind (temporary files and stores whose process is gone)."""
    removed = []
    for entry in directory.iterdir():
        m = _TEMPORARY.match(entry.name)
        if not m:
            continue
        if _alive(int(m.group("pid") or m.group("spid"))):
            continue  # a build is writing here now
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


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
