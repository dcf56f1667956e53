"""Building a graph folder, and the KnowledgeGraph object that notebooks use."""
from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from . import store as st
from .articles import EncodingWarning_, article_from_text, read_articles
from .errors import InputError
from .namespaces import ONTOLOGY_IRI
from .rdf import add_article, new_dataset, union_graph
from .types import Article, ArticleResult

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"


def load_ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def has_japanese(article: Article) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in article.text)


def extract_all(articles: list[Article], *, progress: Callable[[str], None] | None = None,
                batch_size: int = 32, n_process: int = 1) -> list[ArticleResult]:
    """Parse and extract every article, in order. A text with no Japanese is not parsed: it gives
    an article node with nothing in it, and a warning."""
    from .pipeline import extract_articles

    japanese = [a for a in articles if has_japanese(a)]
    done = {r.article.id: r for r in extract_articles(japanese, batch_size=batch_size, n_process=n_process)}
    results = []
    for n, a in enumerate(articles, 1):
        r = done.get(a.id) or ArticleResult(article=a, sentences=(), mentions=(), entities=(), facts=())
        results.append(r)
        if progress:
            if a.id not in done:
                progress(f"[{n}/{len(articles)}] {a.source}: warning: no Japanese text, nothing extracted")
            else:
                progress(f"[{n}/{len(articles)}] {a.source}: {len(r.sentences)} sentences, "
                         f"{len(r.entities)} entities, {len(r.facts)} facts")
    return results


def dataset_for(results: Iterable[ArticleResult], *, with_ontology: bool = True) -> Dataset:
    ds = new_dataset()
    for r in results:
        add_article(ds, r)
    if with_ontology:
        og = ds.graph(URIRef(ONTOLOGY_IRI))
        for t in load_ontology():
            og.add(t)
    return ds


def write_directory(ds: Dataset, out: Path, *, html: bool = True) -> None:
    """graph.trig, graph.ttl, store/ and graph.html, each replaced atomically."""
    from .visualise import render_html

    out.mkdir(parents=True, exist_ok=True)
    trig = ds.serialize(format="trig")
    data = _data_graph(ds)
    ttl = data.serialize(format="turtle")
    with st.atomic_path(out / st.TRIG) as tmp:
        tmp.write_text(trig, encoding="utf-8")
        st.write_store(out, tmp)
    st.write_text(out / st.TTL, ttl)
    if html:
        st.write_text(out / st.HTML, render_html(data, ontology=load_ontology(), title=f"kg — {out.name}"))


def _data_graph(ds: Dataset) -> Graph:
    """All article graphs as one graph (the ontology left out)."""
    g = union_graph(new_dataset())
    for q in ds.quads((None, None, None, None)):
        if str(q[3]) != ONTOLOGY_IRI:
            g.add(q[:3])
    return g


def build_directory(paths: Iterable[str | Path], out: str | Path, *, encoding: str | None = None,
                    progress: Callable[[str], None] | None = None, html: bool = True) -> list[ArticleResult]:
    """Read, extract and write a graph folder. Nothing is written unless every input reads."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EncodingWarning_)
        articles = read_articles(paths, encoding=encoding)
    for w in caught:
        if progress:
            progress(f"warning: {w.message}")
    if not articles:
        raise InputError("no articles to build")
    results = extract_all(articles, progress=progress)
    write_directory(dataset_for(results), Path(out), html=html)
    return results


class KnowledgeGraph:
    """A built graph in memory: query it, look at it, hand it to networkx or pandas."""

    def __init__(self, dataset: Dataset, results: list[ArticleResult] | None = None):
        self.dataset = dataset
        self.results = results or []
        self._store = None

    @classmethod
    def load(cls, directory: str | Path) -> "KnowledgeGraph":
        d = st.check_graph_dir(directory)
        ds = Dataset()
        ds.parse(d / st.TRIG, format="trig")
        return cls(ds)

    @property
    def graph(self) -> Graph:
        return _data_graph(self.dataset)

    @property
    def store(self):
        if self._store is None:
            import pyoxigraph

            self._store = pyoxigraph.Store()
            self._store.load(self.dataset.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
            st.add_union_graph(self._store)
        return self._store

    def query(self, name_or_sparql: str, **params):
        """A bundled query by name (``meetings``), a .rq path, or SPARQL text → pandas.DataFrame."""
        import pandas as pd

        from .queries import read_query, run_query, term_value

        text = name_or_sparql.strip()
        q = text if text.upper().startswith(("PREFIX", "SELECT", "ASK", "BASE")) else read_query(text)
        cols, rows = run_query(self.store, q, params)
        return pd.DataFrame([[term_value(v) for v in row] for row in rows], columns=cols)

    def to_networkx(self):
        from .analysis import to_networkx

        return to_networkx(self.graph)

    def html(self, **kwargs) -> str:
        from .visualise import render_html

        return render_html(self.graph, ontology=load_ontology(), **kwargs)

    def show(self, height: int = 600, **kwargs):
        """The page inline in Jupyter, VS Code or Colab: an iframe srcdoc, not a file URL."""
        import html as _html

        from IPython.display import HTML

        doc = _html.escape(self.html(**kwargs), quote=True)
        # wrapped in a div: IPython warns "Consider using IPython.display.IFrame" about a bare
        # <iframe>, and IFrame takes a src URL, which the page must not need
        return HTML(f'<div><iframe srcdoc="{doc}" style="width:100%;height:{int(height)}px;border:0" '
                    f'sandbox="allow-scripts"></iframe></div>')

    @property
    def entities(self):
        import pandas as pd

        G = self.to_networkx()
        return pd.DataFrame([{"iri": n, "label": d["label"], "label_en": d["label_en"], "class": d["cls"],
                              "wikidata": d["wikidata"], "degree": G.degree(n)} for n, d in G.nodes(data=True)],
                            columns=["iri", "label", "label_en", "class", "wikidata", "degree"])

    @property
    def facts(self):
        return self.query("""PREFIX kg: <https://w3id.org/kgnews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?fact ?relation ?predicate ?subject ?object ?date ?modality ?sentence ?article WHERE {
  ?fact kg:evidence ?s ; a ?c ; kg:predicate ?predicate ; kg:agent ?a ; kg:modality ?m .
  ?c rdfs:label ?relation . FILTER(LANG(?relation) = "en")
  ?a rdfs:label ?subject . FILTER(LANG(?subject) = "ja")
  ?m rdfs:label ?modality . FILTER(LANG(?modality) = "en")
  ?s kg:text ?sentence ; kg:inArticle ?art . ?art kg:sourcePath ?article .
  OPTIONAL { ?fact kg:participant|kg:theme|kg:recipient|kg:location|kg:position ?o .
             ?o rdfs:label ?object . FILTER(LANG(?object) = "ja") }
  OPTIONAL { ?fact kg:date ?date }
} ORDER BY ?article ?sentence ?relation""")


def build(texts_or_paths: str | Path | Iterable[str | Path], *, progress: bool = False) -> KnowledgeGraph:
    """Build in memory from texts (str with Japanese) or paths (files, folders)."""
    items = [texts_or_paths] if isinstance(texts_or_paths, (str, Path)) else list(texts_or_paths)
    articles: list[Article] = []
    paths = []
    for item in items:
        if isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 400 and Path(item).exists()):
            paths.append(item)
        else:
            articles.append(article_from_text(str(item)))
    if paths:
        articles.extend(read_articles(paths))
    report = (lambda line: print(line, file=sys.stderr)) if progress else None
    results = extract_all(articles, progress=report)
    return KnowledgeGraph(dataset_for(results), results)
