"""The ontology's terms (checked against ontology/kg.ttl by a test) and the IRIs of kg's resources.

Every IRI kg writes is made here, so that it is stable and valid whatever the name.
"""
from __future__ import annotations

import hashlib
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kgnews/ontology"
RESOURCE_BASE = "https://w3id.org/kgnews/id/"
WD = Namespace("http://www.wikidata.org/entity/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


class KG(DefinedNamespace):
    """kg's ontology (ontology/kg.ttl). A misspelt term raises AttributeError."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True
    # entity classes
    Entity: URIRef
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Government: URIRef
    Company: URIRef
    PoliticalParty: URIRef
    SportsTeam: URIRef
    Place: URIRef
    Country: URIRef
    Facility: URIRef
    Event: URIRef
    Disaster: URIRef
    Agreement: URIRef
    Plan: URIRef
    Award: URIRef
    Artifact: URIRef
    Product: URIRef
    Position: URIRef
    # fact classes
    Fact: URIRef
    Meeting: URIRef
    Accord: URIRef
    Signing: URIRef
    Statement: URIRef
    Attendance: URIRef
    Visit: URIRef
    Nomination: URIRef
    Gift: URIRef
    Praise: URIRef
    Support: URIRef
    Request: URIRef
    Planning: URIRef
    PositionHolding: URIRef
    Appointment: URIRef
    Resignation: URIRef
    Succession: URIRef
    Acquisition: URIRef
    Investment: URIRef
    Launch: URIRef
    Win: URIRef
    Incident: URIRef
    Criticism: URIRef
    Containment: URIRef
    Membership: URIRef
    Part: URIRef
    Aide: URIRef
    GenericEvent: URIRef
    Modality: URIRef
    Asserted: URIRef
    Planned: URIRef
    Hedged: URIRef
    Negated: URIRef
    Reported: URIRef
    # provenance
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    # roles
    agent: URIRef
    participant: URIRef
    theme: URIRef
    recipient: URIRef
    location: URIRef
    about: URIRef
    source: URIRef
    position: URIRef
    organization: URIRef
    # fact attributes
    predicate: URIRef
    modality: URIRef
    date: URIRef
    dateText: URIRef
    endDate: URIRef
    time: URIRef
    quote: URIRef
    amount: URIRef
    unit: URIRef
    rule: URIRef
    confidence: URIRef
    evidence: URIRef
    # provenance properties
    inArticle: URIRef
    inSentence: URIRef
    denotes: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    text: URIRef
    sourcePath: URIRef
    sha256: URIRef
    sentenceIndex: URIRef
    wikidata: URIRef
    # derived edges
    relatedTo: URIRef
    metWith: URIRef
    agreedWith: URIRef
    signed: URIRef
    attended: URIRef
    visited: URIRef
    nominated: URIRef
    gaveTo: URIRef
    praised: URIRef
    supports: URIRef
    requested: URIRef
    plans: URIRef
    holdsPosition: URIRef
    appointedTo: URIRef
    resignedFrom: URIRef
    successorOf: URIRef
    aideOf: URIRef
    memberOf: URIRef
    partOf: URIRef
    locatedIn: URIRef
    acquired: URIRef
    investedIn: URIRef
    launched: URIRef
    won: URIRef
    affected: URIRef
    criticised: URIRef
    interactedWith: URIRef


_SAFE = set("-._~")
_MAX_SEGMENT = 60


def iri_segment(text: str) -> str:
    """A name as one IRI path segment: letters and digits of any script kept, anything else
    percent-encoded; a long name is cut and given a hash so it stays unique."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if (ch.isalnum() and ch.isprintable() and ord(ch) > 0x7F and unicodedata.category(ch)[0] in "LN") \
                or (ch.isascii() and ch.isalnum()) or ch in _SAFE:
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    seg = "".join(out) or "_"
    if len(text) > _MAX_SEGMENT or len(seg) > 3 * _MAX_SEGMENT:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        seg = iri_segment(text[:24]) + "-" + digest
    return seg


def entity_iri(key: str) -> URIRef:
    """wd:Q17 → …/id/Q17; Person:山田太郎 → …/id/Person/山田太郎."""
    if key.startswith("wd:"):
        return URIRef(RESOURCE_BASE + iri_segment(key[3:]))
    cls, _, label = key.partition(":")
    return URIRef(f"{RESOURCE_BASE}{iri_segment(cls)}/{iri_segment(label)}")


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{RESOURCE_BASE}article/{iri_segment(article_id)}")


def graph_iri(article_id: str) -> URIRef:
    return URIRef(f"{RESOURCE_BASE}graph/{iri_segment(article_id)}")


def sentence_iri(article_id: str, index: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/sentence/{index}")


def mention_iri(article_id: str, start: int, end: int, key: str) -> URIRef:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return URIRef(f"{article_iri(article_id)}/mention/{start}-{end}-{digest}")


def fact_iri(content: str) -> URIRef:
    return URIRef(RESOURCE_BASE + "fact/" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:20])
