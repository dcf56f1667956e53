"""Properties that hold for any text: reading never fails but with InputError, the RDF kg writes
parses strictly in a second parser (pyoxigraph) to the same triples, and building twice gives the
same bytes. Hypothesis makes the text: Japanese-heavy, with markup, controls, emoji and odd code points."""
from __future__ import annotations

import hashlib
import warnings
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import BNode, Literal, URIRef

from kg.articles import MAX_SENTENCE, clean_text, decode, make_article
from kg.errors import InputError
from kg.graph import _data_graph, dataset_for, write_directory
from kg.lexicon import load_lexicon
from kg.namespaces import KG
from kg.nlp import split_sentences
from kg.types import Article, ArticleResult, DateValue, Entity, Fact, Mention, Sentence

HIRAGANA = st.characters(min_codepoint=0x3041, max_codepoint=0x3096)
KATAKANA = st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA)
KANJI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA0)
ANY = st.characters(exclude_categories=("Cs",))
WORDS = st.sampled_from([
    "首相は", "大統領と", "会談した。", "株式会社", "を買収した。", "と述べた。", "社長", "氏", "さん", "東京で",
    "10月28日", "先月", "令和7年", "4,000億ドル", "2%", "「", "」", "、", "。", "\n", "\r\n", " ", "\u3000",
    "<p>", "</p>", "<br>", "<b>", "<script>alert(1)</script>", "&lt;p&gt;", "&amp;", '"', "'", "\\", "<", ">",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\u200b", "\ufe0f", "😀", "🇯🇵", "ｶﾀｶﾅ", "１２３",
])
JAPANESE_HEAVY = st.lists(st.one_of(HIRAGANA, KATAKANA, KANJI, WORDS, WORDS, ANY), min_size=1, max_size=120).map("".join)


def to_ox(term):
    """An rdflib term as a pyoxigraph term; NamedNode raises on an invalid IRI."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal), term
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or "http://www.w3.org/2001/XMLSchema#string")))


XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def canonical(term):
    """rdflib's Turtle writer prints the decimal "0" as 0.0, a different lexical form of the same
    value (see test_integral_decimal_keeps_its_lexical_form): decimals are compared by value."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DECIMAL:
        return ("decimal", Decimal(term.value))
    return term


def quads(quads_or_triples) -> set:
    return {tuple(canonical(t) for t in q) for q in quads_or_triples}


def assert_second_parser_agrees(ds, trig: str, ttl: str) -> None:
    """pyoxigraph parses the TriG to exactly rdflib's quads, and the Turtle to its data triples."""
    want = quads((to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in ds.quads((None, None, None, None)))
    got = quads((q.subject, q.predicate, q.object, q.graph_name)
                for q in ox.parse(trig.encode("utf-8"), format=ox.RdfFormat.TRIG))
    assert got == want, (sorted(map(str, got - want))[:5], sorted(map(str, want - got))[:5])
    data = quads((to_ox(s), to_ox(p), to_ox(o)) for s, p, o in _data_graph(ds))
    got_ttl = quads((q.subject, q.predicate, q.object) for q in ox.parse(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert got_ttl == data


def test_integral_decimal_keeps_its_lexical_form(tmp_path):
    """rdflib 7's Turtle writer printed the xsd:decimal "400000000000" as 400000000000.0; a build
    writes graph.trig and graph.ttl with pyoxigraph, which keeps the lexical form kg made."""
    from dataclasses import replace

    from kg.graph import write_build
    from kg.incremental import Kept
    from tests.builders import small_result

    r = small_result("amount")
    r = replace(r, facts=(replace(r.facts[0], amount=("400000000000", "ドル")),) + r.facts[1:])
    write_build(tmp_path / "build", [Kept.of(r)], html=False)
    write_directory(dataset_for([r]), tmp_path / "dataset", html=False)
    for out in (tmp_path / "build", tmp_path / "dataset"):
        for name, fmt in (("graph.trig", ox.RdfFormat.TRIG), ("graph.ttl", ox.RdfFormat.TURTLE)):
            amounts = [q.object for q in ox.parse(path=str(out / name), format=fmt) if q.predicate == ox.NamedNode(KG.amount)]
            assert [(a.value, a.datatype.value) for a in amounts] == [("400000000000", XSD_DECIMAL)], (out, name)


# ---------------------------------------------------------------- reading: no model

@settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=600) | JAPANESE_HEAVY.map(lambda t: t.encode("utf-8")))
def test_decode_gives_text_or_an_input_error(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            text = decode(data, "x.txt")
        except InputError as e:
            assert str(e).startswith("x.txt: ") and "\n" not in str(e)
            return
    assert isinstance(text, str)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.one_of(HIRAGANA, KATAKANA, st.sampled_from("日本首相大統領会談東京発表、。「」\n ABC123")),
                min_size=20, max_size=200).map("".join),
       st.sampled_from(["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"]))
def test_japanese_text_in_any_common_encoding_reads_back(text, enc):
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return  # a kana Shift_JIS / EUC-JP cannot write
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert decode(data, "x.txt") == text


@settings(max_examples=300, deadline=None, database=None)
@given(JAPANESE_HEAVY | st.text(st.characters(exclude_categories=()), max_size=200)
       | st.builds(lambda u, n: u * n, st.sampled_from(["あ", "東京、", "「会談し", "😀"]), st.integers(0, 1200)))
def test_articles_are_clean_and_their_sentences_bounded(text):
    a = make_article(text, id="a", source="a.txt")
    assert "\r" not in a.text and not any(ord(c) < 32 and c not in "\n\t" for c in a.text)
    assert not any("\ud800" <= c <= "\udfff" for c in a.text)
    assert a.sha256 == hashlib.sha256(a.text.encode("utf-8")).hexdigest()
    last = 0
    for s in a.segments:
        assert last <= s.start < s.end <= len(a.text) and a.text[s.start:s.end].strip()
        assert all(y - x <= MAX_SENTENCE for x, y in split_sentences(a.text[s.start:s.end]))
        last = s.end


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.one_of(HIRAGANA, KANJI, st.sampled_from(["。", "、", "「", "」", "\n", "▪見出し\n"])),
                max_size=200).map("".join)
       | st.builds(lambda a, n, b: a + "東京、" * n + b, st.text(HIRAGANA | st.just("。"), max_size=300),
                   st.integers(0, 300), st.text(KANJI | st.just("。"), max_size=300)))
def test_plain_text_is_unchanged_and_long_lines_keep_whole_sentences(text):
    """Markup-free text is kept as it is (offsets index it), and a segment boundary only falls
    inside a sentence when that sentence is longer than MAX_SENTENCE."""
    a = make_article(text, id="a", source="a.txt")
    assert a.text == clean_text(text) == text
    pos = 0
    for line in text.split("\n"):
        for x, y in split_sentences(line):
            if y - x <= MAX_SENTENCE and line[x:y].strip() and line.strip()[0] not in "✳✴※＊*":
                assert any(s.start <= pos + x and pos + y <= s.end for s in a.segments), (line[x:y], a.segments)
        pos += len(line) + 1


# ---------------------------------------------------------------- RDF: no model

KEYS = st.tuples(st.sampled_from(["Person", "Organization", "Company", "Country", "Place"]), ANY.filter(str.strip)
                 | JAPANESE_HEAVY).map(lambda t: f"{t[0]}:{t[1]}")


@st.composite
def article_results(draw):
    """An ArticleResult as extraction could give it, with every name, label, lemma and quote
    drawn from arbitrary text."""
    text = draw(JAPANESE_HEAVY)
    art = make_article(text or "本文", id=draw(JAPANESE_HEAVY), source=draw(JAPANESE_HEAVY),
                       title=draw(st.none() | JAPANESE_HEAVY), url=draw(st.none() | JAPANESE_HEAVY))
    sent = Sentence(article_id=art.id, index=0, start=0, end=len(art.text), text=art.text, tokens=())
    keys = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    ents = tuple(Entity(key=k, cls=k.partition(":")[0], label=k.partition(":")[2],
                        alt_labels=tuple(draw(st.lists(JAPANESE_HEAVY, max_size=2))),
                        wikidata=draw(st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True)),
                        label_en=draw(st.none() | JAPANESE_HEAVY)) for k in keys)
    mentions = tuple((Mention(sentence=0, start=0, end=1, text=draw(JAPANESE_HEAVY), label=k.partition(":")[2],
                              cls=k.partition(":")[0], tok_start=0, tok_end=1), k) for k in keys)
    classes = sorted(load_lexicon().fact_classes)
    facts = tuple(Fact(cls=draw(st.sampled_from(classes)), predicate=draw(JAPANESE_HEAVY), sentence=0,
                       roles=tuple(sorted((r, k) for r, k in zip(["agent", "participant", "theme"], keys))),
                       modality=draw(st.sampled_from(["Asserted", "Planned", "Hedged", "Negated", "Reported"])),
                       rule=draw(JAPANESE_HEAVY), confidence=draw(st.floats(0, 1)),
                       date=draw(st.none() | st.just(DateValue("2025-10-28", "date", draw(JAPANESE_HEAVY)))),
                       time=draw(st.none() | JAPANESE_HEAVY), quote=draw(st.none() | JAPANESE_HEAVY),
                       amount=draw(st.none() | st.tuples(st.from_regex(r"[0-9]{1,20}(\.[0-9]{1,5})?", fullmatch=True),
                                                          JAPANESE_HEAVY)),
                       article_id=art.id)
                  for _ in range(draw(st.integers(0, 3))))
    return ArticleResult(article=art, sentences=(sent,), mentions=mentions, entities=ents, facts=facts)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article_results())
def test_any_names_give_valid_iris_and_escaped_literals(result):
    ds = dataset_for([result], with_ontology=False)
    assert_second_parser_agrees(ds, ds.serialize(format="trig"), _data_graph(ds).serialize(format="turtle"))


# ---------------------------------------------------------------- the whole pipeline: GiNZA

@pytest.mark.model
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(JAPANESE_HEAVY, st.sampled_from([
    "山田太郎首相は5日、東京でスミス大統領と会談した。", "鈴木社長は「協力を続ける」と述べた。",
    "株式会社テストは先月、4,000億ドルで同業を買収した。", "▪見出し"])), min_size=1, max_size=6).map("\n".join))
def test_any_text_goes_through_the_pipeline_to_the_same_bytes_twice(tmp_path_factory, text):
    from kg.graph import extract_all

    outs = []
    for n in range(2):
        article = make_article(text, id="prop", source="prop.txt", date="2025-10-28")
        results = extract_all([article])
        out = tmp_path_factory.mktemp(f"build{n}") / "graph"
        ds = dataset_for(results)
        write_directory(ds, out)
        outs.append(out)
    files = ("graph.trig", "graph.ttl", "graph.html")
    first, second = ({f: (o / f).read_bytes() for f in files} for o in outs)
    assert first == second
    assert_second_parser_agrees(ds, first["graph.trig"].decode("utf-8"), first["graph.ttl"].decode("utf-8"))
    store = ox.Store.read_only(str(outs[0] / "store"))
    assert any(True for _ in store.quads_for_pattern(None, None, None, None))
    from kg.validate import validate_directory

    report = validate_directory(outs[0])
    assert report.conforms, [v.line() for v in report.violations][:5]
