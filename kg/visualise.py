"""The graph page: one self-contained HTML file that opens offline and runs no text from articles.

vis-network comes inline from the pyvis package (its bundled vis-network 9.1.2); the page's own
template puts the data in as JSON with <, >, & escaped, and every text from an article reaches the
page through textContent, never innerHTML. Labels on the canvas are drawn, not parsed.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDFS

from .analysis import neighbourhood, to_networkx
from .namespaces import KG

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Government": "#2f4b7c", "Company": "#76b7b2",
           "PoliticalParty": "#59a14f", "SportsTeam": "#8cd17d", "Country": "#f28e2b", "Place": "#edc948",
           "Facility": "#b6992d", "Event": "#b07aa1", "Disaster": "#9d7660", "Agreement": "#ff9da7",
           "Plan": "#d4a6c8", "Award": "#d37295", "Artifact": "#bab0ac", "Product": "#79706e",
           "Position": "#86bcb6"}
PHYSICS_LIMIT = 500
NODE_CAP = 2000


def _vis_js() -> str:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8")


def _labels(ontology: Graph | None) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if ontology is None:
        return out
    for s, o in ontology.subject_objects(RDFS.label):
        if str(s).startswith(str(KG._NS)) and getattr(o, "language", None):
            out.setdefault(str(s).rsplit("#", 1)[-1], {})[o.language] = str(o)
    return out


def page_data(G: nx.MultiDiGraph, labels: dict[str, dict[str, str]], *, cap: int = NODE_CAP) -> dict:
    """Nodes, edges and per-node facts as plain data for the page."""
    note = ""
    if G.number_of_nodes() > cap:
        keep = sorted(G.nodes, key=lambda n: (-G.degree(n), n))[:cap]
        note = f"Showing the {cap} most connected of {G.number_of_nodes()} entities."
        G = G.subgraph(keep).copy()
    positions = None
    if G.number_of_nodes() > PHYSICS_LIMIT:
        pos = _spring_layout(nx.Graph(G), seed=1, iterations=25)
        positions = {n: (round(float(x) * 2500), round(float(y) * 2500)) for n, (x, y) in pos.items()}
    nodes, edges, facts = [], [], {}
    for n, d in G.nodes(data=True):
        item = {"id": n, "label": d.get("label", n), "label_en": d.get("label_en", ""), "cls": d.get("cls", ""),
                "cls_ja": labels.get(d.get("cls", ""), {}).get("ja", d.get("cls", "")),
                "wikidata": d.get("wikidata", ""), "aliases": d.get("aliases", []),
                "value": 1 + G.degree(n), "color": COLOURS.get(d.get("cls", ""), "#999999")}
        if positions:
            item["x"], item["y"] = positions[n]
        nodes.append(item)
        facts[n] = [_fact_view(f, labels) for f in d.get("facts", [])]
    for i, (a, b, d) in enumerate(G.edges(data=True)):
        rel = d.get("relation", "")
        view = _fact_view(d, labels)
        edges.append({"id": f"e{i}", "from": a, "to": b, "rel": rel, "label_ja": labels.get(rel, {}).get("ja", rel),
                      "label_en": labels.get(rel, {}).get("en", rel), "fact": view})
        facts.setdefault(a, []).append({**view, "other": G.nodes[b].get("label", b), "dir": "→"})
        facts.setdefault(b, []).append({**view, "other": G.nodes[a].get("label", a), "dir": "←"})
    classes = sorted({n["cls"] for n in nodes})
    relations = sorted({e["rel"] for e in edges})
    return {"nodes": nodes, "edges": edges, "facts": facts, "note": note, "physics": positions is None,
            "classes": [{"cls": c, "ja": labels.get(c, {}).get("ja", c), "en": labels.get(c, {}).get("en", c),
                         "color": COLOURS.get(c, "#999999")} for c in classes],
            "relations": [{"rel": r, "ja": labels.get(r, {}).get("ja", r), "en": labels.get(r, {}).get("en", r)}
                          for r in relations]}


def _spring_layout(G: nx.Graph, *, seed: int = 1, iterations: int = 25) -> dict:
    """Fruchterman–Reingold positions in [-1, 1] with numpy only: the dense algorithm networkx's
    spring_layout runs below 500 nodes. (From 500 nodes on spring_layout needs scipy, which kg does
    not depend on — exactly the graphs that get a precomputed layout.)"""
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n < 2:
        return {v: (0.0, 0.0) for v in nodes}
    index = {v: i for i, v in enumerate(nodes)}
    A = np.zeros((n, n), dtype=np.float32)
    for a, b in G.edges():
        if a != b:
            A[index[a], index[b]] = A[index[b], index[a]] = 1.0
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k = np.float32(np.sqrt(1.0 / n))
    t = float(np.ptp(pos, axis=0).max()) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, np.newaxis] - pos[np.newaxis, :, 0]
        dy = pos[:, 1, np.newaxis] - pos[np.newaxis, :, 1]
        distance = np.clip(np.hypot(dx, dy), 0.01, None)
        force = k * k / distance ** 2 - A * distance / k  # repulsion between all, attraction along edges
        displacement = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.clip(np.linalg.norm(displacement, axis=1), 0.01, None)
        pos += displacement * (t / length)[:, np.newaxis]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _fact_view(d: dict, labels: dict) -> dict:
    cls = d.get("cls", "")
    return {"cls": cls, "cls_ja": labels.get(cls, {}).get("ja", cls), "predicate": d.get("predicate", ""),
            "modality": d.get("modality", ""), "quote": d.get("quote", ""), "date": d.get("date", ""),
            "sentence": d.get("sentence", ""), "article": d.get("article", "").rsplit("/", 1)[-1]}


def json_for_script(data) -> str:
    """JSON safe inside <script>: no </script>, no <!--, no HTML parsing surprises."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: Graph, *, ontology: Graph | None = None, focus: str | None = None, hops: int = 2,
                title: str = "kg") -> str:
    G = to_networkx(g)
    if focus:
        G = neighbourhood(G, focus, hops)
    return render_networkx(G, labels=_labels(ontology), title=title)


def render_networkx(G: nx.MultiDiGraph, labels: dict[str, dict[str, str]] | None = None, *,
                    title: str = "kg") -> str:
    """The page for a graph shaped like ``analysis.to_networkx`` makes it (nodes with label, label_en,
    cls, aliases, facts; edges with cls, relation, predicate, sentence…). ``labels`` maps class and
    relation local names to {"ja": …, "en": …}; without it the local names are shown."""
    data = page_data(G, labels or {})
    return (_TEMPLATE.replace("/*VIS*/", _vis_js().replace("</script", "<\\/script"))
            .replace("/*DATA*/", json_for_script(data))
            .replace("/*TITLE*/", json_for_script(title)))


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg graph</title>
<style>
body{margin:0;font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;display:flex;height:100vh}
#side{width:340px;overflow:auto;border-right:1px solid #ddd;padding:10px;box-sizing:border-box;font-size:14px}
#net{flex:1;height:100vh}
h1{font-size:18px;margin:4px 0 8px}
input[type=search]{width:100%;padding:6px;font-size:14px;box-sizing:border-box}
.legend span.sw{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:4px;vertical-align:middle}
.legend label,.rels label{display:block;font-size:13px}
.fact{border-top:1px solid #eee;padding:6px 0}
.sent{color:#333;background:#fafafa;padding:4px;margin-top:2px}
mark{background:#ffe08a}
.muted{color:#777;font-size:12px}
#note{color:#a00;font-size:12px}
</style></head>
<body>
<div id="side">
<h1 id="title"></h1>
<input id="search" type="search" placeholder="検索 / search (名前・alias・English)">
<div id="hits" class="muted"></div>
<p><label><input type="checkbox" id="english"> English labels</label></p>
<div id="note"></div>
<details open><summary>クラス / classes</summary><div id="legend" class="legend"></div></details>
<details><summary>関係 / relations</summary><div id="rels" class="rels"></div></details>
<div id="panel"><p class="muted">ノードかエッジをクリック / click a node or an edge</p></div>
</div>
<div id="net"></div>
<script>/*VIS*/</script>
<script>
"use strict";
const DATA = /*DATA*/;
const TITLE = /*TITLE*/;
document.getElementById("title").textContent = TITLE;
document.getElementById("note").textContent = DATA.note;
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const hidden = {cls: new Set(), rel: new Set()};
let english = false;
const nodeLabel = n => (english && n.label_en) ? n.label_en : n.label;
const nodes = new vis.DataSet(DATA.nodes.map(n => ({id: n.id, label: n.label, value: n.value, x: n.x, y: n.y,
  color: n.color, shape: "dot", font: {size: 14}})));
const edges = new vis.DataSet(DATA.edges.map(e => ({id: e.id, from: e.from, to: e.to, label: e.label_ja, arrows: "to",
  font: {size: 11, align: "middle"}, color: {color: "#aaa"}})));
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const edgeById = new Map(DATA.edges.map(e => [e.id, e]));
const network = new vis.Network(document.getElementById("net"), {nodes, edges}, {
  physics: DATA.physics ? {stabilization: {iterations: 150}} : false,
  interaction: {hover: true}, nodes: {scaling: {min: 8, max: 40}}, edges: {smooth: false}});
window.kgReady = false;
network.once("afterDrawing", () => { window.kgReady = true; window.kgFirstDraw = performance.now(); });
function refresh() {
  nodes.update(DATA.nodes.map(n => ({id: n.id, label: nodeLabel(n), hidden: hidden.cls.has(n.cls)})));
  edges.update(DATA.edges.map(e => ({id: e.id, label: english ? e.label_en : e.label_ja, hidden: hidden.rel.has(e.rel)})));
}
for (const c of DATA.classes) {
  const lab = el("label"); const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.cls = c.cls;
  box.addEventListener("change", () => { box.checked ? hidden.cls.delete(c.cls) : hidden.cls.add(c.cls); refresh(); });
  const sw = el("span", undefined, "sw"); sw.style.background = c.color;
  lab.append(box, sw, el("span", c.ja + " / " + c.en)); document.getElementById("legend").append(lab);
}
for (const r of DATA.relations) {
  const lab = el("label"); const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.rel = r.rel;
  box.addEventListener("change", () => { box.checked ? hidden.rel.delete(r.rel) : hidden.rel.add(r.rel); refresh(); });
  lab.append(box, el("span", r.ja + " / " + r.en)); document.getElementById("rels").append(lab);
}
document.getElementById("english").addEventListener("change", e => { english = e.target.checked; refresh(); });
function highlighted(sentence, words) {
  const p = el("div", undefined, "sent"); let i = 0;
  const hits = [];
  for (const w of words) { if (!w) continue; let k = sentence.indexOf(w); while (k >= 0) { hits.push([k, k + w.length]); k = sentence.indexOf(w, k + 1); } }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);  // at one place, the longest name wins
  for (const [a, b] of hits) { if (a < i) continue; p.append(document.createTextNode(sentence.slice(i, a))); p.append(el("mark", sentence.slice(a, b))); i = b; }
  p.append(document.createTextNode(sentence.slice(i)));
  return p;
}
function factBox(f, words) {
  const box = el("div", undefined, "fact");
  const head = el("div"); head.append(el("b", f.cls_ja + " (" + f.cls + ")"), document.createTextNode(" " + (f.dir || "") + " " + (f.other || "")));
  box.append(head);
  box.append(el("div", [f.predicate, f.modality, f.date].filter(Boolean).join(" · "), "muted"));
  if (f.quote) box.append(el("div", "「" + f.quote + "」"));
  box.append(highlighted(f.sentence, words));
  box.append(el("div", f.article, "muted"));
  return box;
}
function showNode(id) {
  const n = byId.get(id); if (!n) return;
  const panel = document.getElementById("panel"); panel.replaceChildren();
  panel.append(el("h2", n.label)); if (n.label_en) panel.append(el("div", n.label_en));
  panel.append(el("div", n.cls_ja + " / " + n.cls, "muted"));
  if (n.aliases.length) panel.append(el("div", "別名: " + n.aliases.join("、"), "muted"));
  if (n.wikidata) { const a = el("a", "Wikidata " + n.wikidata); a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(n.wikidata); a.rel = "noopener"; a.target = "_blank"; panel.append(a); }
  const words = [n.label, ...n.aliases];
  const list = el("div"); list.id = "facts";
  for (const f of (DATA.facts[id] || [])) list.append(factBox(f, words));
  panel.append(el("h3", "事実 / facts (" + (DATA.facts[id] || []).length + ")"), list);
}
function showEdge(id) {
  const e = edgeById.get(id); if (!e) return;
  const panel = document.getElementById("panel"); panel.replaceChildren();
  panel.append(el("h2", byId.get(e.from).label + " → " + byId.get(e.to).label));
  panel.append(factBox(e.fact, [byId.get(e.from).label, byId.get(e.to).label, ...byId.get(e.from).aliases, ...byId.get(e.to).aliases]));
}
network.on("click", p => { if (p.nodes.length) showNode(p.nodes[0]); else if (p.edges.length) showEdge(p.edges[0]); });
function search(q) {
  q = q.trim().toLowerCase(); const hits = document.getElementById("hits"); hits.replaceChildren();
  if (!q) return [];
  const names = n => [n.label, n.label_en, ...n.aliases].filter(Boolean).map(s => s.toLowerCase());
  const rank = n => names(n).includes(q) ? 0 : names(n).some(s => s.startsWith(q)) ? 1 : 2;  // exact, prefix, inside
  const found = DATA.nodes.filter(n => names(n).some(s => s.includes(q))).map((n, i) => [rank(n), i, n])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(x => x[2]);
  hits.textContent = found.length + " hit(s)";
  if (found.length) { network.selectNodes([found[0].id]); network.focus(found[0].id, {scale: 1.2}); showNode(found[0].id); }
  return found.map(n => n.id);
}
document.getElementById("search").addEventListener("input", e => search(e.target.value));
window.kg = {search, showNode, showEdge, network, data: DATA};
</script></body></html>
"""
