"""Parsing and extraction in parallel — worker processes here, or a Dask cluster: one task per
article, the model loaded once per worker.

Workers need the same environment as the driver (kg, spaCy, GiNZA, ja_ginza). Each task parses
and extracts one article and sends back its ArticleResult without tokens (``incremental.slim``);
the driver takes each as it finishes and then does what it does after a serial run (cross-article
resolution, RDF, store).
``kg.nlp.load_nlp`` is cached per process, so each worker process loads GiNZA on its first task.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from .errors import KgError
from .types import Article, ArticleResult


def extract_article(article: Article) -> ArticleResult:
    """The work of one task (runs on a worker): parse, extract, drop the tokens."""
    from .incremental import slim
    from .nlp import parse
    from .pipeline import extract

    (parsed,) = list(parse([article], batch_size=64))
    return slim(extract(parsed))


@contextlib.contextmanager
def connect(address: str) -> Iterator[object]:
    """A dask.distributed Client for ``local:N`` (a LocalCluster of N one-thread worker processes,
    closed on leaving) or ``tcp://host:port`` (a running scheduler)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--dask needs the `distributed` package (pip install distributed)") from None
    if address.startswith("local:"):
        try:
            n = int(address[len("local:"):])
        except ValueError:
            n = 0
        if n < 1:
            raise KgError(f"--dask {address}: expected local:N with N ≥ 1 workers, or tcp://host:port")
        # no memory limit: a GiNZA worker holds about 0.75 GB, more than an even share on small machines
        with LocalCluster(n_workers=n, processes=True, threads_per_worker=1, memory_limit=0,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    if not address.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise KgError(f"--dask {address}: expected local:N or a scheduler address such as tcp://host:8786")
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise KgError(f"--dask {address}: cannot reach the scheduler ({e})") from None
    with client:
        yield client


def extract_on_cluster(articles: list[Article], *, address: str, progress: Callable[[str], None] | None = None,
                       on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
    """extract_all on a Dask cluster: the same results (without tokens), each as its task finishes
    (reported then, by its input place); an error in one goes to ``on_error`` (or is raised)."""
    from distributed import as_completed

    def run(todo: list[Article]):
        with connect(address) as client:
            futures = client.map(extract_article, todo, pure=False)
            position = {f.key: k for k, f in enumerate(futures)}
            for f in as_completed(futures):
                try:
                    yield position[f.key], f.result
                finally:
                    f.release()

    return _gather(articles, run, progress, on_error)


def extract_in_processes(articles: list[Article], *, processes: int, progress: Callable[[str], None] | None = None,
                         on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
    """extract_all on ``processes`` local worker processes, each loading GiNZA once; the results
    come as they finish.

    Not spaCy's ``nlp.pipe(n_process=…)``: spaCy sends each Doc to its workers as bytes, which
    turns GiNZA's sub-token records into lists, and GiNZA's split-mode-B compound splitter then
    fails on them. Here each worker parses whole articles, as a Dask worker does."""
    import concurrent.futures as cf
    import multiprocessing

    def run(todo: list[Article]):
        # spawn: a worker must not inherit a forked copy of the driver's threads and loaded model
        with cf.ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(extract_article, a): k for k, a in enumerate(todo)}
            try:
                for f in cf.as_completed(futures):
                    yield futures[f], f.result
            except BaseException:
                for f in futures:
                    f.cancel()
                raise

    return _gather(articles, run, progress, on_error)


def _gather(articles, run, progress, on_error) -> Iterator[ArticleResult]:
    """Send the Japanese articles to ``run`` (which yields (position, result getter) as each
    finishes), report each by its input place, and yield the results as they come."""
    from .graph import has_japanese

    total = len(articles)
    todo = []
    for n, a in enumerate(articles):
        if has_japanese(a):
            todo.append(n)
        else:
            if progress:
                progress(f"[{n + 1}/{total}] {a.source}: warning: no Japanese text, nothing extracted")
            yield ArticleResult(article=a, sentences=(), mentions=(), entities=(), facts=())
    if todo:
        for k, get in run([articles[n] for n in todo]):
            n = todo[k]
            a = articles[n]
            try:
                r = get()
            except KgError:
                raise
            except Exception as e:  # noqa: BLE001 - handed to on_error, or re-raised
                if on_error is None:
                    raise
                on_error(a, e)
                continue
            if progress:
                progress(f"[{n + 1}/{total}] {a.source}: {len(r.sentences)} sentences, "
                         f"{len(r.entities)} entities, {len(r.facts)} facts")
            yield r
