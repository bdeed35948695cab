"""The static JSON API under api/v1/: pure functions from the Catalog to documents, and one writer.

Field names are the data's field names, except the few listed in RENAMED_FIELDS (published before the
data settled); every rename is declared there and on docs/api.md, so nothing is renamed silently.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

from ..data.catalog import shared_build_repos
from ..data.dates import PartialDate
from ..data.records import Catalog, Family, Model, Paper, Provenance, Thread
from ..views.finder import size_label
from ..views.finder import size_text as finder_size_text
from ..views.formatting import tokens_short
from ..views.memory_estimate import bf16_gb, gb_text, int4_gb
from . import permalinks

SCHEMA_VERSION = "1.0"
SCHEMA_SOURCE = Path("data/schema/atlas.schema.json")

# data field -> API field, per record kind.
RENAMED_FIELDS = {
    "model": {"released": "release_date"},
    "paper": {},
    "family": {},
    "thread": {},
}

# Record attributes that are not published as they are: where a record is written (origin) is the site's
# business, and the sources mapping is published as `sources` (the URLs, as in API 1.0) plus `sources_by_key`.
NOT_PUBLISHED = {"origin", "source_map"}

# Fields the API adds to a record kind, beyond the record's own (tests/test_record_shape.py checks this list).
ADDED_FIELDS = {
    "model": ("release_date_precision", "sources_by_key", "names", "has_official_4bit_build", "display", "url",
              "json_url"),
    "paper": ("date_precision", "sources_by_key", "permalink"),
}


def _plain(value):
    """Records' values as JSON values: tuples become lists, nested records become objects."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def provenance_record(provenance: Mapping[str, Provenance], kind: str) -> dict:
    """{field: {url, quote, checked, source[, differs, why]}} under the API's field names."""
    renamed = RENAMED_FIELDS.get(kind, {})
    out = {}
    for field_name, fact in provenance.items():
        entry = {"url": fact.url, "quote": fact.quote, "checked": fact.checked, "source": fact.source_key}
        if fact.differs:
            entry["differs"] = [{"value": _plain(a.value), "url": a.url, "quote": a.quote, "source": a.source_key}
                                for a in fact.differs]
            entry["why"] = fact.why
        out[renamed.get(field_name, field_name)] = entry
    return out


def _record(record, kind: str) -> dict:
    """Every attribute of a record, in declaration order, under its API name (one definition: the dataclass)."""
    renamed = RENAMED_FIELDS.get(kind, {})
    out = {}
    for f in fields(record):
        if f.name in NOT_PUBLISHED:
            continue
        value = getattr(record, f.name)
        if isinstance(value, PartialDate):
            out[renamed.get(f.name, f.name)] = value.iso
            out[f"{renamed.get(f.name, f.name)}_precision"] = value.precision
        elif f.name == "provenance":
            out["provenance"] = provenance_record(value, kind)
        else:
            out[renamed.get(f.name, f.name)] = _plain(value)
    if hasattr(record, "source_map"):
        out["sources_by_key"] = dict(record.source_map)
    return out


def model_record(model: Model) -> dict:
    """A model as the API publishes it. Unknown is null; numbers are numbers."""
    record = _record(model, "model")
    record["params_active_b"] = model.params_active_b if model.is_moe else None
    record["names"] = [{"kind": kind, "name": name} for kind, name in model.names()]
    record["has_official_4bit_build"] = model.has_official_4bit_build
    record["display"] = display_strings(model)
    record["url"] = permalinks.model_page(model.id)
    record["json_url"] = permalinks.model_json(model.id)
    return record


def display_strings(model: Model) -> dict:
    """The values as the pages print them (sizes as people say them, month-only dates as months), so a client
    such as the compare page shows the same text without formatting anything itself. null when unknown."""
    def tokens(value):
        return tokens_short(value) if value else None

    bf16, int4 = bf16_gb(model.params_total_b), int4_gb(model.params_total_b)
    return {
        "released": model.released.display,
        "size": finder_size_text(model),
        "params_total": size_label(model.params_total_b) if model.params_total_b is not None else None,
        "params_active": size_label(model.params_active_b) if model.params_active_b is not None else None,
        "context_native": tokens(model.context_native),
        "context_max": tokens(model.context_max),
        "bf16": gb_text(bf16) if bf16 is not None else None,
        "int4": gb_text(int4) if int4 is not None else None,
    }


def paper_record(paper: Paper) -> dict:
    record = _record(paper, "paper")
    record["permalink"] = permalinks.paper_anchor(paper.id)
    return record


def names_document(catalog: Catalog, generated_at: str) -> dict:
    """Every name a model goes by elsewhere (hub ids, API names, build repos, community names) -> atlas id;
    a build repository shared by several models of a family leads to the family."""
    names = {}
    for model in sorted(catalog.models.values(), key=lambda m: m.id):
        for kind, name in model.names():
            names.setdefault(name, {"id": model.id, "kind": kind, "url": permalinks.model_page(model.id)})
    for repo, (family, _) in shared_build_repos(catalog).items():  # one repository, several models: the family
        names.setdefault(repo, {"family": family, "kind": "build-shared", "url": permalinks.family_page(family)})
    return {**_header(generated_at), "count": len(names), "names": dict(sorted(names.items()))}


def family_record(family: Family, catalog: Catalog) -> dict:
    return {
        "id": family.id,
        "name": family.name,
        "kind": family.kind,
        "summary": family.summary,
        "threads": list(family.threads),
        "aliases": list(family.aliases),
        "sources": list(family.sources),
        "sources_by_key": dict(family.source_map),
        "models": [m.id for m in catalog.models_in_family(family.id)],
        "url": permalinks.family_page(family.id),
        "json_url": permalinks.family_json(family.id),
        "feed_url": permalinks.family_feed(family.id),
    }


def thread_record(thread: Thread, catalog: Catalog) -> dict:
    return {
        "id": thread.id,
        "name": thread.name,
        "summary": thread.summary,
        "page": thread.page,
        "families": sorted(f.id for f in catalog.families_in_thread(thread.id)),
        "papers": [p.id for p in catalog.papers_in_thread(thread.id)],
        "url": permalinks.thread_page(thread.page),
    }


def api_header(generated_at: str) -> dict:
    """The envelope every API file starts with (schema_version, generated_at)."""
    return _header(generated_at)


def _header(generated_at: str) -> dict:
    return {"schema_version": SCHEMA_VERSION, "generated_at": generated_at}


def envelope(key: str, items: list[dict], generated_at: str) -> dict:
    return {**_header(generated_at), "count": len(items), key: items}


def models_document(catalog: Catalog, generated_at: str) -> dict:
    return envelope("models", [model_record(m) for m in catalog.models_by_date()], generated_at)


def papers_document(catalog: Catalog, generated_at: str) -> dict:
    return envelope("papers", [paper_record(p) for p in catalog.papers_by_date()], generated_at)


def families_document(catalog: Catalog, generated_at: str) -> dict:
    families = sorted(catalog.families.values(), key=lambda f: f.id)
    return envelope("families", [family_record(f, catalog) for f in families], generated_at)


def threads_document(catalog: Catalog, generated_at: str) -> dict:
    return envelope("threads", [thread_record(t, catalog) for t in catalog.threads.values()], generated_at)


def family_document(family: Family, catalog: Catalog, generated_at: str) -> dict:
    """One family with its models in full, so a family page's JSON is self-contained."""
    return {**_header(generated_at), "family": family_record(family, catalog),
            "models": [model_record(m) for m in catalog.models_in_family(family.id)]}


def all_document(catalog: Catalog, generated_at: str) -> dict:
    """The full dump: every kind of record the API publishes, in one file."""
    return {**_header(generated_at),
            "counts": {"models": len(catalog.models), "families": len(catalog.families),
                       "papers": len(catalog.papers), "threads": len(catalog.threads)},
            "models": models_document(catalog, generated_at)["models"],
            "families": families_document(catalog, generated_at)["families"],
            "papers": papers_document(catalog, generated_at)["papers"],
            "threads": threads_document(catalog, generated_at)["threads"]}


CSV_COLUMNS = ("id", "name", "family", "variant", "release_date", "release_date_precision", "architecture",
               "params_total_b", "params_active_b", "layers", "context_native", "context_max",
               "context_extension", "modalities_in", "modalities_out", "open_weights", "license", "hf_repo",
               "base_model", "confidence", "aliases", "url", "json_url", "modelscope_repo", "has_official_4bit_build")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)  # ids and modality names never contain ';'
    return str(value)


def models_csv(catalog: Catalog) -> str:
    """One row per model keyed by its stable id; lists joined with ';', unknown left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for model in sorted(catalog.models.values(), key=lambda m: m.id):
        record = model_record(model)
        writer.writerow([_csv_cell(record[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _moved(document: dict, old_id: str, new_path: str) -> dict:
    """The document still served at an alias's old path, saying where it lives now."""
    return {**document, "moved": {"old_id": old_id, "url": new_path}}


def api_documents(catalog: Catalog, generated_at: str) -> dict[str, dict]:
    """Every JSON file, by path under api/v1/, including copies at the old paths of renamed records."""
    root = permalinks.API_ROOT
    documents = {
        "models.json": models_document(catalog, generated_at),
        "papers.json": papers_document(catalog, generated_at),
        "families.json": families_document(catalog, generated_at),
        "threads.json": threads_document(catalog, generated_at),
        "all.json": all_document(catalog, generated_at),
        "names.json": names_document(catalog, generated_at),
    }
    for model in catalog.models.values():
        document = {**_header(generated_at), "model": model_record(model)}
        documents[permalinks.model_json(model.id).removeprefix(root)] = document
        for alias in model.aliases:
            documents[permalinks.model_json(alias).removeprefix(root)] = _moved(
                document, alias, permalinks.model_json(model.id))
    for family in catalog.families.values():
        document = family_document(family, catalog, generated_at)
        documents[permalinks.family_json(family.id).removeprefix(root)] = document
        for alias in family.aliases:
            documents[permalinks.family_json(alias).removeprefix(root)] = _moved(
                document, alias, permalinks.family_json(family.id))
    return documents


def write_api(catalog: Catalog, project_root: Path, site_dir: Path, generated_at: str) -> int:
    """Write every API file under site/api/v1/; returns how many files were written."""
    api_dir = site_dir / permalinks.API_ROOT
    documents = api_documents(catalog, generated_at)
    for relative, document in documents.items():
        target = api_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (api_dir / "models.csv").write_text(models_csv(catalog), encoding="utf-8")
    schema_target = api_dir / "schema" / "atlas.schema.json"
    schema_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project_root / SCHEMA_SOURCE, schema_target)
    return len(documents) + 2
