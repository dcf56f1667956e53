"""Building a graph folder, and the KnowledgeGraph object that notebooks use.

A build (:func:`build_directory`) holds each article's extraction compressed, without tokens
(:class:`kg.incremental.Kept`), resolves person names across the corpus from the entities alone,
and writes each article's named graph once as sorted N-Quads (its shard, kept in articles/ for the
next build); graph.trig, graph.ttl and the store are then streamed from the shards
(:func:`kg.store.write_folder`). Memory stays about flat as the corpus grows, and a rebuild
re-generates only the articles whose extraction or cross-article resolution changed.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import RDF, Dataset, Graph, URIRef

from . import store as st
from .articles import EncodingWarning_, article_from_text, read_articles
from .entities import resolve_corpus
from .errors import GraphError, InputError, KgError
from .namespaces import KG, ONTOLOGY_IRI, RESOURCE_BASE
from .rdf import TEXT_PREFIXES, add_article, new_dataset, union_graph
from .types import Article, ArticleResult, Entity, Fact

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
    return list(iter_extract(articles, progress=progress, batch_size=batch_size, n_process=n_process,
                             on_error=on_error))


def iter_extract(articles: list[Article], *, progress: Callable[[str], None] | None = None,
                 batch_size: int = 32, n_process: int = 1,
                 on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
    """extract_all, one result at a time (a build keeps each compactly and drops its tokens)."""
    from .nlp import parse
    from .pipeline import extract

    japanese = [has_japanese(a) for a in articles]
    # parse yields in input order, so each result is taken (and reported) as it comes
    stream = parse([a for a, jp in zip(articles, japanese) if jp], batch_size=batch_size,
                   n_process=n_process) if any(japanese) else iter(())
    for n, (a, jp) in enumerate(zip(articles, japanese), 1):
        where = f"[{n}/{len(articles)}] {a.source}"
        if not jp:
            if progress:
                progress(f"{where}: warning: no Japanese text, nothing extracted")
            yield ArticleResult(article=a, sentences=(), mentions=(), entities=(), facts=())
            continue
        parsed = next(stream)
        try:
            r = extract(parsed)
        except Exception as e:  # noqa: BLE001 - handed to on_error, or re-raised
            if on_error is None:
                raise
            on_error(a, e)
            continue
        del parsed
        if progress:
            progress(f"{where}: {len(r.sentences)} sentences, {len(r.entities)} entities, {len(r.facts)} facts")
        yield r


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
    """graph.trig, graph.ttl, store/ and graph.html of an rdflib Dataset (its named graphs).
    Everything is written under temporary names first; only then is each output renamed into place,
    so a build stopped at any point (even by SIGKILL) leaves every previous output whole, and a
    failure while rendering changes nothing. (A build goes through :func:`write_build`.)"""
    import pyoxigraph as ox

    from .rdf import sorted_nquads, to_oxigraph

    out = Path(out)
    by_graph: dict[str, list] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = str(getattr(g, "identifier", g))
        if g is None or name == "urn:x-rdflib:default":
            continue  # kg's datasets hold named graphs only
        by_graph.setdefault(name, []).append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(name)))
    with _graph_folder(out) as stage:
        graphs = []
        for n, name in enumerate(sorted(by_graph)):
            files = st.GraphFiles(name, stage / f"graph-{n}.nq", stage / f"graph-{n}.trig")
            st.write_graph_files(sorted_nquads(by_graph.pop(name)), files.nquads, files.trig, prefixes=TEXT_PREFIXES)
            graphs.append(files)
        _write_outputs(out, graphs, stage, html=html)


def _write_outputs(out: Path, graphs: list, stage: Path, *, html: bool) -> None:
    st.write_folder(out, graphs, scratch=stage, prefixes=TEXT_PREFIXES, not_in_union=frozenset({ONTOLOGY_IRI}),
                    page=functools.partial(_page, title=f"kg — {out.name}") if html else None)


# What the page (kg.analysis.to_networkx) does not read: mentions and article nodes, and these
# predicates. Left out of the rdflib graph the page is made from, they cost it nothing; the
# mentions alone are half the triples. tests/test_write_path.py checks the page is the same.
_NOT_ON_PAGE = frozenset(str(KG[p]) for p in ("sentenceIndex", "endIndex", "rule", "confidence", "dateText",
                                              "amount", "unit", "time", "sha256", "sourcePath"))
_ARTICLE = RESOURCE_BASE + "article/"


def _page(ttl_file: Path, *, title: str) -> str:
    """graph.html from the union of the article graphs (graph.ttl): the page shows entities and
    fact edges with their sentences, so only the triples it reads are put into rdflib."""
    import pyoxigraph as ox

    from .rdf import to_rdflib
    from .visualise import render_html

    g = Graph(store="SimpleMemory")  # no contexts to keep: faster to fill
    terms: dict = {}

    def term(t):
        r = terms.get(t)
        if r is None:
            r = terms[t] = to_rdflib(t)
        return r

    rdf_type = str(RDF.type)
    for q in ox.parse(path=str(ttl_file), format=ox.RdfFormat.TURTLE):
        s, p = q.subject.value, q.predicate.value
        if p in _NOT_ON_PAGE or (s.startswith(_ARTICLE) and ("/mention/" in s or "/" not in s[len(_ARTICLE):]
                                                              or p == rdf_type)):
            continue
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return render_html(g, ontology=load_ontology(), title=title)


@contextlib.contextmanager
def _graph_folder(out: Path) -> Iterator[Path]:
    """Check ``out``, create it, clear what killed builds left in it, and give a scratch folder in
    it for the length of the block; an OSError (not a folder, no permission, disk full: nothing was
    replaced) becomes a one-line GraphError."""
    if out.exists() and not out.is_dir():
        raise GraphError(f"{out}: is a file, not a graph folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        st.remove_stale_temporaries(out)
        with st.staging(out) as stage:
            yield stage
    except OSError as e:
        raise GraphError(f"{out}: cannot write the graph folder ({e.strerror or e})") from None


@functools.lru_cache(maxsize=1)
def _ontology_lines() -> tuple[str, ...]:
    import pyoxigraph as ox

    from .rdf import sorted_nquads

    g = ox.NamedNode(ONTOLOGY_IRI)
    return tuple(sorted_nquads(ox.Quad(q.subject, q.predicate, q.object, g)
                               for q in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)))


def _data_graph(ds: Dataset) -> Graph:
    """All article graphs as one graph (the ontology left out)."""
    g = union_graph(new_dataset())
    for q in ds.quads((None, None, None, None)):
        if str(q[3]) != ONTOLOGY_IRI:
            g.add(q[:3])
    return g


# ------------------------------------------------------------------ cross-article resolution, streamed

def corpus_resolution(entity_lists: Sequence[tuple[Entity, ...]]) -> tuple[dict[str, str], list[tuple[Entity, ...]]]:
    """:func:`kg.entities.resolve_corpus` on the articles' entities alone: the key mapping it applies
    (山田's key → 山田太郎's) and each article's resolved entities. resolve_corpus reads only the
    entities to decide, and maps fact roles with the same mapping, so a stand-in fact per article
    whose roles are its entity keys (each under its own name) gives the mapping back, without
    holding the articles' mentions and facts."""
    stand_ins = []
    for n, ents in enumerate(entity_lists):
        art = Article(id=f"a{n}", text="", source="", sha256="")
        facts = (Fact(cls="", predicate="", sentence=0, roles=tuple((e.key, e.key) for e in ents)),) if ents else ()
        stand_ins.append(ArticleResult(article=art, sentences=(), mentions=(), entities=ents, facts=facts))
    remap: dict[str, str] = {}
    resolved = []
    for r in resolve_corpus(stand_ins):
        resolved.append(r.entities)
        for f in r.facts:
            remap.update((key, target) for key, target in f.roles if target != key)
    return remap, resolved


def apply_resolution(result: ArticleResult, entities: tuple[Entity, ...], remap: dict[str, str]) -> ArticleResult:
    """One article as resolve_corpus leaves it, given corpus_resolution's answer."""
    if not remap:
        return result
    facts = tuple(dataclasses.replace(f, roles=tuple(sorted({(role, remap.get(k, k)) for role, k in f.roles})))
                  for f in result.facts)
    mentions = tuple((m, remap.get(k, k)) for m, k in result.mentions)
    return dataclasses.replace(result, entities=entities, facts=facts, mentions=mentions)


def write_build(out: Path, records: list, *, html: bool = True) -> None:
    """The graph outputs of a build from its kept extractions (:class:`kg.incremental.Kept`, in
    build order), then the kept state (kg.incremental.save). Each article's named graph is made
    from its extraction only when its shard in articles/ does not match (kg.incremental.shard_key):
    new or changed, or its cross-article resolution changed."""
    from . import incremental

    out = Path(out)
    remap, resolved = corpus_resolution([r.entities for r in records])
    with _graph_folder(out) as stage:
        graphs = []
        made: dict[str, st.GraphFiles] = {}
        for rec, ents in zip(records, resolved):
            key = incremental.shard_key(rec, ents, remap)
            files = incremental.kept_shard(out, rec.article.id)
            if not incremental.shard_matches(files, key):
                files = made[rec.article.id] = st.GraphFiles(files.iri, stage / files.nquads.name,
                                                             stage / files.trig.name)
                incremental.write_shard(files, key, apply_resolution(rec.result(), ents, remap))
            graphs.append(dataclasses.replace(files, key=key))
        lines = _ontology_lines()
        ontology = st.GraphFiles(ONTOLOGY_IRI, stage / "ontology.nq", stage / "ontology.trig",
                                 key=hashlib.sha256("".join(lines).encode("utf-8")).hexdigest())
        st.write_graph_files(list(lines), ontology.nquads, ontology.trig, prefixes=TEXT_PREFIXES)
        graphs.append(ontology)
        graphs.sort(key=lambda g: g.iri)
        _write_outputs(out, graphs, stage, html=html)
        incremental.save(out, records, made)


class BuildResults(Sequence):
    """What build_directory returns: each article's ArticleResult (without tokens, before
    cross-article resolution), read from its compressed copy when asked for, and ``skipped``, the
    one-line message of each bad input that was left out."""

    skipped: tuple[str, ...] = ()

    def __init__(self, records: list, skipped: Iterable[str] = ()):
        self._records = records
        self.skipped = tuple(skipped)

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [r.result() for r in self._records[i]]
        return self._records[i].result()

    def __repr__(self) -> str:
        return f"<BuildResults: {len(self)} articles, {len(self.skipped)} skipped>"


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

    records = incremental.collect(
        articles, Path(out), extract=incremental.extractor(processes=processes, dask=dask), progress=progress,
        on_error=None if strict else extraction_failed, prune=prune)
    if not records:
        raise KgError(skipped[-1] if len(articles) == 1 else f"no articles to build ({len(skipped)} skipped)")
    # one node per person across the corpus; the kept per-article extractions stay unresolved
    write_build(Path(out), records, html=html)
    return BuildResults(records, skipped)


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
