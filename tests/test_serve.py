"""`kg serve`: Oxigraph's read-only SPARQL endpoint over a graph folder, run as `kg serve` is run.

Each server is a `python -m kg.cli serve` subprocess in its own session, on a free port on
127.0.0.1; teardown stops it with SIGINT (Ctrl-C) and, if that fails, kills its process group.
"""
from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest

from kg.graph import dataset_for, write_directory
from kg.queries import bundled_queries, run_query
from kg.serve import find_oxigraph, server_command
from kg.store import open_store
from tests.builders import small_result
from tests.conftest import ROOT

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SPARQL_JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("small-graph")
    write_directory(dataset_for([small_result()]), out, html=False)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


class Served:
    def __init__(self, directory, port=None, *extra):
        self.port = port or free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(directory), "--port", str(self.port),
                                      *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}/"
        self.started = time.perf_counter()
        self.ready_line = self._read_line(60)
        self.start_seconds = time.perf_counter() - self.started

    def _read_line(self, timeout: float) -> str:
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            return ""
        return self.proc.stdout.readline()

    def interrupt(self, sig=signal.SIGINT, timeout: float = 15) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout)

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.interrupt()
        except subprocess.TimeoutExpired:
            pass
        finally:
            if group_alive(self.proc.pid):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
            self.proc.stdout.close()
            self.proc.stderr.close()


@pytest.fixture(scope="module")
def served(small_dir):
    s = Served(small_dir)
    try:
        assert s.ready_line.startswith(f"SPARQL endpoint: {s.base}query"), (s.ready_line, s.proc.stderr.read())
        yield s
    finally:
        s.close()


def http(method: str, url: str, data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def sparql_select(base: str, query: str) -> tuple[list[str], list[list]]:
    body = urllib.parse.urlencode({"query": query}).encode()
    status, ctype, data = http("POST", base + "query", body, {"Accept": SPARQL_JSON,
                                                               "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, data
    assert ctype.startswith(SPARQL_JSON), ctype
    doc = json.loads(data)
    if "boolean" in doc:
        return ["result"], [[doc["boolean"]]]
    cols = doc["head"]["vars"]
    rows = []
    for b in doc["results"]["bindings"]:
        row = []
        for c in cols:
            v = b.get(c)
            if v is None:
                row.append(None)
            elif v["type"] == "uri":
                row.append(("uri", v["value"]))
            elif "xml:lang" in v:
                row.append(("literal", v["value"], "@" + v["xml:lang"]))
            else:
                row.append(("literal", v["value"], v.get("datatype", XSD_STRING)))
        rows.append(row)
    return cols, rows


def as_json_terms(row) -> list:
    out = []
    for t in row:
        if t is None:
            out.append(None)
        elif isinstance(t, ox.NamedNode):
            out.append(("uri", t.value))
        elif t.language:
            out.append(("literal", t.value, "@" + t.language))
        else:
            out.append(("literal", t.value, t.datatype.value))
    return out


def count_triples(base: str) -> int:
    _, rows = sparql_select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows[0][0][1])


# --------------------------------------------------------------------------- the tests

def test_binary_is_found_beside_python():
    assert find_oxigraph() == os.path.join(os.path.dirname(sys.executable), "oxigraph")


def test_server_starts_quickly(served):
    # measured about 1.2 s (Python start, store check, oxigraph start) on the 2-core dev machine
    assert served.start_seconds < 30, served.start_seconds
    status, ctype, _ = http("GET", served.base + "query?" + urllib.parse.urlencode({"query": "ASK {}"}),
                            headers={"Accept": SPARQL_JSON})
    assert status == 200 and ctype.startswith(SPARQL_JSON)


@pytest.mark.parametrize("qf", [q for q in bundled_queries() if not q.params], ids=lambda q: q.name)
def test_bundled_query_over_http_equals_kg_query(served, small_dir, qf):
    cols, http_rows = sparql_select(served.base, qf.text)
    kg_cols, kg_rows = run_query(open_store(small_dir), qf)
    assert cols == kg_cols
    assert sorted(map(repr, http_rows)) == sorted(repr(as_json_terms(r)) for r in kg_rows)
    if qf.name == "meetings":
        assert [r[0][1] for r in http_rows] == ["山田太郎"]


def test_default_graph_is_the_union_of_the_articles_without_duplicates(served, small_dir):
    """A label held by the graph is one row, as in `kg query` (no multiset union)."""
    _, rows = sparql_select(served.base, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?l WHERE { <https://w3id.org/kgnews/id/Person/スミス> rdfs:label ?l }""")
    assert rows == [[("literal", "スミス", "@ja")]]
    store = open_store(small_dir)
    named = {q.triple for q in store.quads_for_pattern(None, None, None) if q.graph_name != ox.DefaultGraph()}
    assert count_triples(served.base) == len(named)


@pytest.mark.parametrize("method,path,ctype,body", [
    ("POST", "update", "application/x-www-form-urlencoded",
     urllib.parse.urlencode({"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}).encode()),
    ("POST", "update", "application/sparql-update", b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"),
    ("POST", "update", "application/sparql-update", b"CLEAR ALL"),
    ("POST", "query", "application/x-www-form-urlencoded",
     urllib.parse.urlencode({"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}).encode()),
    ("POST", "query", "application/sparql-query", b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"),
    ("PUT", "store?default", "text/turtle", b"<urn:x:a> <urn:x:b> <urn:x:c> ."),
    ("POST", "store?default", "application/n-triples", b"<urn:x:a> <urn:x:b> <urn:x:c> ."),
    ("DELETE", "store?default", None, None),
    ("DELETE", "store", None, None),
])
def test_writes_are_refused_and_data_unchanged(served, method, path, ctype, body):
    before = count_triples(served.base)
    status, _, message = http(method, served.base + path, body, {"Content-Type": ctype} if ctype else {})
    assert 400 <= status < 500, (status, message)
    assert count_triples(served.base) == before
    _, rows = sparql_select(served.base, "ASK { <urn:x:a> ?p ?o }")
    assert rows == [[False]]


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if tag in ("script", "link", "img", "iframe") and a.get(key):
                self.urls.append(a[key])


def test_query_page_loads_with_only_local_resources(served):
    status, ctype, body = http("GET", served.base)
    assert status == 200 and ctype.startswith("text/html")
    page = _Resources()
    page.feed(body.decode("utf-8"))
    assert page.urls, "the page loads its script and style"
    for url in page.urls:
        assert not url.startswith(("http:", "https:", "//")), url
        status, _, data = http("GET", urllib.parse.urljoin(served.base, url))
        assert status == 200 and data, url


def test_ctrl_c_stops_the_server_and_exits_0(small_dir):
    s = Served(small_dir)
    try:
        assert s.ready_line, s.proc.stderr.read()
        assert port_open(s.port)
        assert s.interrupt(signal.SIGINT) == 0
        assert not port_open(s.port)
        time.sleep(0.2)
        assert not group_alive(s.proc.pid), "oxigraph was left running"
    finally:
        s.close()


def test_sigterm_also_stops_the_child(small_dir):
    s = Served(small_dir)
    try:
        assert s.ready_line, s.proc.stderr.read()
        assert s.interrupt(signal.SIGTERM) == 0
        time.sleep(0.2)
        assert not group_alive(s.proc.pid), "oxigraph was left running"
        assert not port_open(s.port)
    finally:
        s.close()


def _one_line_error(proc: subprocess.CompletedProcess, *needles):
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_port_in_use_is_one_line_error(small_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(small_dir), "--port", str(port)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    _one_line_error(proc, "Address already in use", str(port))


def test_another_server_on_the_port_is_not_taken_for_oxigraph(small_dir):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Yes(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", SPARQL_JSON)
            self.end_headers()
            self.wfile.write(b'{"head":{},"boolean":true}')

        def log_message(self, *args):
            pass

    other = HTTPServer(("127.0.0.1", 0), Yes)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        port = other.server_address[1]
        assert http("GET", f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")[0] == 200
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(small_dir), "--port", str(port)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        other.shutdown()
        other.server_close()
    _one_line_error(proc, "Address already in use")


@pytest.mark.parametrize("args,needle", [
    (["{missing}"], "no such graph folder"),
    (["{small}", "--port", "70000"], "port number"),
])
def test_bad_arguments_are_one_line_errors(small_dir, tmp_path, args, needle):
    argv = [a.format(missing=tmp_path / "nope", small=small_dir) for a in args]
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "serve", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    _one_line_error(proc, needle)


def test_a_store_without_the_union_copy_is_served_with_union_semantics(tmp_path):
    """Stores from before store.add_union_graph hold only named graphs: the server is told to union them."""
    d = tmp_path / "old"
    d.mkdir()
    (d / "graph.trig").write_text('<urn:g:1> { <urn:x:a> <urn:x:p> "1" . }\n<urn:g:2> { <urn:x:b> <urn:x:p> "2" . }\n',
                                  encoding="utf-8")
    store = ox.Store(str(d / "store"))
    store.load(path=str(d / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    assert "--union-default-graph" in server_command(d, port=free_port())
    s = Served(d)
    try:
        assert s.ready_line, s.proc.stderr.read()
        _, rows = sparql_select(s.base, "SELECT ?s WHERE { ?s <urn:x:p> ?o } ORDER BY ?s")
        assert rows == [[("uri", "urn:x:a")], [("uri", "urn:x:b")]]
    finally:
        s.close()


def test_a_kg_store_is_served_without_the_union_flag(small_dir):
    cmd = server_command(small_dir, port=12345)
    assert cmd[1:] == ["serve-read-only", "--location", str(small_dir / "store"), "--bind", "127.0.0.1:12345"]


@pytest.mark.model
def test_dev_graph_bundled_queries_over_http(dev_graph_dir):
    s = Served(dev_graph_dir)
    try:
        assert s.ready_line, s.proc.stderr.read()
        store = open_store(dev_graph_dir)
        nonempty = 0
        for qf in (q for q in bundled_queries() if not q.params):
            cols, http_rows = sparql_select(s.base, qf.text)
            kg_cols, kg_rows = run_query(store, qf)
            assert cols == kg_cols, qf.name
            assert sorted(map(repr, http_rows)) == sorted(repr(as_json_terms(r)) for r in kg_rows), qf.name
            nonempty += bool(kg_rows)
        assert nonempty >= 3
    finally:
        s.close()


@pytest.mark.browser
def test_query_page_runs_a_query_offline(served):
    """Oxigraph's page (YASGUI) in Chromium with every request off the server aborted: it draws and
    answers a query. YASGUI asks prefix.cc for prefix completion on load; that request is the only
    one that leaves the machine, and failing it changes nothing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    external, errors = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context()

            def route(r):
                if r.request.url.startswith(served.base):
                    r.continue_()
                else:
                    external.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(served.base, wait_until="networkidle")
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr .dataTable tbody tr", timeout=15000)
            rows = page.locator(".yasr .dataTable tbody tr").count()
        finally:
            browser.close()
    assert rows > 0
    assert errors == []
    assert set(external) <= {"http://prefix.cc/popular/all.file.json"}, external
