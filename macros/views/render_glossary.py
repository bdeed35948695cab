"""The glossary: a page of definitions and the abbreviations that turn terms into tooltips."""

from __future__ import annotations

from ..data.records import Catalog
from .templating import block, render


def _title(term) -> str:
    text = f"{term.expansion}: {term.definition}" if term.expansion else term.definition
    # Abbreviation titles end at the line's end; brackets would end the term early.
    return " ".join(text.split()).replace("]", ")").replace("[", "(")


def abbreviation_term(term: str) -> str | None:
    """The term as Markdown's abbreviation syntax can hold it, or None when it cannot.

    The schema already refuses such terms in data; this guard keeps a definition line from ever
    being published as page text if one slips through."""
    normal = " ".join(term.split())
    return normal if normal and not any(c in normal for c in "[]\\") else None


def abbreviations(catalog: Catalog) -> dict[str, str]:
    """Term -> tooltip, for the `abbr` extension's glossary (given once per build, not as lines on every page:
    Markdown reads each such line as a block of its own, a few thousand blocks per build)."""
    terms = sorted(catalog.glossary.values(), key=lambda t: t.term.lower())
    return {abbreviation_term(t.term): _title(t) for t in terms if abbreviation_term(t.term) and _title(t)}


def glossary_rows(catalog: Catalog) -> list[dict]:
    return [{"id": t.id, "term": t.term, "expansion": t.expansion, "definition": t.definition,
             "see": t.see.removesuffix(".md") if t.see else None, "sources": t.sources}
            for t in sorted(catalog.glossary.values(), key=lambda t: t.term.lower())]


def render_glossary(catalog: Catalog, root: str) -> str:
    return block(render("record_tables.html", kind="glossary", rows=glossary_rows(catalog), root=root))
