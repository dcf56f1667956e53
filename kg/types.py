"""Values that cross stage boundaries: small frozen dataclasses, stdlib only.

Every offset is a Python code-point index into ``Article.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """A stretch of an article that is parsed on its own (a paragraph or a heading)."""

    start: int
    end: int
    heading: bool = False


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    source: str
    sha256: str
    date: str | None = None  # ISO yyyy-mm-dd
    title: str | None = None
    url: str | None = None
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Token:
    i: int  # index in its sentence
    text: str
    lemma: str
    pos: str
    tag: str  # Sudachi part of speech, e.g. 名詞-固有名詞-人名-姓
    dep: str
    head: int  # index in the sentence; the root points to itself
    start: int  # article offsets
    end: int
    bunsetu_head: bool = False
    bunsetu_start: bool = False
    inflection: str = ""
    norm: str = ""  # the NFKC-normalised surface the parser saw


@dataclass(frozen=True)
class NamedSpan:
    """A named-entity span as the NER predicted it, in token indices [start, end)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    ents: tuple[NamedSpan, ...] = ()
    heading: bool = False


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


# rules whose mention refers to a name given elsewhere (同氏, 両首脳, 知事 written alone), not a name
REFERRING = frozenset({"group", "anaphor", "title-alone"})


@dataclass(frozen=True)
class Mention:
    """A span that names something. ``label`` is its canonical surface (a name without its title)."""

    sentence: int
    start: int  # article offsets of the whole surface
    end: int
    text: str
    label: str
    cls: str  # ontology class local name
    tok_start: int
    tok_end: int
    rule: str = "ner"
    title: str | None = None  # a title word written with a person's name
    refers_to: tuple[str, ...] = ()  # what a group word or anaphor stands for
    written: str | None = None  # the name as written with its title or honorific (スミス氏)
    scope: str | None = None  # an unnamed event's article id: the entity is that article's own


@dataclass(frozen=True)
class Entity:
    key: str  # stable: "wd:Q17" or "Class:label"
    cls: str
    label: str
    alt_labels: tuple[str, ...] = ()
    wikidata: str | None = None
    label_en: str | None = None


@dataclass(frozen=True)
class DateValue:
    value: str  # lexical form
    datatype: str  # xsd local name: date, gYearMonth, gYear, dateTime
    text: str  # as written
    end: str | None = None  # the last day of a range (30日から11月1日), same kinds of value
    end_datatype: str | None = None


@dataclass(frozen=True)
class Fact:
    cls: str  # ontology class local name (Meeting, Statement, …)
    predicate: str  # lemma
    sentence: int
    roles: tuple[tuple[str, str], ...]  # (role, entity key), sorted
    modality: str = "Asserted"
    rule: str = ""
    confidence: float = 0.5
    date: DateValue | None = None
    time: str | None = None
    quote: str | None = None
    amount: tuple[str, str] | None = None  # (decimal lexical, unit)
    article_id: str = ""

    def role(self, name: str) -> list[str]:
        return [k for r, k in self.roles if r == name]


@dataclass(frozen=True)
class ArticleResult:
    """What extraction yields for one article: compact, picklable, no spaCy objects."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Mention, str], ...]  # (mention, entity key)
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...] = field(default=())
