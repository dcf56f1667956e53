"""docs/ontology.md is generated from ontology/kg.ttl and kept in sync with it."""
import subprocess
import sys

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import KG
from kg.ontology_doc import ONTOLOGY_FILE, render
from tests.conftest import ROOT

DOC = ROOT / "docs" / "ontology.md"


def test_committed_doc_is_what_the_generator_prints():
    proc = subprocess.run([sys.executable, "-m", "kg.ontology_doc"], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == DOC.read_text(encoding="utf-8"), \
        "docs/ontology.md is stale: run `python -m kg.ontology_doc > docs/ontology.md`"


def test_every_class_and_property_has_a_section_or_row_with_both_labels():
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    text = render()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, KG.Modality):
        for term in g.subjects(RDF.type, kind):
            name = str(term).rsplit("#", 1)[-1]
            assert f'<a id="kg-{name}"></a>' in text, name
            for label in g.objects(term, RDFS.label):
                assert str(label) in text, (name, label)
    # a class section carries its labels, comment and alignments
    person = text[text.index('<a id="kg-Person"></a>'):text.index('<a id="kg-Organization"></a>')]
    for needle in ("人物", "Person", "実在の人物。", "A real person.", "[kg:Agent](#kg-Agent)", "`schema:Person`", "`wd:Q5`"):
        assert needle in person, needle
    # Country has two parents and appears under both in the hierarchy
    hierarchy = text[text.index("## Class hierarchy"):text.index("## Entity classes")]
    assert hierarchy.count("[kg:Country](#kg-Country)") == 2
    # a property row: domain, range and alignment
    agent_row = next(line for line in text.splitlines() if line.startswith('| <a id="kg-agent"></a>'))
    assert "[kg:Fact](#kg-Fact) | [kg:Entity](#kg-Entity) | subproperty of `schema:agent`" in agent_row


def test_every_link_points_to_an_anchor():
    import re

    text = render()
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= anchors, links - anchors


def test_out_option_writes_the_same_text(tmp_path):
    from kg.ontology_doc import main

    out = tmp_path / "docs" / "ontology.md"
    assert main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render()
