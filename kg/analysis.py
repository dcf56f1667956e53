"""The graph as networkx: entities are nodes, derived fact edges are edges. Plain functions, graph first."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .lexicon import load_lexicon
from .namespaces import KG

_ROLES = ("agent", "participant", "theme", "recipient", "location", "about", "position", "organization", "source")


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _label(g: Graph, node, lang: str) -> str | None:
    for o in g.objects(node, RDFS.label):
        if getattr(o, "language", None) == lang:
            return str(o)
    return None


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities → nodes (label, label_en, cls, wikidata, aliases); each fact with an agent and an
    object → an edge agent → object carrying the fact's class, relation, predicate, modality,
    sentence, offsets and article."""
    lex = load_lexicon()
    fact_names = set(lex.fact_classes)
    G = nx.MultiDiGraph()
    entity_classes = {}
    for s, cls in g.subject_objects(RDF.type):
        name = _local(cls)
        if str(cls).startswith(str(KG._NS)) and name not in fact_names and name not in (
                "Article", "Sentence", "Mention", "Modality", "Fact", "Asserted", "Planned", "Hedged", "Negated", "Reported"):
            entity_classes[s] = name
    for node, cls in sorted(entity_classes.items()):
        G.add_node(str(node), label=_label(g, node, "ja") or str(node).rsplit("/", 1)[-1],
                   label_en=_label(g, node, "en") or "", cls=cls,
                   wikidata=str(next(g.objects(node, KG.wikidata), "")),
                   aliases=sorted({str(o) for o in g.objects(node, SKOS.altLabel)}))
    for fact, cls in sorted(g.subject_objects(RDF.type)):
        name = _local(cls)
        fc = lex.fact_classes.get(name)
        if fc is None:
            continue
        roles = defaultdict(list)
        for p, o in g.predicate_objects(fact):
            if _local(p) in _ROLES and o in entity_classes:
                roles[_local(p)].append(o)
        objects = next((roles[r] for r in fc.object_roles if roles.get(r)), [])
        sentence = next(g.objects(fact, KG.evidence), None)
        info = {
            "fact": str(fact), "cls": name, "relation": fc.edge or name,
            "predicate": str(next(g.objects(fact, KG.predicate), "")),
            "modality": _local(next(g.objects(fact, KG.modality), "")),
            "quote": str(next(g.objects(fact, KG.quote), "")),
            "date": str(next(g.objects(fact, KG.date), "")),
            "sentence": str(next(g.objects(sentence, KG.text), "")) if sentence is not None else "",
            "begin": int(next(g.objects(sentence, KG.beginIndex), 0)) if sentence is not None else 0,
            "article": str(next(g.objects(sentence, KG.inArticle), "")) if sentence is not None else "",
        }
        for a in sorted(roles.get("agent", [])):
            if not objects:
                G.nodes[str(a)].setdefault("facts", []).append(info)
            for o in sorted(objects):
                if o != a:
                    G.add_edge(str(a), str(o), key=str(fact), **info)
    return G


def centrality(G: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """Degree centrality of the undirected simple graph, highest first, as (label, score)."""
    simple = nx.Graph(G)
    scores = nx.degree_centrality(simple) if len(simple) > 1 else {n: 0.0 for n in simple}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], G.nodes[kv[0]].get("label", kv[0])))
    return [(G.nodes[n].get("label", n), round(v, 4)) for n, v in ranked[:top]]


def communities(G: nx.MultiDiGraph) -> list[list[str]]:
    """Greedy-modularity communities of the undirected graph, as lists of labels (largest first)."""
    simple = nx.Graph(G)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(simple)
    return [sorted(G.nodes[n].get("label", n) for n in c) for c in groups]


def find_node(G: nx.MultiDiGraph, name: str) -> str | None:
    """A node by its IRI, Japanese or English label, or an alias."""
    if name in G:
        return name
    for n, d in G.nodes(data=True):
        if name in (d.get("label"), d.get("label_en")) or name in d.get("aliases", []):
            return n
    return None


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """Labels along the shortest chain of facts between two entities (any direction); [] if none."""
    na, nb = find_node(G, a), find_node(G, b)
    if na is None or nb is None:
        return []
    try:
        path = nx.shortest_path(nx.Graph(G), na, nb)
    except nx.NetworkXNoPath:
        return []
    return [G.nodes[n].get("label", n) for n in path]


def neighbourhood(G: nx.MultiDiGraph, name: str, hops: int = 2) -> nx.MultiDiGraph:
    node = find_node(G, name)
    if node is None:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(nx.Graph(G), node, cutoff=hops)
    return G.subgraph(near).copy()
