"""Load every data file, validate it, and build the Catalog: the one entry point for data.

All problems are gathered before anything fails, so a contributor sees every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from .dates import PartialDate
from .loader import LoadedFile, load_yaml_file
from .problems import DataError, Problem
from .records import Catalog, Claim, EcosystemEntry, Event, Family, Model, Origin, Paper, Term, Thread
from .schema_check import file_kind, is_todo, schema_problems
from .slugs import slugify

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_files(root: Path) -> list[Path]:
    """Every YAML file under data/, except templates (names starting with '_')."""
    files = [*root.joinpath("data").rglob("*.yaml"), *root.joinpath("data").rglob("*.yml")]
    return sorted(p for p in files if not p.name.startswith("_"))


def read_data_files(root: Path) -> tuple[list[LoadedFile], list[Problem]]:
    loaded, problems = [], []
    for path in data_files(root):
        result, found = load_yaml_file(path, root)
        problems += found
        if result is not None:
            found = schema_problems(result, root)
            problems += found
            loaded.append(result)
    return loaded, problems


def _records(loaded: list[LoadedFile], key: str):
    """(file, record) pairs for every mapping with a string id under `key`."""
    for file in loaded:
        if not isinstance(file.data, dict):
            continue
        value = file.data.get(key)
        items = [value] if key == "family" else value
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield file, item


def _origin(file: LoadedFile, record) -> Origin:
    return Origin(file.path.as_posix(), getattr(record, "line", 0))


def _parse_date(value, problems, origin, entry, field) -> PartialDate | None:
    if is_todo(value):
        return None  # the schema check already says what to write
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        problems.append(Problem(origin.path, origin.line, entry, field, str(error)))
        return None


def _hint(wrong: str, known) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def _tuple(value) -> tuple:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


# Records with schema errors are still built (so every cross-record problem is found too);
# these keep wrongly typed values out of the comparisons below.
def _num(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def build_catalog(loaded: list[LoadedFile], today: dt.date) -> tuple[Catalog, list[Problem]]:
    """Turn schema-checked files into records, checking the rules that span records."""
    problems: list[Problem] = []
    catalog = Catalog()
    seen: dict[tuple[str, str], Origin] = {}

    def register(namespace: str, record_id: str, origin: Origin, what: str) -> bool:
        key = (namespace, record_id)
        if key in seen:
            first = seen[key]
            problems.append(Problem(origin.path, origin.line, record_id, "id",
                                    f"duplicate {what} id; it is already used at {first.path}:{first.line}"))
            return False
        seen[key] = origin
        return True

    for file, raw in _records(loaded, "threads"):
        origin = _origin(file, raw)
        if register("thread", raw["id"], origin, "thread"):
            catalog.threads[raw["id"]] = Thread(raw["id"], raw.get("name", ""), raw.get("summary", ""),
                                                raw.get("page", ""), origin)

    for file, raw in _records(loaded, "family"):
        origin = _origin(file, raw)
        if file_kind(file.path) == "models" and raw["id"] != file.path.stem:
            problems.append(Problem(origin.path, origin.line, raw["id"], "id",
                                    f"the family id must equal the file name: rename the file to {raw['id']}.yaml "
                                    f"or set id: {file.path.stem}"))
        if register("family", raw["id"], origin, "family"):
            catalog.families[raw["id"]] = Family(
                raw["id"], raw.get("name", ""), raw.get("kind", ""), raw.get("summary", ""),
                _tuple(raw.get("threads")), _tuple(raw.get("aliases")), _tuple(raw.get("sources")), origin)

    for file, raw in _records(loaded, "models"):
        origin = _origin(file, raw)
        mid = raw["id"]
        family = file.data.get("family", {}).get("id") if isinstance(file.data.get("family"), dict) else None
        if isinstance(raw.get("name"), str) and slugify(raw["name"]) != mid and not is_todo(raw["name"]):
            problems.append(Problem(origin.path, origin.line, mid, "id",
                                    f"expected the slug of the name, '{slugify(raw['name'])}', got '{mid}' "
                                    "(if the model was renamed, use the new slug and put the old id in aliases)"))
        released = _parse_date(raw.get("released"), problems, origin, mid, "released") \
            if isinstance(raw.get("released"), str) else None
        if not register("model", mid, origin, "model") or released is None or family is None:
            continue
        catalog.models[mid] = Model(
            id=mid, name=_str(raw.get("name")) or mid, family=family, variant=_str(raw.get("variant")) or "other",
            released=released, architecture=_str(raw.get("architecture")) or "unknown",
            params_total_b=_num(raw.get("params_total_b")), params_active_b=_num(raw.get("params_active_b")),
            context_native=_int(raw.get("context_native")), context_max=_int(raw.get("context_max")),
            context_extension=_str(raw.get("context_extension")),
            modalities_in=_tuple(raw.get("modalities_in")), modalities_out=_tuple(raw.get("modalities_out")),
            open_weights=raw.get("open_weights") is True, license=_str(raw.get("license")),
            hf_repo=_str(raw.get("hf_repo")), base_model=_str(raw.get("base_model")), layers=_int(raw.get("layers")),
            attention=_str(raw.get("attention")), summary=_str(raw.get("summary")), notes=_str(raw.get("notes")),
            confidence=raw.get("confidence", "high"),
            aliases=_tuple(raw.get("aliases")), sources=_tuple(raw.get("sources")), origin=origin)

    for file, raw in _records(loaded, "papers"):
        origin = _origin(file, raw)
        date = _parse_date(raw.get("date"), problems, origin, raw["id"], "date") \
            if isinstance(raw.get("date"), str) else None
        if register("paper", raw["id"], origin, "paper") and date:
            catalog.papers[raw["id"]] = Paper(
                raw["id"], raw.get("title", ""), raw.get("kind", "paper"), date, raw.get("url", ""),
                raw.get("authors"), _tuple(raw.get("threads")), _tuple(raw.get("models")), raw.get("summary", ""),
                raw.get("notes"), _tuple(raw.get("aliases")), _tuple(raw.get("sources")), origin)

    for file, raw in _records(loaded, "events"):
        origin = _origin(file, raw)
        date = _parse_date(raw.get("date"), problems, origin, raw["id"], "date") \
            if isinstance(raw.get("date"), str) else None
        if register("event", raw["id"], origin, "event") and date:
            catalog.events[raw["id"]] = Event(
                raw["id"], raw.get("title", ""), date, raw.get("kind", "post"), raw.get("url"),
                _tuple(raw.get("threads")), _tuple(raw.get("models")), raw.get("summary", ""),
                _tuple(raw.get("sources")), origin)

    for file, raw in _records(loaded, "ecosystem"):
        origin = _origin(file, raw)
        if register("ecosystem", raw["id"], origin, "ecosystem"):
            catalog.ecosystem[raw["id"]] = EcosystemEntry(
                raw["id"], raw.get("name", ""), raw.get("kind", ""), raw.get("url", ""), raw.get("summary", ""),
                _tuple(raw.get("models")), _tuple(raw.get("sources")), origin)

    for file, raw in _records(loaded, "claims"):
        origin = _origin(file, raw)
        if register("claim", raw["id"], origin, "claim"):
            catalog.claims[raw["id"]] = Claim(
                raw["id"], raw.get("claim", ""), raw.get("verdict", "unverified"), raw.get("finding", ""),
                _tuple(raw.get("sources")), file.path.stem, origin)

    for file, raw in _records(loaded, "glossary"):
        origin = _origin(file, raw)
        if register("term", raw["id"], origin, "glossary term"):
            catalog.glossary[raw["id"]] = Term(
                raw["id"], raw.get("term", ""), _str(raw.get("expansion")), raw.get("definition", ""),
                _str(raw.get("see")), _tuple(raw.get("sources")), origin)

    problems += cross_record_problems(catalog, today)
    return catalog, problems


def cross_record_problems(catalog: Catalog, today: dt.date) -> list[Problem]:
    """Rules no schema can say: references resolve, numbers agree, dates are possible."""
    problems: list[Problem] = []

    def bad(record, field: str, message: str):
        problems.append(Problem(record.origin.path, record.origin.line, record.id, field, message))

    def refs(record, field: str, ids, known: dict, what: str):
        for ref in ids:
            if ref not in known:
                bad(record, field, f"unknown {what} id '{ref}'{_hint(ref, known)}")

    all_model_ids = set(catalog.models)
    for model in catalog.models.values():
        if model.base_model is not None:
            refs(model, "base_model", [model.base_model], catalog.models, "model")
            base = catalog.models.get(model.base_model)
            if base is not None and model.released.certainly_before(base.released):
                bad(model, "released", f"released {model.released.iso}, before its base model "
                                       f"'{base.id}' ({base.released.iso}); check both dates")
            if model.base_model == model.id:
                bad(model, "base_model", "a model cannot be its own base model")
        if model.released.earliest() > today:
            bad(model, "released", f"date {model.released.iso} is after today ({today.isoformat()}); "
                                   "announced-but-unreleased models wait until they ship")
        if model.architecture == "moe" and model.params_active_b is None and model.params_total_b is not None:
            bad(model, "params_active_b", "a MoE model with known total parameters needs its activated "
                                          "parameters too (billions); use null for both if undisclosed")
        if model.architecture != "moe" and model.params_active_b is not None:
            bad(model, "params_active_b", f"only MoE models have activated parameters; "
                                          f"this one is {model.architecture}: set it to null")
        if (model.params_active_b is not None and model.params_total_b is not None
                and model.params_active_b > model.params_total_b):
            bad(model, "params_active_b",
                f"activated ({model.params_active_b}B) exceeds total ({model.params_total_b}B)")
        if model.context_native and model.context_max and model.context_max < model.context_native:
            bad(model, "context_max",
                f"expected at least context_native ({model.context_native}), got {model.context_max}")
        if (model.context_native and model.context_max and model.context_max > model.context_native
                and not model.context_extension):
            bad(model, "context_extension",
                "context_max exceeds context_native: say how it is extended (e.g. 'YaRN (factor 4)')")
        if model.open_weights and not model.hf_repo:
            bad(model, "hf_repo", "open-weight models need their Hugging Face repository (org/name)")
        if not model.open_weights and model.hf_repo:
            bad(model, "hf_repo", "an API-only model (open_weights: false) has no weights repository; remove hf_repo")
        for alias in model.aliases:
            if alias in all_model_ids:
                bad(model, "aliases", f"alias '{alias}' is the id of another model")

    for family in catalog.families.values():
        refs(family, "threads", family.threads, catalog.threads, "thread")
        if not any(m.family == family.id for m in catalog.models.values()):
            bad(family, "models", "a family needs at least one model")
    for paper in catalog.papers.values():
        refs(paper, "threads", paper.threads, catalog.threads, "thread")
        refs(paper, "models", paper.models, catalog.models, "model")
        if paper.date.earliest() > today:
            bad(paper, "date", f"date {paper.date.iso} is after today ({today.isoformat()})")
    for event in catalog.events.values():
        refs(event, "threads", event.threads, catalog.threads, "thread")
        refs(event, "models", event.models, catalog.models, "model")
        if event.date.earliest() > today:
            bad(event, "date", f"date {event.date.iso} is after today ({today.isoformat()})")
    for entry in catalog.ecosystem.values():
        refs(entry, "models", entry.models, catalog.models, "model")
    return problems


def load_catalog(root: Path = PROJECT_ROOT, today: dt.date | None = None) -> Catalog:
    """The validated catalogue, or DataError listing every problem found."""
    loaded, problems = read_data_files(root)
    catalog, more = build_catalog(loaded, today or dt.date.today())
    problems += more
    if problems:
        raise DataError(problems)
    return catalog


_cache: dict[Path, tuple[tuple, Catalog]] = {}


def _signature(root: Path) -> tuple:
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in data_files(root))


def cached_catalog(root: Path = PROJECT_ROOT) -> Catalog:
    """The catalogue for this build: re-read only when a data file changed (mkdocs serve)."""
    signature = _signature(root)
    cached = _cache.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    catalog = load_catalog(root)
    _cache[root] = (signature, catalog)
    return catalog
