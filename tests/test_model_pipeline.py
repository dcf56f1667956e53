"""The whole pipeline with the real GiNZA model, on the dev article and the examples."""
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kg.evaluate import load_gold, score
from kg.graph import KnowledgeGraph, dataset_for
from kg.queries import read_query, run_query, term_value
from kg.store import open_store
from tests.conftest import DEV_GOLD, DEV_TEXT, EXAMPLES, ROOT

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def dev_report(dev_results):
    return score(KnowledgeGraph(dataset_for(dev_results)).graph, load_gold(DEV_GOLD))


def test_dev_article_entities(dev_report):
    e = dev_report["entities"]
    assert e["recall"] >= 0.85, e
    persons = [k for k in dev_report["unmatched"]["split_entities"]]
    gold = load_gold(DEV_GOLD)
    person_ids = {x["id"] for x in gold["entities"] if x["type"] == "Person"}
    assert not person_ids & set(persons), dev_report["unmatched"]["split_entities"]


def test_dev_article_facts(dev_report):
    f = dev_report["facts"]
    assert f["recall"] >= 0.55 and f["precision"] >= 0.6, f


def test_offsets_cut_the_sentence_out_of_the_article_file(dev_graph_dir):
    cols, rows = run_query(open_store(dev_graph_dir), read_query("evidence"),
                           {"subject": "高市早苗", "object": "トランプ"})
    got = [dict(zip(cols, map(term_value, r))) for r in rows]
    meetings = [r for r in got if r["kind"] == "Meeting"]
    assert meetings, got
    text = DEV_TEXT.read_text(encoding="utf-8").replace("\r\n", "\n")
    for r in got:
        assert text[int(r["begin"]):int(r["end"])] == r["sentence"]
    assert "日米首脳会談を東京で行い" in meetings[0]["sentence"]


def test_sentences_and_mentions_point_into_the_article(dev_results):
    r = dev_results[0]
    for s in r.sentences:
        assert r.article.text[s.start:s.end] == s.text
        for t in s.tokens:
            assert r.article.text[t.start:t.end] == t.text
    for m, _ in r.mentions:
        assert r.article.text[m.start:m.end] == m.text


def test_heading_marker_and_photo_note_are_not_parsed(dev_results):
    texts = [s.text for s in dev_results[0].sentences]
    assert not any("▪" in t or "\ufe0f" in t for t in texts)
    assert not any("写真" in t and "AI" in t for t in texts)


def test_examples_answer_the_demo_questions(examples_graph_dir):
    store = open_store(examples_graph_dir)

    def q(name, **p):
        cols, rows = run_query(store, read_query(name), p)
        return [dict(zip(cols, map(term_value, r))) for r in rows]

    linked = {r["label"]: r["wikidata"] for r in q("wikidata_links")}
    assert linked.get("ドナルド・トランプ") == "Q22686" and linked.get("習近平") == "Q15031"
    meetings = {(r["agent"], r["participant"]) for r in q("meetings")}
    assert ("高市早苗", "ドナルド・トランプ") in meetings
    positions = {(r["person"], r["as_written"]) for r in q("positions")}
    assert ("高市早苗", "首相") in positions and ("ドナルド・トランプ", "大統領") in positions


def test_cli_build_and_query_end_to_end(tmp_path):
    out = tmp_path / "g"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(DEV_TEXT), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "[1/1]" in proc.stderr and "built" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "gifts", "--graph", str(out), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    gifts = json.loads(proc.stdout)
    assert any(g["recipient"] == "ドナルド・トランプ" and "パター" in g["gift"] for g in gifts), gifts


def test_english_text_gives_an_empty_graph_not_an_error(tmp_path):
    from kg.graph import build_directory

    p = tmp_path / "english.txt"
    p.write_text("The prime minister met the president in Tokyo on Tuesday.", encoding="utf-8")
    seen = []
    results = build_directory([p], tmp_path / "out", progress=seen.append)
    assert results[0].facts == ()
    assert any("no Japanese text" in line for line in seen)
    assert (tmp_path / "out" / "graph.html").exists()
