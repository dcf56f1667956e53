"""GiNZA: the only module that imports spaCy. Articles in, ParsedArticle values out."""
from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator

from .errors import ModelError
from .types import Article, NamedSpan, ParsedArticle, Sentence, Token

DEFAULT_MODEL = "ja_ginza"
# Symbols that only decorate a line (heading markers, variation selectors): dropped before parsing.
_DROP = set("▪■□◆◇●○◎★☆▼▽▶►◉✳✴※\ufe0e\ufe0f\u200b\u200c\u200d\u2060\ufeff")


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = DEFAULT_MODEL, split_mode: str = "B"):
    """Load GiNZA once per process. Split mode B separates a name from its title (スミス|大統領)."""
    try:
        import ginza
        import spacy
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ModelError(f"spaCy/GiNZA is not installed ({e.name}); run `make setup`") from None
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ModelError(f"GiNZA model {model!r} is not installed; `pip install ja-ginza`") from None
    ginza.set_split_mode(nlp, split_mode)
    return nlp


def prepare(text: str, offset: int) -> tuple[str, list[int]]:
    """NFKC per character, decoration dropped; returns the text to parse and, for each of its
    characters, the article offset it came from (one extra entry for the end)."""
    out: list[str] = []
    where: list[int] = []
    for k, ch in enumerate(text):
        if ch in _DROP:
            continue
        norm = unicodedata.normalize("NFKC", ch)
        if not norm.strip() and ch not in " \u3000\t":
            continue
        for c in norm:
            out.append(c)
            where.append(offset + k)
    where.append(offset + len(text))
    return "".join(out), where


_OPEN = "「『（(【〈《"
_CLOSE = "」』）)】〉》"
_ENDERS = "。！？!?"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph: after 。！？ outside brackets (GiNZA's own splitter cuts
    inside compounds such as 安保関連|3文書). Closing brackets after the ender stay with it."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _ENDERS and depth == 0:
            end = k + 1
            while end < len(text) and (text[end] in _ENDERS or text[end] in _CLOSE):
                end += 1
            spans.append((start, end))
            start = k = end
            continue
        k += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _units(articles: Iterable[Article], seen: deque[Article]) -> Iterator[tuple[str, tuple]]:
    for a in articles:
        seen.append(a)
        for seg in a.segments:
            raw = a.text[seg.start:seg.end]
            for s0, s1 in split_sentences(raw):
                norm, where = prepare(raw[s0:s1], seg.start + s0)
                if norm.strip():
                    yield norm, (a.id, where, seg.heading)


def _end_of(where: list[int], j: int) -> int:
    """Article offset just after normalised character j-1."""
    if j <= 0:
        return where[0]
    return where[j - 1] + 1 if where[j] != where[j - 1] else where[j]


def convert(doc, article: Article, where: list[int], heading: bool, index: int) -> Sentence:
    """A spaCy Doc of one sentence → a Sentence value with article offsets."""
    import ginza

    heads = {t.i for t in ginza.bunsetu_head_tokens(doc)}
    starts = {span.start for span in ginza.bunsetu_spans(doc)}
    toks = []
    for t in doc:
        s = where[t.idx]
        e = _end_of(where, t.idx + len(t.text))
        infl = t.morph.get("Inflection")
        toks.append(Token(
            i=t.i, text=article.text[s:e], lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_,
            head=t.head.i, start=s, end=e, bunsetu_head=t.i in heads, bunsetu_start=t.i in starts,
            inflection=infl[0] if infl else "", norm=t.text))
    toks = _verbal_nouns(toks)
    ents = tuple(NamedSpan(e.start, e.end, e.label_) for e in doc.ents)
    s0, s1 = where[0], _end_of(where, len(doc.text))
    # trim whitespace the splitter left at the edges
    while s0 < s1 and article.text[s0].isspace():
        s0 += 1
    while s1 > s0 and article.text[s1 - 1].isspace():
        s1 -= 1
    return Sentence(article_id=article.id, index=index, start=s0, end=s1, text=article.text[s0:s1],
                    tokens=tuple(toks), ents=ents, heading=heading)


def _verbal_nouns(toks: list[Token]) -> list[Token]:
    """あいさつした, 初当選した: GiNZA tags a verbal noun written with する as the verb it is when it is
    written in kanji (出席し), but often leaves it a noun or adverb in kana or with a prefix. It is
    the verb of its clause either way."""
    out = list(toks)
    for t in toks[:-1]:
        nxt = toks[t.i + 1]
        if t.pos in ("NOUN", "ADV") and t.tag.endswith("サ変可能") and nxt.pos == "AUX" and nxt.lemma == "する" \
                and nxt.head == t.i:
            out[t.i] = dataclasses.replace(t, pos="VERB")
    return out


def parse(articles: Iterable[Article], *, model: str = DEFAULT_MODEL, batch_size: int = 32,
          n_process: int = 1) -> Iterator[ParsedArticle]:
    """Parse articles with GiNZA in batches; yields one ParsedArticle per article, in input order.

    Memory is bounded by the batch: segments stream through ``nlp.pipe``.
    """
    if n_process != 1:
        # spaCy's n_process with GiNZA in split mode B fails in the workers ('list' object has no
        # attribute 'tag'); kg parses in its own worker processes instead (kg.distributed)
        raise ValueError("parse(n_process>1) is not supported with GiNZA; use build_directory(processes=N)")
    nlp = load_nlp(model)
    # Articles read but not yet yielded, oldest first; one with no text still comes out (empty).
    pending: deque[Article] = deque()
    sentences: list[Sentence] = []
    stream = nlp.pipe(_units(articles, pending), as_tuples=True, batch_size=batch_size,
                      n_process=n_process)
    for doc, (article_id, where, heading) in stream:
        while pending[0].id != article_id:
            yield ParsedArticle(pending.popleft(), tuple(sentences))
            sentences = []
        sentences.append(convert(doc, pending[0], where, heading, len(sentences)))
    while pending:
        yield ParsedArticle(pending.popleft(), tuple(sentences))
        sentences = []
