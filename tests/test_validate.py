"""ontology/shapes.ttl and `kg validate`: every graph kg builds is valid; a broken one is named."""
import subprocess
import sys
import time

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace
from rdflib.namespace import RDF, RDFS

from kg.graph import dataset_for, load_ontology, write_directory
from kg.namespaces import KG
from kg.validate import SHAPES_FILE, load_data_graph, validate_directory, validate_graph
from tests.builders import small_result
from tests.conftest import ROOT

SH = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("small-graph")
    write_directory(dataset_for([small_result()]), out, html=False)
    return out


@pytest.fixture(scope="module")
def small_graph(small_dir):
    return load_data_graph(small_dir)


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def _one(g: Graph, cls) -> URIRef:
    nodes = sorted(g.subjects(RDF.type, cls))
    assert nodes, cls
    return nodes[0]


def _broken(g: Graph, remove=(), add=()) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    for t in remove:
        out.remove(t)
    for t in add:
        out.add(t)
    return out


def test_shapes_parse_and_target_what_kg_writes():
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    assert targets == {KG.Fact, KG.Article, KG.Sentence, KG.Mention, KG.Entity}


def test_small_graph_is_valid(small_dir):
    report = validate_directory(small_dir)
    assert report.conforms, [v.line() for v in report.violations]
    assert report.violations == ()
    assert report.triples > 50


def test_the_ontology_copy_in_graph_trig_is_left_out_of_the_data(small_dir, small_graph):
    ds = Dataset()
    ds.parse(small_dir / "graph.trig", format="trig")
    assert (KG.Meeting, RDFS.subClassOf, KG.Fact) in ds.graph(URIRef("https://w3id.org/kgnews/ontology"))
    assert (KG.Meeting, RDFS.subClassOf, KG.Fact) not in small_graph
    assert (None, RDF.type, KG.Meeting) in small_graph


def _report_for(g):
    report = validate_graph(g)
    assert not report.conforms
    return report


def test_fact_without_evidence_is_named(small_graph):
    meeting = _one(small_graph, KG.Meeting)
    report = _report_for(_broken(small_graph, remove=[(meeting, KG.evidence, None)]))
    assert [(v.focus, v.path, v.constraint) for v in report.violations] == [(f"<{meeting}>", "kg:evidence", "minCount")]
    assert "exactly one kg:evidence" in report.violations[0].message


def test_fact_with_two_modalities_is_named(small_graph):
    meeting = _one(small_graph, KG.Meeting)
    report = _report_for(_broken(small_graph, add=[(meeting, KG.modality, KG.Planned)]))
    assert [(v.focus, v.path, v.constraint) for v in report.violations] == [(f"<{meeting}>", "kg:modality", "maxCount")]


def test_subclass_instances_are_targeted_through_the_ontology(small_graph):
    """kg:PositionHolding is a kg:Fact only through rdfs:subClassOf in the ontology."""
    holding = _one(small_graph, KG.PositionHolding)
    report = _report_for(_broken(small_graph, remove=[(holding, KG.agent, None)]))
    assert {(v.focus, v.path) for v in report.violations} == {(f"<{holding}>", "kg:agent")}


@pytest.mark.parametrize("name,change,path,constraint", [
    ("modality outside the five", lambda f, g: ([(f, KG.modality, None)], [(f, KG.modality, KG.Meeting)]),
     "kg:modality", "in"),
    ("confidence above 1", lambda f, g: ([(f, KG.confidence, None)], [(f, KG.confidence, Literal("1.5", datatype=namespace.XSD.decimal))]),
     "kg:confidence", "maxInclusive"),
    ("confidence above 1 as a string", lambda f, g: ([(f, KG.confidence, None)], [(f, KG.confidence, Literal("2"))]),
     "kg:confidence", "datatype"),
    ("predicate missing", lambda f, g: ([(f, KG.predicate, None)], []), "kg:predicate", "minCount"),
    ("rule missing", lambda f, g: ([(f, KG.rule, None)], []), "kg:rule", "minCount"),
    ("evidence not a sentence", lambda f, g: ([(f, KG.evidence, None)], [(f, KG.evidence, _one(g, KG.Article))]),
     "kg:evidence", "class"),
    ("agent not an entity", lambda f, g: ([(f, KG.agent, None)], [(f, KG.agent, _one(g, KG.Sentence))]),
     "kg:agent", "class"),
    ("date of the wrong type", lambda f, g: ([(f, KG.date, None)], [(f, KG.date, Literal("5日"))]), "kg:date", "or"),
])
def test_broken_fact(small_graph, name, change, path, constraint):
    meeting = _one(small_graph, KG.Meeting)
    remove, add = change(meeting, small_graph)
    report = _report_for(_broken(small_graph, remove=remove, add=add))
    assert {(v.focus, v.path) for v in report.violations} == {(f"<{meeting}>", path)}, name
    assert constraint in {v.constraint for v in report.violations}, name


def test_entity_labels(small_graph):
    person = URIRef("https://w3id.org/kgnews/id/Person/スミス")
    assert (person, RDF.type, KG.Person) in small_graph
    two_ja = _report_for(_broken(small_graph, add=[(person, RDFS.label, Literal("スミス氏", lang="ja"))]))
    assert [(v.focus, v.path, v.constraint) for v in two_ja.violations] == [
        (f"<{person}>", "rdfs:label", "qualifiedMaxCount")]
    no_ja = _report_for(_broken(small_graph, remove=[(person, RDFS.label, None)],
                                add=[(person, RDFS.label, Literal("Smith", lang="en"))]))
    assert [(v.path, v.constraint) for v in no_ja.violations] == [("rdfs:label", "qualifiedMinCount")]
    two_en = _report_for(_broken(small_graph, add=[(person, RDFS.label, Literal("Smith", lang="en")),
                                                    (person, RDFS.label, Literal("Mr Smith", lang="en"))]))
    assert [(v.path, v.constraint) for v in two_en.violations] == [("rdfs:label", "qualifiedMaxCount")]
    assert "English" in two_en.violations[0].message
    two_classes = _report_for(_broken(small_graph, add=[(person, RDF.type, KG.Organization)]))
    assert [(v.path, v.constraint) for v in two_classes.violations] == [("rdf:type", "maxCount")]


def test_sentence_and_mention_offsets(small_graph):
    sentence = _one(small_graph, KG.Sentence)
    begin = small_graph.value(sentence, KG.beginIndex)
    end = small_graph.value(sentence, KG.endIndex)
    # begin ≥ end: the sentence fails lessThan and the length check, every mention in it falls outside
    swapped = _report_for(_broken(small_graph, remove=[(sentence, KG.beginIndex, None), (sentence, KG.endIndex, None)],
                                  add=[(sentence, KG.beginIndex, end), (sentence, KG.endIndex, begin)]))
    on_sentence = {(v.path, v.constraint) for v in swapped.violations if v.focus == f"<{sentence}>"}
    assert on_sentence == {("kg:beginIndex", "lessThan"), ("kg:text", "SPARQL")}
    mentions = set(small_graph.subjects(RDF.type, KG.Mention))
    assert {v.focus for v in swapped.violations if v.path == "kg:inSentence"} == {f"<{m}>" for m in mentions}
    # a mention whose end runs past its sentence
    mention = sorted(mentions)[0]
    past = Literal(int(end) + 3, datatype=namespace.XSD.nonNegativeInteger)
    report = _report_for(_broken(small_graph, remove=[(mention, KG.endIndex, None)], add=[(mention, KG.endIndex, past)]))
    assert [(v.focus, v.path, v.constraint) for v in report.violations] == [(f"<{mention}>", "kg:inSentence", "SPARQL")]
    assert f"{int(end) + 3}" in report.violations[0].message
    negative = _report_for(_broken(small_graph, remove=[(mention, KG.beginIndex, None)],
                                   add=[(mention, KG.beginIndex, Literal(-1))]))
    assert ("kg:beginIndex", "datatype") in {(v.path, v.constraint) for v in negative.violations}


def test_results_equal_plain_pyshacl_on_a_plain_graph(small_graph):
    """The parsed-once SPARQL cache changes nothing but speed."""
    import pyshacl
    from rdflib.namespace import SH

    sentence = _one(small_graph, KG.Sentence)
    g = _broken(small_graph, remove=[(sentence, KG.beginIndex, None)],
                add=[(sentence, KG.beginIndex, Literal(30, datatype=namespace.XSD.nonNegativeInteger))])
    _, plain, _ = pyshacl.validate(g, shacl_graph=str(SHAPES_FILE), ont_graph=load_ontology(), inference="none")
    expected = {(f"<{plain.value(r, SH.focusNode)}>", str(plain.value(r, SH.sourceConstraintComponent)).split("#")[1])
                for r in plain.objects(None, SH.result)}
    report = validate_graph(g)
    assert {(v.focus, v.constraint[:1].upper() + v.constraint[1:] + "ConstraintComponent") for v in report.violations} \
        == expected
    assert len(expected) > 3  # the sentence's length check and mentions outside it


def test_article_hash_and_source(small_graph):
    article = _one(small_graph, KG.Article)
    bad = _report_for(_broken(small_graph, remove=[(article, KG.sha256, None), (article, KG.sourcePath, None)],
                              add=[(article, KG.sha256, Literal("ABC123"))]))
    assert [(v.path, v.constraint) for v in bad.violations] == [("kg:sha256", "pattern"), ("kg:sourcePath", "minCount")]


def test_validate_graph_leaves_its_input_unchanged(small_graph):
    before = len(small_graph)
    validate_graph(small_graph, ontology=load_ontology())
    assert len(small_graph) == before


def test_cli_valid_graph_exits_0(small_dir):
    proc = kg("validate", small_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().startswith("valid:")


def test_cli_broken_fact_exits_1_and_names_it(tmp_path, small_dir, copy_of):
    d = copy_of(small_dir)
    ds = Dataset()
    ds.parse(d / "graph.trig", format="trig")
    meeting = next(s for s, _, _, _ in ds.quads((None, RDF.type, KG.Meeting, None)))
    ds.remove((meeting, KG.evidence, None, None))
    (d / "graph.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    proc = kg("validate", d)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == f"invalid: 1 violation in {len(load_data_graph(d))} triples"
    assert lines[0].startswith(f"<{meeting}>  kg:evidence  a fact has exactly one kg:evidence"), lines[0]


@pytest.mark.parametrize("setup,needle", [
    (lambda p: None, "no such graph folder"),
    (lambda p: p.mkdir(), "not a kg graph folder"),
    (lambda p: (p.mkdir(), (p / "graph.trig").write_text("<a> <b> .", encoding="utf-8")), "not valid TriG"),
])
def test_cli_bad_folder_exits_2_with_one_line(tmp_path, setup, needle):
    target = tmp_path / "g"
    setup(target)
    proc = kg("validate", target)
    assert proc.returncode == 2
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and needle in lines[0], proc.stderr


@pytest.mark.model
def test_dev_graph_is_valid_and_quick(dev_graph_dir):
    start = time.perf_counter()
    report = validate_directory(dev_graph_dir)
    seconds = time.perf_counter() - start
    assert report.conforms, "\n".join(v.line() for v in report.violations)
    assert report.triples > 1000
    # measured 0.4–0.6 s on the 2-core dev machine (2.7 s when rdflib re-parsed SPARQL per node)
    assert seconds < 20, seconds


@pytest.mark.model
def test_examples_graph_is_valid(examples_graph_dir):
    report = validate_directory(examples_graph_dir)
    assert report.conforms, "\n".join(v.line() for v in report.violations)
