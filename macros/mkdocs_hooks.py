"""MkDocs hooks (registered in mkdocs.yml): validate data before anything renders, add one generated
page per model, and write the JSON API after the build. The work is done by plain functions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # the mkdocs command does not put the project on sys.path
    sys.path.insert(0, str(PROJECT_ROOT))

from macros import site_build  # noqa: E402
from macros.contrib.page_refs import page_problems  # noqa: E402
from macros.contrib.usage_errors import take as take_usage_errors  # noqa: E402
from macros.data.catalog import load_catalog  # noqa: E402
from macros.data.problems import DataError, format_report  # noqa: E402
from macros.outputs import history  # noqa: E402  (What changed: history helper)
from macros.outputs.api_export import api_header, write_api  # noqa: E402
from macros.outputs.badges import write_badges  # noqa: E402
from macros.outputs.bibtex_files import write_bibtex  # noqa: E402
from macros.outputs.directory_sitemaps import write_directory_sitemaps  # noqa: E402
from macros.outputs.feeds import feed_documents  # noqa: E402
from macros.outputs.history_page import model_history_block  # noqa: E402
from macros.outputs.html_whitespace import drop_blank_lines  # noqa: E402
from macros.outputs.inventory import write_inventory  # noqa: E402
from macros.outputs.page_meta import page_head  # noqa: E402
from macros.outputs.preview_problems import preview_problems_page  # noqa: E402
from macros.outputs.redirects import RedirectCollision, alias_redirects, write_redirects  # noqa: E402
from macros.outputs.search_weight import (  # noqa: E402
    compact_search_index,
    exclude_views_from_search,
    is_unindexed_view,
    names_for_search,
)
from macros.outputs.site_assets import BUNDLE, STYLESHEETS, drop_source_maps, stylesheet_bundle  # noqa: E402
from macros.outputs.view_data import write_open_questions, write_view_data  # noqa: E402
from macros.site_build import SiteBuild  # noqa: E402
from macros.views.render_glossary import abbreviations  # noqa: E402
from macros.views.render_model_page import MODEL_PAGE_ROOT, SiteLinks, render_model_page  # noqa: E402
from macros.views.render_timeline import add_timeline_year_pages  # noqa: E402


def _project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


# `mkdocs serve` must never hang on bad data: while the data or pages have problems, every page of the live
# preview shows them instead (and the next save that fixes them brings the site back). A build still aborts.
# The command is known only at start-up, before any config exists: the one fact kept in this module.
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _problems_found(title: str, report: str, config):
    if not _serving:
        raise Abort(f"{title}:\n{report}")
    print(f"{title}:\n{report}", file=sys.stderr)
    # An empty catalogue: nothing renders from data until the problems are fixed.
    site_build.attach(config, SiteBuild(problems=f"{title}:\n{report}"))
    config.plugins["macros"].config["render_by_default"] = False
    config.nav = None  # the pages stay, each showing the problems
    return config


@event_priority(100)  # before the macros plugin renders any page
def on_config(config):
    root = _project_root(config)
    take_usage_errors()  # a new build (mkdocs serve) starts with a clean slate
    try:
        catalog = load_catalog(root)
    except DataError as error:
        return _problems_found("Data problems", format_report(error.problems), config)
    problems = page_problems(root, catalog)
    if problems:
        return _problems_found("Page problems", format_report(problems), config)
    # What changed: the history of data/ from git, once per build (its events are cached on disk by commit).
    site_build.attach(config, SiteBuild(catalog=catalog, history=history.prepare(config, catalog)))
    # Glossary terms explain themselves on every page, as tooltips (the abbr extension's glossary).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(catalog)
    return config


def on_files(files, config):
    files.append(File.generated(config, BUNDLE, content=stylesheet_bundle(Path(config.docs_dir))))
    for name in STYLESHEETS:  # the sources of the bundle are not published on their own
        source = files.get_file_from_path(f"assets/{name}")
        if source is not None:
            files.remove(source)
    build = site_build.of(config)
    if build.problems:
        return files
    catalog = build.catalog
    links = SiteLinks(config.site_url or "", config.repo_url or "")
    for model in catalog.models.values():
        page = render_model_page(model, catalog, links, build.history,
                                 model_history_block(model.id, MODEL_PAGE_ROOT, build.history))
        front_matter, body = page.split("\n---\n", 1)  # the page starts with its front matter
        files.append(File.generated(config, f"models/{model.id}.md",
                                    content=f"{front_matter}\n---\n{build.stash.put_blocks(body)}"))
    add_timeline_year_pages(files, config, catalog)  # older years, once the Timeline page has no room for them
    return files


def on_post_build(config):
    build = site_build.of(config)
    if build.problems:
        return
    usage_errors = take_usage_errors()
    if usage_errors:
        raise Abort("Macro problems:\n" + "\n".join(usage_errors) + f"\n{len(usage_errors)} problem(s) found.")
    catalog = build.catalog
    generated_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    site_dir, site_url = Path(config.site_dir), config.site_url or ""
    write_api(catalog, _project_root(config), site_dir, generated_at)
    write_open_questions(catalog, site_dir, api_header(generated_at))
    # --- What changed (history helper): changes.json, change feeds, data_version added to every API file. ---
    history.write_outputs(build.history, site_dir, site_url, generated_at, catalog)
    for path, text in feed_documents(catalog, site_url).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")
    write_bibtex(catalog, site_dir, site_url)
    write_directory_sitemaps(site_dir, site_url)
    write_view_data(catalog, site_dir)
    drop_source_maps(site_dir)
    compact_search_index(site_dir, names_for_search(catalog))
    try:
        write_redirects(alias_redirects(catalog), site_dir, site_url)
    except RedirectCollision as error:
        raise Abort(str(error)) from None
    # Linking (issue 16): /badges/<model-id>.svg, then /objects.inv (it reads the built pages, so it comes last).
    write_badges(catalog, site_dir)
    inventory_problems = write_inventory(catalog, site_dir, Path(config.docs_dir), _project_root(config))
    if inventory_problems:
        raise Abort("Inventory problems:\n" + "\n".join(inventory_problems))


@event_priority(-100)  # after the search plugin has read the page
def on_page_context(context, page, config, nav):
    """Give overrides/main.html the page's <head> metadata (title, description, JSON-LD, alternates), and the
    page its blocks that the site search does not index (deferred by on_page_content, so the search plugin
    does not parse them)."""
    build = site_build.of(config)
    page.content = build.stash.restore_deferred(page.content, finish=exclude_views_from_search)
    context["atlas_head"] = page_head(page.url, page.title, page.meta, build.catalog,
                                      config.site_url or "", config.site_name, config.site_description or "")
    return context


def on_page_markdown(markdown, page, config, files):
    """In live preview, while the data or pages have problems, every page shows them."""
    build = site_build.of(config)
    if build.problems:
        return preview_problems_page(build.problems)
    return markdown


def on_page_content(html, page, config, files):
    """Generated HTML comes back in place of its placeholders (macros/outputs/html_stash.py); generated views
    are not indexed by the site search (macros/outputs/search_weight.py)."""
    anchors = set()
    # Section by section only on model pages: their headings are all top-level, as the deferral assumes.
    html = site_build.of(config).stash.restore(html, anchors=anchors, defer_sections="atlas_model" in page.meta,
                                               unindexed=is_unindexed_view)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchors
    return exclude_views_from_search(html)


def on_post_page(output, page, config):
    return drop_blank_lines(output)
