"""The one place where data text becomes markup. Every renderer goes through these helpers."""

from __future__ import annotations

import html
from urllib.parse import quote

# Characters Markdown, Jinja or a table would read as syntax even inside an HTML tag's text.
_MARKDOWN_SAFE = str.maketrans({
    "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "|": "&#124;",
    "\\": "&#92;", "{": "&#123;", "}": "&#125;", "#": "&#35;", "~": "&#126;", "!": "&#33;",
    "\n": " ", "\r": " ",
    # Quotes are escaped here, not by html.escape: its "&#x27;" would have its "#" escaped again.
    '"': "&quot;", "'": "&#39;",
})


def esc(value: object) -> str:
    """Text from data, safe in HTML text and attributes, inert for Markdown and Jinja."""
    return html.escape(str(value), quote=False).translate(_MARKDOWN_SAFE)


def url_attr(url: str) -> str:
    """An external URL for an href: only http(s) is allowed, everything else is neutralised."""
    if not url.lower().startswith(("https://", "http://")):
        return "#invalid-url"
    return esc(url)


def site_path(root: str, *parts: str) -> str:
    """A link from the current page to a directory URL on this site, e.g. ('../', 'models', id)."""
    return root + "/".join(quote(p, safe=".-") for p in parts) + "/"


def page_root(page_url: str) -> str:
    """The relative prefix from a page's URL (MkDocs' page.url, e.g. 'families/qwen3/') to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def theme_text(value: object) -> str:
    """Text handed to the theme as a page title: Material prints `page.meta.title` into the header, the nav
    and the search index without escaping, so the value is HTML-escaped once, here, where it crosses over."""
    return html.escape(" ".join(str(value).split()), quote=True)
