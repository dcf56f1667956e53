"""Extraction quality on the project's gold corpus, as benchmarks/quality.py measures it.

These are regression floors, set below the figures measured when they were written (noted beside
each) so that a change which loses quality fails; the issue's goals are higher and are tracked by
the benchmark, not asserted here.
"""
import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def quality():
    from benchmarks.quality import evaluate_all

    return evaluate_all()


def test_dev_article(quality):
    dev = quality[0]["dev"]
    # measured 2026-11-30: entities R 0.93 P 0.77, no split; facts R 0.78 P 0.81
    assert dev["entity_recall"] >= 0.9 and dev["splits"] == 0
    assert dev["fact_recall"] >= 0.72 and dev["fact_precision"] >= 0.75


@pytest.mark.parametrize("domain", ["examples", "business", "culture", "disaster", "politics", "science", "sports"])
def test_corpus_domains_do_not_regress(quality, domain):
    d = quality[0][domain]
    # measured 2026-11-30 (second session): entity recall 0.75–0.92, entity precision 0.79–0.92,
    # fact recall 0.40–0.76, fact precision 0.70–1.00
    assert d["entity_recall"] >= 0.7, d
    assert d["entity_precision"] >= 0.72, d
    assert d["fact_recall"] >= 0.35, d
    assert d["fact_precision"] >= 0.62, d


def test_every_relation_is_found_somewhere(quality):
    relations = quality[1]
    found = {r for r, v in relations.items() if v["found"] > 0}
    # relations kg has rules for; successor_of has none that the corpus triggers yet (see the issue notes)
    assert {"meets", "states", "holds_position", "located_in", "member_of", "visits", "attends", "gives",
            "agrees_with", "requests", "plans", "supports", "praises", "part_of"} <= found
