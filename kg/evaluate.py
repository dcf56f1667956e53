"""Score a graph against a gold annotation (format and rules: ../shared/corpus/README.md).

Entities: a gold entity is found when some graph entity has a label or alt label equal (after NFKC
and trimming) to its label_ja or one of its mentions. Facts: the fact's class maps to the gold
relation (kg/data/fact_classes.tsv), its agent matches s, some other role matches o (when set),
and its evidence sentence contains evidence_ja; meets and agrees_with match either way round.
A negated fact (出席せず) is not scored: it does not state the relation.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import InputError
from .lexicon import load_lexicon
from .namespaces import KG

UNSCORED_TYPES = {"Date", "Money"}
SYMMETRIC = {"meets", "agrees_with"}
NOT_ENTITIES = {"Fact", "Article", "Sentence", "Mention", "Modality"}


def norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def load_gold(path: str | Path) -> dict:
    p = Path(path)
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: no such gold file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: not a JSON gold file ({e.__class__.__name__})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list) or not isinstance(gold.get("facts"), list):
        raise InputError(f"{p}: gold file needs 'entities' and 'facts' lists")
    return gold


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def graph_entities(g: Graph) -> dict:
    fact_classes = set(load_lexicon().fact_classes) | NOT_ENTITIES
    out = {}
    for s, cls in g.subject_objects(RDF.type):
        name = _local(cls)
        if not str(cls).startswith(str(KG._NS)) or name in fact_classes or name in ("Asserted", "Planned", "Hedged", "Negated", "Reported"):
            continue
        labels = {norm(str(o)) for o in g.objects(s, RDFS.label)} | {norm(str(o)) for o in g.objects(s, SKOS.altLabel)}
        out[s] = {"cls": name, "labels": labels}
    return out


def graph_facts(g: Graph) -> list[dict]:
    lex = load_lexicon()
    out = []
    for fact, cls in g.subject_objects(RDF.type):
        name = _local(cls)
        fc = lex.fact_classes.get(name)
        if fc is None or not str(cls).startswith(str(KG._NS)):
            continue
        if (fact, KG.modality, KG.Negated) in g:
            continue  # 出席せず states no attendance: a negated fact is kept, but it is not the relation
        sentence = next(g.objects(fact, KG.evidence), None)
        text = str(next(g.objects(sentence, KG.text), "")) if sentence is not None else ""
        roles = defaultdict(set)
        for p, o in g.predicate_objects(fact):
            if str(p).startswith(str(KG._NS)) and _local(p) in ("agent", "participant", "theme", "recipient",
                                                                  "location", "about", "position", "organization", "source"):
                roles[_local(p)].add(o)
        out.append({"iri": fact, "cls": name, "gold": fc.gold, "roles": roles, "sentence": norm(text),
                    "predicate": str(next(g.objects(fact, KG.predicate), ""))})
    return out


def score(g: Graph, gold: dict) -> dict:
    ents = graph_entities(g)
    gold_ents = [e for e in gold["entities"] if e.get("type") not in UNSCORED_TYPES]
    names = {e["id"]: {norm(e["label_ja"])} | {norm(m) for m in e.get("mentions", [])} for e in gold["entities"]}
    matches = {e["id"]: [s for s, rec in ents.items() if rec["labels"] & names[e["id"]]] for e in gold_ents}
    found = [e for e in gold_ents if matches[e["id"]]]
    per_type: dict[str, dict] = defaultdict(lambda: {"gold": 0, "found": 0})
    for e in gold_ents:
        per_type[e["type"]]["gold"] += 1
        per_type[e["type"]]["found"] += bool(matches[e["id"]])
    all_gold_names = set().union(*names.values()) if names else set()
    matched_graph = [s for s, rec in ents.items() if rec["labels"] & all_gold_names]
    splits = {e["id"]: [str(s) for s in matches[e["id"]]] for e in gold_ents if len(matches[e["id"]]) > 1}

    def is_(node, gid) -> bool:
        return gid is not None and node in ents and bool(ents[node]["labels"] & names.get(gid, set()))

    facts = graph_facts(g)
    mapped = [f for f in facts if f["gold"]]
    gold_facts = gold["facts"]
    found_facts = []
    correct = set()
    for gf in gold_facts:
        hit = None
        for f in mapped:
            if f["gold"] != gf["p"] or norm(gf.get("evidence_ja", "")) not in f["sentence"]:
                continue
            agents = f["roles"].get("agent", set())
            others = set().union(*(v for k, v in f["roles"].items() if k != "agent")) if f["roles"] else set()
            o = gf.get("o")
            straight = any(is_(a, gf["s"]) for a in agents) and (o is None or any(is_(x, o) for x in others))
            reverse = gf["p"] in SYMMETRIC and o is not None and any(is_(a, o) for a in agents) and \
                any(is_(x, gf["s"]) for x in others)
            if straight or reverse:
                hit = f
                correct.add(f["iri"])
        if hit is not None:
            found_facts.append(gf)
    per_relation: dict[str, dict] = {}
    for rel in sorted({gf["p"] for gf in gold_facts} | {f["gold"] for f in mapped}):
        g_n = sum(1 for gf in gold_facts if gf["p"] == rel)
        f_n = sum(1 for gf in found_facts if gf["p"] == rel)
        m_n = sum(1 for f in mapped if f["gold"] == rel)
        c_n = sum(1 for f in mapped if f["gold"] == rel and f["iri"] in correct)
        per_relation[rel] = {"gold": g_n, "found": f_n, "graph": m_n, "correct": c_n,
                             "recall": _ratio(f_n, g_n), "precision": _ratio(c_n, m_n)}
    return {
        "entities": {"recall": _ratio(len(found), len(gold_ents)), "precision": _ratio(len(matched_graph), len(ents)),
                     "splits": len(splits), "gold": len(gold_ents), "found": len(found), "graph": len(ents),
                     "per_type": {t: {**v, "recall": _ratio(v["found"], v["gold"])} for t, v in sorted(per_type.items())}},
        "facts": {"recall": _ratio(len(found_facts), len(gold_facts)), "precision": _ratio(len(correct), len(mapped)),
                  "gold": len(gold_facts), "found": len(found_facts), "graph": len(mapped), "correct": len(correct)},
        "per_relation": per_relation,
        "unmatched": {
            "gold_entities": [e["id"] for e in gold_ents if not matches[e["id"]]],
            "graph_entities": sorted(next(iter(sorted(rec["labels"])), str(s)) for s, rec in ents.items()
                                     if s not in matched_graph),
            "split_entities": splits,
            "gold_facts": [f"{gf['s']} {gf['p']} {gf.get('o')} «{gf.get('evidence_ja')}»" for gf in gold_facts
                           if gf not in found_facts],
            "graph_facts": sorted(f"{f['cls']}({f['predicate']}) «{f['sentence'][:40]}»" for f in mapped
                                  if f["iri"] not in correct),
        },
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def format_report(report: dict) -> str:
    e, f = report["entities"], report["facts"]
    lines = [f"entities  recall {e['recall']:.3f} ({e['found']}/{e['gold']})  precision {e['precision']:.3f}"
             f"  splits {e['splits']}"]
    for t, v in e["per_type"].items():
        lines.append(f"  {t:<13} recall {v['recall']:.3f} ({v['found']}/{v['gold']})")
    lines.append(f"facts     recall {f['recall']:.3f} ({f['found']}/{f['gold']})  precision {f['precision']:.3f}"
                 f" ({f['correct']}/{f['graph']})")
    for rel, v in report["per_relation"].items():
        lines.append(f"  {rel:<15} recall {v['recall']:.3f} ({v['found']}/{v['gold']})  precision "
                     f"{v['precision']:.3f} ({v['correct']}/{v['graph']})")
    for name, items in report["unmatched"].items():
        if items:
            lines.append(f"unmatched {name.replace('_', ' ')}:")
            lines.extend(f"  - {x}" for x in (items.items() if isinstance(items, dict) else items))
    return "\n".join(lines)
