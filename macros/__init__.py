"""Qwen Atlas macros: `define_env` registers the macros pages call; the macros themselves are plain functions
in macros/views/page_macros.py, listed in PAGE_MACROS."""

from __future__ import annotations

import functools
from pathlib import Path

from . import site_build
from .contrib import usage_errors
from .outputs.html_stash import is_block_html
from .views import selection
from .views.escape import esc, page_root
from .views.page_macros import PAGE_MACROS, PageContext


def define_env(env) -> None:
    """Register every page macro. define_env runs once per build (again on each `mkdocs serve` rebuild), right
    after the on_config hook loaded and validated the data, so every macro reads that build's one Catalog;
    when the data has problems the catalogue is empty (a build aborts; `mkdocs serve` shows the problems)."""
    build = site_build.of(env.conf)
    project_dir = Path(env.project_dir)
    for function in PAGE_MACROS:
        env.macro(_bound(function, env, build, project_dir), function.__name__)


def _bound(function, env, build, project_dir: Path):
    """The macro as a page calls it: its PageContext filled in, and a usage error (an unknown id, a filter that
    matches nothing) recorded with the page that made it, so the build fails with one line per problem."""

    @functools.wraps(function)
    def macro(*args, **kwargs):
        page = PageContext(build.catalog, page_root(env.page.url), env.conf["site_url"] or "",
                           env.conf["repo_url"] or "", project_dir, build.history)
        try:
            result = function(page, *args, **kwargs)
        except (selection.UnknownReference, ValueError) as error:
            usage_errors.record(f"docs/{env.page.file.src_uri}: {function.__name__}: {error}")
            return f'<strong class="atlas-error">{esc(function.__name__)}: {esc(error)}</strong>'
        # A block of HTML (a table, a timeline) skips Markdown's slow raw-HTML pass; inline results (links)
        # stay, since a placeholder word in a heading would reach the table of contents.
        return build.stash.put_whole(result) if is_block_html(result) else result

    return macro
