"""Pushing a graph folder to a SPARQL server over the Graph Store Protocol (HTTP PUT per graph).

Each named graph of graph.trig (one per article, and the ontology) is sent with PUT to
``ENDPOINT/store?graph=<graph IRI>`` (Oxigraph's Graph Store path; give the full Graph Store URL
when the server uses another path). PUT replaces the graph, so pushing again does not duplicate.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import KgError
from .store import TRIG, check_graph_dir


class PushError(KgError):
    """The server refused a graph or could not be reached."""


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    url: str


def store_url(endpoint: str) -> str:
    """The Graph Store URL: ``http://host:7878`` → ``http://host:7878/store``; a URL with a path is
    taken as it is."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"{endpoint}: expected an http(s):// URL of the server, e.g. http://127.0.0.1:7878")
    if parts.path in ("", "/"):
        parts = parts._replace(path="/store")
    return urllib.parse.urlunsplit(parts)


def graphs_of(directory: Path) -> dict[str, bytes]:
    """Each named graph of the folder's graph.trig as N-Triples, by graph IRI (sorted)."""
    import pyoxigraph as ox

    grouped: dict[str, list] = {}
    for q in ox.parse(path=str(directory / TRIG), format=ox.RdfFormat.TRIG):
        if isinstance(q.graph_name, ox.NamedNode):
            grouped.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return {g: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for g, triples in sorted(grouped.items())}


def put_graph(url: str, graph: str, body: bytes, *, timeout: float = 60) -> None:
    target = f"{url}?{urllib.parse.urlencode({'graph': graph})}"
    req = urllib.request.Request(target, data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
        why = f": {detail[0]}" if detail else ""
        raise PushError(f"{url}: HTTP {e.code} {e.reason} for graph <{graph}>{why}") from None
    except urllib.error.URLError as e:
        raise PushError(f"{url}: cannot connect ({e.reason})") from None
    except (TimeoutError, OSError) as e:
        raise PushError(f"{url}: {e.__class__.__name__} while sending graph <{graph}>") from None


def push_directory(directory: str | Path, endpoint: str, *,
                   progress: Callable[[str], None] | None = None) -> PushReport:
    """PUT every named graph of a graph folder to the server; the first refusal stops with a PushError."""
    d = check_graph_dir(directory)
    url = store_url(endpoint)
    graphs = graphs_of(d)
    triples = 0
    for n, (g, body) in enumerate(graphs.items(), 1):
        put_graph(url, g, body)
        count = body.count(b"\n")
        triples += count
        if progress:
            progress(f"[{n}/{len(graphs)}] <{g}>: {count} triples")
    return PushReport(graphs=len(graphs), triples=triples, url=url)
