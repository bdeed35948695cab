"""Load every data file, validate it, and build the Catalog: the one entry point for data.

All problems are gathered before anything fails, so a contributor sees every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .dates import PartialDate
from .loader import LoadedFile, LocatedDict, load_yaml_file
from .problems import DataError, Problem, did_you_mean
from .records import (
    Alternative,
    Build,
    Catalog,
    Claim,
    CommunityName,
    EcosystemEntry,
    Event,
    Family,
    Model,
    Origin,
    Paper,
    Provenance,
    Term,
    Thread,
)
from .schema_check import DATE_PATTERN, file_kind, is_todo, line_of, schema_problems, schema_validator
from .slugs import slugify

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_files(root: Path) -> list[Path]:
    """Every YAML file under data/, except templates (names starting with '_')."""
    files = [*root.joinpath("data").rglob("*.yaml"), *root.joinpath("data").rglob("*.yml")]
    return sorted(p for p in files if not p.name.startswith("_"))


_DECLARED_ID = re.compile(r"^\s*(?:-\s+)?(?:\{\s*)?id:\s*[\"']?([a-z0-9][a-z0-9.-]*[a-z0-9])[\"']?", re.MULTILINE)


def read_data(root: Path) -> tuple[list[LoadedFile], list[Problem], dict[str, set[str]]]:
    """Loaded files, their problems, and for each file that did not parse the ids its text declares
    (so the references to them are not reported as unknown: the syntax error is the one problem)."""
    loaded, problems, unparsed = [], [], {}
    validator = schema_validator(root)
    for path in data_files(root):
        result, found = load_yaml_file(path, root)
        problems += found
        if result is not None:
            problems += schema_problems(result, root, validator)
            loaded.append(result)
        elif found:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            unparsed[path.relative_to(root).as_posix()] = set(_DECLARED_ID.findall(text))
    return loaded, problems, unparsed


def read_data_files(root: Path) -> tuple[list[LoadedFile], list[Problem]]:
    loaded, problems, _ = read_data(root)
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
    lines = dict(record.key_lines) if isinstance(record, LocatedDict) else {}
    return Origin(file.path.as_posix(), getattr(record, "line", 0), lines)


def _parse_date(value, problems, origin, entry, field) -> PartialDate | None:
    if is_todo(value) or not DATE_PATTERN.match(value):
        return None  # the schema check already said what to write: one message per problem
    try:
        return PartialDate.parse(value)
    except ValueError as error:  # the pattern allows 31 February; the calendar does not
        problems.append(Problem(origin.path, origin.line_of(field), entry, field, str(error)))
        return None


def _tuple(value) -> tuple:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _source_map(value) -> dict[str, str]:
    """key -> URL; the pre-2026-12 list form (no keys) still loads, numbered, so old copies keep working."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items() if isinstance(v, str)}
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value, start=1) if isinstance(v, str)}
    return {}


def _sources(raw) -> tuple[str, ...]:
    return tuple(_source_map(raw.get("sources")).values())


def _provenance(raw, problems: list[Problem], origin: Origin, entry: str) -> dict[str, Provenance]:
    """Each fact's source, resolved against the entry's `sources`; an undeclared key is one problem at its line."""
    declared = _source_map(raw.get("sources"))
    value = raw.get("provenance")
    if not isinstance(value, dict):
        return {}
    default_checked = raw.get("checked") if isinstance(raw.get("checked"), str) else None
    result = {}

    def resolve(key, steps) -> str | None:
        if not isinstance(key, str) or is_todo(key):
            return None
        if key not in declared:
            known = ", ".join(declared) or "none"
            problems.append(Problem(origin.path, line_of(raw, steps), entry, ".".join(map(str, steps)),
                                    f"expected a key of this entry's sources ({known}), got '{key}'"
                                    f"{did_you_mean(key, declared)}; declare it under sources first"))
            return None
        return declared[key]

    for fact, spec in value.items():
        if not isinstance(spec, dict):
            continue
        url = resolve(spec.get("source"), ["provenance", fact, "source"])
        alternatives = []
        for index, other in enumerate(spec.get("differs") or []):
            if isinstance(other, dict):
                other_url = resolve(other.get("source"), ["provenance", fact, "differs", index, "source"])
                if other_url and isinstance(other.get("quote"), str):
                    alternatives.append(Alternative(other.get("value"), other_url, other["quote"], other["source"]))
        if url and isinstance(spec.get("quote"), str):
            checked = spec.get("checked") if isinstance(spec.get("checked"), str) else default_checked
            result[str(fact)] = Provenance(url, spec["quote"], checked, spec["source"], tuple(alternatives),
                                           spec.get("why") if isinstance(spec.get("why"), str) else None)
    return result


def _builds(value) -> tuple[Build, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(Build(str(b.get("format", "other")), _str(b.get("hf_repo")), _str(b.get("modelscope_repo")),
                       b.get("shared") is True)
                 for b in value if isinstance(b, dict))


def _community(value) -> tuple[CommunityName, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(CommunityName(str(c.get("hub", "")), str(c.get("name", "")), str(c.get("as_of", "")),
                               str(c.get("url", "")))
                 for c in value if isinstance(c, dict) and isinstance(c.get("name"), str))


# Records with schema errors are still built (so every cross-record problem is found too);
# these keep wrongly typed values out of the comparisons below.
def _num(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def build_catalog(loaded: list[LoadedFile], today: dt.date,
                  unparsed: dict[str, set[str]] | None = None) -> tuple[Catalog, list[Problem]]:
    """Turn schema-checked files into records, checking the rules that span records."""
    problems: list[Problem] = []
    catalog = Catalog()
    seen: dict[tuple[str, str], Origin] = {}

    def register(namespace: str, record_id: str, origin: Origin, what: str) -> bool:
        key = (namespace, record_id)
        if key in seen:
            first = seen[key]
            problems.append(Problem(origin.path, origin.line_of("id"), record_id, "id",
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
            problems.append(Problem(origin.path, origin.line_of("id"), raw["id"], "id",
                                    f"the family id must equal the file name: rename the file to {raw['id']}.yaml "
                                    f"or set id: {file.path.stem}"))
        if register("family", raw["id"], origin, "family"):
            catalog.families[raw["id"]] = Family(
                raw["id"], raw.get("name", ""), raw.get("kind", ""), raw.get("summary", ""),
                _tuple(raw.get("threads")), _tuple(raw.get("aliases")), _sources(raw), origin,
                _source_map(raw.get("sources")))

    for file, raw in _records(loaded, "models"):
        origin = _origin(file, raw)
        mid = raw["id"]
        family = file.data.get("family", {}).get("id") if isinstance(file.data.get("family"), dict) else None
        if isinstance(raw.get("name"), str) and slugify(raw["name"]) != mid and not is_todo(raw["name"]):
            problems.append(Problem(origin.path, origin.line_of("id"), mid, "id",
                                    f"expected the slug of the name, '{slugify(raw['name'])}', got '{mid}' "
                                    "(if the model was renamed, use the new slug and put the old id in aliases)"))
        released = _parse_date(raw.get("released"), problems, origin, mid, "released") \
            if isinstance(raw.get("released"), str) else None
        provenance = _provenance(raw, problems, origin, mid)
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
            aliases=_tuple(raw.get("aliases")), sources=_sources(raw), origin=origin,
            modelscope_repo=_str(raw.get("modelscope_repo")), api_names=_tuple(raw.get("api_names")),
            api_names_cn=_tuple(raw.get("api_names_cn")), community_names=_community(raw.get("community_names")),
            base_relation=_str(raw.get("base_relation")), builds=_builds(raw.get("builds")),
            checked=_str(raw.get("checked")), provenance=provenance, source_map=_source_map(raw.get("sources")))

    for file, raw in _records(loaded, "papers"):
        origin = _origin(file, raw)
        date = _parse_date(raw.get("date"), problems, origin, raw["id"], "date") \
            if isinstance(raw.get("date"), str) else None
        provenance = _provenance(raw, problems, origin, raw["id"])
        if register("paper", raw["id"], origin, "paper") and date:
            catalog.papers[raw["id"]] = Paper(
                raw["id"], raw.get("title", ""), raw.get("kind", "paper"), date, raw.get("url", ""),
                raw.get("authors"), _tuple(raw.get("threads")), _tuple(raw.get("models")), raw.get("summary", ""),
                raw.get("notes"), _tuple(raw.get("aliases")), _sources(raw), origin,
                organisation=_str(raw.get("organisation")), arxiv=_str(raw.get("arxiv")), venue=_str(raw.get("venue")),
                confidence=_str(raw.get("confidence")), checked=_str(raw.get("checked")), provenance=provenance,
                source_map=_source_map(raw.get("sources")))

    for file, raw in _records(loaded, "events"):
        origin = _origin(file, raw)
        date = _parse_date(raw.get("date"), problems, origin, raw["id"], "date") \
            if isinstance(raw.get("date"), str) else None
        if register("event", raw["id"], origin, "event") and date:
            catalog.events[raw["id"]] = Event(
                raw["id"], raw.get("title", ""), date, raw.get("kind", "post"), raw.get("url"),
                _tuple(raw.get("threads")), _tuple(raw.get("models")), raw.get("summary", ""),
                _sources(raw), origin, _source_map(raw.get("sources")))

    for file, raw in _records(loaded, "ecosystem"):
        origin = _origin(file, raw)
        if register("ecosystem", raw["id"], origin, "ecosystem"):
            catalog.ecosystem[raw["id"]] = EcosystemEntry(
                raw["id"], raw.get("name", ""), raw.get("kind", ""), raw.get("url", ""), raw.get("summary", ""),
                _tuple(raw.get("models")), _sources(raw), origin, _source_map(raw.get("sources")))

    for file, raw in _records(loaded, "claims"):
        origin = _origin(file, raw)
        provenance = _provenance(raw, problems, origin, raw["id"])
        if register("claim", raw["id"], origin, "claim"):
            catalog.claims[raw["id"]] = Claim(
                raw["id"], raw.get("claim", ""), raw.get("verdict", "unverified"), raw.get("finding", ""),
                _sources(raw), file.path.stem, origin, confidence=_str(raw.get("confidence")),
                checked=_str(raw.get("checked")), provenance=provenance, source_map=_source_map(raw.get("sources")))

    for file, raw in _records(loaded, "glossary"):
        origin = _origin(file, raw)
        if register("term", raw["id"], origin, "glossary term"):
            catalog.glossary[raw["id"]] = Term(
                raw["id"], raw.get("term", ""), _str(raw.get("expansion")), raw.get("definition", ""),
                _str(raw.get("see")), _sources(raw), origin, _source_map(raw.get("sources")))

    problems += cross_record_problems(catalog, today, unparsed)
    return catalog, problems


def cross_record_problems(catalog: Catalog, today: dt.date,
                          unparsed: dict[str, set[str]] | None = None) -> list[Problem]:
    """Rules no schema can say: references resolve, numbers agree, dates are possible, names are unique."""
    problems: list[Problem] = []
    unparsed = unparsed or {}
    unchecked: dict[str, int] = {}  # file that did not parse -> references to its ids left unchecked

    def bad(record, field: str, message: str, at: str | None = None):
        """A problem with `field`, at its line, or at the line of `at` when the field is missing."""
        fields = record.origin.field_lines
        line = record.origin.line_of(field if field in fields else (at or field))
        problems.append(Problem(record.origin.path, line, record.id, field, message))

    def refs(record, field: str, ids, known: dict, what: str):
        for ref in ids:
            if ref in known:
                continue
            holder = next((path for path, declared in unparsed.items() if ref in declared), None)
            if holder:
                unchecked[holder] = unchecked.get(holder, 0) + 1
                continue
            bad(record, field, f"unknown {what} id '{ref}'{did_you_mean(ref, known)}")

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
        elif model.base_relation is not None:
            bad(model, "base_relation", "expected base_model next to base_relation (the model it derives from), "
                                        "got none; add base_model or remove base_relation")
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
                "context_max exceeds context_native: say how it is extended (e.g. 'YaRN (factor 4)')", at="context_max")
        if model.open_weights and not model.hf_repo:
            bad(model, "hf_repo", "open-weight models need their Hugging Face repository (org/name)", at="open_weights")
        if not model.open_weights and model.hf_repo:
            bad(model, "hf_repo", "an API-only model (open_weights: false) has no weights repository; remove hf_repo")
        if not model.open_weights and model.builds:
            bad(model, "builds", "expected no builds on an API-only model (open_weights: false), "
                                 f"got {len(model.builds)}; builds are downloadable repositories")
        if not model.open_weights and model.modelscope_repo:
            bad(model, "modelscope_repo", "an API-only model (open_weights: false) has no weights repository; "
                                          "remove modelscope_repo")
        for build in model.builds or ():
            if not build.hf_repo and not build.modelscope_repo:
                bad(model, "builds", f"expected hf_repo or modelscope_repo in the {build.format} build, got neither")
        for alias in model.aliases:
            if alias in all_model_ids:
                bad(model, "aliases", f"alias '{alias}' is the id of another model")

    problems += _lineage_cycles(catalog)
    problems += _names_claimed_twice(catalog)
    problems += _shared_builds_outside_one_family(catalog)

    for family in catalog.families.values():
        refs(family, "threads", family.threads, catalog.threads, "thread")
        if not any(m.family == family.id for m in catalog.models.values()):
            bad(family, "models", "a family needs at least one model", at="id")
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
    for path, count in sorted(unchecked.items()):
        noun = "reference" if count == 1 else "references"
        problems.append(Problem(path, 0, None, None, f"{count} {noun} to ids in {path} were not checked because "
                                                     "it did not parse; fix its syntax error first"))
    return problems


def _lineage_cycles(catalog: Catalog) -> list[Problem]:
    """base_model chains must end: a model cannot descend from itself through other models."""
    problems, reported = [], set()
    for start in catalog.models.values():
        chain, current = [], start
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = catalog.models.get(current.base_model) if current.base_model else None
        if current is None or current.id != start.id or len(chain) < 2 or frozenset(chain) in reported:
            continue  # no cycle, a cycle not through this model, a self-loop (reported above), or already said
        reported.add(frozenset(chain))
        loop = " -> ".join([*chain, start.id])
        problems.append(Problem(start.origin.path, start.origin.line_of("base_model"), start.id, "base_model",
                                f"expected a lineage that ends in a base model, got a cycle: {loop}; "
                                "one of these base_model links is wrong"))
    return problems


def _names_claimed_twice(catalog: Catalog) -> list[Problem]:
    """A hub id, API name or community name leads to one model only (names.json maps each to one id)."""
    owners: dict[str, tuple[Model, str]] = {}
    problems = []
    for model in catalog.models_by_date():
        seen_here = set()
        for kind, name in model.names():
            key = name.lower()
            if key in seen_here:
                continue
            seen_here.add(key)
            first = owners.get(key)
            if first is None:
                owners[key] = (model, kind)
                continue
            other, other_kind = first
            field, other_field = _name_field(kind), _name_field(other_kind)
            what = _NAME_KIND.get(other_kind, "community name")
            problems.append(Problem(
                model.origin.path, model.origin.line_of(field), model.id, field,
                f"expected a name no other model claims, got '{name}', already the {what} of '{other.id}' "
                f"({other.origin.path}:{other.origin.line_of(other_field)}); keep it on the model it names"))
    return problems


def shared_build_repos(catalog: Catalog) -> dict[str, tuple[str, list[Model]]]:
    """Repository id -> (family, models) for builds marked `shared` (one repository, several models)."""
    found: dict[str, tuple[str, list[Model]]] = {}
    for model in catalog.models_by_date():
        for build in model.builds or ():
            if build.shared:
                for repo in (build.hf_repo, build.modelscope_repo):
                    if repo:
                        found.setdefault(repo, (model.family, []))[1].append(model)
    return found


def _shared_builds_outside_one_family(catalog: Catalog) -> list[Problem]:
    """A shared build repository belongs to one family, and no model claims it as its own name."""
    problems = []
    own_names = {name.lower(): model for model in catalog.models.values() for _, name in model.names()}
    for repo, (family, models) in shared_build_repos(catalog).items():
        for model in models:
            if model.family != family:
                problems.append(Problem(model.origin.path, model.origin.line_of("builds"), model.id, "builds",
                                        f"expected the shared build '{repo}' to be shared by models of one family "
                                        f"('{family}'), got it on a model of '{model.family}'"))
        owner = own_names.get(repo.lower())
        if owner is not None:
            first = models[0]
            problems.append(Problem(first.origin.path, first.origin.line_of("builds"), first.id, "builds",
                                    f"expected the shared build '{repo}' to name no single model, got a name of "
                                    f"'{owner.id}' ({owner.origin.path}:{owner.origin.line}); drop `shared` or "
                                    f"the other name"))
    return problems


_NAME_FIELDS = {"hf": "hf_repo", "modelscope": "modelscope_repo", "api": "api_names", "api-cn": "api_names_cn",
                "build-hf": "builds", "build-modelscope": "builds", "community": "community_names"}
def _name_field(kind: str) -> str:
    """The field a name of this kind is written in (community-ollama -> community_names)."""
    return _NAME_FIELDS["community" if kind.startswith("community") else kind]


_NAME_KIND = {"hf": "Hugging Face id", "modelscope": "ModelScope id", "api": "API name", "api-cn": "mainland API name",
              "build-hf": "build repository", "build-modelscope": "build repository"}


def load_catalog(root: Path = PROJECT_ROOT, today: dt.date | None = None) -> Catalog:
    """The validated catalogue, or DataError listing every problem found."""
    loaded, problems, unparsed = read_data(root)
    catalog, more = build_catalog(loaded, today or dt.date.today(), unparsed)
    problems += more
    if problems:
        raise DataError(problems)
    return catalog
