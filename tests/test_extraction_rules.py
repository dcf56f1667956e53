"""Mentions, entities and facts on hand-built sentences (no model)."""
from kg.entities import canonical_person_names, resolve_entities
from kg.facts import extract_facts, leading_leaders
from kg.mentions import extract_mentions, particles
from tests.builders import AUX, CASE, COUNTRY, NOUN, PLACE, PN, PN_SEI, PUNCT, SAHEN, SURU, TOPIC, meeting_sentence, sentence


def _by(mentions):
    return sorted((m.label, m.cls, m.rule) for m in mentions)


def test_name_and_title_are_split_and_the_title_is_a_position():
    ms = extract_mentions(meeting_sentence())
    got = _by(ms)
    assert ("山田太郎", "Person", "name+title") in got
    assert ("スミス", "Person", "name+title") in got
    assert ("首相", "Position", "name+title") in got and ("大統領", "Position", "name+title") in got
    assert ("東京", "Place", "ner") in got
    smith = next(m for m in ms if m.label == "スミス")
    assert smith.title == "大統領" and smith.written == "スミス大統領"


def test_honorific_alone_is_not_an_entity_and_name_before_it_is_a_person():
    s = sentence([
        ("佐藤", "佐藤", "PROPN", PN_SEI, "compound", 1, "B"),
        ("氏", "氏", "NOUN", "接尾辞-名詞的-一般", "nsubj", 3, "H"),
        ("は", "は", "ADP", TOPIC, "case", 1, ""),
        ("語っ", "語る", "VERB", "動詞-一般", "ROOT", 3, "BH"),
        ("た", "た", "AUX", "助動詞", "aux", 3, ""),
    ], ents=[(1, 2, "Title_Other"), (0, 1, "Car")])
    got = _by(extract_mentions(s))
    assert got == [("佐藤", "Person", "name+title")]


def test_country_abbreviations_expand_to_each_country():
    s = sentence([
        ("日米", "日米", "NOUN", NOUN, "compound", 2, "B"),
        ("首脳", "首脳", "NOUN", NOUN, "compound", 2, ""),
        ("会談", "会談", "NOUN", SAHEN, "ROOT", 2, "H"),
    ], ents=[(0, 1, "Country")])
    got = _by(extract_mentions(s))
    assert ("日本", "Country", "abbreviation") in got and ("米国", "Country", "abbreviation") in got
    assert ("日米首脳会談", "Event", "event") in got
    assert not any(label == "日米" for label, _, _ in got)


def test_name_type_span_without_a_proper_noun_is_dropped():
    s = sentence([
        ("黄金", "黄金", "NOUN", NOUN, "compound", 1, "B"),
        ("時代", "時代", "NOUN", NOUN, "ROOT", 1, "H"),
    ], ents=[(0, 2, "Company")])
    assert extract_mentions(s) == []


def test_short_person_names_go_to_the_one_longer_name():
    assert canonical_person_names(["高橋", "高橋一郎", "鈴木"]) == {"高橋": "高橋一郎"}
    assert canonical_person_names(["ベッカー", "クラウス・ベッカー"]) == {"ベッカー": "クラウス・ベッカー"}
    assert canonical_person_names(["高橋", "高橋一郎", "高橋次郎"]) == {}


def test_entities_link_to_the_gazetteer_only_when_unambiguous():
    gaz = {}
    from kg.entities import GazetteerEntry
    entry = GazetteerEntry("Q1490", "Place", "東京都", "Tokyo", ("東京",))
    gaz["東京"] = (entry,)
    ms = extract_mentions(meeting_sentence())
    pairs, ents = resolve_entities(ms, gazetteer=gaz)
    tokyo = next(e for e in ents if e.label == "東京都")
    assert tokyo.key == "wd:Q1490" and tokyo.wikidata == "Q1490" and tokyo.label_en == "Tokyo"
    assert "東京" in tokyo.alt_labels
    person = next(e for e in ents if e.label == "山田太郎")
    assert person.key == "Person:山田太郎" and person.wikidata is None
    # a candidate of the wrong class is not linked
    gaz2 = {"東京": (GazetteerEntry("Q999", "Person", "東京", None, ()),)}
    _, ents2 = resolve_entities(ms, gazetteer=gaz2)
    assert not any(e.wikidata for e in ents2)


def test_meeting_fact_with_agent_partner_place_and_date():
    s = meeting_sentence()
    ms = extract_mentions(s)
    pairs, ents = resolve_entities(ms, gazetteer={})
    facts, topic = extract_facts(s, pairs, {e.key: e for e in ents}, article_date="2025-03-07",
                                 leaders=leading_leaders(pairs))
    meeting = next(f for f in facts if f.cls == "Meeting")
    assert meeting.role("agent") == ["Person:山田太郎"]
    assert meeting.role("participant") == ["Person:スミス"]
    assert meeting.role("location") == ["Place:東京"]
    assert meeting.date is not None and meeting.date.value == "2025-03-05" and meeting.date.datatype == "date"
    assert meeting.modality == "Asserted" and meeting.rule == "predicate"
    holdings = sorted((f.role("agent")[0], f.role("position")[0]) for f in facts if f.cls == "PositionHolding")
    assert holdings == [("Person:スミス", "Position:大統領"), ("Person:山田太郎", "Position:首相")]
    assert topic == ["Person:山田太郎"]


def _negated_visit():
    # 田中氏は韓国を訪問しなかった。
    return sentence([
        ("田中", "田中", "PROPN", PN_SEI, "compound", 1, "B"),
        ("氏", "氏", "NOUN", "接尾辞-名詞的-一般", "nsubj", 5, "H"),
        ("は", "は", "ADP", TOPIC, "case", 1, ""),
        ("韓国", "韓国", "PROPN", COUNTRY, "obj", 5, "BH"),
        ("を", "を", "ADP", CASE, "case", 3, ""),
        ("訪問", "訪問", "VERB", SAHEN, "ROOT", 5, "BH"),
        ("し", "する", "AUX", "動詞-非自立可能", "aux", 5, ""),
        ("なかっ", "ない", "AUX", "助動詞", "aux", 5, ""),
        ("た", "た", "AUX", "助動詞", "aux", 5, ""),
        ("。", "。", "PUNCT", PUNCT, "punct", 5, ""),
    ], ents=[(3, 4, "Country")])


def test_negation_is_kept_as_modality():
    s = _negated_visit()
    pairs, ents = resolve_entities(extract_mentions(s), gazetteer={})
    facts, _ = extract_facts(s, pairs, {e.key: e for e in ents})
    visit = next(f for f in facts if f.cls == "Visit")
    assert visit.modality == "Negated"
    assert visit.role("agent") == ["Person:田中"] and visit.role("location") == ["Country:韓国"]


def test_unknown_predicate_gives_a_generic_event_with_its_lemma():
    # 田中氏は韓国を称揚した (a verb not in the lexicon)
    rows = list(_negated_visit().tokens)
    s = sentence([(t.text, t.lemma, t.pos, t.tag, t.dep, t.head,
                   ("B" if t.bunsetu_start else "") + ("H" if t.bunsetu_head else "")) for t in rows[:5]] + [
        ("称揚", "称揚", "VERB", SAHEN, "ROOT", 5, "BH"),
        ("し", "する", "AUX", "動詞-非自立可能", "aux", 5, ""),
        ("た", "た", "AUX", "助動詞", "aux", 5, ""),
    ], ents=[(3, 4, "Country")])
    pairs, ents = resolve_entities(extract_mentions(s), gazetteer={})
    facts, _ = extract_facts(s, pairs, {e.key: e for e in ents})
    generic = [f for f in facts if f.cls == "GenericEvent"]
    assert len(generic) == 1 and generic[0].predicate == "称揚" and generic[0].rule == "generic"


def test_a_short_name_in_one_article_joins_the_full_name_in_another():
    from dataclasses import replace

    from kg.entities import resolve_corpus
    from kg.types import Article, ArticleResult, Entity, Fact

    def result(aid, ents, facts):
        return ArticleResult(article=Article(id=aid, text="", source=aid, sha256=""), sentences=(), mentions=(),
                             entities=tuple(ents), facts=tuple(facts))

    full = Entity("Person:山田太郎", "Person", "山田太郎", ("山田首相",))
    short = Entity("Person:山田", "Person", "山田", ("山田氏",))
    other = Entity("Person:川口", "Person", "川口")
    a = result("a", [full], [])
    b = result("b", [short, other], [Fact("Meeting", "会談", 0, (("agent", "Person:山田"), ("participant", "Person:川口")))])
    ra, rb = resolve_corpus([a, b])
    assert ra == a
    assert {e.key for e in rb.entities} == {"Person:山田太郎", "Person:川口"}
    merged = next(e for e in rb.entities if e.key == "Person:山田太郎")
    assert {"山田", "山田氏", "山田首相"} <= set(merged.alt_labels)
    assert rb.facts[0].role("agent") == ["Person:山田太郎"]


def test_two_offices_joined_with_ken_are_an_office_of_the_last_ones_kind():
    from kg.lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.title_kind("会長兼CEO") == lex.titles["CEO"] == "corporate"
    assert lex.is_office("会長兼社長")
    assert not lex.is_title("会長兼選手") and lex.title_kind("会長兼") is None


def test_a_particle_hung_on_the_title_after_a_reading_is_the_bunsetu_s():
    """鄭国華（チョン・グオホア）外相は…と会談した, parsed as GiNZA parsed it in a wire report: the name is
    the head of its bunsetu and は hangs on the title compounded to it. The topic is the person all
    the same, and the person is the one who met."""
    s = sentence([
        ("鄭", "鄭", "PROPN", PN_SEI, "compound", 1, "B"),
        ("国華", "国華", "NOUN", "名詞-固有名詞-人名-名", "nsubj", 14, "H"),
        ("(", "(", "PUNCT", "補助記号-括弧開", "punct", 1, ""),
        ("チョン", "チョン", "PROPN", PN_SEI, "compound", 1, ""),
        ("・", "・", "SYM", "補助記号-一般", "compound", 1, ""),
        ("グオホア", "グオホア", "NOUN", NOUN, "compound", 1, ""),
        (")", ")", "PUNCT", "補助記号-括弧閉", "punct", 1, ""),
        ("外相", "外相", "NOUN", NOUN, "compound", 1, ""),
        ("は", "は", "ADP", TOPIC, "case", 7, ""),
        ("リマ", "リマ", "PROPN", PLACE, "obl", 14, "BH"),
        ("で", "で", "ADP", CASE, "case", 9, ""),
        ("スミス", "スミス", "PROPN", PN, "compound", 12, "B"),
        ("大統領", "大統領", "NOUN", NOUN, "obl", 14, "H"),
        ("と", "と", "ADP", CASE, "case", 12, ""),
        ("会談", "会談", "VERB", SAHEN, "ROOT", 14, "BH"),
        ("し", "する", "AUX", SURU, "aux", 14, ""),
        ("た", "た", "AUX", AUX, "aux", 14, ""),
        ("。", "。", "PUNCT", PUNCT, "punct", 14, ""),
    ], ents=[(0, 2, "Political_Organization_Other"), (3, 6, "Person"), (7, 8, "Position_Vocation"), (9, 10, "City"),
             (11, 12, "Person"), (12, 13, "Position_Vocation")])
    assert particles(s, s.tokens[1]) == ["は"]
    pairs, entities = resolve_entities(extract_mentions(s))
    facts, topic = extract_facts(s, pairs, {e.key: e for e in entities})
    assert topic == ["Person:鄭国華"]
    meeting = [f for f in facts if f.cls == "Meeting"]
    assert [(f.role("agent"), f.role("participant")) for f in meeting] == [(["Person:鄭国華"], ["Person:スミス"])]


def test_a_topic_hung_on_the_verb_of_a_relative_clause_is_the_sentence_s():
    """食品大手のミナトフーズは松本市に本社を置くメーカーの松風堂を買収した, parsed as GiNZA parsed such a sentence
    in a business report: は hangs on 置く, the verb of the clause that describes メーカー. は marks no
    subject of such a clause: the topic buys, and the company the clause describes has the seat."""
    verb = "動詞-一般"
    s = sentence([
        ("食品", "食品", "NOUN", NOUN, "compound", 1, "B"),
        ("大手", "大手", "NOUN", NOUN, "nmod", 4, "H"),
        ("の", "の", "ADP", CASE, "case", 1, ""),
        ("ミナト", "ミナト", "PROPN", "名詞-固有名詞-一般", "compound", 4, "B"),
        ("フーズ", "フーズ", "NOUN", NOUN, "nsubj", 10, "H"),
        ("は", "は", "ADP", TOPIC, "case", 4, ""),
        ("松本市", "松本市", "PROPN", PLACE, "obl", 10, "BH"),
        ("に", "に", "ADP", CASE, "case", 6, ""),
        ("本社", "本社", "NOUN", NOUN, "obj", 10, "BH"),
        ("を", "を", "ADP", CASE, "case", 8, ""),
        ("置く", "置く", "VERB", verb, "acl", 11, "BH"),
        ("メーカー", "メーカー", "NOUN", NOUN, "nmod", 14, "BH"),
        ("の", "の", "ADP", CASE, "case", 11, ""),
        ("松風", "松風", "PROPN", "名詞-固有名詞-一般", "compound", 14, "B"),
        ("堂", "堂", "NOUN", "接尾辞-名詞的-一般", "obj", 16, "H"),
        ("を", "を", "ADP", CASE, "case", 14, ""),
        ("買収", "買収", "VERB", SAHEN, "ROOT", 16, "BH"),
        ("し", "する", "AUX", SURU, "aux", 16, ""),
        ("た", "た", "AUX", AUX, "aux", 16, ""),
        ("。", "。", "PUNCT", PUNCT, "punct", 16, ""),
    ], ents=[(3, 5, "Company"), (6, 7, "City"), (13, 15, "Company")])
    pairs, entities = resolve_entities(extract_mentions(s))
    facts, topic = extract_facts(s, pairs, {e.key: e for e in entities})
    assert topic == ["Company:ミナトフーズ"]
    got = {(f.cls, tuple(f.role("agent")), tuple(f.role("theme") + f.role("location"))) for f in facts}
    assert ("Acquisition", ("Company:ミナトフーズ",), ("Company:松風堂",)) in got
    assert ("Containment", ("Company:松風堂",), ("Place:松本市",)) in got
    assert ("Containment", ("Company:ミナトフーズ",), ("Place:松本市",)) not in got


def test_a_company_word_before_the_name_outranks_the_ner_s_class():
    """菓子メーカーの松風堂 once, 松風堂 read as a facility by the NER twice: the company it is."""
    from kg.types import Mention

    def mention(sentence: int, rule: str, cls: str) -> Mention:
        return Mention(sentence=sentence, start=10 * sentence, end=10 * sentence + 3, text="松風堂", label="松風堂",
                       cls=cls, tok_start=0, tok_end=2, rule=rule)

    pairs, entities = resolve_entities([mention(0, "descriptor", "Company"), mention(1, "ner", "Facility"),
                                        mention(2, "ner", "Facility")])
    assert [(e.label, e.cls) for e in entities] == [("松風堂", "Company")]
