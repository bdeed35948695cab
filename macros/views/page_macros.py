"""The macros that pages call, as plain functions of a PageContext and their own arguments.

`define_env` (macros/__init__.py) registers every function of PAGE_MACROS under its own name; each one
looks records up with the selection functions and hands them to a view (a template or a renderer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..contrib.render_field_reference import load_schema, render_field_reference, render_file_layout
from ..data.records import Catalog
from . import selection
from .escape import esc, site_path, url_attr
from .fact_check import fact_check_view
from .finder import finder_view
from .home import current_generation, home_view
from .lineage import family_lineage_view
from .render_card import render_model_card, sources_html
from .render_charts import render_context_growth, render_scale_ladder, render_size_ladder
from .render_compare import render_compare
from .render_glossary import render_glossary
from .render_tables import render_models_table, render_papers_table
from .render_timeline import render_timeline_legend, render_timeline_view, timeline_records
from .render_views import render_claims_table, render_ecosystem_table, render_families_table, render_stats
from .templating import block, render


@dataclass(frozen=True)
class PageContext:
    """What a macro may know: the build's catalogue and history, and where the calling page sits."""

    catalog: Catalog
    root: str  # relative prefix from the calling page to the site root, e.g. "../"
    site_url: str
    repo_url: str
    project_dir: Path
    history: object | None = None


def models_table(page, family=None, ids=None, thread=None, variant=None, open_weights=None, modality=None,
                 architecture=None, max_params_b=None, newest=None, caption=None):
    models = selection.select_models(page.catalog, family, ids, thread, variant, open_weights, modality,
                                     architecture, max_params_b, newest)
    filters = {"variant": variant, "open_weights": open_weights, "modality": modality,
               "architecture": architecture, "max_params_b": max_params_b}
    models, left_out = selection.newest_slice(models, family is None and ids is None and thread is None, filters)
    more = (left_out[0], site_path(page.root, "finder") + "?" + left_out[1]) if left_out else None
    return render_models_table(models, page.root, caption, more)


def model_card(page, model_id):
    return render_model_card(selection.model(page.catalog, model_id), page.catalog, page.root)


def model_link(page, model_id, text=None):
    model = selection.model(page.catalog, model_id)
    return f'<a href="{site_path(page.root, "models", model.id)}">{esc(text or model.name)}</a>'


def family_link(page, family_id, text=None):
    family = selection.family(page.catalog, family_id)
    return f'<a href="{site_path(page.root, "families", family.id)}">{esc(text or family.name)}</a>'


def paper_link(page, paper_id):
    paper = selection.paper(page.catalog, paper_id)
    return f'<a href="{url_attr(paper.url)}">{esc(paper.title)}</a>'


def papers_table(page, thread=None, family=None, caption=None):
    cat = page.catalog
    if thread:
        papers = cat.papers_in_thread(selection.thread(cat, thread).id)
    elif family:
        papers = cat.papers_about_family(selection.family(cat, family).id)
    else:
        papers = cat.papers_by_date()
    return render_papers_table(papers, cat, page.root, caption, site_url=page.site_url)


def thread_sources(page, thread_id):
    """Every URL read for the thread's papers and posts, once each, in date order."""
    cat = page.catalog
    papers = cat.papers_in_thread(selection.thread(cat, thread_id).id)
    return sources_html(tuple(dict.fromkeys(u for p in papers for u in (p.url, *p.sources))))


def family_sources(page, family_id):
    return sources_html(selection.family(page.catalog, family_id).sources)


def timeline(page, family=None, thread=None, include_papers=True):
    cat = page.catalog
    records = timeline_records(cat, selection.family(cat, family) if family else None,
                               selection.thread(cat, thread).id if thread else None)
    if not include_papers:
        records.update(papers=(), events=())
    return render_timeline_view(cat, page.root, **records)


def ecosystem_table(page, kind=None):
    return render_ecosystem_table(page.catalog, kind, page.root)


def claims_table(page, topic=None):
    return render_claims_table(page.catalog, topic, page.root)


def glossary(page):
    return render_glossary(page.catalog, page.root)


def families_table(page):
    return render_families_table(page.catalog, page.root)


def catalog_stats(page):
    return render_stats(page.catalog)


def field_reference(page):
    return render_field_reference(load_schema(page.project_dir), page.catalog)


def data_file_layout(page):
    return render_file_layout()


def scale_ladder(page):
    return render_scale_ladder(page.catalog.models_by_date(), page.catalog, page.root)


def context_growth(page):
    return render_context_growth(page.catalog.models_by_date(), page.catalog, page.root)


def size_ladder(page, family):
    cat = page.catalog
    family_id = selection.family(cat, family).id
    return render_size_ladder(family_id, cat.models_in_family(family_id), cat, page.root)


def lineage_graph(page, family):
    cat = page.catalog
    return block(render("lineage.html", v=family_lineage_view(cat, selection.family(cat, family).id, page.root)))


def home_start(page):
    return block(render("home.html", **home_view(page.catalog, page.root)))


def current_generation_name(page):
    return current_generation(page.catalog).name


def current_generation_id(page):
    return current_generation(page.catalog).id


def quote_coverage(page):
    return block(render("fact_check.html", **fact_check_view(page.catalog, page.root)))


def open_questions(page):
    return block(render("open_questions.html", **fact_check_view(page.catalog, page.root)))


def model_finder(page):
    return block(render("finder.html", **finder_view(page.catalog, page.root)))


def compare_models(page):
    return render_compare(page.catalog, page.root)


def timeline_legend(page):
    return render_timeline_legend(page.catalog)


def changes_page(page):
    """What changed (history helper): every change to the data, from git; see macros/outputs/history.py."""
    from ..outputs import history, history_page

    found = page.history or history.annotate(history.collect(page.project_dir), page.catalog, page.repo_url)
    return history_page.render_changes(found.events, page.root, None if found.available else found.reason)


PAGE_MACROS = (
    models_table, model_card, model_link, family_link, paper_link, papers_table, thread_sources, family_sources,
    timeline, ecosystem_table, claims_table, glossary, families_table, catalog_stats, field_reference,
    data_file_layout, scale_ladder, context_growth, size_ladder, lineage_graph, home_start,
    current_generation_name, current_generation_id, quote_coverage, open_questions, model_finder, compare_models,
    timeline_legend, changes_page,
)
