"""What each page's <head> says about it: title, description, Open Graph type, JSON alternate, feeds
and schema.org JSON-LD. Pure: overrides/main.html only prints these (escaped), a hook computes them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..data.records import Catalog, Family, Model, Thread
from ..views.formatting import context_text, params_text
from . import permalinks

DESCRIPTION_LIMIT = 300  # previews cut around here; longer text only gets truncated by them
PUBLISHER = {"@type": "Organization", "name": "Alibaba Group (Qwen team)", "url": "https://qwen.ai/"}


@dataclass(frozen=True)
class PageHead:
    title: str  # the whole <title>
    social_title: str  # og:title / twitter:title, without the site name
    description: str
    og_type: str
    json_alternate: str | None  # site path of the page's API file
    feeds: tuple[tuple[str, str], ...]  # (title, site path), site-wide feed first
    json_ld: str  # serialized, safe to print inside <script>


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Whole sentences up to `limit` characters; one cut sentence ends with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[: limit - 1].rsplit(" ", 1)[0] + "…"


def script_json(data: dict) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def model_title(model: Model, family: Family) -> str:
    return f"{model.name}: {family.name} {model.variant} model ({params_text(model)})"


def model_description(model: Model, catalog: Catalog) -> str:
    """One sentence of key facts, for the meta description and link previews."""
    family = catalog.families[model.family].name
    weights = "open weights" if model.open_weights else "API only"
    return (f"{model.name}: {family} {model.variant} model released {model.released.display}; "
            f"{params_text(model)} parameters ({model.architecture}); context {context_text(model)}; "
            f"{', '.join(model.modalities_in)} in, {', '.join(model.modalities_out)} out; {weights}"
            + (f", {model.license}" if model.license else "") + ".")


def _breadcrumbs(site_url: str, trail: list[tuple[str, str]]) -> dict:
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": name, "item": permalinks.absolute(site_url, path)}
        for i, (name, path) in enumerate(trail, start=1)]}


def model_json_ld(model: Model, catalog: Catalog, site_url: str, description: str) -> dict:
    family = catalog.families[model.family]
    url = permalinks.absolute(site_url, permalinks.model_page(model.id))
    entity = {
        "@type": "SoftwareApplication",
        "@id": url + "#model",
        "name": model.name,
        "alternateName": list(model.aliases) or None,
        "identifier": model.id,
        "description": model.summary or description,
        "url": url,
        "applicationCategory": "Machine learning model",
        "datePublished": model.released.iso,  # ISO 8601 reduced precision (YYYY-MM) when the day is unknown
        "license": model.license,
        "isAccessibleForFree": model.open_weights,
        "creator": PUBLISHER,
        "isPartOf": {"@type": "CreativeWorkSeries", "name": family.name,
                     "url": permalinks.absolute(site_url, permalinks.family_page(family.id))},
        "isBasedOn": permalinks.absolute(site_url, permalinks.model_page(model.base_model))
        if model.base_model in catalog.models else None,
        "sameAs": [f"https://huggingface.co/{model.hf_repo}"] if model.hf_repo else None,
        "citation": list(model.sources),
        "subjectOf": [{"@type": "ScholarlyArticle" if p.kind == "paper" else "BlogPosting", "name": p.title,
                       "url": p.url, "datePublished": p.date.iso} for p in catalog.papers_about(model.id)] or None,
    }
    page = {"@type": "WebPage", "@id": url, "url": url, "name": model_title(model, family),
            "description": description, "mainEntity": {"@id": url + "#model"},
            "breadcrumb": _breadcrumbs(site_url, [("Families", "families/"),
                                                  (family.name, permalinks.family_page(family.id)),
                                                  (model.name, permalinks.model_page(model.id))])}
    return {"@context": "https://schema.org", "@graph": [page, _drop_empty(entity)]}


def _drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _site_feed() -> tuple[str, str]:
    return ("Qwen Atlas: Qwen model releases", permalinks.RELEASES_FEED)


def _family_feed(family: Family) -> tuple[str, str]:
    return (f"Qwen Atlas: {family.name} releases", permalinks.family_feed(family.id))


def model_head(model: Model, catalog: Catalog, site_url: str, site_name: str) -> PageHead:
    family = catalog.families[model.family]
    description = model_description(model, catalog)
    social = model_title(model, family)
    return PageHead(f"{social} - {site_name}", social, description, "article", permalinks.model_json(model.id),
                    (_site_feed(), _family_feed(family)),
                    script_json(model_json_ld(model, catalog, site_url, description)))


def family_head(family: Family, catalog: Catalog, site_url: str, site_name: str, written: str | None) -> PageHead:
    models = catalog.models_in_family(family.id)
    span = (f"{len(models)} models, {models[0].released.display} to {models[-1].released.display}"
            if len(models) > 1 else f"1 model, {models[0].released.display}") if models else "no models yet"
    description = shorten(written or f"{family.name} model family ({span}): {family.summary}")
    url = permalinks.absolute(site_url, permalinks.family_page(family.id))
    social = f"{family.name} model family: {span}"
    json_ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "CollectionPage", "@id": url, "url": url, "name": social, "description": description,
         "mainEntity": {"@id": url + "#family"},
         "breadcrumb": _breadcrumbs(site_url, [("Families", "families/"),
                                               (family.name, permalinks.family_page(family.id))])},
        _drop_empty({"@type": "CreativeWorkSeries", "@id": url + "#family", "name": family.name,
                     "alternateName": list(family.aliases) or None, "description": family.summary,
                     "creator": PUBLISHER, "citation": list(family.sources),
                     "hasPart": [{"@type": "SoftwareApplication", "name": m.name,
                                  "url": permalinks.absolute(site_url, permalinks.model_page(m.id))}
                                 for m in models]})]}
    return PageHead(f"{family.name} model family: models, lineage and sources - {site_name}", social, description,
                    "website", permalinks.family_json(family.id), (_site_feed(), _family_feed(family)),
                    script_json(json_ld))


def thread_head(thread: Thread, catalog: Catalog, site_url: str, site_name: str, written: str | None) -> PageHead:
    papers = catalog.papers_in_thread(thread.id)
    description = shorten(written or f"{thread.name}, a research thread of the Qwen models "
                                     f"({len(papers)} papers and posts): {thread.summary}")
    url = permalinks.absolute(site_url, permalinks.thread_page(thread.page))
    json_ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "CollectionPage", "@id": url, "url": url, "name": thread.name, "description": description,
         "about": thread.summary,
         "breadcrumb": _breadcrumbs(site_url, [("Research threads", "threads/"),
                                               (thread.name, permalinks.thread_page(thread.page))]),
         "hasPart": [{"@type": "ScholarlyArticle" if p.kind == "paper" else "BlogPosting", "name": p.title,
                      "url": p.url, "datePublished": p.date.iso} for p in papers]}]}
    return PageHead(f"{thread.name}: research thread - {site_name}", thread.name, description, "article", None,
                    (_site_feed(),), script_json(json_ld))


def generic_head(page_url: str, page_title: str | None, site_url: str, site_name: str, description: str) -> PageHead:
    url = permalinks.absolute(site_url, page_url)
    is_home = page_url in ("", "index.html")
    title = site_name if is_home or not page_title else f"{page_title} - {site_name}"
    node = ({"@type": "WebSite", "@id": url, "url": url, "name": site_name, "description": description}
            if is_home else {"@type": "WebPage", "@id": url, "url": url, "name": page_title or site_name,
                             "description": description})
    return PageHead(title, page_title if page_title and not is_home else site_name, description, "website", None,
                    (_site_feed(),), script_json({"@context": "https://schema.org", **node}))


def page_head(page_url: str, page_title: str | None, meta: dict, catalog: Catalog,
              site_url: str, site_name: str, site_description: str) -> PageHead:
    """The head of any page: models by their front matter id, families and threads by their URL."""
    written = meta.get("description") if isinstance(meta.get("description"), str) else None
    model_id = meta.get("atlas_model")
    if model_id in catalog.models:
        return model_head(catalog.models[model_id], catalog, site_url, site_name)
    parts = page_url.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "families" and parts[1] in catalog.families:
        return family_head(catalog.families[parts[1]], catalog, site_url, site_name, written)
    for thread in catalog.threads.values():
        if permalinks.thread_page(thread.page) == page_url:
            return thread_head(thread, catalog, site_url, site_name, written)
    return generic_head(page_url, page_title, site_url, site_name, written or site_description)
