"""The fact-check page's view of the data itself: how much of each family is quoted from a primary source, and
which facts no source we read states (open questions a contributor can pick up)."""

from __future__ import annotations

from ..contrib.sources_report import quoted_from_primary, stated_facts
from ..data.records import Catalog
from .model_page import unknowns

OPEN_QUESTIONS_SHOWN = 40  # newest models first; the full list is in api/v1/open-questions.json
COVERAGE_ROWS_SHOWN = 40  # families with the most unquoted facts first; the rest are summed up in one line


def quote_coverage(catalog: Catalog) -> dict:
    """Per family (catalogue order) and overall: stated facts, and how many carry a primary quote."""
    rows, total, quoted = [], 0, 0
    for family in catalog.families.values():
        models = catalog.models_in_family(family.id)
        facts = [(m, f) for m in models for f in stated_facts(m)]
        hits = sum(1 for m, f in facts if quoted_from_primary(m, f))
        if facts:
            rows.append({"family": family, "facts": len(facts), "quoted": hits, "share": hits / len(facts)})
        total, quoted = total + len(facts), quoted + hits
    rows.sort(key=lambda r: (r["share"], -r["facts"], r["family"].name.lower()))  # the gaps first
    shown, rest = rows[:COVERAGE_ROWS_SHOWN], rows[COVERAGE_ROWS_SHOWN:]
    return {"rows": shown, "facts": total, "quoted": quoted, "share": quoted / total if total else 1.0,
            "rest": {"count": len(rest), "lowest": rest[0]["share"] if rest else None}}


def open_questions(catalog: Catalog) -> list[dict]:
    """Every model with facts our sources do not state, newest first."""
    models = sorted(catalog.models.values(), key=lambda m: (m.released.sort_key, m.name), reverse=True)
    return [{"id": m.id, "name": m.name, "family": catalog.families[m.family].name, "unknown": unknowns(m)}
            for m in models if unknowns(m)]


def fact_check_view(catalog: Catalog, root: str) -> dict:
    questions = open_questions(catalog)
    return {"root": root, "coverage": quote_coverage(catalog), "questions": questions[:OPEN_QUESTIONS_SHOWN],
            "question_count": len(questions)}
