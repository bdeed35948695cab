"""BibTeX files: one per paper (papers/<id>.bib, also under each old id) and papers/all.bib with every entry.

The papers page links them from each card's Cite box; printing every entry inline made the page the heaviest
of the site (a third of its bytes was BibTeX escaped for HTML)."""

from __future__ import annotations

from pathlib import Path

from ..data.records import Catalog
from ..views.render_cite import bibtex_entry
from . import permalinks


def bibtex_documents(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Path from the site root -> file text."""
    documents, entries = {}, []
    for paper in catalog.papers_by_date():
        entry = bibtex_entry(paper, site_url) + "\n"
        entries.append(entry)
        for paper_id in (paper.id, *paper.aliases):
            documents[permalinks.paper_bibtex(paper_id)] = entry
    documents[permalinks.ALL_BIBTEX] = "\n".join(entries)
    return documents


def write_bibtex(catalog: Catalog, site_dir: Path, site_url: str) -> int:
    documents = bibtex_documents(catalog, site_url)
    for path, text in documents.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(documents)
