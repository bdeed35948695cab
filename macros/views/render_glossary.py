"""The glossary: a page of definitions and the abbreviation lines that turn terms into tooltips."""

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


def abbreviation_lines(catalog: Catalog) -> str:
    terms = sorted(catalog.glossary.values(), key=lambda t: t.term.lower())
    return "\n".join(f"*[{abbreviation_term(t.term)}]: {_title(t)}" for t in terms if abbreviation_term(t.term))


def glossary_rows(catalog: Catalog) -> list[dict]:
    return [{"id": t.id, "term": t.term, "expansion": t.expansion, "definition": t.definition,
             "see": t.see.removesuffix(".md") if t.see else None, "sources": t.sources}
            for t in sorted(catalog.glossary.values(), key=lambda t: t.term.lower())]


def render_glossary(catalog: Catalog, root: str) -> str:
    return block(render("record_tables.html", kind="glossary", rows=glossary_rows(catalog), root=root))
