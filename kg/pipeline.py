"""One article's way through the stages: parsed sentences → mentions → entities → facts."""
from __future__ import annotations

import dataclasses
import re

from .entities import gazetteer_names, load_gazetteer, resolve_entities
from .facts import (FOCUS_CLASSES, attend_the_event_at_hand, attribute_bare_quotes, extract_facts, leading_leaders,
                    successors_of_leavers)
from .lexicon import load_lexicon
from .mentions import (article_events, carried_offices, country_prefix_mentions, dictionary_mentions,
                       extract_mentions, qualified_offices, home_government_mentions, nfkc,
                       surname_mentions, title_mentions)
from .types import REFERRING, ArticleResult, Entity, ParsedArticle


def extract(parsed: ParsedArticle) -> ArticleResult:
    """Everything kg finds in one parsed article. Pure: no spaCy, no I/O."""
    lex = load_lexicon()
    # a sentence without kana or kanji (English, say) gives GiNZA's Japanese NER nothing to go on
    japanese = [s for s in parsed.sentences if _has_japanese(s.text)]
    names = gazetteer_names()
    per_sentence = {}
    for s in japanese:
        found = extract_mentions(s, lex)
        found = qualified_offices(s, found + dictionary_mentions(s, names, found), names)
        per_sentence[s.index] = found
    # one name, one thing in an article: a name found once is found wherever else it is written
    # (マルサン typed by マルサン（仙台市） in one sentence, missed by the NER in another)
    seen = {m.label: m.cls for ms in per_sentence.values() for m in ms
            if m.rule not in REFERRING | {"unnamed-event"} and m.cls not in ("Position", "Group")
            and len(m.label) >= 2 and m.label == nfkc(m.text)}
    # and a short name given once in parentheses (日本国際博覧会協会（万博協会）) names it again later
    short = {}
    for m in (m for ms in per_sentence.values() for m in ms):
        if m.rule == "acronym" and m.label != nfkc(m.text) and len(m.text) >= 2:
            short[nfkc(m.text)] = m.label
            seen.setdefault(nfkc(m.text), m.cls)
    # the same name written short again: リヴァートン, 東和電工ＨＤ, しらさぎ川まつり (see _written_short)
    for label, cls in list(seen.items()):
        for form in _written_short(label, cls, seen, lex):
            short.setdefault(form, label)
            seen.setdefault(form, cls)
    # …（G7サミット） names the same thing wherever the NER finds that short name again
    relabel = {(k, seen[k]): v for k, v in short.items()}
    per_sentence = {i: [dataclasses.replace(m, label=relabel[(m.label, m.cls)])
                        if m.rule != "acronym" and (m.label, m.cls) in relabel else m for m in ms]
                    for i, ms in per_sentence.items()}
    mentions = []
    for s in japanese:
        # (鷹ノ台化成 named in one sentence: in another, the NER's person 化成 inside it gives way)
        # (the NER's word with no name in it, by the dictionary's tags, is a misreading that gives way)
        weak = {m for m in per_sentence[s.index] if m.rule == "ner" and not any(
            t.tag.startswith("名詞-固有名詞") for t in s.tokens[m.tok_start:m.tok_end])}
        again = dictionary_mentions(s, seen, [m for m in per_sentence[s.index] if m not in weak], rule="article",
                                    labels=short)
        covered = {i for m in again for i in range(m.tok_start, m.tok_end)}
        mentions += [m for m in per_sentence[s.index]
                     if m not in weak or not set(range(m.tok_start, m.tok_end)) <= covered] + again
    mentions = carried_offices(japanese, mentions, names)
    # 地震があり: the article's own earthquake, written again as この地震 (not every earthquake at once)
    events = article_events(japanese, mentions, parsed.article.id)
    mentions = [m for m in mentions if m.rule != "unnamed-event"] + events
    mentions += surname_mentions(japanese, mentions)
    mentions += title_mentions(japanese, mentions)
    mentions += country_prefix_mentions(japanese, mentions, lex)
    mentions += home_government_mentions(japanese, mentions, lex)
    pairs, entities = resolve_entities(mentions, lex=lex)
    by_key = {e.key: e for e in entities}
    leaders = leading_leaders(pairs, lex)
    facts = []
    carried: list[str] = []
    by_sentence: dict[int, list] = {}
    for m, k in pairs:
        by_sentence.setdefault(m.sentence, []).append((m, k))
    focus_company = None
    known_orgs: dict[str, str] = {}  # 桜井社長 after ミナトフーズの桜井健吾社長: the company given first
    for sent in parsed.sentences:
        sent_pairs = by_sentence.get(sent.index, [])
        found, topic = extract_facts(sent, sent_pairs, by_key, article_date=parsed.article.date,
                                     carried_topic=carried, leaders=leaders, lex=lex, focus_company=focus_company,
                                     known_orgs=known_orgs)
        for f in found:
            if f.cls == "PositionHolding" and lex.titles.get(f.predicate) in ("corporate", "club"):
                for org in f.role("organization"):
                    for person in f.role("agent"):
                        known_orgs.setdefault(person, org)
        companies = [(m.start, k) for m, k in sent_pairs if by_key[k].cls in FOCUS_CLASSES and m.rule != "group"]
        if companies:
            focus_company = max(companies)[1]
        facts.extend(found)
        if topic is not None:  # a sentence without a topic keeps the previous one's
            carried = topic
    persons = [(m, k) for m, k in pairs if by_key[k].cls == "Person"]
    facts = _first_holding_only(attribute_bare_quotes(parsed.sentences, facts, lex, persons),
                                frozenset(s.index for s in parsed.sentences if s.heading))
    facts = attend_the_event_at_hand(pairs, facts, by_key, parsed.sentences)
    facts = successors_of_leavers(parsed.sentences, facts, pairs)
    pairs, by_key = _events_that_are_facts(pairs, facts, by_key)
    pairs, by_key = _names_inside_event_names(pairs, facts, by_key)
    # facts may name an entity no mention did (来日 → Japan): add it from the gazetteer
    gaz = load_gazetteer()
    for f in facts:
        for _, k in f.roles:
            if k not in by_key:
                by_key[k] = _entity_from_key(k, gaz)
    return ArticleResult(article=parsed.article, sentences=parsed.sentences, mentions=tuple(pairs),
                         entities=tuple(sorted(by_key.values(), key=lambda e: e.key)),
                         facts=tuple(sorted(facts, key=_fact_order)))


def _written_short(label: str, cls: str, seen: dict[str, str], lex) -> list[str]:
    """The shorter forms an article writes a name in after giving it in full: a company without its
    class word (リヴァートン for リヴァートン・モーターズ), its class word abbreviated (東和電工ＨＤ for
    東和電工ホールディングス), an edition of an event without its number (しらさぎ川まつり for
    第50回しらさぎ川まつり), a club without its FC. A name without its class word is no short form of another when the article
    names it on its own (``seen``)."""
    out = []
    head, dot, rest = label.rpartition("・")
    if cls in ("Company", "Organization") and dot and len(head) >= 3 and "・" not in head \
            and lex.suffixes.get(rest) == cls and head not in seen:
        out.append(head)
    out += [label[:-len(full)] + abbr for abbr, full in lex.suffix_abbreviations.items()
            if label.endswith(full) and len(label) > len(full)]
    for word in lex.club_words if cls == "SportsTeam" else ():
        # 白浜ウインズ for ＳＣ白浜ウインズ: a club without its FC or SC (club_words.txt), unless the
        # article names something else so
        rest = label[len(word):] if label.startswith(word) else label[:-len(word)] if label.endswith(word) else ""
        if len(rest) >= 2 and seen.get(rest, cls) == cls:
            out.append(rest)
    edition = re.fullmatch(r"第\d+回(.{2,})", label)
    if cls == "Event" and edition:
        out.append(edition.group(1))
    return out


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
               for ch in text)


def _first_holding_only(facts, headings: frozenset[int] = frozenset()):
    """A person's title repeats in every sentence; the holding is stated once, where first seen
    (a later one that adds nothing, 朴長官 after 産業通商資源部の朴長官, is the same holding). The body
    states it before the headline does: a headline only sums up what the body says."""
    seen: list[tuple[str, frozenset]] = []
    dropped = set()
    for n, f in sorted(enumerate(facts), key=lambda nf: (nf[1].sentence in headings, nf[0])):
        if f.cls == "PositionHolding":
            roles = frozenset(f.roles)
            if any(p == f.predicate and roles <= r for p, r in seen):
                dropped.add(n)
                continue
            seen.append((f.predicate, roles))
    return [f for n, f in enumerate(facts) if n not in dropped]


def _events_that_are_facts(pairs, facts, by_key):
    """習主席との経済・通商協議に臨んだ: an unnamed meeting is the Meeting fact its noun triggers, so it is
    not a second node beside it. Kept when a fact has it in a role (授賞式に出席した: what is attended)
    or when no fact was built from its word."""
    used = {k for f in facts for _, k in f.roles}
    triggers: dict[int, set[str]] = {}
    for f in facts:
        triggers.setdefault(f.sentence, set()).add(f.predicate)
    folded = {k for m, k in pairs if by_key[k].cls == "Event" and m.scope and k not in used
              and any(m.label.endswith(p) for p in triggers.get(m.sentence, ()))}
    return _without(folded, pairs, by_key)


def _names_inside_event_names(pairs, facts, by_key):
    """アジア太平洋経済協力会議（APEC）首脳会議: a name written only as part of an event's name is that
    event's, not a node of its own, unless some fact has it in a role. A person or a team in the name
    (サンダーホークス戦) takes part in the event, and stays."""
    used = {k for f in facts for _, k in f.roles}
    events = [m for m, k in pairs if by_key[k].cls == "Event"]

    def inside(m) -> bool:
        return any(e.sentence == m.sentence and e.start <= m.start and m.end <= e.end
                   and e.end - e.start > m.end - m.start for e in events)
    keys: dict[str, bool] = {}
    for m, k in pairs:
        keys[k] = keys.get(k, True) and by_key[k].cls not in ("Event", "Person", "SportsTeam") and inside(m)
    return _without({k for k, all_inside in keys.items() if all_inside and k not in used}, pairs, by_key)


def _without(folded: set[str], pairs, by_key):
    """pairs and entities with the folded entities taken out."""
    return ([(m, k) for m, k in pairs if k not in folded],
            {k: e for k, e in by_key.items() if k not in folded})


def _entity_from_key(key: str, gaz) -> Entity:
    if key.startswith("wd:"):
        qid = key[3:]
        for entries in gaz.values():
            for e in entries:
                if e.qid == qid:
                    return Entity(key=key, cls=e.cls, label=e.label_ja, wikidata=qid, label_en=e.label_en)
    cls, _, label = key.partition(":")
    return Entity(key=key, cls=cls, label=label.rpartition("@")[0] or label)


def _fact_order(f):
    return (f.sentence, f.cls, f.predicate, f.roles)
