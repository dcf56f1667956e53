"""Build Sentence values by hand, as GiNZA would give them, so rules are tested without the model."""
from __future__ import annotations

from kg.types import NamedSpan, Sentence, Token


def sentence(rows: list[tuple], ents: list[tuple[int, int, str]] = (), *, index: int = 0, offset: int = 0,
             article_id: str = "t") -> Sentence:
    """rows: (text, lemma, pos, tag, dep, head, flags) with flags "H" bunsetu head, "B" bunsetu start."""
    toks = []
    pos = offset
    for i, (text, lemma, upos, tag, dep, head, flags) in enumerate(rows):
        toks.append(Token(i=i, text=text, lemma=lemma, pos=upos, tag=tag, dep=dep, head=head, start=pos,
                          end=pos + len(text), bunsetu_head="H" in flags, bunsetu_start="B" in flags, norm=text))
        pos += len(text)
    text = "".join(r[0] for r in rows)
    return Sentence(article_id=article_id, index=index, start=offset, end=pos, text=text, tokens=tuple(toks),
                    ents=tuple(NamedSpan(a, b, label) for a, b, label in ents))


PN_SEI = "名詞-固有名詞-人名-姓"
PN_MEI = "名詞-固有名詞-人名-名"
PN = "名詞-固有名詞-人名-一般"
NOUN = "名詞-普通名詞-一般"
SAHEN = "名詞-普通名詞-サ変可能"
PLACE = "名詞-固有名詞-地名-一般"
COUNTRY = "名詞-固有名詞-地名-国"
CASE = "助詞-格助詞"
TOPIC = "助詞-係助詞"
AUX = "助動詞"
SURU = "動詞-非自立可能"
PUNCT = "補助記号-句点"


def meeting_sentence() -> Sentence:
    """山田太郎首相は5日、東京でスミス大統領と会談した。"""
    return sentence([
        ("山田", "山田", "PROPN", PN_SEI, "compound", 2, "B"),
        ("太郎", "太郎", "PROPN", PN_MEI, "compound", 2, ""),
        ("首相", "首相", "NOUN", NOUN, "nsubj", 12, "H"),
        ("は", "は", "ADP", TOPIC, "case", 2, ""),
        ("5", "5", "NUM", "名詞-数詞", "nummod", 5, "B"),
        ("日", "日", "NOUN", "接尾辞-名詞的-助数詞", "obl", 12, "H"),
        ("、", "、", "PUNCT", "補助記号-読点", "punct", 5, ""),
        ("東京", "東京", "PROPN", PLACE, "obl", 12, "BH"),
        ("で", "で", "ADP", CASE, "case", 7, ""),
        ("スミス", "スミス", "PROPN", PN, "compound", 10, "B"),
        ("大統領", "大統領", "NOUN", NOUN, "obl", 12, "H"),
        ("と", "と", "ADP", CASE, "case", 10, ""),
        ("会談", "会談", "VERB", SAHEN, "ROOT", 12, "BH"),
        ("し", "する", "AUX", SURU, "aux", 12, ""),
        ("た", "た", "AUX", AUX, "aux", 12, ""),
        ("。", "。", "PUNCT", PUNCT, "punct", 12, ""),
    ], ents=[(0, 2, "Person"), (2, 3, "Position_Vocation"), (4, 6, "Date"), (7, 8, "Province")])


def small_result(article_id: str = "small"):
    """A one-sentence article (山田太郎首相は5日、東京でスミス大統領と会談した。) run through the
    model-free stages: mentions → entities → facts."""
    from kg.articles import make_article
    from kg.pipeline import extract
    from kg.types import ParsedArticle

    s = meeting_sentence()
    s = Sentence(article_id=article_id, index=0, start=s.start, end=s.end, text=s.text, tokens=s.tokens, ents=s.ents)
    article = make_article("2025-03-07\n" + s.text, id=article_id, source=f"{article_id}.txt")
    shift = len("2025-03-07\n")
    toks = tuple(Token(**{**t.__dict__, "start": t.start + shift, "end": t.end + shift}) for t in s.tokens)
    s = Sentence(article_id=article_id, index=0, start=shift, end=shift + len(s.text), text=s.text, tokens=toks,
                 ents=s.ents)
    return extract(ParsedArticle(article, (s,)))
