"""Sentences → mentions: NER spans mapped to ontology classes, repaired by general rules.

Rules (each names itself in ``Mention.rule``):
- ``ner``: a GiNZA span whose ENE label the table maps to a class; name-type spans need a proper
  noun, an acronym or a class suffix (drops 黄金時代, 来日中 as a country, 防衛費…).
- ``name+title``: a person-name token run followed by a title or honorific (スミス|氏, 山田|首相):
  a Person even when NER missed it or called it something else; the title becomes a Position.
- ``abbreviation``: 日米, 米中, 日米韓, 米側 → one Country mention per abbreviated country.
- ``event``: a compound ending in an event head with a proper noun or abbreviation (日米首脳会談).
- ``acronym``: Name (ACR) → ACR is another name of Name.
- ``suffix``: a compound ending in 政権 / 基地 / 空港 … after a proper noun.
- ``quoted``: 空母「X」, 映画「X」 → X of the head's class.
- ``agreement``: a noun phrase headed by 合意 / 協定 / 枠組み / 計画 … named by a proper noun, or
  the thing an agreement or plan predicate is about.
- ``group`` / ``anaphor``: 両首脳, 両国, 同氏, 同社 — resolved by kg.entities.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence

from .lexicon import Lexicon, load_lexicon
from .types import REFERRING, Mention, NamedSpan, Sentence, Token

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-.]{1,9}$")
_NOMINAL = {"NOUN", "PROPN", "NUM"}
NAME_CLASSES = {"Person", "Country", "Place", "Organization", "Company", "Government", "PoliticalParty",
                "SportsTeam", "Facility"}


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_name_token(t: Token) -> bool:
    return t.tag.startswith("名詞-固有名詞-人名")


def is_proper(t: Token) -> bool:
    # the parser's PROPN on a time word (未明, 同日) is not a name
    return t.tag.startswith("名詞-固有名詞") or (t.pos == "PROPN" and not t.tag.endswith("副詞可能"))


def is_acronym(t: Token) -> bool:
    return bool(_ACRONYM.match(t.norm))


def surface(sent: Sentence, a: int, b: int) -> tuple[int, int, str]:
    toks = sent.tokens
    start, end = toks[a].start, toks[b - 1].end
    off = sent.start
    text = sent.text[start - off:end - off]
    return start, end, text


def make(sent: Sentence, a: int, b: int, cls: str, rule: str, label: str | None = None,
         title: str | None = None, refers_to: tuple[str, ...] = (), written_end: int | None = None) -> Mention:
    start, end, text = surface(sent, a, b)
    written = nfkc(surface(sent, a, written_end)[2]) if written_end and written_end > b else None
    if label is None:
        label = nfkc(text)
        if (reading := _WITH_READING.match(label)) is not None:  # 釜山（プサン）, one dictionary word
            label, written = reading.group(1), written or label
    return Mention(sentence=sent.index, start=start, end=end, text=text,
                   label=label, cls=cls, tok_start=a, tok_end=b,
                   rule=rule, title=title, refers_to=refers_to, written=written)


def _abbreviated_countries(word: str, lex: Lexicon) -> list[str] | None:
    """日米 → [日本, 米国]; 米側 → [米国]; None when the word is not such a compound."""
    if word.endswith("側") and len(word) == 2 and word[0] in lex.abbreviations:
        return [lex.abbreviations[word[0]]]
    if 2 <= len(word) <= 4 and all(ch in lex.abbreviations for ch in word) and len(set(word)) == len(word):
        return [lex.abbreviations[ch] for ch in word]
    return None


def _title_after(toks: tuple[Token, ...], j: int, lex: Lexicon) -> tuple[int, str | None]:
    """Title tokens starting at j (元|首相, 国家|主席, 米|大統領, 中国|国家|主席): returns
    (end index, title or None). A country written before the title is skipped here; it becomes
    the organisation of the position (see kg.facts)."""
    k = _skip_reading(toks, j)
    if k + 1 < len(toks) and toks[k].norm == "・" and j > 0 and is_katakana(toks[j - 1]):
        k += 1  # シェケラック・コーチ
    if k < len(toks) and toks[k].norm in lex.title_prefixes:
        k += 1
    if k + 1 < len(toks) and _is_country_qualifier(toks[k], lex):
        k += 1
    best: tuple[int, str | None] = (j, None)
    acc = ""
    for m in range(k, min(k + 4, len(toks))):
        acc += toks[m].norm
        if acc in lex.titles or lex.is_minister(acc) or lex.is_unit_head(acc):
            best = (m + 1, acc)
        elif acc[:1] in lex.title_prefixes and acc[1:] in lex.titles:
            best = (m + 1, acc[1:])  # 前首相 as one token
    end, title = best
    if title and lex.is_office(title) and end + 1 < len(toks) and toks[end].norm == "兼":
        # 会長|兼|CEO: two offices held at once, one title
        more = ""
        for m in range(end + 1, min(end + 5, len(toks))):
            more += toks[m].norm
            if lex.is_office(title + "兼" + more):
                best = (m + 1, title + "兼" + more)
        end, title = best
    if title and end + 2 < len(toks) and toks[end].norm == "(":
        # CEO（最高経営責任者）: the title spelled out in parentheses is the same title
        close = next((j for j in range(end + 1, min(end + 6, len(toks))) if toks[j].norm == ")"), None)
        if close and "".join(t.norm for t in toks[end + 1:close]) in lex.titles:
            best = (close + 1, title)
    return best


_NAME_NUMERALS = set("一二三四五六七八九十")
# particles after a name standing alone (大の里|は); after a name in 「」 (「和食」|など): not と / って,
# which make it speech or a naming
_CASE_AFTER_NAME = {"は", "が", "も", "と", "に", "を", "の"}
_CASE_AFTER_QUOTED_NAME = {"は", "が", "も", "に", "を", "の", "など", "で", "や", "へ", "から"}
_KATAKANA = re.compile(r"^[\u30a0-\u30ffー]+$")
_ALL_KANJI = re.compile(r"^[\u4e00-\u9fff]+$")
_WITH_READING = re.compile(r"^(.+?)\([\u30a0-\u30ffー・]+\)$")


def is_katakana(t: Token) -> bool:
    return bool(_KATAKANA.match(t.norm)) and t.norm != "・"


def _skip_reading(toks: tuple[Token, ...], j: int) -> int:
    """After a name, a reading in parentheses (朴成民（パク・ソンミン）): the index after it."""
    if j < len(toks) and toks[j].norm == "(":
        for m in range(j + 1, min(j + 10, len(toks))):
            if toks[m].norm == ")":
                inside = toks[j + 1:m]
                if inside and all(is_katakana(t) or t.norm == "・" for t in inside):
                    return m + 1
                break
    return j


def _is_country_qualifier(t: Token, lex: Lexicon) -> bool:
    return (len(t.norm) == 1 and t.norm in lex.abbreviations) or t.tag.startswith("名詞-固有名詞-地名-国")


def _title_start(toks: tuple[Token, ...], k: int, end: int, lex: Lexicon) -> int:
    """First token of the title word proper, after a reading, a 元/前 prefix and a country qualifier."""
    k = _skip_reading(toks, k)
    if k < end and toks[k].norm in lex.title_prefixes:
        k += 1
    if k < end - 1 and _is_country_qualifier(toks[k], lex):
        k += 1
    return k


def with_ordinal(toks: Sequence[Token], k: int, title: str) -> tuple[int, str]:
    """An office whose word starts at token k, with the ordinal 第|1 right before it when there is
    one (第1次官, 第2副首相): its first token and its name."""
    if k >= 2 and toks[k - 2].norm == "第" and toks[k - 1].pos == "NUM":
        return k - 2, f"第{toks[k - 1].norm}{title}"
    return k, title


def _nominal_run_left(toks: tuple[Token, ...], end: int) -> int:
    """Start of the run of nominal tokens (with ・ and an (ACRONYM) inside) that ends at end-1."""
    a = end - 1
    while a > 0:
        prev = toks[a - 1]
        if prev.pos in _NOMINAL or prev.norm in ("・", "-"):
            a -= 1
        elif prev.norm == ")" and a >= 3 and toks[a - 3].norm == "(" and is_acronym(toks[a - 2]):
            a -= 3
        else:
            break
    while a < end - 1 and toks[a].norm in ("・", "-", "("):
        a += 1
    return a


def _dotted_katakana(toks: list[Token] | tuple[Token, ...]) -> bool:
    """Katakana words joined by ・ (ローンデポ・パーク): a foreign name, whether the dictionary knows it or not."""
    return any(t.norm == "・" for t in toks[1:-1]) and all(is_katakana(t) or t.norm == "・" for t in toks)


def _is_river(sent: Sentence, a: int, b: int, lex: Lexicon) -> bool:
    """Whether tokens [a, b) name a river: ending in 川 or 河, the subject of a river verb or described
    by one (…を流れる北川)."""
    toks = sent.tokens
    if b <= a or not toks[b - 1].norm.endswith(("川", "河")):
        return False
    last = toks[b - 1]
    near = [toks[last.head]] + [toks[i] for i in _children(sent).get(last.i, [])]
    return any(x.lemma in lex.river_verbs and x.i != last.i for x in near)


def _has_name(toks: Iterable[Token], lex: Lexicon) -> bool:
    toks = list(toks)
    # a foreign name written in katakana with its ・ (ローンデポ・パーク) is a name though the dictionary
    # does not know it
    dotted = _dotted_katakana(toks)
    # a model designation, letters then a number (H3, H2A, F35): a name
    model = any(_LATIN.match(a.norm) and (b.pos == "NUM" or b.tag.endswith("数詞")) for a, b in zip(toks, toks[1:]))
    # a craft's name with its number (ひまわり10号, はやぶさ2号機): a name
    craft = any(a.pos in ("NOUN", "PROPN") and a.norm not in ("第", "台風") and b.pos == "NUM" and c.norm in ("号", "号機")
                for a, b, c in zip(toks, toks[1:], toks[2:]))
    return dotted or model or craft or any(is_proper(t) or is_acronym(t) or _abbreviated_countries(t.norm, lex) for t in toks)


_LATIN = re.compile(r"^[A-Z]{1,3}$")


def extract_mentions(sent: Sentence, lex: Lexicon | None = None) -> list[Mention]:
    """All mentions in one sentence, possibly overlapping (日米首脳会談 holds 日本 and 米国)."""
    lex = lex or load_lexicon()
    sent = dataclasses.replace(sent, ents=_joined_spans(sent, lex))
    toks = sent.tokens
    out: list[Mention] = []
    person_tokens: set[int] = set()
    claimed: set[int] = set()  # tokens a rule has typed; NER spans over them give way

    # quoted names after a head noun: 空母「X」, and a katakana name right after one (護衛艦イズモ)
    for t in toks:
        if t.norm in lex.quoted_heads and t.i + 2 < len(toks) and toks[t.i + 1].norm == "「":
            close = next((j for j in range(t.i + 2, min(t.i + 14, len(toks))) if toks[j].norm == "」"), None)
            if close and close > t.i + 2:
                out.append(make(sent, t.i + 2, close, lex.quoted_heads[t.norm], "quoted", refers_to=("head", t.norm)))
                claimed.update(range(t.i + 2, close))
                # (小惑星|探査機「…」: the common words before the name describe it and name nothing)
                claimed.update(i for i in range(_nominal_run_left(toks, t.i + 1), t.i + 1)
                               if toks[i].tag.startswith("名詞-普通名詞"))
        elif t.norm in lex.quoted_heads and t.i + 1 < len(toks) and is_katakana(toks[t.i + 1]) \
                and len(toks[t.i + 1].norm) > 1:
            k = t.i + 1
            while k < len(toks) and (is_katakana(toks[k]) or (toks[k].norm == "・" and k + 1 < len(toks)
                                                              and is_katakana(toks[k + 1]))):
                k += 1
            out.append(make(sent, t.i + 1, k, lex.quoted_heads[t.norm], "quoted", refers_to=("head", t.norm)))
            claimed.update(range(t.i + 1, k))
        elif t.norm in lex.quoted_heads and t.i + 2 < len(toks) and _LATIN.match(toks[t.i + 1].norm) \
                and toks[t.i + 2].pos == "NUM":
            # ロケット|Ｈ|３: a model designation right after what it is
            k = t.i + 3
            while k < len(toks) and (_LATIN.match(toks[k].norm) or toks[k].pos == "NUM" or toks[k].norm in ("号", "号機")) \
                    and not toks[k].bunsetu_start:
                k += 1
            out.append(make(sent, t.i + 1, k, lex.quoted_heads[t.norm], "quoted", refers_to=("head", t.norm)))
            claimed.update(range(_nominal_run_left(toks, t.i + 1), k))

    # 『潮騒の記憶』 outside any 「」: the title of a work (a book, a film, a song), as news writes one
    depth = 0
    for t in toks:
        depth += (t.norm == "「") - (t.norm == "」")
        if t.norm != "『" or depth > 0 or t.i in claimed:
            continue
        close = next((j for j in range(t.i + 1, min(t.i + 20, len(toks))) if toks[j].norm in ("』", "。", "「")), None)
        if close is not None and close > t.i + 1 and toks[close].norm == "』":
            out.append(make(sent, t.i + 1, close, "Product", "quoted-work"))
            claimed.update(range(t.i + 1, close))

    # 「ベルト・モリゾと光の庭展」: a quoted title that ends in an event word is the event
    for t in toks:
        if t.norm != "「" or t.i in claimed:
            continue
        close = next((j for j in range(t.i + 2, min(t.i + 20, len(toks))) if toks[j].norm in ("」", "「")), None)
        if close is None or toks[close].norm != "」" or any(i in claimed for i in range(t.i + 1, close)):
            continue
        text = "".join(x.norm for x in toks[t.i + 1:close])
        if t.i >= 2 and toks[t.i - 1].norm == "の" and toks[t.i - 2].norm in lex.creator_titles \
                and not (close + 1 < len(toks) and toks[close + 1].norm in ("と", "という")):
            # 西川涼子監督の「霧の港」: the work of its maker (not 監督の「決意」という言葉, a word quoted)
            out.append(make(sent, t.i + 1, close, "Product", "quoted-work"))
            claimed.update(range(t.i + 1, close))
            continue
        if len(text) >= 3 and text.endswith(tuple(lex.event_heads)) and text not in lex.event_heads \
                and all(x.pos in _NOMINAL | {"ADP", "SYM", "PUNCT"} for x in toks[t.i + 1:close]):
            out.append(make(sent, t.i + 1, close, "Event", "quoted-event"))
            claimed.update(range(t.i + 1, close))

    # スタッド・ド・フランス: katakana joined by ・ around a foreign article (ド, デ, オブ) is one name,
    # not the country or city it ends with; a person when the NER says so (シャルル・ド・ゴール)
    k = 0
    while k < len(toks):
        j = k
        while j + 2 < len(toks) and is_katakana(toks[j]) and toks[j + 1].norm == "・" and is_katakana(toks[j + 2]):
            j += 2
        inner = [toks[i].norm for i in range(k + 2, j, 2)]
        if j > k and any(w in _FOREIGN_ARTICLES for w in inner) and not any(i in claimed for i in range(k, j + 1)):
            person = any(e.label == "Person" and e.start <= k < e.end for e in sent.ents)
            out.append(make(sent, k, j + 1, "Person" if person else "Place", "dotted-name"))
            claimed.update(range(k, j + 1))
            if person:
                person_tokens.update(range(k, j + 1))
        k = max(j, k) + 1

    # name + title: the strongest evidence of a person
    k = 0
    while k < len(toks):
        if not is_name_token(toks[k]):
            k += 1
            continue
        a = k
        if k in claimed:
            k += 1
            continue
        while k < len(toks) and (is_name_token(toks[k]) or (toks[k].norm == "・" and k + 1 < len(toks)
                                                           and (is_name_token(toks[k + 1]) or is_katakana(toks[k + 1]))
                                                           # (リタ・マハラニ・エネルギー鉱物資源相: a title after ・)
                                                           and not _title_after(toks, k + 1, lex)[1])
                                 or (k > a and toks[k - 1].norm == "・" and is_katakana(toks[k]))):
            k += 1
        # a given name whose surname the dictionary read as common words (国|中|均): the kanji nouns
        # that open the same phrase, three characters at most, none of them a title or a reference
        # (鷹取|修: or a place name the NER's person span takes in, though the parser cut the phrase there)
        # (王海|明: or the NER's person span ends right before the given name, on a kanji the
        # dictionary read as a suffix)
        spanned = {i for e in sent.ents if e.label == "Person" and e.start < a <= e.end for i in range(e.start, a)}
        if toks[a].tag.endswith("人名-名") and (not toks[a].bunsetu_start or spanned):
            j = a
            # (三|部|敏宏: a kanji numeral may open the family name)
            while j > 0 and a - j < 3 and (toks[j - 1].tag.startswith(("名詞-普通名詞", "名詞-数詞")) or (
                    j - 1 in spanned and toks[j - 1].tag.startswith(("名詞-固有名詞-地名", "接尾辞")))) \
                    and _ALL_KANJI.match(toks[j - 1].norm) \
                    and (j - 1) not in claimed and not toks[j - 1].tag.endswith("人名-名") \
                    and toks[j - 1].norm not in lex.titles and toks[j - 1].norm not in lex.title_prefixes \
                    and toks[j - 1].norm not in lex.anaphora and (not toks[j].bunsetu_start or j - 1 in spanned):
                j -= 1
            if j < a and toks[j].bunsetu_start and len("".join(x.norm for x in toks[j:a])) <= 3:
                a = j
        # given names ending in a numeral kanji that the dictionary splits off (佐藤|健|一)
        # (朴|成|民外相: or a kanji after the given name that it read as a suffix; not 県 or 市)
        if k + 1 < len(toks) and (toks[k].norm in _NAME_NUMERALS or k > a and toks[k - 1].tag.endswith("人名-名")
                                  and toks[k].tag.startswith("接尾辞") and _ALL_KANJI.match(toks[k].norm)
                                  and len(toks[k].norm) == 1 and toks[k].norm not in lex.short_place_suffixes
                                  and toks[k + 1].norm != "(") \
                and _title_after(toks, k + 1, lex)[1]:
            k += 1
        end, title = _title_after(toks, k, lex)
        ner_person = any(e.label == "Person" and e.start <= a < e.end for e in sent.ents)
        if k == a + 1 and toks[a].norm in lex.title_prefixes:
            title = ner_person = None  # 新|横綱, 元|首相: a prefix of the title, not a name
        # 横綱|大の里 read by the NER as one person: the office before the name, when none follows it
        before = toks[a - 1] if a > 0 else None
        office_before = ner_person and not title and before is not None and before.pos in _NOMINAL \
            and (a - 1) not in claimed and lex.is_office(before.norm)
        if not title and ner_person:
            span = next(e for e in sent.ents if e.label == "Person" and e.start <= a < e.end)
            if k < span.end and all(is_proper(x) and not is_katakana(x) for x in toks[k:span.end]) \
                    and _title_after(toks, span.end, lex)[1]:
                # 桐島|ひなた|さん: a given name the dictionary did not tag as one, inside the NER's
                # person and before a title or honorific, is the person's
                k = span.end
                end, title = _title_after(toks, k, lex)
            dateline = a == 1 and toks[0].norm == "【" and k < len(toks) and toks[k].norm == "】"
            # 上田|ライジング|ホークス read as a person: a surname and katakana words are a team's name
            team = span.end - k >= 2 and all(is_katakana(x) and "人名" not in x.tag for x in toks[k:span.end])
            # 西山|大 read as a person: a name and a word for a school are the school (the NER spans below)
            school = span.end == k + 1 and toks[k].norm in lex.school_suffixes and not is_name_token(toks[k])
            # 北原|市 read as a person: a name with a word for a city or town after it is the place
            town = k < len(toks) and toks[k].norm in _ADMIN_SUFFIXES and not toks[k].bunsetu_start
            river = _is_river(sent, a, k, lex)  # 北川が氾濫した: the river, not the family name
            located = _located_word(sent, a, k, lex)  # アステリオン（東京都港区）: an organisation
            if dateline or team or school or town or river or located:
                ner_person = False  # 【上田】: a dateline names a place (the NER spans below say which)
        if title or ner_person:
            rule = "name+title" if title else "title+name" if office_before else "ner"
            out.append(make(sent, a, k, "Person", rule, written_end=end,
                            title=title if title and lex.is_title(title) else before.norm if office_before else None))
            person_tokens.update(range(a, k))
            claimed.update(range(a, end))
            if title and lex.is_office(title):
                out.append(_position_after(sent, k, end, title, lex))
            if office_before:
                out.append(make(sent, a - 1, a, "Position", "title+name", label=before.norm))
                claimed.add(a - 1)
        k = max(k, a + 1)

    # an office written before a name the dictionary tags as a person's (大関|大の里, 横綱|X): a person
    # with that office; and such a name standing alone before a particle (大の里|は) is a person too
    for t in toks:
        if t.i in claimed or t.i in person_tokens or not is_name_token(t) or len(t.norm) < 2:
            continue
        b = t.i + 1
        while b < len(toks) and is_name_token(toks[b]) and b not in claimed:
            b += 1
        before = toks[t.i - 1].norm if t.i > 0 else ""
        prefix_title = t.i > 0 and lex.is_office(before) and toks[t.i - 1].pos in _NOMINAL
        # 新横綱の|X: the office and の before the name (kg.facts reads the office from there)
        office_no = before == "の" and t.i > 1 and lex.is_office(toks[t.i - 2].norm) and toks[t.i - 2].pos in _NOMINAL
        if prefix_title or office_no:  # the rest of the name's phrase (朝乃|山): nominal, no new phrase, no title
            while b < len(toks) and b - t.i < 4 and toks[b].pos in ("NOUN", "PROPN") and not toks[b].bunsetu_start \
                    and toks[b].norm not in lex.titles and b not in claimed:
                b += 1
        # alone: only a whole name (人名-一般), not a surname that is also a word (見方, 石川)
        alone = (t.i == 0 or toks[t.i - 1].pos not in _NOMINAL) and b < len(toks) and toks[b].pos == "ADP" \
            and toks[b].norm in _CASE_AFTER_NAME and all(x.tag == "名詞-固有名詞-人名-一般" for x in toks[t.i:b])
        if not (prefix_title or office_no or alone) or any(is_name_token(x) for x in toks[t.i + 1:b]) and b - t.i > 3:
            continue
        out.append(make(sent, t.i, b, "Person", "title+name" if prefix_title or office_no else "name",
                        title=before if prefix_title else None))
        person_tokens.update(range(t.i, b))
        claimed.update(range(t.i, b))
        if prefix_title:
            out.append(make(sent, t.i - 1, t.i, "Position", "title+name", label=before))
            claimed.add(t.i - 1)

    # a short name in 「」 with nothing of a sentence in it (「伝統的酒造り」を…, 公式キャラクター「X」の…):
    # a named thing; a quote followed by と / って is speech or a naming, not a name
    for t in toks:
        if t.norm != "「" or t.i in claimed:
            continue
        close = next((j for j in range(t.i + 1, min(t.i + 10, len(toks))) if toks[j].norm in ("」", "「")), None)
        if close is None or toks[close].norm != "」" or close == t.i + 1 or close + 1 >= len(toks):
            continue
        inside = toks[t.i + 1:close]
        after = toks[close + 1]
        before = toks[t.i - 1] if t.i > 0 else None
        # a name, or words after the kind of thing they name (特産品「黒潮みかん」), after a name and の
        # (日本の「伝統的酒造り」); common words after a common noun and の, or opening a headline, are
        # a phrase in quotes (同盟の「黄金時代」), not a name
        named = any(is_katakana(x) or is_proper(x) or is_acronym(x) for x in inside) or \
            (len(inside) >= 2 and before is not None and (before.pos in _NOMINAL
                                                          or (before.norm == "の" and t.i > 1 and is_proper(toks[t.i - 2]))))
        if any(x.pos in ("VERB", "AUX", "ADV", "ADJ", "PUNCT", "SCONJ", "PRON", "ADP") for x in inside) or \
                not named or (before is not None and before.norm != "の" and before.pos not in _NOMINAL) or \
                inside[-1].pos not in _NOMINAL or after.norm not in _CASE_AFTER_QUOTED_NAME or \
                any(i in claimed or i in person_tokens for i in range(t.i + 1, close)) or \
                len("".join(x.norm for x in inside)) < 2:
            continue
        joined = "".join(x.norm for x in inside)
        if joined in lex.titles or joined in lex.groups or joined in lex.anaphora:
            continue
        out.append(make(sent, t.i + 1, close, "Artifact", "quoted-name"))
        claimed.update(range(t.i + 1, close))

    # a katakana name the dictionary does not know, right before a title (スティーブン・デイカス社長)
    for j in range(1, len(toks)):
        end, title = _title_after(toks, j, lex)
        if not title or not lex.is_title(title) or j in claimed or not is_katakana(toks[j - 1]):
            continue
        a = j
        while a > 0 and (is_katakana(toks[a - 1]) or (toks[a - 1].norm == "・" and a > 1 and is_katakana(toks[a - 2]))):
            a -= 1
        if any(i in claimed or i in person_tokens for i in range(a, j)):
            continue
        if not any(is_proper(t) or "・" == t.norm for t in toks[a:j]) and j - a < 2:
            continue
        out.append(make(sent, a, j, "Person", "name+title", title=title, written_end=end))
        person_tokens.update(range(a, j))
        claimed.update(range(a, end))
        if lex.is_office(title):
            out.append(_position_after(sent, j, end, title, lex))

    # a short name the tokenizer fused with its honorific (習氏): the name before it
    for t in toks:
        if t.i in claimed or t.i in person_tokens or t.pos not in ("NOUN", "PROPN"):
            continue
        h = next((h for h in ("氏", "さん") if t.norm.endswith(h) and len(t.norm) > len(h)), None)
        name = t.norm[:-len(h)] if h else ""
        kanji = all("\u4e00" <= c <= "\u9fff" for c in name)
        if name and len(name) <= 3 and name not in lex.anaphora_stems and \
                (kanji or (len(name) >= 2 and all("\u30a0" <= c <= "\u30ff" for c in name))):
            out.append(dataclasses.replace(make(sent, t.i, t.i + 1, "Person", "name+title", label=name),
                                           written=t.norm))
            person_tokens.add(t.i)
            claimed.add(t.i)

    # 米鉄鋼大手USスチール, コンビニ大手アリマンタシォン・クシュタール (or 大手、X): a company after its description,
    # and the country a one-character abbreviation at the description's start names; a name after
    # A傘下の / Aの子会社 (ディズニー傘下のＦＸ) is a company too
    for t in toks:
        part_link = t.norm in lex.part_links and t.i + 2 < len(toks) and toks[t.i + 1].norm == "の"
        if not (t.norm in lex.company_descriptors or part_link) or t.i + 1 >= len(toks):
            continue
        j = k = t.i + (2 if part_link else 1)
        if not part_link and j + 1 < len(toks) and toks[j].norm in ("、", "の") and (is_katakana(toks[j + 1]) or is_proper(
                toks[j + 1]) and not toks[j + 1].tag.startswith("名詞-固有名詞-地名")):
            # 電池メーカー、ボルタリス・エナジー, 菓子メーカーの松風堂: the name set off by a comma or の
            j = k = j + 1
        while k < len(toks) and (is_katakana(toks[k]) or is_proper(toks[k]) or is_acronym(toks[k]) or
                                 (toks[k].norm in ("・", "&", "-") and k > j)):
            k += 1
        while k > j and toks[k - 1].norm in ("・", "&", "-"):
            k -= 1
        not_name = lex.trailing_nouns | lex.titles.keys()  # words that end a phrase, not a company's name
        # 素材メーカー、永|晟|材料: what reads as a person's name with a common word after it (no title)
        # is the company's name
        person_like = not part_link and k > j and k < len(toks) and all(is_name_token(x) for x in toks[j:k]) \
            and toks[k].tag.startswith("名詞-普通名詞") and toks[k].norm not in not_name
        if person_like:
            k += 1
        while k > j and k < len(toks) and toks[k].tag.startswith(("名詞-普通名詞", "接尾辞-名詞的-一般")) \
                and not toks[k].bunsetu_start and toks[k].norm not in not_name:
            k += 1  # 部品メーカー、東和|精機, 松風|堂: the words of the name's own phrase belong to it
        whole = not part_link or k >= len(toks) or toks[k].pos not in _NOMINAL  # not 東和|商事
        if not part_link and toks[t.i + 1].norm == "の":
            # (after の, the whole phrase and a name: not 新興企業の|ブース, a common word, nor
            # メーカーの|ミナセ|光学, half a name)
            whole = whole and (k >= len(toks) or toks[k].pos in ("ADP", "PUNCT")) and \
                (k - j > 1 or not toks[j].tag.startswith("名詞-普通名詞"))
        # (the NER's person there gives way)
        misread = [m for m in out if m.tok_start < k and j < m.tok_end] if person_like else []
        if person_like and not all(m.cls == "Person" and m.rule == "ner" and j <= m.tok_start for m in misread):
            person_like, misread = False, []
        taken = set(range(j, k)) & (claimed | person_tokens) - {i for m in misread for i in range(m.tok_start, m.tok_end)}
        if k > j and whole and not taken and (person_like or not any(is_name_token(x) for x in toks[j:k])):
            out = [m for m in out if m not in misread]
            out.append(make(sent, j, k, "Company", "descriptor"))
            claimed.update(range(j, k))
        if part_link:
            continue
        a = _nominal_run_left(toks, t.i + 1)
        if a < t.i and len(toks[a].norm) == 1 and toks[a].norm in lex.abbreviations and a not in claimed:
            out.append(make(sent, a, a + 1, "Country", "abbreviation", label=lex.abbreviations[toks[a].norm]))
            claimed.add(a)

    # country abbreviations
    for t in toks:
        if len(t.norm) == 1 and t.norm in lex.abbreviations and t.i + 1 < len(toks) \
                and _title_after(toks, t.i, lex)[1]:
            out.append(make(sent, t.i, t.i + 1, "Country", "abbreviation", label=lex.abbreviations[t.norm]))
            claimed.add(t.i)
            continue
        countries = _abbreviated_countries(t.norm, lex)
        if countries and t.norm.endswith("中") and t.i > 0 and toks[t.i - 1].norm in ("来", "訪"):
            countries = countries[:-1]  # 来|韓中 (while visiting Korea): 中 is "during", not China
        if countries:
            for c in countries:
                out.append(make(sent, t.i, t.i + 1, "Country", "abbreviation", label=c))
            claimed.add(t.i)

    # compounds: events, class suffixes, agreements named by a proper noun
    for t in toks:
        ends_before_link = t.i + 1 < len(toks) and toks[t.i + 1].norm in lex.part_links  # X電機|傘下の
        if t.pos not in _NOMINAL or t.norm in lex.part_links or \
                (t.i + 1 < len(toks) and toks[t.i + 1].pos in _NOMINAL and not ends_before_link):
            continue
        a = _nominal_run_left(toks, t.i + 1)
        while t.i > a and t.norm in lex.trailing_nouns:
            t = toks[t.i - 1]  # 東日本大震災|以来: the name ends before the word of time or place
        run = toks[a:t.i + 1]
        joined = "".join(x.norm for x in run)
        head_event = next((h for h in lex.event_heads if joined.endswith(h) and joined != h), None)
        if len(run) > 1 and not any(i in claimed for i in range(a, t.i + 1)) and _government_body(sent, run, lex):
            # 産業通商資源部, 中国外交部, 大統領室: a ministry or a leader's office (旧…: of old, named without 旧)
            b0 = a + 1 if toks[a].norm in ("旧", "元") and a + 1 < t.i else a
            m = make(sent, b0, t.i + 1, "Government", "ministry")
            out.append(dataclasses.replace(m, written=nfkc(surface(sent, a, t.i + 1)[2])) if b0 > a else m)
            # (中国|外交部: the country it belongs to stays a name of its own)
            claimed.update(i for i in range(a, t.i + 1) if not toks[i].tag.startswith("名詞-固有名詞-地名-国"))
            continue
        # アジア太平洋経済協力会議 (APEC) 首脳会議: the organisation's acronym, the event comes after;
        # 締約国会議（COP30）: an acronym with a number names the event itself
        before_acronym = t.i + 3 < len(toks) and toks[t.i + 1].norm == "(" and is_acronym(toks[t.i + 2]) \
            and toks[t.i + 3].norm == ")"
        # 第1回印象派展: a numbered edition names the event though its words are common ones
        numbered = len(run) >= 4 and run[0].norm == "第" and run[1].pos == "NUM" and run[2].norm == "回"
        scoped = len(run) > 1 and run[0].norm in lex.event_scope_words  # 世界|選手権
        if head_event and not before_acronym and (numbered or scoped or _has_name(run[:-1] if len(run) > 1 else [], lex)):
            if len(toks[a].norm) == 1 and toks[a].norm in lex.abbreviations and a + 1 < t.i:
                # 仏カンヌ国際映画祭: the country, then the event
                out.append(make(sent, a, a + 1, "Country", "abbreviation", label=lex.abbreviations[toks[a].norm]))
                a += 1
            b0 = a
            while b0 < t.i - 1 and toks[b0].pos == "NUM" and toks[b0 + 1].norm in ("年", "年度"):
                b0 += 2  # 2004年アテネ大会: the name is アテネ大会, written with its year
            m = make(sent, b0, t.i + 1, "Event", "event")
            out.append(dataclasses.replace(m, written=nfkc(surface(sent, a, t.i + 1)[2])) if b0 > a else m)
            continue
        if t.norm == "戦" and len(run) >= 3 and run[-3].norm == "第" and run[-2].pos == "NUM":
            out.append(make(sent, t.i - 2, t.i + 1, "Event", "event"))  # 第7戦
            claimed.update(range(t.i - 2, t.i + 1))
            continue
        if t.norm in lex.disaster_heads and len(run) > 1 and _has_name(run[:-1], lex):
            if a > 0 and toks[a - 1].norm in ("令和", "平成", "昭和") and toks[a].pos == "NUM":
                a -= 1  # 令和6年能登半島地震: the era the tagger took for a verb
            out.append(make(sent, a, t.i + 1, "Disaster", "event"))  # 能登半島地震, 東日本大震災
            claimed.update(range(a, t.i + 1))
            continue
        if t.norm == "号" and len(run) >= 3 and run[-3].norm == "台風" and run[-2].pos == "NUM":
            out.append(make(sent, t.i - 2, t.i + 1, "Disaster", "event"))  # 台風10号
            claimed.update(range(t.i - 2, t.i + 1))
            continue
        suffix = next((s for s in lex.suffixes if t.norm == s or (t.norm.endswith(s) and len(run) == 1)), None)
        unit = next((u for u in lex.part_units if joined.endswith(u) and len(joined) > len(u)), None)
        if suffix and unit and (len(unit) > len(suffix) or _parent_name_end(run, lex) is not None and (
                is_acronym(run[0]) or run[0].tag.startswith("名詞-固有名詞-地名"))):
            suffix = None  # JAXA宇宙科学研究所: a unit named after its parent (below), not a name of its own
        located = _place_in_parens(sent, t.i + 1, lex)  # 北斗エナジー（茨城県つくば市）
        # スミス政権, スポーツ庁 — but not パワー半導体, a kind of product
        katakana_name = suffix is not None and lex.suffixes[suffix] in ("Government", "PoliticalParty") and \
            all(is_katakana(x) or x.norm == "・" for x in run[:-1]) and len("".join(x.norm for x in run[:-1])) >= 3
        # ボルタリス・エナジー: katakana joined by ・ with the suffix word as its last part
        dotted = len(run) > 2 and run[-2].norm == "・" and _dotted_katakana(run)
        if suffix and t.norm in lex.quoted_heads and t.i + 1 < len(toks) and toks[t.i + 1].norm == "「":
            suffix = None  # 小惑星探査機「はやぶさ３」: the words say what the quoted name is
        cut = max((i + 1 for i in range(a, t.i - 1) if toks[i].norm in lex.part_links | lex.company_descriptors), default=a)
        if suffix and cut > a and _has_name(toks[cut:t.i], lex):
            a, run = cut, toks[cut:t.i + 1]  # 子会社|ダイハツ工業, 大手|東和商事: the name after what it is
        if suffix and len(run) > 1 and t.i not in claimed and (_has_name(run[:-1], lex) or katakana_name or dotted or
                                        (located and any(is_katakana(x) for x in run[:-1]))):
            dot = next((i for i in range(a, t.i) if toks[i].norm == "・"), None)
            if dot is not None and dot > a and all(toks[i].tag.startswith("名詞-固有名詞-地名") for i in range(a, dot)) \
                    and any(not is_katakana(x) for x in toks[dot + 1:t.i + 1]):
                # 東京・両国国技館: the place it is in, then its name
                out.append(make(sent, a, dot, "Place", "place・name"))
                a = dot + 1
            out.append(make(sent, a, t.i + 1, lex.suffixes[suffix], "suffix"))
            claimed.update(range(a, t.i + 1))
            continue
        lead = _parent_name_end(run, lex) if unit and not suffix else None
        if lead is not None:
            # 石川県危機対策課, JAXA宇宙科学研究所: a unit named after its parent; both are named
            parent = run[:lead]
            places = all(x.tag.startswith("名詞-固有名詞-地名") or x.norm in _ADMIN_SUFFIXES for x in parent)
            out.append(make(sent, a, t.i + 1, "Organization", "unit"))
            kind = lex.suffixes.get(parent[-1].norm, "Organization")
            out.append(make(sent, a, a + lead, "Place" if places else kind, "unit-parent"))
            claimed.update(range(a, t.i + 1))
            continue
        if located and not suffix and any(is_katakana(x) or is_proper(x) for x in run) and \
                not any(e.start <= a < e.end and lex.ene.get(e.label) == "Person" for e in sent.ents) \
                and not any(is_name_token(x) for x in run):
            # マルサン（仙台市）: a name with its place in parentheses is an organisation
            out.append(make(sent, a, t.i + 1, "Company" if _looks_company(run, lex) else "Organization", "name(place)"))
            claimed.update(range(a, t.i + 1))
            continue
        head_agr = next((h for h in lex.agreement_heads if joined.endswith(h)), None)
        # 安保関連|3|文書: a set of documents or plans counted inside its name is one thing, named
        counted = len(run) >= 3 and run[-2].pos == "NUM" and run[-1].norm in lex.agreement_heads \
            and all(x.pos == "NOUN" for x in run[:-2])
        if head_agr and len(run) > 1 and (_has_name(run[:-1], lex) or counted):
            out.append(make(sent, a, t.i + 1, lex.agreement_heads[head_agr], "agreement"))
        elif head_agr and t.bunsetu_head:
            span = _agreement_phrase(sent, t, lex)
            if span:
                m = make(sent, span[0], span[1], lex.agreement_heads[head_agr], "agreement")
                if a > span[0]:  # 買収に関する基本合意書: the compound itself is a name seen too
                    m = dataclasses.replace(m, written=nfkc(surface(sent, a, t.i + 1)[2]))
                out.append(m)

    # what is held is an event, named or not: …で開かれた授賞式, 決勝が行われた; and what is set up
    # or sent is a body (非常災害対策本部を設置した)
    kids = _children(sent)
    for v in toks:
        body = v.lemma in lex.body_verbs
        needs_head = "body" if body else lex.hold_verbs.get(v.lemma)
        attending = lex.predicates.get(v.lemma) == "Attendance"
        if (needs_head is None and not attending) or v.pos != "VERB":
            continue
        passive = any(toks[c].norm in ("れ", "られ", "れる", "られる") for c in kids.get(v.i, []))
        by_subject = v.lemma in lex.subject_held_verbs
        # 開かれた会議 / 会議が開かれた (passive: the subject), 会議を開いた (active: the object),
        # 決勝があった (the subject of a verb of taking place), 伝達式に臨んだ (where one attends)
        if needs_head is None:
            wanted = {"に"}
        elif passive or by_subject:
            wanted = {"が", "は", "も"}
        else:
            wanted = {"を"}
        nouns = [toks[c] for c in kids.get(v.i, []) if toks[c].pos == "NOUN" and toks[c].bunsetu_head
                 and set(particles(sent, toks[c])[:1]) & wanted]
        if v.dep == "acl" and toks[v.head].pos == "NOUN" and (passive or by_subject):
            nouns.append(toks[v.head])  # 開かれた会議, 発生した山林火災
        for n in nouns:
            a = _nominal_run_left(toks, n.i + 1)
            while a < n.i - 1 and toks[a].pos == "NUM" and toks[a + 1].norm in ("日", "月", "年"):
                a += 2  # 15日の…: a date is no part of the name
            joined = "".join(x.norm for x in toks[a:n.i + 1])
            if not joined or joined in lex.groups or joined in lex.place_links or joined in lex.anaphora \
                    or all(x.pos == "NUM" or x.tag.startswith("名詞-普通名詞-助数詞") for x in toks[a:n.i + 1]):
                continue  # 2025年 is a date, not what was held
            if body:
                while a > 0 and toks[a - 1].pos == "ADJ" and not toks[a].bunsetu_start:
                    a -= 1  # 非常|災害対策本部: an adjective stem inside the name
                joined = "".join(x.norm for x in toks[a:n.i + 1])
                if joined.endswith(tuple(lex.body_heads)) and joined not in lex.body_heads and not any(
                        i in claimed or i in person_tokens for i in range(a, n.i + 1)):
                    out.append(make(sent, a, n.i + 1, "Organization", "body"))
                    claimed.update(range(a, n.i + 1))
                continue
            heads = lex.event_heads | lex.held_event_heads | lex.disaster_heads
            if needs_head in ("yes", None) and not joined.endswith(tuple(heads)):
                continue
            if toks[a].pos == "NUM" and n.i == a + 1:
                continue  # 9試合が行われた: how many were held, not which one
            if joined in heads and (attending and needs_head is None or joined in lex.disaster_heads):
                continue  # 大会に出場, 地震が起きた: which one is not said
            if any(i in claimed or i in person_tokens or is_name_token(toks[i]) for i in range(a, n.i + 1)) \
                    or joined in lex.not_events or n.norm in lex.titles:
                continue
            disaster = joined.endswith(tuple(lex.disaster_heads)) and not joined.endswith(tuple(lex.event_heads))
            # (授賞式, 閣僚級の協議 with no name in them: the article's own too)
            rule = "unnamed-event" if not _has_name(toks[a:n.i + 1], lex) else "held"
            out.append(make(sent, a, n.i + 1, "Disaster" if disaster else "Event", rule))
            claimed.update(range(a, n.i + 1))

    # what is won: the を-object of a win predicate ending in an award word, with the category in
    # parentheses that says which one (作品賞（ドラマ部門）を受賞した)
    for p in toks:
        # (…賞に選ばれた: chosen for it is won too)
        chosen = p.lemma == "選ぶ" and any(toks[c].norm in ("れ", "られ") for c in kids.get(p.i, []))
        if (lex.predicates.get(p.lemma) != "Win" and not chosen) or p.pos != "VERB":
            continue
        for c in kids.get(p.i, []):
            n = toks[c]
            if n.pos not in ("NOUN", "PROPN") or not n.bunsetu_head or particles(sent, n)[:1] != (
                    ["に"] if chosen else ["を"]) or n.i in claimed \
                    or not n.norm.endswith(tuple(lex.award_heads)):
                continue
            a = _nominal_run_left(toks, n.i + 1)
            if any(i in claimed or i in person_tokens or is_name_token(toks[i]) for i in range(a, n.i + 1)):
                continue
            b = n.i + 1
            if b < len(toks) and toks[b].norm == "(":
                close = next((j for j in range(b + 1, min(b + 6, len(toks))) if toks[j].norm == ")"), None)
                if close and toks[close - 1].norm.endswith("部門"):
                    b = close + 1
            if "".join(x.norm for x in toks[a:b]) in lex.award_heads:
                continue  # 賞を受けた: which one is not said
            out.append(make(sent, a, b, "Award", "won"))
            claimed.update(range(a, b))

    # what is given: the を-object of a gift predicate and the items listed with や / など
    for p in toks:
        if lex.predicates.get(p.lemma) != "Gift" or p.pos != "VERB":
            continue
        for item in gift_items(sent, p):
            span = phrase(sent, item, _GIFT_DEPS)
            if not span or any(e.end == item.i + 1 and lex.ene.get(e.label) in ("Award", "Product") for e in sent.ents):
                continue  # ノーベル化学賞を授与: the award is named already
            a = span[0]
            # the date or anything before a comma is not part of what is given (8日、2025年の…賞)
            commas = [i for i in range(span[0], span[1]) if toks[i].norm == "、"]
            if commas:
                a = commas[-1] + 1
            # (今年の|ノーベル化学賞: nor is the time word before it)
            while a < span[1] - 1 and (toks[a].pos == "NUM" or toks[a].tag.startswith("名詞-普通名詞-助数詞")
                                        or toks[a].norm == "の" or toks[a].tag.endswith("副詞可能")):
                a += 1
            # (東和文化賞を授与した: what is given that ends in an award word is an award)
            award = toks[span[1] - 1].norm.endswith(tuple(lex.award_heads)) and span[1] - a > 1
            if "".join(x.norm for x in toks[a:span[1]]) in lex.award_tokens:
                # 賞状が手渡された: the award named before it, else the thing (kg.entities)
                out.append(make(sent, a, span[1], "Award", "anaphor", refers_to=("anaphor", "", "Artifact")))
                continue
            out.append(make(sent, a, span[1], "Award" if award else "Artifact", "gift"))

    # who a meeting is with, when no name is there (…の家族とも面会した): the phrase itself
    for p in toks:
        if lex.predicates.get(p.lemma) != "Meeting" or p.pos != "VERB":
            continue
        for c in toks:
            if c.head != p.i or not c.bunsetu_head or c.pos not in _NOMINAL:
                continue
            if not set(particles(sent, c)) & {"と", "とも"}:
                continue
            if any(e.start <= c.i < e.end and e.label in lex.ene for e in sent.ents) or c.i in claimed:
                continue
            span = phrase(sent, c, _NP_DEPS | {"fixed", "acl"}, max_chars=30)
            if span and span[0] < c.i and not any(i in person_tokens for i in range(span[0], c.i)):
                out.append(make(sent, span[0], span[1], "Organization", "participant"))

    # Name (ACR), Name（カタカナ）: the acronym or the katakana name is another name of what precedes it
    for t in toks:
        close = next((j for j in range(t.i + 2, min(t.i + 8, len(toks))) if toks[j].norm == ")"), None) \
            if t.norm == "(" else None
        if close is None or t.i == 0 or toks[t.i - 1].pos not in _NOMINAL or t.i - 1 in person_tokens:
            continue
        inside = toks[t.i + 1:close]
        short = (len(inside) == 1 and is_acronym(inside[0])) or \
            (len(inside) == 2 and is_acronym(inside[0]) and inside[1].pos == "NUM") or \
            all(is_katakana(x) or x.norm == "・" for x in inside)
        a = _nominal_run_left(toks, t.i)
        # 日本国際博覧会協会（万博協会）: a shorter name with the same organisation word at its end
        head = next((x for x in lex.suffixes if toks[t.i - 1].norm.endswith(x)), None)
        inside_text = "".join(x.norm for x in inside)
        same_head = head is not None and lex.suffixes[head] in ("Organization", "Government", "PoliticalParty") \
            and all(x.pos in _NOMINAL for x in inside) and inside_text.endswith(head) \
            and len(head) < len(inside_text) < len("".join(x.norm for x in toks[a:t.i]))
        if same_head:
            full = nfkc(surface(sent, a, t.i)[2])
            out.append(make(sent, t.i + 1, close, lex.suffixes[head], "acronym", label=full))
            claimed.update(range(t.i + 1, close))
            continue
        before_text = "".join(x.norm for x in toks[a:t.i])
        if re.match(r"[A-Z]", inside_text) and inside_text.endswith(tuple(lex.event_heads)) \
                and before_text.endswith(tuple(lex.event_heads)) and len(inside_text) < len(before_text):
            # 主要7か国首脳会議（G7サミット）: the short name of the same event
            out.append(make(sent, t.i + 1, close, "Event", "acronym", label=nfkc(surface(sent, a, t.i)[2])))
            claimed.update(range(t.i + 1, close))
            continue
        ner = next((e for e in sent.ents if e.end == t.i and e.label in lex.ene), None)
        # 国内総生産 (GDP), 人工知能 (AI): common nouns the NER calls a product are a concept, not a name
        named = _has_name(toks[a:t.i], lex) or (ner is not None and lex.ene[ner.label] != "Product")
        if short and not named and ner is not None:
            claimed.update(range(a, close))  # and its abbreviation is no name either
            continue
        if short and not named and (head is None or lex.suffixes[head] == "Company") \
                and all(x.pos == "NOUN" for x in toks[a:t.i]) and len(inside) == 1 and is_acronym(inside[0]):
            # 電気自動車（ＥＶ）, 液化天然ガス（ＬＮＧ）: common words (a company's last word, 自動車 or ガス, is
            # one only after a name), so their abbreviation is no name either, whatever the NER makes of it
            claimed.update(range(t.i + 1, close))
            continue
        if not named and len(inside) > 1 and all(re.fullmatch(r"[A-Za-z]+", x.norm) for x in inside):
            claimed.update(range(t.i + 1, close))  # 偉大な合意 (GREAT DEAL): a gloss in English, no name
            continue
        if short and named and len(inside) == 1 and is_acronym(inside[0]) and is_name_token(toks[t.i - 1]):
            # 北口榛花（ＪＡＬ）: a person with the organisation they belong to, not its acronym
            out.append(make(sent, a, t.i, "Person", "ner"))
            out.append(make(sent, t.i + 1, close, "Organization", "affiliation"))
            claimed.update(range(a, close))
            person_tokens.update(range(a, t.i))
            continue
        if short and named and not (len(inside) == 1 and is_acronym(inside[0])) and _title_after(toks, close + 1, lex)[1]:
            # 李相日（リ・サンイル）監督: a person's name with its reading, then the title
            end, title = _title_after(toks, close + 1, lex)
            title = title if lex.is_title(title) else None
            out = [m for m in out if not (m.cls == "Person" and a <= m.tok_start and m.tok_end <= close)]
            out.append(make(sent, a, t.i, "Person", "name+title", title=title))
            out.append(make(sent, t.i + 1, close, "Person", "name+title", label=nfkc(surface(sent, a, t.i)[2]),
                            title=title))
            if title and lex.is_office(title):
                out.append(_position_after(sent, close + 1, end, title, lex))
            claimed.update(range(a, end))
            person_tokens.update(range(a, close))
            continue
        inner = next((e for e in sent.ents if e.start == t.i + 1 and e.end == close), None)
        if short and named and inner is not None and lex.ene.get(inner.label) in ("Place", "Country") \
                and (ner is None or lex.ene.get(ner.label) not in ("Place", "Country")):
            # 世界選手権（ブダペスト）: where the event was, not another name of it (釜山（プサン） is)
            out.append(make(sent, t.i + 1, close, "Place", "name(place)"))
            claimed.update(range(t.i + 1, close))
            continue
        if short and named and any("".join(x.norm for x in toks[i:t.i]) in lex.titles for i in range(a, t.i)):
            continue  # …最高経営責任者（ＣＥＯ）: the abbreviation of a title, which the title rules read
        if short and named:
            full = nfkc(surface(sent, a, t.i)[2])
            cls = lex.ene[ner.label] if ner else "Organization"
            if cls == "Person" and not any(is_name_token(x) for x in toks[a:t.i]):
                cls = "Organization"  # アジア太平洋経済協力会議 (APEC) is no person
            if cls == "Organization" and len(inside) == 2 and full.endswith(tuple(lex.event_heads)):
                cls = "Event"  # 締約国会議（COP30）: a numbered meeting is an event, not the body
            out.append(make(sent, a, t.i, cls, "acronym"))
            out.append(make(sent, t.i + 1, close, cls, "acronym", label=full))
            claimed.update(range(a, close))

    # group references and 同-anaphora
    for t in toks:
        two = t.norm + toks[t.i + 1].norm if t.i + 1 < len(toks) else ""
        if t.norm == "両" and t.i + 1 < len(toks) and lex.is_title(toks[t.i + 1].norm):
            # 両外相, 両社長: the two people named with that title
            out.append(make(sent, t.i, t.i + 2, "Group", "group", refers_to=("title:" + toks[t.i + 1].norm,)))
            claimed.update((t.i, t.i + 1))
        elif (n := 2 if two in lex.groups else 1 if t.norm in lex.groups else 0) and t.i + n + 1 < len(toks) \
                and toks[t.i + n].norm == "の" and lex.is_title(toks[t.i + n + 1].norm) \
                and not lex.is_honorific(toks[t.i + n + 1].norm):
            # 両社の社長, 両国の外相: the two people named with that title
            title = toks[t.i + n + 1].norm
            out.append(make(sent, t.i, t.i + n + 2, "Group", "group", refers_to=("title:" + title,)))
            claimed.update(range(t.i, t.i + n + 2))
        elif two in lex.groups:
            out.append(make(sent, t.i, t.i + 2, "Group", "group", refers_to=(lex.groups[two],)))
            claimed.update((t.i, t.i + 1))
        elif t.norm in lex.groups and not (t.i + 1 < len(toks) and toks[t.i + 1].pos in ("NOUN", "PROPN")
                                           and toks[t.i + 1].norm not in lex.titles and not toks[t.i].bunsetu_head):
            # 両国は…, 両国首脳 (a title after it) — but not 両国国技館, a name that starts so
            out.append(make(sent, t.i, t.i + 1, "Group", "group", refers_to=(lex.groups[t.norm],)))
            claimed.add(t.i)
        elif t.i + 1 < len(toks) and two in lex.anaphora and _anaphor_fits(toks, t.i, t.i + 2, lex.anaphora[two]):
            ana = lex.anaphora[two]
            out.append(make(sent, t.i, t.i + 2, ana.cls, "anaphor", refers_to=("anaphor", ana.ends_with or "")))
        elif t.norm in lex.anaphora and _anaphor_fits(toks, t.i, t.i + 1, lex.anaphora[t.norm]):
            ana = lex.anaphora[t.norm]
            out.append(make(sent, t.i, t.i + 1, ana.cls, "anaphor", refers_to=("anaphor", ana.ends_with or "")))

    # 衆院選, 夏場所: one word whose ending makes it an event (the NER: a person, or nothing)
    for t in toks:
        end = next((x for x in lex.event_suffixes if t.norm.endswith(x) and len(t.norm) >= 3), None)
        # 第57回|衆院選: an edition number before it names the same event (the NER span below)
        edition = end is not None and any(e.end == t.i + 1 and e.start == t.i - 3 and toks[e.start].norm == "第"
                                          and toks[t.i - 2].pos == "NUM" and toks[t.i - 1].norm == "回"
                                          for e in sent.ents)
        if end and t.pos in ("NOUN", "PROPN") and t.i not in claimed and not edition and \
                not any(t.norm.endswith(w) for w in lex.not_events):
            out.append(make(sent, t.i, t.i + 1, "Event", "event-word"))
            if not any(e.start <= t.i < e.end and e.end - e.start > 1 for e in sent.ents):
                claimed.add(t.i)  # 夏場所後の番付編成会議: a longer name the NER found is kept as well

    # NER spans
    for e in sent.ents:
        cls = lex.ene.get(e.label)
        if cls in (None, "Person") and e.end - e.start > 1 and toks[e.end - 1].norm in lex.school_suffixes \
                and not is_name_token(toks[e.end - 1]):
            cls = "Organization"  # 青山学院|大 read as an event of no kind, 西山|大 as a person: a school
        if cls is None:
            continue
        a, b = e.start, e.end
        while a < b and toks[a].pos in ("PUNCT", "SYM"):
            a += 1
        while b > a and toks[b - 1].pos in ("PUNCT", "SYM"):
            b -= 1
        last = toks[b - 1].norm
        fused = last[:1] in _ADMIN_SUFFIXES and lex.is_title(last[1:])  # 福岡|県知事
        if cls == "Person" and b - a >= 2 and (lex.is_title(last) and toks[b - 2].norm.endswith(_ADMIN_SUFFIXES)
                                               or fused) and all(
                    x.tag.startswith("名詞-固有名詞-地名") or x.norm in _ADMIN_SUFFIXES for x in toks[a:b - 1]):
            # 福岡県知事 tagged as a person: the prefecture, and its office (see _local_offices)
            if fused:
                out.append(make(sent, a, b - 1, "Place", "ner-split", label=nfkc(surface(sent, a, b - 1)[2]) + last[0]))
            else:
                out.extend(make(sent, x, y, "Place", "ner-split") for x, y in _split_place(toks, a, b - 1))
            out.append(make(sent, b - 1, b, "Position", "ner", label=last[1:] if fused else last))
            claimed.update(range(a, b))
            continue
        if cls not in ("Place", "Country") and b - a >= 3 and any(x.norm == "・" for x in toks[a:b]) and all(
                x.norm == "・" or x.tag.startswith("名詞-固有名詞-地名") for x in toks[a:b]) \
                and not any(i in claimed for i in range(a, b)):
            # ドイツ・ベルリン read as an earthquake: place names joined by ・ are places (kg.facts links them)
            start = a
            for i in range(a, b + 1):
                if i == b or toks[i].norm == "・":
                    if i > start:
                        one_country = i == start + 1 and toks[start].tag.startswith("名詞-固有名詞-地名-国")
                        out.append(make(sent, start, i, "Country" if one_country else "Place", "ner-split"))
                    start = i + 1
            claimed.update(range(a, b))
            continue
        if a == 1 and toks[0].norm == "【" and b < len(toks) and toks[b].norm == "】":
            cls = "Place"  # 【上田】: a dateline names where the story is from
        if cls == "Person" and b - a >= 3 and toks[a].tag.endswith("人名-姓") \
                and all(is_katakana(x) and "人名" not in x.tag for x in toks[a + 1:b]):
            # 上田|ライジング|ホークス read as a person: a place-like name and katakana words name a team
            cls = "SportsTeam"
        if cls == "SportsTeam" and b - a > 1 and toks[b - 1].norm in lex.school_suffixes:
            cls = "Organization"  # 上田西|高 read as a team: a school
        if cls == "Person" and _is_river(sent, a, b, lex) or cls not in ("Place", "Country") and b - a == 2 \
                and toks[a].tag.startswith("名詞-固有名詞-地名") and toks[b - 1].norm in ("県", "市", "区", "町", "村", "郡"):
            cls = "Place"  # 北川 that floods, 南山|市 read as an amusement park
        if cls == "Person" and b < len(toks) and toks[b].norm in _ADMIN_SUFFIXES and not toks[b].bunsetu_start \
                and b not in claimed:
            cls, b = "Place", b + 1  # 北原|市 read as a person (the NER stopped before 市)
        if cls == "Person" and not any(is_name_token(x) for x in toks[a:b]) and "".join(
                x.norm for x in toks[a:b]).endswith(tuple(lex.event_heads | lex.held_event_heads)):
            cls = "Event"  # オープン戦 read as a person: no name in it, and an event word ends it
        named = b
        while named - a > 1 and toks[named - 1].norm in lex.place_links:
            named -= 1  # 秋田市|内: a word for inside or around names no one
        if cls == "Person" and all(x.tag.startswith("名詞-固有名詞-地名") for x in toks[a:named] if is_proper(x)) \
                and any(is_proper(x) for x in toks[a:named]) and not _title_after(toks, b, lex)[1]:
            cls = "Place"  # 南米パラグアイ tagged as a person: only place names and no title
        while b - a > 1 and toks[b - 1].tag.startswith("名詞-普通名詞-副詞可能") and not toks[b - 1].norm.endswith(
                tuple(lex.event_heads)):
            b -= 1  # 室伏広治|以来: a time word the NER took in
        if cls != "Person" and b - a >= 2 and toks[a].tag.endswith("人名-姓") and toks[b - 1].tag.endswith("人名-名") \
                and all(is_name_token(x) for x in toks[a:b]):
            cls = "Person"  # a family name and a given name are a person whatever the NER says
        for i in range(a, b):  # a dateline (トロント＝共同, 【北京時事】) names the place only
            if i > a and (toks[i].norm == "=" or toks[i].norm in lex.news_agencies and (
                    b < len(toks) and toks[b].norm == "】" or b - 1 == i)):
                b = i
                break
        country = next((x for x in sent.ents if x.end == a and lex.ene.get(x.label) == "Country"), None)
        if cls == "Government" and country is not None:
            a = country.start  # 中国|外務省 cut in two: China's ministry, not Japan's (the country stays a node too)
        lead = None
        if cls != "Person" and cls != "Position":
            a0 = a
            a, b, lead = _trim_place_words(toks, a, b, lex)
            # 南米|パラグアイ: the region cut off the front is a place too (kg.facts: the country lies in it)
            out.extend(make(sent, i, i + 1, "Place", "region") for i in range(a0, a)
                       if toks[i].norm in lex.world_regions and i not in claimed)
            if a > a0 and any(toks[i].norm in lex.place_links for i in range(a0, a)) and cls not in ("Country",):
                cls = "Place"  # 首都アスンシオン: what a place word describes is a place
            if lead is not None:
                out.append(make(sent, lead, lead + 1, "Country", "abbreviation", label=lex.abbreviations[toks[lead].norm]))
        if cls in ("Organization", "Company") and toks[b - 1].norm in ("大", "大学") and b + 1 < len(toks) \
                and (is_katakana(toks[b]) or is_proper(toks[b])) and toks[b + 1].norm == "校" \
                and not any(i in claimed for i in (b, b + 1)):
            b += 2  # カリフォルニア大|バークリー|校: a university's campus is part of its name
        if b - a > 3 and toks[b - 1].norm == ")" and toks[b - 1 - 1] and _skip_reading(toks, _open_paren(toks, a, b)) == b:
            b = _open_paren(toks, a, b)  # a reading after a name: SLIM（スリム）
        if cls in ("Product", "Artifact"):
            head = max((i for i in range(a, b - 1) if toks[i].norm in lex.quoted_heads
                        and all(x.tag.startswith("名詞-普通名詞") for x in toks[a:i + 1])), default=None)
            if head is not None:  # 気象|衛星|ひまわり10号: what it is, then its name
                cls, a = lex.quoted_heads[toks[head].norm], head + 1
        if cls in ("Event", "Product", "Artifact", "Award") and a > 0 and toks[a - 1].norm == "「":
            # 「踊る大捜査線 THE MOVIE 2 レインボーブリッジを封鎖せよ！」: a title the NER took only part of
            close = next((j for j in range(b, min(b + 16, len(toks))) if toks[j].norm in ("「", "」")), None)
            if close is not None and toks[close].norm == "」" and close > b and \
                    not any(i in claimed or i in person_tokens for i in range(b, close)):
                b = close
        if a >= b:
            continue
        last = toks[b - 1]
        if a == b or (not is_proper(last) and last.norm.endswith(tuple(lex.not_name_suffixes))):
            continue
        span_text = "".join(x.norm for x in toks[a:b])
        if span_text in lex.honorific_only or lex.is_honorific(span_text) or span_text in lex.suffixes:
            continue  # 探査機, 空港 alone: a class word names nothing
        if cls == "Event" and not _has_name(toks[a:b], lex) and toks[b - 1].norm in lex.company_descriptors:
            continue  # 自動車メーカー read as a festival: a word for a kind of company names no event
        if cls == "Disaster" and span_text.endswith(tuple(lex.event_heads | lex.held_event_heads)) \
                and not span_text.endswith(tuple(lex.disaster_heads)):
            cls = "Event"  # 番付編成会議 read as an incident: a meeting is an event
        if any(i in claimed or i in person_tokens for i in range(a, b)):
            continue
        if cls == "Person" and b - a > 1 and lex.suffixes.get(toks[b - 1].norm) in ("Company", "Organization") \
                and not any(is_name_token(x) for x in toks[a:b]):
            # 北斗|電工|ホールディングス read as a person: the class word at its end says what it is
            out.append(make(sent, a, b, lex.suffixes[toks[b - 1].norm], "suffix"))
            continue
        if cls in ("Person", "Product", "Artifact") and _located_word(sent, a, b, lex) and not _title_after(toks, b, lex)[1]:
            # アステリオン（東京都港区） read as a person or a car: an organisation, placed as news places one
            out.append(make(sent, a, b, _located_class(sent, b, lex), "name(place)"))
            continue
        if cls == "Person":
            # cut a trailing title off (GiNZA sometimes tags スミス大統領 as one Person)
            while b > a + 1 and (toks[b - 1].norm in lex.titles or not is_proper(toks[b - 1])):
                b -= 1
            end, title = _title_after(toks, b, lex)
            if not any(is_proper(x) for x in toks[a:b]) or (b == a + 1 and toks[a].norm in lex.title_prefixes):
                continue  # no name, or a title's prefix only (新|横綱)
            # 東京・元 is not a person: a span of place names needs a title to be one
            if not title and all(x.tag.startswith("名詞-固有名詞-地名") for x in toks[a:b] if is_proper(x)):
                cls = "Place"
            if title and lex.is_title(title):
                out.append(make(sent, a, b, "Person", "name+title", title=title, written_end=end))
                if lex.is_office(title):
                    out.append(_position_after(sent, b, end, title, lex))
                continue
        elif (cls == "Position" and b - a >= 2 and toks[b - 1].norm in lex.award_heads
              or cls == "Event" and toks[b - 1].norm.endswith(tuple(lex.award_heads))) \
                and not any(is_name_token(x) for x in toks[a:b]) \
                or cls in ("Position", "Event", "Product", "Artifact") and b - a >= 2 and toks[b - 1].norm.endswith("賞"):
            # 国際長編映画賞 read as an office, 第170回芥川賞 as a conference, ブラント国際生命科学賞 as a
            # film: an award (a person's name in it too, when it ends in 賞)
            out.append(make(sent, a, b, "Award", "ner"))
            continue
        elif cls == "Position":
            title = next((span_text[i:] for i in range(len(span_text)) if span_text[i:] in lex.titles), None)
            names = [x.i for x in toks[a:b] if is_name_token(x)]
            if names:
                out.append(make(sent, names[0], names[-1] + 1, "Person", "ner-split",
                                title=title if title and lex.is_title(title) else None, written_end=b))
                a = names[-1] + 1
            if title and lex.is_office(title) and a < b:
                # (第1次官: the ordinal is part of the office's name)
                start, title = with_ordinal(toks, _title_start(toks, a, b, lex), title)
                out.append(make(sent, start, b, "Position", "ner", label=title))
            continue
        elif cls in NAME_CLASSES or cls in ("Product", "Artifact"):
            run = toks[a:b]
            # 英|アーム: a katakana word after a one-letter country is a foreign name
            foreign = lead is not None and all(is_katakana(x) for x in run)
            # (for a thing, a class word of one character ends a name only as a word of its own: not 在来線)
            ends = tuple(w for w in lex.suffixes if len(w) > 1 or cls not in ("Product", "Artifact"))
            if lex.suffixes.get(run[-1].norm) in ("Product", "Artifact") and not _has_name(run, lex) and not foreign:
                continue  # 新型|ロケット read as a company: a kind of thing, no name
            if not _has_name(run, lex) and not foreign and not any(
                    x.norm in lex.suffixes or x.norm.endswith(ends) for x in run[-1:]):
                continue
        if cls in ("Place", "Country") and b < len(toks) and toks[b].pos == "NOUN" and not toks[b].bunsetu_start \
                and toks[b].norm in lex.place_suffixes and (len(toks[b].norm) > 1 or cls == "Place") and b + 1 - a >= 2:
            b, cls = b + 1, "Place"  # 台湾|海峡, 朝鮮|半島 the NER ended early: the strait, not Taiwan
        if e.label == "GOE_Other" and b + 1 < len(toks) and toks[b].norm == "の" and is_name_token(toks[b + 1]):
            cls = "Organization"  # 阪神タイガースの佐藤輝明内野手 read as a building: people belong to it
        word = next((x for x in lex.suffixes if toks[b - 1].norm.endswith(x)
                     and (len(x) > 1 or lex.suffixes[x] == "Government" and len(toks[b - 1].norm) > 2)), None)
        if word and (lex.suffixes[word] in ("Facility", "Organization") and cls in ("Company", "Product", "Artifact")
                     or lex.suffixes[word] == "Company" and cls == "Product"
                     or lex.suffixes[word] == "Government" and cls in ("PoliticalParty", "Company", "Organization")
                     or e.label == "GOE_Other" and lex.suffixes[word] != cls):
            cls = lex.suffixes[word]  # ローンデポ・パーク read as a book, 北斗電機 as a building: the last word says
        if cls not in ("Place", "Country") and toks[a].tag.startswith("名詞-固有名詞-地名") \
                and toks[a].norm.endswith(("州", "県")) and len(toks[a].norm) > 1 \
                and all(is_katakana(x) or x.tag.startswith("名詞-固有名詞-地名") for x in toks[a + 1:b]):
            cls = "Place"  # オハイオ州(コロンバス) read as a school: a state (then a city in it)
        if cls == "Place" and b - a >= 2 and len(toks[b - 1].norm) == 2 and toks[b - 1].norm[1] in lex.place_links \
                and toks[b - 1].norm[0] in _ADMIN_SUFFIXES and toks[b - 2].tag.startswith("名詞-固有名詞-地名"):
            # 大阪|府内 as one word: the prefecture, not the area inside it
            out.append(make(sent, a, b, cls, "ner", label=nfkc(surface(sent, a, b)[2])[:-1]))
            continue
        if cls == "Place":
            parts = _split_place(toks, a, b)
            if len(parts) > 1:  # 岩手県大船渡市 → 岩手県 + 大船渡市 (kg.facts links them)
                out.extend(make(sent, x, y, cls, "ner-split") for x, y in parts[:-1])
                # the most specific part keeps the whole name as written as an alias (東京都港区)
                out.append(dataclasses.replace(make(sent, *parts[-1], cls, "ner-split"),
                                               written=nfkc(surface(sent, a, b)[2])))
                continue
        out.append(make(sent, a, b, cls, "ner"))
    out += _place_names_left(sent, out, claimed, lex)
    out += _place_and_katakana_names(sent, out, claimed)
    out += _offices_held(sent, out, lex)
    out += _unnamed_disasters(sent, out, lex)
    out += _organisations_joined(sent, out, lex)
    teams = _team_names(sent, out, lex)
    # (プロ野球の|東和ジャガーズ: the team, not the place the NER read in its name)
    out = [m for m in out if not (m.rule in ("ner", "ner-split") and any(
        t.rule in ("sport-team", "league") and t.tok_start < m.tok_end and m.tok_start < t.tok_end
        for t in teams))] + teams
    out = _acronyms_of_phrases(sent, out)
    out = _local_offices(out)
    # 水野製作所 read by the NER as a person: a name inside an organisation's name is not a person
    orgs = [m for m in out if m.rule in ("suffix", "name(place)", "descriptor") and m.cls != "Person"]
    out = [m for m in out if not (m.cls == "Person" and m.rule == "ner" and any(
        o.tok_start <= m.tok_start and m.tok_end <= o.tok_end and (o.tok_start, o.tok_end) != (m.tok_start, m.tok_end)
        for o in orgs))]
    out = _place_dot_district(sent, out)
    # (nor the countries of a word like 台中 in the middle of one: 市立緑ケ|台中|学校; 日中友好協会, which
    # opens with them, is the two countries' association)
    out = [m for m in out if not (m.rule == "abbreviation" and any(
        o.tok_start < m.tok_start and m.tok_end <= o.tok_end for o in orgs if o.rule == "suffix"))]
    return _dedupe(out)


def _place_dot_district(sent: Sentence, out: list[Mention]) -> list[Mention]:
    """東京・元|赤坂: the NER may read a city, ・ and the first word of a district as one name and the
    rest of the district as another; the city is one place and the district, written whole, the other."""
    toks = sent.tokens
    for m in [m for m in out if m.rule == "ner" and m.cls == "Place" and m.tok_end - m.tok_start >= 3]:
        d = m.tok_end - 2
        rest = next((p for p in out if p.cls == "Place" and p.tok_start == m.tok_end and p.rule == "ner"), None)
        if rest is None or toks[d].norm != "・" or not toks[m.tok_end - 1].tag.startswith("名詞-普通名詞") \
                or not all(t.tag.startswith("名詞-固有名詞-地名") for t in toks[m.tok_start:d]):
            continue
        out = [x for x in out if x is not m and x is not rest] + [
            make(sent, m.tok_start, d, "Place", "ner-split"), make(sent, d + 1, rest.tok_end, "Place", "ner-split")]
    return out


def _government_body(sent: Sentence, run, lex: Lexicon) -> bool:
    """A run of nouns that names a ministry (…|外交|部) or a leader's office (大統領|室), by
    ministry_fields.txt and leader_office_suffixes.txt."""
    head, before = run[-1].norm, run[-2].norm
    if head in lex.leader_office_suffixes:
        return len(run) == 2 and lex.title_kind(before) == "leader"
    if head != "部" or before not in lex.ministry_fields:
        return False
    fields = sum(x.norm in lex.ministry_fields for x in run[:-1])
    foreign = any(x.tag.startswith("名詞-固有名詞-地名-国") and x.norm not in ("日本", "日") for x in sent.tokens)
    return fields >= 2 or foreign


def _unnamed_disasters(sent: Sentence, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """震度５強の地震があり, 山林火災が発生した: a bare word for a disaster that is the subject of a verb of
    happening is the disaster the article reports. The mention is labelled by its words alone;
    kg.pipeline makes it the article's own (one earthquake of that day, not every earthquake)."""
    toks = sent.tokens
    taken = {i for m in found for i in range(m.tok_start, m.tok_end)}
    out = []
    for t in toks:
        if not t.bunsetu_head or t.i in taken or t.pos != "NOUN" or particles(sent, t)[:1] not in (["が"], ["は"]):
            continue
        a = _nominal_run_left(toks, t.i + 1)
        if not "".join(x.norm for x in toks[a:t.i + 1]).endswith(tuple(lex.disaster_heads)):
            continue
        verb = toks[t.head]
        # (…地震が起きたとの|想定: a supposition, no disaster)
        supposed = verb.head != verb.i and toks[verb.head].norm in lex.hypothesis_words
        if verb.lemma in lex.occurrence_verbs and verb.i != t.i and not supposed \
                and not any(i in taken for i in range(a, t.i + 1)):
            out.append(make(sent, a, t.i + 1, "Disaster", "unnamed-event"))
    return out


def _organisations_joined(sent: Sentence, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """北斗レッズに所属する, 東和ＦＣから移籍した: what one belongs to, joins or leaves (に / から of a
    verb of membership) is an organisation when it has a katakana word or a proper noun, though the
    NER missed it."""
    toks = sent.tokens
    taken = {i for m in found for i in range(m.tok_start, m.tok_end)}
    kids = _children(sent)
    out = []
    for v in toks:
        if v.pos != "VERB" or lex.predicates.get(v.lemma) != "Membership" or v.lemma in lex.schooling_verbs:
            continue
        for c in kids.get(v.i, []):
            n = toks[c]
            if n.pos not in ("NOUN", "PROPN") or not n.bunsetu_head or particles(sent, n)[:1] not in (["に"], ["から"]):
                continue
            a = _nominal_run_left(toks, n.i + 1)
            run = toks[a:n.i + 1]
            if any(i in taken for i in range(a, n.i + 1)) or not (is_katakana(run[-1]) or _has_name(run, lex)) \
                    or any(is_name_token(x) for x in run) or "".join(x.norm for x in run) in lex.titles:
                continue
            out.append(make(sent, a, n.i + 1, "Organization", "joined"))
    return out


def article_events(sentences: Sequence[Sentence], found: list[Mention], tag: str) -> list[Mention]:
    """The unnamed disasters and events of one article made its own: 地震 is scoped to the article
    (``tag``, its id), one node for the article's earthquake, 授賞式 one for its award
    ceremony, not every one of the corpus; the same bare word written again in the article (この地震で)
    is that one too.
    Returns the relabelled mentions and the repeats; the caller drops the originals."""
    words = {m.label: m.cls for m in found if m.rule == "unnamed-event"}
    if not words:
        return []
    # 地震 in an article that names its earthquake (令和６年能登半島地震): that one, when only one fits
    named = {(m.label, m.cls) for m in found if m.cls in ("Disaster", "Event") and m.rule != "unnamed-event"}
    label = {w: fits[0] if len(fits := [n for n, c in named if c == cls and n.endswith(w) and n != w]) == 1
             else w for w, cls in words.items()}

    def own(m: Mention) -> Mention:
        # (a name another rule found as well, 7か国首脳会議 with its （G7サミット）, is a name: not scoped)
        unnamed = label[m.label] == m.label and not any(n == m.label for n, _ in named)
        return dataclasses.replace(m, label=label[m.label], scope=tag if unnamed else None)

    taken = {(m.sentence, i) for m in found for i in range(m.tok_start, m.tok_end)}
    out = [own(m) for m in found if m.rule == "unnamed-event"]
    for sent in sentences:
        toks = sent.tokens
        for t in toks:
            if not t.bunsetu_head or t.pos != "NOUN":
                continue
            a = _nominal_run_left(toks, t.i + 1)
            m = make(sent, a, t.i + 1, "Disaster", "unnamed-event")
            if m.label in words and not any((sent.index, i) in taken for i in range(a, t.i + 1)):
                out.append(own(dataclasses.replace(m, cls=words[m.label])))
    return out


def _team_names(sent: Sentence, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """Names sports news writes in its own ways: a league (Bリーグ) and its division (Bリーグ2部, with
    its acronym （B2）); the team a game is against (マーリンズ戦); the team a club beats or meets
    (…がブルージェイズを破った)."""
    toks = sent.tokens
    taken = {i for m in found for i in range(m.tok_start, m.tok_end) if m.cls not in ("Event",)}
    strong = {i for m in found for i in range(m.tok_start, m.tok_end) if m.rule not in ("ner", "ner-split")}
    children = _children(sent)
    out = []

    def katakana_run(j: int) -> int:
        """Start of the katakana words (joined by ・) that end at token j, or j + 1 when there are none."""
        a = j + 1
        while a > 0 and (is_katakana(toks[a - 1]) or toks[a - 1].norm == "・") and \
                not toks[a - 1].tag.startswith("名詞-固有名詞-地名") and (a - 1) not in taken:
            a -= 1
        while a <= j and toks[a].norm == "・":
            a += 1
        return a if len("".join(x.norm for x in toks[a:j + 1])) >= 3 else j + 1

    for t in toks[:-1]:
        if _LATIN.match(t.norm) and len(t.norm) == 1 and toks[t.i + 1].norm in lex.league_words and t.i not in taken:
            out.append(make(sent, t.i, t.i + 2, "Organization", "league"))
            b = t.i + 2
            if b + 1 < len(toks) and toks[b].pos == "NUM" and toks[b + 1].norm == "部":
                out.append(make(sent, t.i, b + 2, "Organization", "league"))
                c = b + 2
                if c + 3 < len(toks) and toks[c].norm == "(" and _LATIN.match(toks[c + 1].norm) \
                        and toks[c + 2].pos == "NUM" and toks[c + 3].norm == ")":
                    out.append(make(sent, c + 1, c + 3, "Organization", "acronym",
                                    label=nfkc(surface(sent, t.i, b + 2)[2])))
        if t.norm == "の" and t.i > 0 and toks[t.i - 1].norm in lex.sport_words:
            # プロ野球の|東和|ジャガーズ: after a sport and の, a name with a katakana word is a team
            b = t.i + 1
            while b < len(toks) and b not in strong and toks[b].pos in ("NOUN", "PROPN") and (
                    b == t.i + 1 or not toks[b].bunsetu_start) and toks[b].norm not in lex.titles:
                b += 1
            run = toks[t.i + 1:b]
            if run and run[-1].norm in lex.league_words:
                out.append(make(sent, t.i + 1, b, "Organization", "league"))  # サッカーの|Ｊ１リーグ
            elif run and is_katakana(run[-1]) and not any(is_name_token(x) for x in run) \
                    and not "".join(x.norm for x in run).endswith(tuple(lex.event_heads)) \
                    and b < len(toks) and toks[b].pos == "ADP":
                out.append(make(sent, t.i + 1, b, "SportsTeam", "sport-team"))
        if t.norm in lex.club_words and t.i not in strong:
            # 琥珀ＦＣ新潟: the nouns of the phrase written with FC are the club's name
            a, b = t.i, t.i + 1
            while a > 0 and toks[a - 1].pos in ("NOUN", "PROPN") and toks[a - 1].dep == "compound" \
                    and toks[a - 1].head >= a and a - 1 not in strong:
                a -= 1
            while b < len(toks) and not toks[b].bunsetu_start and toks[b].pos in ("NOUN", "PROPN") \
                    and b not in strong and toks[b].norm not in lex.titles:
                b += 1
            if b - a >= 2:
                out.append(make(sent, a, b, "SportsTeam", "sport-team"))
        if t.norm == "戦" and t.i > 0:  # マーリンズ戦: the game, and the team it is against
            a = katakana_run(t.i - 1)
            if a < t.i:
                out.append(make(sent, a, t.i, "SportsTeam", "opponent"))
        if t.pos == "VERB" and t.lemma in lex.contest_verbs:
            kids = [toks[i] for i in children.get(t.i, [])]
            subject = [c for c in kids if particles(sent, c)[-1:] in (["が"], ["は"])]
            clubs = any(m.cls in ("SportsTeam", "Company", "Organization", "Country") and m.tok_end - 1 == c.i
                        for c in subject for m in found)  # (the NER often reads a club as a company)
            for c in kids:
                if clubs and particles(sent, c)[:1] in (["を"], ["に"], ["と"]) and c.i not in taken:
                    a = katakana_run(c.i)
                    if a <= c.i:
                        out.append(make(sent, a, c.i + 1, "SportsTeam", "opponent"))
            # 北斗レッズは南山ＦＣに勝ち, 北斗レッズ read as a conference: what beats a team is a team
            beaten = any(m.cls == "SportsTeam" and m.tok_end - 1 == c.i for c in kids
                         if particles(sent, c)[:1] in (["を"], ["に"], ["と"]) for m in found)
            for c in subject if beaten else []:
                for m in found:
                    if m.cls == "Event" and m.rule == "ner" and m.tok_end - 1 == c.i and is_katakana(toks[c.i]) \
                            and not m.label.endswith(tuple(lex.event_heads | lex.held_event_heads)):
                        out.append(dataclasses.replace(m, cls="SportsTeam", rule="sport-team"))
    return out


def _acronyms_of_phrases(sent: Sentence, found: list[Mention]) -> list[Mention]:
    """重要鉱物協力に関する了解覚書（ＭＯＵ）: the acronym names the whole phrase its head ends, not the
    head alone; the phrase is written with it."""
    out = list(found)
    for m in found:
        if m.rule != "acronym" or m.cls not in ("Agreement", "Plan"):
            continue
        phrase = next((p for p in found if p.rule == "agreement" and p.cls == m.cls and p.tok_end == m.tok_end
                       and p.tok_start < m.tok_start), None)
        if phrase is None:
            continue
        acronym = next((x for x in found if x.rule == "acronym" and x.tok_start == m.tok_end + 1), None)
        out = [x for x in out if x is not m and x is not acronym and x is not phrase]
        close = (acronym.tok_end if acronym else m.tok_end) + 1
        out.append(dataclasses.replace(phrase, written=nfkc(surface(sent, phrase.tok_start, close)[2])))
        if acronym is not None:
            out.append(dataclasses.replace(acronym, label=phrase.label))
    return out


def _offices_held(sent: Sentence, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """総設計師を務める, 開発責任者を務めた: what a verb of holding an office takes with を is an
    office, title list or not (the nouns compounded into it, no name among them)."""
    toks = sent.tokens
    taken = {i for m in found for i in range(m.tok_start, m.tok_end)}
    kids = _children(sent)
    out = []
    for v in toks:
        if v.pos != "VERB" or lex.predicates.get(v.lemma) != "PositionHolding":
            continue
        for n in (toks[i] for i in kids.get(v.i, []) if i < v.i):
            if n.dep != "obj" or n.pos != "NOUN" or n.i in taken \
                    or n.i + 1 >= len(toks) or toks[n.i + 1].norm != "を":
                continue
            if n.tag.endswith("サ変可能") and n.norm not in lex.titles:
                continue  # 主演とプロデュースを務めた: an activity, not an office
            a = n.i
            while a > 0 and toks[a - 1].dep == "compound" and toks[a - 1].head in range(a, n.i + 1) \
                    and toks[a - 1].pos == "NOUN" and (a - 1) not in taken:
                a -= 1
            if not any(is_name_token(x) or is_proper(x) for x in toks[a:n.i + 1]) and \
                    len("".join(x.norm for x in toks[a:n.i + 1])) >= 2:
                out.append(make(sent, a, n.i + 1, "Position", "office-held"))
    return out


def qualified_offices(sent: Sentence, mentions: list[Mention], names: dict[str, str]) -> list[Mention]:
    """オーストラリアの|アルバニージー首相, 宮城県の村井嘉浩知事: the office of a person named with a
    foreign country or the prefecture or city they govern before them is that one's (オーストラリア首相,
    linked where the gazetteer knows it; 宮城県知事), not the office the title alone names (首相 is
    Japan's, 知事 any governor's)."""
    toks = sent.tokens
    places = {m.tok_end: m for m in mentions if m.cls in ("Country", "Place") and m.rule not in REFERRING}
    persons = _persons_by_end(toks, mentions)
    out = []
    for m in mentions:
        person = persons.get(m.tok_start) if m.cls == "Position" and m.rule == "name+title" else None
        if person is not None:
            c = places.get(person.tok_start - 1) if person.tok_start > 0 and toks[person.tok_start - 1].norm == "の" \
                else places.get(person.tok_start)
            label = None
            if c is not None and c.cls == "Country" and c.label not in ("日本", "日本国"):
                wanted = [c.label + m.label, c.label + "の" + m.label]
                label = next((w for w in wanted if names.get(w) == "Position"), None)
                if label is None and names.get(m.label) == "Position":
                    label = wanted[0]  # 首相 alone is Japan's: the country's own office, not linked
            elif c is not None and c.cls == "Place" and _governs(c.label, m.label):
                # 宮城県の…知事: 宮城県知事, as written together; 横浜市の…市長: 横浜市長
                label = c.label + (m.label[1:] if m.label[0] == c.label[-1] else m.label)
            if label:
                m = dataclasses.replace(m, label=label)
        out.append(m)
    return out


def _governs(place: str, title: str) -> bool:
    """知事 of a prefecture, 市長 of a city, 町長 of a town…: the title of the place's head."""
    return place[-1:] in "都道府県" and title == "知事" or len(title) == 2 and title[1] == "長" \
        and place[-1:] == title[0] and title[0] in "市区町村"


def _persons_by_end(toks: Sequence[Token], mentions: Iterable[Mention]) -> dict[int, Mention]:
    """The persons of one sentence by where a title after them would start: the end of the name, or
    of its reading in parentheses (李在明（イ・ジェミョン）|大統領)."""
    return {end: m for m in mentions if m.cls == "Person" for end in (m.tok_end, _skip_reading(toks, m.tok_end))}


def carried_offices(sentences: Sequence[Sentence], mentions: list[Mention], names: dict[str, str]) -> list[Mention]:
    """李大統領 after 韓国の李在明大統領, 村井知事 after 宮城県の村井嘉浩知事: the office a person was given
    with their country or place stays theirs when the article names them again with the title alone."""
    # (the first person named there, when two end at one place)
    persons = {s.index: _persons_by_end(s.tokens, [m for m in reversed(mentions) if m.sentence == s.index])
               for s in sentences}

    def holder(m: Mention) -> Mention | None:
        return persons.get(m.sentence, {}).get(m.tok_start)

    offices = [m for m in mentions if m.cls == "Position" and m.rule == "name+title"]
    qualified = [m for m in offices if m.label != nfkc(m.text) and m.label.endswith(nfkc(m.text))]
    held = {p.label: m.label for m in qualified if (p := holder(m)) is not None}  # person → their office
    if not held:
        return mentions
    # 大統領にこう伝えた: the title alone is the one office of the article that it qualifies (not 首相,
    # which alone is Japan's prime minister in the gazetteer)
    only: dict[str, set[str]] = {}
    for m in qualified:
        if names.get(nfkc(m.text)) != "Position":
            only.setdefault(nfkc(m.text), set()).add(m.label)
    bare = {m for m in offices if m.label == nfkc(m.text)}
    out = []
    for m in mentions:
        if m.cls == "Position" and m.rule != "name+title" and len(only.get(m.label, ())) == 1:
            m = dataclasses.replace(m, label=next(iter(only[m.label])))
        p = holder(m) if m in bare else None
        if p is not None:
            # (李 and 李在明, アルバニージー and アンソニー・アルバニージー: one person)
            label = next((v for k, v in held.items() if (k.startswith(p.label) or k.endswith(p.label))
                          and v.endswith(m.label)), None)
            if label:
                m = dataclasses.replace(m, label=label)
        out.append(m)
    return out


def _local_offices(mentions: list[Mention]) -> list[Mention]:
    """大阪府知事, 横浜市長: an office written right after the prefecture or city it governs is that
    place's office (a node of its own, not every 知事 at once); the place stays a mention too."""
    places = {m.tok_end: m for m in mentions if m.cls == "Place" and m.label.endswith(_ADMIN_SUFFIXES)
              and m.rule not in REFERRING}
    out = []
    for m in mentions:
        place = places.get(m.tok_start)
        if m.cls == "Position" and place is not None and place.sentence == m.sentence:
            m = dataclasses.replace(m, label=place.label + m.label)
        out.append(m)
    return out


def _joined_spans(sent: Sentence, lex: Lexicon) -> tuple[NamedSpan, ...]:
    """広島|カープ: two organisation spans of one label side by side are one name (the NER cut it);
    a one-letter country before a name stays apart (米|アップル)."""
    out: list[NamedSpan] = []
    for e in sent.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == e.start and prev.label == e.label \
                and lex.ene.get(e.label) in ("Company", "SportsTeam", "Organization") \
                and not (prev.end - prev.start == 1 and sent.tokens[prev.start].norm in lex.abbreviations):
            out[-1] = NamedSpan(prev.start, e.end, e.label)
        else:
            out.append(e)
    return tuple(out)


def _place_and_katakana_names(sent: Sentence, found: list[Mention], claimed: set[int]) -> list[Mention]:
    """鹿島アントラーズ, 浦和レッズ: a place name, then a katakana proper noun, no mention on either and
    no noun after them: the name of an organisation (a team, mostly) the NER did not find."""
    toks = sent.tokens
    covered = claimed | {i for m in found for i in range(m.tok_start, m.tok_end)}
    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if i in covered or i + 1 in covered or not a.tag.startswith("名詞-固有名詞-地名") or not is_proper(a) \
                or not (is_katakana(b) and b.tag.startswith("名詞-固有名詞-一般")) or len(b.norm) < 3:
            continue
        if i > 0 and toks[i - 1].pos in _NOMINAL or i + 2 < len(toks) and toks[i + 2].pos in _NOMINAL:
            continue
        out.append(make(sent, i, i + 2, "Organization", "place+katakana"))
    return out


def _place_names_left(sent: Sentence, found: list[Mention], claimed: set[int], lex: Lexicon) -> list[Mention]:
    """Place names the NER missed (南種子町, カムチャツカ半島): proper nouns the dictionary tags as places,
    with a place suffix, standing as a name of their own (not inside a longer compound: 日本|時間)."""
    toks = sent.tokens
    covered = claimed | {i for m in found for i in range(m.tok_start, m.tok_end)}
    out = []
    i = 0
    while i < len(toks):
        if i + 2 < len(toks) and not covered & {i, i + 1, i + 2} and is_proper(toks[i]) and not is_name_token(toks[i]) \
                and toks[i + 1].tag.startswith("名詞-普通名詞") and len(toks[i + 1].norm) <= 2 \
                and toks[i + 2].norm in _ADMIN_SUFFIXES and not toks[i + 1].bunsetu_start \
                and (i + 3 == len(toks) or toks[i + 3].pos not in ("NOUN", "PROPN")):
            # 鳴瀬|台|市: a name cut in two by the dictionary, then 市, 町 or 村, is the town
            out.append(make(sent, i, i + 3, "Place", "place-tag"))
            i += 3
            continue
        if i in covered or not (is_proper(toks[i]) and toks[i].tag.startswith("名詞-固有名詞-地名")):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and j not in covered and toks[j].tag.startswith("名詞-固有名詞-地名"):
            j += 1
        if j < len(toks) and j not in covered and toks[j].norm in lex.place_suffixes:
            j += 1
        # ペンシルベニア州|ピッツバーグ: an administrative name before a place found is no compound with it
        before_place = j in covered and toks[j - 1].norm.endswith(_ADMIN_SUFFIXES) and any(
            m.tok_start == j and m.cls == "Place" for m in found)
        inside_compound = j < len(toks) and toks[j].pos in ("NOUN", "PROPN") and toks[j].norm not in lex.place_links \
            and not before_place
        # 米|ペンシルベニア州: a one-letter country before the name is no compound with it
        country_before = i > 0 and len(toks[i - 1].norm) == 1 and toks[i - 1].norm in lex.abbreviations
        if country_before and i - 1 not in covered:
            out.append(make(sent, i - 1, i, "Country", "abbreviation", label=lex.abbreviations[toks[i - 1].norm]))
        if not inside_compound and (i == 0 or toks[i - 1].pos not in ("NOUN", "PROPN") or i - 1 in covered
                                    or country_before):
            country = j == i + 1 and toks[i].tag.startswith("名詞-固有名詞-地名-国")
            parts = _split_place(toks, i, j)  # 鹿児島県|南種子町
            out += [make(sent, x, y, "Country" if country else "Place", "place-tag") for x, y in parts[:-1]]
            last = make(sent, *parts[-1], "Country" if country else "Place", "place-tag")
            out.append(dataclasses.replace(last, written=nfkc(surface(sent, i, j)[2])) if len(parts) > 1 else last)
        i = j
    return out


def country_prefix_mentions(sentences: Iterable[Sentence], found: list[Mention], lex: Lexicon | None = None) -> list[Mention]:
    """米アカデミー賞, 米ウォルト・ディズニー: a one-letter country abbreviation written before the name of
    an award, event or organisation is the country it belongs to."""
    lex = lex or load_lexicon()
    named = ("Award", "Event", "Company", "Organization", "SportsTeam", "Product", "Artifact", "Facility")
    by_sentence: dict[int, list[Mention]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, []).append(m)
    out = []
    for sent in sentences:
        here = by_sentence.get(sent.index, [])
        taken = {i for m in here for i in range(m.tok_start, m.tok_end)}
        starts = {m.tok_start for m in here if m.cls in named and m.rule not in REFERRING}
        for t in sent.tokens:
            if len(t.norm) == 1 and t.norm in lex.abbreviations and t.i not in taken and t.i + 1 in starts:
                out.append(make(sent, t.i, t.i + 1, "Country", "abbreviation", label=lex.abbreviations[t.norm]))
    return out


def home_government_mentions(sentences: Sequence[Sentence], found: list[Mention],
                             lex: Lexicon | None = None) -> list[Mention]:
    """政府は…: in a Japanese article with no foreign dateline, 政府 written alone (no country or noun
    before it, none compounded after it: 政府高官, 政府間) is the government of Japan."""
    lex = lex or load_lexicon()
    agencies = "|".join(map(re.escape, sorted(lex.news_agencies, key=len, reverse=True)))
    wire = re.compile(rf"【[^】]{{1,12}}({agencies})[^】]{{0,4}}】|=({agencies})")
    if any(wire.search(nfkc(s.text)) for s in sentences[:2]):
        return []  # 【ワシントン共同】: whose government is meant the text must say
    taken = {(m.sentence, i) for m in found for i in range(m.tok_start, m.tok_end)}
    out = []
    for sent in sentences:
        toks = sent.tokens
        for t in toks:
            if t.norm != "政府" or (sent.index, t.i) in taken:
                continue
            if t.i > 0 and toks[t.i - 1].pos in _NOMINAL or t.i + 1 < len(toks) and toks[t.i + 1].pos in _NOMINAL:
                continue
            out.append(make(sent, t.i, t.i + 1, "Government", "home-government", label="日本政府"))
    return out


def surname_mentions(sentences: Iterable[Sentence], found: list[Mention]) -> list[Mention]:
    """A person named in full once (北口榛花, クラウス・ベッカー) is then often named by the family name
    alone, with no title (北口は…): those tokens, where no other mention is, as the person."""
    by_sentence = {s.index: s for s in sentences}
    families = set()
    for m in found:
        if m.cls != "Person" or m.tok_end - m.tok_start < 2 or m.rule in REFERRING:
            continue
        toks = by_sentence[m.sentence].tokens[m.tok_start:m.tok_end]
        if "・" in m.label:  # katakana names: the family name comes last
            families.add(toks[-1].norm)
        elif toks[0].tag.startswith("名詞-固有名詞-人名") or len(toks[0].norm) >= 2:
            families.add(toks[0].norm)
    families = {f for f in families if len(f) >= 2 or f in ("李", "習", "王", "金", "朴")} if families else set()
    out = []
    for sent in sentences:
        toks = sent.tokens
        taken = {i for m in found if m.sentence == sent.index for i in range(m.tok_start, m.tok_end)}
        for t in toks:
            if t.norm not in families or t.i in taken or t.i + 1 >= len(toks):
                continue
            nxt, prev = toks[t.i + 1], toks[t.i - 1] if t.i else None
            if nxt.pos in ("ADP", "PUNCT") and not (prev is not None and prev.pos in ("NOUN", "PROPN") and not prev.bunsetu_head
                                                   and prev.head == t.i):
                out.append(make(sent, t.i, t.i + 1, "Person", "surname"))
    return out


def title_mentions(sentences: Iterable[Sentence], found: list[Mention]) -> list[Mention]:
    """北条美佐子知事が出席した。知事は…とあいさつした: a title written alone, with no name before it,
    refers to the person the article named with it, when only one was (kg.entities resolves it)."""
    by_sentence = {s.index: s for s in sentences}
    holders: dict[str, set[str]] = {}
    for m in found:
        if m.cls == "Person" and m.title and m.rule not in REFERRING:
            holders.setdefault(m.title, set()).add(m.label)
    ends = {(m.sentence, m.tok_end) for m in found if m.cls == "Person"}
    out = []
    for m in found:
        if m.cls != "Position" or len(holders.get(m.text, ())) != 1 or (m.sentence, m.tok_start) in ends:
            continue
        toks = by_sentence[m.sentence].tokens
        # (知事は, 社長が: the one who acts; 社長を務める, 知事に就任: the office itself)
        if m.tok_end < len(toks) and toks[m.tok_end].norm in ("は", "が", "も") \
                and (m.tok_start == 0 or toks[m.tok_start - 1].pos in ("ADP", "PUNCT", "AUX", "VERB")):
            out.append(dataclasses.replace(m, cls="Person", rule="title-alone", refers_to=("title", m.text)))
    return out


_INSIDE = ("内",)
_FOREIGN_ARTICLES = ("ド", "デ", "デュ", "ラ", "ル", "デル", "ダ", "ディ", "オブ", "ザ", "フォン", "ファン")


def dictionary_mentions(sent: Sentence, names: dict[str, str], found: list[Mention],
                        rule: str = "gazetteer", labels: dict[str, str] | None = None) -> list[Mention]:
    """Well-known names the NER missed (チェコ, 国会, ユネスコ): token spans whose text is a name of
    the gazetteer (``names``: name → class), longest first, where no other mention is."""
    toks = sent.tokens
    norms = [t.norm for t in toks]
    longest = max(map(len, names), default=0)
    taken = {i for m in found for i in range(m.tok_start, m.tok_end)}
    out = []
    i = 0
    while i < len(toks):
        hit, text, acc = None, "", ""
        for j in range(i, min(len(toks), i + 8)):
            if j in taken:
                break
            acc += norms[j]
            if len(acc) > longest:
                break
            if acc in names:
                hit, text = j + 1, acc
            elif j == i and acc[-1:] in _INSIDE and acc[:-1] in names and len(acc) > 2:
                hit, text = j + 1, acc[:-1]  # 国会内 written as one word: inside the Diet
        # (リヴァートン|の tagged an adverb is still the dictionary's noun)
        if hit is None or not any(t.pos in _NOMINAL or t.tag.startswith("名詞") for t in toks[i:hit]):
            i += 1
            continue
        out.append(make(sent, i, hit, names[text], rule, label=(labels or {}).get(text, text)))
        i = hit
    return out


def _parent_name_end(run, lex: Lexicon) -> int | None:
    """How many tokens at the start of a unit's name name its parent (石川県|危機対策課 → 1,
    JAXA|宇宙科学研究所 → 1): proper nouns or an acronym, with an administrative suffix; None when
    the name does not start with one or nothing is left for the unit."""
    k = 0
    while k < len(run) and (is_proper(run[k]) or is_acronym(run[k])) and not is_name_token(run[k]):
        k += 1
    if k and k < len(run) and run[k].norm in _ADMIN_SUFFIXES and run[k - 1].tag.startswith("名詞-固有名詞-地名"):
        k += 1
    elif k and k < len(run) - 1 and (run[k].norm in lex.school_suffixes or lex.suffixes.get(run[k].norm) in (
            "Organization", "Company", "Government")):
        k += 1  # 東和|大学|医学部: the university, then its faculty
    rest = "".join(x.norm for x in run[k:])
    if k == 0 or k >= len(run) or rest in lex.part_units:
        return None  # nothing but the unit word left (東京|本部): not a named unit
    return k


def _anaphor_fits(toks: tuple[Token, ...], a: int, b: int, ana) -> bool:
    """A word marked ``alone`` (県, 市) is an anaphor only as a phrase of its own: at the start of
    its phrase and followed by a particle (県は, 市の), not inside 石川県 or 市長."""
    if not ana.alone:
        return True
    return toks[a].bunsetu_start and b < len(toks) and toks[b].pos == "ADP"


_ADMIN_SUFFIXES = ("都", "道", "府", "県", "州", "市", "区", "町", "村", "郡", "省")


def _split_place(toks: tuple[Token, ...], a: int, b: int) -> list[tuple[int, int]]:
    """Split a place span after each token that ends an administrative name (県, 市, 州 …)."""
    parts = []
    start = a
    for i in range(a, b - 1):
        # (杭州|市, 広州|市: a name ending in 州 with 市 after it is one city)
        if toks[i].norm.endswith(_ADMIN_SUFFIXES) and (toks[i].pos == "PROPN" or len(toks[i].norm) == 1
                                                       or i > start) and toks[i + 1].norm not in _ADMIN_SUFFIXES:
            parts.append((start, i + 1))
            start = i + 1
    parts.append((start, b))
    return [p for p in parts if p[1] > p[0]]


def _position_after(sent: Sentence, k: int, end: int, title: str, lex: Lexicon) -> Mention:
    return make(sent, _title_start(sent.tokens, k, end, lex), end, "Position", "name+title", label=title)


def _children(sent: Sentence) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for t in sent.tokens:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    return kids


_GIFT_DEPS = {"compound", "nmod", "amod", "case", "punct", "det", "nummod"}
_LIST_MARKERS = {"や", "など", "と", "とか"}


def particles(sent: Sentence, head: Token) -> list[str]:
    """The case particles of a bunsetu head, joined with their fixed parts (に|つい|て → について)."""
    # 首相|とも read as a noun (名詞的), the head of its phrase: the particle とも all the same
    out = ["とも"] if head.norm == "とも" and "名詞的" in head.tag and head.i > 0 else []
    for t in sent.tokens[head.i + 1:]:
        # 鄭国華（チョン・グオホア）外相は: the parser may make the name the head of its bunsetu and hang
        # the particle on the title compounded to it; the bunsetu's particle all the same
        if t.dep == "case" and (t.head == head.i or head.i < t.head < t.i and sent.tokens[t.head].head == head.i
                                and sent.tokens[t.head].dep == "compound"):
            word = t.norm
            for f in sent.tokens[t.i + 1:]:
                if f.head == t.i and f.dep == "fixed":
                    word += f.norm
                else:
                    break
            out.append(word)
        elif t.bunsetu_start and t.i > head.i:
            break
    return out


def gift_items(sent: Sentence, pred: Token) -> list[Token]:
    """Nouns naming what a gift predicate gives: its を-object unless generic, and list items."""
    kids = _children(sent)
    passive = any(sent.tokens[c].lemma in ("れる", "られる") for c in kids.get(pred.i, []))
    # …の記念品がスミス氏に贈られた; but 北斗市は…記念品を贈られた: with a を-object, the subject receives
    has_object = any("を" in particles(sent, sent.tokens[c]) for c in kids.get(pred.i, []))
    obj = {"を"} | ({"が", "は"} if passive and not has_object else set())
    items: list[Token] = []
    for c in kids.get(pred.i, []):
        t = sent.tokens[c]
        ps = particles(sent, t)
        # (式典では…賞状が手渡された: で before は says where, not what)
        if t.pos in _NOMINAL and (obj & set(ps[:1]) or (t.dep in ("obl", "obj") and set(ps) & _LIST_MARKERS)):
            listed = [sent.tokens[g] for g in kids.get(t.i, [])
                      if sent.tokens[g].dep == "nmod" and set(particles(sent, sent.tokens[g])) & _LIST_MARKERS]
            items.extend(listed)
            if not listed or t.i < pred.i and set(ps) & _LIST_MARKERS:
                items.append(t)
    return sorted(items, key=lambda x: x.i)


def phrase(sent: Sentence, head: Token, allowed: set[str], max_chars: int = 40) -> tuple[int, int] | None:
    """Token span of a noun with the left dependents whose relation is allowed, or None when those
    are not contiguous or the phrase is too long. A parenthesis right after the head stays with it."""
    toks = sent.tokens
    kids = _children(sent)
    keep = set()
    stack = [head.i]
    while stack:
        i = stack.pop()
        keep.add(i)
        for c in kids.get(i, []):
            if c < head.i and toks[c].dep in allowed:
                stack.append(c)
    a = min(keep)
    while a < head.i and toks[a].pos in ("PUNCT", "ADP"):
        a += 1
    if any(i not in keep for i in range(a, head.i)):
        return None
    b = head.i + 1
    if b < len(toks) and toks[b].norm == "(":
        close = next((j for j in range(b + 1, min(b + 8, len(toks))) if toks[j].norm == ")"), None)
        if close and all(toks[j].head == head.i or toks[j].head in range(b, close) for j in range(b, close + 1)):
            b = close + 1
    if toks[b - 1].end - toks[a].start > max_chars:
        return None
    return a, b


def _agreement_phrase(sent: Sentence, head: Token, lex: Lexicon) -> tuple[int, int] | None:
    """The phrase of an agreement-head noun: with its の-modifiers when one names a country or a
    proper noun (日米の大型投資合意); with its relative clause when an agreement predicate takes it
    (…を共同で確保する枠組みで合意した)."""
    toks = sent.tokens
    gov = toks[head.head]
    by_predicate = head.head != head.i and lex.predicates.get(gov.lemma) in ("Accord", "Signing") \
        and head.dep in ("obl", "obj", "nsubj")
    # 設立に関する契約を結んだ: the agreement noun is the predicate of a light verb; what it is
    # about (…に関する, …の) makes it a document of its own
    by_light = head.head != head.i and gov.lemma in lex.light_verbs and head.dep == "obj" \
        and lex.predicates.get(head.norm) in ("Accord", "Signing")
    # (…を共同で開発する契約を結んだ: a relative clause on the contract itself says what it is for; one
    # on a word before it, 工場を運営する|合弁会社の設立に関する契約, is not part of the name)
    own_clause = by_light and any(t.head == head.i and t.dep == "acl" for t in toks if t.i < head.i)
    allowed = _NP_DEPS | (_CLAUSE_DEPS if by_predicate or own_clause else {"fixed"} if by_light else set())
    span = phrase(sent, head, allowed)
    if span is not None:
        # …メーカー、ボルタリス・エナジーと契約を結んだ: the partner with と is not part of the document
        partner = [i for i in range(span[0], head.i) if toks[i].norm == "と" and toks[i].pos == "ADP"]
        if partner:
            a = partner[-1] + 1
            while a < head.i and toks[a].pos in ("PUNCT", "ADP"):
                a += 1
            span = (a, span[1])
    if span is None or span[0] == head.i:
        return None
    if not by_predicate and not by_light and not _has_name(toks[span[0]:head.i], lex):
        return None
    return span[0], head.i + 1


_NP_DEPS = {"compound", "nmod", "amod", "nummod", "case", "punct", "det"}
_CLAUSE_DEPS = {"acl", "advcl", "obl", "obj", "advmod", "aux", "mark", "nsubj", "fixed", "cop"}


def _located_word(sent: Sentence, a: int, b: int, lex: Lexicon) -> bool:
    """アステリオン（東京都港区）: one katakana word with a city or prefecture in parentheses, the way
    news places a company, not a person (an athlete's parentheses give a country or a club). With the
    word for its seat, 北斗化成（本社・東京都港区）, any name is placed so."""
    toks = sent.tokens
    if b + 2 < len(toks) and toks[b].norm == "(" and toks[b + 1].norm in lex.seat_nouns and toks[b + 2].norm in ("・", "=", ":"):
        return _place_in_parens(sent, b, lex)
    return b == a + 1 and is_katakana(toks[a]) and _place_in_parens(sent, b, lex, ("Place",))


def _located_class(sent: Sentence, b: int, lex: Lexicon) -> str:
    """The class of a name placed by _located_word: a company's head office (本社・) makes it a company
    (seat_nouns.tsv), else an organisation."""
    return lex.seat_nouns.get(sent.tokens[b + 1].norm, "Organization") if b + 1 < len(sent.tokens) else "Organization"


def _place_in_parens(sent: Sentence, j: int, lex: Lexicon, kinds: tuple[str, ...] = ("Place", "Country")) -> bool:
    """Whether tokens from j are ( place ) as the NER sees it: （名古屋市）, （東京都港区）."""
    toks = sent.tokens
    if j >= len(toks) or toks[j].norm != "(":
        return False
    close = next((k for k in range(j + 1, min(j + 8, len(toks))) if toks[k].norm == ")"), None)
    if close is None:
        return False
    return any(e.start >= j + 1 and e.end <= close and lex.ene.get(e.label) in kinds
               for e in sent.ents)


def _looks_company(run, lex: Lexicon) -> bool:
    return any(x.norm.endswith(s) for x in run[-1:] for s, c in lex.suffixes.items() if c == "Company")


def _open_paren(toks: tuple[Token, ...], a: int, b: int) -> int:
    return max((i for i in range(a, b) if toks[i].norm == "("), default=b)


def _trim_place_words(toks: tuple[Token, ...], a: int, b: int, lex: Lexicon) -> tuple[int, int, int | None]:
    """Cut descriptive words off a name span: 首都アスンシオン, 南米パラグアイ, 韓国南東部, 米ウォルト・ディズニー,
    人工島・夢洲. A one-character country abbreviation cut off the front is returned as its index."""
    lead = None
    while b - a > 1 and toks[b - 1].norm in lex.place_links:
        b -= 1
    while b - a > 1:
        t = toks[a]
        rest = toks[a + 1:b]
        if not any(is_proper(x) or is_katakana(x) or is_acronym(x) for x in rest):
            break
        if t.norm in lex.place_links or t.norm in lex.quoted_heads:
            a += 1
        elif len(t.norm) == 1 and t.norm in lex.abbreviations and not is_proper(t):
            lead = a
            a += 1
        elif not is_proper(t) and not is_katakana(t) and any(x.norm == "・" for x in rest[:2]):
            a += 1
        elif t.norm == "・":
            a += 1
        else:
            break
    return a, b, lead


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in mentions:
        key = (m.start, m.end, m.label, m.cls)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end, m.label))
