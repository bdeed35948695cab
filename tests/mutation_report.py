"""`make mutation` prints this after mutmut: killed / checked / total mutants per module, and the survivors.

Reads mutmut's own result files (mutants/**/*.py.meta), so it needs no mutmut import and works on a partial run.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 37}  # tests failed, pytest internal error, caught by type check
SURVIVED = {0}
TIMEOUT = {24, -24, 36, 152, 255}
TARGETS = {"macros/data/": 0.90, "macros/views/": 0.80}  # validation and loading; selection and renderers


def main(root: Path = Path("mutants")) -> int:
    rows, survivors = [], []
    for meta in sorted(root.glob("macros/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        tally = Counter("killed" if c in KILLED or c in TIMEOUT else "survived" if c in SURVIVED
                        else "unchecked" if c is None else "no tests" for c in codes.values())
        module = meta.relative_to(root).as_posix().removesuffix(".meta")
        checked = tally["killed"] + tally["survived"] + tally["no tests"]
        rows.append((module, tally["killed"], checked, len(codes)))
        survivors += [name for name, c in codes.items() if c in SURVIVED or c in (5, 33)]
    if not rows:
        print("no mutmut results under mutants/: run `make mutation`", file=sys.stderr)
        return 1
    print(f"{'module':40} {'killed':>7} {'checked':>8} {'total':>6} {'score':>6}")
    for module, killed, checked, total in rows:
        score = f"{killed / checked:.0%}" if checked else "-"
        target = next((t for prefix, t in TARGETS.items() if module.startswith(prefix)), None)
        mark = "" if target is None or not checked else ("  ok" if killed / checked >= target else f"  < {target:.0%}")
        print(f"{module:40} {killed:>7} {checked:>8} {total:>6} {score:>6}{mark}")
    print(f"\n{len(survivors)} surviving mutants (or with no test); `.venv/bin/mutmut show <name>` shows one:")
    for name in survivors[:60]:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
