"""What changed: the history of every fact, read from git at build time.

Each commit that touched data/ becomes events: a record added, removed or renamed, or some of its fields
changed (old value -> new value), with the commit's subject as the reason. Values are compared generically
(mappings, lists, scalars), so the events keep working while the data format changes.

Old commits are parsed with plain yaml.safe_load, not the project's strict loader: history must not fail
because an old file breaks today's rules. Files that do not parse, files whose name starts with `_`
(templates) and files that are not YAML are ignored.

Events of a commit never change, so they are cached under .cache/history/ keyed by commit hash; a build
only parses the commits it has not seen. Without git, or in a shallow clone, there is no history: the
build still succeeds, the pages say so, and one line is logged (at INFO: a warning would fail --strict).

Outputs written here: /api/v1/changes.json, the Atom feeds /feeds/changes.xml and
/feeds/changes/<family>.xml, and `data_version` {commit, date} added to every API file.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import permalinks

log = logging.getLogger("mkdocs.atlas.history")

HISTORY_VERSION = 7  # bump when the events computed from a commit change; invalidates the cache
CACHE_DIR = Path(".cache") / "history"
CACHE_FILE = "events.json"
CHANGES_JSON = permalinks.API_ROOT + "changes.json"
CHANGES_FEED = "feeds/changes.xml"
CHANGES_PAGE = "changes/"
FEED_LIMIT = 100  # entries per Atom feed (newest); the JSON has every event
ZERO = "0" * 40

# Event kinds, in the order the page lists them in its filter.
KINDS = {
    "new-model": "New model",
    "added": "New record",
    "correction": "Correction",
    "fact-added": "Fact added",
    "source-added": "Sources",
    "renamed": "Renamed",
    "removed": "Removed",
}
# Fields whose changes are about where a fact comes from, not the fact itself.
SOURCE_FIELDS = frozenset({"sources", "provenance", "checked"})
# Prose that explains the sources; changed together with them, it does not make a correction.
SOURCE_NOTES = frozenset({"notes"})
# Fields that belong to a rename (shown inside the one `renamed` event).
RENAME_FIELDS = frozenset({"id", "name", "aliases"})
# Top-level key of a data file -> record kind; other keys lose a trailing "s" (models -> model).
KIND_OF_KEY = {"glossary": "term", "ecosystem": "ecosystem", "family": "family"}

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_warned: set[str] = set()


# --------------------------------------------------------------------------------------------- git


class GitUnavailable(Exception):
    """No git binary, not a repository, or a shallow clone: the reason is shown to readers."""


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                                input=input_bytes, capture_output=True, timeout=300,
                                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (FileNotFoundError, PermissionError) as error:
        raise GitUnavailable("git is not installed on the machine that built the site") from error
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout


def _git_text(root: Path, *args: str) -> str:
    return _git(root, *args).decode("utf-8", "replace")


def repository_state(root: Path) -> tuple[str, bool]:
    """(the project's path inside its repository, whether the clone is shallow); GitUnavailable if none."""
    try:
        inside = _git_text(root, "rev-parse", "--is-inside-work-tree").strip()
    except GitUnavailable as error:
        if "not installed" in str(error):
            raise
        raise GitUnavailable("the site was built outside a git repository") from None
    if inside != "true":
        raise GitUnavailable("the site was built outside a git work tree")
    prefix = _git_text(root, "rev-parse", "--show-prefix").strip()
    shallow = _git_text(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    return prefix, shallow


def data_version(root: Path) -> dict | None:
    """The last commit that touched data/ ({commit, date}, date in UTC), or None without git.

    `modified` is true when the working tree's data differs from that commit (a local, uncommitted build).
    """
    try:
        out = _git_text(root, "log", "-1", "--format=%H%x1f%cI", "--", "data/").strip()
        if not out:
            return None
        sha, date = out.split("\x1f")
        dirty = bool(_git_text(root, "status", "--porcelain", "--untracked-files=no", "--", "data/").strip())
    except (GitUnavailable, ValueError):
        return None
    version = {"commit": sha, "date": _utc(date)}
    if dirty:
        version["modified"] = True
    return version


@dataclass
class Commit:
    sha: str
    date: str  # ISO 8601, UTC
    subject: str
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (path, old blob, new blob)


def _utc(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso.strip())
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _data_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and not name.startswith("_")


def data_commits(root: Path) -> list[Commit]:
    """Every commit on the first-parent line that touched data/, newest first, with its changed data files."""
    out = _git_text(root, "log", "--first-parent", "-m", "--no-renames", "--raw", "--no-abbrev", "--no-color",
                     "--format=%x1e%H%x1f%cI%x1f%s", "--", "data/")
    commits = []
    for chunk in out.split("\x1e")[1:]:
        header, _, body = chunk.partition("\n")
        sha, date, subject = header.split("\x1f", 2)
        commit = Commit(sha, _utc(date), subject.strip())
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5 or not _data_file(path):
                continue
            commit.files.append((path, parts[2], parts[3]))
        commits.append(commit)
    return commits


def read_blobs(root: Path, shas: set[str]) -> dict[str, bytes]:
    """Many blobs with one `git cat-file --batch` process."""
    wanted = sorted(s for s in shas if s and s != ZERO)
    if not wanted:
        return {}
    out = _git(root, "cat-file", "--batch", input_bytes=("\n".join(wanted) + "\n").encode())
    blobs, position = {}, 0
    for sha in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<sha> missing"
            continue
        size = int(header[2])
        blobs[sha] = out[position:position + size]
        position += size + 1
    return blobs


# ----------------------------------------------------------------------------------------- records


def _plain(value):
    """A parsed YAML value as JSON can hold it (dates become ISO strings, keys strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _kind_of_key(key: str) -> str:
    return KIND_OF_KEY.get(key, key[:-1] if key.endswith("s") else key)


def _records_in(document: dict, file_family: str | None) -> dict[tuple[str, str], dict]:
    """(kind, id) -> {"family", "data"} for the records of a parsed data file (or part of one)."""
    records: dict[tuple[str, str], dict] = {}
    for key, value in document.items():
        kind = _kind_of_key(key)
        items = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
                continue
            record_id = str(item["id"])
            data = dict(item)
            family = item.get("family") if isinstance(item.get("family"), str) else None
            if kind == "model":
                family = family or file_family
                data.setdefault("family", family)  # moving a model between family files is a change
            elif kind == "family":
                family = record_id
            records[(kind, record_id)] = {"family": family, "data": data}
    return records


def _load(text: bytes):
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, ValueError, RecursionError):
        return None


def _file_family(document) -> str | None:
    block = document.get("family") if isinstance(document, dict) else None
    return str(block["id"]) if isinstance(block, dict) and isinstance(block.get("id"), str | int) else None


def records_of(text: bytes) -> dict[tuple[str, str], dict] | None:
    """(kind, id) -> {"family", "data"} for every record of one data file; None if it does not parse."""
    document = _load(text)
    if not isinstance(document, dict):
        return None if document is not None or text.strip() else {}
    document = _plain(document)
    return _records_in(document, _file_family(document))


_TOP_KEY = re.compile(rb"([A-Za-z_][\w.-]*):[ \t]*(?:#.*)?")


_COLUMN_ZERO = re.compile(rb"\n(?=[^ \t#\r\n])")


def chunks_of(text: bytes) -> list[tuple[bytes, bytes]] | None:
    """A data file cut where its top level changes: (key, text) per list item written at column 0
    (`- id: ...`) or per block under a key. None when the file has another shape (then it is parsed whole)."""
    chunks: list[tuple[bytes, bytes]] = []
    key = None
    for piece in _COLUMN_ZERO.split(text):
        head, _, body = piece.partition(b"\n")
        if piece[:1] in (b" ", b"\t", b"#", b"\r", b"\n", b""):  # the file's opening comments
            if any(ln.strip() and not ln.lstrip().startswith(b"#") for ln in piece.splitlines()):
                return None
        elif piece.startswith(b"- ") or head.rstrip() == b"-":
            if key is None:
                return None
            chunks.append((key, piece + b"\n"))
        else:
            match = _TOP_KEY.fullmatch(head.rstrip(b"\r"))
            if not match:
                return None  # e.g. `key: value` on one line, a directive, a document marker
            key = match[1]
            if body.strip():
                chunks.append((key, body + b"\n"))
    return chunks


def file_records(old: bytes | None, new: bytes | None, memo: dict) -> tuple[dict, dict] | None:
    """The records of one changed file before and after, leaving out those whose text did not change.

    Only the changed parts are parsed (a commit usually touches one record of a 20 KB file); a file of
    another shape, an alias across parts, or a changed family id makes both sides parse whole.
    None when a side does not parse."""
    if old is not None and new is not None:
        old_chunks, new_chunks = chunks_of(old), chunks_of(new)
        if old_chunks is not None and new_chunks is not None:
            same = set(old_chunks) & set(new_chunks)
            sides = []
            for chunks in (old_chunks, new_chunks):
                parts = [memo_load(key, body, memo) for key, body in chunks if key == b"family" or
                         (key, body) not in same]
                if any(part is None for part in parts):
                    break
                document = {k: v for part in parts for k, v in part.items() if k == "family"}
                sides.append((_file_family(document), parts, chunks))
            if len(sides) == 2 and sides[0][0] == sides[1][0]:
                result = []
                for family, _, chunks in sides:
                    records: dict[tuple[str, str], dict] = {}
                    for key, body in chunks:
                        if (key, body) not in same:
                            records.update(_records_in(memo_load(key, body, memo), family))
                    result.append(records)
                return result[0], result[1]
    before = records_of(old) if old is not None else {}
    after = records_of(new) if new is not None else {}
    return None if before is None or after is None else (before, after)


def memo_load(key: bytes, body: bytes, memo: dict) -> dict | None:
    """One part of a file, parsed as `key:` followed by its text; None if it does not parse alone."""
    if (key, body) not in memo:
        document = _load(key + b":\n" + body)
        memo[(key, body)] = _plain(document) if isinstance(document, dict) else None
    return memo[(key, body)]


def record_name(data: dict) -> str:
    for key in ("name", "title", "term", "claim"):
        if isinstance(data.get(key), str) and data[key].strip():
            return " ".join(data[key].split())
    return str(data.get("id"))


# ------------------------------------------------------------------------------------------- diffs

_MISSING = object()


def _urls(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in _urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    return [value] if isinstance(value, str) else []


def diff_values(old, new, path: str) -> list[dict]:
    """Field changes between two YAML values; mappings are compared key by key (dotted paths)."""
    if old is not _MISSING and new is not _MISSING and old == new:
        return []
    if path == "sources" and sorted(_urls(None if old is _MISSING else old)) == \
            sorted(_urls(None if new is _MISSING else new)):
        return []  # same URLs in a new shape (list -> mapping): not a change of sources
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes += diff_values(old.get(key, _MISSING), new.get(key, _MISSING), f"{path}.{key}" if path else key)
        return changes
    if old is _MISSING and new is _MISSING:
        return []
    return [{"field": path, "old": None if old is _MISSING else old, "new": None if new is _MISSING else new}]


def classify(changes: list[dict]) -> str:
    """source-added when only sources/provenance changed (with, at most, the notes explaining them);
    fact-added when every changed value was unknown or absent before; otherwise a correction."""
    roots = {c["field"].split(".", 1)[0] for c in changes}
    if roots & SOURCE_FIELDS and roots <= SOURCE_FIELDS | SOURCE_NOTES:
        return "source-added"
    values = [c for c in changes if c["field"].split(".", 1)[0] not in SOURCE_FIELDS | SOURCE_NOTES]
    if values and all(c["old"] in (None, [], {}) for c in values):
        return "fact-added"
    return "correction"


def commit_events(commit: Commit, blobs: dict[str, bytes], memo: dict) -> list[dict]:
    """The events of one commit: compare every record of its changed files before and after."""
    before: dict[tuple[str, str], dict] = {}
    after: dict[tuple[str, str], dict] = {}
    paths: dict[tuple[str, str], str] = {}
    for path, old_sha, new_sha in commit.files:
        if (old_sha != ZERO and old_sha not in blobs) or (new_sha != ZERO and new_sha not in blobs):
            continue
        pair = file_records(blobs.get(old_sha), blobs.get(new_sha), memo)
        if pair is None:  # a side that does not parse: no events rather than false ones
            continue
        old, new = pair
        before.update(old)
        after.update(new)
        for key in old:
            paths.setdefault(key, path)
        for key in new:
            paths[key] = path

    def event(kind: str, key: tuple[str, str], record: dict, changes: list[dict], **extra) -> dict:
        return {"kind": kind, "record_kind": key[0], "record_id": key[1], **extra,
                "name": record_name(record["data"]), "family": record["family"], "path": paths.get(key),
                "changes": changes}

    events = []
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
    renamed_from: dict[tuple[str, str], tuple[str, str]] = {}
    for key in added:
        aliases = after[key]["data"].get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            old_key = (key[0], str(alias))
            if old_key in removed and old_key not in renamed_from.values():
                renamed_from[key] = old_key
                break
    for key in added:
        new = after[key]
        if key in renamed_from:
            old_key = renamed_from[key]
            old = before[old_key]
            changes = diff_values(old["data"], new["data"], "")
            own = [c for c in changes if c["field"].split(".", 1)[0] in RENAME_FIELDS and c["field"] != "aliases"]
            rest = [c for c in changes if c["field"].split(".", 1)[0] not in RENAME_FIELDS]
            events.append(event("renamed", key, new, own, old_id=old_key[1]))
            if rest:
                events.append(event(classify(rest), key, new, rest))
        else:
            # The values it came with are the record at this commit (record_url), not repeated here.
            events.append(event("new-model" if key[0] == "model" else "added", key, new, []))
    for key in removed:
        if key not in renamed_from.values():
            events.append(event("removed", key, before[key], [{"field": "", "old": before[key]["data"], "new": None}]))
    for key, new in after.items():
        if key in before:
            changes = diff_values(before[key]["data"], new["data"], "")
            if changes:
                events.append(event(classify(changes), key, new, changes))
    order = list(KINDS)
    events.sort(key=lambda e: (order.index(e["kind"]), e["record_kind"], e["record_id"]))
    for item in events:
        item.update(date=commit.date, commit=commit.sha, reason=commit.subject,
                    id=f"{commit.sha[:12]}/{item['record_kind']}/{item['record_id']}/{item['kind']}")
    return events


# ------------------------------------------------------------------------------------------- cache


def _cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def load_cache(root: Path) -> dict[str, list[dict]]:
    try:
        stored = json.loads(_cache_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("version") != HISTORY_VERSION:
        return {}
    commits = stored.get("commits")
    return commits if isinstance(commits, dict) else {}


def save_cache(root: Path, commits: dict[str, list[dict]]) -> None:
    path = _cache_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent.parent / ".gitignore"  # .cache/ ignores itself, like .pytest_cache/
        if not ignore.exists():
            ignore.write_text("# Created by the Qwen Atlas build (history cache); safe to delete.\n*\n")
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # two builds at once (parallel tests) never share one
        temporary.write_text(json.dumps({"version": HISTORY_VERSION, "commits": commits}, ensure_ascii=False,
                                        separators=(",", ":")), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:  # a read-only checkout still builds, just without the cache
        _note(f"history cache not written ({error})")


# ----------------------------------------------------------------------------------------- history


@dataclass
class History:
    available: bool
    reason: str | None = None  # why there is no history, in words for readers
    events: list[dict] = field(default_factory=list)  # newest first
    data_version: dict | None = None
    repo_prefix: str = ""  # the project's folder inside its repository ("" at the top)
    repo_url: str = ""
    commits_scanned: int = 0
    cache_hits: int = 0
    commits_parsed: int = 0


def _note(message: str) -> None:
    """Say something once per process, at INFO: a WARNING would fail `mkdocs build --strict`."""
    if message not in _warned:
        _warned.add(message)
        log.info(message)


DISABLE_VARIABLE = "ATLAS_NO_HISTORY"  # set to 1 to build without reading git (make bench's baseline)


def collect(root: Path, use_cache: bool = True) -> History:
    """The history of data/ under `root`, from the cache where it can, from git for the rest."""
    root = Path(root)
    if os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return History(False, f"history was turned off for this build ({DISABLE_VARIABLE} is set)")
    try:
        prefix, shallow = repository_state(root)
    except GitUnavailable as error:
        reason = str(error)
        _note(f"What changed: history is unavailable: {reason}.")
        return History(False, reason)
    version = data_version(root)
    if shallow:
        reason = "the site was built from a shallow clone, which does not hold the history of the data"
        _note(f"What changed: history is unavailable: {reason} (fetch the full history: "
              "git fetch --unshallow).")
        return History(False, reason, data_version=version, repo_prefix=prefix)
    try:
        commits = data_commits(root)
    except GitUnavailable as error:  # e.g. a repository without any commit yet
        _note(f"What changed: history is unavailable: {error}.")
        return History(False, str(error), data_version=version, repo_prefix=prefix)
    cache = load_cache(root) if use_cache else {}
    missing = [c for c in commits if c.sha not in cache]
    if missing:
        blobs = read_blobs(root, {sha for c in missing for _, old, new in c.files for sha in (old, new)})
        memo: dict = {}
        for commit in missing:
            cache[commit.sha] = commit_events(commit, blobs, memo)
        if use_cache:
            save_cache(root, {c.sha: cache[c.sha] for c in commits})
    events = [event for commit in commits for event in cache[commit.sha]]
    return History(True, None, events, version, prefix, commits_scanned=len(commits),
                   cache_hits=len(commits) - len(missing), commits_parsed=len(missing))


def annotate(history: History, catalog, repo_url: str, docs_dir: Path | None = None) -> History:
    """Link every event to today's page of its record (following renames) and to its commit.
    With `docs_dir`, a family is linked only when its page exists (family pages are written by hand)."""
    history.repo_url = (repo_url or "").rstrip("/")
    model_ids = _current_ids(getattr(catalog, "models", {}))
    family_ids = _current_ids(getattr(catalog, "families", {}))
    papers = getattr(catalog, "papers", {})
    families = getattr(catalog, "families", {})
    for event in history.events:
        kind, rid = event["record_kind"], event["record_id"]
        url = None
        if kind == "model" and rid in model_ids:
            url = permalinks.model_page(model_ids[rid])
        elif kind == "family" and rid in family_ids and (
                docs_dir is None or (Path(docs_dir) / "families" / f"{family_ids[rid]}.md").exists()):
            url = permalinks.family_page(family_ids[rid])
        elif kind == "paper" and rid in papers:
            url = permalinks.paper_anchor(rid)
        event["url"] = url
        if kind == "model" and rid in model_ids:
            event["current_id"] = model_ids[rid]
        family = family_ids.get(event.get("family") or "", event.get("family"))
        event["family"] = family
        event["family_name"] = families[family].name if family in families else family
        event["commit_url"] = f"{history.repo_url}/commit/{event['commit']}" if history.repo_url else None
        event["record_url"] = (f"{history.repo_url}/blob/{event['commit']}/{event['path']}"
                               if history.repo_url and event.get("path") and event["kind"] != "removed" else None)
    return history


def _current_ids(records) -> dict[str, str]:
    ids = {}
    for record in records.values():
        for alias in getattr(record, "aliases", ()):
            ids[alias] = record.id
    for record in records.values():
        ids[record.id] = record.id
    return ids


def prepare(config, catalog) -> History:
    """Called once per build from on_config: collect and annotate the history of the project."""
    root = Path(config.config_file_path).resolve().parent
    return annotate(collect(root), catalog, config.repo_url or "", Path(config.docs_dir))


def events_of_model(model_id: str, events: list[dict]) -> list[dict]:
    """The events of one model, newest first, including those from before it was renamed."""
    ids, chosen = {model_id}, []
    for event in events:
        if event["record_kind"] != "model":
            continue
        if event["record_id"] in ids or event.get("current_id") == model_id:
            chosen.append(event)
            if event["kind"] == "renamed" and event.get("old_id"):
                ids.add(event["old_id"])
    return chosen


# ------------------------------------------------------------------------------------------ cite as of


def record_url_at(history: History | None, path: str, line: int | None = None) -> str | None:
    """The record's data file at the data version on the repository host (repo_url/blob/<sha>/<path>#L<n>)."""
    if not history or not history.data_version or not history.repo_url:
        return None
    anchor = f"#L{line}" if line else ""
    return f"{history.repo_url}/blob/{history.data_version['commit']}/{history.repo_prefix}{path}{anchor}"


def cite_as_of(model, history: History | None = None) -> dict | None:
    """{"commit", "date", "url"} for a model's cite box: the data version and its record at that version."""
    if not history or not history.data_version:
        return None
    return {**history.data_version, "url": record_url_at(history, model.origin.path, model.origin.line)}


# ------------------------------------------------------------------------------------------- outputs


def changes_document(history: History, generated_at: str) -> dict:
    from .api_export import SCHEMA_VERSION

    events = [{k: v for k, v in e.items() if k not in ("current_id",)} for e in history.events]
    return {"schema_version": SCHEMA_VERSION, "generated_at": generated_at,
            "data_version": history.data_version,
            "history": {"available": history.available, "reason": history.reason,
                        "commits": history.commits_scanned},
            "kinds": KINDS, "count": len(events), "events": events}


_API_HEADER = re.compile(r'\{\n "schema_version": [^\n]*\n "generated_at": "[^"\n]*",\n')


def add_data_version(site_dir: Path, version: dict | None) -> int:
    """Put `data_version` right after `generated_at` in every API document; returns how many were rewritten.

    The API writer's header is a fixed text, so the field is inserted as text (no parse: this runs over
    every API file); a file in another layout is parsed and rewritten. Files that have it already are left
    alone, so this step retires itself once the API writer adds the field."""
    value = json.dumps(version, ensure_ascii=False, indent=1).replace("\n", "\n ")
    count = 0
    for path in sorted((Path(site_dir) / permalinks.API_ROOT).rglob("*.json")):
        try:
            with path.open("rb") as stream:
                head = stream.read(400)
            if b'"data_version"' in head or b'"schema_version"' not in head:
                continue
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        match = _API_HEADER.match(text)
        if match:
            text = f'{match.group(0)} "data_version": {value},\n{text[match.end():]}'
        else:
            try:
                document = json.loads(text)
            except ValueError:
                continue
            if not isinstance(document, dict) or "data_version" in document:
                continue
            rebuilt = {}
            for key, item in document.items():
                rebuilt[key] = item
                if key == "generated_at":
                    rebuilt["data_version"] = version
            rebuilt.setdefault("data_version", version)
            text = json.dumps(rebuilt, ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8")
        count += 1
    return count


def write_outputs(history: History | None, site_dir: Path, site_url: str, generated_at: str,
                  catalog=None) -> None:
    """on_post_build: changes.json, the change feeds, and data_version in every API file."""
    from .history_feed import feed_documents

    if os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return  # the bench's baseline: a build without any of the history's work
    history = history or History(False, "history was not collected for this build")
    site_dir = Path(site_dir)
    add_data_version(site_dir, history.data_version)
    target = site_dir / CHANGES_JSON
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(changes_document(history, generated_at), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    names = {f.id: f.name for f in getattr(catalog, "families", {}).values()}
    for path, text in feed_documents(history, site_url, names).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")


def feed_host(site_url: str) -> str:
    return urlparse(site_url).hostname or "qwenatlas.org"


if __name__ == "__main__":  # python -m macros.outputs.history [root]: print the events as JSON
    found = collect(Path(sys.argv[1] if len(sys.argv) > 1 else "."), use_cache=False)
    print(json.dumps({"available": found.available, "reason": found.reason, "events": found.events},
                     ensure_ascii=False, indent=1))
