"""`make new-model NAME=Qwen3.5-4B FAMILY=qwen3.5 [BASE=<model id>]`: add a model entry full of TODOs.

The entry is inserted as text, not by loading and re-dumping the YAML, so the file keeps its comments,
quoting and layout. It goes after its base model when one is named (and in this family), otherwise in
size order. `make check` then explains every TODO that is left.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..data.catalog import PROJECT_ROOT, data_files
from ..data.loader import LocatedDict, LocatedList, load_yaml_file, load_yaml_text
from ..data.problems import close_matches
from ..data.slugs import slugify

MODELS_DIR = Path("data") / "models"

# Fields in the order the data files use. Every TODO is a value `make check` rejects with a message
# saying what to write; params_active_b defaults to null because most models are dense.
ENTRY_FIELDS = (
    ("variant", "TODO"),
    ("released", "TODO"),
    ("architecture", "TODO"),
    ("params_total_b", "TODO"),
    ("params_active_b", "null"),
    ("context_native", "TODO"),
    ("context_max", "TODO"),
    ("modalities_in", "[TODO]"),
    ("modalities_out", "[TODO]"),
    ("open_weights", "TODO"),
    ("license", "TODO"),
    ("hf_repo", "TODO"),
)
CLOSING_FIELDS = (
    ("summary", "TODO"),
    ("confidence", "TODO"),
    ("checked", "TODO"),
)
# The facts every entry should quote (FORMAT: provenance); each names the key of a source below.
PROVENANCE_FIELDS = ("released", "params_total_b", "context_native", "context_max", "license")

_SIZE = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)[Bb](?![A-Za-z])")  # "4B" in Qwen3.5-4B, not "A3B"
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .()+_-]*$")


class ScaffoldError(Exception):
    """A request the scaffold refuses; the message says why and what to do instead."""


@dataclass(frozen=True)
class Scaffolded:
    model_id: str
    path: Path  # relative to the project root
    line: int  # 1-based line of the new entry's "- id:"
    family_page: Path  # relative to the project root
    listed_automatically: bool  # the family page already shows a models_table of this family


def size_from_name(name: str) -> float | None:
    """Total parameters in billions as the name states them ('Qwen3.5-35B-A3B' -> 35), or None."""
    match = _SIZE.search(name)
    return float(match[1]) if match else None


def _did_you_mean(wrong: str, known: list[str]) -> str:
    close = close_matches(wrong, known)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def family_from_name(name: str, known: list[str]) -> str | None:
    """The family whose id the model's id starts with, longest first: Qwen3.5-4B -> qwen3.5."""
    model_id = slugify(name)
    matches = [f for f in known if model_id.startswith(f + "-")]
    return max(matches, key=len) if matches else None


def family_file(root: Path, family: str, name: str = "") -> Path:
    """data/models/<family>.yaml, or ScaffoldError naming the families that exist."""
    known = sorted(p.stem for p in (root / MODELS_DIR).glob("*.yaml") if not p.name.startswith("_"))
    if not family.strip():
        guess = family_from_name(name, known)
        example = f"probably FAMILY={guess} for {name}" if guess else "e.g. FAMILY=qwen3.5"
        raise ScaffoldError(f"FAMILY is empty: give the family id ({example}). "
                            f"Known families: {', '.join(known)}.")
    wanted = family if family in known else slugify(family)  # accept the display name, e.g. Qwen3.5
    if wanted not in known:
        raise ScaffoldError(f"unknown family '{family}': there is no {MODELS_DIR.as_posix()}/{wanted}.yaml."
                            f"{_did_you_mean(wanted, known)} Known families: {', '.join(known)}. "
                            "A new family needs its own file and page: see docs/contributing/add-a-model.md.")
    return root / MODELS_DIR / f"{wanted}.yaml"


def known_model_ids(root: Path) -> dict[str, str]:
    """Every model id and alias in the data, with the 'file:line' that holds it (read without validating,
    so a half-filled entry elsewhere does not block the next one)."""
    found: dict[str, str] = {}
    for path in data_files(root):
        if path.parent != root / MODELS_DIR:
            continue
        loaded, _ = load_yaml_file(path, root)
        models = loaded.data.get("models") if loaded and isinstance(loaded.data, dict) else None
        for model in models if isinstance(models, list) else []:
            if not isinstance(model, LocatedDict):
                continue
            where = f"{loaded.path.as_posix()}:{model.line}"
            for value in [model.get("id"), *(model.get("aliases") or [])]:
                if isinstance(value, str):
                    found.setdefault(value, where)
    return found


def entry_text(name: str, model_id: str, base_model: str | None, indent: int) -> str:
    """The new entry, indented to match the list it joins."""
    pad = " " * (indent + 2)
    shown_name = name if _PLAIN_NAME.match(name) else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"{' ' * indent}- id: {model_id}", f"{pad}name: {shown_name}"]
    lines += [f"{pad}{field}: {value}" for field, value in ENTRY_FIELDS]
    lines.append(f"{pad}# modelscope_repo: Qwen/{model_id}  # the ModelScope id, when the card links one")
    if base_model:
        lines.append(f"{pad}base_model: {base_model}")
        lines.append(f"{pad}base_relation: TODO")
    # Open-weight models must say which official builds exist (the tests refuse an unchecked one).
    lines.append(f"{pad}# builds: []  # open weights: the Qwen team's quantized/GGUF/MLX repos, "
                 f"e.g. - {{format: AWQ, hf_repo: Qwen/...}}; [] if its collection lists none")
    lines += [f"{pad}{field}: {value}" for field, value in CLOSING_FIELDS]
    lines.append(f"{pad}provenance:  # for each fact: the source key below and the source's exact words")
    lines += [f"{pad}  {field}: {{source: card, quote: TODO}}" for field in PROVENANCE_FIELDS]
    lines += [f"{pad}sources:", f"{pad}  card: TODO  # the model card you read, https://huggingface.co/..."]
    return "\n".join(lines) + "\n"


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _entry_end(lines: list[str], start: int, next_start: int | None, indent: int) -> int:
    """Index (0-based, exclusive) just after the entry that starts at lines[start]: trailing blank and
    comment lines belong to whatever follows (a section comment such as '# ---- small models ----')."""
    end = next_start if next_start is not None else len(lines)
    if next_start is None:
        for index in range(start + 1, len(lines)):
            text = lines[index]
            if not _is_filler(text) and len(text) - len(text.lstrip()) <= indent and not text.lstrip().startswith("- "):
                end = index
                break
    while end > start + 1 and _is_filler(lines[end - 1]):
        end -= 1
    return end


def _sizes(models: LocatedList) -> list[float | None]:
    return [m.get("params_total_b") if isinstance(m, dict) and isinstance(m.get("params_total_b"), (int, float))
            and not isinstance(m.get("params_total_b"), bool) else None for m in models]


def insert_after_index(models: LocatedList, base_model: str | None, size: float | None) -> int:
    """Which existing entry the new one follows (-1: before the first).

    After the base model and any entries already derived from it; otherwise by size, in the direction
    most of the file already uses; otherwise at the end."""
    ids = [m.get("id") if isinstance(m, dict) else None for m in models]
    if base_model in ids:
        index = ids.index(base_model)
        while index + 1 < len(models) and isinstance(models[index + 1], dict) \
                and models[index + 1].get("base_model") == base_model:
            index += 1
        return index
    sizes = _sizes(models)
    known = [s for s in sizes if s is not None]
    if size is None or not known:
        return len(models) - 1
    pairs = list(zip(known, known[1:], strict=False))
    descending = sum(a > b for a, b in pairs) > sum(a < b for a, b in pairs)
    fits = [i for i, s in enumerate(sizes) if s is not None and (s >= size if descending else s <= size)]
    if fits:
        return fits[-1]
    return sizes.index(known[0]) - 1


def scaffold(root: Path, name: str, family: str, base_model: str | None = None) -> Scaffolded:
    """Insert a TODO entry for `name` into its family file and say where it went."""
    name = name.strip()
    if not name:
        raise ScaffoldError("NAME is empty: give the official name from the model card, e.g. NAME=Qwen3.5-4B")
    model_id = slugify(name)
    path = family_file(root, family, name)
    known = known_model_ids(root)
    if model_id in known:
        raise ScaffoldError(f"'{model_id}' already exists at {known[model_id]}: edit that entry instead "
                            "(or, for a different model, check the official name).")
    if base_model and base_model not in known:
        raise ScaffoldError(f"unknown base model '{base_model}'.{_did_you_mean(base_model, sorted(known))} "
                            "BASE must be the id of a model already in the data.")
    text = path.read_text(encoding="utf-8")
    data, problems = load_yaml_text(text, path.relative_to(root).as_posix())
    models = data.get("models") if isinstance(data, dict) else None
    if problems or not isinstance(models, LocatedList) or not models:
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} cannot be read as a family file with a models "
                            "list; run `make check`, fix what it reports, then try again.")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [line - 1 for line in models.item_lines]
    indent = len(lines[starts[0]]) - len(lines[starts[0]].lstrip())
    after = insert_after_index(models, base_model, size_from_name(name))
    if after < 0:
        at = starts[0]
    else:
        at = _entry_end(lines, starts[after], starts[after + 1] if after + 1 < len(starts) else None, indent)
    lines.insert(at, entry_text(name, model_id, base_model, indent))
    path.write_text("".join(lines), encoding="utf-8")
    family_id = path.stem
    page = Path("docs") / "families" / f"{family_id}.md"
    page_text = (root / page).read_text(encoding="utf-8") if (root / page).is_file() else ""
    listed = re.search(r"models_table\(\s*family\s*=\s*['\"]" + re.escape(family_id) + r"['\"]", page_text) is not None
    return Scaffolded(model_id, path.relative_to(root), at + 1, page, listed)


def next_steps(result: Scaffolded) -> str:
    where = f"{result.path.as_posix()}:{result.line}"
    page = result.family_page.as_posix()
    mention = (f"{page} lists it automatically in its models table; if it deserves a sentence, link it there"
               if result.listed_automatically else f"Mention it on its family page, {page}")
    return "\n".join([
        f"Added '{result.model_id}' at {where}.",
        "",
        "Next:",
        f"  1. Open {where} and replace every TODO (the field reference explains each field:",
        "     docs/contributing/field-reference.md). Delete optional lines that do not apply (hf_repo for",
        "     API-only models). Put the URLs you actually read under sources.",
        "  2. Run `make check`: it names every TODO still left and what it should become.",
        f"  3. {mention}",
        f'     with {{{{ model_link("{result.model_id}") }}}}.',
        f"  4. Run `make serve` and look at http://127.0.0.1:8000/models/{result.model_id}/ and the family page.",
    ])


def main(argv: list[str] | None = None, root: Path = PROJECT_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="make new-model", description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True, help="official name as on the model card, e.g. Qwen3.5-4B")
    parser.add_argument("--family", required=True, help="family id = file name in data/models/, e.g. qwen3.5")
    parser.add_argument("--base", default=None, help="id of the model it was trained from, e.g. qwen3.5-4b-base")
    args = parser.parse_args(argv)
    try:
        result = scaffold(root, args.name, args.family, args.base or None)
    except ScaffoldError as error:
        print(f"new-model: {error}", file=sys.stderr)
        return 1
    print(next_steps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
