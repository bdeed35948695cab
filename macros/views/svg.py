"""Small pieces for build-time SVG charts: scales, ticks and escaped elements. No charting library."""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass

from ..data.dates import PartialDate
from .escape import esc


def month_index(year: int, month: int) -> float:
    return year * 12 + (month - 1)


def date_span(date: PartialDate) -> tuple[float, float]:
    """The stretch of time a date may mean, in months: one day, or the whole month when only that is known."""
    start = month_index(date.year, date.month)
    if date.day is None:
        return start, start + 1
    days = calendar.monthrange(date.year, date.month)[1]
    return start + (date.day - 1) / days, start + date.day / days


def date_position(date: PartialDate) -> float:
    """Where a mark sits: on its day, or in the middle of its month (drawn with the month's span)."""
    start, end = date_span(date)
    return (start + end) / 2


@dataclass(frozen=True)
class LinearScale:
    domain: tuple[float, float]
    extent: tuple[float, float]  # pixels

    def __call__(self, value: float) -> float:
        (d0, d1), (r0, r1) = self.domain, self.extent
        return r0 + (value - d0) / (d1 - d0) * (r1 - r0)


@dataclass(frozen=True)
class LogScale:
    domain: tuple[float, float]  # positive values
    extent: tuple[float, float]

    def __call__(self, value: float) -> float:
        (d0, d1), (r0, r1) = self.domain, self.extent
        return r0 + (math.log(value) - math.log(d0)) / (math.log(d1) - math.log(d0)) * (r1 - r0)


def log_bounds(values: list[float], steps: tuple[float, ...]) -> tuple[float, float]:
    """The tightest pair of tick values from `steps` that encloses every value."""
    low = max((s for s in steps if s <= min(values)), default=steps[0])
    high = min((s for s in steps if s >= max(values)), default=steps[-1])
    return low, high if high > low else low * 10


def tag(name: str, attrs: dict[str, object], children: str = "") -> str:
    """An element with escaped attribute values; None-valued attributes are left out."""
    rendered = "".join(f' {key}="{esc(value)}"' for key, value in attrs.items() if value is not None)
    return f"<{name}{rendered}>{children}</{name}>"


def coordinate(value: float) -> str:
    """A tenth of a pixel is finer than any screen needs; trailing zeros are dropped."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text(x: float, y: float, content: str, css_class: str, anchor: str = "start") -> str:
    return tag("text", {"x": coordinate(x), "y": coordinate(y), "class": css_class, "text-anchor": anchor},
               esc(content))


def line(x1: float, y1: float, x2: float, y2: float, css_class: str) -> str:
    return tag("line", {"x1": coordinate(x1), "y1": coordinate(y1), "x2": coordinate(x2), "y2": coordinate(y2),
                        "class": css_class})
