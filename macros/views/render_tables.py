"""Tables of models and papers, as HTML so no character in the data can break a Markdown table."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import Catalog, Model, Paper
from ..outputs import permalinks
from .escape import site_path
from .formatting import context_text, is_extended, modalities_text, params_text
from .render_cite import markdown_link
from .render_timeline import Member, variant_rows
from .templating import block, render

# Seven columns fit a laptop screen; variant and architecture ride along in the model and size cells.
MODEL_COLUMNS = ("Model", "Released", "Parameters", "Context", "Input → output", "Weights", "Licence")


ARCHITECTURE_WORDS = {"moe": "MoE", "dense": "dense"}


def model_rows(models: list[Model]) -> list[dict]:
    """Plain values for the models table, one dict per model; None where the fact is unknown."""
    rows = []
    for m in models:
        context = None if m.context_native is None and m.context_max is None else context_text(m)
        title = f"native: {m.context_native or 'unknown'} tokens; maximum: {m.context_max or 'unknown'} tokens"
        if is_extended(m):
            title += f"; extended by: {m.context_extension}"
        rows.append({
            "id": m.id, "name": m.name, "variant": m.variant, "low_confidence": m.confidence == "low",
            "released": m.released,
            "params": None if m.params_total_b is None else params_text(m),
            "architecture": ARCHITECTURE_WORDS.get(m.architecture, "architecture unknown"),
            "context": context, "context_title": title,
            "io": f"{modalities_text(m.modalities_in)} → {modalities_text(m.modalities_out)}",
            "weights": "open weights" if m.open_weights else "API only",
            "licence": m.license or None,
        })
    return rows


def render_models_table(models: list[Model], root: str, caption: str | None = None,
                        more: tuple[int, str] | None = None) -> str:
    """One row per model, in the order given; `more` = (how many were left out, the finder URL showing them all)."""
    if not models:
        raise ValueError("no models match this table's filter; check the family or ids given to the macro")
    extra = {"href": more[1], "total": len(models) + more[0]} if more else None
    return block(render("models_table.html", rows=model_rows(models), root=root, caption=caption,
                        columns=MODEL_COLUMNS, more=extra))


# ---- papers and posts as cards (timeline helper) ---------------------------------------------------------------

PAPER_KIND_LABELS = {"paper": "Paper", "report": "Technical report", "blog": "Blog post"}


@dataclass(frozen=True)
class ModelGroup:
    """The models of one family a paper is about: one model by name, or several as variant rows of sizes."""

    family: object  # Family
    single: Member | None
    rows: tuple  # (VariantRow, ...) when several


@dataclass(frozen=True)
class CiteBox:
    permalink: str
    markdown: str
    bib_href: str  # the paper's BibTeX file, papers/<id>.bib (macros/outputs/bibtex_files.py writes it)


@dataclass(frozen=True)
class PaperCard:
    paper: Paper
    kind: str  # "Technical report"
    model_groups: tuple[ModelGroup, ...]
    threads: tuple  # ((Thread, href), ...): its research threads, except the one whose page this is
    cite: CiteBox | None


@dataclass(frozen=True)
class PaperYear:
    year: int | None  # None: one group without a heading
    cards: tuple[PaperCard, ...]


def papers_newest_first(papers: list[Paper]) -> list[Paper]:
    """Newest first, like the timeline; a month-only date sorts after the days of its month (it may be any)."""
    return sorted(sorted(papers, key=lambda p: p.title.lower()), key=lambda p: p.date.sort_key, reverse=True)


def page_thread(papers: list[Paper], catalog: Catalog) -> str | None:
    """The thread whose page lists exactly these papers (a thread page's papers_table), else None."""
    shared = set.intersection(*(set(p.threads) for p in papers)) if papers else set()
    ids = {p.id for p in papers}
    return next((t for t in sorted(shared) if {p.id for p in catalog.papers_in_thread(t)} == ids), None)


def paper_card(paper: Paper, catalog: Catalog, root: str, site_url: str | None = None,
               current_thread: str | None = None) -> PaperCard:
    models = [catalog.models[m] for m in paper.models if m in catalog.models]
    groups = []
    for family_id in dict.fromkeys(m.family for m in models):
        members = [m for m in models if m.family == family_id]
        single = Member(members[0].id, members[0].name, members[0].name) if len(members) == 1 else None
        groups.append(ModelGroup(catalog.families[family_id], single, () if single else variant_rows(members)))
    threads = tuple((catalog.threads[t], site_path(root, *permalinks.thread_page(catalog.threads[t].page)
                                                   .strip("/").split("/")))
                    for t in paper.threads if t in catalog.threads and t != current_thread)
    cite = None
    if site_url:
        permalink = permalinks.absolute(site_url, permalinks.paper_anchor(paper.id))
        cite = CiteBox(permalink, markdown_link(paper.title, permalink), f"{root}{permalinks.paper_bibtex(paper.id)}")
    return PaperCard(paper, PAPER_KIND_LABELS.get(paper.kind, paper.kind.capitalize()), tuple(groups), threads,
                     cite)


def papers_view(papers: list[Paper], catalog: Catalog, root: str, caption: str | None = None,
                site_url: str | None = None, by_year: bool | None = None) -> dict:
    """Cards newest first. by_year (default: when every paper of the catalogue is listed, i.e. the papers
    page) puts them under year headings (h2) with card titles as h3; otherwise card titles are h3 under the
    page's own section heading."""
    if not papers:
        raise ValueError("no papers match this list's filter; check the thread given to the macro")
    ordered = papers_newest_first(papers)
    if by_year is None:
        by_year = len(papers) == len(catalog.papers)
    current = page_thread(papers, catalog)
    cards = [paper_card(p, catalog, root, site_url, current) for p in ordered]
    if by_year:
        groups = [PaperYear(year, tuple(c for c in cards if c.paper.date.year == year))
                  for year in dict.fromkeys(c.paper.date.year for c in cards)]
    else:
        groups = [PaperYear(None, tuple(cards))]
    return {"root": root, "caption": caption, "groups": groups, "title_level": 3, "indexed": by_year}


def render_papers_table(papers: list[Paper], catalog: Catalog, root: str, caption: str | None = None,
                        site_url: str | None = None, by_year: bool | None = None) -> str:
    """Papers and posts as cards (the name stays: pages call `papers_table`). With site_url, each card has a
    collapsed Cite box (permalink, Markdown, BibTeX). Old ids (aliases) keep their anchors, so links to
    papers/#<old-id> still land on the paper."""
    return block(render("papers.html", **papers_view(papers, catalog, root, caption, site_url, by_year)))
