"""The permanent page of one model, /models/<id>/, generated from data at build time.

Everything a page shows comes from its own slice (family, lineage, papers) through a Slices index built
once per build, so a page costs the same however large the catalogue grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..data.records import Catalog, Model
from ..outputs import permalinks
from ..outputs.page_meta import model_description
from .escape import esc, site_path, theme_text, url_attr
from .formatting import params_text
from .render_card import fact_rows
from .render_tables import date_html, model_anchor
from .slices import Slices

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


def lineage_html(model: Model, catalog: Catalog, slices: Slices, root: str) -> str:
    ancestors = ancestry(model, catalog)
    derived = slices.derived(model.id)
    chain = " → ".join([model_anchor(m, root) for m in ancestors] + [f"<strong>{esc(model.name)}</strong>"])
    parts = [f'<p class="atlas-lineage-chain">{chain}</p>' if ancestors
             else "<p>A root model: it is not trained from another model in this catalogue.</p>"]
    parts.append("<p>Models trained from it:</p>" + _list(
        [f"{model_anchor(m, root)} · {esc(m.variant)} · {date_html(m.released)}" for m in derived])
        if derived else "<p>No model in this catalogue is recorded as trained from it.</p>")
    return "".join(parts)


def sources_list(sources: tuple[str, ...]) -> str:
    """Numbered references with stable anchors (#source-1 ...), so a fact can be cited by number."""
    items = "".join(f'<li id="source-{n}"><a href="{url_attr(u)}">{esc(u)}</a></li>'
                    for n, u in enumerate(sources, start=1))
    return f'<ol class="atlas-sources">{items}</ol>'


def cite_box(model: Model, links: SiteLinks) -> str:
    permalink = links.permalink(model)
    markdown = f"[{model.name}]({permalink})"
    html_link = f'<a href="{permalink}">{model.name}</a>'
    return (f'<div class="atlas-cite"><dl>'
            f'<dt>Permalink</dt><dd><code>{esc(permalink)}</code></dd>'
            f'<dt>Markdown</dt><dd><code>{esc(markdown)}</code></dd>'
            f'<dt>HTML</dt><dd><code>{esc(html_link)}</code></dd>'
            f'<dt>JSON</dt><dd><code>{esc(permalinks.absolute(links.site_url, permalinks.model_json(model.id)))}'
            f"</code></dd></dl></div>")


def render_model_page(model: Model, catalog: Catalog, links: SiteLinks, slices: Slices) -> str:
    """Markdown for the page: front matter, then HTML blocks built only from escaped data."""
    root = MODEL_PAGE_ROOT
    family = catalog.families[model.family]
    siblings = [m for m in slices.family_models(family.id) if m.id != model.id]
    facts = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{value}</td></tr>'
                    for label, value in fact_rows(model, catalog, root))
    paper_items = [f'{date_html(p.date)} · <a href="{url_attr(p.url)}">{esc(p.title)}</a> · {esc(p.kind)}'
                   f' · <a href="{root}{esc(permalinks.paper_anchor(p.id))}">in our list</a>'
                   for p in slices.papers_about(model.id)]
    sibling_items = [f"{model_anchor(m, root)} · {esc(params_text(m))} · {esc(m.variant)} · {date_html(m.released)}"
                     for m in siblings]
    description = model_description(model, catalog)
    notes = f'<div class="admonition note"><p class="admonition-title">Notes</p><p>{esc(model.notes)}</p></div>' \
        if model.notes else ""
    summary = f"<p>{esc(model.summary)}</p>" if model.summary else ""
    renamed = (f'<p class="atlas-aliases">Earlier ids, still redirected here: '
               f'{", ".join(f"<code>{esc(a)}</code>" for a in model.aliases)}.</p>') if model.aliases else ""
    json_href = root + esc(permalinks.model_json(model.id))
    family_href = site_path(root, "families", family.id)
    actions = (f'<p class="atlas-page-actions"><a href="{json_href}" type="application/json">JSON</a> · '
               f'<a href="{site_path(root, "compare")}?ids={quote(model.id, safe=".-")}">Compare with others</a> · '
               f'<a href="#cite">Cite or link</a> · '
               f'<a href="{esc(links.edit_data(model))}" title="{esc(model.origin.path)}, line {model.origin.line}">'
               f"Edit this data</a> · "
               f'<a href="{esc(links.report_problem(model))}">Report a problem</a></p>')
    return f"""---
title: {_yaml_string(theme_text(model.name))}
description: {_yaml_string(description)}
atlas_model: {model.id}
render_macros: false
---

# {esc(model.name)}

<p class="atlas-lede">{esc(description)}</p>
{summary}
{notes}
{renamed}
{actions}

## Facts {{ #facts }}

<table class="atlas-facts"><tbody>{facts}</tbody></table>
<p class="atlas-sources-note">Every fact above is taken from the numbered <a href="#sources">sources</a>;
the confidence row says how well they agree.</p>

## Family {{ #family }}

<p>Part of the <a href="{family_href}">{esc(family.name)}</a> family ({len(siblings) + 1} models).</p>
{_list(sibling_items, "No other models in this family yet.")}

## Lineage {{ #lineage }}

{lineage_html(model, catalog, slices, root)}

## Papers and posts {{ #papers }}

{_list(paper_items)}

## Sources {{ #sources }}

{sources_list(model.sources)}

## Cite or link {{ #cite }}

{cite_box(model, links)}

{actions}
"""


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (front matter), safe for any text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
