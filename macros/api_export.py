"""The static JSON API: pure functions from the Catalog to documents, and one writer."""

from __future__ import annotations

import json
from pathlib import Path

from .records import Catalog, Model, Paper

SCHEMA_VERSION = "1.0"


def model_record(model: Model) -> dict:
    """A model as the API publishes it. Unknown is null; numbers are numbers."""
    return {
        "id": model.id,
        "name": model.name,
        "family": model.family,
        "variant": model.variant,
        "release_date": model.released.iso,
        "release_date_precision": model.released.precision,
        "params_total_b": model.params_total_b,
        "params_active_b": model.params_active_b if model.is_moe else None,
        "architecture": model.architecture,
        "attention": model.attention,
        "layers": model.layers,
        "context_native": model.context_native,
        "context_max": model.context_max,
        "context_extension": model.context_extension,
        "modalities_in": list(model.modalities_in),
        "modalities_out": list(model.modalities_out),
        "license": model.license,
        "open_weights": model.open_weights,
        "hf_repo": model.hf_repo,
        "base_model": model.base_model,
        "aliases": list(model.aliases),
        "summary": model.summary,
        "notes": model.notes,
        "confidence": model.confidence,
        "sources": list(model.sources),
        "url": f"models/{model.id}/",
    }


def paper_record(paper: Paper) -> dict:
    return {
        "id": paper.id,
        "title": paper.title,
        "kind": paper.kind,
        "date": paper.date.iso,
        "date_precision": paper.date.precision,
        "url": paper.url,
        "authors": paper.authors,
        "threads": list(paper.threads),
        "models": list(paper.models),
        "summary": paper.summary,
        "sources": list(paper.sources),
    }


def envelope(key: str, items: list[dict], generated_at: str) -> dict:
    return {"schema_version": SCHEMA_VERSION, "generated_at": generated_at, "count": len(items), key: items}


def models_document(catalog: Catalog, generated_at: str) -> dict:
    return envelope("models", [model_record(m) for m in catalog.models_by_date()], generated_at)


def papers_document(catalog: Catalog, generated_at: str) -> dict:
    return envelope("papers", [paper_record(p) for p in catalog.papers_by_date()], generated_at)


def api_documents(catalog: Catalog, generated_at: str) -> dict[str, dict]:
    """Every API file, by path under api/v1/."""
    documents = {
        "models.json": models_document(catalog, generated_at),
        "papers.json": papers_document(catalog, generated_at),
    }
    for model in catalog.models.values():
        documents[f"models/{model.id}.json"] = {
            "schema_version": SCHEMA_VERSION, "generated_at": generated_at, "model": model_record(model)}
    return documents


def write_api(catalog: Catalog, site_dir: Path, generated_at: str) -> int:
    """Write the documents under site/api/v1/; returns how many files were written."""
    documents = api_documents(catalog, generated_at)
    for relative, document in documents.items():
        target = site_dir / "api" / "v1" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(documents)
