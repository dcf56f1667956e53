"""A screenshot of the graph page for the docs: docs/graph.png, 1400×900, 高市早苗 selected.

    python scripts/screenshot.py                 # build ../shared/corpus/dev into a temporary folder
    python scripts/screenshot.py --graph DIR     # reuse a built graph folder (DIR/graph.html)
    python scripts/screenshot.py --out other.png --node トランプ

The page is opened by file:// URL in headless Chromium (/usr/bin/chromium) with every other request
aborted; the shot is taken after the first draw, once the layout has stopped moving. Japanese text
needs a CJK font on the machine (Debian: fonts-noto-cjk).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "corpus" / "dev"


def shoot(html: Path, out: Path, *, node: str = "高市早苗", width: int = 1400, height: int = 900) -> None:
    from kg._browser import chromium, offline_page, poll

    with chromium() as browser:
        o = offline_page(browser, width=width, height=height)
        page = o.page
        page.goto(html.resolve().as_uri())
        poll(page, "window.kgReady === true", timeout=60_000)
        page.evaluate("window.__lastPos = null")
        poll(page, "(() => { const s = JSON.stringify(kg.network.getPositions()); const same = s === window.__lastPos;"
                   " window.__lastPos = s; return same; })()", timeout=60_000, interval=250)
        found = page.evaluate(
            """name => { const n = kg.data.nodes.find(n => n.label === name || n.label_en === name
                                                       || n.aliases.includes(name));
                         if (!n) return null;
                         kg.network.selectNodes([n.id]); kg.showNode(n.id); return n.label; }""", node)
        if found is None:
            raise SystemExit(f"no node named {node!r} in {html}")
        page.locator("#search").fill(found)  # shows the search in use; selects the same node
        page.wait_for_timeout(300)
        page.evaluate("kg.network.fit()")  # the whole graph in view, the node still selected
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
    if o.external or o.errors:
        raise SystemExit(f"page problems: external requests {o.external}, errors {o.errors}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, help="a built graph folder to reuse (holds graph.html)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "graph.png")
    ap.add_argument("--node", default="高市早苗", help="the node to select (label, English label or alias)")
    a = ap.parse_args(argv)
    if a.graph:
        html = a.graph / "graph.html"
        if not html.is_file():
            raise SystemExit(f"{html}: not found (build the graph first, or leave out --graph)")
        shoot(html, a.out, node=a.node)
    else:
        from kg.graph import build_directory

        with tempfile.TemporaryDirectory(prefix="kg-shot-") as tmp:
            out_dir = Path(tmp) / "dev"
            build_directory([DEV], out_dir)
            shoot(out_dir / "graph.html", a.out, node=a.node)
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
