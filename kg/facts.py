"""Predicate–argument rules over the dependency parse and bunsetu → facts (events with roles).

One pass per sentence. A predicate is a verb at a bunsetu head (GiNZA makes サ変 noun + する a verb);
light verbs (会談を行う, 協議に臨む) hand the predicate to their event noun. Arguments are the
bunsetu heads that depend on the predicate; their case particles give the role (particle_roles.tsv).
A predicate with no entry in predicates.tsv still gives a GenericEvent with its lemma.
Each fact names its rule and a confidence; its modality comes from auxiliaries and governing words.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .dates import parse_amount, parse_time, resolve_date, resolve_range, with_time
from .entities import entity_key, link, load_gazetteer
from .lexicon import DATA, Lexicon, _rows, load_lexicon
from .mentions import _skip_reading, gift_items, is_name_token, nfkc, particles, with_ordinal
from .types import REFERRING, DateValue, Entity, Fact, Mention, NamedSpan, Sentence, Token

AGENTIVE = {"Person", "Organization", "Government", "Company", "PoliticalParty", "SportsTeam", "Country", "Group"}
PLACES = {"Place", "Country", "Facility"}
ADMIN_SUFFIXES = ("都", "道", "府", "県", "州", "市", "区", "町", "村")  # a place with a government of its own
_PASSIVE = {"れる", "られる"}
_NEGATION = {"ない", "ず", "ぬ", "ん"}
_QUOTE_OPEN, _QUOTE_CLOSE = "「『", "」』"


@functools.lru_cache(maxsize=1)
def particle_roles() -> dict[tuple[str, str], str]:
    return {(p, c): r for p, c, r in _rows("particle_roles.tsv")}


def role_for(particle: str, cls: str) -> str | None:
    table = particle_roles()
    return table.get((particle, cls)) or table.get((particle, "*"))


@dataclass
class SentenceView:
    """What the rules need to look up in one sentence."""

    sent: Sentence
    pairs: list[tuple[Mention, str]]
    classes: dict[str, str]
    kids: dict[int, list[int]] = field(default_factory=dict)
    in_quote: set[int] = field(default_factory=set)
    local_governments: frozenset[str] = frozenset()  # places that act: 石川県は…方針だ
    focus_company: str | None = None  # the company or club the article was last about (社長 with none named)
    known_orgs: dict[str, str] = field(default_factory=dict)  # person -> company or club a holding named before

    def is_agent(self, key: str) -> bool:
        return self.classes.get(key) in AGENTIVE or key in self.local_governments

    def __post_init__(self) -> None:
        for t in self.sent.tokens:
            if t.head != t.i:
                self.kids.setdefault(t.head, []).append(t.i)
        self._rehang_clause_subjects()
        self._rehang_from_dates()
        self.in_quote.update(quoted_tokens(self.sent.tokens))

    def _rehang_clause_subjects(self) -> None:
        """Xは、Yが…に昇格する人事を発表した: the parser may hang Yが on the verb of the whole sentence,
        which has its topic already; Yが is the subject of the clause that describes that verb's
        object (it comes before it, and the clause has no subject of its own)."""
        toks = self.sent.tokens
        for root, kids in list(self.kids.items()):
            if toks[root].pos != "VERB":
                continue
            marks = {c: particles(self.sent, toks[c])[-1:] for c in kids if toks[c].bunsetu_head}
            topic = [c for c in marks if toks[c].pos in ("NOUN", "PROPN", "PRON") and particles(self.sent, toks[c]) == ["は"]]
            for c in [c for c, m in marks.items() if m == ["が"]]:
                if not topic or min(topic) > c:
                    continue
                clause = next((v for v in toks[c + 1:root] if v.pos == "VERB" and v.dep == "acl"
                               and v.head in kids and toks[v.head].dep == "obj"
                               and not any(particles(self.sent, toks[g])[-1:] in (["が"], ["は"])
                                           for g in self.kids.get(v.i, []))), None)
                if clause is not None:
                    kids.remove(c)
                    self.kids.setdefault(clause.i, []).append(c)
                    self.kids[clause.i].sort()

    def _rehang_from_dates(self) -> None:
        """白鷺市で３日、…が開幕した: the parser may hang the で-place on the date after it; a date
        has no place of its own, so the place is the verb's, as the date is."""
        toks = self.sent.tokens
        for date, kids in list(self.kids.items()):
            d = toks[date]
            if d.dep != "obl" or d.head == d.i or toks[d.head].pos != "VERB" or "助数詞" not in d.tag \
                    or not any(toks[c].pos == "NUM" for c in kids):
                continue
            for c in [c for c in kids if toks[c].bunsetu_head and c < date and particles(self.sent, toks[c]) == ["で"]]:
                kids.remove(c)
                self.kids.setdefault(d.head, []).append(c)
                self.kids[d.head].sort()

    @property
    def toks(self) -> tuple[Token, ...]:
        return self.sent.tokens

    def bunsetu(self, head: Token) -> tuple[int, int]:
        a = head.i
        while a > 0 and not self.toks[a].bunsetu_start:
            a -= 1
        b = head.i + 1
        while b < len(self.toks) and not self.toks[b].bunsetu_start:
            b += 1
        return a, b

    def keys_at(self, head: Token) -> list[str]:
        """Entities an argument bunsetu names: a person before its title, a phrase ending at the head,
        else the mention nearest the head. Groups and abbreviations give several."""
        a, b = self.bunsetu(head)
        inside = [(m, k) for m, k in self.pairs
                  if (m.tok_start < b and m.tok_end > a) or m.tok_end - 1 == head.i]
        first = next((t for t in self.toks[a:b] if t.pos != "PUNCT"), self.toks[a])
        titled = first.norm in load_lexicon().titles  # the phrase opens with a title or 氏
        if any(self.classes.get(k) == "Position" and m.tok_start == a for m, k in inside) or \
                (titled and not any(self.classes.get(k) == "Person" for _, k in inside)):
            # 山下健太|飛行士が: the parser put the name and its title in two phrases
            # (崔美羅（チェ・ミラ）|報道官が, 王振宇（ワン・ジェンユー）|氏は: with its reading between)
            inside += [(m, k) for m, k in self.pairs if self.classes.get(k) == "Person" and (m.title or titled)
                       and (m.tok_end in (a, first.i) or _skip_reading(self.toks, m.tok_end) in (a, first.i))]
        if not inside:
            return []
        # X（Y）は: what the parentheses add (a place, a reading, an affiliation) is not the argument
        bracketed = self.parenthesised(a, b)
        outside = [(m, k) for m, k in inside if m.tok_start not in bracketed]
        if outside:
            inside = outside
        elif any(t.pos in ("NOUN", "PROPN") for t in self.toks[a:b] if t.i not in bracketed):
            return []  # the name before the parentheses is not known
        persons = [(m, k) for m, k in inside if self.classes.get(k) == "Person" and m.rule != "group"]
        groups = [(m, k) for m, k in inside if m.rule == "group"]
        if groups:
            return _unique(k for _, k in groups)
        if persons:
            last = max(m.tok_end for m, _ in persons)
            return _unique(k for m, k in persons if m.tok_end == last)
        # (米|テスラと: a noun the parser tagged an auxiliary is still the phrase's last noun)
        last_noun = max((t.i for t in self.toks[a:b] if t.pos in ("NOUN", "PROPN", "NUM") or t.tag.startswith("名詞")),
                        default=head.i)
        ending = [(m, k) for m, k in inside if m.tok_end - 1 in (head.i, last_noun)]
        if ending:
            best = min(ending, key=lambda p: (-p[0].tok_end, p[0].tok_start))[0]
            return _unique(k for m, k in ending if (m.tok_start, m.tok_end) == (best.tok_start, best.tok_end))
        last = max(m.tok_end for m, _ in inside)
        return _unique(k for m, k in inside if m.tok_end == last)

    def parenthesised(self, a: int, b: int) -> set[int]:
        """Indexes of the tokens in [a, b) inside round brackets."""
        inside, depth = set(), 0
        for t in self.toks[a:b]:
            if t.norm == ")":
                depth = max(0, depth - 1)
            if depth:
                inside.add(t.i)
            if t.norm == "(":
                depth += 1
        return inside

    def children(self, t: Token) -> list[Token]:
        return [self.toks[c] for c in self.kids.get(t.i, [])]

    def aux(self, t: Token) -> list[Token]:
        return [c for c in self.children(t) if c.dep in ("aux", "cop", "mark") or c.pos == "AUX"]


def _unique(keys) -> list[str]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return out


@dataclass
class Frame:
    compound: str
    pred: Token
    lemma: str
    cls: str
    roles: list[tuple[str, str]]
    rule: str
    explicit_agent: bool
    passive: bool


def extract_facts(sent: Sentence, pairs: Sequence[tuple[Mention, str]], entities: dict[str, Entity], *,
                  article_date: str | None = None, carried_topic: list[str] | None = None,
                  leaders: Sequence[str] = (), lex: Lexicon | None = None,
                  focus_company: str | None = None,
                  known_orgs: dict[str, str] | None = None) -> tuple[list[Fact], list[str] | None]:
    """Facts of one sentence, and the sentence's topic for the next one (None: no topic)."""
    lex = lex or load_lexicon()
    sent = _out_of_quotes(sent)
    classes = {k: e.cls for k, e in entities.items()}
    for m, k in pairs:
        if m.rule == "group":
            classes.setdefault(k, entities[k].cls if k in entities else "Group")
    view = SentenceView(sent, list(pairs), classes,
                        local_governments=frozenset(k for k, e in entities.items() if e.cls == "Place"
                                                    and e.label.endswith(ADMIN_SUFFIXES)),
                        focus_company=focus_company, known_orgs=known_orgs or {})
    topic = _topic(view, lex)
    if topic is None:
        topic, carried_topic = [], carried_topic
    else:
        carried_topic = []
    facts: list[Fact] = []
    facts += _position_facts(view, lex)
    facts += _containment_facts(view, lex)
    facts += _relational_noun_facts(view, lex, topic)
    dates = _dates(view, article_date)
    frames = {pred.i: f for pred in view.toks if (f := _frame(view, pred, lex)) is not None}
    for frame in frames.values():
        fact = _complete(view, frame, lex, topic, carried_topic, leaders, dates, frames)
        if fact:
            facts.append(fact)
    facts += _appointee_facts(view, lex, frames, dates)
    facts += _visit_noun_facts(view, lex, topic or carried_topic or [], facts)
    facts += _plan_noun_facts(view, lex, topic or carried_topic or [], facts, frames)
    facts += _planned_event_facts(view, facts)
    facts += _succession_verb_facts(view, lex, frames)
    facts += _successor_takes_the_post(view, facts)
    facts = _met_then_signed(view, facts)
    facts += _cosigned_accords(view, facts)
    facts += _quoted_statements(view, lex, facts)
    facts += _source_statements(view, lex, facts)
    facts += _venue_facts(view, frames)
    facts += _event_subject_places(view, frames)
    facts += _disaster_places(view, lex)
    facts += _river_places(view, lex)
    facts += _held_within(view, lex, frames)
    facts += _located_at(view, lex)
    facts += _bodies_set_up(view, lex, facts)
    facts += _support_nouns(view, lex, topic or carried_topic or [])
    facts = [f for f in facts if f.role("agent") and (f.cls != "Membership" or f.role("organization"))]
    facts = [replace(f, time=f.date.value[11:16]) if f.date and f.date.datatype == "dateTime" else f for f in facts]
    return _one_plan_per_stance(_dedupe(facts)), topic


def quoted_tokens(toks: Sequence[Token]) -> set[int]:
    """The indices of the tokens inside 「」 or 『』 (the brackets themselves are outside)."""
    inside, depth = set(), 0
    for t in toks:
        if t.norm in _QUOTE_CLOSE:
            depth = max(0, depth - 1)
        if depth:
            inside.add(t.i)
        if t.norm in _QUOTE_OPEN:
            depth += 1
    return inside


def _out_of_quotes(sent: Sentence) -> Sentence:
    """Xは…記者会見し、「…守ってきた…を引き継ぐ」と語った: the parser may hang a phrase written before a
    quote on a verb inside it. What is written before a quote depends on nothing said inside it: such
    a phrase hangs on the first word outside the quote its head leads to (語った)."""
    toks = sent.tokens
    inside = quoted_tokens(toks)
    moved = {}
    for t in toks:
        # (only a phrase written before the quote: the particle after it, 「…」|と, hangs inside rightly)
        # (and only on a verb or adjective said inside: 団体に贈られる「しらさぎ文化賞」 describes the name quoted)
        if t.i in inside or t.head not in inside or t.head < t.i or not t.bunsetu_head \
                or t.pos not in ("VERB", "NOUN", "PROPN", "PRON") or toks[t.head].pos not in ("VERB", "ADJ"):
            continue
        cur, seen = toks[t.head], set()
        while cur.i in inside and cur.head != cur.i and cur.i not in seen:
            seen.add(cur.i)
            cur = toks[cur.head]
        if cur.i in inside:  # (the quote's own root, 「…引き継ぐ。…」: the root outside after it)
            cur = next((x for x in toks[cur.i:] if x.head == x.i and x.i not in inside), cur)
        if cur.i not in inside and cur.i != t.i:
            moved[t.i] = cur.i
    if not moved:
        return sent
    return replace(sent, tokens=tuple(replace(t, head=moved[t.i]) if t.i in moved else t for t in toks))


def _topic(view: SentenceView, lex: Lexicon) -> list[str] | None:
    """The は/も-marked argument of the main clause: its agent-like entities, [] when the topic is
    something else (専門家の一部は…: nothing to carry), None when the sentence has no topic."""
    for t in view.toks:
        if not t.bunsetu_head or t.i in view.in_quote:
            continue
        ps = particles(view.sent, t)
        if not ps or ps[-1] not in ("は", "も") or (len(ps) > 1 and ps[0] in ("で", "に", "と", "から", "へ")):
            continue
        head = view.toks[t.head]
        while head.head != head.i and head.pos in ("NOUN", "PROPN") and head.dep in ("obl", "nsubj", "nmod"):
            head = view.toks[head.head]  # 山田氏は冒頭、…: the parser hung the topic on a noun
        # 「Xは、」 and a sentence that opens with Xは: the topic, whatever the parse says
        opening = all(x.pos in ("PUNCT", "SYM") for x in view.toks[:view.bunsetu(t)[0]])
        comma = _followed_by_comma(view, t) or opening
        # は marks no subject inside a clause that describes a noun: Xは hung on such a clause's verb
        # (ミナトフーズは…本社を置く|メーカーの松風堂を買収すると発表した) is the parser's slip, and the
        # topic is the sentence's, whose verb the described noun leads to
        if ps[-1] == "は" and head.dep == "acl":
            while head.head != head.i and (head.dep == "acl" or head.pos in ("NOUN", "PROPN")
                                           and head.dep in ("obj", "obl", "nsubj", "nmod")):
                head = view.toks[head.head]
        if not comma and ((_in_relative_clause(view, t) and ps[-1] != "は") or not _is_main_chain(view, head)):
            continue
        keys = [k for k in view.keys_at(t) if view.is_agent(k)]
        if not keys:  # 日本酒造組合中央会など業界団体は: the bodies named before など
            keys = [k for c in view.children(t) if "など" in particles(view.sent, c)
                    for m in [c] + _list_members(view, c) for k in view.keys_at(m) if view.is_agent(k)]
        if keys or ps[-1] == "は":
            return _unique(keys)
    return None


def _followed_by_comma(view: SentenceView, t: Token) -> bool:
    a, b = view.bunsetu(t)
    return b - 1 < len(view.toks) and view.toks[b - 1].norm in ("、", ",")


def _in_relative_clause(view: SentenceView, t: Token) -> bool:
    """Inside a clause that modifies a noun (来日中の…, …で開かれる会議); a clause before a formal
    noun (…するため) is adverbial and does not count."""
    lex = load_lexicon()
    seen = set()
    cur = t
    while cur.head != cur.i and cur.i not in seen:
        seen.add(cur.i)
        head = view.toks[cur.head]
        if cur.dep == "acl" and head.pos in ("NOUN", "PROPN") and head.norm not in lex.formal_nouns \
                and not _predicate_noun(view, head):
            return True
        cur = head
    return False


def _predicate_noun(view: SentenceView, noun: Token) -> bool:
    """A noun that ends the sentence as its predicate (…を見直す方針だ, …する予定): the clause
    before it is the sentence's own, not a relative clause."""
    return noun.head == noun.i and any(c.dep == "cop" or c.pos == "AUX" for c in view.children(noun)) \
        or (noun.head == noun.i and noun.i + 2 >= len(view.toks))


def _not_an_office(view: SentenceView, pred: Token, lex: Lexicon) -> bool:
    """An appointment verb whose に-word is a plain noun, not an office, a post (会長職), a named
    thing, a date or a time word (帰国の途に就く, 眠りに就く)."""
    ni = [c for c in view.children(pred) if c.bunsetu_head and c.pos == "NOUN" and particles(view.sent, c)[:1] == ["に"]]
    return bool(ni) and not any(
        c.norm in lex.titles or c.norm.endswith("職") or "副詞可能" in c.tag or "助数詞" in c.tag
        or any(x.pos == "NUM" for x in view.children(c))
        or view.keys_at(c)  # an office, an organisation, an award (主演女優賞に選ばれた): kg.facts reads it
        for c in ni)


def _frame(view: SentenceView, pred: Token, lex: Lexicon) -> Frame | None:
    # 九回から救援で登板。: a sentence that ends on a verbal noun (体言止め) states the event
    noun_end = pred.pos == "NOUN" and pred.head == pred.i and pred.tag.endswith("サ変可能") \
        and pred.lemma in lex.predicates and (pred.i + 1 < len(view.toks) and view.toks[pred.i + 1].norm == "。"
                                              or _headline_plan(view, pred))
    if not pred.bunsetu_head or (pred.pos != "VERB" and not noun_end) or pred.i in view.in_quote:
        return None
    lemma = pred.lemma
    if _made_known(view, pred):
        lemma = "明らかにする"  # 記者団に明らかにした: made known, a verb of its own
    cls = lex.predicates.get(lemma)
    rule = "predicate"
    extra_from: Token | None = None
    expressed = _expresses(view, pred, lex) if cls in (None, "Statement") or lemma in lex.light_verbs else None
    if expressed and (cls is None or lemma in lex.light_verbs or expressed[1] != "Statement"):
        # 感謝を口にした, …を目指す考えを示した: what is expressed makes it a statement (理解を示した: support);
        # a verb that states by itself says what kind when its object does (支持を表明した: support)
        (lemma, cls), rule = expressed, "stance-statement"
    elif lemma in lex.light_verbs:
        nouns = [c for c in view.children(pred) if c.pos in ("NOUN", "PROPN") and c.bunsetu_head
                 and set(particles(view.sent, c)) & {"を", "に"}]
        # the event noun among them (28日には…会談に臨む: not 日)
        for noun in nouns:
            noun_cls = lex.predicates.get(noun.lemma) or _event_noun_class(noun, lex)
            if noun_cls:
                lemma, cls, rule, extra_from = noun.norm, noun_cls, "light-verb", noun
                break
        if extra_from is None and lemma in ("する", "行う") and lemma not in lex.hold_verbs:
            return None
    if cls == "Appointment" and _not_an_office(view, pred, lex):
        cls, rule = "GenericEvent", "generic"  # 帰国の途に就く: the に-word is no office
    if cls is None and any(c.norm in lex.statement_context and "を" in particles(view.sent, c)
                           and any(set(particles(view.sent, g)) & {"と", "との"} for g in view.children(c))
                           for c in view.children(pred)):
        cls, rule = "Statement", "stance-statement"
    schools = _schools(view, lex) if lemma in lex.schooling_verbs else set()
    if schools and any(set(view.keys_at(c)) & schools for c in view.children(pred) if c.bunsetu_head):
        cls, rule = "Membership", "schooling"  # 東和大学に進み, 北高を経て: a school one belongs to
    if cls is None:
        if lemma in lex.reporting or lemma in lex.non_event_verbs:
            return None
        cls, rule = "GenericEvent", "generic"
    passive = any(a.lemma in _PASSIVE or a.norm in ("れ", "られ") for a in view.aux(pred))
    roles: list[tuple[str, str]] = []
    explicit_agent = False
    # (芥川賞を|受賞した: the tagger may put the object in the predicate's own phrase)
    args = [c for c in view.children(pred) if c.pos in ("NOUN", "PROPN", "PRON", "NUM") and (
        c.bunsetu_head or c.dep in ("obj", "nsubj", "obl") and view.bunsetu(c) == view.bunsetu(pred))]
    for c in list(args):  # 「…」と: a を-object the parser hung on the quoted noun belongs here
        if particles(view.sent, c)[:1] == ["と"]:
            args += [g for g in view.children(c) if g.bunsetu_head and particles(view.sent, g)[:1] == ["を"]]
    if cls == "Gift":
        for item in gift_items(view.sent, pred):
            roles.extend(("theme", k) for k in view.keys_at(item) if not view.is_agent(k))
    compound = pred.norm
    if extra_from is not None:
        compound = "".join(t.norm for t in view.toks[_leftmost_compound(view, extra_from):extra_from.i + 1])
        args = [a for a in args if a.i != extra_from.i]
        args += [c for c in view.children(extra_from) if c.bunsetu_head]
        # 設立に関する契約を結んだ: the agreement the noun names is what is signed or agreed on
        roles.extend(("theme", k) for k in view.keys_at(extra_from) if view.classes.get(k) == "Agreement")
        # the event noun's own compound (日米|首脳|会談) names its parties
        for c in view.children(extra_from):
            if not c.bunsetu_head:
                for k in view.keys_at(c):
                    if view.is_agent(k):
                        roles.append(("participant", k))
    quoted = set()
    if cls == "Statement":  # a name inside what is said is not the speaker (…日韓は隣国だと強調した)
        for c in view.children(pred):
            if particles(view.sent, c)[:1] in (["と"], ["とも"]):
                quoted.update(range(_leftmost(view, c), c.i + 1))
    has_source = any("から" in particles(view.sent, x) for x in args)
    has_object = any("を" in particles(view.sent, x) for x in args)
    for arg in args:
        ps = particles(view.sent, arg)
        if not ps or arg.i in quoted:
            continue
        particle = ps[0] if ps[0] != "の" or len(ps) == 1 else ps[-1]
        if particle in ("など", "ら") and len(ps) > 1:
            particle = ps[1]  # 組合などが: the case after the list's end
        if particle == "や" and len(ps) == 1:
            # 大沼町長（６１）や、…白石氏らが出席し: the parser may hang a list's first item on the verb;
            # it takes the case of the next argument, the list's end
            particle = next((p[-1] for x in args if x.i > arg.i and (p := particles(view.sent, x))
                             and p[0] != "や"), particle)
        if particle == "で" and len(ps) > 1 and ps[1] == "の":
            particle = "で"
        role = role_for(particle, cls)
        if role is None:
            continue
        if passive and role != "position":  # 首相に選ばれた: the office stays the office
            if role == "agent":
                # Xは…から勲章を授与された: X receives; 記念品がスミス氏に贈られた: what is given
                role = "recipient" if cls == "Gift" and has_object else "theme"
            elif cls == "Gift" and particle == "に":
                pass  # …に贈られた: to whom, as in the active
            elif particle == "から" or (particle in ("に", "によって", "により") and not has_source):
                role = "agent"
        keys = _unique(view.keys_at(arg) + [k for member in _list_members(view, arg) for k in view.keys_at(member)]
                       + _listed_before_ra(view, arg))
        if not keys and role in ("agent", "recipient") and "".join(
                t.norm for t in view.toks[_leftmost_compound(view, arg):arg.i + 1]).endswith(tuple(lex.spokesperson_nouns)):
            # 経済産業省の|幹部は: one who speaks for the ministry, unnamed; the ministry says it
            keys = [k for c in view.children(arg) if c.bunsetu_head and particles(view.sent, c)[-1:] == ["の"]
                    for k in view.keys_at(c) if view.classes.get(k) in ORG_CLASSES | {"Country"}]
        if not keys:
            continue
        if passive and role == "agent" and particle == "に" and all(view.classes.get(k) in PLACES for k in keys):
            role = "location"  # 町には自衛隊が派遣された: a place in に is where, not by whom
        if role == "organization":  # エンゼルスから移籍: only an organisation is one to belong to
            keys = [k for k in keys if view.classes.get(k) in ORG_CLASSES or (rule == "schooling" and k in schools)]
            if not keys:
                continue
        if role == "location" and not all(view.classes.get(k) in PLACES for k in keys):
            if particle == "で":
                continue
            role = "theme" if cls in ("Attendance",) else role
        if role == "agent":
            # (台風15号は鹿児島県に上陸した: what happens is the subject of an incident)
            keys = [k for k in keys if view.is_agent(k) or cls == "Incident" and view.classes.get(k) == "Disaster"]
            if not keys:
                continue
            explicit_agent = True
        roles.extend((role, k) for k in keys)
    if _headline_plan(view, pred) and not explicit_agent:
        # 東和自動車、来春にも新型車を発売へ: the name before the comma that opens a headline acts
        opening = next((t for t in view.toks if t.bunsetu_head), None)
        if opening is not None and not particles(view.sent, opening) and _followed_by_comma(view, opening):
            keys = [k for k in view.keys_at(opening) if view.is_agent(k)]
            roles = [("agent", k) for k in keys] + roles
            explicit_agent = bool(keys)
    return Frame(compound, pred, lemma, cls, roles, rule, explicit_agent, passive)


def _next_norm(view: SentenceView, i: int) -> str:
    return view.toks[i + 1].norm if i + 1 < len(view.toks) else "。"


def _headline_plan(view: SentenceView, pred: Token) -> bool:
    """…を発売へ: a verbal noun with へ ending the sentence (headlines) says what is going to happen."""
    return pred.pos == "NOUN" and pred.head == pred.i and _next_norm(view, pred.i) == "へ" \
        and _next_norm(view, pred.i + 1) == "。"


def _schools(view: SentenceView, lex: Lexicon) -> set[str]:
    """Entities of the sentence whose name ends as a school's does (東和大学, 上田西高), whatever the
    NER took them for."""
    return {k for m, k in view.pairs if view.classes.get(k) in ORG_CLASSES | {"Facility"}
            and len(m.label) > 1 and m.label.endswith(tuple(lex.school_suffixes))}


def _made_known(view: SentenceView, pred: Token) -> bool:
    """明らか|に|する: the tagger's する with the adjective 明らか, one verb of making known."""
    return pred.lemma == "する" and any(c.norm == "明らか" and c.pos == "ADJ" for c in view.children(pred))


def _expresses(view: SentenceView, pred: Token, lex: Lexicon) -> tuple[str, str] | None:
    """A verb of expressing whose を-object is something said: a speech noun (感謝を語った, 理解を示した)
    or a stance noun with its own clause (…を目指す考えを示した). Returns (the verb, 口にする for
    口に+する; the fact class)."""
    verb = pred.lemma
    if verb == "する" and any(c.norm == "口" and "に" in particles(view.sent, c) for c in view.children(pred)):
        verb = "口にする"
    elif _made_known(view, pred):
        verb = "明らかにする"  # 方針を明らかにした: made it known
    if verb not in lex.expressing_verbs:
        return None
    for c in view.children(pred):
        if "を" not in particles(view.sent, c):
            continue
        if c.norm in lex.speech_nouns:
            return verb, lex.speech_nouns[c.norm]
        if c.norm in lex.statement_context and any(g.dep == "acl" and g.pos == "VERB" for g in view.children(c)):
            return verb, "Statement"
    return None


def _list_members(view: SentenceView, arg: Token) -> list[Token]:
    """The other items of a list an argument ends (AやBが, A、B、Cなどが): the heads before it that
    are joined by や / と or a comma."""
    out, stack = [], [arg]
    while stack:
        t = stack.pop()
        for c in view.children(t):
            if not c.bunsetu_head or c.dep not in ("nmod", "conj") or c.i > t.i:
                continue
            ps = particles(view.sent, c)
            if (ps and ps[0] in ("や", "と")) or (not ps and _followed_by_comma(view, c)):
                out.append(c)
                stack.append(c)
    return out


def _listed_before_ra(view: SentenceView, arg: Token) -> list[str]:
    """AやB、Cら約３００人が: the people a list ending in ら names, wherever the parser hung its items
    (each person, with a title after the name or not, followed by や, と or a comma, inside the
    argument's phrase)."""
    a, b = view.bunsetu(arg)
    if not any(t.norm == "ら" for t in view.toks[a:b]):
        return []
    start = _leftmost(view, arg)
    out = []
    for m, k in view.pairs:
        if view.classes.get(k) != "Person" or m.tok_start < start or m.tok_end > a:
            continue
        j = m.tok_end  # past the title or honorific written after the name
        while j < a and j - m.tok_end < 4 and view.toks[j].pos == "NOUN":
            j += 1
        if j < a and view.toks[j].norm in ("や", "と", "、", ","):
            out.append(k)
    return out


def _leftmost_compound(view: SentenceView, noun: Token) -> int:
    a = noun.i
    while a > 0 and view.toks[a - 1].head == noun.i and view.toks[a - 1].dep == "compound":
        a -= 1
    return a


def _event_noun_class(noun: Token, lex: Lexicon) -> str | None:
    word = noun.norm
    for head in sorted(lex.event_heads, key=len, reverse=True):
        if word.endswith(head) and head in lex.predicates:
            return lex.predicates[head]
    return None


def _modality(view: SentenceView, pred: Token, lex: Lexicon) -> str:
    auxes = view.aux(pred)
    if any(a.lemma in _NEGATION or a.norm in ("ない", "なかっ", "ず") for a in auxes):
        return "Negated"
    if _announced_future(view, pred, lex) or _future_main_clause(view, pred, lex) or _headline_plan(view, pred):
        return "Planned"
    cur = pred
    seen = set()
    while cur.head != cur.i and cur.i not in seen:
        seen.add(cur.i)
        head = view.toks[cur.head]
        mod = lex.stance_nouns.get(head.norm) if cur.dep == "acl" else None
        if mod and mod != "Asserted":
            return mod
        if head.lemma in lex.reporting and head.lemma not in ("よる",):
            hx = view.aux(head)
            if head.lemma in ("見る", "みる", "伝える", "する", "報じる") and any(a.lemma in _PASSIVE for a in hx):
                return lex.reporting[head.lemma]
            if head.lemma in ("可能性", "見込む", "予想"):
                return "Hedged"
        cur = head
    if any(a.lemma == "たい" for a in auxes):
        return "Planned"
    if any(t.lemma == "よる" and any(p.norm == "に" for p in view.children(t) + [view.toks[t.head]]) and
           t.dep in ("fixed", "case") for t in view.toks):
        return "Reported"
    return "Asserted"


def _future_main_clause(view: SentenceView, pred: Token, lex: Lexicon) -> bool:
    """チームは来季、本拠地を移す: the sentence's own predicate in the non-past, with a time word of
    the future on it."""
    if pred.head != pred.i or pred.i in view.in_quote or any(a.norm in ("た", "だ") for a in view.aux(pred)):
        return False
    return any(t.norm in lex.future_words and t.head == pred.i for t in view.toks)


def _announced_future(view: SentenceView, pred: Token, lex: Lexicon) -> bool:
    """…を買収すると発表した: a clause in the non-past, quoted by a verb of saying, is what is planned."""
    if any(a.norm in ("た", "だ") or a.lemma in ("た",) for a in view.aux(pred)):
        return False
    head = view.toks[pred.head]
    if pred.dep == "acl" and head.dep == "obj" and head.head != head.i and head.norm not in lex.formal_nouns and \
            view.toks[head.head].lemma in lex.announcing_verbs and pred.i not in view.in_quote:
        return True  # …が社長に昇格する人事を発表した: the non-past clause of what is announced
    b = view.bunsetu(pred)[1]
    if b >= len(view.toks) or view.toks[b - 1].norm != "と":
        return False
    return head.i != pred.i and head.lemma in lex.announcing_verbs and pred.i not in view.in_quote


def _quoted_statements(view: SentenceView, lex: Lexicon, facts: list[Fact]) -> list[Fact]:
    """「…」と自賛した, 「…」と評価した: whatever the verb, a quote in 「」 before と is said by its
    subject, as well as what the verb's own class says."""
    out = []
    for f in facts:
        if f.sentence != view.sent.index or f.cls == "Statement" or f.quote or not f.role("agent") \
                or f.predicate in lex.naming_verbs:
            continue
        pred = next((t for t in view.toks if t.lemma == f.predicate and t.pos == "VERB"), None)
        quote = _quote(view, pred, lex) if pred is not None else None
        if not quote or not _quote_is_bracketed(view, pred):
            continue
        out.append(Fact(cls="Statement", predicate=f.predicate, sentence=f.sentence,
                        roles=tuple((r, k) for r, k in f.roles if r == "agent"), modality=f.modality,
                        rule="quote-verb", confidence=0.6, date=f.date, quote=quote, article_id=f.article_id))
    return out


def _quote_args(view: SentenceView, pred: Token) -> list[Token]:
    """The verb's arguments, and those of a quoted clause the parser hung under one of them
    (「…胸の高さまで来た」と: 来 under 高さ under the verb)."""
    out, stack = [], list(view.children(pred))
    while stack:
        c = stack.pop(0)
        out.append(c)
        if c.i in view.in_quote or (c.dep == "advcl" and any(g.i in view.in_quote for g in view.children(c))):
            stack += [g for g in view.children(c) if g.i in view.in_quote and g.dep in ("advcl", "acl")]
    return out


def _quote_is_bracketed(view: SentenceView, pred: Token) -> bool:
    """Whether a と-argument of the verb ends with 」 (「…」と): a direct quote, not a と-partner."""
    for c in _quote_args(view, pred):
        ps = particles(view.sent, c)
        if ps[:1] == ["と"]:
            marker = next((t for t in view.toks[c.i + 1:] if t.head == c.i and t.dep == "case"), None)
            if marker is not None and marker.i > 0 and view.toks[marker.i - 1].norm in _QUOTE_CLOSE:
                return True
    return False


def _source_statements(view: SentenceView, lex: Lexicon, facts: list[Fact]) -> list[Fact]:
    """気象庁によると、…: what the sentence reports is said by its source."""
    out = []
    for t in view.toks:
        if t.lemma != "よる" or t.i == 0 or view.toks[t.i - 1].norm != "に" or t.i in view.in_quote:
            continue
        nxt = view.toks[t.i + 1].norm if t.i + 1 < len(view.toks) else ""
        if nxt == "ます" and t.i + 2 < len(view.toks):
            nxt = view.toks[t.i + 2].norm  # によりますと: the polite form of broadcast news
        if not (nxt == "と" or t.norm == "よれ" and nxt == "ば"):
            continue  # による (by) is not によると (according to)
        noun = view.toks[t.i - 2] if t.i >= 2 else None
        if noun is None:
            continue
        sources = [k for k in view.keys_at(noun) if view.is_agent(k)]
        if not sources or any(f.cls == "Statement" and set(f.role("agent")) & set(sources)
                               for f in facts if f.sentence == view.sent.index):
            continue
        rest = next((x for x in view.toks[t.i + 1:] if x.norm == "、"), None)
        start = rest.end if rest is not None else t.end
        quote = view.sent.text[start - view.sent.start:].rstrip("。").strip() or None
        out.append(Fact(cls="Statement", predicate="によると", sentence=view.sent.index,
                        roles=(("agent", sources[0]),), modality="Reported", rule="source", confidence=0.6,
                        quote=quote, article_id=view.sent.article_id))
    return out


def _met_then_signed(view: SentenceView, facts: list[Fact]) -> list[Fact]:
    """AはBと会談し、…合意書に署名した: the one A met in the same sentence signs with A."""
    here = [f for f in facts if f.sentence == view.sent.index]
    meetings = [f for f in here if f.cls == "Meeting" and f.role("agent") and f.modality != "Negated"]
    out = []
    for f in facts:
        if f.sentence == view.sent.index and f.cls == "Signing" and len(f.role("agent")) == 1:
            partners = [k for m in meetings if m.role("agent") == f.role("agent")
                        for r, k in m.roles if r == "participant" and k not in f.role("agent")]
            if partners:
                f = replace(f, roles=tuple(sorted(set(f.roles) | {("agent", k) for k in partners})),
                            rule=f.rule + "+met")
        out.append(f)
    return out


def _cosigned_accords(view: SentenceView, facts: list[Fact]) -> list[Fact]:
    """Two parties that sign together (両社は…契約を結んだ) agree with each other, unless the sentence
    already says so."""
    here = [f for f in facts if f.sentence == view.sent.index]
    if any(f.cls == "Accord" for f in here):
        return []
    out = []
    for f in here:
        signers = f.role("agent")
        if f.cls != "Signing" or len(signers) < 2:
            continue
        out.append(Fact(cls="Accord", predicate=f.predicate, sentence=f.sentence,
                        roles=tuple(sorted({("agent", signers[0])} | {("participant", k) for k in signers[1:]}
                                           | {(r, k) for r, k in f.roles if r == "theme"})),
                        modality=f.modality, rule="signed-together", confidence=0.5, date=f.date,
                        article_id=f.article_id))
    return out


def _planned_event_facts(view: SentenceView, facts: list[Fact]) -> list[Fact]:
    """An event its agent has planned (買収すると発表した) is also a Planning fact of that agent,
    unless the sentence already gives one (…する計画だ)."""
    here = [f for f in facts if f.sentence == view.sent.index]
    planners = {k for f in here if f.cls == "Planning" for k in f.role("agent")}
    out = []
    for f in here:
        if f.modality != "Planned" or f.cls in ("Planning", "Statement", "PositionHolding") or not f.role("agent"):
            continue
        if set(f.role("agent")) & planners:
            continue
        themes = [(r, k) for r, k in f.roles if r != "agent"]
        out.append(Fact(cls="Planning", predicate=f.predicate, sentence=f.sentence,
                        roles=tuple(sorted({("agent", f.role("agent")[0])} | {("theme", k) for _, k in themes})),
                        modality="Planned", rule="planned-event", confidence=0.55, date=f.date,
                        article_id=f.article_id))
        planners.add(f.role("agent")[0])
    return out


def _complete(view: SentenceView, frame: Frame, lex: Lexicon, topic: list[str], carried: list[str] | None,
              leaders: Sequence[str], dates: dict[int, DateValue], frames: dict[int, Frame]) -> Fact | None:
    pred = frame.pred
    roles = list(frame.roles)
    rule = frame.rule
    confidence = 0.8
    if frame.cls == "Incident" and not any(r == "agent" for r, _ in roles):
        # 気象庁によると、台風15号は…に上陸した: the disaster the sentence names before the verb
        disasters = [(m, k) for m, k in view.pairs if view.classes.get(k) == "Disaster" and m.tok_end <= pred.i]
        if disasters:
            roles.insert(0, ("agent", max(disasters, key=lambda p: p[0].tok_end)[1]))
            rule, confidence = rule + "+disaster", 0.6
    if not any(r == "agent" for r, _ in roles):
        inherited = None
        stance = _stance_parent(view, pred, lex)
        governing = _governing_subject(view, pred, frames)
        if pred.i in view.in_quote:
            inherited = None
        elif governing:
            # …で合意し、両首脳が文書に署名した: the clause shares the subject of the clause it leads into
            inherited, rule, confidence = governing, rule + "+clause-subject", 0.55
        elif (head_keys := _relative_head(view, pred, frame.passive)):
            # 社長を務める山田氏, 来日したスミス大統領: the noun a clause describes is its subject
            inherited, rule, confidence = head_keys, rule + "+relative-head", 0.6
        elif _in_relative_clause(view, pred) and not stance:
            inherited = None
        elif topic:
            inherited, rule, confidence = topic, rule + "+topic", 0.65
        elif carried and _is_main_chain(view, pred) and not any(
                c.pos in ("NOUN", "PROPN", "PRON") and particles(view.sent, c)[:1] == ["が"] for c in view.children(pred)):
            # (住宅２棟が全壊し: a subject of its own, though no entity, is not the last sentence's topic)
            inherited, rule, confidence = carried, rule + "+previous-topic", 0.5
        if inherited:
            roles = [("agent", k) for k in inherited] + roles
    agents = [k for r, k in roles if r == "agent"]
    if not agents:
        return None
    if frame.cls == "Statement" and topic and not set(topic) & set(agents) and \
            _first_position(view, topic) < _first_position(view, agents):
        # 山田氏は冒頭、日韓は…と強調した: the speaker is the sentence's topic, not a later は
        roles = [("agent", k) for k in topic] + [(r, k) for r, k in roles if r != "agent"]
        agents = list(topic)
        rule += "+topic-speaker"
    if frame.cls in ("Meeting", "Accord") and len(agents) > 1:
        roles = [("agent", agents[0])] + [("participant", k) for k in agents[1:]] + \
                [(r, k) for r, k in roles if r != "agent"]
    if frame.cls in ("Meeting", "Accord") and not any(r == "participant" for r, _ in roles):
        roles += [("participant", k) for k in _stray_partners(view, pred) if k not in agents]
    if frame.cls == "Signing":
        # AはBと契約を結んだ: the party one signs with signs too (and so the two agree, below)
        partners = [k for r, k in roles if r == "participant" and view.is_agent(k)] + \
            [k for k in _stray_partners(view, pred) + _partners_of_reporting_verb(view, pred, lex)
             if k not in agents]
        if partners:
            roles = [(r, k) for r, k in roles if not (r == "participant" and k in partners)] + \
                [("agent", k) for k in _unique(partners) if k not in agents]
            agents = [k for r, k in roles if r == "agent"]
    if frame.cls == "Membership" and not any(r == "organization" for r, _ in roles):
        # クラブは、X選手が加入すると発表した: the organisation that is the topic is the one joined
        orgs = [k for k in topic if view.classes.get(k) in ORG_CLASSES and k not in agents]
        if orgs and any(view.classes.get(k) == "Person" for k in agents):
            roles.append(("organization", orgs[0]))
            rule += "+topic-organization"
    counter_role = {"Accord": "participant", "Request": "recipient"}.get(frame.cls)
    if counter_role and agents and not any(r == counter_role for r, _ in roles):
        # 中国は…見送り、米国は…合意した / Aが…協力を求め、Bは理解を示した: the other party is the
        # topic of the other clause, of the same kind as the one who acts
        kinds = {view.classes.get(k) for k in agents}
        others = [k for t in view.toks if t.bunsetu_head and t.i not in view.in_quote
                  and particles(view.sent, t)[-1:] == ["は"] for k in view.keys_at(t)
                  if k not in agents and view.is_agent(k) and view.classes.get(k) in kinds]
        if len(_unique(others)) == 1:
            roles.append((counter_role, others[0]))
            rule += "+other-topic"
    slot = "organization" if frame.cls == "Membership" else role_for("を", frame.cls)
    if frame.explicit_agent and slot and not any(r == slot for r, _ in roles):
        # 両党が推薦した田中氏, 首相が訪れた北斗市: a clause with its own subject leaves its object to the
        # noun (…が加盟する東南アジア諸国連合: what one belongs to)
        roles += [(slot, k) for k in _relative_object(view, pred, frame) if k not in agents
                  and (slot != "organization" or view.classes.get(k) in ORG_CLASSES)]
    if frame.cls in ("Praise", "Nomination") and not any(view.classes.get(k) == "Person" for r, k in roles
                                                           if r != "agent"):
        # 同氏の取り組みを評価した: the person whose work is praised (or put forward)
        roles += [("theme", k) for k in _stray_partners(view, pred, ("の",))
                  if k not in agents and view.classes.get(k) == "Person"][:1]
    if frame.cls == "Meeting" and "首脳" in frame.compound:
        others = [k for k in leaders if k not in agents and ("participant", k) not in roles]
        if others and not any(view.classes.get(k) == "Person" for r, k in roles if r == "participant"):
            roles.append(("participant", others[0]))
            rule += "+leaders"
    if frame.cls == "Attendance" and not any(r in ("theme", "location") for r, _ in roles):
        # 閉会式が開かれ、…が出席した: what is attended is the event the sentence names before
        events = [(m, k) for m, k in view.pairs if view.classes.get(k) in ("Event",) and m.tok_end <= pred.i
                  and not _of_another_day(view.toks, m)]
        if events:
            roles.append(("theme", max(events, key=lambda p: p[0].tok_end)[1]))
    if frame.cls == "Visit" and not any(r == "location" for r, _ in roles):
        country = _visited_country(frame.lemma, lex)  # 来日した: to Japan
        if country:
            roles.append(("location", country))
    if any(r == "agent" for r, _ in roles):
        # 北村氏のほか、南田氏も出席した: who is named before のほか, hung on the verb or on its subject,
        # does what the subject does
        near = view.children(pred) + [g for c in view.children(pred)
                                      if particles(view.sent, c)[-1:] in (["は"], ["も"], ["が"]) for g in view.children(c)]
        roles += [("agent", k) for c in near if c.norm in ("ほか", "他") and not particles(view.sent, c)
                  for g in view.children(c) if g.bunsetu_head and particles(view.sent, g)[-1:] == ["の"]
                  for k in view.keys_at(g) if view.is_agent(k)]
    if frame.cls == "Visit" and frame.lemma in lex.visit_with_place_verbs and not any(
            r == "location" and view.classes.get(k) in PLACES for r, k in roles):
        return None  # 傘下に入る: no place gone to, no visit
    agents = [k for r, k in roles if r == "agent"]
    roles = [(r, k) for r, k in roles if not (r != "agent" and k in agents)]
    cls = frame.cls
    if cls == "Nomination" and frame.lemma == "推薦" and not any(r == "about" for r, _ in roles) and any(
            view.classes.get(k) == "Person" for r, k in roles if r == "theme") \
            and not any(view.classes.get(k) == "Award" for _, k in view.pairs):
        # 両党が推薦した田中氏: recommended for no prize or post named, as a candidate is, is backing
        # (指名 names one to a post; ノーベル平和賞の候補として推薦 is for the prize)
        cls, rule = "Support", rule + "+endorsement"
    if cls == "Appointment" and any(view.classes.get(k) == "Award" for r, k in roles if r == "position"):
        # 主演男優賞に選ばれた: chosen for an award is a win, not an office
        cls, rule = "Win", rule + "+award"
        roles = [("theme" if r == "position" else r, k) for r, k in roles]
    if cls == "Meeting" and frame.lemma in lex.press_words and not any(r == "participant" for r, _ in roles):
        cls, rule = "GenericEvent", rule + "+press"  # 都内で記者会見した: no one met, a press conference
    if cls == "Praise" and not any(r == "theme" for r, _ in roles):
        # 村瀬氏は真壁氏について「…」と評価した: what is praised is what it is about; インドネシアが成し遂げた
        # 経済成長を高く評価した, 桐島さんの演技を絶賛した: whoever did or owns what is praised
        roles += [("theme", k) for r, k in roles if r == "about"] or \
            [("theme", k) for k in _whose(view, pred) if k not in {k2 for r2, k2 in roles if r2 == "agent"}]
    if cls == "Appointment" and frame.lemma in lex.appointing_verbs and not frame.passive:
        # 首相は財務相に北野氏を起用した: the subject appoints and holds nothing; each appointee holds
        # the office (_appointee_facts), and the act is kept as an event whose theme is who is appointed
        cls, rule = "GenericEvent", rule + "+appointer"
        roles = [("theme" if r == "position" and view.classes.get(k) == "Person" else r, k) for r, k in roles
                 if r != "position" or view.classes.get(k) == "Person"]
    if cls == "GenericEvent" and frame.lemma not in lex.naming_verbs and _quote_is_bracketed(view, pred):
        cls, rule = "Statement", rule + "+quote"  # 「…」と自賛した: a verb kg does not know, with a quote
    quote = _quote(view, pred, lex) if cls == "Statement" else None
    if cls == "Statement" and frame.lemma in lex.quote_only_verbs and (frame.passive or quote is None and not any(
            c.norm in lex.cataphora for c in view.children(pred))):
        return None  # 推薦すると米側に伝え, …と伝えられている: news passed on, no quote
    if cls == "GenericEvent" and len({k for _, k in roles}) < 2 and quote is None:
        return None
    amount = _amount(view, pred)
    return Fact(cls=cls, predicate=frame.lemma, sentence=view.sent.index,
                roles=tuple(sorted(set(roles))), modality=_modality(view, pred, lex), rule=rule,
                confidence=confidence, date=_date_for(view, pred, dates), quote=quote, amount=amount,
                article_id=view.sent.article_id)


def _whose(view: SentenceView, pred: Token) -> list[str]:
    """The entities behind a predicate's を-object that names none itself: its の-modifier
    (桐島さんの演技を) or the subject of the clause that describes it (インドネシアが成し遂げた成長を)."""
    out: list[str] = []
    for obj in view.children(pred):
        if not obj.bunsetu_head or particles(view.sent, obj)[:1] != ["を"] or view.keys_at(obj):
            continue
        for c in view.children(obj):
            if c.bunsetu_head and particles(view.sent, c)[-1:] == ["の"]:
                out += [k for k in view.keys_at(c) if view.is_agent(k) or view.classes.get(k) == "Country"]
            elif c.pos == "VERB" and c.dep == "acl":
                out += [k for g in view.children(c) if g.bunsetu_head and particles(view.sent, g)[-1:] == ["が"]
                        for k in view.keys_at(g) if view.is_agent(k) or view.classes.get(k) == "Country"]
    return _unique(out)


def _relative_head(view: SentenceView, pred: Token, passive: bool = False) -> list[str]:
    """The agent-like entities of the noun an active clause modifies directly (…を務める山田氏)."""
    head = _described_noun(view, pred, passive)
    if head is None:
        return []
    if head.dep == "nmod" and "の" in particles(view.sent, head):
        return []  # 参加した|輪島市の女性: the clause describes the whole phrase, not the name before の
    ending = {k for _, k in _named_by(view, head)}
    return [k for k in view.keys_at(head) if view.is_agent(k) and view.classes.get(k) != "Group" and k in ending]


def _relative_object(view: SentenceView, pred: Token, frame: Frame) -> list[str]:
    """The entities the noun an active clause with its own subject modifies, when nothing is in the
    clause's を (自民党が推薦した|田中花子氏: the one put forward)."""
    head = _described_noun(view, pred, frame.passive)
    if head is None or head.i < pred.i or any("を" in particles(view.sent, c) for c in view.children(pred)):
        return []
    return [k for m, k in _named_by(view, head) if m.tok_start > pred.i]


def _described_noun(view: SentenceView, pred: Token, passive: bool) -> Token | None:
    """The noun an active relative clause modifies (…を務める|山田氏), outside quotes; None for any other."""
    if pred.dep != "acl" or pred.head == pred.i or passive:
        return None
    head = view.toks[pred.head]
    return head if head.pos in ("NOUN", "PROPN") and head.i not in view.in_quote else None


def _named_by(view: SentenceView, head: Token) -> list[tuple[Mention, str]]:
    """The mentions the noun itself names (…を務める山田氏, 来日したスミス大統領), not a word before it
    (参加した輪島市の女性: the woman, not the city); a person's name may stand apart from 氏 by its
    reading (王海濤（ワン・ハイタオ）氏), or the parser may hang the clause on the name's first word (王|海濤)."""
    return [(m, k) for m, k in view.pairs if m.tok_end - 1 == head.i or (
        view.classes.get(k) == "Person" and m.tok_start <= head.i <= _skip_reading(view.toks, m.tok_end) + 3)]


def _governing_subject(view: SentenceView, pred: Token, frames: dict[int, Frame]) -> list[str]:
    cur = pred
    while cur.head != cur.i and cur.dep in ("advcl", "conj"):
        cur = view.toks[cur.head]
        f = frames.get(cur.i)
        if f is not None and f.explicit_agent:
            return [k for r, k in f.roles if r == "agent"]
    return []


def _first_position(view: SentenceView, keys: list[str]) -> int:
    return min((m.start for m, k in view.pairs if k in keys), default=10**9)


def _stray_partners(view: SentenceView, pred: Token, marks: tuple[str, ...] = ("と", "とも")) -> list[str]:
    """と-marked names the parser hung on a noun (…大統領と東京の迎賓館で会談した): partners of the
    predicate when only nouns stand between them and it. With ``marks=("の",)``: whose work or
    merit is the object (同氏の取り組みを評価した, X氏の功績を理由に推薦する)."""
    out = []
    for t in view.toks:
        if not t.bunsetu_head or t.i >= pred.i or particles(view.sent, t)[:1] not in [[m] for m in marks]:
            continue
        cur, ok = t, False
        while cur.head != cur.i:
            cur = view.toks[cur.head]
            if cur.i == pred.i:
                ok = True
                break
            if cur.pos not in ("NOUN", "PROPN"):
                break
        if ok and t.head != pred.i:
            out += [k for k in view.keys_at(t) if view.is_agent(k)]
    return out


def _partners_of_reporting_verb(view: SentenceView, pred: Token, lex: Lexicon) -> list[str]:
    """…、Bと、…契約を結んだことを明らかにした: a と-name the parser hung on the verb that reports the
    clause, when it stands before the clause's predicate, is that predicate's partner."""
    cur, reporting = pred, None
    while cur.head != cur.i and reporting is None:
        cur = view.toks[cur.head]
        lemma = "明らかにする" if _made_known(view, cur) else cur.lemma
        if cur.pos == "VERB" and lex.predicates.get(lemma) == "Statement":
            reporting = cur
    if reporting is None:
        return []
    return [k for c in view.children(reporting) if c.i < pred.i and c.bunsetu_head
            and particles(view.sent, c)[:1] == ["と"] for k in view.keys_at(c) if view.is_agent(k)]


def _stance_parent(view: SentenceView, pred: Token, lex: Lexicon) -> bool:
    head = view.toks[pred.head]
    return pred.dep == "acl" and head.norm in lex.stance_nouns


def _is_main_chain(view: SentenceView, pred: Token) -> bool:
    """The predicate leads into the sentence's root through adverbial and coordinate clauses
    (a clause before a formal noun such as ため counts as adverbial)."""
    lex = load_lexicon()
    cur = pred
    while cur.head != cur.i:
        head = view.toks[cur.head]
        adverbial = cur.dep in ("advcl", "conj", "ccomp", "parataxis") \
            or (cur.dep == "acl" and (head.norm in lex.formal_nouns or _predicate_noun(view, head))) \
            or (cur.norm in lex.formal_nouns and cur.dep in ("obl", "advmod", "nmod"))
        if not adverbial:
            return False
        cur = head
    return True


def _quote(view: SentenceView, pred: Token, lex: Lexicon) -> str | None:
    """The と-clause under a reporting verb (up to the と), without its outer 「」; for
    …との考えを示した, the clause before との."""
    holders = [pred] + [c for c in view.children(pred) if c.norm in lex.statement_context]
    for holder in holders:
        for c in (_quote_args(view, holder) if holder is pred else view.children(holder)):
            ps = particles(view.sent, c)
            if not ps or ps[0] not in ("と", "とも", "との"):
                continue
            marker = next((t for t in view.toks[c.i + 1:] if t.head == c.i and t.dep == "case"), None)
            if marker is None:
                continue
            lo = _leftmost(view, c)
            text = view.sent.text[view.toks[lo].start - view.sent.start:marker.start - view.sent.start]
            text = text.strip("、 ")
            if text.endswith("」") and "「" not in text:  # the parser cut the quoted clause: from its 「
                before = view.sent.text[:marker.start - view.sent.start]
                if "「" in before:
                    text = before[before.rindex("「"):].strip("、 ")
            if text.endswith("」") and text.count("「") == 1:
                text = text[text.index("「") + 1:-1]  # 試合を「…」と: the words in brackets
            if text:
                return text
    return None


def _leftmost(view: SentenceView, t: Token) -> int:
    lo = t.i
    stack = [t.i]
    while stack:
        i = stack.pop()
        lo = min(lo, i)
        stack.extend(view.kids.get(i, []))
    return lo


def _dates(view: SentenceView, article_date: str | None) -> dict[int, DateValue]:
    """Head token index of each date in the sentence → its value: a day with its time of day
    (1日午後4時10分 → xsd:dateTime), a range (30日から11月1日 → start with its end), 6年前."""
    out: dict[int, DateValue] = {}
    spans = [e for e in view.sent.ents if e.label in ("Date", "Period_Day", "Period_Year", "Period_Month", "Time")]
    joined = set()
    for e in spans:
        if e.label == "Time" or e.start in joined:
            continue
        end_span = next((x for x in spans if x.label != "Time" and x.start == e.end + 1
                         and view.toks[e.end].norm == "から"), None)
        if end_span is not None:  # 3日|から|5日: the NER gave the two ends of a range
            joined.add(end_span.start)
            e = NamedSpan(e.start, end_span.end, e.label)
        text = view.sent.text[view.toks[e.start].start - view.sent.start:view.toks[e.end - 1].end - view.sent.start]
        if "間" in text or "連続" in text:
            continue  # 3年間, 2場所連続: a length of time, not a date
        if e.label in ("Period_Year", "Period_Month") and not re.search(r"前|後", text):
            continue  # a year or month count is a date only as 6年前, 3か月後
        span = resolve_range(text, article_date)
        value = DateValue(span[0].value, span[0].datatype, text, span[1].value, span[1].datatype) if span \
            else resolve_date(text, article_date)
        if value is None:
            continue
        after = next((t for t in spans if t.label == "Time" and t.start in (e.end, e.end + 1)), None)
        if after is not None and not span:
            value = with_time(value, parse_time(view.sent.text[view.toks[after.start].start - view.sent.start:
                                                               view.toks[after.end - 1].end - view.sent.start]))
        last = view.toks[e.end - 1]
        out[last.head] = value
        if after is not None:  # 1日|午後4時10分ごろ、: the time is what the parser hangs on the verb
            out[view.toks[after.end - 1].head] = value
    return out


def _date_for(view: SentenceView, pred: Token, dates: dict[int, DateValue]) -> DateValue | None:
    if pred.i in dates:
        return dates[pred.i]
    cur = pred  # a date on the main predicate covers the clauses that lead into it
    while cur.head != cur.i and cur.dep in ("advcl", "conj"):
        cur = view.toks[cur.head]
        if cur.i in dates:
            return dates[cur.i]
    for i, d in dates.items():  # a date on a predicate this one leads into
        t = view.toks[i]
        if t.dep in ("advcl", "conj") and t.head == pred.i:
            return d
    return None


def _amount(view: SentenceView, pred: Token) -> tuple[str, str] | None:
    for e in view.sent.ents:
        if e.label in ("Money", "Percent"):
            text = "".join(t.norm for t in view.toks[e.start:e.end])
            return parse_amount(text)
    return None


ORG_CLASSES = {"Organization", "Government", "Company", "PoliticalParty", "SportsTeam"}
FOCUS_CLASSES = {"Company", "SportsTeam", "Organization"}  # what an article about a firm or club is about
THING_CLASSES = {"Artifact", "Product"}  # what a 後継機 / 後継モデル follows


def _position_facts(view: SentenceView, lex: Lexicon) -> list[Fact]:
    """A name with its title (山田首相, 王中国国家主席, スミス米大統領, 自民党の山田総裁,
    はまなすストア社長の高橋氏): the person holds the position; a country or organisation written
    with it is the position's organisation, and a person belongs to that organisation."""
    out = []
    toks = view.toks
    positions = [(m, k) for m, k in view.pairs if view.classes.get(k) == "Position"]
    by_end = {m.tok_end: (m, k) for m, k in view.pairs if view.classes.get(k) in ORG_CLASSES | {"Country", "Facility"}
              and m.rule != "group"}  # (同社の山田社長: an anaphor names the company too)
    for m, k in view.pairs:
        if view.classes.get(k) != "Person" or m.rule in REFERRING:
            continue
        orgs: list[str] = []
        title, position, prefix = m.title, None, ""
        if m.title:
            after = _skip_reading(toks, m.tok_end)
            pos = next(((pm, pk) for pm, pk in positions if after <= pm.tok_start <= after + 3), None)
            if pos is None and m.rule == "title+name":  # 大関|朝乃山: the office written before the name
                before = next(((pm, pk) for pm, pk in positions if pm.tok_end == m.tok_start), None)
                position = before[1] if before else None
                # (東和ＦＣのＦＷ山田太郎: the organisation の before that office)
                if before and before[0].tok_start >= 2 and toks[before[0].tok_start - 1].norm == "の" \
                        and before[0].tok_start - 1 in by_end:
                    orgs.append(by_end[before[0].tok_start - 1][1])
            elif pos is not None:
                position = pos[1]
                between = toks[after:pos[0].tok_start]
                prefix = between[0].norm if between and between[0].norm in lex.title_prefixes else ""
                first = toks[pos[0].tok_start].norm
                if not prefix and first[:1] in lex.title_prefixes and first[1:2] and nfkc(pos[0].text) != pos[0].label:
                    prefix = first[:1]  # 前首相 as one token
                orgs += [ck for cm, ck in view.pairs if after <= cm.tok_start and cm.tok_end <= pos[0].tok_start
                         and view.classes.get(ck) == "Country"]
            # 自民党の山田総裁: an organisation の right before the name
            if m.tok_start >= 2 and toks[m.tok_start - 1].norm == "の" and m.tok_start - 1 in by_end:
                orgs.append(by_end[m.tok_start - 1][1])
        elif (pos := next(((pm, pk) for pm, pk in positions if pm.tok_start == _skip_reading(toks, m.tok_end)),
                          None)) is not None:
            # バイデン前大統領 when the NER gave the title a span of its own
            position, title = pos[1], pos[0].label
            written = nfkc(pos[0].text)
            prefix = written[:-len(title)] if written.endswith(title) and written != title else ""
            prefix = prefix if prefix in lex.title_prefixes else ""
        elif m.tok_start >= 2 and toks[m.tok_start - 1].norm == "の":
            # はまなすストア社長の高橋氏 / 社長の高橋氏: the title before the name
            j = m.tok_start - 1
            word, a = "", j
            longest, joined = "", ""
            for i in range(j - 1, max(-1, j - 4), -1):  # the longest title (アシスタント|コーチ, not コーチ)
                joined = toks[i].norm + joined
                if joined in lex.titles:
                    longest, a = joined, i
            word = longest
            if word and lex.is_office(word):
                a, word = with_ordinal(toks, a, word)  # 第1次官の金氏
                title = word
                entry = link(word, "Position", load_gazetteer())
                position = f"wd:{entry.qid}" if entry else entity_key("Position", word)
                if a in by_end:
                    orgs.append(by_end[a][1])
        if (not m.title or not lex.is_office(m.title)) and m.tok_start >= 2 and toks[m.tok_start - 1].norm == "の" \
                and m.tok_start - 1 in by_end and view.classes.get(by_end[m.tok_start - 1][1]) in ORG_CLASSES:
            # ドジャースの大谷翔平(選手): a person named with their organisation (and a role, no office)
            out.append(Fact(cls="Membership", predicate="の", sentence=view.sent.index,
                            roles=(("agent", k), ("organization", by_end[m.tok_start - 1][1])),
                            rule="org-no-person", confidence=0.7, article_id=view.sent.article_id))
        paren = next((i for i in range(m.tok_end, min(m.tok_end + 4, len(toks))) if toks[i].norm == "("), None)
        if paren is not None and all(toks[i].pos == "NOUN" for i in range(m.tok_end, paren)):
            # 吉村洋文代表（大阪府知事）: another office in parentheses after the name and its title
            close = next((i for i in range(paren + 1, min(paren + 8, len(toks))) if toks[i].norm == ")"), None)
            inner = [(pm, pk) for pm, pk in positions if close and paren < pm.tok_start and pm.tok_end == close]
            for pm, pk in inner[:1]:
                where = [ck for cm, ck in view.pairs if cm.tok_end == pm.tok_start and paren < cm.tok_start
                         and view.classes.get(ck) in ORG_CLASSES | {"Country", "Place"}]
                out.append(Fact(cls="PositionHolding", predicate=pm.label, sentence=view.sent.index,
                                roles=tuple(sorted({("agent", k), ("position", pk)} | {("organization", w) for w in where})),
                                rule="person(office)", confidence=0.75, article_id=view.sent.article_id))
        j = m.tok_end + 1 if m.tok_end < len(toks) and toks[m.tok_end].norm in lex.titles else m.tok_end
        if j + 2 < len(toks) and toks[j].norm == "(":
            # 北口榛花（ＪＡＬ）, 山口ひかり選手（東和化学）: the organisation in parentheses after a name
            inside = [(om, ok) for om, ok in view.pairs if om.tok_start == j + 1
                      and om.tok_end < len(toks) and toks[om.tok_end].norm == ")"
                      and view.classes.get(ok) in ORG_CLASSES]
            out.extend(Fact(cls="Membership", predicate="()", sentence=view.sent.index,
                            roles=(("agent", k), ("organization", ok)), rule="person(org)", confidence=0.7,
                            article_id=view.sent.article_id) for _, ok in inside[:1])
        if title and not orgs and lex.titles.get(title) in ("corporate", "club"):
            # 大西健一社長は…, 小松崇ヘッドコーチ: the company or club the article is about (one named
            # before in this sentence first; then the one the article gave this person's office with)
            before = [(cm, ck) for cm, ck in view.pairs if view.classes.get(ck) in FOCUS_CLASSES
                      and cm.tok_end <= m.tok_start and cm.rule not in ("group",)]
            company = max(before, key=lambda p: p[0].tok_end)[1] if before else \
                view.known_orgs.get(k) or view.focus_company
            if company:
                orgs.append(company)
        if not title or position is None:
            continue
        roles = {("agent", k), ("position", position)} | {("organization", o) for o in orgs}
        out.append(Fact(cls="PositionHolding", predicate=prefix + title, sentence=view.sent.index,
                        roles=tuple(sorted(roles)), modality="Asserted", rule="name+title",
                        confidence=0.9 if not prefix else 0.85, article_id=view.sent.article_id))
        for o in orgs:
            # リヨン近代美術館のX館長: an office of a museum, a hospital, a zoo is a place in its staff
            if view.classes.get(o) in ORG_CLASSES or view.classes.get(o) == "Facility":
                out.append(Fact(cls="Membership", predicate=title, sentence=view.sent.index,
                                roles=(("agent", k), ("organization", o)), rule="org-no-person",
                                confidence=0.8, article_id=view.sent.article_id))
    return out


def _containment_facts(view: SentenceView, lex: Lexicon) -> list[Fact]:
    """Where things are: 韓国・釜山, 東京・両国国技館, 熊本県菊陽町, 韓国南部の釜山, 佐世保基地の米空母「X」,
    釜山での…会議, ミナト半導体（東京都港区）."""
    out = []
    ms = sorted(((m, k) for m, k in view.pairs if m.rule != "group" and (m.rule != "anaphor" or m.cls == "Place")),
                key=lambda p: p[0].start)
    toks = view.toks
    for (m1, k1) in ms:
        c1 = view.classes.get(k1)
        after = m1.tok_end
        for (m2, k2) in ms:
            c2 = view.classes.get(k2)
            if k2 == k1 or m2.tok_start < after or m2.tok_start > after + 4:
                continue
            between = "".join(t.norm for t in toks[after:m2.tok_start])
            link_word = between[:-1] if between.endswith("の") else between
            rule = None
            if c1 in PLACES and c2 in ("Place", "Facility"):
                if between in ("・", "") and c1 in ("Country", "Place") and (c2 == "Place" or between == "・"):
                    rule = "place・place"
                elif between.endswith("の") and (link_word == "" or link_word in lex.place_links):
                    rule = "place-no-place"
                elif between.startswith("の") and between[1:] in lex.place_links:
                    rule = "place-no-place"  # マレーシアの首都クアラルンプール
            if rule is None and m1.rule == "region" and between == "" and c2 in ("Country", "Place"):
                rule = "region-place"  # 南米パラグアイ
            # (韓国の電池メーカー、X: the name set off by a comma)
            desc_end = m2.tok_start - 1 if m2.tok_start - 1 > after and toks[m2.tok_start - 1].norm == "、" else m2.tok_start
            if rule is None and c1 == "Country" and c2 in ORG_CLASSES and desc_end > after and \
                    toks[desc_end - 1].norm in lex.company_descriptors and len(between) <= 14 and \
                    all(t.pos in ("NOUN", "PROPN", "ADP") for t in toks[after:desc_end]) and \
                    between.count("の") <= 1 and not between.startswith("の", 1):
                rule = "country-descriptor"  # 米鉄鋼大手USスチール, カナダのコンビニ大手X
            if rule is None and c1 == "Country" and c2 in ORG_CLASSES | {"Facility", "Event"} and \
                    (between == "・" or (between == "" and m1.rule == "abbreviation")):
                rule = "country-prefix"  # 米ウォルト・ディズニー, オーストラリア・メルボルン大
            if rule is None and between == "の" and c1 in ("Place", "Country") and c2 in ORG_CLASSES \
                    and m2.rule not in ("anaphor",):
                rule = "place-no-org"  # 鹿児島県の種子島宇宙センター, カナダのX社
            if rule is None and between.startswith("の") and len(between) <= 5 and c1 in ("Place", "Facility") \
                    and c2 in ("Facility", "Artifact", "Event") \
                    and not any(t.pos in ("VERB", "ADJ") for t in toks[after:m2.tok_start]) \
                    and not any(t.pos == "ADP" for t in toks[after + 1:m2.tok_start]):
                rule = "place-no-thing"  # (北斗市の訪問団に|記念品を: a case particle ends the phrase)
            elif rule is None and between.startswith("での") and c2 == "Event" and c1 in PLACES:
                rule = "place-de-event"
            member = between.lstrip(")")
            member = member[1:] if member.startswith("の") else member
            member = member[:-1] if member.endswith("の") else member
            if rule is None and c1 in ORG_CLASSES and c2 in {"Country", "Place"} | ORG_CLASSES \
                    and member in lex.member_links:
                # 欧州連合（EU）加盟国のフランスとドイツ: each country listed is a member
                prev = m2
                for (m3, k3) in [(m2, k2)] + [p for p in ms if p[0].tok_start >= m2.tok_end]:
                    gap = "".join(t.norm for t in toks[prev.tok_end:m3.tok_start])
                    if m3 is not m2 and (gap not in ("と", "、", "や") or view.classes.get(k3) != c2):
                        break
                    out.append(Fact(cls="Membership", predicate=member, sentence=view.sent.index,
                                    roles=(("agent", k3), ("organization", k1)), rule="member-link", confidence=0.65,
                                    article_id=view.sent.article_id))
                    prev = m3
                continue
            if rule:
                out.append(Fact(cls="Containment", predicate=between or "・", sentence=view.sent.index,
                                roles=(("agent", k2), ("location", k1)), rule=rule, confidence=0.7,
                                article_id=view.sent.article_id))
            elif c1 == "Event" and c2 == "Person" and between.startswith("の") and len(between) <= 12 and \
                    not any(t.pos in ("VERB", "ADJ", "AUX") for t in toks[after:m2.tok_start]):
                # アテネ大会の女子マラソンの野口みずき: a competitor named with the event
                out.append(Fact(cls="Attendance", predicate="の", sentence=view.sent.index,
                                roles=(("agent", k2), ("theme", k1)), rule="event-no-person", confidence=0.6,
                                article_id=view.sent.article_id))
                # …の野口みずき、男子ハンマー投げの室伏広治: the next competitor of the list, same event
                prev = m2
                for (m3, k3) in ms:
                    if m3.tok_start < prev.tok_end or view.classes.get(k3) != "Person":
                        continue
                    gap = toks[prev.tok_end:m3.tok_start]
                    if not gap or gap[0].norm != "、" or gap[-1].norm != "の" or len(gap) > 6 or \
                            any(t.pos in ("VERB", "ADJ", "AUX") or is_name_token(t) for t in gap):
                        break
                    out.append(Fact(cls="Attendance", predicate="の", sentence=view.sent.index,
                                    roles=(("agent", k3), ("theme", k1)), rule="event-no-person+list",
                                    confidence=0.55, article_id=view.sent.article_id))
                    prev = m3
            elif part := _part_rule(view, lex, m1, c1, m2, c2, between):
                out.append(Fact(cls="Part", predicate=between or "・", sentence=view.sent.index,
                                roles=(("agent", k2), ("theme", k1)), rule=part, confidence=0.65,
                                article_id=view.sent.article_id))
        for (m2, k2) in ms:  # 石川県危機対策課: a unit named after its parent
            if m2.rule == "unit" and m1.rule == "unit-parent" and m2.tok_start == m1.tok_start and k2 != k1:
                out.append(Fact(cls="Part", predicate="部局", sentence=view.sent.index,
                                roles=(("agent", k2), ("theme", k1)), rule="unit-name", confidence=0.7,
                                article_id=view.sent.article_id))
        # 名前（所在地）: a company or body with its place in parentheses
        if c1 in ORG_CLASSES | {"Facility", "Event"} and after + 2 < len(toks) and toks[after].norm == "(":
            close = next((j for j in range(after + 1, min(after + 10, len(toks))) if toks[j].norm == ")"), after)
            inside = [(m, k) for m, k in ms if after + 1 <= m.tok_start and m.tok_end == close
                      and view.classes.get(k) in PLACES]
            if inside:
                m, k = max(inside, key=lambda p: p[0].tok_end)
                out.append(Fact(cls="Containment", predicate="()", sentence=view.sent.index,
                                roles=(("agent", k1), ("location", k)), rule="name(place)", confidence=0.7,
                                article_id=view.sent.article_id))
    return out


def _part_rule(view: SentenceView, lex: Lexicon, m1: Mention, c1: str | None, m2: Mention, c2: str | None,
               between: str) -> str | None:
    """Whether X <between> Y says Y is part of X: A傘下のB, Aの子会社B, Aの政府間委員会 (a unit word),
    カンヌ映画祭の「監督週間」 (an event of an event), アカデミー賞の国際長編映画賞 (an award of an award)."""
    if any(t.pos in ("VERB", "ADJ", "AUX") for t in view.toks[m1.tok_end:m2.tok_start]):
        return None
    word = between.removesuffix("の").removeprefix("の")
    if c1 in ORG_CLASSES and c2 in ORG_CLASSES and word in lex.part_links:
        return "part-link"
    if between == "の" and c2 in ORG_CLASSES and c1 in ORG_CLASSES | {"Country", "Place"} \
            and m2.label.endswith(tuple(lex.part_units)):
        return "no-unit"
    if between in ("の", "の「") and c1 == c2 and c1 in ("Event", "Award"):
        return "no-" + c1.lower()
    if between == "の" and c1 in ORG_CLASSES and c2 == "Event":
        return "no-event-of"  # 米大リーグのワールドシリーズ: an event of the league that runs it
    if between == "の" and c2 == "SportsTeam" and c1 in ORG_CLASSES and (
            m1.rule == "league" or m1.label in lex.sport_words or m1.label.endswith(tuple(lex.league_words))):
        return "no-team-of"  # Ｊ３の鳥取スカイウイングス: a club of the league it plays in
    return None


def _relational_noun_facts(view: SentenceView, lex: Lexicon, topic: list[str]) -> list[Fact]:
    """Xは Yの側近 (として知られる / だ) → Aide(X, Y); X社は Y社の子会社となった → Part(X, Y)."""
    out = []
    for t in view.toks:
        # 専門|機関: a relational noun the tagger wrote as a compound of two
        nxt = view.toks[t.i + 1] if t.i + 1 < len(view.toks) and t.dep == "compound" and t.head == t.i + 1 else None
        word = t.norm if t.norm in lex.relational_nouns or nxt is None else t.norm + nxt.norm
        cls = lex.relational_nouns.get(word)
        if not cls:
            continue
        # 後継|機, 後継|モデル: the noun the word is compounded with carries the phrase
        node = view.toks[t.head] if t.dep == "compound" and t.head == t.i + 1 and view.toks[t.head].pos == "NOUN" else t
        related = ORG_CLASSES if cls == "Part" else {"Person"} if node is t or cls != "Succession" else THING_CLASSES
        # the subject of the clause the noun is in (…、Xは Yの子会社となった), else the topic
        head = view.toks[node.head]
        # (田中社長の後任に、鈴木副社長が就く: the subject may come after the noun's phrase)
        subjects = [k for c in view.children(head) if c.i != node.i and (c.i < t.i or node.dep == "obl")
                    and set(particles(view.sent, c)[-1:]) & {"は", "が", "も"}
                    for k in view.keys_at(c) if (view.is_agent(k) and cls != "Succession") or view.classes.get(k) in related] \
            if node.dep in ("obl", "nsubj") else []
        if cls == "Succession" and node.dep == "obl":
            # Xの後任に、Yが昇格する (the parser hung 後任 on the verb of the whole sentence), 後任にYを
            # 指名した: the person who is the next subject or object, before a topic who appoints
            persons = ([k for k in view.keys_at(c) if view.classes.get(k) == "Person"]
                       for c in view.toks[t.i + 1:] if c.bunsetu_head and particles(view.sent, c)[-1:] in (["が"], ["を"]))
            subjects = next((ks for ks in persons if ks), subjects)
        # 文部科学省の外局である文化庁: the noun the copula clause describes is the holder
        described = view.keys_at(head) if node.dep == "acl" and any(
            c.dep == "cop" and c.norm == "で" for c in view.children(node)) else []
        holders = [k for k in described or subjects or topic
                   if related is not THING_CLASSES or view.classes.get(k) in related]
        if not holders:
            continue
        related_keys = [k for c in view.children(node) if "の" in particles(view.sent, c)
                        for k in view.keys_at(c) if view.classes.get(k) in related and k not in holders]
        rule = "relational-noun"
        if cls == "Succession" and not related_keys and node is t:
            # Xが退任し、後任にYが昇格する: the one whose leaving the sentence tells before 後任
            related_keys = [k for k in _leavers_before(view, t, lex) if k not in holders][:1]
            rule = "relational-noun+leaver"
        for k in related_keys:
            out.extend(Fact(cls=cls, predicate=word, sentence=view.sent.index,
                            roles=(("agent", a), ("theme", k)), rule=rule, confidence=0.7 if rule == "relational-noun" else 0.6,
                            article_id=view.sent.article_id) for a in holders[:1])
    return out


def _leavers_before(view: SentenceView, t: Token, lex: Lexicon) -> list[str]:
    """The persons who are the subject of a verb of leaving an office (退任, 辞任) before token t, or
    whose leaving a noun names (朴長官の辞表を受理し)."""
    marks = {"VERB": {"が", "は"}, "NOUN": {"の"}}  # who leaves: the verb's subject, the noun's の-owner
    return [k for v in view.toks[:t.i] if v.pos in marks and lex.predicates.get(v.lemma) == "Resignation"
            for c in view.children(v) if c.bunsetu_head and set(particles(view.sent, c)[-1:]) & marks[v.pos]
            for k in view.keys_at(c) if view.classes.get(k) == "Person"]


def _successor_takes_the_post(view: SentenceView, facts: list[Fact]) -> list[Fact]:
    """Xの後任にYが昇格する: Y is to hold the office X holds in the sentence (planned when Y's
    appointment is)."""
    out = []
    here = [f for f in facts if f.sentence == view.sent.index]
    for s in here:
        if s.cls != "Succession" or not s.role("theme"):
            continue
        new, old = s.role("agent")[0], s.role("theme")[0]
        held = [f for f in here if f.cls == "PositionHolding" and f.role("agent") == [old] and f.role("position")]
        if not held or any(f.cls == "PositionHolding" and f.role("agent") == [new]
                           and f.role("position") == held[0].role("position") for f in here):
            continue
        appointed = [f for f in here if f.cls == "Appointment" and new in f.role("agent")]
        # (後任にYを指名した: put forward, so only planned)
        nominated = any(f.cls == "Nomination" and new in f.role("theme") for f in here)
        modality = appointed[0].modality if appointed else "Planned" if nominated else "Asserted"
        out.append(Fact(cls="PositionHolding", predicate=held[0].predicate, sentence=s.sentence,
                        roles=tuple(sorted({("agent", new)} | {(r, k) for r, k in held[0].roles
                                                              if r in ("position", "organization")})),
                        modality=modality, rule="successor-takes-post",
                        confidence=0.55, date=appointed[0].date if appointed else s.date, article_id=s.article_id))
    return out


def _appointee_facts(view: SentenceView, lex: Lexicon, frames: dict[int, Frame], dates: dict[int, DateValue]) -> list[Fact]:
    """官房長官に山田氏、外相に佐藤氏を起用した: each person named after an office with に holds it
    (whoever appoints them, named or not)."""
    out = []
    pairs = sorted(view.pairs, key=lambda p: p[0].tok_start)
    for frame in frames.values():
        if frame.cls != "Appointment" or frame.lemma not in lex.appointing_verbs or frame.passive:
            continue
        appointers = {k for r, k in frame.roles if r == "agent"}
        for pm, pk in pairs:
            if view.classes.get(pk) != "Position" or pm.tok_start >= frame.pred.i:
                continue
            ps = particles(view.sent, view.toks[pm.tok_end - 1])
            if not ps or ps[0] not in ("に", "として"):
                continue
            person = next((k for m, k in pairs if pm.tok_end <= m.tok_start <= pm.tok_end + 3 and m.tok_start < frame.pred.i
                           and view.classes.get(k) == "Person" and m.rule != "group"), None)
            if person is None:
                # 山田太郎氏を新社長に起用する: the one in を, before the office in に
                person = next((k for m, k in reversed(pairs) if m.tok_end <= pm.tok_start and view.classes.get(k) == "Person"
                               and m.rule != "group" and particles(view.sent, view.toks[_bunsetu_head(view, m)])[:1] == ["を"]),
                              None)
            if person and person not in appointers:
                out.append(Fact(cls="PositionHolding", predicate=frame.lemma, sentence=view.sent.index,
                                roles=(("agent", person), ("position", pk)), modality=_modality(view, frame.pred, lex),
                                rule="appointee", confidence=0.7, date=_date_for(view, frame.pred, dates),
                                article_id=view.sent.article_id))
    return out


def _succession_verb_facts(view: SentenceView, lex: Lexicon, frames: dict[int, Frame]) -> list[Fact]:
    """佐藤氏が山田氏の後を継ぎ, 山田氏に代わって佐藤氏が就いた, 山田氏から社長職を引き継いだ: the
    successor (the verb's subject, or that of the clause it leads into) follows the one named."""
    def persons(t: Token) -> list[str]:
        return [k for k in view.keys_at(t) if view.classes.get(k) == "Person"]

    out = []
    for v in view.toks:
        how = lex.succession_verbs.get(v.lemma)
        if how is None or v.pos != "VERB" or v.i in view.in_quote:
            continue
        kids = view.children(v)
        if how == "of":
            before = [k for c in kids if c.norm in ("後", "跡") and "を" in particles(view.sent, c)
                      for g in view.children(c) if particles(view.sent, g)[-1:] == ["の"] for k in persons(g)]
        else:
            wanted = "から" if how == "from" else "に"
            before = [k for c in kids if particles(view.sent, c)[:1] == [wanted] for k in persons(c)]
        if not before:
            continue
        agents = [k for f in (frames.get(v.i), frames.get(v.head)) if f is not None
                  for r, k in f.roles if r == "agent" and view.classes.get(k) == "Person"]
        if not agents:
            agents = [k for c in kids + view.children(view.toks[v.head])
                      if set(particles(view.sent, c)[:1]) & {"が", "は"} for k in persons(c)]
        out.extend(Fact(cls="Succession", predicate=v.lemma, sentence=view.sent.index,
                        roles=(("agent", a), ("theme", b)), rule="succession-verb", confidence=0.6,
                        modality=_modality(view, v, lex), article_id=view.sent.article_id)
                   for a in _unique(agents)[:1] for b in before[:1] if a != b)
    return out


def _bunsetu_head(view: SentenceView, m: Mention) -> int:
    """The head token of the phrase a mention ends in (山田太郎|氏を: 氏)."""
    a, b = view.bunsetu(view.toks[m.tok_end - 1])
    return next((t.i for t in view.toks[a:b] if t.bunsetu_head), m.tok_end - 1)


def _visited_country(word: str, lex: Lexicon) -> str | None:
    """The country a visit word names (来日 → Japan), as an entity key."""
    country = next((lex.country_visits[w] for w in lex.country_visits if word.startswith(w)), None)
    if not country:
        return None
    entry = link(country, "Country", load_gazetteer())
    return f"wd:{entry.qid}" if entry else entity_key("Country", country)


def _visit_noun_facts(view: SentenceView, lex: Lexicon, topic: list[str], facts: list[Fact]) -> list[Fact]:
    """来日 / 訪米 as a noun (来日中に, 訪米した際), X入り (韓国入りした) and a visit noun after the place
    (アフリカ歴訪中の, インドネシアを訪問中の): a visit to that country or place by the clause's agent."""
    out = []
    places_before = {m.tok_end: k for m, k in view.pairs if view.classes.get(k) in PLACES and m.rule != "group"}
    persons_at = {m.tok_start: k for m, k in view.pairs if view.classes.get(k) == "Person"}
    for t in view.toks:
        key = _visited_country(t.norm, lex)
        if t.norm == "入り" and t.i in places_before:
            key = places_before[t.i]  # 韓国入りした: arrived in Korea
        elif key is None and lex.predicates.get(t.lemma) == "Visit":
            key = places_before.get(t.i) or (places_before.get(t.i - 1) if t.i > 0 and view.toks[t.i - 1].norm == "を"
                                             else None)
        if not key or t.pos == "VERB":
            continue
        cur = t
        while cur.dep == "compound" and cur.head != cur.i:
            cur = view.toks[cur.head]
        head = view.toks[cur.head]
        if cur.dep == "nmod" and head.pos in ("NOUN", "PROPN"):
            # 来日中の…大統領: the visitor is the person it describes, or the one whose title it is
            # (来日中の映画監督アンヌ・ルクレールさん)
            agents = [k for k in view.keys_at(head) if view.classes.get(k) == "Person"] or \
                [k for k in [persons_at.get(head.i + 1) or _person_after_of(view, head, persons_at)] if k]
        else:
            agents = [k for f in facts if f.sentence == view.sent.index and f.predicate == head.lemma
                      for r, k in f.roles if r == "agent"] or topic
        for a in _unique(agents):
            out.append(Fact(cls="Visit", predicate=t.norm, sentence=view.sent.index,
                            roles=(("agent", a), ("location", key)), rule="visit-noun", confidence=0.7,
                            article_id=view.sent.article_id))
    return out


def _person_after_of(view: SentenceView, head: Token, persons_at: dict[int, str]) -> str | None:
    """訪問中の韓国の鄭允熙産業相: the parser may hang the clause on the country; the person named right
    after the country's の is the one it describes."""
    if view.classes.get(next(iter(view.keys_at(head)), "")) != "Country":
        return None
    j = head.i + 1
    return persons_at.get(j + 1) if j + 1 < len(view.toks) and view.toks[j].norm == "の" else None


_HOLD_VERBS = {"開く", "開催", "行う", "実施"}


def _venue_facts(view: SentenceView, frames: dict[int, Frame]) -> list[Fact]:
    """…で開かれる会議 / 会議が…で開かれた: the event lies in the place."""
    out = []
    for i, frame in frames.items():
        pred = frame.pred
        if pred.lemma not in _HOLD_VERBS:
            continue
        places = [k for r, k in frame.roles if r == "location"]
        events = [k for r, k in frame.roles if r == "theme" and view.classes.get(k) in ("Event", "Disaster")]
        if pred.dep == "acl":
            events += _events_at(view, view.toks[pred.head])
        for e in _unique(events):
            for p in places:
                out.append(Fact(cls="Containment", predicate=pred.lemma, sentence=view.sent.index,
                                roles=(("agent", e), ("location", p)), rule="event-held-in", confidence=0.6,
                                article_id=view.sent.article_id))
    return out


def _events_at(view: SentenceView, tok: Token) -> list[str]:
    """The events and disasters an argument bunsetu names."""
    return [k for k in view.keys_at(tok) if view.classes.get(k) in ("Event", "Disaster")]


def _held_within(view: SentenceView, lex: Lexicon, frames: dict[int, Frame]) -> list[Fact]:
    """五輪は10日、決勝があり / シリーズは1日、第7戦が行われ: an event held in a sentence whose topic is
    another event is part of it; スタジアムで決勝があり: and, where the verb makes no frame, lies
    in the place it is held."""
    topics = [t for t in view.toks if t.bunsetu_head and t.i not in view.in_quote
              and particles(view.sent, t)[-1:] == ["は"]]
    wholes = _events_at(view, topics[0]) if topics else []
    out = []
    for v in view.toks:
        if v.lemma not in lex.hold_verbs or v.pos != "VERB" or v.i in view.in_quote:
            continue
        held = [k for c in view.children(v) if c.bunsetu_head and set(particles(view.sent, c)[-1:]) & {"が", "を"}
                for k in _events_at(view, c) if view.classes.get(k) == "Event"]
        if v.i not in frames:
            places = [k for c in view.children(v) if c.bunsetu_head and particles(view.sent, c)[:1] == ["で"]
                      for k in view.keys_at(c) if view.classes.get(k) in PLACES]
            out.extend(Fact(cls="Containment", predicate=v.lemma, sentence=view.sent.index,
                            roles=(("agent", e), ("location", p)), rule="event-held-in", confidence=0.55,
                            article_id=view.sent.article_id)
                       for e in _unique(held) for p in places[:1])
        out.extend(Fact(cls="Part", predicate=v.lemma, sentence=view.sent.index,
                        roles=(("agent", e), ("theme", w)), rule="held-within", confidence=0.55,
                        article_id=view.sent.article_id)
                   for e in _unique(held) for w in wholes[:1] if e != w)
    return out


def _bodies_set_up(view: SentenceView, lex: Lexicon, facts: list[Fact]) -> list[Fact]:
    """政府は非常災害対策本部を設置した, 市は対策本部を設けた: a body an organisation or a local government
    sets up is a part of it."""
    out = []
    for f in facts:
        if f.predicate not in lex.body_part_verbs:
            continue
        out.extend(Fact(cls="Part", predicate=f.predicate, sentence=f.sentence,
                        roles=(("agent", body), ("theme", owner)), rule="body-set-up", confidence=0.6,
                        article_id=f.article_id)
                   for body in f.role("theme") for owner in f.role("agent")[:1]
                   if body != owner and view.classes.get(body) == "Organization"
                   and (view.classes.get(owner) in ORG_CLASSES or owner in view.local_governments))
    return out


def _support_nouns(view: SentenceView, lex: Lexicon, topic: list[str]) -> list[Fact]:
    """ウクライナへの支援を続ける, 計画への支持を表明した: a support noun with the one it is for (への,
    に対する) supports it; who supports is the subject of the clause the noun is in, else the topic."""
    out = []
    for t in view.toks:
        if t.pos != "NOUN" or lex.predicates.get(t.lemma) != "Support" or t.i in view.in_quote:
            continue
        for c in view.children(t):
            ps = particles(view.sent, c)
            if ps[-2:] != ["へ", "の"] and "に対する" not in "".join(ps):
                continue
            backed = view.keys_at(c)
            if not backed:
                continue
            who, node = [], t
            for _ in range(4):  # up the clause chain to a subject
                head = view.toks[node.head]
                who = [k for x in view.children(head) if x.i != node.i and x.bunsetu_head
                       and set(particles(view.sent, x)[-1:]) & {"は", "が"} for k in view.keys_at(x) if view.is_agent(k)]
                if who or head.i == node.i:
                    break
                node = head
            out.extend(Fact(cls="Support", predicate=t.lemma, sentence=view.sent.index,
                            roles=(("agent", a), ("theme", b)), rule="support-noun", confidence=0.6,
                            modality=_modality(view, view.toks[t.head], lex), article_id=view.sent.article_id)
                       for a in (who or topic)[:1] for b in backed if a != b)
    # 東和党の推薦を受けた田中氏, 商工会議所の支援も受けた: whose support the subject receives supports it
    for t in view.toks:
        verb, ps = view.toks[t.head], particles(view.sent, t)[:1]
        if verb.lemma == "加える" and ps == ["に"]:
            verb, ps = view.toks[verb.head], ["も"]  # 推薦に加え、…の支援も受けた: received too
        if t.pos != "NOUN" or lex.predicates.get(t.lemma) not in ("Support", "Nomination") or t.i in view.in_quote \
                or verb.lemma not in lex.receiving_verbs or ps not in (["を"], ["も"]):
            continue
        givers = [k for c in view.children(t) if particles(view.sent, c)[-1:] == ["の"]
                  for x in [c] + _list_members(view, c) for k in view.keys_at(x) if view.is_agent(k)]
        backed = [k for x in view.children(verb) if x.bunsetu_head and set(particles(view.sent, x)[-1:]) & {"は", "が"}
                  for k in view.keys_at(x) if view.is_agent(k)] or _relative_head(view, verb) or topic[:1]
        out.extend(Fact(cls="Support", predicate=t.lemma, sentence=view.sent.index,
                        roles=(("agent", a), ("theme", b)), rule="support-received", confidence=0.6,
                        modality=_modality(view, verb, lex), article_id=view.sent.article_id)
                   for a in _unique(givers) for b in backed[:1] if a != b)
    return out


def _located_at(view: SentenceView, lex: Lexicon) -> list[Fact]:
    """つくば市にある研究機構, A社の本社は札幌市にある, 札幌市に本社を置くA社: what a verb of being
    somewhere places in its に-place (a seat noun stands for the organisation whose seat it is)."""
    out = []
    things = ORG_CLASSES | {"Facility", "Place"}
    for v in view.toks:
        if v.lemma not in lex.location_verbs or v.pos != "VERB" or v.i in view.in_quote:
            continue
        args = [c for c in view.children(v) if c.bunsetu_head]
        places = [k for c in args if particles(view.sent, c)[:1] == ["に"]
                  for k in view.keys_at(c) if view.classes.get(k) in PLACES]
        if not places:
            continue
        # を only for a seat (本社を置く): 市役所に対策本部を置いた sets a body up (kg.mentions body_verbs)
        holders = [c for c in args if set(particles(view.sent, c)[-1:]) & ({"が"} if v.dep == "acl" else {"は", "が"})
                   or particles(view.sent, c)[-1:] == ["を"] and c.norm in lex.seat_nouns]
        if v.dep == "acl":  # (and は marks no subject of a clause that describes a noun: see _topic)
            holders.append(view.toks[v.head])
        # the parser may hang A社の本社は on the place name: a seat before the verb, no verb between
        holders += [c for c in view.toks[:v.i] if c.norm in lex.seat_nouns and c.bunsetu_head and c not in holders
                    and particles(view.sent, c)[-1:] in (["は"], ["が"])
                    and not any(t.pos == "VERB" for t in view.toks[c.i + 1:v.i])]
        located = []
        for c in holders:
            if c.norm in lex.seat_nouns:  # A社の本社は / 本社を置くA社: the organisation it is the seat of
                owners = [k for o in view.children(c) if particles(view.sent, o)[-1:] == ["の"]
                          for k in view.keys_at(o)]
                located += owners or (_described_keys(view, view.toks[v.head], lex) if v.dep == "acl" else [])
            else:
                located += _described_keys(view, c, lex) if c.i == v.head else view.keys_at(c)
        out.extend(Fact(cls="Containment", predicate=v.lemma, sentence=view.sent.index,
                        roles=(("agent", k), ("location", places[-1])), rule="located-at", confidence=0.6,
                        article_id=view.sent.article_id)
                   for k in _unique(located) if view.classes.get(k) in things and k != places[-1])
    return out


def _described_keys(view: SentenceView, noun: Token, lex: Lexicon) -> list[str]:
    """What a noun a clause describes names: itself, or after a word for what a company is and の, the
    company named (本社を置く|菓子メーカーの松風堂)."""
    keys = view.keys_at(noun)
    if keys or noun.norm not in lex.company_descriptors or noun.i + 2 >= len(view.toks) \
            or view.toks[noun.i + 1].norm != "の":
        return keys
    return [k for m, k in view.pairs if m.tok_start == noun.i + 2]


def _event_subject_places(view: SentenceView, frames: dict[int, Frame]) -> list[Fact]:
    """台風5号は薩摩半島南部に上陸した, 万博が夢洲で開幕した: an event or disaster that is the subject of
    a verb with a place in で / に happened there (what is held is _venue_facts' job)."""
    out = []
    for frame in frames.values():
        pred = frame.pred
        if pred.lemma in _HOLD_VERBS or pred.i in view.in_quote:
            continue
        places = [k for r, k in frame.roles if r in ("location", "recipient") and view.classes.get(k) in PLACES]
        if not places:
            continue
        events = [k for c in view.children(pred) if c.bunsetu_head and set(particles(view.sent, c)[-1:]) & {"は", "が"}
                  for k in _events_at(view, c)]
        if pred.dep == "acl":  # 大船渡市で発生した山林火災
            events += _events_at(view, view.toks[pred.head])
        out.extend(Fact(cls="Containment", predicate=pred.lemma, sentence=view.sent.index,
                        roles=(("agent", e), ("location", p)), rule="event-subject-place", confidence=0.55,
                        article_id=view.sent.article_id)
                   for e in _unique(events) for p in places[:1] if e != p)
    return out


def _disaster_places(view: SentenceView, lex: Lexicon) -> list[Fact]:
    """石巻市で火事があった, 宮城県沖を震源とする地震: where a disaster happened, read off the verb of
    happening it is the subject of (its places in で / に) or off …を震源とする before it."""
    out = []
    for m, k in view.pairs:
        if view.classes.get(k) != "Disaster" or m.tok_end - 1 in view.in_quote:
            continue
        t = view.toks[m.tok_end - 1]
        places = []
        verb = view.toks[t.head]
        if verb.lemma in lex.occurrence_verbs and verb.i != t.i and particles(view.sent, t)[:1] in (["が"], ["は"]):
            places += [p for c in view.children(verb) if c.bunsetu_head and particles(view.sent, c)[:1] in (["で"], ["に"])
                       for p in view.keys_at(c) if view.classes.get(p) in PLACES]
        places += [p for _, p in _places_of_clauses(view, t, lambda clause: clause.lemma == "する" and any(
            c.norm in lex.origin_nouns and particles(view.sent, c)[:1] == ["と"] for c in view.children(clause)))]
        out.extend(Fact(cls="Containment", predicate=verb.lemma, sentence=view.sent.index,
                        roles=(("agent", k), ("location", p)), rule="disaster-place", confidence=0.55,
                        article_id=view.sent.article_id) for p in _unique(places)[:1] if p != k)
    return out


def _river_places(view: SentenceView, lex: Lexicon) -> list[Fact]:
    """日田市を流れる花月川: a river described as flowing through a place lies in it."""
    out = []
    for m, k in view.pairs:
        if view.classes.get(k) != "Place" or not m.label.endswith(("川", "河")):
            continue
        out.extend(Fact(cls="Containment", predicate=clause.lemma, sentence=view.sent.index,
                        roles=(("agent", k), ("location", p)), rule="river-place", confidence=0.6,
                        article_id=view.sent.article_id)
                   for clause, p in _places_of_clauses(view, view.toks[m.tok_end - 1],
                                                       lambda clause: clause.lemma in lex.river_verbs) if p != k)
    return out


def _places_of_clauses(view: SentenceView, t: Token, fits) -> list[tuple[Token, str]]:
    """(clause, place) for the places in を of the relative clauses on token t that ``fits`` accepts
    (宮城県沖を|震源とする地震, 南山市を|流れる北川)."""
    return [(clause, p) for clause in view.children(t) if clause.dep == "acl" and fits(clause)
            for c in view.children(clause) if particles(view.sent, c)[:1] == ["を"]
            for p in view.keys_at(c) if view.classes.get(p) in PLACES]


def _plan_noun_facts(view: SentenceView, lex: Lexicon, topic: list[str], facts: list[Fact],
                     frames: dict[int, Frame]) -> list[Fact]:
    """Xは…する計画を示した / …する方針だ: a Planning fact of X, about what the clause names."""
    out = []
    for n in view.toks:
        if n.norm not in lex.plan_nouns or n.i in view.in_quote:
            continue
        clause = [c for c in view.children(n) if c.dep == "acl" and c.pos == "VERB"]
        if not clause:
            continue
        gov = view.toks[n.head]
        # the clause's own subject (…宇宙飛行士がつかむ計画だ), the subject of what governs the noun, the topic
        # when the noun is the predicate (…がつかむ計画だ), the clause's own subject first; when a verb
        # governs it (…が達成する計画を説明した), that verb's subject
        own = frames.get(clause[-1].i)  # the clause right before the noun
        own_agents = [k for r, k in own.roles if r == "agent"] if own is not None and own.explicit_agent else []
        governing = [k for f in facts if f.sentence == view.sent.index and f.predicate == gov.lemma
                     for r, k in f.roles if r == "agent"] if gov.i != n.i else []
        gov_frame = frames.get(gov.i)
        governing = governing or ([k for r, k in gov_frame.roles if r == "agent"] if gov_frame else [])
        agents = (governing or topic) if gov.i != n.i else (own_agents or topic)
        if not agents:
            continue
        lo = _leftmost(view, clause[0])
        themes = [k for m, k in view.pairs if lo <= m.tok_start and m.tok_end <= n.i and k not in agents
                  and view.classes.get(k) not in ("Position",) and m.rule != "group"]
        text = view.sent.text[view.toks[lo].start - view.sent.start:n.end - view.sent.start]
        out.append(Fact(cls="Planning", predicate=clause[-1].lemma + n.norm, sentence=view.sent.index,
                        roles=tuple(sorted({("agent", agents[0])} | {("theme", k) for k in themes})),
                        modality="Planned", rule="plan-noun", confidence=0.6, quote=text,
                        article_id=view.sent.article_id))
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen = {}
    for f in facts:
        key = (f.cls, f.predicate, f.roles, f.sentence)
        if key not in seen or f.confidence > seen[key].confidence:
            seen[key] = f
    return list(seen.values())


def _one_plan_per_stance(facts: list[Fact]) -> list[Fact]:
    """…を目指す考えを示した gives the clause's plan (目指す) and the stance's (目指す考え): one plan,
    the stance's, with the clause's roles."""
    def agents(f: Fact) -> frozenset[str]:
        return frozenset(k for r, k in f.roles if r == "agent")

    plans = [f for f in facts if f.cls == "Planning"]
    merged: dict[int, Fact] = {}
    dropped: set[int] = set()
    for f in plans:
        g = next((g for g in plans if g is not f and g.sentence == f.sentence and g.predicate != f.predicate
                  and g.predicate.startswith(f.predicate) and agents(g) == agents(f)), None)
        if g is not None:
            dropped.add(id(f))
            base = merged.get(id(g), g)
            merged[id(g)] = replace(base, roles=tuple(sorted(set(base.roles) | set(f.roles))),
                                    date=base.date or f.date)
    return [merged.get(id(f), f) for f in facts if id(f) not in dropped]


def leading_leaders(pairs: Sequence[tuple[Mention, str]], lex: Lexicon | None = None) -> list[str]:
    """People named with a leader's title, most mentioned first (for 首脳会談 and 両首脳)."""
    lex = lex or load_lexicon()
    c = Counter(k for m, k in pairs if m.cls == "Person" and m.title and lex.titles.get(m.title) == "leader")
    all_mentions = Counter(k for m, k in pairs)
    return sorted(c, key=lambda k: (-all_mentions[k], k))


def attribute_bare_quotes(sentences: Sequence[Sentence], facts: list[Fact], lex: Lexicon | None = None,
                          persons: Sequence[tuple[Mention, str]] = ()) -> list[Fact]:
    """A sentence that is only a quote (「…」。) gets its speaker from the sentence after it when that
    one points back (山田氏はこう語った: the statement moves to the quote) or opens with a person as its
    topic (森川所長は…顔をほころばせた: ``persons``, the article's person mentions), else from a statement
    in the sentence before it (a quote that goes on)."""
    lex = lex or load_lexicon()
    from dataclasses import replace

    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    index = {s.index: s for s in sentences}
    out = list(facts)
    for s in sentences:
        text = nfkc(s.text).strip()
        if s.heading or not (text[:1] in _QUOTE_OPEN and text.rstrip("。").endswith(tuple(_QUOTE_CLOSE))) \
                or any(f.cls == "Statement" for f in by_sentence.get(s.index, [])):
            continue
        quote = text.rstrip("。")[1:-1]
        nxt = index.get(s.index + 1)
        unquoted = nxt is not None and not any(t.norm in _QUOTE_OPEN for t in nxt.tokens)
        # …こう語った, or a statement with nothing quoted of its own (…記者会見で抱負を語った)
        pointing = [f for f in by_sentence.get(s.index + 1, []) if f.cls == "Statement" and nxt is not None
                    and (any(t.norm in lex.cataphora for t in nxt.tokens) or not f.quote and unquoted)]
        before = [f for f in by_sentence.get(s.index - 1, []) if f.cls == "Statement"]
        opener = None
        if unquoted:
            first = min(((m, k) for m, k in persons if m.sentence == nxt.index), key=lambda p: p[0].start, default=None)
            if first is not None and first[0].tok_start <= 1 and any(
                    t.norm in ("は", "が") for t in nxt.tokens[first[0].tok_end:first[0].tok_end + 3]):
                opener = first[1]
        if pointing:
            f = pointing[0]
            out.remove(f)
            out.append(replace(f, sentence=s.index, quote=quote, rule=f.rule + "+quote-before"))
        elif opener:
            out.append(Fact(cls="Statement", predicate="「」", sentence=s.index, roles=(("agent", opener),),
                            rule="quote-then-speaker", confidence=0.6, quote=quote, article_id=s.article_id))
        elif before:
            f = before[-1]
            out.append(replace(f, sentence=s.index, quote=quote, rule="quote-continued", confidence=0.6,
                               date=None))
    return out


def _of_another_day(toks: Sequence[Token], m: Mention) -> bool:
    """前日の第6戦, 昨年の大会: an event named with a time word before it is not the one at hand."""
    return len(toks) > m.tok_start >= 2 and toks[m.tok_start - 1].norm == "の" \
        and toks[m.tok_start - 2].tag.startswith("名詞-普通名詞-副詞可能")


def attend_the_event_at_hand(pairs: Sequence[tuple[Mention, str]], facts: list[Fact],
                             entities: dict[str, Entity], sentences: Sequence[Sentence] = ()) -> list[Fact]:
    """An attendance that names no event (九回途中から登板した, 先発出場した) is at the event the text
    is on: the last one named in its sentence, else in the two before. Who wins in a sentence
    that names an event (決勝があり、山田が優勝した) took part in it."""

    tokens = {s.index: s.tokens for s in sentences}
    events: dict[int, list[tuple[int, str]]] = {}
    for m, k in pairs:
        if entities[k].cls == "Event" and not _of_another_day(tokens.get(m.sentence, ()), m):
            events.setdefault(m.sentence, []).append((m.start, k))

    def at_hand(f: Fact, back: int) -> str | None:
        for s in range(f.sentence, f.sentence - back - 1, -1):
            if events.get(s):
                return max(events[s])[1]
        return written_short(f)

    def written_short(f: Fact) -> str | None:
        """式には…が出席した: the event's last word alone, as its own phrase, names the last event before
        that ends with it (授賞式), however far back."""
        words = {t.norm for t in tokens.get(f.sentence, ()) if t.pos == "NOUN" and t.bunsetu_start and t.bunsetu_head}
        named = sorted((start, k) for s, es in events.items() if s < f.sentence for start, k in es)
        return next((k for _, k in reversed(named) for w in words
                     if entities[k].label.endswith(w) and len(w) < len(entities[k].label)), None)

    out = []
    for f in facts:
        if f.cls == "Attendance" and not f.role("theme") and not f.role("location") \
                and (ev := at_hand(f, 2)) and ev not in f.role("agent"):
            f = replace(f, roles=tuple(sorted(f.roles + (("theme", ev),))), rule=f.rule + "+event-at-hand",
                        confidence=min(f.confidence, 0.5))
        out.append(f)
        if f.cls == "Win" and f.modality != "Negated" and (ev := at_hand(f, 0)) and ev not in f.role("theme"):
            out.append(Fact(cls="Attendance", predicate=f.predicate, sentence=f.sentence,
                            roles=tuple(sorted([("agent", a) for a in f.role("agent")] + [("theme", ev)])),
                            modality=f.modality, rule="won-at-event", confidence=0.5, date=f.date,
                            article_id=f.article_id))
    return out


def successors_of_leavers(sentences: Sequence[Sentence], facts: list[Fact],
                          pairs: Sequence[tuple[Mention, str]] = ()) -> list[Fact]:
    """Xが辞任した。…後任の会長にYを充てる: 後任 with no one's name before it is the successor of the
    one whose resignation the text told last (in its sentence or the two before); the one put in the
    post in that sentence succeeds them. Yが監督に昇格する。…Xの後任となる: with no subject of its own,
    the one appointed in the sentence before succeeds X."""
    out = list(facts)
    persons = [(m, k) for m, k in pairs if m.cls == "Person"]
    for sent in sentences:
        toks = sent.tokens
        # (今井慎吾監督（５５）の後任: the person, past a title and an age, right before の)
        named = [k for t in toks if t.norm == "後任" and t.i >= 2 and toks[t.i - 1].norm == "の"
                 for m, k in persons if m.sentence == sent.index and t.i - 7 <= m.tok_end <= t.i - 1
                 and all(x.pos in ("NOUN", "NUM", "PUNCT") and x.norm not in ("、", "。") for x in toks[m.tok_end:t.i - 1])]
        has_succession = any(f.sentence == sent.index and f.cls == "Succession" for f in facts)
        for old in ([] if has_succession else named):
            before = [k for f in facts if f.sentence == sent.index - 1 and f.cls == "Appointment"
                      for k in f.role("agent") if k != old]
            out += [Fact(cls="Succession", predicate="後任", sentence=sent.index, roles=(("agent", k), ("theme", old)),
                         rule="successor-of-appointed", confidence=0.5, article_id=sent.article_id)
                    for k in _unique(before)]
        if not any(t.norm == "後任" and (t.i == 0 or toks[t.i - 1].norm != "の") for t in toks):
            continue
        left = [f for f in facts if f.cls == "Resignation" and sent.index - 2 <= f.sentence <= sent.index
                and f.modality != "Negated"]
        new = [k for f in facts if f.sentence == sent.index and (f.cls == "Appointment" or
               f.cls == "PositionHolding" and f.rule in ("appointee", "successor-takes-post")) for k in f.role("agent")]
        if not left or not new:
            continue
        last = max(left, key=lambda f: f.sentence)
        for old in last.role("agent"):
            for k in _unique(new):
                if k != old and not any(f.cls == "Succession" and f.role("agent") == [k] for f in facts):
                    out.append(Fact(cls="Succession", predicate="後任", sentence=sent.index,
                                    roles=(("agent", k), ("theme", old)), rule="successor-of-leaver",
                                    confidence=0.55, article_id=sent.article_id))
    return out

