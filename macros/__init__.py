"""Qwen Atlas macros: `define_env` registers the macros pages call. Each one looks records up and
hands them to a renderer; the work itself lives in the modules next to this one."""

from __future__ import annotations

import functools
from pathlib import Path

from . import site_build
from .contrib import usage_errors
from .contrib.render_field_reference import load_schema, render_field_reference, render_file_layout
from .views import selection
from .views.escape import esc, page_root, site_path
from .views.fact_check import fact_check_view
from .views.finder import finder_view
from .views.home import current_generation, home_view
from .views.render_card import render_model_card, sources_html
from .views.render_charts import render_context_growth, render_scale_ladder, render_size_ladder
from .views.render_compare import render_compare
from .views.render_glossary import render_glossary
from .views.render_tables import render_models_table, render_papers_table
from .views.render_timeline import render_timeline_legend, render_timeline_view, timeline_records
from .views.render_views import render_claims_table, render_ecosystem_table, render_families_table, render_stats
from .views.templating import block, render


def define_env(env) -> None:
    root_dir = Path(env.project_dir)

    # define_env runs once per build (again on each `mkdocs serve` rebuild), right after the on_config hook
    # loaded and validated the data: every macro reads that build's one Catalog. When the data has problems
    # the catalogue is empty (a build aborts; `mkdocs serve` shows the problems on every page).
    build = site_build.of(env.conf)

    def catalog():
        return build.catalog

    def root() -> str:
        return page_root(env.page.url)

    def macro(function):
        """Register a macro whose usage errors name the page that made them."""

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except (selection.UnknownReference, ValueError) as error:
                usage_errors.record(f"docs/{env.page.file.src_uri}: {function.__name__}: {error}")
                return f'<strong class="atlas-error">{esc(function.__name__)}: {esc(error)}</strong>'

        env.macro(wrapper, function.__name__)
        return wrapper

    @macro
    def models_table(family=None, ids=None, thread=None, variant=None, open_weights=None, modality=None,
                     architecture=None, max_params_b=None, newest=None, caption=None):
        models = selection.select_models(catalog(), family, ids, thread, variant, open_weights, modality,
                                         architecture, max_params_b, newest)
        more = None
        if family is None and ids is None and thread is None and len(models) > selection.WHOLE_CATALOGUE_ROWS:
            newest_first = sorted(models, key=lambda m: (m.released.sort_key, m.name), reverse=True)
            models = newest_first[:selection.WHOLE_CATALOGUE_ROWS]
            query = selection.finder_query(variant, open_weights, modality, architecture, max_params_b)
            more = (len(newest_first) - len(models), site_path(root(), "finder") + "?" + query)
        return render_models_table(models, root(), caption, more)

    @macro
    def model_card(model_id):
        return render_model_card(selection.model(catalog(), model_id), catalog(), root())

    @macro
    def model_link(model_id, text=None):
        model = selection.model(catalog(), model_id)
        return f'<a href="{site_path(root(), "models", model.id)}">{esc(text or model.name)}</a>'

    @macro
    def family_link(family_id, text=None):
        family = selection.family(catalog(), family_id)
        return f'<a href="{site_path(root(), "families", family.id)}">{esc(text or family.name)}</a>'

    @macro
    def paper_link(paper_id):
        from .views.escape import url_attr

        paper = selection.paper(catalog(), paper_id)
        return f'<a href="{url_attr(paper.url)}">{esc(paper.title)}</a>'

    @macro
    def papers_table(thread=None, family=None, caption=None):
        cat = catalog()
        if thread:
            papers = cat.papers_in_thread(selection.thread(cat, thread).id)
        elif family:
            papers = cat.papers_about_family(selection.family(cat, family).id)
        else:
            papers = cat.papers_by_date()
        return render_papers_table(papers, cat, root(), caption, site_url=env.conf["site_url"])

    @macro
    def thread_sources(thread_id):
        """Every URL read for the thread's papers and posts, once each, in date order."""
        cat = catalog()
        papers = cat.papers_in_thread(selection.thread(cat, thread_id).id)
        return sources_html(tuple(dict.fromkeys(u for p in papers for u in (p.url, *p.sources))))

    @macro
    def family_sources(family_id):
        return sources_html(selection.family(catalog(), family_id).sources)

    @macro
    def timeline(family=None, thread=None, include_papers=True):
        cat = catalog()
        records = timeline_records(cat, selection.family(cat, family) if family else None,
                                   selection.thread(cat, thread).id if thread else None)
        if not include_papers:
            records.update(papers=(), events=())
        return render_timeline_view(cat, root(), **records)

    @macro
    def ecosystem_table(kind=None):
        return render_ecosystem_table(catalog(), kind, root())

    @macro
    def claims_table(topic=None):
        return render_claims_table(catalog(), topic, root())

    @macro
    def glossary():
        return render_glossary(catalog(), root())

    @macro
    def families_table():
        return render_families_table(catalog(), root())

    @macro
    def catalog_stats():
        return render_stats(catalog())

    @macro
    def field_reference():
        return render_field_reference(load_schema(root_dir), catalog())

    @macro
    def data_file_layout():
        return render_file_layout()

    @macro
    def scale_ladder():
        return render_scale_ladder(catalog().models_by_date(), catalog(), root())

    @macro
    def context_growth():
        return render_context_growth(catalog().models_by_date(), catalog(), root())

    @macro
    def size_ladder(family):
        cat = catalog()
        family_id = selection.family(cat, family).id
        return render_size_ladder(family_id, cat.models_in_family(family_id), cat, root())

    @macro
    def lineage_graph(family):
        from .views.lineage import family_lineage_view

        cat = catalog()
        return block(render("lineage.html", v=family_lineage_view(cat, selection.family(cat, family).id, root())))

    @macro
    def home_start():
        return block(render("home.html", **home_view(catalog(), root())))

    @macro
    def current_generation_name():
        return current_generation(catalog()).name

    @macro
    def current_generation_id():
        return current_generation(catalog()).id

    @macro
    def quote_coverage():
        return block(render("fact_check.html", **fact_check_view(catalog(), root())))

    @macro
    def open_questions():
        return block(render("open_questions.html", **fact_check_view(catalog(), root())))

    @macro
    def model_finder():
        return block(render("finder.html", **finder_view(catalog(), root())))

    @macro
    def compare_models():
        return render_compare(catalog(), root())

    @macro
    def timeline_legend():
        return render_timeline_legend(catalog())

    @macro
    def changes_page():
        """What changed (history helper): every change to the data, from git; see macros/outputs/history.py."""
        from .outputs import history, history_page

        found = build.history or history.annotate(history.collect(root_dir), catalog(), env.conf["repo_url"] or "")
        return history_page.render_changes(found.events, root(), None if found.available else found.reason)
