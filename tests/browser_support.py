"""Shared Playwright fixtures: the built site on a local server, Debian's Chromium, and a record of
every request a page makes to any host but that server.

Imported by the browser test modules (`from browser_support import *` brings the fixtures in).
Without /usr/bin/chromium the tests skip with a message, except under CI=true where that is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a root user in a container, and no phoning home from the browser itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
NOT_NETWORK = ("data", "blob", "about", "chrome", "chrome-extension")
HOW_TO_ENABLE = ("Debian's Chromium is missing at /usr/bin/chromium: `sudo apt-get install chromium` to run the "
                 "browser and accessibility tests (CI=true turns this skip into a failure).")


def require_chromium() -> None:
    """Skip (laptop) or fail (CI=true) when the browser is not installed."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(HOW_TO_ENABLE, pytrace=False)
    pytest.skip(HOW_TO_ENABLE)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@dataclass
class LocalSite:
    root: str  # "http://127.0.0.1:<port>/"

    def url(self, path: str = "") -> str:
        return self.root + path.lstrip("/")

    @property
    def netloc(self) -> str:
        return urlsplit(self.root).netloc


@dataclass
class RequestLog:
    """Every request pages made to a host that is not the local server, with the page that made it."""

    local_netloc: str
    foreign: list[tuple[str, str]] = field(default_factory=list)  # (page URL, request URL)
    local_count: int = 0

    def is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in NOT_NETWORK and parts.netloc != self.local_netloc

    def watch(self, context) -> None:
        """Record every request of a browser context, and stop foreign ones before they leave the machine."""

        def route(route, request):
            if self.is_foreign(request.url):
                self.foreign.append((request.frame.url if request.frame else "", request.url))
                route.abort()
            else:
                self.local_count += 1
                route.continue_()

        context.route("**/*", route)


@pytest.fixture(scope="session")
def local_site(built_site) -> Iterator[LocalSite]:
    """The session's strict build, served on 127.0.0.1 by a thread of this process."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LocalSite(f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def session_requests(local_site) -> RequestLog:
    """Foreign requests over every page any browser test visited (each test also checks its own)."""
    return RequestLog(local_site.netloc)


@dataclass
class BrowserPage:
    """A Playwright page plus what it reported: console errors, uncaught exceptions, foreign requests."""

    page: object
    site: LocalSite
    requests: RequestLog
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)  # "404 http://..."

    def open(self, path: str = ""):
        response = self.page.goto(self.site.url(path), wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"
        return response

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and failed requests of the pages visited so far.

        (Material fetches sitemap.xml from the folder of every <link rel="alternate">, feeds/ and api/
        included; macros/outputs/directory_sitemaps.py writes those files so that this stays empty.)
        """
        return self.console_errors + self.failed_responses


def type_in_search(page, query: str) -> None:
    """Type a query into Material's search box once its index is ready."""
    box = page.locator("input.md-search__input")
    box.click()  # at desktop width the box is in the header; the label is the mobile toggle
    # Focusing the box starts the index download (overrides/main.html); wait until the worker says it is ready
    # (the meta line leaves "Initializing search") before typing: a state, not a delay.
    page.wait_for_function("""() => {
        const meta = document.querySelector(".md-search-result__meta");
        return meta && meta.textContent.trim() !== "" && !/Initializing/.test(meta.textContent);
    }""", timeout=60_000)
    box.fill(query)
    box.press("End")  # a key event: Material reads the query on keyboard events, not on `input` alone


def search(page, query: str) -> list[str]:
    """Type into Material's search box; return the hrefs of the results it lists."""
    type_in_search(page, query)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(state="attached", timeout=30_000)
    return results.evaluate_all("links => links.map(a => a.href)")


def open_context(chromium, local_site: LocalSite, log: RequestLog, color_scheme: str = "light") -> BrowserPage:
    context = chromium.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900},
                                   service_workers="block")
    log.watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    result = BrowserPage(page, local_site, log)
    page.on("console", lambda message: message.type == "error" and result.console_errors.append(message.text))
    page.on("pageerror", lambda error: result.console_errors.append(f"uncaught: {error}"))
    page.on("response", lambda response: response.status >= 400
            and result.failed_responses.append(f"{response.status} {response.url}"))
    return result


def _page_fixture(color_scheme: str):
    @pytest.fixture
    def fixture(chromium, local_site, session_requests) -> Iterator[BrowserPage]:
        log = RequestLog(local_site.netloc)
        browser_page = open_context(chromium, local_site, log, color_scheme)
        yield browser_page
        browser_page.page.context.close()
        session_requests.foreign += log.foreign
        assert not log.foreign, f"requests to hosts other than {local_site.netloc}: {log.foreign}"

    return fixture


# A fresh context per test (cheap next to the shared browser): no state leaks between tests.
site_page = _page_fixture("light")
dark_site_page = _page_fixture("dark")
