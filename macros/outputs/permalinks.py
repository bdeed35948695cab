"""The URL contract in code: every published path is built here, so pages, API, feeds, redirects and
the URL manifest can never disagree about where something lives. Paths are relative to the site root."""

from __future__ import annotations

from urllib.parse import quote

API_ROOT = "api/v1/"
RELEASES_FEED = "feeds/releases.xml"


def _part(text: str) -> str:
    return quote(text, safe=".-")


def model_page(model_id: str) -> str:
    return f"models/{_part(model_id)}/"


def model_json(model_id: str) -> str:
    return f"{API_ROOT}models/{_part(model_id)}.json"


def family_page(family_id: str) -> str:
    return f"families/{_part(family_id)}/"


def family_json(family_id: str) -> str:
    return f"{API_ROOT}families/{_part(family_id)}.json"


def family_feed(family_id: str) -> str:
    return f"feeds/families/{_part(family_id)}.xml"


def thread_page(page_source: str) -> str:
    """A thread's page from its docs source ('threads/long-context.md' -> 'threads/long-context/')."""
    return page_source.removesuffix(".md").removesuffix("index").rstrip("/") + "/"


def paper_anchor(paper_id: str) -> str:
    return f"papers/#{_part(paper_id)}"


def paper_bibtex(paper_id: str) -> str:
    """The paper's BibTeX entry as a file of its own (the papers page links it instead of printing it)."""
    return f"papers/{_part(paper_id)}.bib"


ALL_BIBTEX = "papers/all.bib"


def absolute(site_url: str, path: str) -> str:
    """The full URL of a site path, for canonical links, feeds and citations."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")
