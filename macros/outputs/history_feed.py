"""Atom feeds (RFC 4287) of changes to the data: /feeds/changes.xml and /feeds/changes/<family>.xml.

One entry per event (a record added, corrected, re-sourced, renamed or removed), newest first, at most
FEED_LIMIT entries per feed; the full list is /api/v1/changes.json. Entry ids are tag: URIs built from the
commit and the record, so they never change once published.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import permalinks
from .feeds import TAG_YEAR, _sub, feed_head
from .history import CHANGES_FEED, CHANGES_PAGE, FEED_LIMIT, KINDS, History, feed_host
from .history_page import RECORD_WORDS, _cut, _scalar_text


def family_changes_feed(family_id: str) -> str:
    return f"feeds/changes/{permalinks._part(family_id)}.xml"


def _title(event: dict) -> str:
    word = RECORD_WORDS.get(event["record_kind"], event["record_kind"])
    name = event.get("name") or event["record_id"]
    if event["kind"] == "renamed":
        return f"{name}: {word} renamed from {event.get('old_id')}"
    if event["kind"] in ("new-model", "added"):
        return f"{name}: {word} added"
    if event["kind"] == "removed":
        return f"{name}: {word} removed"
    fields = ", ".join(dict.fromkeys(c["field"].split(".", 1)[0] for c in event["changes"]))
    return f"{name}: {KINDS[event['kind']].lower()} of {fields}"


def _summary(event: dict) -> str:
    lines = []
    if event["kind"] not in ("new-model", "added", "removed"):
        for change in event["changes"]:
            lines.append(f"{change['field'] or 'record'}: {_cut(_scalar_text(change['old']), 300)} → "
                         f"{_cut(_scalar_text(change['new']), 300)}")
    lines.append(f"Reason (commit {event['commit'][:7]}): {event.get('reason') or 'not given'}")
    return "\n".join(lines)


def _entry(feed: ET.Element, event: dict, site_url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "title", _title(event), type="text")
    host = feed_host(site_url)
    _sub(entry, "id", f"tag:{host},{TAG_YEAR}:changes/{event['commit']}/{event['record_kind']}/"
                      f"{event['record_id']}/{event['kind']}")
    page = event.get("url") or CHANGES_PAGE
    _sub(entry, "link", rel="alternate", type="text/html", href=permalinks.absolute(site_url, page))
    if event.get("commit_url"):
        _sub(entry, "link", rel="related", type="text/html", href=event["commit_url"])
    _sub(entry, "updated", event["date"])
    _sub(entry, "published", event["date"])
    _sub(entry, "category", term=event["kind"], label=KINDS[event["kind"]])
    if event.get("family"):
        _sub(entry, "category", term=f"family:{event['family']}", label=event.get("family_name") or event["family"])
    _sub(entry, "summary", _summary(event), type="text")


def render_changes_feed(events: list[dict], site_url: str, *, title: str, feed_path: str) -> str:
    feed = feed_head(site_url, title=title, feed_path=feed_path, page_path=CHANGES_PAGE,
                     generator="macros/outputs/history_feed.py",
                     subtitle="Changes to the Qwen Atlas data, fact by fact, newest first: each entry names the "
                              "record, the field, the old and the new value, and the commit.",
                     updated=events[0]["date"] if events else None)
    for event in events[:FEED_LIMIT]:
        _entry(feed, event, site_url)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def feed_documents(history: History, site_url: str, family_names: dict[str, str] | None = None) -> dict[str, str]:
    """The site-wide change feed and one per family (today's families and any with changes), by site path."""
    events = history.events if history.available else []
    feeds = {CHANGES_FEED: render_changes_feed(events, site_url, title="Qwen Atlas: what changed",
                                               feed_path=CHANGES_FEED)}
    by_family: dict[str, list[dict]] = {}
    for event in events:
        if event.get("family"):
            by_family.setdefault(event["family"], []).append(event)
    for family in dict.fromkeys([*(family_names or {}), *by_family]):  # every family has its feed, even empty
        family_events = by_family.get(family, [])
        name = (family_names or {}).get(family) or (family_events[0].get("family_name") if family_events
                                                    else None) or family
        path = family_changes_feed(family)
        feeds[path] = render_changes_feed(family_events, site_url, title=f"Qwen Atlas: what changed in {name}",
                                          feed_path=path)
    return feeds
