"""Data files the views load in the browser (not part of the versioned API: their shape follows the views)."""

from __future__ import annotations

import json
from pathlib import Path

from ..data.records import Catalog
from ..views.fact_check import open_questions
from ..views.finder import finder_rows

FINDER_DATA = "assets/finder-data.json"


def write_open_questions(catalog: Catalog, site_dir: Path, header: dict) -> None:
    """api/v1/open-questions.json: every model with facts no source we read states (the fact-check page lists
    the newest)."""
    target = site_dir / "api" / "v1" / "open-questions.json"
    questions = open_questions(catalog)
    target.write_text(json.dumps({**header, "count": len(questions), "models": questions}, ensure_ascii=False,
                                 indent=1), encoding="utf-8")


def write_view_data(catalog: Catalog, site_dir: Path) -> None:
    target = site_dir / FINDER_DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    # Compact separators: the file is fetched by every finder visit.
    target.write_text(json.dumps({"rows": finder_rows(catalog)}, ensure_ascii=False, separators=(",", ":")),
                      encoding="utf-8")
