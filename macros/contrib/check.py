"""`python -m macros.contrib.check` (make check): validate data and page references, print one line per problem."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..data.catalog import PROJECT_ROOT, load_catalog
from ..data.problems import DataError, format_report
from .page_refs import page_problems


def run(root: Path) -> int:
    started = time.perf_counter()
    try:
        catalog = load_catalog(root)
    except DataError as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    problems = page_problems(root, catalog)
    if problems:
        print(format_report(problems), file=sys.stderr)
        return 1
    print(f"data OK: {len(catalog.models)} models, {len(catalog.families)} families, {len(catalog.papers)} papers, "
          f"{len(catalog.events)} events, {len(catalog.ecosystem)} ecosystem entries, {len(catalog.claims)} claims "
          f"checked in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT))
