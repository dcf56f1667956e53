"""Shared fixtures. Model-backed fixtures parse once per session and are shared by every test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_DIR = SHARED / "corpus" / "dev"
DEV_TEXT = DEV_DIR / "takaichi-trump-summit-2025-10-28.txt"
DEV_GOLD = DEV_DIR / "takaichi-trump-summit-2025-10-28.gold.json"
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="session")
def dev_results():
    """The dev article parsed and extracted once (ArticleResult list)."""
    from kg.articles import read_articles
    from kg.graph import extract_all

    return extract_all(read_articles([DEV_TEXT]))


@pytest.fixture(scope="session")
def examples_results():
    from kg.articles import read_articles
    from kg.graph import extract_all

    return extract_all(read_articles([EXAMPLES]))


@pytest.fixture(scope="session")
def dev_graph_dir(tmp_path_factory, dev_results):
    """A graph folder built from the dev article (graph.trig, graph.ttl, graph.html, store/)."""
    from kg.graph import dataset_for, write_directory

    out = tmp_path_factory.mktemp("dev-graph")
    write_directory(dataset_for(dev_results), out)
    return out


@pytest.fixture(scope="session")
def examples_graph_dir(tmp_path_factory, examples_results):
    from kg.graph import dataset_for, write_directory

    out = tmp_path_factory.mktemp("examples-graph")
    write_directory(dataset_for(examples_results), out)
    return out


@pytest.fixture()
def copy_of(tmp_path):
    """copy_of(folder) → a private copy a test may change."""
    def make(src: Path) -> Path:
        dst = tmp_path / src.name
        shutil.copytree(src, dst)
        return dst
    return make
