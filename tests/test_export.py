"""`kg export`: RDF exports parse strictly to the graph's own triples/quads; GraphML and CSV load."""
import csv
import json
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.export import ENTITY_COLUMNS, FACT_COLUMNS, FORMATS, RDF_FORMATS, export_graph
from kg.graph import KnowledgeGraph, dataset_for, write_directory
from tests.builders import small_result
from tests.conftest import ROOT

ONTOLOGY_GRAPH = "https://w3id.org/kgnews/ontology"
OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
             "jsonld": ox.RdfFormat.JSON_LD}


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("small-graph")
    write_directory(dataset_for([small_result()]), out, html=False)
    return out


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def graph_quads(d):
    return set(ox.parse(path=str(d / "graph.trig"), format=ox.RdfFormat.TRIG))


def article_triples(d):
    return {q.triple for q in graph_quads(d) if q.graph_name != ox.NamedNode(ONTOLOGY_GRAPH)}


def _check_rdf_export(d, fmt, path):
    parsed = list(ox.parse(path=str(path), format=OX_FORMAT[fmt]))  # strict: raises on any error
    if fmt == "ttl":
        assert {q.graph_name for q in parsed} == {ox.DefaultGraph()}
        assert {q.triple for q in parsed} == article_triples(d)
        # and the same as the graph.ttl that kg build writes
        assert set(parsed) == set(ox.parse(path=str(d / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    else:
        assert set(parsed) == graph_quads(d)
        assert len(parsed) == len(set(parsed))


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_export_parses_strictly_to_the_same_graph(small_dir, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    assert export_graph(small_dir, fmt, out) == [out]
    _check_rdf_export(small_dir, fmt, out)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_export_is_byte_identical_when_repeated(small_dir, tmp_path, fmt):
    a, b = export_graph(small_dir, fmt, tmp_path / "a")[0], None
    (tmp_path / "b").mkdir()
    b = export_graph(small_dir, fmt, tmp_path / "b")[0]
    assert b.name == f"graph.{fmt}"
    assert a.read_bytes() == b.read_bytes()


def test_jsonld_reads_in_rdflib_with_its_named_graphs(small_dir, tmp_path):
    out = export_graph(small_dir, "jsonld", tmp_path / "g.jsonld")[0]
    json.loads(out.read_text(encoding="utf-8"))
    from_jsonld, from_trig = Dataset(), Dataset()
    from_jsonld.parse(out, format="json-ld")
    from_trig.parse(small_dir / "graph.trig", format="trig")

    def quads(ds):
        return {(s, p, o, str(g)) for s, p, o, g in ds.quads()}

    assert quads(from_jsonld) == quads(from_trig)
    assert {str(g.identifier) for g in from_jsonld.graphs() if len(g)} == {
        ONTOLOGY_GRAPH, "https://w3id.org/kgnews/id/graph/small"}


def test_graphml_loads_with_the_networkx_graph(small_dir, tmp_path):
    out = export_graph(small_dir, "graphml", tmp_path / "g.graphml")[0]
    H = nx.read_graphml(out, force_multigraph=True)
    G = KnowledgeGraph.load(small_dir).to_networkx()
    assert set(H.nodes) == set(G.nodes) and len(G) == 5
    assert sorted((a, b, k) for a, b, k in H.edges(keys=True)) == sorted(G.edges(keys=True))
    yamada = next(n for n, d in H.nodes(data=True) if d["label"] == "山田太郎")
    assert json.loads(H.nodes[yamada]["aliases"]) == ["山田太郎首相"]
    assert H.nodes[yamada]["cls"] == "Person"
    meeting = next(d for _, _, d in H.edges(data=True) if d["relation"] == "metWith")
    assert meeting["modality"] == "Asserted" and meeting["date"] == "2025-03-05"
    assert meeting["sentence"] == "山田太郎首相は5日、東京でスミス大統領と会談した。"


def _read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_csv_has_the_expected_header_and_the_facts(small_dir, tmp_path):
    written = export_graph(small_dir, "csv", tmp_path / "tables")
    assert [p.name for p in written] == ["entities.csv", "facts.csv"]
    header, facts = _read_csv(tmp_path / "tables" / "facts.csv")
    assert header == FACT_COLUMNS
    assert header[:8] == ["subject", "relation", "object", "date", "place", "modality", "sentence", "article"]
    rows = {(r["subject"], r["relation"], r["object"], r["date"], r["place"], r["modality"], r["article"]) for r in facts}
    assert rows == {
        ("山田太郎", "metWith", "スミス", "2025-03-05", "東京都", "asserted", "small.txt"),
        ("山田太郎", "holdsPosition", "内閣総理大臣", "", "", "asserted", "small.txt"),
        ("スミス", "holdsPosition", "大統領", "", "", "asserted", "small.txt"),
    }
    assert {r["sentence"] for r in facts} == {"山田太郎首相は5日、東京でスミス大統領と会談した。"}
    assert {r["event"] for r in facts} == {"Meeting", "PositionHolding"}
    graph_facts = {str(s) for s in KnowledgeGraph.load(small_dir).graph.subjects(predicate=None)
                   if "/fact/" in str(s)}
    assert {r["fact"] for r in facts} == graph_facts
    header, entities = _read_csv(tmp_path / "tables" / "entities.csv")
    assert header == ENTITY_COLUMNS
    by_label = {r["label"]: r for r in entities}
    assert set(by_label) == {"山田太郎", "スミス", "内閣総理大臣", "大統領", "東京都"}
    assert by_label["東京都"]["label_en"] == "Tokyo" and by_label["東京都"]["wikidata"] == "Q1490"
    assert by_label["東京都"]["class"] == "Place" and by_label["東京都"]["aliases"] == "東京"
    assert by_label["山田太郎"]["mentions"] == "1"


def test_cli_export_defaults_to_the_export_folder(small_dir, copy_of):
    d = copy_of(small_dir)
    proc = kg("export", d, "--format", "nq")
    assert proc.returncode == 0, proc.stderr
    assert (d / "export" / "graph.nq").exists()
    assert f"wrote {d / 'export' / 'graph.nq'}" in proc.stderr
    proc = kg("export", d, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (d / "export").iterdir()) == ["entities.csv", "facts.csv", "graph.nq"]


def test_cli_choices_match_the_library():
    from kg.cli import make_parser

    export = make_parser()._subparsers._group_actions[0].choices["export"]
    fmt = next(a for a in export._actions if a.dest == "format")
    assert tuple(fmt.choices) == FORMATS


@pytest.mark.parametrize("args,needle", [
    (["--format", "xml"], "invalid choice"),
])
def test_cli_bad_format_is_a_usage_error(small_dir, args, needle):
    proc = kg("export", small_dir, *args)
    assert proc.returncode == 2 and needle in proc.stderr


def test_csv_out_must_be_a_folder(small_dir, tmp_path):
    f = tmp_path / "file.csv"
    f.write_text("keep", encoding="utf-8")
    proc = kg("export", small_dir, "--format", "csv", "--out", f)
    assert proc.returncode == 2 and "must be a folder" in proc.stderr
    assert f.read_text(encoding="utf-8") == "keep"


def test_a_failed_export_leaves_the_previous_file_and_no_temporary(small_dir, copy_of, tmp_path):
    d = copy_of(small_dir)
    out = tmp_path / "out.nq"
    out.write_text("previous", encoding="utf-8")
    (d / "graph.trig").write_text("<a> <b> .", encoding="utf-8")
    proc = kg("export", d, "--format", "nq", "--out", out)
    assert proc.returncode == 2 and "not valid TriG" in proc.stderr
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.nq", d.name]


@pytest.mark.model
def test_dev_graph_exports(dev_graph_dir, tmp_path):
    for fmt in RDF_FORMATS:
        out = export_graph(dev_graph_dir, fmt, tmp_path / f"dev.{fmt}")[0]
        _check_rdf_export(dev_graph_dir, fmt, out)
    tables = export_graph(dev_graph_dir, "csv", tmp_path / "tables")
    header, facts = _read_csv(tables[1])
    assert header == FACT_COLUMNS
    meetings = {(r["subject"], r["object"]) for r in facts if r["event"] == "Meeting"}
    assert any("高市" in s and "トランプ" in o for s, o in meetings), meetings
    H = nx.read_graphml(export_graph(dev_graph_dir, "graphml", tmp_path / "dev.graphml")[0], force_multigraph=True)
    assert H.number_of_edges() == KnowledgeGraph.load(dev_graph_dir).to_networkx().number_of_edges()
