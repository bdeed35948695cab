"""Atom feeds of releases: valid Atom, newest first, honest about month-only dates, found from every page."""

from __future__ import annotations

import dataclasses
import posixpath
import re
import xml.etree.ElementTree as ET

from head_parser import alternates, parse_head
from macros.outputs import permalinks
from macros.outputs.feeds import entry_id, release_wording

NS = {"a": "http://www.w3.org/2005/Atom"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
SITE_URL = "https://qwenatlas.org/"


def _feed(site, path: str) -> ET.Element:
    root = ET.parse(site / path).getroot()
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def _check_atom(feed: ET.Element, site) -> list[ET.Element]:
    """RFC 4287's required elements, for the feed and each entry; returns the entries."""
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(f"a:{tag}", namespaces=NS) or "").strip(), f"feed has no {tag}"
    assert feed.find("a:author/a:name", NS) is not None, "a feed needs an author when entries have none"
    assert [link.get("href") for link in feed.findall("a:link[@rel='self']", NS)]
    assert RFC3339.match(feed.findtext("a:updated", namespaces=NS))
    entries = feed.findall("a:entry", NS)
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "summary"):
            assert (entry.findtext(f"a:{tag}", namespaces=NS) or "").strip(), f"entry has no {tag}"
        assert RFC3339.match(entry.findtext("a:updated", namespaces=NS))
        [alternate] = entry.findall("a:link[@rel='alternate']", NS)
        page = alternate.get("href").removeprefix(SITE_URL)
        assert (site / page / "index.html").is_file(), f"entry links to a missing page {page}"
    stamps = [e.findtext("a:updated", namespaces=NS) for e in entries]
    assert stamps == sorted(stamps, reverse=True), "entries must be newest first"
    if entries:
        assert feed.findtext("a:updated", namespaces=NS) == stamps[0]
    return entries


def test_releases_feed_is_valid_atom_with_every_model(catalog, built_site):
    entries = _check_atom(_feed(built_site, permalinks.RELEASES_FEED), built_site)
    assert len(entries) == len(catalog.models)
    by_page = {e.find("a:link[@rel='alternate']", NS).get("href"): e for e in entries}
    for model in catalog.models.values():
        entry = by_page[SITE_URL + permalinks.model_page(model.id)]
        summary = entry.findtext("a:summary", namespaces=NS)
        assert entry.findtext("a:updated", namespaces=NS).startswith(model.released.earliest().isoformat())
        if model.released.precision == "month":
            assert "only the month is known" in summary and "placeholder" in summary, model.id
        else:
            assert f"Released on {model.released.display}." in summary and "placeholder" not in summary


def test_each_family_has_its_own_feed(catalog, built_site):
    for family in catalog.families.values():
        entries = _check_atom(_feed(built_site, permalinks.family_feed(family.id)), built_site)
        pages = {e.find("a:link[@rel='alternate']", NS).get("href") for e in entries}
        assert pages == {SITE_URL + permalinks.model_page(m.id) for m in catalog.models.values()
                         if m.family == family.id}


def test_every_page_advertises_the_releases_feed(built_site):
    pages = [p for p in built_site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for page in pages:
        feeds = alternates(parse_head(page.read_text(encoding="utf-8")), "application/atom+xml")
        directory = page.parent.relative_to(built_site).as_posix()
        # 404.html is served at any address, so MkDocs gives it root-absolute links
        resolved = {posixpath.normpath(posixpath.join(directory, href)).lstrip("/") for href in feeds}
        assert permalinks.RELEASES_FEED in resolved, f"{page.relative_to(built_site)} does not link the feed"


def test_every_alternate_folder_has_a_sitemap(built_site):
    """Material fetches sitemap.xml beside every rel=alternate target; a missing one is a 404 per page view."""
    folders = set()
    for page in built_site.rglob("*.html"):
        head = parse_head(page.read_text(encoding="utf-8"))
        directory = page.parent.relative_to(built_site).as_posix()
        for link in head.links:
            if link.get("rel") == "alternate":
                folders.add(posixpath.dirname(posixpath.normpath(posixpath.join(directory, link["href"]))).lstrip("/"))
    assert {"feeds", "feeds/families", "api/v1/models", "api/v1/families"} <= folders
    for folder in folders:
        sitemap = ET.parse(built_site / folder / "sitemap.xml").getroot()
        locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert locs and all(loc.startswith(f"{SITE_URL}{folder}/") for loc in locs), folder


def test_month_precision_is_said_in_words_and_a_rename_keeps_the_entry_id(catalog):
    model = next(iter(catalog.models.values()))
    from macros.data.dates import PartialDate

    month_only = dataclasses.replace(model, released=PartialDate(2024, 11))
    assert release_wording(month_only).startswith("Released in November 2024; only the month is known.")
    assert "30" not in release_wording(month_only) and "1 Nov" not in release_wording(month_only)
    renamed = dataclasses.replace(model, id=model.id + "-new", aliases=(model.id,))
    assert entry_id(SITE_URL, renamed) == entry_id(SITE_URL, model)
