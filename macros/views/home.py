"""The front door: what is new and what is current, computed from the data (nothing on it is hard-coded)."""

from __future__ import annotations

import re
from itertools import groupby

from ..data.records import Catalog, Family, Model
from .finder import size_label

MAIN_LINE = re.compile(r"^qwen\d+(\.\d+)?$")  # the numbered generations: qwen2, qwen2.5, qwen3.8 ...
QUICK_FILTERS = (  # (label, finder query): common first questions, as finder views
    ("Open weights under 10B", "weights=open&max=8"),
    ("Accepts images", "input=image"),
    ("1M-token context", "ctx=1000000"),
    ("Official 4-bit builds", "weights=four_bit"),
    ("API only", "weights=api"),
    ("Embedding models", "variant=embedding"),
)


def _size(model: Model) -> str:
    if model.params_total_b is None:
        return ""
    text = size_label(model.params_total_b)
    return f"{text}-A{size_label(model.params_active_b)}" if model.is_moe and model.params_active_b else text


def release_events(models: list[Model], catalog: Catalog) -> list[dict]:
    """Models of one family released on the same date form one release, newest first."""
    ordered = sorted(models, key=lambda m: (m.released.sort_key, m.family), reverse=True)
    events = []
    for (family_id, _), group in groupby(ordered, key=lambda m: (m.family, m.released.iso)):
        members = sorted(group, key=lambda m: (m.params_total_b or 0, m.name))
        events.append({
            "family": catalog.families[family_id],
            "date": members[0].released,
            "models": [{"id": m.id, "name": m.name, "size": _size(m)} for m in members],
            "open": any(m.open_weights for m in members),
        })
    return events


def newest_releases(catalog: Catalog, count: int = 6) -> list[dict]:
    return release_events(list(catalog.models.values()), catalog)[:count]


def current_generation(catalog: Catalog) -> Family:
    """The numbered main-line family with the most recent first release."""
    def first_release(family: Family):
        return min(m.released.sort_key for m in catalog.models.values() if m.family == family.id)

    main = [f for f in catalog.families.values() if MAIN_LINE.match(f.id)
            and any(m.family == f.id for m in catalog.models.values())]
    return max(main, key=first_release)


def home_view(catalog: Catalog, root: str) -> dict:
    return {"root": root, "newest": newest_releases(catalog), "quick": QUICK_FILTERS,
            "models": len(catalog.models), "families": len(catalog.families)}
