"""The compare page: a type-to-search picker, the rows a comparison shows, and suggested comparisons.

The page carries no model's facts. docs/assets/compare.js fetches the 2-4 chosen models from this site's JSON
API (api/v1/models/<id>.json) and, on the first use of the picker, the list of models (api/v1/models.json);
the page stays the same size at any catalogue size. What is decided here, in plain functions tested directly:
which rows exist and in which group (templates/compare.html renders them as a row template the script fills),
how each row decides that models differ (`difference`, the reference the script's comparison follows and the
browser test checks it against), and which suggested comparisons the empty page offers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.records import Catalog
from .memory_estimate import BF16_BYTES_PER_PARAM, INT4_BYTES_PER_PARAM, INT4_OVERHEAD
from .templating import block, render

MIN_MODELS, MAX_MODELS = 2, 4

# How a row decides that values differ (the script implements the same four rules):
#   exact  - equal as values (strings, whole numbers, booleans)
#   number - equal within NUMBER_TOLERANCE (sizes given as 8.19B and 8.2B are the same size)
#   date   - equal at the coarser precision ("2025-04" and "2025-04-29" may be the same day: not a difference)
#   set    - the same members in any order (modalities)
#   unique - one per model by nature (a repository, the sources): never marked, always shown
KINDS = ("exact", "number", "date", "set", "unique")
NUMBER_TOLERANCE = 0.005  # relative: half a percent


@dataclass(frozen=True)
class Row:
    key: str  # the script fills the row by this key (docs/assets/compare.js, FIELDS)
    label: str
    kind: str
    hint: str | None = None  # a short explanation, shown as the row header's description


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    rows: tuple[Row, ...]


ROW_GROUPS: tuple[Group, ...] = (
    Group("identity", "Identity", (
        Row("family", "Family", "exact"),
        Row("variant", "Variant", "exact"),
        Row("released", "Released", "date"),
    )),
    Group("size", "Size and architecture", (
        Row("params_total", "Parameters", "number", "total parameters"),
        Row("params_active", "Active per token", "number", "a dense model uses all its parameters"),
        Row("architecture", "Architecture", "exact"),
        Row("layers", "Layers", "exact"),
        Row("attention", "Attention", "exact"),
        Row("bf16", "bf16 weights", "number", "estimate, weights only"),
        Row("int4", "4-bit weights", "number", "estimate, weights only"),
    )),
    Group("context", "Context", (
        Row("context_native", "Native", "exact", "trained for, in tokens"),
        Row("context_max", "Maximum", "exact", "extension included"),
        Row("context_extension", "Extension method", "exact"),
    )),
    Group("modalities", "Modalities", (
        Row("modalities_in", "Input", "set"),
        Row("modalities_out", "Output", "set"),
    )),
    Group("licence", "Licence and weights", (
        Row("weights", "Weights", "exact"),
        Row("license", "Licence", "exact"),
        Row("hf_repo", "Hugging Face", "unique"),
        Row("modelscope_repo", "ModelScope", "unique"),
    )),
    Group("lineage", "Lineage", (
        Row("base_model", "Base model", "exact"),
    )),
    Group("sources", "Sources", (
        Row("confidence", "Confidence", "exact"),
        Row("sources", "Read for this entry", "unique"),
    )),
)

# Pairs readers ask about: a generation apart at one size, MoE against dense, vision across generations.
# An id that leaves the catalogue drops its suggestion (never a broken link).
SUGGESTED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("One size class, a generation apart", ("qwen3-8b", "qwen3.5-9b")),
    ("Mixture of experts against dense at about 30B", ("qwen3-30b-a3b", "qwen3-32b")),
    ("Vision-language, two generations", ("qwen2.5-vl-7b-instruct", "qwen3-vl-8b-instruct")),
    ("Base model and its instruct model", ("qwen3-8b-base", "qwen3-8b")),
)


def rows() -> list[Row]:
    return [row for group in ROW_GROUPS for row in group.rows]


def suggested_comparisons(catalog: Catalog) -> list[dict]:
    """The suggestions whose models all exist: why, the ids (for ?ids=) and the models' names."""
    found = []
    for why, ids in SUGGESTED:
        if all(i in catalog.models for i in ids) and MIN_MODELS <= len(ids) <= MAX_MODELS:
            found.append({"why": why, "ids": ",".join(ids), "models": [catalog.models[i] for i in ids],
                          "title": " vs ".join(catalog.models[i].name for i in ids)})
    return found


def requested_ids(query: str | None, known: Sequence[str] | set[str]) -> tuple[list[str], list[str]]:
    """The ids of `?ids=a,b`: (known ids in order, once each, at most MAX_MODELS; the unknown ones)."""
    chosen, unknown = [], []
    for raw in (query or "").split(","):
        model_id = raw.strip()
        if not model_id or model_id in chosen or model_id in unknown:
            continue
        if model_id in known:
            if len(chosen) < MAX_MODELS:
                chosen.append(model_id)
        else:
            unknown.append(model_id)
    return chosen, unknown


def _same(kind: str, a, b) -> bool:
    if kind == "number":
        return math.isclose(float(a), float(b), rel_tol=NUMBER_TOLERANCE)
    if kind == "date":
        shorter = min(len(a), len(b))  # "2025-04" against "2025-04-29": compare "2025-04"
        return a[:shorter] == b[:shorter]
    if kind == "set":
        return sorted(a) == sorted(b)
    return a == b


def difference(kind: str, values: Sequence) -> str:
    """How one row's values compare: 'same', 'differs', 'unknown' (the known ones agree, some are unknown),
    or 'unique' (a row that is one per model). None means unknown. 'Only differences' hides 'same' rows;
    only 'differs' is marked."""
    if kind not in KINDS:
        raise ValueError(f"unknown comparison kind {kind!r}")
    if kind == "unique":
        return "unique"
    known = [v for v in values if v is not None]
    if any(not _same(kind, known[0], other) for other in known[1:]):
        return "differs"
    return "unknown" if 0 < len(known) < len(values) else "same"


def family_names(catalog: Catalog) -> list[tuple[str, str]]:
    """(id, name) of every family that has models: the API gives a model's family as an id."""
    return sorted((f.id, f.name) for f in catalog.families.values() if catalog.models_in_family(f.id))


def compare_view(catalog: Catalog, root: str) -> dict:
    """The template's context."""
    return {
        "root": root,
        "groups": ROW_GROUPS,
        "suggestions": suggested_comparisons(catalog),
        "families": family_names(catalog),
        "count": len(catalog.models),
        "min": MIN_MODELS,
        "max": MAX_MODELS,
        "tolerance": NUMBER_TOLERANCE,
        "memory": {"bf16": BF16_BYTES_PER_PARAM, "int4": INT4_BYTES_PER_PARAM, "overhead": INT4_OVERHEAD},
    }


def render_compare(catalog: Catalog, root: str) -> str:
    return block(render("compare.html", **compare_view(catalog, root)))
