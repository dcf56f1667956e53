"""The word lists and tables in kg/data, loaded once. Code holds rules; words live in data files."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def table(name: str) -> dict[str, str]:
    return {r[0]: r[1] for r in _rows(name)}


def words(name: str) -> frozenset[str]:
    return frozenset(r[0] for r in _rows(name))


OFFICE_KINDS = ("leader", "office", "corporate", "club")  # titles.tsv kinds that name an office someone holds


@dataclass(frozen=True)
class FactClass:
    name: str
    edge: str | None
    object_roles: tuple[str, ...]
    gold: str | None


@dataclass(frozen=True)
class Anaphor:
    cls: str
    ends_with: str | None  # the antecedent's label must end so (同県 → …県)
    alone: bool  # only as a phrase of its own (県は), never inside a compound (石川県)


@dataclass(frozen=True)
class Lexicon:
    ene: dict[str, str]
    titles: dict[str, str]
    title_prefixes: dict[str, str]
    abbreviations: dict[str, str]
    country_visits: dict[str, str]
    event_heads: frozenset[str]
    agreement_heads: dict[str, str]
    suffixes: dict[str, str]
    quoted_heads: dict[str, str]
    predicates: dict[str, str]
    light_verbs: frozenset[str]
    stance_nouns: dict[str, str]
    relational_nouns: dict[str, str]
    reporting: dict[str, str]
    statement_context: frozenset[str]
    groups: dict[str, str]
    honorific_only: frozenset[str]
    anaphora: dict[str, Anaphor]
    fact_classes: dict[str, FactClass]
    not_name_suffixes: frozenset[str]
    plan_nouns: frozenset[str]
    place_links: frozenset[str]
    short_place_suffixes: frozenset[str]
    spokesperson_nouns: frozenset[str]
    receiving_verbs: frozenset[str]
    suffix_abbreviations: dict[str, str]
    sport_words: frozenset[str]
    event_scope_words: frozenset[str]
    occurrence_verbs: frozenset[str]
    origin_nouns: frozenset[str]
    hypothesis_words: frozenset[str]
    creator_titles: frozenset[str]
    succession_verbs: dict[str, str]
    river_verbs: frozenset[str]
    formal_nouns: frozenset[str]
    appointing_verbs: frozenset[str]
    part_units: frozenset[str]
    part_links: frozenset[str]
    speech_nouns: dict[str, str]
    expressing_verbs: frozenset[str]
    cataphora: frozenset[str]
    company_descriptors: frozenset[str]
    hold_verbs: dict[str, str]
    body_verbs: frozenset[str]
    # hold and body verbs whose subject, not object, is what they take (決勝があった, 本部が発足した)
    subject_held_verbs: frozenset[str]
    body_heads: frozenset[str]
    location_verbs: frozenset[str]
    seat_nouns: dict[str, str]  # seat word -> class of what it is the seat of
    member_links: frozenset[str]
    event_suffixes: frozenset[str]
    body_part_verbs: frozenset[str]
    news_agencies: frozenset[str]
    held_event_heads: frozenset[str]
    not_events: frozenset[str]
    announcing_verbs: frozenset[str]
    disaster_heads: frozenset[str]
    non_event_verbs: frozenset[str]
    place_suffixes: frozenset[str]
    naming_verbs: frozenset[str]
    trailing_nouns: frozenset[str]
    schooling_verbs: frozenset[str]
    future_words: frozenset[str]
    quote_only_verbs: frozenset[str]
    ministry_fields: frozenset[str]
    league_words: frozenset[str]
    club_words: frozenset[str]
    unit_head_words: frozenset[str]
    visit_with_place_verbs: frozenset[str]
    press_words: frozenset[str]
    contest_verbs: frozenset[str]
    leader_office_suffixes: frozenset[str]
    school_suffixes: frozenset[str]
    award_heads: frozenset[str]
    award_tokens: frozenset[str]
    world_regions: frozenset[str]

    @functools.cached_property
    def anaphora_stems(self) -> frozenset[str]:
        """What comes before 氏 in words that are not names (同氏, 両氏)."""
        return frozenset(w[:-1] for w in self.anaphora if w.endswith("氏")) | \
            frozenset(w[:-1] for w in self.groups if w.endswith("氏")) | {"各", "諸", "故", "彼", "貴", "某"}

    def title_kind(self, word: str) -> str | None:
        """The kind of a title (titles.tsv); two offices held at once (会長兼CEO) are of the kind of the
        last one; a minister of fields of government (商務相, 国土交通相) holds an office."""
        if word in self.titles:
            return self.titles[word]
        if self.is_minister(word) or self.is_unit_head(word):
            return "office"
        parts = word.split("兼")
        if len(parts) > 1 and all(self.titles.get(p) in OFFICE_KINDS for p in parts):
            return self.titles[parts[-1]]
        return None

    def is_minister(self, word: str) -> bool:
        """X相 or X大臣 where X is one to three fields of government (ministry_fields.txt): 商務相,
        国防相, 国土交通大臣. The titles of ministers not so built are in titles.tsv."""
        stem = word[:-1] if word.endswith("相") else word[:-2] if word.endswith("大臣") else ""
        return self._fields(stem, 3)

    def is_unit_head(self, word: str) -> bool:
        """The head of a unit named before 長 (宇宙事業部長, 危機対策課長; unit_head_words.txt): the unit's
        word with at least one word before it."""
        return word.endswith("長") and any(word[:-1].endswith(u) and len(word) > len(u) + 2 for u in self.unit_head_words)

    def _fields(self, stem: str, most: int) -> bool:
        return bool(stem) and most > 0 and any(stem.startswith(f) and (stem == f or self._fields(stem[len(f):], most - 1))
                   for f in self.ministry_fields)

    def is_title(self, word: str) -> bool:
        return self.title_kind(word) not in (None, "honorific")

    def is_office(self, word: str) -> bool:
        """A title that names an office someone holds (首相, 社長), not a role word (選手) or an honorific."""
        return self.title_kind(word) in OFFICE_KINDS

    def is_honorific(self, word: str) -> bool:
        return self.titles.get(word) == "honorific"


# fields whose data file is not named after them, or that are built from other files
_FILES = {"ene": "ene_classes.tsv", "abbreviations": "country_abbreviations.tsv", "suffixes": "suffix_classes.tsv",
          "quoted_heads": "quoted_name_heads.tsv", "groups": "group_references.tsv", "body_verbs": "body_verbs.tsv"}


def _load(name: str, kind: str):
    """A field's list or table: from _FILES, else the data file named after the field."""
    file = _FILES.get(name) or next(f for f in (f"{name}.txt", f"{name}.tsv") if (DATA / f).exists())
    return table(file) if kind.startswith("dict") else words(file)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    facts = {}
    for name, edge, roles, gold in _rows("fact_classes.tsv"):
        facts[name] = FactClass(name, None if edge == "-" else edge,
                                tuple(r for r in roles.split(",") if r), None if gold == "-" else gold)
    built = dict(
        anaphora={r[0]: Anaphor(r[1], None if r[2] == "-" else r[2], r[3] == "yes") for r in _rows("anaphora.tsv")},
        fact_classes=facts,
        plan_nouns=frozenset(r[0] for r in _rows("stance_nouns.tsv") if r[2] == "yes"),
        body_part_verbs=frozenset(r[0] for r in _rows("body_verbs.tsv") if r[1] == "yes"),
        subject_held_verbs=frozenset(r[0] for r in _rows("hold_verbs.tsv") + _rows("body_verbs.tsv")
                                     if r[-1] == "subject"))
    return Lexicon(**built, **{f.name: _load(f.name, str(f.type)) for f in dataclasses.fields(Lexicon)
                               if f.name not in built})
