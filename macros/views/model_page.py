"""What a model's page shows, as plain values for templates/model_page.html.

The page opens with the facts readers look for first, each with its qualifier (total vs active, native vs
extended, day vs month, open vs API-only) and its source; then the rest, where unknown values are listed once
instead of row by row. Nothing here is written as HTML: the template draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.records import Catalog, Model
from .finder import size_label
from .formatting import is_extended, tokens_short
from .lineage import model_lineage_view, relation_words

VARIANT_WORDS = {
    "base": "Base (pre-trained only)", "instruct": "Instruct (chat)", "thinking": "Thinking (reasoning only)",
    "hybrid-thinking": "Hybrid thinking (switchable)", "reward": "Reward model", "prm": "Process reward model",
    "api": "API model", "embedding": "Embedding model", "reranker": "Reranker", "guard": "Safety classifier",
    "framework": "Framework (software, not a model)", "other": "Other",
}
ARCHITECTURE_WORDS = {"dense": "Dense", "moe": "Mixture of experts", "unknown": "Not disclosed"}
@dataclass
class Source:
    number: int
    key: str
    url: str
    quotes: list[dict] = field(default_factory=list)  # {"fields": label, "quote": str, "checked": str}


@dataclass
class Fact:
    label: str
    value: str
    qualifier: str = ""
    fields: tuple[str, ...] = ()  # the data fields it shows, for provenance markers
    link: str | None = None  # the value links here (a repository, a model page)
    markers: list[dict] = field(default_factory=list)  # filled by attach_provenance


def _params(model: Model) -> Fact:
    fields = ("params_total_b", "params_active_b")
    if model.params_total_b is None:
        qualifier = "a mixture of experts; sizes not published" if model.is_moe else ""
        return Fact("Parameters", "Not published", qualifier, fields)
    if model.is_moe:
        active = size_label(model.params_active_b) if model.params_active_b is not None else "unknown"
        return Fact("Parameters", f"{size_label(model.params_total_b)} total", f"{active} active per token (MoE)",
                    fields)
    return Fact("Parameters", size_label(model.params_total_b),
                "dense" if model.architecture == "dense" else "", fields)


def _context(model: Model) -> Fact:
    fields = ("context_native", "context_max", "context_extension")
    if model.context_native is None and model.context_max is None:
        return Fact("Context", "Not published", "", fields)
    if model.context_native is None:
        return Fact("Context", f"up to {tokens_short(model.context_max)}", "native window not published", fields)
    native = f"{tokens_short(model.context_native)} native"
    if is_extended(model):
        method = f" with {model.context_extension}" if model.context_extension else ""
        return Fact("Context", native, f"up to {tokens_short(model.context_max)}{method}", fields)
    return Fact("Context", native, f"{model.context_native:,} tokens, not extended", fields)


def glance(model: Model, catalog: Catalog) -> list[Fact]:
    """The six to eight facts a reader looks for first."""
    released = Fact("Released", model.released.display,
                    "" if model.released.precision == "day" else "only the month is known", ("released",))
    weights = (Fact("Weights", "Open weights", model.license or "licence not stated", ("open_weights", "license"),
                    link=f"https://huggingface.co/{model.hf_repo}" if model.hf_repo else None)
               if model.open_weights else
               Fact("Weights", "API only", model.license or "no downloadable weights", ("open_weights", "license")))
    io = Fact("Input → output", f"{', '.join(model.modalities_in)} → {', '.join(model.modalities_out)}", "",
              ("modalities_in", "modalities_out"))
    architecture = Fact("Architecture", ARCHITECTURE_WORDS.get(model.architecture, model.architecture),
                        " · ".join(x for x in (f"{model.layers} layers" if model.layers else "", model.attention or "")
                                   if x), ("architecture", "layers", "attention"))
    variant = Fact("Variant", VARIANT_WORDS.get(model.variant, model.variant))
    facts = [_params(model), _context(model), released, weights, io, architecture, variant]
    base = catalog.models.get(model.base_model) if model.base_model else None
    if base:
        relation = relation_words(model.base_relation) if model.base_relation else ""
        facts.append(Fact("Trained from", base.name, relation, ("base_model",), link=f"models/{base.id}/"))
    return facts


def unknowns(model: Model) -> list[str]:
    """The facts our sources do not state, named once."""
    missing = []
    if model.params_total_b is None:
        missing.append("parameter count")
    if model.is_moe and model.params_total_b is not None and model.params_active_b is None:
        missing.append("active parameters")
    if model.layers is None and model.variant != "framework":
        missing.append("layer count")
    if model.context_native is None:
        missing.append("native context")
    if model.architecture == "unknown":
        missing.append("architecture")
    if model.license is None:
        missing.append("licence")
    return missing


def sources(model: Model) -> tuple[list[Source], dict[str, Source]]:
    """Numbered sources (stable #source-N anchors) with the quotes each one backs."""
    key_map = dict(model.source_map) or {f"s{n}": url for n, url in enumerate(model.sources, start=1)}
    numbered = [Source(n, key, url) for n, (key, url) in enumerate(key_map.items(), start=1)]
    by_key = {s.key: s for s in numbered}
    return numbered, by_key


FIELD_LABELS = {
    "released": "release date", "params_total_b": "total parameters", "params_active_b": "active parameters",
    "layers": "layers", "context_native": "native context", "context_max": "maximum context",
    "context_extension": "extension method", "architecture": "architecture", "attention": "attention",
    "modalities_in": "input", "modalities_out": "output", "open_weights": "weights", "license": "licence",
    "hf_repo": "Hugging Face repository", "modelscope_repo": "ModelScope repository", "base_model": "base model",
    "api_names": "API names", "builds": "official builds",
}


def attach_provenance(facts: list[Fact], model: Model, by_key: dict[str, Source]) -> None:
    """Give each fact one marker per source that states any of its fields (the marker lists each field's quote),
    and each numbered source the quotes it backs."""
    provenance = dict(model.provenance or {})
    for fact in facts:
        markers: dict[int, dict] = {}
        for name in fact.fields:
            item = provenance.get(name)
            source = by_key.get(item.source_key) if item is not None else None
            if source is None:
                continue
            marker = markers.setdefault(source.number, {"number": source.number, "url": item.url, "quotes": []})
            if all(q["quote"] != item.quote for q in marker["quotes"]):
                marker["quotes"].append({
                    "field": FIELD_LABELS[name], "quote": item.quote, "checked": item.checked or model.checked or "",
                    "differs": [{"value": str(a.value), "quote": a.quote, "url": a.url} for a in item.differs],
                    "why": item.why or ""})
        fact.markers = [markers[n] for n in sorted(markers)]
    for name, item in provenance.items():
        source = by_key.get(item.source_key)
        if source is not None:
            source.quotes.append({"field": FIELD_LABELS.get(name, name), "quote": item.quote,
                                  "checked": item.checked or model.checked or ""})


UNKNOWN_VALUES = ("Not published", "Not disclosed")


def known_only(facts: list[Fact]) -> list[Fact]:
    """The facts with a value: unknown ones are named once, in the unknowns sentence, not as rows or cards."""
    return [f for f in facts if f.value not in UNKNOWN_VALUES]


def other_facts(model: Model) -> list[Fact]:
    """Facts beyond the first screen; only what is known (unknowns are listed once, by `unknowns`)."""
    facts = []
    if model.hf_repo:
        facts.append(Fact("Hugging Face", model.hf_repo, "", ("hf_repo",), link=f"https://huggingface.co/{model.hf_repo}"))
    if model.modelscope_repo:
        facts.append(Fact("ModelScope", model.modelscope_repo, "", ("modelscope_repo",),
                          link=f"https://modelscope.cn/models/{model.modelscope_repo}"))
    if model.api_names:
        facts.append(Fact("API model names", ", ".join(model.api_names), "Model Studio, international", ("api_names",)))
    if model.api_names_cn:
        facts.append(Fact("API model names (mainland China)", ", ".join(model.api_names_cn), "", ("api_names",)))
    for name in model.community_names:
        facts.append(Fact(f"{name.hub} (third party)", name.name, f"as of {name.as_of}", (), link=name.url))
    if model.aliases:
        facts.append(Fact("Earlier atlas ids", ", ".join(model.aliases), "still redirected here"))
    # The rule behind each level is written once, on the data model page: the value links there.
    facts.append(Fact("Confidence", model.confidence, "", (), link="about/data-model/#confidence"))
    return facts


def builds_view(model: Model) -> dict:
    """'Get the weights': the official repositories, or a sentence saying why there are none."""
    if not model.open_weights:
        return {"rows": [], "note": "An API-only model: no weights were published."}
    rows = [{"format": b.format + (" (one repository for every size)" if b.shared else ""), "hf": b.hf_repo,
             "ms": b.modelscope_repo} for b in model.builds or ()]
    if model.builds is None:
        note = "Official quantized builds are not recorded in the atlas yet."
    elif not rows:
        note = "Official quantized builds: none."
    else:
        note = ""
    main = {"format": "Original weights", "hf": model.hf_repo, "ms": model.modelscope_repo}
    return {"rows": [main, *rows], "note": note}


def lineage_view(model: Model, catalog: Catalog, derived: list[Model], root: str = "../../") -> dict:
    """The model's neighbourhood as a small graph (its bases, itself and its builds, the models trained from
    it), each relation with its source: see lineage.py. Model pages sit at models/<id>/, hence the root."""
    return model_lineage_view(catalog, model, derived, root)


def model_page_view(model: Model, catalog: Catalog, family_models: list[Model], derived: list[Model],
                    papers: list, root: str) -> dict:
    numbered, by_key = sources(model)
    first, rest = glance(model, catalog), other_facts(model)
    attach_provenance(first + rest, model, by_key)
    family = catalog.families[model.family]
    siblings = [{"id": m.id, "name": m.name, "size": size_label(m.params_total_b) if m.params_total_b else "",
                 "variant": m.variant, "date": m.released.display, "current": m.id == model.id}
                for m in family_models]
    return {
        "root": root,
        "model": model,
        "family": family,
        "glance": known_only(first),
        "facts": known_only(rest),
        "unknowns": unknowns(model),
        "builds": builds_view(model),
        "siblings": siblings,
        "lineage": lineage_view(model, catalog, derived),
        "papers": [{"title": p.title, "url": p.url, "kind": p.kind, "date": p.date.display, "id": p.id}
                   for p in sorted(papers, key=lambda p: p.date.sort_key, reverse=True)],
        "sources": numbered,
        "names": names_view(model),
        "quoted": sum(1 for s in numbered for _ in s.quotes),
    }


NAME_PLACES = {"hf": "Hugging Face", "modelscope": "ModelScope", "api": "API", "api-cn": "API, mainland China"}


def names_view(model: Model) -> list[dict]:
    """The model's own names on hubs and APIs (builds and third-party names are listed further down)."""
    places: dict[str, list[str]] = {}
    for kind, name in model.names():
        if kind in NAME_PLACES:
            places.setdefault(name, []).append(NAME_PLACES[kind])
    return [{"name": name, "where": ", ".join(where)} for name, where in places.items()]
