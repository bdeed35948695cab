"""Dates that keep their precision: a month-only release is never shown or sorted as a made-up day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int
    day: int | None = None  # None: only the month is known

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY-MM" or "YYYY-MM-DD"; raise ValueError with a readable reason."""
        match = _DATE.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f'expected "YYYY-MM-DD" or "YYYY-MM", got {text!r}')
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist in {text!r}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"day {day} does not exist in {text!r}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "month" if self.day is None else "day"

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def display(self) -> str:
        month = calendar.month_abbr[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A month-only date sorts at the start of its month, before any day in it.
        return (self.year, self.month, self.day or 0)

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def latest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def certainly_before(self, other: PartialDate) -> bool:
        """True only when every day this date may mean comes before every day the other may mean."""
        return self.latest() < other.earliest()
