"""How `kg build` reports progress on stderr.

On a terminal: a tqdm bar (articles done, rate, time left), with warnings printed above it; once
every article is done it says the graph folder is being written (for a large corpus that takes a
while: graph.trig, graph.ttl, store/, graph.html).
Not on a terminal (a log, a pipe): one line per article, as before. With ``quiet``: nothing (the
command prints its one summary line, or its one error line, itself).
The library reports lines (``progress(line)``); an article's line starts with ``[n/N]``.
"""
from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

_ARTICLE = re.compile(r"^\[(\d+)/(\d+)\] ")


def is_warning(line: str) -> bool:
    return line.startswith("warning:") or ": warning:" in line


@contextlib.contextmanager
def reporter(stream: TextIO | None = None, *, quiet: bool = False,
             bar: bool | None = None) -> Iterator[Callable[[str], None]]:
    """A progress callback for the duration of a build. ``bar`` defaults to "stream is a TTY"."""
    stream = stream or sys.stderr

    def write(line: str) -> None:
        print(line, file=stream, flush=True)

    if quiet:
        yield lambda line: None
        return
    if bar is None:
        bar = stream.isatty()
    if not bar:
        yield write
        return
    from tqdm import tqdm

    state: dict[str, tqdm] = {}

    def report(line: str) -> None:
        m = _ARTICLE.match(line)
        pbar = state.get("bar")
        if m and pbar is None:
            pbar = state["bar"] = tqdm(total=int(m.group(2)), unit="article", file=stream, dynamic_ncols=True,
                                       smoothing=0.1)
        if pbar is None:
            write(line)
            return
        if not m or is_warning(line):
            pbar.write(line, file=stream)
        if m:
            pbar.update(1)
            if pbar.n >= pbar.total:
                pbar.set_postfix_str("writing the graph folder…")

    try:
        yield report
    finally:
        if "bar" in state:
            state["bar"].close()
