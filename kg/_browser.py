"""Headless Chromium with the network shut off, for the browser tests, scripts/screenshot.py and
benchmarks/page_draw.py. Not used by kg itself: Playwright is imported only when a browser starts,
so kg does not depend on it (``pip install -e '.[test]'`` brings it).

    with chromium() as browser:
        o = offline_page(browser)                  # a fresh context; only file:// URLs load
        o.page.goto(path.as_uri())
        poll(o.page, "window.kgReady === true")
        ...
        assert o.external == [] and o.errors == []
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextlib.contextmanager
def chromium(executable: str = CHROMIUM, args: list[str] | None = None) -> Iterator:
    """A Playwright Browser running Debian's Chromium; closed on leaving the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS if args is None else args)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Offline:
    context: object
    page: object
    external: list[str] = field(default_factory=list)   # every request refused (not under an allowed prefix)
    errors: list[str] = field(default_factory=list)     # uncaught exceptions in the page


def offline_page(browser, *, allow: tuple[str, ...] = ("file://",), width: int = 1400, height: int = 900) -> Offline:
    """A page in a fresh context where only URLs starting with one of ``allow`` load; every other
    request is aborted and recorded in ``external``. Close it with ``o.context.close()``."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    o = Offline(context, page)

    def route(r):
        if r.request.url.startswith(allow):
            r.continue_()
        else:
            o.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda e: o.errors.append(str(e)))
    return o


def poll(page, expression: str, *, timeout: int = 30_000, interval: int = 100) -> None:
    """Wait until a JavaScript expression is truthy (``timeout`` and ``interval`` in ms, as in
    Playwright). Playwright's wait_for_function evaluates its predicate with eval() in the page when it
    has to poll, which kg's page forbids (its Content-Security-Policy has no 'unsafe-eval');
    page.evaluate goes through the DevTools protocol and is not blocked."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} ms waiting for: {expression}")
        page.wait_for_timeout(interval)
