#!/usr/bin/env python3
"""Check ontology/gazetteer.ttl.

Usage: python tests/check_gazetteer.py [path/to/gazetteer.ttl]

Verifies that
  * every subject is a Wikidata entity IRI,
  * every subject has exactly one rdfs:label@ja and exactly one rdfs:label@en,
  * every subject has at least one class from ontology/kg.ttl (and no other rdf:type),
  * no Japanese label/altLabel string (compared after NFKC) belongs to two
    different subjects (the collisions are printed),
  * no altLabel is a single character, and no literal is empty.
Prints a count of entities per class. Exits 1 if any check fails.
Uses only the standard library and rdflib.
"""
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

KG = Namespace("https://w3id.org/kgnews/ontology#")
WD = "http://www.wikidata.org/entity/Q"
ALLOWED = {KG[n] for n in ("Country", "Place", "Organization", "Government", "Company",
                           "PoliticalParty", "SportsTeam", "Person", "Award", "Event",
                           "Position", "Facility")}


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def check(path: Path) -> int:
    g = Graph()
    g.parse(path, format="turtle")
    errors: list[str] = []

    subjects = set(g.subjects())
    if not subjects:
        errors.append("no subjects in the file")

    per_class: Counter = Counter()
    owners = defaultdict(set)  # NFKC ja string -> subjects using it

    for s in sorted(subjects, key=str):
        if not (isinstance(s, URIRef) and str(s).startswith(WD) and str(s)[len(WD):].isdigit()):
            errors.append(f"{s}: subject is not a Wikidata entity IRI")
        labels = [o for o in g.objects(s, RDFS.label) if isinstance(o, Literal)]
        ja = [o for o in labels if o.language == "ja"]
        en = [o for o in labels if o.language == "en"]
        if len(ja) != 1:
            errors.append(f"{s}: {len(ja)} rdfs:label@ja (want 1)")
        if len(en) != 1:
            errors.append(f"{s}: {len(en)} rdfs:label@en (want 1)")
        other = [o for o in labels if o.language not in ("ja", "en")]
        if other:
            errors.append(f"{s}: rdfs:label in other languages: {other}")

        types = set(g.objects(s, RDF.type))
        kg_types = types & ALLOWED
        if not kg_types:
            errors.append(f"{s}: no kg class (types: {sorted(map(str, types))})")
        if types - ALLOWED:
            errors.append(f"{s}: unexpected rdf:type {sorted(map(str, types - ALLOWED))}")
        for t in kg_types:
            per_class[str(t).rsplit("#", 1)[1]] += 1

        alts = list(g.objects(s, SKOS.altLabel))
        for a in alts:
            if not isinstance(a, Literal) or a.language != "ja":
                errors.append(f"{s}: altLabel {a!r} is not a @ja literal")
                continue
            if len(nfkc(str(a))) < 2:
                errors.append(f"{s}: single-character altLabel {str(a)!r}")
        for lit in ja + [a for a in alts if isinstance(a, Literal) and a.language == "ja"]:
            text = nfkc(str(lit)).strip()
            if not text:
                errors.append(f"{s}: empty Japanese label")
                continue
            owners[text].add(s)
        for lit in en:
            if not str(lit).strip():
                errors.append(f"{s}: empty English label")

    collisions = {t: subs for t, subs in owners.items() if len(subs) > 1}
    for text, subs in sorted(collisions.items()):
        who = ", ".join(f"{str(x).rsplit('/', 1)[1]} ({g.value(x, RDFS.label) or ''})" for x in sorted(subs, key=str))
        errors.append(f"collision: {text!r} is used by {who}")

    print(f"{path}: {len(subjects)} entities")
    for cls, n in sorted(per_class.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {cls:15} {n}")
    print(f"  Japanese surface forms: {len(owners)}, collisions: {len(collisions)}")
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED: {len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer.ttl"
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
