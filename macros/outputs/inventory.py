"""/objects.inv: the atlas as a Sphinx inventory (format v2), so other docs link here by name.

Sphinx (intersphinx) and MkDocs (mkdocstrings + autorefs) read this file and turn a name such as `qwen3-8b`
into a link to /models/qwen3-8b/, warning at build time when the name does not exist. Every name published
here is part of the URL contract: a renamed record keeps its old names (its `aliases`), pointing at the
new page. Written with sphobjinv, after the pages are built (the `std:doc` entries read page titles).

Names (all `std:label`, display name = the record's name or title):
  <model-id>, model:<model-id>   a model page               models/<id>/
  family:<family-id>             a family page              families/<id>/
  thread:<thread-id>             a research thread page     threads/<page>/
  paper:<paper-id>               a paper on the papers page papers/#<id>
Families, threads and papers are prefixed because their ids may equal a model's (qwen-vl is both).
Every page built from docs/ (and every model page) is also a `std:doc` named by its docname
(`glossary`, `about/url-contract`, `models/qwen3-8b`).
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import sphobjinv as soi

from ..data.records import Catalog
from . import permalinks
from .badges import BADGES_DIR

INVENTORY_PATH = "objects.inv"
PROJECT = "Qwen Atlas"
HOME_URI = "./"


@dataclass(frozen=True)
class Entry:
    name: str
    role: str  # "label" or "doc"
    uri: str  # site path, e.g. models/qwen3-8b/ or papers/#qwen3-technical-report
    dispname: str
    record: str  # what it names: "model", "family", "thread", "paper", "page"
    alias_of: str | None = None  # the current id, when `name` comes from an alias


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "-"


def record_entries(catalog: Catalog) -> list[Entry]:
    """One or two `std:label` names per model, family, thread and paper, and the same for each alias."""
    entries: list[Entry] = []
    for model in sorted(catalog.models.values(), key=lambda m: m.id):
        uri, name = permalinks.model_page(model.id), _one_line(model.name)
        for label, alias_of in [(model.id, None), *((a, model.id) for a in model.aliases)]:
            entries.append(Entry(label, "label", uri, name, "model", alias_of))
            entries.append(Entry(f"model:{label}", "label", uri, name, "model", alias_of))
    for family in sorted(catalog.families.values(), key=lambda f: f.id):
        uri, name = permalinks.family_page(family.id), _one_line(family.name)
        for label, alias_of in [(family.id, None), *((a, family.id) for a in family.aliases)]:
            entries.append(Entry(f"family:{label}", "label", uri, name, "family", alias_of))
    for thread in sorted(catalog.threads.values(), key=lambda t: t.id):
        entries.append(Entry(f"thread:{thread.id}", "label", permalinks.thread_page(thread.page),
                             _one_line(thread.name), "thread"))
    for paper in sorted(catalog.papers.values(), key=lambda p: p.id):
        uri, name = permalinks.paper_anchor(paper.id), _one_line(paper.title)
        for label, alias_of in [(paper.id, None), *((a, paper.id) for a in paper.aliases)]:
            entries.append(Entry(f"paper:{label}", "label", uri, name, "paper", alias_of))
    return entries


class _H1Text(HTMLParser):
    """The text of a built page's first <h1>, without Material's permalink (the ¶ headerlink)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.done, self.parts = 0, 0, False, []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "h1":
            self.depth += 1
        elif self.depth and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "h1" and self.depth:
            self.depth, self.done = 0, True
        elif tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip and not self.done:
            self.parts.append(data)


def page_title(index_html: Path) -> str | None:
    text = index_html.read_text(encoding="utf-8")
    start = text.find("<h1")
    if start < 0:
        return None
    parser = _H1Text()
    parser.feed(text[start:text.find("</h1>", start) + 5])
    title = " ".join("".join(parser.parts).split())
    return title or None


def _page_uri(docname: str) -> str:
    """The directory URL MkDocs gives a source page ('about/url-contract' -> 'about/url-contract/')."""
    parts = docname.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    # The home page is './': an empty location would break mkdocstrings' inventory parser.
    return "/".join(permalinks._part(p) for p in parts) + "/" if parts else HOME_URI


def page_entries(catalog: Catalog, docs_dir: Path, site_dir: Path) -> list[Entry]:
    """A `std:doc` per page that exists in the built site: every docs/ page and every model page."""
    docnames = {p.relative_to(docs_dir).with_suffix("").as_posix(): None for p in docs_dir.rglob("*.md")}
    docnames |= {f"models/{m.id}": m.name for m in catalog.models.values()}
    entries = []
    for docname in sorted(docnames):
        uri = _page_uri(docname)
        index = site_dir / uri / "index.html"
        if not index.is_file():
            continue
        title = docnames[docname] or page_title(index) or docname
        entries.append(Entry(docname, "doc", uri, _one_line(title), "page"))
    return entries


def project_version(project_root: Path) -> str:
    pyproject = project_root / "pyproject.toml"
    if not pyproject.is_file():
        return ""
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("version", ""))


def build_inventory(entries: list[Entry], version: str) -> soi.Inventory:
    inventory = soi.Inventory()
    inventory.project, inventory.version = PROJECT, version
    seen: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.role, entry.name)
        if key in seen:
            raise ValueError(f"inventory name std:{entry.role} '{entry.name}' is used twice "
                             f"({seen[key].uri} and {entry.uri}); an alias must not reuse a live id")
        seen[key] = entry
        inventory.objects.append(soi.DataObjStr(name=entry.name, domain="std", role=entry.role, priority="-1",
                                                uri=entry.uri, dispname=entry.dispname))
    return inventory


def target_problems(entries: list[Entry], site_dir: Path) -> list[str]:
    """Entries whose page (or paper anchor) is missing from the built site: each would be a broken link."""
    problems, pages = [], {}
    for entry in entries:
        path, _, anchor = entry.uri.partition("#")
        target = site_dir / path.removeprefix(HOME_URI) / "index.html"
        if not target.is_file():
            problems.append(f"objects.inv: std:{entry.role} '{entry.name}' points at /{entry.uri}, which was not built")
            continue
        if anchor:
            text = pages.setdefault(path, target.read_text(encoding="utf-8"))
            if f'id="{html.escape(anchor)}"' not in text:
                problems.append(f"objects.inv: std:{entry.role} '{entry.name}' points at /{entry.uri}, "
                                "but the page has no such anchor")
    return problems


def write_inventory(catalog: Catalog, site_dir: Path, docs_dir: Path, project_root: Path) -> list[str]:
    """Write /objects.inv; return the problems found (names that would not resolve), empty when all is well."""
    entries = record_entries(catalog) + page_entries(catalog, docs_dir, site_dir)
    problems = target_problems(entries, site_dir)
    try:
        inventory = build_inventory(entries, project_version(project_root))
    except ValueError as error:
        return [*problems, str(error)]
    soi.writebytes(site_dir / INVENTORY_PATH, soi.compress(inventory.data_file(contract=True)))
    return problems


def read_inventory(site_dir: Path) -> soi.Inventory:
    return soi.Inventory(fname_zlib=site_dir / INVENTORY_PATH)


_BADGE = re.compile(r"[^/]+\.svg")


def inventory_urls(site_dir: Path) -> list[str]:
    """For the URL manifest: /objects.inv, every badge, and every page or anchor an inventory name points at.
    Site paths without the leading slash, like url_manifest.page_urls and file_urls."""
    urls = set()
    if (site_dir / INVENTORY_PATH).is_file():
        urls.add(INVENTORY_PATH)
        urls |= {"" if obj.uri_expanded == HOME_URI else obj.uri_expanded for obj in read_inventory(site_dir).objects}
    badges = site_dir / BADGES_DIR
    if badges.is_dir():
        urls |= {BADGES_DIR + p.name for p in badges.iterdir() if p.is_file() and _BADGE.fullmatch(p.name)}
    return sorted(urls)
