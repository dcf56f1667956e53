"""SPARQL files: find them, read their header, bind parameters safely, run them on the store.

Values are bound with pyoxigraph substitutions, never pasted into the query text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError

QUERIES = Path(__file__).resolve().parent.parent / "queries"
_HEADER = re.compile(r"^#\s*(question_ja|question_en|params):\s*(.*)$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path
    text: str
    question_ja: str
    question_en: str
    params: tuple[str, ...]


def read_query(name_or_path: str | Path) -> QueryFile:
    """A query by file path or by its name in queries/ (``meetings`` or ``meetings.rq``)."""
    p = Path(name_or_path)
    if not p.exists():
        candidate = QUERIES / (p.name if p.suffix == ".rq" else p.name + ".rq")
        if not candidate.exists():
            known = ", ".join(q.stem for q in sorted(QUERIES.glob("*.rq")))
            raise QueryError(f"{name_or_path}: no such query file (bundled queries: {known})")
        p = candidate
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{p}: cannot read query ({e.__class__.__name__})") from None
    header = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            header[m.group(1)] = m.group(2).strip()
    params = tuple(sorted(set(re.findall(r"(?m)(?:^|;\s*)([A-Za-z_]\w*)\s+—", header.get("params", "")))))
    return QueryFile(p.stem, p, text, header.get("question_ja", ""), header.get("question_en", ""), params)


def bundled_queries() -> list[QueryFile]:
    return [read_query(p) for p in sorted(QUERIES.glob("*.rq"))]


def parse_params(items: list[str]) -> dict[str, str]:
    """['name=山田太郎'] → {'name': '山田太郎'}; the value may hold any character, '=' included."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not _NAME.match(name):
            raise QueryError(f"--param {item!r}: expected NAME=VALUE with NAME a SPARQL variable name")
        out[name] = value
    return out


def to_term(value):
    """A Python value → a pyoxigraph term: IRIs in <…>, ints, floats, else a plain string literal."""
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{text.encode('utf-8', 'backslashreplace').decode()!s}: not valid text "
                         "(an unpaired surrogate)") from None
    if text.startswith("<") and text.endswith(">"):
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError:
            raise QueryError(f"{text!r}: not a valid IRI") from None
    return ox.Literal(text)


def run_query(store, query: QueryFile | str, params: dict | None = None) -> tuple[list[str], list[list]]:
    """Run a SELECT (or ASK) on the store with the default graph as the union of all graphs.

    Returns (column names, rows of pyoxigraph terms or None)."""
    import pyoxigraph as ox

    qf = query if isinstance(query, QueryFile) else None
    text = qf.text if qf else str(query)
    params = params or {}
    if qf is not None:
        missing = [p for p in qf.params if p not in params]
        unknown = [p for p in params if p not in qf.params]
        if missing:
            raise QueryError(f"{qf.name}: missing parameter {', '.join(missing)} (give --param {missing[0]}=VALUE)")
        if unknown:
            raise QueryError(f"{qf.name}: unknown parameter {', '.join(unknown)}; it takes: "
                             f"{', '.join(qf.params) or 'none'}")
    subs = {ox.Variable(k): to_term(v) for k, v in params.items()}
    # Stores written by kg hold the union of the article graphs as the default graph (a set, see
    # store.add_union_graph); older ones fall back to Oxigraph's union, where rows may repeat.
    union = next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
    try:
        result = store.query(text, use_default_graph_as_union=union, substitutions=subs)
    except SyntaxError as e:
        where = qf.name if qf else "query"
        raise QueryError(f"{where}: SPARQL syntax error: {str(e).splitlines()[0]}") from None
    except RuntimeError as e:  # e.g. a parameter the query does not SELECT: Oxigraph binds only those
        where = qf.name if qf else "query"
        hint = " (a parameter must be one of the SELECTed variables)" if "projection" in str(e) else ""
        raise QueryError(f"{where}: {str(e).splitlines()[0]}{hint}") from None
    if isinstance(result, ox.QueryBoolean):
        return ["result"], [[ox.Literal(str(bool(result)).lower())]]
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported here")
    columns = [v.value for v in result.variables]
    rows = [[sol[c] for c in columns] for sol in result]
    return columns, rows


def term_value(term) -> str:
    return "" if term is None else term.value
