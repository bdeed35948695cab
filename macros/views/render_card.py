"""A model's fact card: every fact with its unit and qualifier, and the sources behind it."""

from __future__ import annotations

from ..data.records import Catalog, Model
from .escape import esc, site_path, url_attr
from .formatting import NOT_APPLICABLE, UNKNOWN, is_extended, license_html, number_b, tokens_short
from .render_tables import date_html


def _hf_link(model: Model) -> str:
    if not model.open_weights:
        return NOT_APPLICABLE + " (API only)"
    return f'<a href="https://huggingface.co/{esc(model.hf_repo)}"><code>{esc(model.hf_repo)}</code></a>'


def _context_max_html(model: Model) -> str:
    if not model.context_max:
        return UNKNOWN
    suffix = "" if is_extended(model) else ", the same as native (no extension documented)"
    return esc(f"{tokens_short(model.context_max)} ({model.context_max:,} tokens){suffix}")


def fact_rows(model: Model, catalog: Catalog, root: str) -> list[tuple[str, str]]:
    """(label, html) pairs; the card and the model page both show these."""
    family = catalog.families[model.family]
    base = catalog.models.get(model.base_model) if model.base_model else None
    rows = [
        ("Family", f'<a href="{site_path(root, "families", family.id)}">{esc(family.name)}</a>'),
        ("Released", date_html(model.released) + ("" if model.released.precision == "day" else " (month precision)")),
        ("Variant", esc(model.variant)),
        ("Architecture", esc(model.architecture) + (f" · {esc(model.attention)}" if model.attention else "")),
        ("Parameters (total)", esc(number_b(model.params_total_b)) if model.params_total_b is not None else UNKNOWN),
        ("Parameters (active per token)",
         esc(number_b(model.params_active_b)) if model.params_active_b is not None
         else (UNKNOWN if model.architecture != "dense" else NOT_APPLICABLE + " (dense: all parameters are active)")),
        ("Layers", esc(model.layers) if model.layers else UNKNOWN),
        ("Context (native)", esc(f"{tokens_short(model.context_native)} ({model.context_native:,} tokens)")
         if model.context_native else UNKNOWN),
        ("Context (maximum)", _context_max_html(model)),
        ("Context extension method", esc(model.context_extension) if is_extended(model) else NOT_APPLICABLE),
        ("Input", esc(", ".join(model.modalities_in))),
        ("Output", esc(", ".join(model.modalities_out))),
        ("Weights", "open weights" if model.open_weights else "API only (no downloadable weights)"),
        ("Hugging Face", _hf_link(model)),
        ("Licence", license_html(model)),
        ("Base model", f'<a href="{site_path(root, "models", base.id)}">{esc(base.name)}</a>' if base
         else NOT_APPLICABLE),
        ("Confidence", esc(model.confidence)),
    ]
    return rows


def sources_html(sources: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="{url_attr(u)}">{esc(u)}</a></li>' for u in sources)
    return f'<ol class="atlas-sources">{items}</ol>'


def render_model_card(model: Model, catalog: Catalog, root: str) -> str:
    rows = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{value}</td></tr>'
                   for label, value in fact_rows(model, catalog, root))
    title = f'<a href="{site_path(root, "models", model.id)}">{esc(model.name)}</a>'
    summary = f"<p>{esc(model.summary)}</p>" if model.summary else ""
    return (f'\n\n<div class="atlas-card" id="card-{esc(model.id)}"><p class="atlas-card-title">{title}</p>{summary}'
            f'<table class="atlas-facts"><tbody>{rows}</tbody></table>'
            f"<details><summary>Sources ({len(model.sources)})</summary>{sources_html(model.sources)}</details>"
            f"</div>\n\n")
