"""Entities and facts → an rdflib Dataset: one named graph per article, with provenance.

The only module that writes triples. Each fact is a node of its class with roles, predicate,
modality, rule, confidence and evidence (its sentence, with offsets into the article); the plain
entity-to-entity edge (kg:metWith …) is derived from it for browsing.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DCTERMS

from .lexicon import load_lexicon
from .namespaces import KG, WD, article_iri, entity_iri, fact_iri, graph_iri, mention_iri, sentence_iri
from .types import ArticleResult, Fact

PREFIXES = {"kg": KG._NS, "kgr": URIRef("https://w3id.org/kgnews/id/"), "wd": WD, "skos": SKOS, "owl": OWL,
            "dcterms": DCTERMS}


def new_dataset() -> Dataset:
    ds = Dataset()
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    return ds


def fact_content(f: Fact) -> str:
    """What identifies a fact: the same input gives the same fact IRI."""
    return "|".join([f.article_id, str(f.sentence), f.cls, f.predicate,
                     ";".join(f"{r}={k}" for r, k in f.roles), f.quote or ""])


def add_article(ds: Dataset, result: ArticleResult) -> Graph:
    """Write one article's named graph into the dataset (replacing it if present)."""
    art = result.article
    gid = graph_iri(art.id)
    ds.remove_graph(gid)
    g = ds.graph(gid)
    a = article_iri(art.id)
    g.add((a, RDF.type, KG.Article))
    g.add((a, KG.sha256, Literal(art.sha256)))
    g.add((a, KG.sourcePath, Literal(art.source)))
    if art.date:
        g.add((a, KG.date, Literal(art.date, datatype=XSD.date)))
    if art.title:
        g.add((a, DCTERMS.title, Literal(art.title)))
    if art.url:
        g.add((a, SKOS.related, Literal(art.url)))
    for s in result.sentences:
        si = sentence_iri(art.id, s.index)
        g.add((si, RDF.type, KG.Sentence))
        g.add((si, KG.inArticle, a))
        g.add((si, KG.sentenceIndex, Literal(s.index, datatype=XSD.nonNegativeInteger)))
        g.add((si, KG.beginIndex, Literal(s.start, datatype=XSD.nonNegativeInteger)))
        g.add((si, KG.endIndex, Literal(s.end, datatype=XSD.nonNegativeInteger)))
        g.add((si, KG.text, Literal(s.text)))
    for e in result.entities:
        ei = entity_iri(e.key)
        g.add((ei, RDF.type, KG[e.cls]))
        g.add((ei, RDFS.label, Literal(e.label, lang="ja")))
        if e.label_en:
            g.add((ei, RDFS.label, Literal(e.label_en, lang="en")))
        for alt in e.alt_labels:
            g.add((ei, SKOS.altLabel, Literal(alt, lang="ja")))
        if e.wikidata:
            g.add((ei, OWL.sameAs, WD[e.wikidata]))
            g.add((ei, KG.wikidata, Literal(e.wikidata)))
    for m, key in result.mentions:
        mi = mention_iri(art.id, m.start, m.end, key)
        g.add((mi, RDF.type, KG.Mention))
        g.add((mi, KG.denotes, entity_iri(key)))
        g.add((mi, KG.inSentence, sentence_iri(art.id, m.sentence)))
        g.add((mi, KG.inArticle, a))
        g.add((mi, KG.beginIndex, Literal(m.start, datatype=XSD.nonNegativeInteger)))
        g.add((mi, KG.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)))
        g.add((mi, KG.text, Literal(m.text)))
    classes = load_lexicon().fact_classes
    for f in result.facts:
        fi = fact_iri(fact_content(f))
        g.add((fi, RDF.type, KG[f.cls]))
        g.add((fi, KG.predicate, Literal(f.predicate)))
        g.add((fi, KG.modality, KG[f.modality]))
        g.add((fi, KG.rule, Literal(f.rule)))
        g.add((fi, KG.confidence, Literal(f"{f.confidence:.2f}", datatype=XSD.decimal)))
        g.add((fi, KG.evidence, sentence_iri(art.id, f.sentence)))
        for role, key in f.roles:
            g.add((fi, KG[role], entity_iri(key)))
        if f.date:
            g.add((fi, KG.date, Literal(f.date.value, datatype=XSD[f.date.datatype])))
            g.add((fi, KG.dateText, Literal(f.date.text)))
        if f.time:
            g.add((fi, KG.time, Literal(f.time)))
        if f.quote:
            g.add((fi, KG.quote, Literal(f.quote)))
        if f.amount:
            g.add((fi, KG.amount, Literal(f.amount[0], datatype=XSD.decimal)))
            g.add((fi, KG.unit, Literal(f.amount[1])))
        fc = classes.get(f.cls)
        if fc and fc.edge:
            for s, o in derived_edges(f, fc.object_roles):
                g.add((entity_iri(s), KG[fc.edge], entity_iri(o)))
    return g


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
