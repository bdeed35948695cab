"""The model finder: one table of every model, complete without JavaScript.

docs/assets/finder.js enhances it (filters, sorting, filter state in the URL); it reads the row
data attributes written here, so what the script filters on is exactly what the table shows.
"""

from __future__ import annotations

from ..data.records import Catalog, Model
from .escape import esc
from .formatting import number_b, tokens_short
from .memory_estimate import bf16_gb, gb_text, int4_gb
from .render_charts import params_label
from .render_tables import date_html, model_anchor

# Size filter bounds in billions of parameters (total): round steps a reader thinks in.
SIZE_STEPS = (0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)
COLUMNS = (  # (key used by the script and the URL, header)
    ("model", "Model"), ("family", "Family"), ("released", "Released"), ("total", "Parameters (total)"),
    ("active", "Parameters (active)"), ("architecture", "Architecture"), ("ctx-native", "Context (native)"),
    ("ctx-max", "Context (max)"), ("modalities", "Input → output"), ("license", "Licence"),
    ("weights", "Weights"), ("bf16", "bf16 weights (estimate)"), ("int4", "4-bit weights (estimate)"),
)


# The table is the one page that carries every model, so each row is kept lean: cells sort by their
# text unless a number is needed (data-sort), and the script filters on the cells' own text where it
# can (licence, weights), adding data attributes only for what no cell shows exactly.
UNKNOWN_SHORT = '<span class="atlas-unknown">unknown</span>'  # the page explains "unknown" once


def _cell(html: str, sort: object = None) -> str:
    attr = f' data-sort="{esc(sort)}"' if sort is not None else ""
    return f"<td{attr}>{html}</td>"


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 2):g}"


def _active_html(model: Model) -> str:
    if model.architecture == "dense":
        return '<span class="atlas-na">all</span>'  # the page says dense models use all their parameters
    return esc(number_b(model.params_active_b)) if model.params_active_b is not None else UNKNOWN_SHORT


def _tokens_html(tokens: int | None, extended: bool = False) -> str:
    """A `*` marks a window reached with an extension (YaRN and the like); the model page says how."""
    return esc(tokens_short(tokens)) + ("*" if extended else "") if tokens else UNKNOWN_SHORT


def _memory_html(gigabytes: float | None) -> str:
    return UNKNOWN_SHORT if gigabytes is None else esc(gb_text(gigabytes))


def finder_row(model: Model, catalog: Catalog, root: str) -> str:
    family = catalog.families[model.family]
    context_max = model.context_max or model.context_native
    extended = bool(model.context_max and model.context_native and model.context_max > model.context_native)
    # The name and family cells are searched too; this adds what the cells do not show.
    extra_text = " ".join([model.variant, *model.aliases]).lower()
    attrs = {
        "data-id": model.id, "data-family": family.id, "data-in": " ".join(model.modalities_in),
        "data-out": " ".join(model.modalities_out), "data-text": extra_text,
    }
    bf16, int4 = bf16_gb(model.params_total_b), int4_gb(model.params_total_b)
    cells = [
        _cell(model_anchor(model, root)),
        _cell(esc(family.name)),
        _cell(date_html(model.released)),
        _cell(esc(number_b(model.params_total_b)) if model.params_total_b is not None else UNKNOWN_SHORT,
              _number(model.params_total_b)),
        _cell(_active_html(model), _number(model.params_active_b if model.is_moe else model.params_total_b)),
        _cell(esc(model.architecture)),
        _cell(_tokens_html(model.context_native), model.context_native or ""),
        _cell(_tokens_html(context_max, extended), context_max or ""),
        _cell(esc(f"{', '.join(model.modalities_in)} → {', '.join(model.modalities_out)}")),
        _cell(esc(model.license) if model.license else UNKNOWN_SHORT),
        _cell("open" if model.open_weights else "API only"),
        _cell(_memory_html(bf16), _number(bf16)),
        _cell(_memory_html(int4), _number(int4)),
    ]
    rendered = "".join(f' {key}="{esc(value)}"' for key, value in attrs.items())
    return f"<tr{rendered}>{''.join(cells)}</tr>"


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options)
    return (f'<label class="atlas-filter"><span>{esc(label)}</span>'
            f'<select name="{name}" data-filter="{name}">{choices}</select></label>')


def filter_form(models: list[Model], catalog: Catalog) -> str:
    """The controls, hidden until the script shows them: without JavaScript they could do nothing."""
    families = [catalog.families[f] for f in dict.fromkeys(m.family for m in models)]
    inputs = sorted({x for m in models for x in m.modalities_in} - {"text"})
    outputs = sorted({x for m in models for x in m.modalities_out} - {"text"})
    licences = sorted({m.license for m in models if m.license})
    sizes = [(f"{s:g}", params_label(s)) for s in SIZE_STEPS]
    return (
        '<form class="atlas-finder-filters" data-finder-form hidden role="search" aria-label="Filter models">'
        '<label class="atlas-filter atlas-filter-text"><span>Search</span>'
        '<input type="search" name="text" data-filter="text" placeholder="Name, family, variant…" autocomplete="off">'
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
            f"<caption>All {len(models)} models in the atlas</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>\n\n")

