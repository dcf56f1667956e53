"""`kg serve`: a read-only SPARQL 1.1 endpoint over a graph folder, run by Oxigraph's server.

The server is the `oxigraph` binary (``pip install oxigraph``) started as a child process with
``serve-read-only``: it refuses SPARQL Update and Graph Store writes (HTTP 403), answers queries
at /query, and serves its own query page (YASGUI, bundled in the binary) at /.

No query time limit is set: oxigraph 0.5.13 has --timeout-s, but it did not stop a running query
(a streaming cross join, a COUNT and an ORDER BY each ran past 40 s with --timeout-s 2), so it would
only promise a limit that is not there. The server listens on 127.0.0.1 unless told otherwise.

Stores written by kg hold the union of the article graphs as their default graph (see
store.add_union_graph), so a query without GRAPH sees every article, as `kg query` does. A store
whose default graph is empty (written by an older kg) is served with ``--union-default-graph``.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import store as st
from .errors import InputError, KgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServerError(KgError):
    """The SPARQL server cannot be found or does not start."""


def find_oxigraph() -> str:
    """The oxigraph binary: beside this Python first (the one pip installed into the venv), then PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("the oxigraph server is not installed (install it with: pip install oxigraph)")


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _client_host(host: str) -> str:
    """Where a client on this machine reaches a server bound to ``host``."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "::1"
    return host


@dataclass
class Server:
    """A running `oxigraph serve-read-only`; stop() ends it (also used as a context manager)."""

    process: subprocess.Popen
    url: str          # the query page, ending in /
    command: list[str]

    @property
    def query_url(self) -> str:
        return self.url + "query"

    def stop(self, grace: float = 5.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def server_command(directory: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The oxigraph command line that serves a graph folder's store (building the store if missing)."""
    import pyoxigraph as ox

    d = st.check_graph_dir(directory)
    store = st.open_store(d)
    try:
        union = next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
    finally:
        del store  # closed before the server opens it
    cmd = [find_oxigraph(), "serve-read-only", "--location", str(d / st.STORE), "--bind", _bind_address(host, port)]
    return cmd + ["--union-default-graph"] if union else cmd


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    request = urllib.request.Request(f"{url}query?{query}", headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _log_lines(log) -> list[str]:
    log.seek(0)
    return [line.strip() for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]


def _first_error(log) -> str:
    lines = _log_lines(log)
    errors = [line for line in lines if line.startswith("Error") or line.startswith("error")]
    return (errors or lines or ["no message"])[0]


def start_server(directory: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 startup: float = 30.0) -> Server:
    """Start the server and return once it answers a query; ServerError if it exits or stays silent."""
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: expected a port number from 1 to 65535")
    cmd = server_command(directory, host=host, port=port)
    url = f"http://{_bind_address(_client_host(host), port)}/"
    log = tempfile.TemporaryFile()
    env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
    server = Server(process, url, cmd)
    deadline = time.monotonic() + startup
    try:
        # "Listening" is printed once oxigraph holds the port: before it, another program on the
        # port could answer the probe
        while not (any(line.startswith("Listening") for line in _log_lines(log)) and _answers(url)):
            if process.poll() is not None:
                raise ServerError(f"oxigraph stopped at once on {_bind_address(host, port)}: {_first_error(log)}")
            if time.monotonic() > deadline:
                raise ServerError(f"oxigraph did not answer on {url} within {startup:g} s")
            time.sleep(0.05)
    except BaseException:
        server.stop()
        raise
    finally:
        log.close()
    return server


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A SIGTERM to kg stops the server the way Ctrl-C does, so the child is never left behind."""
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
          on_ready: Callable[[Server], None] | None = None) -> int:
    """Serve until Ctrl-C (or SIGTERM), then stop the server and return 0. ServerError if the
    server does not start or stops by itself."""
    with _sigterm_as_interrupt():
        server = None
        try:
            server = start_server(directory, host=host, port=port)
            if on_ready:
                on_ready(server)
            code = server.process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            if server is not None:
                server.stop()
    raise ServerError(f"oxigraph stopped by itself (exit code {code})")
