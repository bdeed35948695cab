"""Read a built page's <head> the way a link preview or crawler does: meta, link and JSON-LD."""

from __future__ import annotations

import json
from html.parser import HTMLParser


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[dict] = []
        self.title = ""
        self._in = None
        self._buffer = ""
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        attrs = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in, self._buffer = tag, ""

    def handle_data(self, data):
        if self._in:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == "head":
            self._done = True
        if tag == self._in:
            if tag == "title":
                self.title = self._buffer.strip()
            else:
                self.json_ld.append(json.loads(self._buffer))
            self._in = None


def parse_head(html_text: str) -> _HeadParser:
    parser = _HeadParser()
    parser.feed(html_text.split("</head>", 1)[0] + "</head>")
    return parser


def alternates(head: _HeadParser, media_type: str) -> list[str]:
    return [link["href"] for link in head.links if link.get("rel") == "alternate" and link.get("type") == media_type]
