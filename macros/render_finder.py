"""The model finder: one table of every model, complete without JavaScript.

docs/assets/finder.js enhances it (filters, sorting, filter state in the URL); it reads the row
data attributes written here, so what the script filters on is exactly what the table shows.
"""

from __future__ import annotations

from .escape import esc
from .formatting import NOT_APPLICABLE, UNKNOWN, license_html, number_b, tokens_short
from .memory_estimate import bf16_gb, gb_text, int4_gb
from .records import Catalog, Model
from .render_tables import date_html, model_anchor

# Size filter bounds in billions of parameters (total): round steps a reader thinks in.
SIZE_STEPS = (0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
COLUMNS = (  # (key used by the script and the URL, header)
    ("model", "Model"), ("family", "Family"), ("released", "Released"), ("total", "Parameters (total)"),
    ("active", "Parameters (active)"), ("architecture", "Architecture"), ("ctx-native", "Context (native)"),
    ("ctx-max", "Context (max)"), ("modalities", "Input → output"), ("license", "Licence"),
    ("weights", "Weights"), ("bf16", "bf16 weights (estimate)"), ("int4", "4-bit weights (estimate)"),
)


def _cell(html: str, sort: object = None) -> str:
    attr = f' data-sort="{esc(sort)}"' if sort is not None else ""
    return f"<td{attr}>{html}</td>"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _active_html(model: Model) -> str:
    if model.architecture == "dense":
        return NOT_APPLICABLE.replace("Not applicable", "Dense: every parameter is active")
    return esc(number_b(model.params_active_b)) if model.params_active_b is not None else UNKNOWN


def _tokens_html(tokens: int | None) -> str:
    return esc(tokens_short(tokens)) if tokens else UNKNOWN


def _memory_html(gigabytes: float | None) -> str:
    return UNKNOWN if gigabytes is None else f'<span title="Estimate: weights only">{esc(gb_text(gigabytes))}</span>'


def finder_row(model: Model, catalog: Catalog, root: str) -> str:
    family = catalog.families[model.family]
    search_text = " ".join([model.name, model.id, family.name, model.variant, *model.aliases]).lower()
    context_max = model.context_max or model.context_native
    attrs = {
        "data-id": model.id, "data-family": family.id, "data-in": " ".join(model.modalities_in),
        "data-out": " ".join(model.modalities_out), "data-open": "true" if model.open_weights else "false",
        "data-license": model.license or "", "data-total": _number(model.params_total_b), "data-text": search_text,
    }
    cells = [
        _cell(model_anchor(model, root), model.name.lower()),
        _cell(esc(family.name), family.name.lower()),
        _cell(date_html(model.released), model.released.iso),
        _cell(esc(number_b(model.params_total_b)) if model.params_total_b is not None else UNKNOWN,
              _number(model.params_total_b)),
        _cell(_active_html(model), _number(model.params_active_b if model.is_moe else model.params_total_b)),
        _cell(esc(model.architecture), model.architecture),
        _cell(_tokens_html(model.context_native), model.context_native or ""),
        _cell(_tokens_html(context_max) + (f' <span class="atlas-muted">({esc(model.context_extension)})</span>'
                                           if model.context_max and model.context_max != model.context_native
                                           and model.context_extension else ""), context_max or ""),
        _cell(esc(f"{', '.join(model.modalities_in)} → {', '.join(model.modalities_out)}")),
        _cell(license_html(model), (model.license or "").lower()),
        _cell("open" if model.open_weights else "API only", "1" if model.open_weights else "0"),
        _cell(_memory_html(bf16_gb(model.params_total_b)), _number(bf16_gb(model.params_total_b))),
        _cell(_memory_html(int4_gb(model.params_total_b)), _number(int4_gb(model.params_total_b))),
    ]
    rendered = "".join(f' {key}="{esc(value)}"' for key, value in attrs.items())
    return f"<tr{rendered}>{''.join(cells)}</tr>"


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options)
    return (f'<label class="atlas-filter"><span>{esc(label)}</span>'
            f'<select name="{name}" data-filter="{name}">{choices}</select></label>')


def _size_label(billions: float) -> str:
    return f"{billions / 1024:g}T" if billions >= 1024 else (f"{billions * 1000:g}M" if billions < 1 else f"{billions:g}B")


def filter_form(models: list[Model], catalog: Catalog) -> str:
    """The controls, hidden until the script shows them: without JavaScript they could do nothing."""
    families = [catalog.families[f] for f in dict.fromkeys(m.family for m in models)]
    inputs = sorted({x for m in models for x in m.modalities_in} - {"text"})
    outputs = sorted({x for m in models for x in m.modalities_out} - {"text"})
    licences = sorted({m.license for m in models if m.license})
    sizes = [(f"{s:g}", _size_label(s)) for s in SIZE_STEPS]
    return (
        '<form class="atlas-finder-filters" data-finder-form hidden role="search" aria-label="Filter models">'
        '<label class="atlas-filter atlas-filter-text"><span>Search</span>'
        '<input type="search" name="q" data-filter="q" placeholder="Name, family, variant…" autocomplete="off">'
        "</label>"
        + _select("family", "Family", [("", "Any family")] + [(f.id, f.name) for f in families])
        + _select("modality", "Modality", [("", "Any modality")] + [(f"in:{x}", f"{x} input") for x in inputs]
                  + [(f"out:{x}", f"{x} output") for x in outputs])
        + _select("weights", "Weights", [("", "Open or API"), ("open", "Open weights"), ("api", "API only")])
        + _select("license", "Licence", [("", "Any licence")] + [(x, x) for x in licences])
        + _select("min", "Size from", [("", "Any")] + sizes)
        + _select("max", "Size up to", [("", "Any")] + sizes)
        + '<button type="reset" class="md-button" data-finder-reset>Reset</button>'
        "</form>"
        '<p class="atlas-finder-status" data-finder-status role="status" aria-live="polite"></p>'
    )


def render_finder(catalog: Catalog, root: str) -> str:
    models = catalog.models_by_date()[::-1]  # newest first: what most readers look for
    head = "".join(f'<th scope="col" data-column="{key}">{esc(label)}</th>' for key, label in COLUMNS)
    rows = "".join(finder_row(m, catalog, root) for m in models)
    return (f"\n\n<div class=\"atlas-finder\" data-finder>{filter_form(models, catalog)}"
            f'<div class="atlas-table-wrap"><table class="atlas-table atlas-finder-table" data-finder-table>'
            f"<caption>Every model in the atlas: {len(models)} rows, newest first</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>\n\n")

