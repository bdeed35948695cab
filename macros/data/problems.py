"""One problem found in the data or the pages, printed as one line a contributor can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # file relative to the project root
    line: int  # 1-based; 0 when no line applies
    entry: str | None  # the id of the record, when known
    field: str | None  # the field (dotted path inside the record), when one is at fault
    message: str  # what was expected and what was found, and how to fix it

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + ": " + self.message


def format_report(problems: list[Problem]) -> str:
    """All problems, sorted by file and line, then a count."""
    lines = [str(p) for p in sorted(problems, key=lambda p: (p.path, p.line, p.message))]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found; fix them and run `make check` again.")
    return "\n".join(lines)


class DataError(Exception):
    """Raised when the data cannot be built into a catalogue; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


DID_YOU_MEAN_CUTOFF = 0.6  # one cut-off for every "did you mean" in the project


def close_matches(wrong: object, known, n: int = 3) -> list[str]:
    """The known values closest to a wrong one, best first (difflib ratio of at least the cut-off)."""
    import difflib

    return difflib.get_close_matches(str(wrong), [str(k) for k in known], n=n, cutoff=DID_YOU_MEAN_CUTOFF)


def did_you_mean(wrong: object, known, n: int = 3) -> str:
    """" (did you mean 'a', 'b'?)" for the closest known values, or "" when none is close."""
    close = close_matches(wrong, known, n)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
