"""docs/ontology.md from ontology/kg.ttl: ``python -m kg.ontology_doc > docs/ontology.md``.

Classes (as a hierarchy, then one section each) and properties (object, datatype, derived edges),
with their Japanese and English labels, comments, domains, ranges and alignments to schema.org,
Wikidata, PROV-O and NIF. Terms appear in the order the Turtle file declares them. A test checks
that the committed docs/ontology.md is what this prints.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .namespaces import KG, ONTOLOGY_IRI

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
_ALIGNMENTS = [
    (RDFS.subClassOf, "Subclass of"),
    (OWL.equivalentClass, "Equivalent class"),
    (RDFS.subPropertyOf, "Subproperty of"),
    (OWL.equivalentProperty, "Equivalent property"),
    (SKOS.exactMatch, "Exact match"),
    (SKOS.closeMatch, "Close match"),
    (RDFS.seeAlso, "See also"),
]


class OntologyDoc:
    """The ontology graph plus what the Markdown needs: prefixes and the file's order of terms."""

    def __init__(self, path: Path = ONTOLOGY_FILE):
        text = path.read_text(encoding="utf-8")
        self.g = Graph().parse(data=text, format="turtle")
        self.prefixes = dict(re.findall(r"(?m)^@prefix\s+([\w-]*):\s*<([^>]+)>\s*\.", text))
        names = re.findall(r"(?m)^kg:(\w+)\s+a\s", text)
        self.order = {KG._NS[n]: i for i, n in enumerate(dict.fromkeys(names))}

    # ----------------------------------------------------------------- terms

    def sort(self, terms) -> list[URIRef]:
        return sorted(set(terms), key=lambda t: (self.order.get(t, len(self.order)), str(t)))

    def kg_terms(self, rdf_type) -> list[URIRef]:
        return self.sort(t for t in self.g.subjects(RDF.type, rdf_type) if str(t).startswith(str(KG._NS)))

    def classes(self) -> list[URIRef]:
        return self.kg_terms(OWL.Class)

    def parents(self, cls: URIRef) -> list[URIRef]:
        return self.sort(p for p in self.g.objects(cls, RDFS.subClassOf) if p in self.order)

    def children(self, cls: URIRef) -> list[URIRef]:
        return self.sort(c for c in self.g.subjects(RDFS.subClassOf, cls) if c in self.order)

    def label(self, term: URIRef, lang: str) -> str:
        return next((str(o) for o in self.g.objects(term, RDFS.label) if getattr(o, "language", None) == lang), "")

    def comment(self, term: URIRef, lang: str) -> str:
        return next((str(o) for o in self.g.objects(term, RDFS.comment) if getattr(o, "language", None) == lang), "")

    # ----------------------------------------------------------------- Markdown pieces

    def curie(self, term) -> str:
        if isinstance(term, Literal):
            return f"`{term}`"
        iri = str(term)
        if term in self.order:
            return f"[{self.short(iri)}](#{_anchor(term)})"
        short = self.short(iri)
        return f"`{short}`" if short != iri else f"<{iri}>"

    def short(self, iri: str) -> str:
        best = max((ns for ns in self.prefixes.values() if iri.startswith(ns)), key=len, default=None)
        if best is None:
            return iri
        prefix = next(p for p, ns in self.prefixes.items() if ns == best)
        return f"{prefix}:{iri[len(best):]}"

    def curies(self, terms) -> str:
        return ", ".join(self.curie(t) for t in self.sort(terms)) or "—"


def _anchor(term: URIRef) -> str:
    return "kg-" + str(term).rsplit("#", 1)[-1]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _hierarchy(doc: OntologyDoc, cls: URIRef, depth: int, shown: set) -> list[str]:
    parents = doc.parents(cls)
    note = ""
    if len(parents) > 1:
        note = " (also under " + ", ".join(doc.short(str(p)) for p in parents if p not in shown) + ")"
    lines = [f"{'  ' * depth}- {doc.curie(cls)} {doc.label(cls, 'ja')} / {doc.label(cls, 'en')}{note}"]
    shown = shown | {cls}
    for child in doc.children(cls):
        lines += _hierarchy(doc, child, depth + 1, shown)
    return lines


def _class_section(doc: OntologyDoc, cls: URIRef) -> list[str]:
    g = doc.g
    lines = [f'<a id="{_anchor(cls)}"></a>', f"### {doc.short(str(cls))} — {doc.label(cls, 'ja')} / {doc.label(cls, 'en')}", ""]
    for lang in ("ja", "en"):
        if doc.comment(cls, lang):
            lines.append(doc.comment(cls, lang) + "  ")
    lines[-1] = lines[-1].rstrip()
    rows = []
    for prop, name in _ALIGNMENTS:
        values = list(g.objects(cls, prop))
        if values:
            rows.append((name, doc.curies(values)))
    subclasses = doc.children(cls)
    if subclasses:
        rows.append(("Subclasses", doc.curies(subclasses)))
    instances = doc.kg_terms(cls)
    if instances:
        rows.append(("Instances", doc.curies(instances)))
    domain_of = [p for p in g.subjects(RDFS.domain, cls) if p in doc.order]
    if domain_of:
        rows.append(("Properties (domain)", doc.curies(domain_of)))
    range_of = [p for p in g.subjects(RDFS.range, cls) if p in doc.order]
    if range_of:
        rows.append(("Values of (range)", doc.curies(range_of)))
    lines += ["", "| | |", "|---|---|"] + [f"| {name} | {value} |" for name, value in rows]
    if instances:
        lines += ["", "| Individual | ja | en | Comment |", "|---|---|---|---|"]
        for ind in instances:
            comment = " / ".join(c for c in (doc.comment(ind, "ja"), doc.comment(ind, "en")) if c)
            lines.append(f'| <a id="{_anchor(ind)}"></a>{doc.short(str(ind))} | {_cell(doc.label(ind, "ja"))} | '
                         f'{_cell(doc.label(ind, "en"))} | {_cell(comment)} |')
    return lines + [""]


def _property_table(doc: OntologyDoc, props: list[URIRef]) -> list[str]:
    g = doc.g
    lines = ["| Property | ja | en | Domain | Range | Alignment | Comment |", "|---|---|---|---|---|---|---|"]
    for p in props:
        align = []
        for prop, name in _ALIGNMENTS[2:]:
            values = list(g.objects(p, prop))
            if values:
                align.append(f"{name.lower()} {doc.curies(values)}")
        comment = " / ".join(c for c in (doc.comment(p, "ja"), doc.comment(p, "en")) if c)
        lines.append(" | ".join([
            f'| <a id="{_anchor(p)}"></a>{doc.short(str(p))}', _cell(doc.label(p, "ja")), _cell(doc.label(p, "en")),
            doc.curies(g.objects(p, RDFS.domain)), doc.curies(g.objects(p, RDFS.range)),
            "; ".join(align) or "—", _cell(comment)]) + " |")
    return lines + [""]


def render(path: Path = ONTOLOGY_FILE) -> str:
    """The ontology as Markdown."""
    doc = OntologyDoc(path)
    g = doc.g
    onto = URIRef(ONTOLOGY_IRI)
    version = g.value(onto, OWL.versionInfo)
    lines = [
        f"# {doc.label(onto, 'en')} — {doc.label(onto, 'ja')}",
        "",
        "<!-- Generated from ontology/kg.ttl by `python -m kg.ontology_doc > docs/ontology.md`. Do not edit. -->",
        "",
        doc.comment(onto, "ja") + "  ",
        doc.comment(onto, "en"),
        "",
        f"- IRI: `{ONTOLOGY_IRI}` (terms: `{KG._NS}…`)",
        f"- Version: {version}" if version else "- Version: —",
        "- Source: [ontology/kg.ttl](../ontology/kg.ttl); shapes: [ontology/shapes.ttl](../ontology/shapes.ttl)",
        "",
        "## Prefixes",
        "",
        "| Prefix | Namespace |",
        "|---|---|",
    ]
    lines += [f"| `{p}:` | `{ns}` |" for p, ns in doc.prefixes.items()]
    classes = doc.classes()
    roots = [c for c in classes if not doc.parents(c)]
    lines += ["", "## Class hierarchy", ""]
    for root in roots:
        lines += _hierarchy(doc, root, 0, set())
    groups = []
    for root in roots:
        groups.append([c for c in classes if c == root or root in g.transitive_objects(c, RDFS.subClassOf)])
    for group in (gr for gr in groups if len(gr) > 1):
        lines += ["", f"## {doc.label(group[0], 'en')} classes ({doc.short(str(group[0]))} and below)", ""]
        for cls in group:
            lines += _class_section(doc, cls)
    singles = [gr[0] for gr in groups if len(gr) == 1]
    if singles:
        lines += ["", "## Other classes", ""]
        for cls in singles:
            lines += _class_section(doc, cls)
    relations = set(g.transitive_subjects(RDFS.subPropertyOf, KG.relatedTo))
    object_props = [p for p in doc.kg_terms(OWL.ObjectProperty) if p not in relations]
    datatype_props = doc.kg_terms(OWL.DatatypeProperty)
    lines += ["## Properties", "", "### Object properties", ""] + _property_table(doc, object_props)
    lines += ["### Datatype properties", ""] + _property_table(doc, datatype_props)
    lines += ["### Derived edges", "",
              "Entity-to-entity edges derived from facts for browsing; the fact (kg:Fact) is the record.", ""]
    lines += _property_table(doc, doc.sort(relations))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.ontology_doc", description=__doc__.splitlines()[0])
    p.add_argument("--ontology", type=Path, default=ONTOLOGY_FILE)
    p.add_argument("--out", type=Path, help="write here (atomically) instead of to stdout")
    a = p.parse_args(argv)
    text = render(a.ontology)
    if a.out:
        from .store import write_text

        write_text(a.out, text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
