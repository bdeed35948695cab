"""The permanent page of one model, /models/<id>/, generated from data at build time.

Everything a page shows comes from its own slice (family, lineage, papers) of the build's Catalog, whose
index is built once per build, so a page costs the same however large the catalogue grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from ..data.records import Catalog, Model
from ..outputs import permalinks
from ..outputs.history import cite_as_of
from ..outputs.page_meta import model_description
from .escape import esc, theme_text
from .model_page import model_page_view
from .render_cite import render_cite_box
from .templating import render_markdown

MODEL_PAGE_ROOT = "../../"  # models/<id>/ sits two levels below the site root
CORRECTION_TEMPLATE = "data-correction.yml"


@dataclass(frozen=True)
class SiteLinks:
    """Where the site and its repository live (mkdocs.yml site_url and repo_url)."""

    site_url: str
    repo_url: str

    def edit_data(self, model: Model) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/main/{model.origin.path}#L{model.origin.line}"

    def report_problem(self, model: Model) -> str:
        query = urlencode({"template": CORRECTION_TEMPLATE, "title": f"Data correction: {model.name} ({model.id})",
                           "model": model.id})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def permalink(self, model: Model) -> str:
        return permalinks.absolute(self.site_url, permalinks.model_page(model.id))


def _list(items: list[str], empty: str = "None recorded.") -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else f"<p>{esc(empty)}</p>"


def ancestry(model: Model, catalog: Catalog) -> list[Model]:
    """The chain of base models, root first, stopping at a cycle (validation reports those)."""
    chain, seen, current = [], {model.id}, model
    while current.base_model in catalog.models and current.base_model not in seen:
        current = catalog.models[current.base_model]
        seen.add(current.id)
        chain.append(current)
    return list(reversed(chain))


def cite_box(model: Model, links: SiteLinks, history=None) -> str:
    return render_cite_box(model, links.site_url, MODEL_PAGE_ROOT, links.permalink(model), cite_as_of(model, history))


def render_model_page(model: Model, catalog: Catalog, links: SiteLinks, history=None,
                      history_block: str = "") -> str:
    """Markdown for the page: front matter (escaped where the theme prints it), then the template.
    `history` is the build's History (for the cite box's data version); `history_block` its HTML list."""
    root = MODEL_PAGE_ROOT
    view = model_page_view(model, catalog, catalog.models_in_family(model.family), catalog.derived_from(model.id),
                           catalog.papers_about(model.id), root)
    body = render_markdown("model_page.md", **view, edit_url=links.edit_data(model),
                           report_url=links.report_problem(model), history=Markup(history_block),
                           cite=Markup(cite_box(model, links, history)))
    return f"""---
title: {_yaml_string(theme_text(model.name))}
description: {_yaml_string(model_description(model, catalog))}
atlas_model: {model.id}
render_macros: false
---

{body}"""


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (front matter), safe for any text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
