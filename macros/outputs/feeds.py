"""Atom feeds (RFC 4287) of model releases: one for the whole catalogue and one per family, newest first.

Atom needs a full timestamp on every entry. A release known only to the month is given the 1st of that
month at 00:00 UTC as its timestamp, and its entry says in words that the day is unknown, so no reader
mistakes the placeholder for a release day.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from ..data.records import Catalog, Family, Model
from ..views.formatting import context_text, params_text
from . import permalinks

ATOM = "http://www.w3.org/2005/Atom"
TAG_YEAR = "2026"  # the year the tag: ids were minted; never changes (RFC 4151)


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def feed_head(site_url: str, *, title: str, subtitle: str, feed_path: str, page_path: str, updated: str | None,
              generator: str) -> ET.Element:
    """An Atom <feed> with the elements every feed of the site carries; entries are appended by the caller.
    `updated` is the newest entry's time (None for an empty feed), so a rebuild of the same data is identical."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(_q("feed"))
    _sub(feed, "title", title, type="text")
    _sub(feed, "subtitle", subtitle, type="text")
    _sub(feed, "id", permalinks.absolute(site_url, feed_path))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=permalinks.absolute(site_url, feed_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=permalinks.absolute(site_url, page_path))
    _sub(feed, "updated", updated or "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", "Qwen Atlas")
    _sub(author, "uri", permalinks.absolute(site_url, ""))
    _sub(feed, "generator", f"Qwen Atlas ({generator})")
    return feed


def release_timestamp(model: Model) -> str:
    date = model.released.earliest()
    return f"{date.isoformat()}T00:00:00Z"


def release_wording(model: Model) -> str:
    """When it was released, in words that never invent a day."""
    released = model.released
    if released.precision == "day":
        return f"Released on {released.display}."
    month = f"{calendar.month_name[released.month]} {released.year}"
    return (f"Released in {month}; only the month is known. The feed's date for this entry "
            f"(the 1st of the month) is a placeholder, not the release day.")


def entry_id(site_url: str, model: Model) -> str:
    """A tag: URI from the model's first id (its oldest alias, or its id), so a rename keeps the entry."""
    host = urlparse(site_url).hostname or "qwenatlas.org"
    original = model.aliases[0] if model.aliases else model.id
    return f"tag:{host},{TAG_YEAR}:models/{original}"


def newest_first(models: list[Model]) -> list[Model]:
    return sorted(models, key=lambda m: (m.released.sort_key, m.name), reverse=True)


def _entry(feed: ET.Element, model: Model, family: Family, site_url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "title", f"{model.name} released ({model.released.display})", type="text")
    _sub(entry, "id", entry_id(site_url, model))
    _sub(entry, "link", rel="alternate", type="text/html",
         href=permalinks.absolute(site_url, permalinks.model_page(model.id)))
    _sub(entry, "link", rel="related", type="application/json",
         href=permalinks.absolute(site_url, permalinks.model_json(model.id)))
    _sub(entry, "published", release_timestamp(model))
    _sub(entry, "updated", release_timestamp(model))
    _sub(entry, "category", term=family.id, label=family.name)
    weights = "Open weights" if model.open_weights else "API only"
    facts = (f"{family.name} {model.variant} model. Parameters: {params_text(model)} ({model.architecture}). "
             f"Context: {context_text(model)}. Input: {', '.join(model.modalities_in)}; output: "
             f"{', '.join(model.modalities_out)}. {weights}" + (f", {model.license}." if model.license else "."))
    summary = f" {model.summary}" if model.summary else ""
    _sub(entry, "summary", f"{release_wording(model)} {facts}{summary}", type="text")


def render_feed(models: list[Model], catalog: Catalog, site_url: str, *, title: str, feed_path: str,
                page_path: str) -> str:
    """An Atom document listing `models` newest first; `updated` is the newest release (stable builds)."""
    ordered = newest_first(models)
    feed = feed_head(site_url, title=title, feed_path=feed_path, page_path=page_path, generator="macros/feeds.py",
                     subtitle="Qwen model releases recorded in Qwen Atlas, newest first, with sources on each "
                              "model's page.",
                     updated=release_timestamp(ordered[0]) if ordered else None)
    for model in ordered:
        _entry(feed, model, catalog.families[model.family], site_url)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def feed_documents(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Every feed, by path from the site root."""
    feeds = {permalinks.RELEASES_FEED: render_feed(
        list(catalog.models.values()), catalog, site_url, title="Qwen Atlas: Qwen model releases",
        feed_path=permalinks.RELEASES_FEED, page_path="timeline/")}
    for family in catalog.families.values():
        path = permalinks.family_feed(family.id)
        feeds[path] = render_feed(catalog.models_in_family(family.id), catalog, site_url,
                                  title=f"Qwen Atlas: {family.name} releases", feed_path=path,
                                  page_path=permalinks.family_page(family.id))
        for alias in family.aliases:  # subscribers of a renamed family's feed keep receiving it
            feeds[permalinks.family_feed(alias)] = feeds[path]
    return feeds
