"""`kg serve`: a read-only SPARQL 1.1 endpoint over a graph folder, with a time, a row and a memory limit.

The front is a small HTTP server (``http.server``, a thread per request) that speaks the SPARQL 1.1
Protocol for queries at /query (GET ?query=, POST application/sparql-query, POST form-encoded
query=; default-graph-uri and named-graph-uri are honoured) and serves a plain query page at /
(a form, no script; results as an escaped HTML table). Results are negotiated from the Accept
header: SPARQL JSON, XML, CSV or TSV for SELECT and ASK; Turtle, N-Triples or RDF/XML for
CONSTRUCT and DESCRIBE, written by pyoxigraph's serialisers.

Queries run in worker processes (two by default), each holding the store open read-only
(``pyoxigraph.Store.read_only``). The front waits for a worker's answer at most ``timeout`` seconds;
a query still running then is stopped by killing its worker (SIGKILL), the client gets ``503 query
exceeded the 10 s time limit and was stopped``, and a fresh worker takes its place (it starts in
about 0.3 s; the other worker answers meanwhile). Killing the process stops any query, whatever
Oxigraph is doing inside it: oxigraph 0.5.13's own --timeout-s did not (a streaming cross join, a
COUNT and an ORDER BY each ran past 40 s with --timeout-s 2), which is why kg no longer runs the
oxigraph server. Measured on the 2-core dev machine over the small test graph (about 840
triples): a COUNT over a 4-way cross join of all triples (about 5e11 rows) was answered 503 after
2.0 s with ``--timeout 2`` and after 10.0 s with the default 10 s, and the next query at once.

A worker reads at most ``limit`` solutions (or triples) from Oxigraph's lazy iterator and then
drops it, so a SELECT over that 4-way cross join returns its first 10,000 rows in 1.6 s without
evaluating or holding the rest; the response then carries ``X-Kg-Truncated: true`` (else
``false``). Answers are also cut at about 64 MB. Each worker may allocate ``memory_mb`` at most
(RLIMIT_DATA, default 2048 MB): an ORDER BY over a 3-way cross join grows by 0.3 to 1 GB a second,
hit the default limit after 2.1 to 5.3 s (256 MB: after 0.2 s), and is answered ``500 query stopped:
it needed more than the 2048 MB memory limit``; a worker that hits the limit dies and is replaced.

Nothing is written: SPARQL Update (POST /update, update=, an update sent as a query) and Graph
Store writes (PUT, POST, DELETE) are refused with 403 before any worker sees them, and workers only
ever call ``Store.query`` on a read-only store. Federated queries (SERVICE) are refused too (403):
Oxigraph would fetch the given URL from this machine. Where Linux allows it (an unprivileged network
namespace), workers also run with no network at all. A worker exits within 0.5 s when the server
is gone, even if the server was killed with SIGKILL mid-query.

Stores written by kg hold the union of the article graphs as their default graph (see
store.add_union_graph), so a query without GRAPH sees every article, as `kg query` does. A store
whose default graph is empty (written by an older kg) is queried with the union default graph.
The server listens on 127.0.0.1 unless told otherwise; it has no authentication.
"""
from __future__ import annotations

import contextlib
import html
import ipaddress
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

from . import store as st
from .errors import InputError, KgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 10.0      # seconds a query may run
DEFAULT_LIMIT = 10_000      # solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) in one answer
DEFAULT_MEMORY_MB = 2048    # what one worker may allocate
DEFAULT_WORKERS = 2         # queries evaluated at the same time
MAX_REQUEST_BYTES = 1 << 20
MAX_RESULT_BYTES = 64 << 20
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class ServerError(KgError):
    """The SPARQL server cannot start or stops by itself."""


def _one_line(text: object) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines)[:500] or "no message"


# --------------------------------------------------------------------------- what is refused

_TOKENS = re.compile(r"""
      (?P<text>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<lang>(?<=["'])@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
    | (?P<escape>\\.)
    | (?P<comment>\#[^\n\r]*)
""", re.VERBOSE | re.DOTALL)
_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_PROLOGUE = re.compile(r"(?:BASE|PREFIX\s+[^\s:]*:)\s*<>\s*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


def _code(query: str) -> str:
    """The query with its strings, IRIs, language tags, variables and comments blanked."""
    return _TOKENS.sub(lambda m: '""' if m.group("text") else "<>" if m.group("iri") else " ", query)


def refusal(query: str) -> tuple[int, str] | None:
    """(403, why) for a SPARQL Update or a federated query (SERVICE), else None.

    Oxigraph's parser needs no space around a keyword (``?s ?p 1SERVICE <u> {}`` and, with no
    prefix ``trueSERVICE:``, ``?s ?p trueSERVICE:a {}`` both call a service), so any "service" outside
    strings, IRIs, comments and variable names counts, even in a prefixed name."""
    code = _code(query)
    pos = len(code) - len(code.lstrip())
    while m := _PROLOGUE.match(code, pos):
        pos = m.end()
    first = _WORD.match(code, pos)
    if first and first.group().upper() in _UPDATE:
        return 403, "SPARQL Update is refused: this endpoint is read-only"
    if re.search("service", code, re.IGNORECASE):
        return 403, ("SERVICE (federated query) is refused: this endpoint does not fetch other servers "
                     "(a prefixed name holding 'service' counts too: write it as a full IRI)")
    return None


# --------------------------------------------------------------------------- content negotiation

def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if "/" not in media:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the Accept header likes best (ties: the first offer); None if it takes none of them."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        # the most specific range that matches the offer decides its quality
        q = next((q for m, q in ranges if m == offer), None)
        if q is None:
            q = next((q for m, q in ranges if m == f"{kind}/*"), None)
        if q is None:
            q = next((q for m, q in ranges if m == "*/*"), 0.0)
        if q > best_q:
            best, best_q = offer, q
    return best


def _formats():
    import pyoxigraph as ox

    results = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
               "application/sparql-results+xml": ox.QueryResultsFormat.XML,
               "text/csv": ox.QueryResultsFormat.CSV,
               "text/tab-separated-values": ox.QueryResultsFormat.TSV,
               "application/json": ox.QueryResultsFormat.JSON,
               "application/xml": ox.QueryResultsFormat.XML}
    graphs = {"text/turtle": ox.RdfFormat.TURTLE,
              "application/n-triples": ox.RdfFormat.N_TRIPLES,
              "application/rdf+xml": ox.RdfFormat.RDF_XML,
              "text/plain": ox.RdfFormat.N_TRIPLES}
    return results, graphs


_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples", "text/plain"}


# --------------------------------------------------------------------------- the worker process

def _term_json(t) -> dict:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
            if t.direction is not None:
                out["its:dir"] = str(t.direction)
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _term_json(t.subject), "predicate": _term_json(t.predicate),
                                        "object": _term_json(t.object)}}


def _answer(store, job: dict, union: bool) -> tuple:
    """Run one query: ("ok", content type, body, truncated, rows) or ("error", status, message)."""
    import itertools

    import pyoxigraph as ox

    limit, max_bytes = job["limit"], job.get("max_bytes", MAX_RESULT_BYTES)
    results, graphs = _formats()
    try:
        kwargs = {}
        if job.get("default_graph"):
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graph"]]
        elif union:
            kwargs["use_default_graph_as_union"] = True
        if job.get("named_graphs"):
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    except ValueError as e:
        return "error", 400, f"default-graph-uri / named-graph-uri: {_one_line(e)}"
    try:
        result = store.query(job["query"], **kwargs)
        offers = graphs if isinstance(result, ox.QueryTriples) else results
        media = negotiate(job.get("accept"), list(offers))
        if media is None:
            return "error", 406, f"no format in the Accept header fits this query; it can answer {', '.join(offers)}"
        fmt = offers[media]
        truncated, size, rows = False, 0, 0
        if isinstance(result, ox.QueryBoolean):
            body = result.serialize(format=fmt)
        elif isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            bindings = []
            for solution in itertools.islice(result, limit + 1):
                if len(bindings) == limit or size > max_bytes:
                    truncated = True
                    break
                row = {n: _term_json(v) for n, v in zip(names, solution) if v is not None}
                size += len(json.dumps(row, ensure_ascii=False))
                bindings.append(row)
            del result  # stops the evaluation
            rows = len(bindings)
            doc = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
            body = ox.parse_query_results(doc.encode("utf-8"), format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
        else:
            triples = []
            for triple in itertools.islice(result, limit + 1):
                if len(triples) == limit or size > max_bytes:
                    truncated = True
                    break
                size += len(str(triple))
                triples.append(triple)
            del result
            rows = len(triples)
            body = ox.serialize(triples, format=fmt)
    except (SyntaxError, ValueError) as e:
        return "error", 400, f"query error: {_one_line(e)}"
    except MemoryError:
        return "error", 500, "query stopped: it ran out of memory"
    except Exception as e:  # an evaluation error Oxigraph reports (OSError, RuntimeError…)
        return "error", 500, f"query failed: {_one_line(e)}"
    ctype = media + ("; charset=utf-8" if media in _CHARSET else "")
    return "ok", ctype, body, truncated, rows


def _isolate_network() -> bool:
    """Linux: move this process into a network namespace of its own (no interfaces up), so no query
    can reach a network. Needs a single-threaded process; best effort (False where not allowed)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
    return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0


def _watch_parent(parent: int) -> None:
    """Exit when the server process is gone (even killed with SIGKILL), whatever the query is doing."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _worker_main(fd: int) -> None:
    """A worker: open the store read-only, then answer jobs from the server until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops the workers
    parent = os.getppid()
    isolated = _isolate_network()  # before any thread starts
    conn = Connection(fd)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        config = conn.recv()
        import pyoxigraph as ox

        store = ox.Store.read_only(config["store"])
        if config.get("memory_mb"):
            import resource

            cap = config["memory_mb"] << 20
            hard = resource.getrlimit(resource.RLIMIT_DATA)[1]
            resource.setrlimit(resource.RLIMIT_DATA, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    except EOFError:
        return
    except Exception as e:
        conn.send(("error", f"cannot open the store: {_one_line(e)}"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(store, job, config.get("union", False)))


# --------------------------------------------------------------------------- workers seen from the server

class _Worker:
    def __init__(self, config: dict):
        ours, theirs = socket.socketpair()
        self.stderr = tempfile.TemporaryFile()
        package_parent = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0",
               "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "import sys; from kg.serve import _worker_main; _worker_main(int(sys.argv[1]))",
                 str(theirs.fileno())], pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=self.stderr, env=env)
        except BaseException:
            ours.close()
            self.stderr.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.isolated = False
        self.conn.send(config)

    def wait_ready(self, timeout: float) -> str | None:
        """None once the worker has opened the store, else why it did not."""
        try:
            if not self.conn.poll(timeout):
                return f"the query worker did not start within {timeout:g} s"
            reply = self.conn.recv()
        except (EOFError, OSError):
            return f"the query worker stopped at once ({self.exit_message()})"
        if reply[0] != "ready":
            return reply[1]
        self.isolated = reply[1]
        return None

    def exit_message(self) -> str:
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            return "still running"
        self.stderr.seek(0)
        lines = [l for l in self.stderr.read().decode("utf-8", "replace").splitlines() if l.strip()]
        return (lines[-1].strip() if lines else "no message") + f", exit code {code}"

    def ran_out_of_memory(self) -> bool:
        """True if the worker died because an allocation failed (Rust prints this line, then aborts)."""
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            return False
        self.stderr.seek(0)
        return b"memory allocation of" in self.stderr.read() or self.process.returncode == -signal.SIGABRT

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        self.process.wait()
        self.conn.close()
        self.stderr.close()


@dataclass
class _Pool:
    """``size`` workers; a query takes an idle one, and one that runs too long is killed and replaced."""

    config: dict
    size: int
    startup: float = 60.0
    log: Callable[[str], None] = lambda line: None
    _idle: queue.Queue = field(default_factory=queue.Queue)
    _live: set = field(default_factory=set)
    _starting: int = 0
    _closed: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    isolated: bool = False

    def start(self) -> None:
        workers = []
        try:
            for _ in range(self.size):
                workers.append(_Worker(self.config))
            deadline = time.monotonic() + self.startup
            for w in workers:
                error = w.wait_ready(max(0.1, deadline - time.monotonic()))
                if error:
                    raise ServerError(error)
        except BaseException:
            for w in workers:
                w.kill()
            raise
        self.isolated = all(w.isolated for w in workers)
        with self._lock:
            self._live.update(workers)
        for w in workers:
            self._idle.put(w)

    def _replace(self) -> None:
        """Start a worker in the background (the caller holds the lock)."""
        self._starting += 1

        def run():
            worker, error = None, None
            try:
                worker = _Worker(self.config)
                error = worker.wait_ready(self.startup)
            except OSError as e:
                error = _one_line(e)
            with self._lock:
                self._starting -= 1
                keep = worker is not None and error is None and not self._closed
                if keep:
                    self._live.add(worker)
            if keep:
                self._idle.put(worker)
                return
            if worker is not None:
                worker.kill()
            if error and not self._closed:
                self.log(f"a query worker could not start: {error}")

        threading.Thread(target=run, daemon=True).start()

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._live.discard(worker)
            if not self._closed:
                self._replace()

    def run(self, job: dict, timeout: float) -> tuple:
        with self._lock:
            if self._closed:
                return "error", 503, "the server is stopping"
            while len(self._live) + self._starting < self.size:  # a replacement that failed: try again
                self._replace()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return "error", 503, f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            if self._closed:
                return "error", 503, "the server is stopping"
            if worker.ran_out_of_memory():
                cap = self.config.get("memory_mb")
                message = (f"query stopped: it needed more than the {cap} MB memory limit" if cap else
                           "query stopped: it ran out of memory")
            else:
                message = f"query stopped: its worker process died ({worker.exit_message()})"
            self._retire(worker)
            return "error", 500, message
        self._retire(worker)
        return "error", 503, f"query exceeded the {timeout:g} s time limit and was stopped"

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
        for w in workers:
            w.kill()


# --------------------------------------------------------------------------- the query page

STYLE = b"""body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
textarea { width: 100%; max-width: 70em; font: 14px/1.35 ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.dt { color: #777; font-size: 85%; }
.error { color: #a00; font-weight: bold; }
.note { color: #555; }
pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
"""

EXAMPLE_QUERY = """SELECT ?class (COUNT(?s) AS ?n)
WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?n)"""

PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    e = html.escape
    if term["type"] == "uri":
        return f"&lt;{e(term['value'])}&gt;"
    if term["type"] == "bnode":
        return f"_:{e(term['value'])}"
    if term["type"] == "triple":
        v = term["value"]
        return f"&lt;&lt; {_cell(v['subject'])} {_cell(v['predicate'])} {_cell(v['object'])} &gt;&gt;"
    note = f"@{term['xml:lang']}" if "xml:lang" in term else \
        f"^^{term['datatype'].rsplit('#', 1)[-1]}" if "datatype" in term else ""
    return e(term["value"]) + (f' <span class="dt">{e(note)}</span>' if note else "")


def render_page(query: str | None, reply: tuple | None, *, query_url: str, timeout: float, limit: int) -> bytes:
    """The query page (a form; the results below it when a query was run). Everything is escaped."""
    e = html.escape
    parts = []
    if reply is not None:
        if reply[0] == "error":
            parts.append(f'<p class="error">{reply[1]}: {e(reply[2])}</p>')
        else:
            _, ctype, body, truncated, rows = reply
            text = body.decode("utf-8", "replace")
            if ctype.startswith("application/sparql-results+json"):
                doc = json.loads(text)
                if "boolean" in doc:
                    parts.append(f"<p>ASK: <b>{'true' if doc['boolean'] else 'false'}</b></p>")
                else:
                    names = doc["head"]["vars"]
                    head = "".join(f"<th>?{e(n)}</th>" for n in names)
                    body_rows = "".join("<tr>" + "".join(f"<td>{_cell(b.get(n))}</td>" for n in names) + "</tr>"
                                        for b in doc["results"]["bindings"])
                    parts.append(f'<p class="note">{rows} row{"s" if rows != 1 else ""}</p>'
                                 f"<table><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>")
            else:
                parts.append(f'<p class="note">{rows} triple{"s" if rows != 1 else ""}</p><pre>{e(text)}</pre>')
            if truncated:
                parts.insert(0, f'<p class="note">The answer was cut: this server returns at most {limit} rows.</p>')
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<link rel="stylesheet" href="style.css"></head>
<body>
<h1>SPARQL query</h1>
<p>Read-only SPARQL 1.1 endpoint: <code>{e(query_url)}</code>. A query may run {timeout:g} s
and returns at most {limit} rows. The default graph is the union of the articles.</p>
<form method="get" action="./">
<textarea name="query" rows="14" spellcheck="false">{e(EXAMPLE_QUERY if query is None else query)}</textarea>
<p><button type="submit">Run query</button></p>
</form>
<div id="results">{''.join(parts)}</div>
</body></html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------------------- HTTP

class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    timeout = 60  # seconds a client may take to send its request
    server: "_HTTPServer"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    # ---- answers

    def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _error(self, status: int, message: str, headers: dict | None = None) -> None:
        if status >= 500:
            self.server.log(f"{status} {message}")
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def _read_only(self) -> None:
        self._body()
        self._error(403, "this endpoint is read-only: SPARQL Update and Graph Store writes are refused",
                    {"Allow": "GET, POST"})

    # ---- request bodies

    def _body(self) -> tuple[bytes, tuple[int, str] | None]:
        """(the request body, None), or (b"", (status, why)) when it cannot be read."""
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding"):
                self.close_connection = True
                return b"", (411, "send the request body with a Content-Length (chunked bodies are not read)")
            return b"", None
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0:
            self.close_connection = True
            return b"", (400, f"Content-Length {length!r}: not a length")
        if n > MAX_REQUEST_BYTES:
            self.close_connection = True
            if n <= 16 * MAX_REQUEST_BYTES:  # read it, unkept, so the client sees the answer, not a reset
                while n > 0 and (chunk := self.rfile.read(min(n, 1 << 16))):
                    n -= len(chunk)
            return b"", (413, f"request body too large (the limit is {MAX_REQUEST_BYTES} bytes)")
        return self.rfile.read(n), None

    # ---- methods

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            return self._page(params)
        if url.path == "/style.css":
            return self._send(200, "text/css; charset=utf-8", STYLE)
        if url.path == "/query":
            return self._query(urllib.parse.parse_qs(url.query, keep_blank_values=True))
        if url.path in ("/update", "/store"):
            return self._error(404, f"{url.path}: not served; this endpoint is read-only (queries: /query)")
        return self._error(404, f"{url.path}: not found (queries: /query, the query page: /)")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            if url.path in ("/update", "/store"):
                return self._read_only()
            self._body()
            return self._error(404, f"{url.path}: not found (queries: /query)")
        body, problem = self._body()
        if problem:
            return self._error(*problem)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        ctype = self.headers.get_content_type()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-query":
            if "query" in params:
                return self._error(400, "a query in the body and in the URL: send one")
            params["query"] = [text]
        elif ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-update":
            return self._error(403, "SPARQL Update is refused: this endpoint is read-only")
        else:
            return self._error(415, f"{ctype}: expected application/sparql-query or application/x-www-form-urlencoded")
        return self._query(params)

    def do_PUT(self) -> None:
        self._read_only()

    do_DELETE = do_PATCH = do_PUT

    # ---- queries

    def _job(self, params: dict, accept: str | None) -> tuple[dict | None, tuple | None]:
        """(job, None) or (None, an error reply)."""
        if "update" in params:
            return None, ("error", 403, "SPARQL Update is refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return None, ("error", 400, "expected one query parameter (GET /query?query=…, or POST it)")
        refused = refusal(queries[0])
        if refused:
            return None, ("error", *refused)
        srv = self.server
        return {"query": queries[0], "accept": accept, "limit": srv.limit, "max_bytes": MAX_RESULT_BYTES,
                "default_graph": params.get("default-graph-uri"), "named_graphs": params.get("named-graph-uri")}, None

    def _query(self, params: dict) -> None:
        job, reply = self._job(params, self.headers.get("Accept"))
        if job is not None:
            reply = self.server.pool.run(job, self.server.timeout)
        if reply[0] == "error":
            return self._error(reply[1], reply[2])
        _, ctype, body, truncated, _rows = reply
        self._send(200, ctype, body, {"X-Kg-Truncated": "true" if truncated else "false"})

    def _page(self, params: dict) -> None:
        srv = self.server
        query, reply = None, None
        if "query" in params or "update" in params:
            job, reply = self._job(params, "application/sparql-results+json, application/n-triples")
            query = (params.get("query") or params.get("update") or [""])[0]
            if job is not None:
                reply = srv.pool.run(job, srv.timeout)
            if reply[0] == "error" and reply[1] >= 500:
                srv.log(f"{reply[1]} {reply[2]}")
        page = render_page(query, reply, query_url=srv.url + "query", timeout=srv.timeout, limit=srv.limit)
        status = reply[1] if reply is not None and reply[0] == "error" else 200
        self._send(status, "text/html; charset=utf-8", page, {"Content-Security-Policy": PAGE_CSP})


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, family, pool: _Pool, *, timeout: float, limit: int, log: Callable[[str], None]):
        self.address_family = family
        self.pool, self.timeout, self.limit, self.log = pool, timeout, limit, log
        self.url = ""
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address):  # a client that went away: not worth a traceback
        pass


# --------------------------------------------------------------------------- starting and stopping

def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _client_host(host: str) -> str:
    """Where a client on this machine reaches a server bound to ``host``."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "::1"
    return host


def is_loopback(host: str) -> bool:
    """True if only this machine can reach a server bound to ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False
        return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def _store_config(directory: str | Path, memory_mb: int) -> dict:
    """What a worker needs: the store (built from graph.trig if missing) and whether its default
    graph is empty (a store from an older kg: query the union of the graphs)."""
    import pyoxigraph as ox

    d = st.check_graph_dir(directory)
    store = st.open_store(d)
    try:
        union = next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
    finally:
        del store
    return {"store": str(d / st.STORE), "union": union, "memory_mb": memory_mb}


@dataclass
class Server:
    """A running endpoint; stop() ends it and its workers (also used as a context manager)."""

    httpd: _HTTPServer
    thread: threading.Thread
    pool: _Pool
    url: str          # the query page, ending in /
    timeout: float
    limit: int

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def network_isolated(self) -> bool:
        return self.pool.isolated

    def stop(self) -> None:
        self.pool.close()
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.thread.join()
        self.httpd.server_close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _log(line: str) -> None:
    print(f"kg serve: {line}", file=sys.stderr, flush=True)


def start_server(directory: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, memory_mb: int = DEFAULT_MEMORY_MB,
                 workers: int = DEFAULT_WORKERS, startup: float = 60.0,
                 log: Callable[[str], None] = _log) -> Server:
    """Listen on host:port, start the workers, serve in a background thread and return once queries
    are answered. InputError for a bad setting, ServerError if the port is taken or a worker fails."""
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: expected a port number from 1 to 65535")
    if not 0 < timeout < 1e6:  # also NaN and infinity
        raise InputError(f"--timeout {timeout:g}: expected a number of seconds above 0")
    if limit < 1:
        raise InputError(f"--limit {limit}: expected at least 1 row")
    if memory_mb and memory_mb < 256:
        raise InputError(f"--memory {memory_mb}: expected at least 256 MB (or 0 for no limit)")
    if workers < 1:
        raise InputError(f"workers={workers}: expected at least 1")
    config = _store_config(directory, memory_mb)
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except OSError as e:
        raise ServerError(f"cannot listen on {_bind_address(host, port)}: {e.strerror or e}") from None
    pool = _Pool(config, workers, startup, log)
    try:
        httpd = _HTTPServer((host, port), family, pool, timeout=timeout, limit=limit, log=log)
    except OSError as e:
        raise ServerError(f"cannot listen on {_bind_address(host, port)}: {e.strerror or e}") from None
    try:
        pool.start()  # after the port is ours: a port in use fails before any worker starts
    except BaseException:
        pool.close()
        httpd.server_close()
        raise
    bound_port = httpd.server_address[1]
    httpd.url = f"http://{_bind_address(_client_host(host), bound_port)}/"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="kg-serve",
                              daemon=True)
    thread.start()
    return Server(httpd, thread, pool, httpd.url, timeout, limit)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A SIGTERM to kg stops the server the way Ctrl-C does, so no worker is left behind."""
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(directory: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, memory_mb: int = DEFAULT_MEMORY_MB,
          workers: int = DEFAULT_WORKERS, on_ready: Callable[[Server], None] | None = None) -> int:
    """Serve until Ctrl-C (or SIGTERM), then stop the server and its workers and return 0.
    ServerError if the server does not start or stops by itself."""
    with _sigterm_as_interrupt():
        server = None
        try:
            server = start_server(directory, host=host, port=port, timeout=timeout, limit=limit,
                                  memory_mb=memory_mb, workers=workers)
            if on_ready:
                on_ready(server)
            while server.thread.is_alive():
                server.thread.join(0.5)
        except KeyboardInterrupt:
            return 0
        finally:
            if server is not None:
                server.stop()
    raise ServerError("the server stopped by itself")
