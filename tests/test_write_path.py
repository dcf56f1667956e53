"""The streamed write path of a build (kg.graph.write_build, kg.store.write_folder): cross-article
resolution from the entities alone, per-article shards reused or made again, the k-way merge of
graph.ttl, chunked store loading, sorted prefixes. Model-free: hand-made ArticleResults."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings

from tests.builders import small_result
from tests.test_properties import article_results

OUTPUTS = ("graph.trig", "graph.ttl")


def rename(r, old: str, new: str):
    """The result with the entity ``old`` (a key) called ``new`` everywhere, as if written so."""
    label = new.split(":", 1)[1]
    ents = tuple(sorted((replace(e, key=new, label=label) if e.key == old else e for e in r.entities),
                        key=lambda e: e.key))
    mentions = tuple((replace(m, label=label) if k == old else m, new if k == old else k) for m, k in r.mentions)
    facts = tuple(replace(f, roles=tuple(sorted((role, new if k == old else k) for role, k in f.roles)))
                  for f in r.facts)
    return replace(r, entities=ents, mentions=mentions, facts=facts)


def corpus():
    """a: 山田 and スミス (short names); b: 佐藤花子 and ジョン・スミス; c: 山田太郎 and スミス."""
    a = rename(small_result("a"), "Person:山田太郎", "Person:山田")
    b = rename(rename(small_result("b"), "Person:山田太郎", "Person:佐藤花子"), "Person:スミス", "Person:ジョン・スミス")
    c = small_result("c")
    return a, b, c


def store_quads(folder: Path) -> set[str]:
    store = ox.Store.read_only(str(folder / "store"))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def outputs(folder: Path) -> dict[str, bytes]:
    files = {f: (folder / f).read_bytes() for f in OUTPUTS}
    files.update({f"articles/{p.name}": p.read_bytes() for p in sorted((folder / "articles").iterdir())})
    files["manifest.json"] = (folder / "manifest.json").read_bytes()
    return files


def build(out: Path, results, **kw) -> None:
    from kg.graph import write_build
    from kg.incremental import Kept

    write_build(out, [Kept.of(r) for r in results], html=kw.pop("html", False), **kw)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_resolution_from_entities_alone_is_resolve_corpus(n):
    from kg.entities import resolve_corpus
    from kg.graph import apply_resolution, corpus_resolution

    results = list(corpus()[:n])
    remap, resolved = corpus_resolution([r.entities for r in results])
    assert bool(remap) == (n > 1)  # the test means something: a short name meets a long one
    assert [apply_resolution(r, ents, remap) for r, ents in zip(results, resolved)] == resolve_corpus(results)


def test_a_new_article_that_resolves_an_old_name_remakes_only_that_article(tmp_path, monkeypatch):
    import kg.incremental as inc

    a, b, c = corpus()
    out = tmp_path / "g"
    build(out, [a, b])
    made: list[str] = []
    real = inc.write_shard
    monkeypatch.setattr(inc, "write_shard", lambda files, key, r: (made.append(r.article.id), real(files, key, r)))
    build(out, [a, b])
    assert made == []  # nothing changed: every shard is reused
    build(out, [a, b, c])
    # c is new; a's 山田 is now c's 山田太郎; b is untouched (its スミス was already the long name)
    assert sorted(made) == ["a", "c"]
    assert "Person/山田太郎" in (out / "articles" / "a.nq").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build(clean, [a, b, c])
    assert outputs(out) == outputs(clean)
    assert store_quads(out) == store_quads(clean)
    # and back: without c, a's own short name returns
    made.clear()
    build(out, [a, b])
    assert made == ["a"] and "Person/山田>" in (out / "articles" / "a.nq").read_text(encoding="utf-8")
    build(tmp_path / "clean2", [a, b])
    assert outputs(out) == outputs(tmp_path / "clean2")
    assert store_quads(out) == store_quads(tmp_path / "clean2")  # c's graph, and its triples in the union, gone


def test_the_previous_store_is_updated_when_it_can_be_and_loaded_afresh_when_not(tmp_path, monkeypatch):
    import json

    import kg.store as st

    a, b, c = corpus()
    out = tmp_path / "g"
    build(out, [a, b])
    held = json.loads((out / "store" / st.STORE_GRAPHS).read_text(encoding="utf-8"))
    assert len(held) == 3 and all(held.values())  # two articles and the ontology, each with its key
    updated: list[int] = []
    real = st._update_store
    monkeypatch.setattr(st, "_update_store", lambda store, changed, dropped: (updated.append(len(changed)),
                                                                            real(store, changed, dropped)))
    build(out, [a, b, c])
    assert updated == [2]  # a (its 山田 resolved) and c
    clean = tmp_path / "clean"
    build(clean, [a, b, c])
    for spoil in ("not json", "[1, 2]", None):
        if spoil is None:
            (out / "store" / st.STORE_GRAPHS).unlink()
        else:
            (out / "store" / st.STORE_GRAPHS).write_text(spoil, encoding="utf-8")
        build(out, [a, b, c])
        assert store_quads(out) == store_quads(clean) and len(updated) == 1  # loaded afresh
    monkeypatch.setattr(st, "UPDATE_SHARE", 0.0)
    build(out, [a, b])
    assert len(updated) == 2  # up to 10 graphs are always updated in place


def test_a_shard_without_its_key_is_made_again(tmp_path):
    """As a shard written by an earlier kg (no key line), or one whose key is another's."""
    a, b, _ = corpus()
    out = tmp_path / "g"
    build(out, [a, b])
    before = outputs(out)
    shard = out / "articles" / "a.nq"
    shard.write_text(shard.read_text(encoding="utf-8").split("\n", 1)[1].replace("山田", "田中"), encoding="utf-8")
    (out / "articles" / "b.nq").write_text("# kg shard 0123\n", encoding="utf-8")
    build(out, [a, b])
    assert outputs(out) == before
    lines = shard.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# kg shard ") and lines[1:] == sorted(lines[1:])


def test_merging_and_loading_in_small_pieces_gives_the_same_outputs(tmp_path, monkeypatch):
    import kg.store as st

    results = list(corpus())
    build(tmp_path / "big", results)
    monkeypatch.setattr(st, "FAN_IN", 2)  # merge runs of runs
    monkeypatch.setattr(st, "BULK_BYTES", 20_000)  # many bulk loads
    build(tmp_path / "small", results)
    assert outputs(tmp_path / "big") == outputs(tmp_path / "small")
    assert store_quads(tmp_path / "big") == store_quads(tmp_path / "small")


def test_outputs_are_sorted_with_sorted_prefixes_and_the_union_in_the_store(tmp_path):
    from kg.namespaces import ONTOLOGY_IRI

    results = list(corpus())
    out = tmp_path / "g"
    build(out, results, html=True)
    assert sorted(p.name for p in out.iterdir()) == ["articles", "graph.html", "graph.trig", "graph.ttl",
                                                      "manifest.json", "store"]
    for f in OUTPUTS:
        head = (out / f).read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
        assert head == sorted(head) and all(line.startswith("@prefix ") for line in head)
        assert "kg:" in head[1] and not any(line.startswith("@prefix kgr:") for line in head)
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    graphs = [q.graph_name.value for q in trig]
    assert graphs == sorted(graphs) and graphs[-1] == ONTOLOGY_IRI
    ttl = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert {q.triple for q in ttl} == {q.triple for q in trig if q.graph_name.value != ONTOLOGY_IRI}
    assert len(ttl) == len({q.triple for q in ttl})
    store = ox.Store.read_only(str(out / "store"))
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = [q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name != ox.DefaultGraph()]
    assert len(named) == len(trig)  # (Oxigraph stores xsd:nonNegativeInteger as xsd:integer)
    assert default == {q.triple for q in named}  # the union of every graph, the ontology's included


def test_two_builds_into_different_folders_write_the_same_bytes(tmp_path):
    results = list(corpus())
    build(tmp_path / "one", results, html=True)
    build(tmp_path / "two", list(reversed(results)), html=True)
    for f in OUTPUTS:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f


def test_build_results_are_read_back_lazily_without_tokens():
    from kg.graph import BuildResults
    from kg.incremental import Kept, slim

    results = list(corpus())
    kept = [Kept.of(r) for r in results]
    assert all(len(k.data) < 4000 for k in kept)
    built = BuildResults(kept, ["x.txt: empty file"])
    assert len(built) == 3 and built.skipped == ("x.txt: empty file",)
    assert list(built) == [slim(r) for r in results] and built[1:] == [slim(r) for r in results[1:]]


def test_line_separators_inside_literals_stay_inside_them(tmp_path):
    """N-Quads lines are split at "\\n" only: U+2028, NEL and friends are ordinary characters in a literal."""
    odd = "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\rh\ni"
    r = small_result("odd")
    r = replace(r, sentences=(replace(r.sentences[0], text=odd),))
    out = tmp_path / "g"
    build(out, [r], html=True)
    for name, fmt in (("graph.trig", ox.RdfFormat.TRIG), ("graph.ttl", ox.RdfFormat.TURTLE)):
        texts = [q.object.value for q in ox.parse(path=str(out / name), format=fmt) if q.object.value == odd]
        assert texts == [odd], name
    assert any(q.object.value == odd for q in ox.Store.read_only(str(out / "store")))
    build(out, [r], html=True)  # and its shard reads back
    assert [q.object.value for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
            if q.object.value == odd] == [odd]


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(article_results())
def test_any_article_is_written_and_read_back_exactly(tmp_path_factory, result):
    """Whatever the names and texts, graph.trig holds exactly the article's quads (and the
    ontology), graph.ttl its triples, the store both; a rebuild reuses the shard."""
    from kg.namespaces import ONTOLOGY_IRI
    from kg.rdf import article_quads

    out = tmp_path_factory.mktemp("w") / "g"
    build(out, [result])
    want = set(article_quads(result))
    trig = {q for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
            if q.graph_name.value != ONTOLOGY_IRI}
    assert trig == want
    assert {q.triple for q in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)} == {q.triple for q in want}
    before = outputs(out)
    build(out, [result])
    assert outputs(out) == before


def test_the_page_from_the_triples_it_reads_is_the_page_of_the_whole_graph(tmp_path):
    from kg.entities import resolve_corpus
    from kg.graph import _data_graph, dataset_for, load_ontology
    from kg.visualise import render_html

    a, b, c = corpus()
    # every fact attribute, so that a page reading one the filter leaves out would differ
    fact = replace(c.facts[0], time="16:10", quote="協力を続ける", amount=("30", "億円"), rule="test", confidence=0.75)
    results = [a, b, replace(c, facts=(fact,) + c.facts[1:])]
    out = tmp_path / "g"
    build(out, results, html=True)
    whole = render_html(_data_graph(dataset_for(resolve_corpus(results))), ontology=load_ontology(), title="kg — g")
    assert "Meeting" in whole and (out / "graph.html").read_text(encoding="utf-8") == whole
