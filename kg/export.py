"""`kg export`: a graph folder in other formats, for other tools.

RDF (ttl, trig, nq, jsonld) is written by Oxigraph from graph.trig, sorted, so the same graph
gives the same bytes. trig, nq and jsonld keep the named graphs (one per article, and the copy of
the ontology); ttl is the article graphs merged, like graph.ttl. graphml is kg.analysis.to_networkx
(entities and fact edges) for Gephi, Cytoscape or yEd; csv is two tables, entities.csv and facts.csv.
Every file is written to a temporary name and renamed into place.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import store as st
from .errors import InputError
from .namespaces import KG, ONTOLOGY_IRI

RDF_FORMATS = ("ttl", "trig", "nq", "jsonld")
FORMATS = RDF_FORMATS + ("graphml", "csv")
EXPORT_DIR = "export"
ENTITY_COLUMNS = ["iri", "label", "label_en", "class", "wikidata", "aliases", "mentions"]
FACT_COLUMNS = ["subject", "relation", "object", "date", "place", "modality", "sentence", "article",
                "fact", "event", "predicate", "subject_iri", "object_iri"]
# Not "kgr:": resource IRIs hold "/" and Japanese, which Turtle would have to escape in a local name.
_PREFIXES = {
    "kg": str(KG._NS), "rdf": str(RDF), "rdfs": str(RDFS), "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": str(SKOS), "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/", "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
}


def default_output(directory: Path, fmt: str) -> Path:
    return directory / EXPORT_DIR if fmt == "csv" else directory / EXPORT_DIR / f"graph.{fmt}"


def export_graph(directory: str | Path, fmt: str, out: str | Path | None = None) -> list[Path]:
    """Write a graph folder as ``fmt`` to ``out`` (a file; a folder for csv) and return the files written.

    Without ``out``, files go to DIR/export/. An existing folder given as ``out`` for a one-file
    format receives graph.<fmt>."""
    if fmt not in FORMATS:
        raise InputError(f"{fmt}: unknown export format (formats: {', '.join(FORMATS)})")
    d = st.check_graph_dir(directory)
    target = Path(out) if out is not None else default_output(d, fmt)
    if fmt == "csv":
        if target.exists() and not target.is_dir():
            raise InputError(f"{target}: csv export writes two files, so --out must be a folder")
        return write_csv(d, target)
    if target.is_dir():
        target = target / f"graph.{fmt}"
    if fmt == "graphml":
        write_graphml(d, target)
    else:
        write_rdf(d, fmt, target)
    return [target]


def _read_quads(directory: Path) -> list:
    import pyoxigraph as ox

    try:
        return list(ox.parse(path=str(directory / st.TRIG), format=ox.RdfFormat.TRIG))
    except SyntaxError as e:
        raise InputError(f"{directory / st.TRIG}: not valid TriG ({str(e).splitlines()[0]})") from None


def rdf_bytes(directory: Path, fmt: str) -> bytes:
    """The graph folder's graph.trig serialised as ttl, trig, nq or jsonld, sorted."""
    import pyoxigraph as ox

    quads = _read_quads(directory)
    if fmt == "ttl":
        triples = {q.triple for q in quads
                   if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_IRI)}
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    rdf_format = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    prefixes = None if fmt == "nq" else _PREFIXES
    return ox.serialize(sorted(set(quads), key=str), format=rdf_format, prefixes=prefixes)


def write_rdf(directory: Path, fmt: str, target: Path) -> None:
    data = rdf_bytes(directory, fmt)
    with st.atomic_path(target) as tmp:
        tmp.write_bytes(data)


def _scalar(value):
    """GraphML holds strings, numbers and booleans only: lists and dicts become JSON text."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_graphml(directory: Path, target: Path) -> None:
    import networkx as nx

    from .graph import KnowledgeGraph

    G = KnowledgeGraph.load(directory).to_networkx()
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in data.items()})
    for a, b, key, data in G.edges(keys=True, data=True):
        H.add_edge(a, b, key=key, **{k: _scalar(v) for k, v in data.items()})
    with st.atomic_path(target) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8", prettyprint=True)


# --------------------------------------------------------------------------- csv

def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _label(g: Graph, node, lang: str = "ja") -> str:
    for o in sorted(g.objects(node, RDFS.label)):
        if getattr(o, "language", None) == lang:
            return str(o)
    return "" if lang != "ja" else str(node).rstrip("/").rsplit("/", 1)[-1]


def _subclasses(ontology: Graph, root: URIRef) -> set[URIRef]:
    return set(ontology.transitive_subjects(RDFS.subClassOf, root))


def entity_rows(g: Graph, ontology: Graph) -> list[dict[str, str]]:
    """One row per entity: IRI, labels, class, Wikidata id, aliases, number of mentions."""
    classes = _subclasses(ontology, KG.Entity)
    rows = []
    for node in sorted({s for s, c in g.subject_objects(RDF.type) if c in classes}):
        rows.append({
            "iri": str(node), "label": _label(g, node), "label_en": _label(g, node, "en"),
            "class": " ".join(sorted(_local(c) for c in g.objects(node, RDF.type) if c in classes)),
            "wikidata": str(g.value(node, KG.wikidata) or ""),
            "aliases": "; ".join(sorted(str(a) for a in g.objects(node, SKOS.altLabel))),
            "mentions": str(sum(1 for _ in g.subjects(KG.denotes, node))),
        })
    return rows


def fact_rows(g: Graph, ontology: Graph) -> list[dict[str, str]]:
    """One row per fact and (agent, object) pair, the object being the filler of the first of the
    class's object roles that the fact has (as for the derived edges and the networkx graph)."""
    from .lexicon import load_lexicon

    lex = load_lexicon()
    fact_classes = _subclasses(ontology, KG.Fact)
    rows = []
    for fact, cls in g.subject_objects(RDF.type):
        if cls not in fact_classes:
            continue
        name = _local(cls)
        fc = lex.fact_classes.get(name)
        object_roles = fc.object_roles if fc else ("theme", "participant", "recipient")
        objects = next((sorted(g.objects(fact, KG[r])) for r in object_roles if (fact, KG[r], None) in g), [])
        agents = sorted(g.objects(fact, KG.agent))
        sentence = g.value(fact, KG.evidence)
        article = g.value(sentence, KG.inArticle) if sentence is not None else None
        modality = g.value(fact, KG.modality)
        common = {
            "relation": (fc.edge if fc and fc.edge else name),
            "date": str(g.value(fact, KG.date) or ""),
            "place": "; ".join(sorted(_label(g, p) for p in g.objects(fact, KG.location))),
            "modality": (_label(ontology, modality, "en") or _local(modality)) if modality is not None else "",
            "sentence": str(g.value(sentence, KG.text) or "") if sentence is not None else "",
            "article": str(g.value(article, KG.sourcePath) or article) if article is not None else "",
            "fact": str(fact), "event": name, "predicate": str(g.value(fact, KG.predicate) or ""),
        }
        begin = int(g.value(sentence, KG.beginIndex) or 0) if sentence is not None else 0
        for a in agents or [None]:
            for o in objects or [None]:
                rows.append((begin, {**common,
                                     "subject": _label(g, a) if a is not None else "",
                                     "object": _label(g, o) if o is not None else "",
                                     "subject_iri": str(a or ""), "object_iri": str(o or "")}))
    rows.sort(key=lambda r: (r[1]["article"], r[0], r[1]["fact"], r[1]["subject_iri"], r[1]["object_iri"]))
    return [{c: r[c] for c in FACT_COLUMNS} for _, r in rows]


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with st.atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            w.writerows(rows)


def write_csv(directory: Path, folder: Path) -> list[Path]:
    from .graph import KnowledgeGraph, load_ontology

    g = KnowledgeGraph.load(directory).graph
    ontology = load_ontology()
    entities, facts = folder / "entities.csv", folder / "facts.csv"
    _write_table(entities, ENTITY_COLUMNS, entity_rows(g, ontology))
    _write_table(facts, FACT_COLUMNS, fact_rows(g, ontology))
    return [entities, facts]
