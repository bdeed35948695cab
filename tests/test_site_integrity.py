"""The built site as a crawler sees it: every internal link and anchor resolves, every page has one
h1, a title and a description, its tags balance, and it stays under the page-weight budget.

Leftover template syntax and models.json == catalogue are checked in test_catalog_and_pages.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

PAGE_BUDGET_BYTES = 150 * 1024
SITE_URL = "https://qwenatlas.org/"  # mkdocs.yml site_url: links to it are links into this site
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param"}
# Elements whose end tag HTML lets an author leave out; the parser closes them implicitly.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
                "colgroup", "caption", "rt", "rp", "html", "head", "body"}
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")}
# Fragments Material's JavaScript resolves at run time, not ids in the HTML.
SCRIPT_FRAGMENTS = ("__",)


@dataclass
class PageFacts:
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    h1_count: int = 0
    title: str = ""
    description: str | None = None
    redirect: bool = False
    balance_errors: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._stack: list[tuple[str, int]] = []
        self._in_title = False
        self._in_svg = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        facts = self.facts
        if attrs.get("id"):
            facts.ids.append(attrs["id"])
        if tag == "a" and attrs.get("name"):
            facts.ids.append(attrs["name"])
        for element, attribute in LINK_ATTRS:
            if tag == element and attrs.get(attribute) is not None and attrs.get("rel") not in ("preconnect",):
                facts.links.append(attrs[attribute])
        if tag == "h1":
            facts.h1_count += 1
        elif tag == "title" and not self._in_svg:
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            facts.description = attrs.get("content") or ""
        elif tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            facts.redirect = True
        if tag == "svg":
            self._in_svg += 1
        if tag not in VOID:
            self._stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):  # <br/>, <path .../>: nothing to close
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._stack.pop()
        if tag == "svg":
            self._in_svg -= 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "svg":
            self._in_svg -= 1
        if tag in VOID:
            return
        if not any(open_tag == tag for open_tag, _ in self._stack):
            self.facts.balance_errors.append(f"line {self.getpos()[0]}: </{tag}> closes nothing")
            return
        while self._stack:
            open_tag, line = self._stack.pop()
            if open_tag == tag:
                return
            if open_tag not in OPTIONAL_END:
                self.facts.balance_errors.append(f"line {line}: <{open_tag}> is never closed (found </{tag}>)")

    def handle_data(self, data):
        if self._in_title:
            self.facts.title += data

    def close(self):
        super().close()
        for open_tag, line in self._stack:
            if open_tag not in OPTIONAL_END:
                self.facts.balance_errors.append(f"line {line}: <{open_tag}> is never closed")


def page_facts(html: str) -> PageFacts:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.facts


def site_pages(site: Path) -> dict[str, PageFacts]:
    """Facts of every HTML page, by path relative to the site root."""
    return {p.relative_to(site).as_posix(): page_facts(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


def _target_file(site: Path, path: str) -> Path | None:
    """The file a site-relative URL path serves, as a static server would (dir/ -> dir/index.html)."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def link_problems(site: Path, pages: dict[str, PageFacts]) -> list[str]:
    """Every internal link or anchor that does not resolve, as 'page: link: why'."""
    problems = []
    base = "http://site.invalid/"
    for page, facts in pages.items():
        page_url = urljoin(base, page)
        for link in facts.links:
            absolute = urljoin(SITE_URL, link[len(SITE_URL):]) if link.startswith(SITE_URL) else link
            if absolute.startswith(SITE_URL):  # our own canonical address: check it like a relative link
                resolved = urljoin(base, absolute[len(SITE_URL):])
            else:
                resolved = urljoin(page_url, link)
            parts = urlsplit(resolved)
            if parts.netloc != "site.invalid" or parts.scheme != "http":
                continue  # another site, mailto:, javascript:
            target = _target_file(site, parts.path)
            if target is None:
                problems.append(f"{page}: {link}: no such file")
                continue
            fragment = unquote(parts.fragment)
            if not fragment or fragment.startswith(SCRIPT_FRAGMENTS) or target.suffix != ".html":
                continue
            target_key = target.relative_to(site).as_posix()
            if fragment not in pages[target_key].ids:
                problems.append(f"{page}: {link}: no element with id '{fragment}' in {target_key}")
    return problems


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, PageFacts]:
    return site_pages(built_site)


def test_the_crawl_sees_the_whole_site(pages, catalog):
    assert len(pages) > len(catalog.models) + len(catalog.families)
    assert sum(len(f.links) for f in pages.values()) > 10 * len(pages)


def test_every_internal_link_and_anchor_resolves(built_site, pages):
    problems = link_problems(built_site, pages)
    assert problems == [], f"{len(problems)} broken internal links:\n" + "\n".join(problems[:50])


def test_each_page_has_one_h1_a_title_and_a_description(pages):
    problems = []
    for page, facts in sorted(pages.items()):
        if facts.redirect:  # a redirect stub is not read by anyone; it only needs to send them on
            continue
        if facts.h1_count != 1:
            problems.append(f"{page}: {facts.h1_count} h1 elements")
        if not facts.title.strip():
            problems.append(f"{page}: no <title>")
        if not (facts.description or "").strip():
            problems.append(f"{page}: no meta description")
    assert problems == [], "\n".join(problems)


def test_every_page_is_well_formed(pages):
    problems = [f"{page}: {error}" for page, facts in sorted(pages.items()) for error in facts.balance_errors]
    problems += [f"{page}: duplicate id '{i}'" for page, facts in sorted(pages.items())
                 for i in sorted({i for i in facts.ids if facts.ids.count(i) > 1})]
    assert problems == [], "\n".join(problems[:50])


def test_no_page_is_over_the_size_budget(built_site):
    sizes = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in built_site.rglob("*.html")}
    over = {page: size for page, size in sizes.items() if size > PAGE_BUDGET_BYTES}
    assert over == {}, f"pages over {PAGE_BUDGET_BYTES // 1024} KB: {over}"


# The checks above must be able to fail: a small site with one of each mistake.
BROKEN_PAGE = """<!doctype html><html><head><title>t</title></head><body>
<h1>One</h1><h1>Two</h1><div><p>unclosed div
<a href="missing/">gone</a> <a href="#nowhere">anchor</a> <a href="other/#there">ok</a>
<a href="other/#elsewhere">bad anchor</a> <a href="https://example.org/">external</a>
<span id="x"></span><span id="x"></span></body></html>"""


def test_the_checks_catch_each_kind_of_mistake(tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "other" / "index.html").write_text('<h1 id="there">Other</h1>', encoding="utf-8")
    pages = site_pages(tmp_path)
    assert sorted(link_problems(tmp_path, pages)) == [
        "index.html: #nowhere: no element with id 'nowhere' in index.html",
        "index.html: missing/: no such file",
        "index.html: other/#elsewhere: no element with id 'elsewhere' in other/index.html",
    ]
    home = pages["index.html"]
    assert home.h1_count == 2 and home.description is None and home.title == "t"
    assert home.balance_errors == ["line 2: <div> is never closed (found </body>)"]
    assert home.ids.count("x") == 2
