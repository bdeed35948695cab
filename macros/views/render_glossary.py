"""The glossary: a page of definitions and the abbreviation lines that turn terms into tooltips."""

from __future__ import annotations

from ..data.records import Catalog
from .escape import esc


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


def render_glossary(catalog: Catalog, root: str) -> str:
    items = []
    for t in sorted(catalog.glossary.values(), key=lambda t: t.term.lower()):
        expansion = f" ({esc(t.expansion)})" if t.expansion else ""
        see = f' <a href="{root}{esc(t.see[:-3])}/">More</a>' if t.see else ""
        sources = " ".join(f'<a href="{esc(u)}">[source]</a>' for u in t.sources)
        items.append(f'<dt id="{esc(t.id)}">{esc(t.term)}{expansion}</dt><dd>{esc(t.definition)}{see} {sources}</dd>')
    return f'\n\n<dl class="atlas-glossary">{"".join(items)}</dl>\n\n'
