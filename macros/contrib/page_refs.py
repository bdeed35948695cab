"""Find every id a hand-written page refers to (in macro calls and links), without building the site.

`make check` and the tests use this, so a typo in a page is caught in a second with its line number.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..data.problems import Problem
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


@dataclass(frozen=True)
class PageRef:
    page: str  # relative to the project root
    line: int
    kind: str  # model | family | thread | paper
    id: str
    via: str  # the macro name, or "link"


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for item in node.elts for s in _strings(item)]
    return []


def refs_in_text(text: str, page: str) -> list[PageRef]:
    refs: list[PageRef] = []
    for match in _JINJA.finditer(text):
        body = (match.group(1) or match.group(2) or "").strip()
        line = text.count("\n", 0, match.start()) + 1
        try:
            tree = ast.parse(body, mode="eval")
        except SyntaxError:
            continue  # Jinja statements such as `for`/`raw` are not Python expressions
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)):
            spec = MACRO_ARGUMENTS.get(call.func.id, {})
            for position, arg in enumerate(call.args):
                if position in spec:
                    refs += [PageRef(page, line, spec[position], s, call.func.id) for s in _strings(arg)]
            for keyword in call.keywords:
                if keyword.arg in spec:
                    refs += [PageRef(page, line, spec[keyword.arg], s, call.func.id) for s in _strings(keyword.value)]
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
        if ref.id not in known:
            close = difflib.get_close_matches(ref.id, list(known), n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            problems.append(Problem(ref.page, ref.line, None, None,
                                    f"unknown {ref.kind} id {ref.id!r} in {ref.via}{hint}"))
    for thread in catalog.threads.values():
        if not (root / "docs" / thread.page).is_file():
            problems.append(Problem(thread.origin.path, thread.origin.line, thread.id, "page",
                                    f"docs/{thread.page} does not exist"))
    return problems
