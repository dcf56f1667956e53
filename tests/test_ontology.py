"""The ontology file, the namespace module and the IRIs agree."""
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.lexicon import load_lexicon
from kg.namespaces import KG, entity_iri, iri_segment
from kg.graph import ONTOLOGY_FILE


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _terms(onto):
    return {str(s).split("#", 1)[1] for s in onto.subjects() if str(s).startswith(str(KG._NS))}


def test_namespace_module_matches_the_ontology(onto):
    declared = {name for name in KG.__annotations__}
    assert declared == _terms(onto)


def test_every_term_has_ja_and_en_labels_and_comments(onto):
    for name in _terms(onto):
        term = KG[name]
        langs = {l.language for l in onto.objects(term, RDFS.label)}
        assert {"ja", "en"} <= langs, name
        if (term, RDF.type, KG.Modality) not in onto:
            comments = {c.language for c in onto.objects(term, RDFS.comment)}
            assert {"ja", "en"} <= comments, name


def test_lexicon_classes_and_roles_exist_in_the_ontology(onto):
    lex = load_lexicon()
    terms = _terms(onto)
    assert set(lex.ene.values()) <= terms
    assert set(lex.predicates.values()) <= terms
    assert set(lex.suffixes.values()) | set(lex.seat_nouns.values()) <= terms
    for fc in lex.fact_classes.values():
        assert fc.name in terms and (fc.edge is None or fc.edge in terms)
        assert set(fc.object_roles) <= terms


@pytest.mark.parametrize("name", ["高市早苗", "a b", '<>"{}|^`\\', "#?/", "x" * 500, "", "😀", "\u200b"])
def test_entity_iris_are_valid_whatever_the_name(name):
    iri = entity_iri("Person:" + name)
    pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
    assert len(str(iri)) < 200


def test_iri_segment_keeps_names_readable_and_distinct():
    assert iri_segment("高市早苗") == "高市早苗"
    assert iri_segment("a b") == "a%20b"
    assert iri_segment("x" * 100) != iri_segment("x" * 101)
