#!/usr/bin/env python3
"""Strip outputs and execution counts from notebooks, in place (standard library only).

    python scripts/strip_notebooks.py                 # every notebooks/*.ipynb
    python scripts/strip_notebooks.py a.ipynb b.ipynb
    python scripts/strip_notebooks.py --check         # change nothing; exit 1 if any would change

Code cells lose their outputs, execution count and the run timestamps Jupyter keeps in
``metadata.execution``; the notebook loses saved widget state. Sources are left as they are.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CELL_METADATA = ("execution", "collapsed", "scrolled")
NOTEBOOK_METADATA = ("widgets",)


def strip(nb: dict) -> dict:
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        for key in CELL_METADATA:
            meta.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    for key in NOTEBOOK_METADATA:
        nb.get("metadata", {}).pop(key, None)
    return nb


def dumps(nb: dict) -> str:
    """The layout Jupyter itself writes: one-space indent, UTF-8 as is, a final newline."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def strip_file(path: Path, *, check: bool = False) -> bool:
    """True when the file had something to strip (and, unless check, now has not)."""
    text = path.read_text(encoding="utf-8")
    new = dumps(strip(json.loads(text)))
    if new == text:
        return False
    if not check:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(path)
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    p.add_argument("--check", action="store_true", help="report, change nothing; exit 1 if any would change")
    a = p.parse_args(argv)
    paths = a.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    changed = [path for path in paths if strip_file(path, check=a.check)]
    for path in changed:
        print(f"{'would strip' if a.check else 'stripped'} {path}")
    return 1 if a.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
