"""Built graph directories: atomic writes, the embedded Oxigraph store, loading for queries.

A graph directory holds graph.trig (one named graph per article), graph.ttl (all of it),
graph.html (the page) and store/ (Oxigraph on disk). Every file is written to a temporary name
and renamed into place, so an interrupted build leaves the previous outputs intact.

:func:`write_folder` writes them from one file of sorted N-Quads lines per named graph, streaming:
pyoxigraph serialises the TriG and the Turtle, the union of the article graphs is a k-way merge of
the sorted files, and the store is bulk-loaded in chunks, so memory does not grow with the corpus
(Oxigraph's bulk loader holds all the quads of one call in memory).
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import heapq
import io
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import GraphError

TRIG = "graph.trig"
TTL = "graph.ttl"
HTML = "graph.html"
STORE = "store"
CHUNK = 100_000  # quads per bulk_extend when a store is made from graph.trig
FAN_IN = 1000  # sorted files merged at once (open files; fewer when the limit is low)


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
def fresh_store(directory: Path, trig_file: Path | None = None, *,
                fill: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """A new store beside the old one, made by ``fill(path)`` (or from a TriG file, with the union
    of its graphs in the default graph); swap it in as store/ only if the block succeeds. Until
    then store/ is the previous one, untouched."""
    import pyoxigraph

    final = directory / STORE
    fresh = Path(tempfile.mkdtemp(prefix=f".store.{os.getpid()}.", dir=directory))
    try:
        if fill is not None:
            fill(fresh)
        else:
            store = pyoxigraph.Store(str(fresh))
            _load_trig_with_union(store, trig_file)
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


def _load_trig_with_union(store, trig_file: Path) -> None:
    """Each quad of a TriG file, and its triple in the default graph, in chunks."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    chunk: list = []
    for q in ox.parse(path=str(trig_file), format=ox.RdfFormat.TRIG):
        chunk.append(q)
        if q.graph_name != default:
            chunk.append(ox.Quad(q.subject, q.predicate, q.object, default))
        if len(chunk) >= CHUNK:
            store.bulk_extend(chunk)
            chunk = []
    if chunk:
        store.bulk_extend(chunk)


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


# ------------------------------------------------------------------ writing a folder, streaming

class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of bytes chunks, read as pyoxigraph parses it."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._buf = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            try:
                self._buf = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def byte_stream(chunks: Iterable[bytes]) -> io.BufferedReader:
    return io.BufferedReader(_ChunkReader(chunks), 1 << 16)


class _AfterHeader:
    """A writer that drops the @prefix lines pyoxigraph starts its output with (their order is
    pyoxigraph's); the caller writes its own, sorted."""

    def __init__(self, raw):
        self._raw = raw
        self._head = b""
        self._in_header = True

    def write(self, data) -> int:
        if not self._in_header:
            return self._raw.write(data)
        self._head += bytes(data)
        while self._in_header and b"\n" in self._head:
            line, rest = self._head.split(b"\n", 1)
            if line.startswith(b"@prefix ") or not line.strip():
                self._head = rest
            else:
                self._in_header = False
        if not self._in_header:
            self._raw.write(self._head)
            self._head = b""
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self._head and not self._head.startswith(b"@prefix "):
            self._raw.write(self._head)
        self._head = b""


def serialize_rdf(items: Iterable, path: Path, fmt, prefixes: dict[str, str]) -> None:
    """Quads (TriG) or triples (Turtle) to a file, in the order given, with the prefixes declared
    sorted by name (pyoxigraph's own order of them is not the caller's to fix)."""
    import pyoxigraph as ox

    with open(path, "wb") as f:
        f.write(_prefix_lines(prefixes))
        sink = _AfterHeader(f)
        ox.serialize(items, sink, format=fmt, prefixes=prefixes)
        sink.close()


@dataclasses.dataclass(frozen=True)
class GraphFiles:
    """One named graph, ready to write: its sorted, unique N-Quads lines, the same graph as a TriG
    block without prefix lines (graph.trig is these blocks one after another), and ``key``, what it
    was made from (None: not known). Leading "#" lines of both files are comments."""

    iri: str
    nquads: Path
    trig: Path
    key: str | None = None


def write_graph_files(lines: list[str], nquads: Path, trig: Path, *, prefixes: dict[str, str],
                      comment: str = "") -> None:
    """A named graph's two files (see GraphFiles) from its sorted N-Quads lines."""
    import pyoxigraph as ox

    data = "".join(lines)
    with open(nquads, "w", encoding="utf-8", newline="\n") as f:
        f.write(comment + data)
    with open(trig, "wb") as f:
        f.write(comment.encode("utf-8"))
        sink = _AfterHeader(f)
        ox.serialize(ox.parse(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS), sink, format=ox.RdfFormat.TRIG,
                     prefixes=prefixes)
        sink.close()


def _without_comments(path: Path) -> bytes:
    data = path.read_bytes()
    while data.startswith(b"#"):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    return data


def _triple_line(line: str) -> str:
    """An N-Quads line of a named graph → its N-Triples line (the graph IRI is the last " <")."""
    return line[:line.rindex(" <")] + " .\n"


def _triples_of(path: Path) -> Iterator[str]:
    """The N-Triples lines of a sorted N-Quads file of one named graph (.nq) or a merged run (.nt),
    in sorted order: the graph term is the same on every line, so dropping it keeps the order.
    Read a few KB at a time: a merge has every file open at once."""
    return itertools.chain.from_iterable(_batches(path, path.suffix == ".nq"))


def _batches(path: Path, quads: bool) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="\n") as f:
        while batch := f.readlines(1 << 14):
            if quads:
                yield [line[:line.rindex(" <")] + " .\n" for line in batch if line[0] != "#" and line.strip()]
            else:
                yield batch


def _fan_in() -> int:
    """How many files to merge at once: FAN_IN, or fewer when the open-files limit is low."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return min(FAN_IN, 200)
    return max(2, min(FAN_IN, (soft if soft > 0 else 1024) // 4))


def merged_triples(paths: list[Path], scratch: Path) -> Iterator[str]:
    """The union of the triples of sorted one-graph N-Quads files, as sorted unique N-Triples
    lines: a k-way merge, up to FAN_IN files at a time (runs of runs go to ``scratch``)."""
    fan_in = _fan_in()
    level = 0
    while len(paths) > fan_in:
        runs = []
        for i in range(0, len(paths), fan_in):
            run = scratch / f"run-{level}-{i // fan_in}.nt"
            with open(run, "w", encoding="utf-8", newline="\n") as f:
                last = None
                for line in heapq.merge(*(_triples_of(p) for p in paths[i:i + fan_in])):
                    if line != last:
                        f.write(line)
                        last = line
            runs.append(run)
        paths, level = runs, level + 1
    last = None
    for line in heapq.merge(*(_triples_of(p) for p in paths)):
        if line != last:
            yield line
            last = line


def _blocks(lines: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    chunk: list[str] = []
    n = 0
    for line in lines:
        chunk.append(line)
        n += len(line)
        if n >= size:
            yield "".join(chunk).encode("utf-8")
            chunk, n = [], 0
    if chunk:
        yield "".join(chunk).encode("utf-8")


def _file_blocks(paths: Iterable[Path], size: int) -> Iterator[bytes]:
    """The files' bytes in pieces of about ``size`` that end at a line end."""
    pending: list[bytes] = []
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            while block := f.read(size):
                if not block.endswith(b"\n"):
                    block += f.readline()
                pending.append(block)
                n += len(block)
                if n >= size:
                    yield b"".join(pending)
                    pending, n = [], 0
    if pending:
        yield b"".join(pending)


@contextlib.contextmanager
def staging(directory: Path) -> Iterator[Path]:
    """A scratch folder inside ``directory`` (same file system, so its files can be renamed into
    place), removed on leaving; a killed build's is removed by the next (remove_stale_temporaries)."""
    d = Path(tempfile.mkdtemp(prefix=f".graph.stage.{os.getpid()}.", suffix=".tmp", dir=directory))
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def write_folder(out: Path, graphs: list[GraphFiles], *, scratch: Path, prefixes: dict[str, str],
                 not_in_union: frozenset[str] = frozenset(),
                 page: Callable[[Path], str] | None = None) -> None:
    """graph.trig, graph.ttl, store/ and (with ``page``) graph.html of ``out`` from ``graphs``, in
    the order to write them (their TriG blocks were made with ``prefixes``). graph.ttl is the union
    of the graphs not in ``not_in_union`` (sorted N-Triples order); the store holds every graph and,
    in its default graph, the union of all of them. ``page(ttl_file)`` gives the page's HTML.

    Everything is written under temporary names first; only then is each output renamed into place
    (page, store, Turtle, TriG — graph.trig last, as the store can be rebuilt from it), so a build
    stopped at any point (even by SIGKILL) leaves every previous output whole, and a failure while
    rendering changes nothing."""
    import pyoxigraph as ox

    union_spool = scratch / "union.nt"
    with contextlib.ExitStack() as stack:
        # on leaving, ExitStack renames in reverse order: page, store, Turtle, TriG
        tmp_trig = stack.enter_context(atomic_path(out / TRIG))
        with open(tmp_trig, "wb") as f:
            f.write(_prefix_lines(prefixes))
            for g in graphs:
                f.write(_without_comments(g.trig))
        tmp_ttl = stack.enter_context(atomic_path(out / TTL))
        with open(union_spool, "w", encoding="utf-8", newline="\n") as spool:
            def union() -> Iterator[str]:
                for line in merged_triples([g.nquads for g in graphs if g.iri not in not_in_union], scratch):
                    spool.write(line)
                    yield line
            serialize_rdf(ox.parse(byte_stream(_blocks(union())), format=ox.RdfFormat.N_TRIPLES), tmp_ttl,
                          ox.RdfFormat.TURTLE, prefixes)
        extra = [g.nquads for g in graphs if g.iri in not_in_union]
        stack.enter_context(fresh_store(out, fill=functools.partial(_fill_store, previous=out / STORE, graphs=graphs,
                                                                    union=union_spool, extra=extra)))
        if page is not None:
            stack.enter_context(atomic_path(out / HTML)).write_text(page(tmp_ttl), encoding="utf-8")


# ------------------------------------------------------------------ the store: loaded, or the previous one updated

STORE_GRAPHS = "kg-graphs.json"  # in store/: each named graph's key, as GraphFiles.key
BULK_BYTES = 16 << 20  # N-Quads bytes per bulk load (Oxigraph's bulk loader holds a call's quads in memory)
UPDATE_SHARE = 0.2  # update the previous store when at most this share of the graphs changed


def _fill_store(path: Path, *, previous: Path, graphs: list[GraphFiles], union: Path, extra: list[Path]) -> None:
    """The store at ``path`` (an empty folder): the previous store with the graphs whose key
    changed replaced, when it says which keys it holds and few changed (a hard-linked backup, then
    a few transactions); else every graph bulk-loaded."""
    import pyoxigraph as ox

    keys = {g.iri: g.key for g in graphs}
    try:
        held = json.loads((previous / STORE_GRAPHS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        held = None
    if not isinstance(held, dict):
        held = None
    changed = [g for g in graphs if held is None or held.get(g.iri) != g.key]
    gone = [iri for iri in (held or {}) if iri not in keys]
    if held is not None and None not in keys.values() and len(changed) + len(gone) <= max(10, UPDATE_SHARE * len(graphs)):
        try:
            os.rmdir(path)
            ox.Store.read_only(str(previous)).backup(str(path))
            store = ox.Store(str(path))
            _update_store(store, changed, [iri for iri in held if keys.get(iri) != held[iri]])
            store.flush()
            del store
            (path / STORE_GRAPHS).write_text(json.dumps(keys, sort_keys=True, indent=0), encoding="utf-8")
            return
        except Exception:  # noqa: BLE001 - any trouble with the previous store: load everything instead
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir()
    store = ox.Store(str(path))
    for block in _file_blocks([g.nquads for g in graphs], BULK_BYTES):
        store.bulk_load(block, format=ox.RdfFormat.N_QUADS)
    default = ox.DefaultGraph()
    for block in _file_blocks([union], BULK_BYTES):
        store.bulk_load(block, format=ox.RdfFormat.N_TRIPLES, to_graph=default)
    for block in _blocks(_triple_line(line) for p in extra for line in _data_lines(p)):
        store.bulk_load(block, format=ox.RdfFormat.N_TRIPLES, to_graph=default)
    store.flush()
    del store
    if None not in keys.values():
        (path / STORE_GRAPHS).write_text(json.dumps(keys, sort_keys=True, indent=0), encoding="utf-8")


def _data_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                yield line


def _update_store(store, changed: list[GraphFiles], dropped: list[str]) -> None:
    """Replace graphs in a store whose default graph is the union of its named graphs, keeping it so."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    was: set = set()
    for iri in dropped:
        g = ox.NamedNode(iri)
        was.update(q.triple for q in store.quads_for_pattern(None, None, None, g))
        store.remove_graph(g)
    for gf in changed:
        store.load(path=str(gf.nquads), format=ox.RdfFormat.N_QUADS)
        store.load("".join(_triple_line(line) for line in _data_lines(gf.nquads)).encode("utf-8"),
                   format=ox.RdfFormat.N_TRIPLES, to_graph=default)
    for t in was:
        if not any(q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            store.remove(ox.Quad(t.subject, t.predicate, t.object, default))


def _prefix_lines(prefixes: dict[str, str]) -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(prefixes.items())).encode("utf-8") + b"\n"
