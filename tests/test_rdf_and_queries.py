"""RDF output, the store, bundled queries and evaluation on a hand-built article (no model)."""
import pyoxigraph
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.errors import QueryError
from kg.evaluate import score
from kg.graph import KnowledgeGraph, dataset_for, write_directory
from kg.queries import bundled_queries, parse_params, read_query, run_query, term_value
from kg.store import open_store
from tests.builders import small_result


@pytest.fixture(scope="module")
def result():
    return small_result()


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory, result):
    out = tmp_path_factory.mktemp("small")
    write_directory(dataset_for([result]), out)
    return out


def rows(store, query_name, **params):
    cols, rs = run_query(store, read_query(query_name), params)
    return [dict(zip(cols, [term_value(v) for v in r])) for r in rs]


def test_outputs_exist_and_parse_strictly_to_the_same_triples(graph_dir):
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (graph_dir / name).stat().st_size > 0
    ds = Dataset()
    ds.parse(graph_dir / "graph.trig", format="trig")
    quads = list(pyoxigraph.parse(path=str(graph_dir / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == len(list(ds.quads((None, None, None, None))))


def test_meetings_query_answers_who_met_whom(graph_dir):
    got = rows(open_store(graph_dir), "meetings")
    assert [(r["agent"], r["participant"], r["date"], r["place"]) for r in got] == \
        [("山田太郎", "スミス", "2025-03-05", "東京都")]  # 東京 links to the gazetteer


def test_evidence_query_gives_offsets_that_cut_the_sentence(graph_dir, result):
    got = rows(open_store(graph_dir), "evidence", subject="山田太郎", object="スミス")
    assert got, "no evidence row"
    text = result.article.text
    for r in got:
        assert text[int(r["begin"]):int(r["end"])] == r["sentence"]
    assert got[0]["sentence"] == "山田太郎首相は5日、東京でスミス大統領と会談した。"


def test_positions_query(graph_dir):
    got = rows(open_store(graph_dir), "positions")
    assert {(r["person"], r["position"], r["as_written"]) for r in got} == {("山田太郎", "内閣総理大臣", "首相"), ("スミス", "大統領", "大統領")}


def test_parameter_values_are_bound_not_pasted(graph_dir):
    store = open_store(graph_dir)
    before = len(store)
    hostile = '"} ; DROP ALL ; {"'
    assert rows(store, "statements_by_person", name=hostile) == []
    assert rows(store, "statements_by_person", name="山田太郎\" . ?s ?p ?o . #") == []
    assert len(store) == before


@pytest.mark.parametrize("items,message", [
    (["noequals"], "NAME=VALUE"),
    (["1bad=x"], "NAME=VALUE"),
])
def test_bad_params_are_refused(items, message):
    with pytest.raises(QueryError, match=message):
        parse_params(items)


def test_missing_and_unknown_parameters_are_named(graph_dir):
    store = open_store(graph_dir)
    with pytest.raises(QueryError, match="missing parameter name"):
        run_query(store, read_query("statements_by_person"), {})
    with pytest.raises(QueryError, match="unknown parameter who"):
        run_query(store, read_query("meetings"), {"who": "x"})
    with pytest.raises(QueryError, match="no such query file"):
        read_query("nope")


def test_every_bundled_query_has_questions_and_runs(graph_dir):
    store = open_store(graph_dir)
    qs = bundled_queries()
    assert len(qs) >= 12
    for q in qs:
        assert q.question_ja and q.question_en, q.name
        run_query(store, q, {p: "山田太郎" for p in q.params})


def test_rebuild_gives_identical_bytes(tmp_path, result):
    for name in ("a", "b"):
        write_directory(dataset_for([small_result()]), tmp_path / name / "graph")
    for f in ("graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "a" / "graph" / f).read_bytes() == (tmp_path / "b" / "graph" / f).read_bytes(), f


def test_knowledge_graph_api(result):
    kg = KnowledgeGraph(dataset_for([result]), [result])
    df = kg.query("meetings")
    assert list(df["participant"]) == ["スミス"]
    assert set(kg.entities["label"]) == {"山田太郎", "スミス", "東京都", "内閣総理大臣", "大統領"}
    G = kg.to_networkx()
    assert any(d["relation"] == "metWith" for _, _, d in G.edges(data=True))
    shown = kg.show().data
    assert "<iframe srcdoc=" in shown and 'sandbox="allow-scripts"' in shown


def test_score_counts_found_entities_and_facts(result):
    g = KnowledgeGraph(dataset_for([result])).graph
    gold = {"entities": [
        {"id": "yamada", "type": "Person", "label_ja": "山田太郎", "mentions": ["山田首相"]},
        {"id": "smith", "type": "Person", "label_ja": "ジョン・スミス", "mentions": ["スミス大統領"]},
        {"id": "seoul", "type": "Place", "label_ja": "ソウル", "mentions": []},
        {"id": "d", "type": "Date", "label_ja": "5日", "mentions": []}],
        "facts": [
        {"s": "smith", "p": "meets", "o": "yamada", "evidence_ja": "スミス大統領と会談"},
        {"s": "yamada", "p": "visits", "o": "seoul", "evidence_ja": "東京で"}]}
    report = score(g, gold)
    assert report["entities"]["found"] == 2 and report["entities"]["gold"] == 3
    assert report["facts"]["found"] == 1  # meets matches in either direction
    assert report["per_relation"]["meets"]["recall"] == 1.0
    assert report["per_relation"]["visits"]["recall"] == 0.0
    assert report["unmatched"]["gold_entities"] == ["seoul"]


def test_isomorphic_rebuild(result):
    a = KnowledgeGraph(dataset_for([result])).graph
    b = KnowledgeGraph(dataset_for([small_result()])).graph
    assert isomorphic(a, b)


def test_fact_chain_finds_direct_and_two_hop_links(graph_dir):
    store = open_store(graph_dir)
    direct = rows(store, "fact_chain", a="山田太郎", b="スミス")
    assert [(r["hops"], r["first"]) for r in direct] == [("1", "met with")]
    two = rows(store, "fact_chain", a="内閣総理大臣", b="スミス")
    assert [(r["hops"], r["via"], r["first"], r["second"]) for r in two] == \
        [("2", "山田太郎", "holds position", "met with")]


def test_fact_provenance_of_the_meeting(graph_dir, result):
    from kg.namespaces import fact_iri
    from kg.rdf import fact_content

    meeting = next(f for f in result.facts if f.cls == "Meeting")
    got = rows(open_store(graph_dir), "fact_provenance", fact=f"<{fact_iri(fact_content(meeting))}>")
    assert len(got) == 1
    r = got[0]
    assert (r["kind"], r["predicate"], r["rule"], r["modality"]) == ("Meeting", "会談", "predicate", "asserted")
    assert result.article.text[int(r["begin"]):int(r["end"])] == r["sentence"]
    assert r["sha256"] == result.article.sha256


def test_statements_by_topic_on_a_statement(tmp_path):
    from kg.types import Fact

    base = small_result("topic")
    speaker = next(e.key for e in base.entities if e.label == "山田太郎")
    said = Fact("Statement", "述べる", 0, (("agent", speaker),), quote="同盟を強める", article_id="topic")
    from dataclasses import replace

    write_directory(dataset_for([replace(base, facts=base.facts + (said,))]), tmp_path / "g")
    store = open_store(tmp_path / "g")
    assert [(r["speaker"], r["quote"]) for r in rows(store, "statements_by_topic", topic="同盟")] == \
        [("山田太郎", "同盟を強める")]
    assert rows(store, "statements_by_topic", topic="関税") == []


def test_a_negated_fact_keeps_its_node_but_gives_no_edge_and_no_score(result):
    from dataclasses import replace

    from kg.namespaces import KG

    negated = replace(result, facts=tuple(replace(f, modality="Negated") if f.cls == "Meeting" else f
                                          for f in result.facts))
    gold = {"entities": [{"id": "yamada", "type": "Person", "label_ja": "山田太郎", "mentions": []},
                         {"id": "smith", "type": "Person", "label_ja": "スミス", "mentions": []}],
            "facts": [{"s": "smith", "p": "meets", "o": "yamada", "evidence_ja": "スミス大統領と会談"}]}
    for r, edges, found in ((result, 1, 1), (negated, 0, 0)):
        g = KnowledgeGraph(dataset_for([r])).graph
        assert len(list(g.subjects(KG.modality, KG.Negated))) == 1 - edges
        assert len(list(g.triples((None, KG.metWith, None)))) == edges
        assert score(g, gold)["facts"]["found"] == found
