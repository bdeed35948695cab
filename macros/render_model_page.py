"""The permanent page of one model, /models/<id>/, generated from data at build time."""

from __future__ import annotations

from .escape import esc, site_path, url_attr
from .formatting import context_text, params_text
from .records import Catalog, Model
from .render_card import fact_rows, sources_html
from .render_tables import date_html, model_anchor

MODEL_PAGE_ROOT = "../../"  # models/<id>/ sits two levels below the site root


def model_description(model: Model, catalog: Catalog) -> str:
    """One sentence of key facts, for the meta description and link previews."""
    family = catalog.families[model.family].name
    weights = "open weights" if model.open_weights else "API only"
    return (f"{model.name}: {family} {model.variant} model released {model.released.display}; "
            f"{params_text(model)} parameters ({model.architecture}); context {context_text(model)}; "
            f"{', '.join(model.modalities_in)} in, {', '.join(model.modalities_out)} out; {weights}"
            + (f", {model.license}" if model.license else "") + ".")


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p>None recorded.</p>"


def render_model_page(model: Model, catalog: Catalog, repo_edit_base: str) -> str:
    """Markdown for the page: front matter, then HTML blocks built only from escaped data."""
    root = MODEL_PAGE_ROOT
    family = catalog.families[model.family]
    siblings = [m for m in catalog.models_in_family(family.id) if m.id != model.id]
    derived = catalog.derived_from(model.id)
    papers = catalog.papers_about(model.id)
    facts = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{value}</td></tr>'
                    for label, value in fact_rows(model, catalog, root))
    lineage = []
    if model.base_model and model.base_model in catalog.models:
        lineage.append("Trained from " + model_anchor(catalog.models[model.base_model], root))
    lineage += ["Base of " + model_anchor(m, root) for m in derived]
    paper_items = [f'{date_html(p.date)} · <a href="{url_attr(p.url)}">{esc(p.title)}</a>' for p in papers]
    sibling_items = [f"{model_anchor(m, root)} · {esc(params_text(m))} · {esc(m.variant)}" for m in siblings]
    edit_url = f"{repo_edit_base}{model.origin.path}#L{model.origin.line}"
    description = model_description(model, catalog)
    notes = f'<div class="admonition note"><p class="admonition-title">Notes</p><p>{esc(model.notes)}</p></div>' \
        if model.notes else ""
    summary = f"<p>{esc(model.summary)}</p>" if model.summary else ""
    return f"""---
title: {_yaml_string(model.name)}
description: {_yaml_string(description)}
atlas_model: {model.id}
render_macros: false
---

# {esc(model.name)}

<p class="atlas-lede">{esc(description)}</p>
{summary}
{notes}

## Facts {{ #facts }}

<table class="atlas-facts"><tbody>{facts}</tbody></table>

## Lineage {{ #lineage }}

{_list(lineage)}

## Other {esc(family.name)} models {{ #siblings }}

{_list(sibling_items)}

## Papers and posts {{ #papers }}

{_list(paper_items)}

## Sources {{ #sources }}

{sources_html(model.sources)}

<p class="atlas-page-actions"><a href="{esc(edit_url)}">Edit this data</a> ·
<a href="{site_path(root, "api", "v1", "models")[:-1]}/{esc(model.id)}.json">JSON</a></p>
"""


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (front matter), safe for any text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
