"""The static API equals the validated data: every record, every field, nothing dropped or silently renamed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import ROOT
from macros.data.catalog import read_data_files
from macros.outputs import api_export, permalinks

API = Path("api") / "v1"


def _json(site: Path, relative: str) -> dict:
    return json.loads((site / API / relative).read_text(encoding="utf-8"))


def _raw_records(key: str) -> list[tuple[dict, dict]]:
    """(record, its file's data) for every raw YAML record under `key`, as written by contributors."""
    loaded, problems = read_data_files(ROOT)
    assert not problems
    out = []
    for file in loaded:
        value = file.data.get(key) if isinstance(file.data, dict) else None
        for record in [value] if isinstance(value, dict) else value or []:
            out.append((record, file.data))
    return out


def _plain(value):
    """YAML-loaded values (which remember their lines) as plain JSON values."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _schema_fields(kind: str) -> list[str]:
    schema = json.loads((ROOT / "data" / "schema" / "atlas.schema.json").read_text(encoding="utf-8"))
    return list(schema["$defs"][kind]["properties"])


def _published(kind: str, field: str, value, raw: dict, published: dict):
    """(what the API holds, what the contributor wrote, in the API's form) for one field of one record.

    Declared transformations only: `sources` (a key -> URL mapping) is published as the URLs, with the mapping in
    `sources_by_key`; provenance names the URL and the checked date instead of the key; builds spell out
    every repository (null where none)."""
    renamed = api_export.RENAMED_FIELDS[kind]
    if field == "sources":
        return published["sources_by_key"], _plain(value)
    if field == "provenance":
        sources = _plain(raw["sources"])
        expected = {}
        for fact, spec in value.items():
            entry = {"url": sources[spec["source"]], "quote": spec["quote"],
                     "checked": spec.get("checked", raw.get("checked")), "source": spec["source"]}
            if spec.get("differs"):
                entry["differs"] = [{"value": _plain(d["value"]), "url": sources[d["source"]], "quote": d["quote"],
                                     "source": d["source"]} for d in spec["differs"]]
                entry["why"] = spec.get("why")
            expected[renamed.get(fact, fact)] = entry
        return published["provenance"], expected
    if field == "builds":
        return published["builds"], [{"format": b["format"], "hf_repo": b.get("hf_repo"),
                                       "modelscope_repo": b.get("modelscope_repo"), "shared": b.get("shared", False)}
                                      for b in value]
    return published[renamed.get(field, field)], _plain(value)


@pytest.mark.parametrize("kind, key, path_of", [
    ("model", "models", lambda r: permalinks.model_json(r["id"]).removeprefix(permalinks.API_ROOT)),
    ("family", "family", lambda r: permalinks.family_json(r["id"]).removeprefix(permalinks.API_ROOT)),
])
def test_every_record_round_trips_through_its_own_file(built_site, kind, key, path_of):
    renamed = api_export.RENAMED_FIELDS[kind]
    records = _raw_records(key)
    assert records
    for raw, _ in records:
        published = _json(built_site, path_of(raw))[kind]
        for field in _schema_fields(kind):  # every field the data may have is published...
            assert renamed.get(field, field) in published, f"{kind} field '{field}' is not in the API"
        for field, value in raw.items():  # ...with the value the contributor wrote
            got, wanted = _published(kind, field, value, raw, published)
            assert got == wanted, f"{raw['id']}: {field}"


@pytest.mark.parametrize("kind, key, document", [("paper", "papers", "papers.json"),
                                                  ("thread", "threads", "threads.json")])
def test_every_paper_and_thread_round_trips(built_site, kind, key, document):
    renamed = api_export.RENAMED_FIELDS[kind]
    published = {r["id"]: r for r in _json(built_site, document)[key]}
    records = _raw_records(key)
    assert len(published) == len(records)
    for raw, _ in records:
        for field in _schema_fields(kind):
            assert renamed.get(field, field) in published[raw["id"]], f"{kind} field '{field}' is not in the API"
        for field, value in raw.items():
            got, wanted = _published(kind, field, value, raw, published[raw["id"]])
            assert got == wanted, f"{raw['id']}: {field}"


def test_models_know_their_family_file(built_site):
    for raw, file_data in _raw_records("models"):
        assert _json(built_site, f"models/{raw['id']}.json")["model"]["family"] == file_data["family"]["id"]


def test_counts_agree_everywhere(catalog, built_site):
    n = len(catalog.models)
    assert _json(built_site, "models.json")["count"] == n == len(_raw_records("models"))
    files = [p for p in (built_site / API / "models").glob("*.json") if "moved" not in json.loads(p.read_text())]
    assert len(files) == n
    dump = _json(built_site, "all.json")
    assert dump["counts"] == {"models": n, "families": len(catalog.families), "papers": len(catalog.papers),
                              "threads": len(catalog.threads)}
    for key in ("models", "families", "papers", "threads"):
        assert len(dump[key]) == dump["counts"][key]
        assert dump[key] == _json(built_site, f"{key}.json")[key], f"all.json disagrees with {key}.json"
    for family in catalog.families.values():
        document = _json(built_site, f"families/{family.id}.json")
        assert [m["id"] for m in document["models"]] == document["family"]["models"]
        assert {m["family"] for m in document["models"]} == {family.id}
    assert sum(len(_json(built_site, f"families/{f}.json")["models"]) for f in catalog.families) == n


def test_csv_has_one_row_per_model_with_stable_ids(catalog, built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / API / "models.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == sorted(catalog.models)
    for row in rows:
        record = api_export.model_record(catalog.models[row["id"]])
        assert tuple(row) == api_export.CSV_COLUMNS
        for column in api_export.CSV_COLUMNS:
            value = record[column]
            expected = (";".join(value) if isinstance(value, list) else "" if value is None
                        else str(value).lower() if isinstance(value, bool) else str(value))
            assert row[column] == expected, f"{row['id']}: {column}"


def test_every_json_file_has_a_version_and_build_time(built_site):
    files = list((built_site / API).rglob("*.json"))
    assert len(files) > 5
    for path in files:
        if path.parent.name == "schema":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["schema_version"] == api_export.SCHEMA_VERSION, path
        assert document["generated_at"].endswith("+00:00"), path


def test_the_json_schema_is_published_beside_the_api(built_site):
    published = built_site / API / "schema" / "atlas.schema.json"
    assert published.read_bytes() == (ROOT / "data" / "schema" / "atlas.schema.json").read_bytes()


def test_names_lead_to_existing_model_pages_and_no_name_leads_to_two_models(catalog, built_site):
    document = _json(built_site, "names.json")
    names = document["names"]
    assert document["count"] == len(names) > 0
    shared = {b.hf_repo: m.family for m in catalog.models.values() for b in m.builds or () if b.shared}
    for name, target in names.items():
        if target["kind"] == "build-shared":  # one repository for several models: it leads to their family
            assert target["family"] == shared[name] and "id" not in target, name
        else:
            assert target["id"] in catalog.models, name
        assert (built_site / target["url"] / "index.html").is_file(), name
    owners = {}
    for model in catalog.models.values():
        for _, name in model.names():
            owners.setdefault(name.lower(), set()).add(model.id)
    assert {n: ids for n, ids in owners.items() if len(ids) > 1} == {}
    assert all(names[n]["id"] == next(iter(owners[n.lower()])) for n in names if n not in shared)
    assert set(shared) <= set(names)


def test_model_json_carries_provenance_builds_and_names(catalog):
    for model in catalog.models.values():
        record = api_export.model_record(model)
        assert set(record["provenance"]) <= {api_export.RENAMED_FIELDS["model"].get(f, f) for f in model.provenance}
        for fact in record["provenance"].values():
            assert fact["url"] in model.sources and fact["quote"]
        assert record["builds"] is None or all(b["hf_repo"] or b["modelscope_repo"] for b in record["builds"])
        assert record["has_official_4bit_build"] == any(
            b["format"] in ("GPTQ-Int4", "AWQ", "MLX-4bit", "Int4") for b in record["builds"] or [])
        assert [n["name"] for n in record["names"]] == [name for _, name in model.names()]
