"""A model's fact card: every fact with its unit and qualifier, and the sources behind it."""

from __future__ import annotations

from ..data.records import Catalog, Model
from .escape import site_path
from .formatting import is_extended, number_b, tokens_short
from .templating import block, render


def _fact(label: str, text=None, *, missing: str | None = None, why: str = "", href: str | None = None,
          code: bool = False, date=None) -> dict:
    return {"label": label, "text": "" if text is None else str(text), "missing": missing, "why": why,
            "href": href, "code": code, "date": date}


def _tokens(tokens: int) -> str:
    return f"{tokens_short(tokens)} ({tokens:,} tokens)"


def fact_rows(model: Model, catalog: Catalog, root: str) -> list[dict]:
    """Every fact with its qualifier: unknown (not stated) and n/a (does not apply) are kept apart."""
    family = catalog.families[model.family]
    base = catalog.models.get(model.base_model) if model.base_model else None
    unknown = {"missing": "unknown"}
    if model.params_active_b is not None:
        active = _fact("Parameters (active per token)", number_b(model.params_active_b))
    elif model.architecture == "dense":
        active = _fact("Parameters (active per token)", missing="na", why="dense: all parameters are active")
    else:
        active = _fact("Parameters (active per token)", **unknown)
    if not model.context_max:
        context_max = _fact("Context (maximum)", **unknown)
    else:
        same = "" if is_extended(model) else ", the same as native (no extension documented)"
        context_max = _fact("Context (maximum)", _tokens(model.context_max) + same)
    return [
        _fact("Family", family.name, href=site_path(root, "families", family.id)),
        _fact("Released", "" if model.released.precision == "day" else " (month precision)", date=model.released),
        _fact("Variant", model.variant),
        _fact("Architecture", model.architecture + (f" · {model.attention}" if model.attention else "")),
        _fact("Parameters (total)", number_b(model.params_total_b)) if model.params_total_b is not None
        else _fact("Parameters (total)", **unknown),
        active,
        _fact("Layers", model.layers) if model.layers else _fact("Layers", **unknown),
        _fact("Context (native)", _tokens(model.context_native)) if model.context_native
        else _fact("Context (native)", **unknown),
        context_max,
        _fact("Context extension method", model.context_extension) if is_extended(model)
        else _fact("Context extension method", missing="na"),
        _fact("Input", ", ".join(model.modalities_in)),
        _fact("Output", ", ".join(model.modalities_out)),
        _fact("Weights", "open weights" if model.open_weights else "API only (no downloadable weights)"),
        _fact("Hugging Face", model.hf_repo, href=f"https://huggingface.co/{model.hf_repo}", code=True)
        if model.open_weights else _fact("Hugging Face", missing="na", why="API only"),
        _fact("Licence", model.license) if model.license else _fact("Licence", **unknown),
        _fact("Base model", base.name, href=site_path(root, "models", base.id)) if base
        else _fact("Base model", missing="na"),
        _fact("Confidence", model.confidence),
    ]


def sources_html(sources: tuple[str, ...]) -> str:
    return str(render("record_tables.html", kind="sources", rows=sources, root=""))


def render_model_card(model: Model, catalog: Catalog, root: str) -> str:
    return block(render("model_card.html", model=model, facts=fact_rows(model, catalog, root), root=root))
