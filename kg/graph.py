"""Building a graph folder, and the KnowledgeGraph object that notebooks use."""
from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from . import store as st
from .articles import EncodingWarning_, article_from_text, read_articles
from .entities import resolve_corpus
from .errors import GraphError, InputError, KgError
from .namespaces import ONTOLOGY_IRI
from .rdf import add_article, new_dataset, union_graph
from .types import Article, ArticleResult

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"


def load_ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def has_japanese(article: Article) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in article.text)


def extract_all(articles: list[Article], *, progress: Callable[[str], None] | None = None,
                batch_size: int = 32, n_process: int = 1,
                on_error: Callable[[Article, Exception], None] | None = None) -> list[ArticleResult]:
    """Parse and extract every article, in order, reporting each as it is done. A text with no
    Japanese is not parsed: it gives an article node with nothing in it, and a warning.

    An error while extracting one article (a bug in kg that this text brings out) propagates;
    with ``on_error`` it is passed there with the article, which is left out, and the rest go on."""
    from .nlp import parse
    from .pipeline import extract

    japanese = [has_japanese(a) for a in articles]
    # parse yields in input order, so each result is taken (and reported) as it comes
    stream = parse([a for a, jp in zip(articles, japanese) if jp], batch_size=batch_size,
                   n_process=n_process) if any(japanese) else iter(())
    results = []
    for n, (a, jp) in enumerate(zip(articles, japanese), 1):
        where = f"[{n}/{len(articles)}] {a.source}"
        if not jp:
            results.append(ArticleResult(article=a, sentences=(), mentions=(), entities=(), facts=()))
            if progress:
                progress(f"{where}: warning: no Japanese text, nothing extracted")
            continue
        parsed = next(stream)
        try:
            r = extract(parsed)
        except Exception as e:  # noqa: BLE001 - handed to on_error, or re-raised
            if on_error is None:
                raise
            on_error(a, e)
            continue
        results.append(r)
        if progress:
            progress(f"{where}: {len(r.sentences)} sentences, {len(r.entities)} entities, {len(r.facts)} facts")
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
    """graph.trig, graph.ttl, store/ and graph.html. Everything is written under temporary names
    first; only then is each output renamed into place, so a build stopped at any point (even by
    SIGKILL) leaves every previous output whole, and a failure while rendering changes nothing."""
    from .visualise import render_html

    trig = ds.serialize(format="trig")
    data = _data_graph(ds)
    ttl = data.serialize(format="turtle")
    page = render_html(data, ontology=load_ontology(), title=f"kg — {out.name}") if html else None
    if out.exists() and not out.is_dir():
        raise GraphError(f"{out}: is a file, not a graph folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        st.remove_stale_temporaries(out)
        with contextlib.ExitStack() as stack:
            # on leaving, ExitStack renames in reverse order: page, Turtle, store, TriG
            tmp_trig = stack.enter_context(st.atomic_path(out / st.TRIG))
            tmp_trig.write_text(trig, encoding="utf-8")
            stack.enter_context(st.fresh_store(out, tmp_trig))
            stack.enter_context(st.atomic_path(out / st.TTL)).write_text(ttl, encoding="utf-8")
            if page is not None:
                stack.enter_context(st.atomic_path(out / st.HTML)).write_text(page, encoding="utf-8")
    except OSError as e:  # not a folder, no permission, disk full: nothing was replaced
        raise GraphError(f"{out}: cannot write the graph folder ({e.strerror or e})") from None


def _data_graph(ds: Dataset) -> Graph:
    """All article graphs as one graph (the ontology left out)."""
    g = union_graph(new_dataset())
    for q in ds.quads((None, None, None, None)):
        if str(q[3]) != ONTOLOGY_IRI:
            g.add(q[:3])
    return g


class BuildResults(list):
    """What build_directory returns: the ArticleResults (a list), and ``skipped``, the one-line
    message of each bad input that was left out."""

    skipped: tuple[str, ...] = ()


def build_directory(paths: Iterable[str | Path], out: str | Path, *, encoding: str | None = None,
                    progress: Callable[[str], None] | None = None, html: bool = True,
                    strict: bool = False, processes: int = 1, dask: str | None = None,
                    prune: bool = False) -> BuildResults:
    """Read, extract and write a graph folder.

    A bad article (an unreadable file, a bad JSONL line, a text extraction fails on) is left out
    with a warning through ``progress`` and counted in ``.skipped``. With ``strict``, or when
    nothing is left (a single bad file is the whole input), it is an error and nothing is written."""
    articles, skipped = _read_for_build(paths, encoding=encoding, strict=strict, progress=progress)

    def extraction_failed(a: Article, e: Exception) -> None:
        skipped.append(f"{a.source}: extraction failed ({e.__class__.__name__}: {e}); this is a bug in kg, "
                       f"please report it with the article")
        if progress and len(articles) > 1:  # a lone article's failure is the error line itself
            progress(f"warning: skipped {skipped[-1]}")

    # an article unchanged since the last build into ``out`` is not parsed again (kg.incremental);
    # ``processes`` > 1 or ``dask`` parse in worker processes or on a Dask cluster (kg.distributed)
    from . import incremental

    results = BuildResults(incremental.extract_incremental(
        articles, Path(out), extract=incremental.extractor(processes=processes, dask=dask), progress=progress,
        on_error=None if strict else extraction_failed, prune=prune))
    if not results:
        raise KgError(skipped[-1] if len(articles) == 1 else f"no articles to build ({len(skipped)} skipped)")
    results.skipped = tuple(skipped)
    # one node per person across the corpus; the kept per-article results stay unresolved
    write_directory(dataset_for(resolve_corpus(list(results))), Path(out), html=html)
    incremental.save(Path(out), results)
    return results


def _read_for_build(paths, *, encoding, strict, progress) -> tuple[list[Article], list[str]]:
    """The readable articles and the one-line messages of the bad ones (reported as warnings)."""
    bad: list[InputError] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EncodingWarning_)
        articles = read_articles(paths, encoding=encoding, on_bad=None if strict else bad.append)
    if not articles and len(bad) == 1:
        raise bad[0]
    if progress:
        for w in caught:
            progress(f"warning: {w.message}")
        for e in bad:
            progress(f"warning: skipped {e}")
    if not articles:
        raise InputError(f"no articles to build ({len(bad)} inputs skipped)" if bad else "no articles to build")
    return articles, [str(e) for e in bad]


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
    results = resolve_corpus(extract_all(articles, progress=report))
    return KnowledgeGraph(dataset_for(results), results)
