"""Each record's neighbourhood (family members, derived models, papers), indexed in one pass.

The Catalog's helpers sort the whole catalogue on every call; generating one page per model with them
would cost catalogue x catalogue. Outputs that need many slices build this index once per build instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..data.records import Catalog, Family, Model, Paper


@dataclass
class Slices:
    models_by_family: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))
    derived_by_base: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))
    papers_by_model: dict[str, list[Paper]] = field(default_factory=lambda: defaultdict(list))
    papers_by_thread: dict[str, list[Paper]] = field(default_factory=lambda: defaultdict(list))
    families_by_thread: dict[str, list[Family]] = field(default_factory=lambda: defaultdict(list))

    def family_models(self, family_id: str) -> list[Model]:
        return self.models_by_family.get(family_id, [])

    def derived(self, model_id: str) -> list[Model]:
        return self.derived_by_base.get(model_id, [])

    def papers_about(self, model_id: str) -> list[Paper]:
        return self.papers_by_model.get(model_id, [])


def build_slices(catalog: Catalog) -> Slices:
    """Date-ordered slices, in the same order as the Catalog's own helpers return them."""
    slices = Slices()
    for model in catalog.models_by_date():
        slices.models_by_family[model.family].append(model)
        if model.base_model:
            slices.derived_by_base[model.base_model].append(model)
    for paper in catalog.papers_by_date():
        for model_id in paper.models:
            slices.papers_by_model[model_id].append(paper)
        for thread_id in paper.threads:
            slices.papers_by_thread[thread_id].append(paper)
    for family in catalog.families.values():
        for thread_id in family.threads:
            slices.families_by_thread[thread_id].append(family)
    return slices


_cached: tuple[Catalog, Slices] | None = None


def cached_slices(catalog: Catalog) -> Slices:
    """The index of this build's catalogue; rebuilt only when the catalogue object changes (mkdocs serve)."""
    global _cached
    if _cached is None or _cached[0] is not catalog:
        _cached = (catalog, build_slices(catalog))
    return _cached[1]
