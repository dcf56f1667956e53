"""The notebooks in notebooks/: saved without outputs, and each runs top to bottom in a fresh kernel.

The run tests start one kernel per notebook (each loads GiNZA once). The kernel is the ``python3``
kernelspec when it runs this interpreter, else a kernelspec written to a temporary JUPYTER_PATH that
points at ``sys.executable`` — so no ``ipykernel install`` is needed.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
STRIP = ROOT / "scripts" / "strip_notebooks.py"
SRCDOC = re.compile(r'<iframe srcdoc="([^"]*)"')
SHOW = re.compile(r"\b(?!plt\b)\w+\.show\(")  # graph.show(…), not plt.show()


def _ids(p: Path) -> str:
    return p.stem


def _source(cell) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def test_the_four_notebooks_are_there():
    names = [p.name for p in NOTEBOOKS]
    for expected in ("01_quickstart.ipynb", "02_sparql_for_researchers.ipynb", "03_network_analysis.ipynb",
                     "04_your_own_articles.ipynb"):
        assert expected in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_saved_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    for n, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name} cell {n} has outputs: run scripts/strip_notebooks.py"
            assert cell["execution_count"] is None, f"{path.name} cell {n} has an execution count"
        assert "execution" not in cell.get("metadata", {}), f"{path.name} cell {n} keeps run timestamps"


def test_strip_script_finds_nothing_to_strip():
    r = subprocess.run([sys.executable, str(STRIP), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_strip_script_strips(tmp_path):
    nb = {"cells": [{"cell_type": "code", "id": "a", "execution_count": 3, "metadata": {"execution": {"x": 1}},
                     "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}], "source": ["print('hi')"]},
                    {"cell_type": "markdown", "id": "b", "metadata": {}, "source": ["# 見出し"]}],
          "metadata": {"widgets": {}}, "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "x.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    assert subprocess.run([sys.executable, str(STRIP), "--check", str(p)], capture_output=True).returncode == 1
    assert subprocess.run([sys.executable, str(STRIP), str(p)], capture_output=True).returncode == 0
    out = json.loads(p.read_text(encoding="utf-8"))
    assert out["cells"][0]["outputs"] == [] and out["cells"][0]["execution_count"] is None
    assert out["cells"][0]["metadata"] == {} and out["metadata"] == {}
    assert out["cells"][1]["source"] == ["# 見出し"] and "見出し" in p.read_text(encoding="utf-8")
    assert subprocess.run([sys.executable, str(STRIP), "--check", str(p)], capture_output=True).returncode == 0


def _runs_this_python(argv0: str) -> bool:
    """jupyter_client swaps a bare python / python3 / python3.X for sys.executable itself."""
    if argv0 in ("python", f"python{sys.version_info[0]}", "python%i.%i" % sys.version_info[:2]):
        return True
    try:
        return Path(argv0).resolve() == Path(sys.executable).resolve()
    except OSError:
        return False


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        if spec.argv and _runs_this_python(spec.argv[0]):
            yield "python3"
            return
    except NoSuchKernel:
        pass
    jupyter = tmp_path_factory.mktemp("jupyter")
    kdir = jupyter / "kernels" / "kg-tests"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg tests", "language": "python"}), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        import os

        mp.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(jupyter), os.environ.get("JUPYTER_PATH")])))
        yield "kg-tests"


def _errors(nb) -> list[str]:
    out = []
    for n, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"cell {n}: {o.get('ename')}: {o.get('evalue')}")
    return out


@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebook_runs(path, kernel_name):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    try:
        client.execute()
    except CellExecutionError as e:
        pytest.fail(f"{path.name} failed:\n{e}")
    assert not _errors(nb), _errors(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), f"{path.name}: some cells did not run"

    shows = [c for c in code if SHOW.search(_source(c))]
    if path.name.startswith("01_"):
        assert shows, "the quickstart shows the graph inline"
    for cell in shows:
        pages = [o["data"]["text/html"] for o in cell.outputs
                 if o.get("output_type") in ("execute_result", "display_data") and "text/html" in o.get("data", {})]
        assert pages, f"{path.name}: no HTML output from {_source(cell)!r}"
        m = SRCDOC.search("".join(pages))
        assert m, f"{path.name}: the .show() output has no <iframe srcdoc=…>"
        page = html.unescape(m.group(1))
        assert page.lstrip().startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>"), page[:200]
        assert 'lang="ja"' in page
