"""Entities and facts → RDF: one named graph per article, with provenance.

The only module that makes triples. Each fact is a node of its class with roles, predicate,
modality, rule, confidence and evidence (its sentence, with offsets into the article); the plain
entity-to-entity edge (kg:metWith …) is derived from it for browsing.

:func:`article_quads` makes an article's quads as pyoxigraph terms (what a build writes, streamed
article by article); :func:`add_article` puts the same quads into an rdflib Dataset (the in-memory
:class:`kg.graph.KnowledgeGraph`).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from .lexicon import load_lexicon
from .namespaces import KG, WD, article_iri, entity_iri, fact_iri, graph_iri, mention_iri, sentence_iri
from .types import ArticleResult, Fact

PREFIXES = {"kg": KG._NS, "kgr": URIRef("https://w3id.org/kgnews/id/"), "wd": WD, "skos": SKOS, "owl": OWL,
            "dcterms": DCTERMS}
# The prefixes of graph.trig and graph.ttl (written by pyoxigraph). Not "kgr:": resource IRIs hold
# "/", which a Turtle local name would have to escape (kgr:Person\/山田), as in kg export.
TEXT_PREFIXES = {
    "dcterms": str(DCTERMS), "kg": str(KG._NS), "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "owl": str(OWL), "prov": "http://www.w3.org/ns/prov#", "rdf": str(RDF), "rdfs": str(RDFS),
    "schema": "https://schema.org/", "skos": str(SKOS), "wd": str(WD), "xsd": str(XSD),
}

_XSD_STRING = str(XSD.string)


def new_dataset() -> Dataset:
    ds = Dataset()
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    return ds


def fact_content(f: Fact) -> str:
    """What identifies a fact: the same input gives the same fact IRI."""
    return "|".join([f.article_id, str(f.sentence), f.cls, f.predicate,
                     ";".join(f"{r}={k}" for r, k in f.roles), f.quote or ""])


class _Terms:
    """pyoxigraph terms made once: the properties and datatypes every article uses."""

    def __init__(self):
        n = ox.NamedNode
        self.type, self.label, self.alt = n(str(RDF.type)), n(str(RDFS.label)), n(str(SKOS.altLabel))
        self.same_as, self.title, self.related = n(str(OWL.sameAs)), n(str(DCTERMS.title)), n(str(SKOS.related))
        self.nonneg, self.decimal = n(str(XSD.nonNegativeInteger)), n(str(XSD.decimal))
        self.kg: dict[str, ox.NamedNode] = {}
        self.xsd: dict[str, ox.NamedNode] = {}

    def k(self, name: str) -> ox.NamedNode:
        """kg:name; a name the ontology does not have raises AttributeError (KG is a DefinedNamespace)."""
        term = self.kg.get(name)
        if term is None:
            term = self.kg[name] = ox.NamedNode(str(KG[name]))
        return term

    def datatype(self, name: str) -> ox.NamedNode:
        term = self.xsd.get(name)
        if term is None:
            term = self.xsd[name] = ox.NamedNode(str(XSD[name]))
        return term


_T: _Terms | None = None


@functools.lru_cache(maxsize=1 << 15)
def _entity(key: str) -> ox.NamedNode:
    """An entity's IRI as a term: the same keys come back in every mention, fact and article."""
    return ox.NamedNode(entity_iri(key))


@functools.lru_cache(maxsize=1 << 12)
def _sentence(article_id: str, index: int) -> ox.NamedNode:
    return ox.NamedNode(sentence_iri(article_id, index))


def article_quads(result: ArticleResult) -> list[ox.Quad]:
    """One article's named graph as pyoxigraph quads (unsorted; duplicates possible)."""
    global _T
    t = _T = _T or _Terms()
    k, lit, node, entity, sentence = t.k, ox.Literal, ox.NamedNode, _entity, _sentence
    art = result.article
    g = node(graph_iri(art.id))
    out: list[ox.Quad] = []

    def add(s, p, o) -> None:
        out.append(ox.Quad(s, p, o, g))

    def count(n: int) -> ox.Literal:
        return lit(str(n), datatype=t.nonneg)

    a = node(article_iri(art.id))
    add(a, t.type, k("Article"))
    add(a, k("sha256"), lit(art.sha256))
    add(a, k("sourcePath"), lit(art.source))
    if art.date:
        add(a, k("date"), lit(art.date, datatype=t.datatype("date")))
    if art.title:
        add(a, t.title, lit(art.title))
    if art.url:
        add(a, t.related, lit(art.url))
    for s in result.sentences:
        si = sentence(art.id, s.index)
        add(si, t.type, k("Sentence"))
        add(si, k("inArticle"), a)
        add(si, k("sentenceIndex"), count(s.index))
        add(si, k("beginIndex"), count(s.start))
        add(si, k("endIndex"), count(s.end))
        add(si, k("text"), lit(s.text))
    for e in result.entities:
        ei = entity(e.key)
        add(ei, t.type, k(e.cls))
        add(ei, t.label, lit(e.label, language="ja"))
        if e.label_en:
            add(ei, t.label, lit(e.label_en, language="en"))
        for alt in e.alt_labels:
            add(ei, t.alt, lit(alt, language="ja"))
        if e.wikidata:
            add(ei, t.same_as, node(WD[e.wikidata]))
            add(ei, k("wikidata"), lit(e.wikidata))
    for m, key in result.mentions:
        mi = node(mention_iri(art.id, m.start, m.end, key))
        add(mi, t.type, k("Mention"))
        add(mi, k("denotes"), entity(key))
        add(mi, k("inSentence"), sentence(art.id, m.sentence))
        add(mi, k("inArticle"), a)
        add(mi, k("beginIndex"), count(m.start))
        add(mi, k("endIndex"), count(m.end))
        add(mi, k("text"), lit(m.text))
    classes = load_lexicon().fact_classes
    for f in result.facts:
        fi = node(fact_iri(fact_content(f)))
        add(fi, t.type, k(f.cls))
        add(fi, k("predicate"), lit(f.predicate))
        add(fi, k("modality"), k(f.modality))
        add(fi, k("rule"), lit(f.rule))
        add(fi, k("confidence"), lit(f"{f.confidence:.2f}", datatype=t.decimal))
        add(fi, k("evidence"), sentence(art.id, f.sentence))
        for role, key in f.roles:
            add(fi, k(role), entity(key))
        if f.date:
            add(fi, k("date"), lit(f.date.value, datatype=t.datatype(f.date.datatype)))
            add(fi, k("dateText"), lit(f.date.text))
            if f.date.end:
                add(fi, k("endDate"), lit(f.date.end, datatype=t.datatype(f.date.end_datatype or "date")))
        if f.time:
            add(fi, k("time"), lit(f.time))
        if f.quote:
            add(fi, k("quote"), lit(f.quote))
        if f.amount:
            add(fi, k("amount"), lit(f.amount[0], datatype=t.decimal))
            add(fi, k("unit"), lit(f.amount[1]))
        fc = classes.get(f.cls)
        if fc and fc.edge and f.modality != "Negated":  # 出席せず: the event with its modality, no edge
            for s, o in derived_edges(f, fc.object_roles):
                add(entity(s), k(fc.edge), entity(o))
    return out


def sorted_nquads(quads: Iterable[ox.Quad]) -> list[str]:
    """Quads as N-Quads lines (each ending in a newline), sorted, without repeats: the order every
    graph file is written in, so the same graph gives the same bytes."""
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    # split at "\n" only: a literal may hold U+2028 or other characters str.splitlines splits at
    return sorted({f"{line}\n" for line in text.split("\n") if line})


def add_article(ds: Dataset, result: ArticleResult) -> Graph:
    """Write one article's named graph into the dataset (replacing it if present)."""
    gid = graph_iri(result.article.id)
    ds.remove_graph(gid)
    g = ds.graph(gid)
    for q in article_quads(result):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def to_rdflib(term):
    """A pyoxigraph term as rdflib's; a plain string literal stays without a datatype, as rdflib reads it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def to_oxigraph(term):
    """An rdflib term as pyoxigraph's (an invalid IRI raises ValueError)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _XSD_STRING)))
    raise TypeError(f"not an RDF term: {term!r}")


def derived_edges(f: Fact, object_roles: Iterable[str]) -> list[tuple[str, str]]:
    """agent → the fillers of the first object role the fact has."""
    for role in object_roles:
        objects = f.role(role)
        if objects:
            return [(a, o) for a in f.role("agent") for o in objects if o != a]
    return []


def build_dataset(results: Iterable[ArticleResult]) -> Dataset:
    ds = new_dataset()
    for r in results:
        add_article(ds, r)
    return ds


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for q in ds.quads((None, None, None, None)):
        g.add(q[:3])
    return g
