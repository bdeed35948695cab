"""Find every id a hand-written page refers to (in macro calls and links), without building the site.

`make check` and the tests use this, so a typo in a page is caught in a second with its line number.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.problems import Problem, did_you_mean
from ..data.records import Catalog

_JINJA = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
_MODEL_LINK = re.compile(r"\]\(([^)\s]*?)(?<![a-z0-9.-])models/([a-z0-9][a-z0-9.-]*?)(?:/|\.md)[^)\s]*\)")

# For each macro: which argument (by position or name) holds which kind of id.
MACRO_ARGUMENTS = {
    "model_link": {0: "model", "model_id": "model"},
    "model_card": {0: "model", "model_id": "model"},
    "models_table": {"family": "family", "ids": "model", "thread": "thread"},
    "timeline": {"family": "family", "thread": "thread"},
    "size_ladder": {0: "family", "family": "family"},
    "papers_table": {"thread": "thread", "family": "family"},
    "family_sources": {0: "family", "family_id": "family"},
    "thread_sources": {0: "thread", "thread_id": "thread"},
    "family_link": {0: "family", "family_id": "family"},
    "paper_link": {0: "paper", "paper_id": "paper"},
}


# Macros whose result is an id computed from the data (so a page can say "the current generation"); every
# other id argument must be a quoted literal, so `make check` can verify it without building the site.
ID_MACROS = {"current_generation_id": "family"}


@dataclass(frozen=True)
class PageRef:
    page: str  # relative to the project root
    line: int
    kind: str  # model | family | thread | paper
    id: str
    via: str  # the macro name, or "link"
    computed: bool = False  # the argument is an expression, not a quoted id


def _strings(node: ast.AST) -> list[str] | None:
    """The quoted ids an argument holds, or None when it is computed (a variable, an f-string, a sum...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | type(None)):
        return [node.value] if node.value is not None else []
    if isinstance(node, (ast.List, ast.Tuple)):
        found = [_strings(item) for item in node.elts]
        return None if any(f is None for f in found) else [s for f in found for s in f]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ID_MACROS:
        return []  # checked when it runs: it can only return ids that exist
    return None


def _refs(page: str, line: int, kind: str, node: ast.AST, macro: str) -> list[PageRef]:
    ids = _strings(node)
    if ids is None:
        return [PageRef(page, line, kind, ast.unparse(node), macro, computed=True)]
    return [PageRef(page, line, kind, s, macro) for s in ids]


def refs_in_text(text: str, page: str) -> list[PageRef]:
    refs: list[PageRef] = []
    for match in _JINJA.finditer(text):
        body = (match.group(1) or match.group(2) or "").strip()
        line = text.count("\n", 0, match.start()) + 1
        try:
            tree = ast.parse(body.replace("~", "+"), mode="eval")  # Jinja joins strings with ~
        except SyntaxError:
            # Jinja statements such as `for`/`raw` are not Python expressions; a macro call that cannot be read
            # is reported rather than skipped, so no id escapes the check.
            called = [name for name in MACRO_ARGUMENTS if re.search(rf"\b{name}\s*\(", body)]
            refs += [PageRef(page, line, next(iter(MACRO_ARGUMENTS[name].values())), body, name, computed=True)
                     for name in called]
            continue
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)):
            spec = MACRO_ARGUMENTS.get(call.func.id, {})
            for position, arg in enumerate(call.args):
                if position in spec:
                    refs += _refs(page, line, spec[position], arg, call.func.id)
            for keyword in call.keywords:
                if keyword.arg in spec:
                    refs += _refs(page, line, spec[keyword.arg], keyword.value, call.func.id)
    for match in _MODEL_LINK.finditer(text):
        if "://" in match.group(1):
            continue  # a link to another site
        line = text.count("\n", 0, match.start()) + 1
        refs.append(PageRef(page, line, "model", match.group(2), "link"))
    return refs


def page_refs(root: Path) -> list[PageRef]:
    refs = []
    for path in sorted((root / "docs").rglob("*.md")):
        refs += refs_in_text(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    return refs


def page_problems(root: Path, catalog: Catalog) -> list[Problem]:
    """Unknown ids named by pages, and thread pages that do not exist."""
    tables = {"model": catalog.models, "family": catalog.families, "thread": catalog.threads, "paper": catalog.papers}
    problems = []
    for ref in page_refs(root):
        known = tables[ref.kind]
        if ref.computed:
            problems.append(Problem(ref.page, ref.line, None, None,
                                    f"{ref.via}: expected a quoted {ref.kind} id, e.g. {ref.via}(\"qwen3-8b\"), "
                                    f"got the expression {ref.id}; `make check` can only verify ids written out"))
        elif ref.id not in known:
            problems.append(Problem(ref.page, ref.line, None, None,
                                    f"unknown {ref.kind} id {ref.id!r} in {ref.via}{did_you_mean(ref.id, known)}"))
    problems += front_matter_problems(root)
    for thread in catalog.threads.values():
        if not (root / "docs" / thread.page).is_file():
            problems.append(Problem(thread.origin.path, thread.origin.line, thread.id, "page",
                                    f"docs/{thread.page} does not exist"))
    return problems


def front_matter_problems(root: Path) -> list[Problem]:
    """A page whose front matter is not a YAML mapping is published with it as visible text (MkDocs says nothing):
    e.g. an unquoted description holding ': '."""
    problems = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "\n---\n" not in text[3:]:
            continue
        block = text[4:text.index("\n---\n", 3) + 1]
        try:
            meta = yaml.safe_load(block)
            error = None if isinstance(meta, dict) else "expected a mapping such as `description: \"...\"`"
            line = 1
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 2) if mark else 1
            error = (f"the front matter is not valid YAML ({getattr(exc, 'problem', None) or exc}); quote values "
                     "that contain ': ' or start with a quote")
        if error:
            problems.append(Problem(path.relative_to(root).as_posix(), line, None, "front matter", error))
    return problems
