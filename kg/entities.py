"""Mentions → entities: one node per real-world thing, with a stable key.

- a person's short name goes to the one longer name in the article it starts (山田 → 山田太郎,
  佐藤健 → 佐藤健一 when the dictionary cut the name short);
- names link to the gazetteer (ontology/gazetteer.ttl) when exactly one entry of a compatible class
  has that label: the key becomes the Wikidata id and the labels come from the gazetteer;
- 同氏 / 同社 take the latest entity of their class; 両首脳 / 両国 stand for the article's two
  leading leaders / countries;
- otherwise the key is the class and the NFKC label, so the same name gives the same node in
  every article.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .lexicon import Lexicon, load_lexicon
from .mentions import nfkc
from .types import REFERRING, Entity, Mention

GAZETTEER = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer.ttl"
_PACKAGED_GAZETTEER = Path(__file__).with_name("data") / "gazetteer.ttl"

FAMILIES = [
    {"Person"},
    {"Country", "Place", "Facility"},
    {"Organization", "Government", "Company", "PoliticalParty", "SportsTeam"},
    {"Event", "Disaster"},
    {"Award"}, {"Position"}, {"Agreement", "Plan"}, {"Artifact", "Product"},
]
_TIE_ORDER = {c: i for i, c in enumerate(["Country", "Company", "Organization", "Government", "PoliticalParty",
                                           "SportsTeam", "Place", "Facility", "Event", "Disaster", "Position",
                                           "Award", "Agreement", "Plan", "Person"])}
# Which rule's class to believe when one name is typed two ways in an article.
RULE_RANK = {"name+title": 0, "title+name": 0, "quoted": 1, "name(place)": 1, "name": 2, "suffix": 2, "descriptor": 2, "sport-team": 2, "acronym": 3, "abbreviation": 4, "gazetteer": 4,
             "event": 5, "agreement": 6, "gift": 7, "unit": 7, "unit-parent": 7, "ner-split": 8, "ner": 9}


def compatible(a: str, b: str) -> bool:
    return a == b or any(a in f and b in f for f in FAMILIES)


@dataclass(frozen=True)
class GazetteerEntry:
    qid: str
    cls: str
    label_ja: str
    label_en: str | None
    alt_labels: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> dict[str, tuple[GazetteerEntry, ...]]:
    """label (NFKC) → entries with that label or alt label."""
    import pyoxigraph

    p = Path(path) if path else (GAZETTEER if GAZETTEER.exists() else _PACKAGED_GAZETTEER)
    if not p.exists():
        return {}
    kg_ns = "https://w3id.org/kgnews/ontology#"
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    info: dict[str, dict] = defaultdict(lambda: {"cls": None, "ja": None, "en": None, "alt": []})
    with p.open("rb") as f:
        for q in pyoxigraph.parse(f, pyoxigraph.RdfFormat.TURTLE):
            s = q.subject.value
            if not s.startswith("http://www.wikidata.org/entity/Q"):
                continue
            rec = info[s]
            pred = q.predicate.value
            if pred == rdf_type and q.object.value.startswith(kg_ns):
                rec["cls"] = q.object.value[len(kg_ns):]
            elif pred == rdfs_label and isinstance(q.object, pyoxigraph.Literal):
                rec[q.object.language or "ja"] = q.object.value
            elif pred == alt and isinstance(q.object, pyoxigraph.Literal) and q.object.language == "ja":
                rec["alt"].append(q.object.value)
    index: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for iri, rec in sorted(info.items()):
        if not rec["cls"] or not rec["ja"]:
            continue
        entry = GazetteerEntry(iri.rsplit("/", 1)[1], rec["cls"], rec["ja"], rec["en"], tuple(sorted(rec["alt"])))
        for label in {nfkc(rec["ja"]), *(nfkc(a) for a in rec["alt"])}:
            index[label].append(entry)
    return {k: tuple(v) for k, v in index.items()}


@functools.lru_cache(maxsize=1)
def gazetteer_names() -> dict[str, str]:
    """Names of the gazetteer that say what they are on their own: label → class, for labels of
    two characters or more whose entries all have one class (what kg.mentions looks for in text)."""
    out = {}
    for label, entries in load_gazetteer().items():
        classes = {e.cls for e in entries}
        if len(label) >= 2 and len(classes) == 1:
            out[label] = classes.pop()
    return out


def link(label: str, cls: str, gazetteer: dict[str, tuple[GazetteerEntry, ...]], *,
         trust_class: bool = True) -> GazetteerEntry | None:
    """The one gazetteer entry of a compatible class with this label, else None. When the class
    came from the NER alone (trust_class=False), a single entry of any class is taken."""
    entries = gazetteer.get(label, ())
    found = [e for e in entries if compatible(e.cls, cls)]
    if not found and not trust_class and len(entries) == 1 and "Person" not in (cls, entries[0].cls):
        found = list(entries)
    return found[0] if len(found) == 1 else None


def canonical_person_names(labels: Iterable[str]) -> dict[str, str]:
    """Short person names → the one longer name they start (山田 → 山田太郎)."""
    names = sorted(set(labels), key=len, reverse=True)
    out = {}
    for short in names:
        # 山田 → 山田太郎 (family name first); ベッカー → クラウス・ベッカー (family name last)
        # a one-character short name only for a kanji family name (王 → 王小明, 朴 → 朴成民)
        usable = len(short) >= 2 or (len(short) == 1 and "\u4e00" <= short <= "\u9fff")
        longer = [n for n in names if n != short and usable and
                  (n.startswith(short) or ("・" in n and n.rsplit("・", 1)[1] == short))]
        if not longer:
            continue
        longest = longer[0]
        if all(longest.startswith(n) or longest.endswith(n) for n in longer):
            out[short] = longest
    return out


def entity_key(cls: str, label: str, scope: str | None = None) -> str:
    """Class:label, and @scope for an unnamed event that is one article's own (Event:授賞式@<article id>)."""
    return f"{cls}:{label}@{scope}" if scope else f"{cls}:{label}"


def resolve_entities(mentions: list[Mention], *, lex: Lexicon | None = None,
                     gazetteer: dict | None = None) -> tuple[list[tuple[Mention, str]], list[Entity]]:
    """Assign every mention of one article to an entity key; returns (mention, key) pairs and entities."""
    lex = lex or load_lexicon()
    gaz = load_gazetteer() if gazetteer is None else gazetteer
    named = [m for m in mentions if m.rule not in REFERRING]
    persons = canonical_person_names(m.label for m in named if m.cls == "Person")

    # one class per label: the most trusted rule, then the most frequent class
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in named:
        label = persons.get(m.label, m.label) if m.cls == "Person" else m.label
        votes[label][(RULE_RANK.get(m.rule, 9), m.cls)] += 1
    # a name the gazetteer knows takes its class there (JAXA read as a person is still JAXA)
    known = gazetteer_names()
    # otherwise the most trusted rule, the most frequent class, then the class a misreading is least
    # likely to give (the NER reads organisations and titles as people more often than the reverse)
    cls_of = {label: known.get(label) or min(c, key=lambda rc: (rc[0], -c[rc], _TIE_ORDER.get(rc[1], 99)))[1]
              for label, c in votes.items()}

    entities: dict[str, dict] = {}
    pairs: list[tuple[Mention, str]] = []

    def add(m: Mention, label: str, cls: str) -> str:
        entry = None if m.scope else link(label, cls, gaz, trust_class=m.rule != "ner")
        if entry:
            key, cls, main, en, qid = f"wd:{entry.qid}", entry.cls, entry.label_ja, entry.label_en, entry.qid
        else:
            key, main, en, qid = entity_key(cls, label, m.scope), label, None, None
        rec = entities.setdefault(key, {"cls": cls, "label": main, "en": en, "qid": qid, "alt": set()})
        rec["alt"].update({label, nfkc(m.text)} | ({m.written} if m.written else set()))
        pairs.append((m, key))
        return key

    # 万博, 五輪 alone: the one event of the article whose name ends with the word (大阪・関西万博)
    events = {label for label, c in cls_of.items() if c == "Event"}
    short = {}
    for word in events & lex.event_heads:
        longer = [e for e in events if e.endswith(word) and e != word]
        if len(longer) == 1:
            short[word] = longer[0]
    # ボルタリス → ボルタリス・エナジー: an organisation written again without its class word
    orgs = {label for label, c in cls_of.items() if c in ("Company", "Organization")}
    for name in orgs:
        head, dot, rest = name.rpartition("・")
        if dot and head in orgs and rest in lex.suffixes:
            short.setdefault(head, name)
    # 日田 → 日田市: a place written again without its 市, 県 or 地方, when only one place fits
    places = {label for label, c in cls_of.items() if c == "Place"}
    for name in places:
        longer = [p for p in places if p.startswith(name) and p[len(name):] in lex.short_place_suffixes]
        if len(longer) == 1:
            short.setdefault(name, longer[0])
    for m in named:
        label = persons.get(m.label, m.label) if m.cls == "Person" else m.label
        label = short.get(label, label)
        add(m, label, cls_of[label])  # one name, one entity in an article

    _resolve_references(mentions, pairs, entities, lex, add)
    ents = [Entity(key=k, cls=r["cls"], label=r["label"], alt_labels=tuple(sorted(r["alt"] - {r["label"]})),
                   wikidata=r["qid"], label_en=r["en"]) for k, r in sorted(entities.items())]
    pairs.sort(key=lambda p: (p[0].start, p[0].end, p[1]))
    return pairs, ents


def _resolve_references(mentions: list[Mention], pairs: list[tuple[Mention, str]], entities: dict,
                        lex: Lexicon, add) -> None:
    """同氏 → the latest person before it; 両首脳 → the two most mentioned leaders; 両国 → countries;
    賞状 with no award named before it → the thing itself, added as a name is (``add``)."""
    leaders = Counter(k for m, k in pairs if m.cls == "Person" and m.title and lex.titles.get(m.title) == "leader")
    countries = Counter(k for m, k in pairs if entities[k]["cls"] == "Country")
    pool = {"leaders": leaders, "countries": countries}  # persons and companies: counted before each group word
    for m in mentions:
        if m.rule == "group":
            ref = m.refers_to[0]
            if ref.startswith("title:"):
                counter = Counter(k for pm, k in pairs if pm.cls == "Person" and pm.title == ref[6:])
            elif ref in ("companies", "persons"):
                # 両社, 両氏: the two named most before it, the later one first on a tie
                wanted = ("Company", "Organization") if ref == "companies" else ("Person",)
                before = [(pm, k) for pm, k in pairs if pm.start < m.start and entities[k]["cls"] in wanted
                          and pm.rule not in REFERRING]
                counts = Counter(k for _, k in before)
                last = {k: pm.start for pm, k in before}
                counter = Counter({k: (counts[k], last[k]) for k in counts})
            else:
                counter = pool.get(ref, Counter())
            top = [k for k, _ in counter.most_common(2)]
            if len(top) == 2:
                pairs.extend((m, k) for k in top)
        elif m.rule == "title-alone":
            # 知事は: the one named with that title before it
            before = [(pm, k) for pm, k in pairs if pm.start < m.start and pm.cls == "Person"
                      and pm.title == m.refers_to[1] and pm.rule not in REFERRING]
            if before:
                pairs.append((m, max(before, key=lambda p: p[0].start)[1]))
        elif m.rule == "anaphor":
            ends = m.refers_to[1] if len(m.refers_to) > 1 else ""
            if ends == "@":
                # 探査機は: the one the article introduced with that word (探査機「はやぶさ３」), else none
                word = nfkc(m.text).removeprefix("同")
                headed = [(pm, k) for pm, k in pairs if pm.start < m.start and pm.refers_to == ("head", word)]
                if headed:
                    pairs.append((m, max(headed, key=lambda p: p[0].start)[1]))
                continue
            before = [(pm, k) for pm, k in pairs if pm.start < m.start and pm.rule not in REFERRING
                      and (entities[k]["cls"] == m.cls or (ends and compatible(entities[k]["cls"], m.cls)))
                      and entities[k]["label"].endswith(ends)]
            if not before:
                if len(m.refers_to) > 2:  # 賞状 with no award named: the thing itself
                    add(m, nfkc(m.text), m.refers_to[2])
                continue
            if m.cls in ("Company", "Organization"):
                # 同社: the first one named in the latest sentence that names one, as in Japanese the
                # topic or subject comes first (クシュタールは…セブン&アイ側から…。同社は: クシュタール)
                latest = max(pm.sentence for pm, _ in before)
                pairs.append((m, min((p for p in before if p[0].sentence == latest), key=lambda p: p[0].start)[1]))
            else:  # 同氏, 同首相: the latest one
                pairs.append((m, max(before, key=lambda p: p[0].start)[1]))


def resolve_corpus(results: list) -> list:
    """Across articles: a person known only by a short name in one article (山田) becomes the one
    longer name another article gives (山田太郎), so the corpus has one node per person."""
    from dataclasses import replace

    persons = {e.key: e.label for r in results for e in r.entities if e.cls == "Person" and not e.wikidata}
    linked = {e.label: e.key for r in results for e in r.entities if e.cls == "Person" and e.wikidata}
    canon = canonical_person_names(list(persons.values()) + list(linked))
    by_label = {label: key for key, label in persons.items()} | linked
    remap = {key: by_label[canon[label]] for key, label in persons.items()
             if label in canon and by_label.get(canon[label]) not in (None, key)}
    if not remap:
        return results
    out = []
    for r in results:
        ents: dict = {}
        for e in r.entities:
            target = remap.get(e.key, e.key)
            if target == e.key and target not in ents:
                ents[target] = e
                continue
            base = ents.get(target) or next((x for rr in results for x in rr.entities if x.key == target), e)
            alts = (set(base.alt_labels) | set(e.alt_labels) | {e.label}) - {base.label}
            ents[target] = replace(base, alt_labels=tuple(sorted(alts)))
        facts = [replace(f, roles=tuple(sorted({(role, remap.get(k, k)) for role, k in f.roles}))) for f in r.facts]
        mentions = tuple((m, remap.get(k, k)) for m, k in r.mentions)
        out.append(replace(r, entities=tuple(sorted(ents.values(), key=lambda e: e.key)), facts=tuple(facts),
                           mentions=mentions))
    return out
