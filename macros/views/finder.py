"""What the model finder shows: one row of plain values per model, the columns, and the filter choices.

The same rows feed the page (the newest ones, rendered by templates/finder.html) and the finder's data file
(every model, read by docs/assets/finder.js), so the script shows exactly what the page would. Every value is
formatted here, once: the script only places text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import Catalog, Model
from .formatting import is_extended, number_b, tokens_short
from .memory_estimate import bf16_gb, gb_text, int4_gb

FIRST_SCREEN_ROWS = 30  # rendered into the page; the script loads the rest (page weight stays flat)
SIZE_STEPS = (0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)  # billions: round steps a reader thinks in
CONTEXT_STEPS = (8192, 32768, 131072, 262144, 1_000_000)  # "at least" choices for the maximum context


@dataclass(frozen=True)
class Column:
    key: str  # in the URL (?cols=) and in each row's `cells`
    label: str
    default: bool  # shown before the reader chooses
    numeric: bool = False  # right-aligned, sorted as a number


COLUMNS = (
    Column("model", "Model", True),
    Column("family", "Family", True),
    Column("released", "Released", True),
    Column("size", "Parameters", True, numeric=True),
    Column("context", "Context", True, numeric=True),
    Column("io", "Input → output", True),
    Column("weights", "Weights · licence", True),
    Column("variant", "Variant", False),
    Column("architecture", "Architecture", False),
    Column("layers", "Layers", False, numeric=True),
    Column("bf16", "bf16 weights (est.)", False, numeric=True),
    Column("int4", "4-bit weights (est.)", False, numeric=True),
    Column("repo", "Hugging Face", False),
)


def size_label(billions: float) -> str:
    """How people say sizes: 0.6B, 72B, 2.4T."""
    if billions >= 1000:
        return f"{billions / 1000:.2f}".rstrip("0").rstrip(".") + "T"
    return number_b(billions)


def _size(model: Model) -> tuple[str, float | None]:
    if model.params_total_b is None:
        return ("MoE, size undisclosed" if model.is_moe else "undisclosed"), None
    text = size_label(model.params_total_b)
    if model.is_moe and model.params_active_b is not None:
        text += f" · {size_label(model.params_active_b)} active"
    return text, model.params_total_b


def size_text(model: Model) -> str:
    """'30.5B · 3.3B active', '72B', 'undisclosed': the size as the finder and the compare picker show it."""
    return _size(model)[0]


def _context(model: Model) -> tuple[str, int | None]:
    native, longest = model.context_native, model.context_max or model.context_native
    if longest is None:
        return "unknown", None
    if is_extended(model):
        return f"{tokens_short(native)} → {tokens_short(longest)}", longest
    return tokens_short(longest), longest


def _has_four_bit(model: Model) -> bool:
    return bool(getattr(model, "has_official_4bit_build", False))


def finder_row(model: Model, catalog: Catalog) -> dict:
    """Everything one row shows and filters on, as plain values (JSON-ready)."""
    family = catalog.families[model.family]
    size_text, size_sort = _size(model)
    context_text, context_sort = _context(model)
    bf16, int4 = bf16_gb(model.params_total_b), int4_gb(model.params_total_b)
    weights = ("Open" if model.open_weights else "API only") + (f" · {model.license}" if model.license else "")
    return {
        "id": model.id,
        "name": model.name,
        "family": family.id,
        "released": model.released.iso,
        "variant": model.variant,
        "arch": model.architecture,
        "size": size_sort,
        "ctx": context_sort,
        "ctx_native": model.context_native,
        "in": list(model.modalities_in),
        "out": list(model.modalities_out),
        "open": model.open_weights,
        "license": model.license or "",
        "four_bit": _has_four_bit(model),
        # Searched by the text box besides the visible name: the id, aliases and names on other hubs.
        "also": " ".join(dict.fromkeys(x for x in (model.id, *model.aliases, model.hf_repo or "",
                                                    getattr(model, "modelscope_repo", None) or "",
                                                    *(getattr(model, "api_names", ()) or ())) if x)),
        "cells": {
            "family": family.name,
            "released": model.released.display,
            "size": size_text,
            "context": context_text,
            "io": f"{', '.join(model.modalities_in)} → {', '.join(model.modalities_out)}",
            "weights": weights,
            "variant": model.variant,
            "architecture": model.architecture,
            "layers": str(model.layers) if model.layers else "unknown",
            "bf16": gb_text(bf16),
            "int4": gb_text(int4),
            "repo": model.hf_repo or "none (API only)",
        },
        "sort": {"bf16": bf16, "int4": int4, "layers": model.layers},
    }


def finder_rows(catalog: Catalog) -> list[dict]:
    """Every model, newest first (what most readers look for), ties by name."""
    models = sorted(catalog.models.values(), key=lambda m: (m.released.sort_key, m.name), reverse=True)
    return [finder_row(m, catalog) for m in models]


def filter_choices(rows: list[dict], catalog: Catalog) -> dict:
    """The options of each filter, with how many models each matches in the whole catalogue."""

    def counted(values) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return sorted(counts.items())

    families = counted(r["family"] for r in rows)
    order = {f: i for i, f in enumerate(catalog.families)}
    return {
        "family": [(f, catalog.families[f].name, n) for f, n in sorted(families, key=lambda p: order[p[0]])],
        "variant": [(v, v, n) for v, n in counted(r["variant"] for r in rows)],
        "input": [(m, f"{m} input", n) for m, n in counted(m for r in rows for m in r["in"]) if m != "text"],
        "output": [(m, f"{m} output", n) for m, n in counted(m for r in rows for m in r["out"]) if m != "text"],
        "license": [(x, x, n) for x, n in counted(r["license"] for r in rows if r["license"])],
        "sizes": [(f"{s:g}", size_label(s)) for s in SIZE_STEPS],
        "contexts": [(str(c), tokens_short(c)) for c in CONTEXT_STEPS],
    }


def finder_view(catalog: Catalog, root: str) -> dict:
    """The template's context: columns, choices, the first screen of rows, and where the rest is."""
    rows = finder_rows(catalog)
    return {
        "root": root,
        "columns": COLUMNS,
        "choices": filter_choices(rows, catalog),
        "rows": rows[:FIRST_SCREEN_ROWS],
        "total": len(rows),
        "families_with_models": len({r["family"] for r in rows}),
    }
