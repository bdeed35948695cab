"""Typed records: what the renderers and outputs read. Built only from validated data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .dates import PartialDate


def _empty() -> Mapping:
    return {}


@dataclass(frozen=True)
class Origin:
    """Where a record is written, for messages and "Edit this data" links."""

    path: str  # relative to the project root, e.g. data/models/qwen3.5.yaml
    line: int  # the entry's first line (`- id:`)
    # The line of each field of the entry, so a message points at the field it is about.
    field_lines: Mapping[str, int] = field(default_factory=_empty, compare=False, hash=False, repr=False)

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, self.line)


@dataclass(frozen=True)
class Alternative:
    """A value another primary source gives for the same fact (provenance `differs`)."""

    value: object
    url: str
    quote: str
    source_key: str


@dataclass(frozen=True)
class Provenance:
    """Where one fact comes from: the source's URL, its own words, and when it was read."""

    url: str
    quote: str
    checked: str | None  # "YYYY-MM-DD"; the entry's `checked` when the fact has none of its own
    source_key: str  # the key in the entry's `sources`
    differs: tuple[Alternative, ...] = ()
    why: str | None = None


@dataclass(frozen=True)
class Build:
    """An official derived repository of a model (quantized, GGUF, MLX), published by the Qwen team."""

    format: str
    hf_repo: str | None
    modelscope_repo: str | None
    shared: bool = False  # one repository for several models of the family: a name of the family, not the model


@dataclass(frozen=True)
class CommunityName:
    """A third-party way in (an Ollama tag, a community GGUF repo), as seen on `as_of`."""

    hub: str
    name: str
    as_of: str
    url: str


@dataclass(frozen=True)
class Thread:
    id: str
    name: str
    summary: str
    page: str  # docs page, relative to docs/
    origin: Origin


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    kind: str
    summary: str
    threads: tuple[str, ...]
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    origin: Origin
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    family: str
    variant: str
    released: PartialDate
    architecture: str
    params_total_b: float | None
    params_active_b: float | None
    context_native: int | None
    context_max: int | None
    context_extension: str | None
    modalities_in: tuple[str, ...]
    modalities_out: tuple[str, ...]
    open_weights: bool
    license: str | None
    hf_repo: str | None
    base_model: str | None
    layers: int | None
    attention: str | None
    summary: str | None
    notes: str | None
    confidence: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]  # the URLs of source_map, in order (what most views need)
    origin: Origin
    modelscope_repo: str | None = None
    api_names: tuple[str, ...] = ()
    api_names_cn: tuple[str, ...] = ()
    community_names: tuple[CommunityName, ...] = ()
    base_relation: str | None = None
    builds: tuple[Build, ...] | None = None  # None: not recorded yet; (): checked, none published
    checked: str | None = None
    provenance: Mapping[str, Provenance] = field(default_factory=_empty, compare=False, hash=False)
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)

    @property
    def is_moe(self) -> bool:
        return self.architecture == "moe"

    @property
    def has_official_4bit_build(self) -> bool:
        return any(b.format in FOUR_BIT_FORMATS for b in self.builds or ())

    def names(self) -> list[tuple[str, str]]:
        """Every name the model is known by elsewhere, as (kind, name): hub ids, API names, community names."""
        found = [("hf", self.hf_repo), ("modelscope", self.modelscope_repo)]
        found += [("api", n) for n in self.api_names] + [("api-cn", n) for n in self.api_names_cn]
        for build in self.builds or ():
            if not build.shared:  # a shared repository names the family (names.json), not this model
                found += [("build-hf", build.hf_repo), ("build-modelscope", build.modelscope_repo)]
        found += [(f"community-{c.hub}", c.name) for c in self.community_names]
        return [(kind, name) for kind, name in found if name]


FOUR_BIT_FORMATS = frozenset({"GPTQ-Int4", "AWQ", "MLX-4bit", "Int4"})


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    kind: str
    date: PartialDate
    url: str
    authors: str | None
    threads: tuple[str, ...]
    models: tuple[str, ...]
    summary: str
    notes: str | None
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    origin: Origin
    organisation: str | None = None
    arxiv: str | None = None
    venue: str | None = None
    confidence: str | None = None  # None: not rated yet
    checked: str | None = None
    provenance: Mapping[str, Provenance] = field(default_factory=_empty, compare=False, hash=False)
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: PartialDate
    kind: str
    url: str | None
    threads: tuple[str, ...]
    models: tuple[str, ...]
    summary: str
    sources: tuple[str, ...]
    origin: Origin
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass(frozen=True)
class EcosystemEntry:
    id: str
    name: str
    kind: str
    url: str
    summary: str
    models: tuple[str, ...]
    sources: tuple[str, ...]
    origin: Origin
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    verdict: str
    finding: str
    sources: tuple[str, ...]
    topic: str  # the claims file it lives in, e.g. "qwen3-era"
    origin: Origin
    confidence: str | None = None  # None: not rated yet
    checked: str | None = None
    provenance: Mapping[str, Provenance] = field(default_factory=_empty, compare=False, hash=False)
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    expansion: str | None
    definition: str
    see: str | None
    sources: tuple[str, ...]
    origin: Origin
    source_map: Mapping[str, str] = field(default_factory=_empty, compare=False, hash=False)


@dataclass
class CatalogIndex:
    """Every ordered slice the views ask for, computed in one pass over the records."""

    models_by_date: list[Model]
    papers_by_date: list[Paper]
    events_by_date: list[Event]
    models_by_family: dict[str, list[Model]]
    derived_by_base: dict[str, list[Model]]
    papers_by_model: dict[str, list[Paper]]
    papers_by_thread: dict[str, list[Paper]]
    papers_by_family: dict[str, list[Paper]]
    families_by_thread: dict[str, list[Family]]
    models_by_thread: dict[str, list[Model]]


def index_catalog(catalog: Catalog) -> CatalogIndex:
    models = sorted(catalog.models.values(), key=lambda m: (m.released.sort_key, m.name))
    papers = sorted(catalog.papers.values(), key=lambda p: (p.date.sort_key, p.title))
    by_family, derived = defaultdict(list), defaultdict(list)
    for model in models:
        by_family[model.family].append(model)
        if model.base_model:
            derived[model.base_model].append(model)
    family_of = {m.id: m.family for m in models}
    by_model, by_thread, by_paper_family = defaultdict(list), defaultdict(list), defaultdict(list)
    for paper in papers:
        for model_id in paper.models:
            by_model[model_id].append(paper)
        for thread_id in paper.threads:
            by_thread[thread_id].append(paper)
        for family_id in dict.fromkeys(family_of[m] for m in paper.models if m in family_of):
            by_paper_family[family_id].append(paper)
    families_by_thread = defaultdict(list)
    for family in catalog.families.values():
        for thread_id in family.threads:
            families_by_thread[thread_id].append(family)
    models_by_thread = {}
    for thread_id in catalog.threads.keys() | families_by_thread.keys() | by_thread.keys():
        family_ids = {f.id for f in families_by_thread.get(thread_id, ())}
        paper_models = {m for p in by_thread.get(thread_id, ()) for m in p.models}
        models_by_thread[thread_id] = [m for m in models if m.family in family_ids or m.id in paper_models]
    return CatalogIndex(
        models_by_date=models, papers_by_date=papers,
        events_by_date=sorted(catalog.events.values(), key=lambda e: (e.date.sort_key, e.title)),
        models_by_family=dict(by_family), derived_by_base=dict(derived), papers_by_model=dict(by_model),
        papers_by_thread=dict(by_thread), papers_by_family=dict(by_paper_family),
        families_by_thread=dict(families_by_thread), models_by_thread=models_by_thread)


@dataclass
class Catalog:
    """Every record, with indexes. Built once per build and shared by macros, pages and outputs.

    The records are complete when the catalogue is built, so the index is computed on the first question
    and kept on this object (a new build makes a new Catalog). Every helper returns a new list, in date
    order, so a caller may reorder or trim it freely.
    """

    threads: dict[str, Thread] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    ecosystem: dict[str, EcosystemEntry] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)

    @cached_property
    def index(self) -> CatalogIndex:
        return index_catalog(self)

    def models_by_date(self) -> list[Model]:
        return list(self.index.models_by_date)

    def models_in_family(self, family_id: str) -> list[Model]:
        return list(self.index.models_by_family.get(family_id, ()))

    def derived_from(self, model_id: str) -> list[Model]:
        return list(self.index.derived_by_base.get(model_id, ()))

    def papers_by_date(self) -> list[Paper]:
        return list(self.index.papers_by_date)

    def papers_in_thread(self, thread_id: str) -> list[Paper]:
        return list(self.index.papers_by_thread.get(thread_id, ()))

    def papers_about_family(self, family_id: str) -> list[Paper]:
        return list(self.index.papers_by_family.get(family_id, ()))

    def papers_about(self, model_id: str) -> list[Paper]:
        return list(self.index.papers_by_model.get(model_id, ()))

    def families_in_thread(self, thread_id: str) -> list[Family]:
        return list(self.index.families_by_thread.get(thread_id, ()))

    def models_in_thread(self, thread_id: str) -> list[Model]:
        """Models of the thread's families plus models its papers are about."""
        return list(self.index.models_by_thread.get(thread_id, ()))

    def events_by_date(self) -> list[Event]:
        return list(self.index.events_by_date)
