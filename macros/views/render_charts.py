"""Charts drawn at build time: the scale ladder, context growth and a family's size ladder.

Three layers, each testable on its own:

- selection (records -> plain dataclasses): `scale_groups`, `size_records`, `context_lines`,
  `context_records`, `ladder_rows`, `shared_param_domain`. What is drawn is decided here.
- layout (dataclasses -> positions): `scale_ladder_view`, `context_growth_view`, `size_ladder_view` return
  the dict a template draws, with every coordinate computed.
- templates (macros/templates/chart*.html) draw it: one `<a class="atlas-mark">` per mark, focusable, named
  by its `<title>`, linking to a model page; docs/assets/charts.js adds a details popover on tap and focus.

Page weight grows with what is drawn, not with the catalogue: models that share a release day, a kind and a
value are one mark (base and instruct builds of one size, synthetic clones); identical family lines are
drawn once; a mark names at most `NAMES_PER_MARK` models and the table lists what is drawn, not every model
(the per-model data is one link away, in the API and the finder).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..data.dates import PartialDate
from ..data.records import Catalog, Family, Model
from .escape import site_path
from .formatting import tokens_short
from .glyphs import glyph_svg, kind_class, kind_label, kind_shape, shape_path
from .svg import LinearScale, LogScale, coordinate, date_position, date_span, log_bounds, month_index
from .templating import block, render

WIDTH = 720
LADDER_WIDTH = 560  # size ladders: narrower, so a phone shows most of the axis at a legible size
ROW_CHAR_PX = 7.2  # approximate advance of a 13px row label character
MARK_RADIUS = 5.0
PARAM_STEPS = (0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000)
TOKEN_STEPS = tuple(2 ** n for n in range(10, 24))  # 1K ... 8M
NAMES_PER_MARK = 3  # a mark names this many models, then "and N more"
LABEL_CHAR_PX = 6.6  # approximate advance of a 12px label character, for collision checks
LABEL_HEIGHT = 14.0
DODGE_PX = 3.5  # family lines that would lie on one another are drawn this far apart


# ---------------------------------------------------------------------------------------------- words

def params_label(billions: float) -> str:
    """Sizes as people say them: 2400 -> '2.4T', 0.6 -> '0.6B', 0.033 -> '33M'."""
    if billions >= 1000:
        return f"{billions / 1000:.2f}".rstrip("0").rstrip(".") + "T"
    if billions < 0.1:
        return f"{billions * 1000:.0f}M"
    return f"{billions:.2f}".rstrip("0").rstrip(".") + "B"


def names_text(models: tuple[Model, ...]) -> str:
    names = [m.name for m in models[:NAMES_PER_MARK]]
    more = len(models) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")


def short_extension(text: str | None) -> str:
    """The method's name, not its footnotes: 'YaRN (rope_scaling factor 4)' stays, long notes are cut."""
    if not text:
        return ""
    text = text.split(" (per ")[0]
    return text if len(text) <= 48 else text[:46].rsplit(" ", 1)[0] + "…"


def _shortest_name(models: tuple[Model, ...]) -> str:
    return min(models, key=lambda m: (len(m.name), m.name)).name


# ------------------------------------------------------------------------------------------ selection

@dataclass(frozen=True)
class ScaleGroup:
    """Models of one kind released the same day with the same total (and active) size: one drawn item."""

    released: PartialDate
    kind: str
    total: float
    active: float | None  # MoE only
    models: tuple[Model, ...]


def _active(model: Model) -> float | None:
    return model.params_active_b if model.is_moe and model.params_active_b is not None else None


def scale_groups(models: list[Model], catalog: Catalog) -> list[ScaleGroup]:
    groups: dict[tuple, list[Model]] = defaultdict(list)
    for m in models:
        if m.params_total_b is not None:
            groups[(m.released, catalog.families[m.family].kind, m.params_total_b, _active(m))].append(m)
    return [ScaleGroup(date, kind, total, active, tuple(sorted(ms, key=lambda m: (len(m.name), m.name))))
            for (date, kind, total, active), ms in sorted(groups.items(),
                                                          key=lambda kv: (kv[0][0].sort_key, -kv[0][2]))]


def size_records(models: list[Model]) -> list[Model]:
    """Landmarks of the scale ladder: each release day's largest model when it was the largest Qwen model yet."""
    by_day: dict[PartialDate, list[Model]] = defaultdict(list)
    for m in models:
        if m.params_total_b is not None:
            by_day[m.released].append(m)
    records, largest = [], 0.0
    for day in sorted(by_day, key=lambda d: d.sort_key):
        top = min(by_day[day], key=lambda m: (-m.params_total_b, len(m.name), m.name))
        if top.params_total_b > largest:
            records.append(top)
            largest = top.params_total_b
    return records


def context_of(model: Model) -> int:
    """The longest documented window: native, or the extended maximum when one is documented."""
    return max(model.context_native or 0, model.context_max or 0)


@dataclass(frozen=True)
class Step:
    """A day on which a family's longest documented context grew, and the models that reached it."""

    released: PartialDate
    value: int
    native: bool  # one of the models reaches it natively (else only with an extension)
    models: tuple[Model, ...]

    @property
    def how(self) -> str:
        if self.native:
            return "native"
        extensions = {short_extension(m.context_extension) for m in self.models if m.context_extension}
        return "with " + (" / ".join(sorted(extensions)) if extensions else "an extension")


@dataclass(frozen=True)
class FamilyLine:
    """One step line: a family's longest context over time, from its first release to its last."""

    families: tuple[Family, ...]  # families with identical lines share one (drawn once)
    kind: str
    steps: tuple[Step, ...]
    end: PartialDate

    @property
    def label(self) -> str:
        first = self.families[0].name
        return first if len(self.families) == 1 else f"{first} +{len(self.families) - 1}"


def _family_steps(models: list[Model]) -> tuple[tuple[Step, ...], PartialDate] | None:
    by_day: dict[PartialDate, list[Model]] = defaultdict(list)
    for m in models:
        if context_of(m):
            by_day[m.released].append(m)
    if not by_day:
        return None
    steps, longest = [], 0
    days = sorted(by_day, key=lambda d: d.sort_key)
    for day in days:
        best = max(context_of(m) for m in by_day[day])
        if best > longest:
            reached = tuple(sorted((m for m in by_day[day] if context_of(m) == best),
                                   key=lambda m: (len(m.name), m.name)))
            steps.append(Step(day, best, any(m.context_native == best for m in reached), reached))
            longest = best
    return tuple(steps), days[-1]


def context_lines(models: list[Model], catalog: Catalog) -> list[FamilyLine]:
    """One step line per family with a stated context; families whose lines would coincide share one."""
    by_family: dict[str, list[Model]] = defaultdict(list)
    for m in models:
        by_family[m.family].append(m)
    merged: dict[tuple, list[tuple[Family, tuple[Step, ...], PartialDate]]] = {}
    for family_id, members in by_family.items():
        found = _family_steps(members)
        if found is None:
            continue
        steps, end = found
        family = catalog.families[family_id]
        key = (family.kind, tuple((s.released, s.value, s.native) for s in steps), end)
        merged.setdefault(key, []).append((family, steps, end))
    lines = []
    for (kind, _, end), entries in merged.items():
        families = tuple(f for f, _, _ in entries)
        steps = tuple(Step(s.released, s.value, s.native,
                           tuple(m for _, st, _ in entries for m in st[i].models))
                      for i, s in enumerate(entries[0][1]))
        lines.append(FamilyLine(families, kind, steps, end))
    return sorted(lines, key=lambda ln: (ln.steps[0].released.sort_key, ln.families[0].name))


RECORD_FACTOR = 1.25  # a landmark needs a window this much longer than the last one (1M -> 1.01M is not news)


def context_records(lines: list[FamilyLine]) -> list[tuple[int, int]]:
    """Landmarks of context growth: (line, step) indexes of each first time a clearly longer window was
    documented (at least RECORD_FACTOR times the previous landmark)."""
    steps = sorted((s.released.sort_key, -s.value, i, j)
                   for i, ln in enumerate(lines) for j, s in enumerate(ln.steps))
    records, longest = [], 0
    for _, negative, i, j in steps:
        if -negative >= longest * RECORD_FACTOR:
            records.append((i, j))
            longest = -negative
    return records


@dataclass(frozen=True)
class LadderRow:
    """Models of one family with the same total and active size: base, instruct and other builds of a size."""

    total: float
    active: float | None
    models: tuple[Model, ...]

    @property
    def label(self) -> str:
        return _shortest_name(self.models)


def ladder_rows(models: list[Model]) -> list[LadderRow]:
    rows: dict[tuple, list[Model]] = defaultdict(list)
    for m in models:
        if m.params_total_b is not None:
            rows[(m.params_total_b, _active(m))].append(m)
    return [LadderRow(total, active, tuple(sorted(ms, key=lambda m: (len(m.name), m.name))))
            for (total, active), ms in sorted(rows.items(), key=lambda kv: (-kv[0][0], -(kv[0][1] or 0)))]


def shared_param_domain(catalog: Catalog) -> tuple[float, float]:
    """One parameter axis for every size ladder on the site, so ladders compare at a glance."""
    values = [v for m in catalog.models.values() for v in (m.params_total_b, _active(m)) if v is not None]
    return log_bounds(values, PARAM_STEPS)


# --------------------------------------------------------------------------------------------- layout

def _mark(x: float, y: float, kind: str, hollow: bool, title: str, models: tuple[Model, ...], row: int,
          root: str, month: tuple[float, float] | None = None) -> dict:
    """One mark: links to its first model; `row` is its row in the data table, which lists all its models."""
    return {
        "x": x, "y": y, "title": title, "row": row,
        "d": shape_path(kind_shape(kind), x, y, MARK_RADIUS),
        "cls": f"atlas-mark {kind_class(kind)}" + (" atlas-hollow" if hollow else ""),
        "href": site_path(root, "models", models[0].id),
        "month": None if month is None else {
            "x": coordinate(month[0]), "w": coordinate(max(month[1] - month[0], 2)),
            "y": coordinate(y - MARK_RADIUS - 3), "h": coordinate(2 * MARK_RADIUS + 6)},
    }


def _fmt(item: dict) -> dict:
    """Coordinates to one decimal, as strings, for the template."""
    return {k: coordinate(v) if isinstance(v, float) else v for k, v in item.items()}


def _time_grid(first: int, last: int, xs, ys, y_steps, y_label, low, high, left, right, top, bottom,
               height, right_axis: bool = False) -> dict:
    return {
        "hlines": [{"y": coordinate(ys(s)), "label": y_label(s)} for s in y_steps if low <= s <= high],
        "vlines": [coordinate(xs(month_index(y, 1))) for y in range(first, last + 1)],
        "years": [{"x": coordinate(xs(month_index(y, 7))), "label": str(y)} for y in range(first, last)],
        "left": coordinate(left), "right": coordinate(WIDTH - right), "top": coordinate(top),
        "right_label_x": coordinate(WIDTH - right + 6) if right_axis else None,
        "bottom": coordinate(height - bottom), "year_y": coordinate(height - bottom + 18),
        "label_x": coordinate(left - 6),
    }


class _Labels:
    """Greedy placement of text labels: try a few spots around an anchor, keep the first that is free."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float]):
        self.boxes: list[tuple[float, float, float, float]] = []
        self.x_range, self.y_range = x_range, y_range

    def _box(self, x, y, width, anchor):
        x0 = x - width if anchor == "end" else x
        return x0, y - LABEL_HEIGHT + 3, x0 + width, y + 3

    def free(self, box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < self.x_range[0] or x1 > self.x_range[1] or y0 < self.y_range[0] or y1 > self.y_range[1]:
            return False
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in self.boxes)

    def block(self, x0, y0, x1, y1) -> None:
        self.boxes.append((x0, y0, x1, y1))

    def place(self, text: str, spots: list[tuple[float, float, str]]) -> dict | None:
        width = len(text) * LABEL_CHAR_PX
        for x, y, anchor in spots:
            box = self._box(x, y, width, anchor)
            if self.free(box):
                self.boxes.append(box)
                return {"x": coordinate(x), "y": coordinate(y), "anchor": anchor, "text": text}
        return None


def _around(x: float, y: float, gap: float = MARK_RADIUS + 4) -> list[tuple[float, float, str]]:
    return [(x + gap, y + 4, "start"), (x - gap, y + 4, "end"), (x - gap, y - gap, "end"),
            (x + gap, y - gap, "start"), (x - gap, y + gap + 8, "end"), (x + gap, y + gap + 8, "start")]


def _years(dates: list[PartialDate]) -> tuple[int, int]:
    return min(d.year for d in dates), max(d.year for d in dates) + 1


def _month(date: PartialDate, xs) -> tuple[float, float] | None:
    if date.precision != "month":
        return None
    start, end = date_span(date)
    return xs(start), xs(end)


def _kind_legend(kinds: set[str]) -> list[dict]:
    """One entry per shape and label (kinds without a shape of their own share "Other")."""
    entries = {kind_label(k): {"glyph": Markup(glyph_svg(kind_shape(k), kind_class(k))), "text": kind_label(k)}
               for k in sorted(kinds, key=kind_class)}
    return [entries[label] for label in sorted(entries)]


UNSIZED_NAMED = 4  # the caption names this many models it could not draw, then points to the finder


def _left_out(models: list[Model], root: str, why: str) -> dict | None:
    if not models:
        return None
    return {"count": len(models), "why": why, "models": models[:UNSIZED_NAMED],
            "finder": site_path(root, "finder")}


def _month_legend() -> dict:
    return {"glyph": Markup('<svg class="atlas-glyph atlas-month-glyph" viewBox="0 0 22 16" aria-hidden="true">'
                            '<rect x="1" y="2" width="20" height="12" rx="3"/><circle cx="11" cy="8" r="3"/></svg>'),
            "text": "dashed box: only the month is known; the box spans that month"}


def _pair_legend(text: str) -> dict:
    return {"glyph": Markup(glyph_svg("circle", "atlas-kind-neutral") + " → "
                            + glyph_svg("circle", "atlas-kind-neutral", hollow=True)), "text": text}


def _common(chart_id: str, height: int, root: str) -> dict:
    return {"id": chart_id, "width": WIDTH, "height": height, "root": root,
            "api": site_path(root, "api") + "v1/models.csv", "finder": site_path(root, "finder")}


def scale_ladder_view(models: list[Model], catalog: Catalog, root: str) -> dict:
    groups = scale_groups(models, catalog)
    if not groups:
        raise ValueError("no model with a known parameter count to draw")
    height, left, right, top, bottom = 440, 56, 44, 30, 30  # axis labels on both sides: a phone sees the right
    first, last = _years([g.released for g in groups])
    xs = LinearScale((month_index(first, 1), month_index(last, 1)), (left, WIDTH - right))
    values = [v for g in groups for v in (g.total, g.active) if v is not None]
    low, high = log_bounds(values, PARAM_STEPS)
    ys = LogScale((low, high), (height - bottom, top))
    labels = _Labels((left + 2, WIDTH - right - 2), (top - 12, height - bottom - 2))
    marks, pairs = [], []
    for row, g in enumerate(groups):
        x, month = xs(date_position(g.released)), _month(g.released, xs)
        names, day = names_text(g.models), g.released.display
        total_words = f"{params_label(g.total)} parameters" + (" in total" if g.active else "")
        marks.append(_mark(x, ys(g.total), g.kind, False, f"{names}: {total_words}, released {day}",
                           g.models, row, root, month))
        if g.active:
            pairs.append(_fmt({"x1": x, "y1": ys(g.total), "x2": x, "y2": ys(g.active)}))
            marks.append(_mark(x, ys(g.active), g.kind, True,
                               f"{names}: {params_label(g.active)} active per token of {params_label(g.total)} "
                               f"(mixture of experts), released {day}", g.models, row, root, month))
    for m in marks:
        labels.block(m["x"] - MARK_RADIUS, m["y"] - MARK_RADIUS, m["x"] + MARK_RADIUS, m["y"] + MARK_RADIUS)
    landmarks = []
    for record in reversed(size_records(models)):  # newest first: the right end is what readers look for
        x, y = xs(date_position(record.released)), ys(record.params_total_b)
        placed = labels.place(f"{record.name} · {params_label(record.params_total_b)}", _around(x, y))
        if placed:
            landmarks.append(placed)
    sized = [m for m in models if m.params_total_b is not None]
    moe = [g for g in groups if g.active]
    rows = [{"date": g.released, "models": g.models[:NAMES_PER_MARK], "more": len(g.models) - NAMES_PER_MARK,
             "kind": kind_label(g.kind), "total": params_label(g.total),
             "active": params_label(g.active) if g.active else "all (dense)"} for g in groups]
    return {
        **_common("scale-ladder", height, root),
        "title": "Qwen models by parameter count and release date",
        "desc": (f"Scatter plot of {len(sized)} models by release date (horizontal) and parameter count on a "
                 f"logarithmic scale (vertical), from {first} to {last - 1}. Models of one kind released the "
                 f"same day with the same size share a mark: {len(groups)} marks. {len(moe)} mixture-of-experts "
                 "marks pair a filled total with a hollow active count. Labelled: each model that was the "
                 "largest yet when released, up to " + (f"{size_records(models)[-1].name}, "
                                                       f"{params_label(size_records(models)[-1].params_total_b)}.")),
        "axis_title": "Parameters (log scale)",
        "grid": _time_grid(first, last, xs, ys, PARAM_STEPS, params_label, low, high, left, right, top, bottom, height,
                           right_axis=True),
        "pairs": pairs, "lines": [], "marks": [_fmt(m) for m in marks], "landmarks": landmarks, "line_labels": [],
        "caption": (f"{len(sized)} models with a published size as {len(groups)} marks; labels name each model "
                    "that was the largest Qwen model yet when it came out. Select a mark for its models."),
        "left_out": _left_out([m for m in models if m.params_total_b is None], root, "size not published"),
        "legend": [*_kind_legend({g.kind for g in groups}),
                   _pair_legend("mixture of experts: total parameters, then active per token"),
                   *([_month_legend()] if any(g.released.precision == "month" for g in groups) else [])],
        "table": {"summary": f"The data drawn: {len(groups)} marks, as a table",
                  "headers": ("Released", "Models", "Kind", "Total parameters", "Active parameters"),
                  "rows": rows},
    }


def _dodge(lines_segments: list[list[tuple[float, float, float]]]) -> list[int]:
    """For each line, how many dodge steps down it moves so its flat parts lie on no earlier line's."""
    placed: list[tuple[float, float, float]] = []
    offsets = []
    for segments in lines_segments:
        for k in range(8):
            shift = k * DODGE_PX
            if all(not (a0 < b1 + 2 and b0 < a1 + 2 and abs(y + shift - yb) < DODGE_PX * 0.8)
                   for a0, a1, y in segments for b0, b1, yb in placed):
                break
        else:
            k = 0
        offsets.append(k)
        placed += [(a0, a1, y + k * DODGE_PX) for a0, a1, y in segments]
    return offsets


def context_growth_view(models: list[Model], catalog: Catalog, root: str) -> dict:
    lines = context_lines(models, catalog)
    if not lines:
        raise ValueError("no model with a known context window to draw")
    height, left, right, top, bottom = 450, 56, 118, 46, 30  # the right margin holds the line labels
    first, last = _years([s.released for ln in lines for s in ln.steps])
    xs = LinearScale((month_index(first, 1), month_index(last, 1)), (left, WIDTH - right))
    low, high = log_bounds([s.value for ln in lines for s in ln.steps], TOKEN_STEPS)
    ys = LogScale((low, high), (height - bottom, top))
    geometry = []
    for ln in lines:
        points = [(xs(date_position(s.released)), ys(s.value)) for s in ln.steps]
        x_end = max(xs(date_position(ln.end)), points[-1][0])
        flats = [(x, (points[i + 1][0] if i + 1 < len(points) else x_end), y) for i, (x, y) in enumerate(points)]
        geometry.append((points, x_end, flats))
    offsets = _dodge([flats for _, _, flats in geometry])
    labels = _Labels((left + 2, WIDTH - 2), (4, height - bottom - 2))
    labels.block(0, 0, 260, 20)  # the axis title
    drawn, marks, records, row = [], [], set(context_records(lines)), 0
    for i, (ln, (points, x_end, _), k) in enumerate(zip(lines, geometry, offsets, strict=True)):
        shift = k * DODGE_PX
        path = f"M{coordinate(points[0][0])},{coordinate(points[0][1] + shift)}"
        for x, y in points[1:]:
            path += f"H{coordinate(x)}V{coordinate(y + shift)}"
        path += f"H{coordinate(x_end)}"
        family_names = ", ".join(f.name for f in ln.families[:NAMES_PER_MARK])
        drawn.append({"d": path, "cls": kind_class(ln.kind),
                      "title": f"{family_names}: longest context {tokens_short(ln.steps[-1].value)} "
                               f"by {ln.end.display}", "end": (x_end, points[-1][1] + shift)})
        for j, (s, (x, y)) in enumerate(zip(ln.steps, points, strict=True)):
            y += shift
            record = " (a first for Qwen)" if (i, j) in records else ""
            title = (f"{names_text(s.models)} ({family_names}): {tokens_short(s.value)} context {s.how}{record}, "
                     f"released {s.released.display}")
            marks.append(_mark(x, y, ln.kind, not s.native, title, s.models, row, root, _month(s.released, xs)))
            row += 1
    for m in marks:
        labels.block(m["x"] - MARK_RADIUS, m["y"] - MARK_RADIUS, m["x"] + MARK_RADIUS, m["y"] + MARK_RADIUS)
    landmarks = []
    for i, j in reversed(sorted(records)):
        s = lines[i].steps[j]
        x = xs(date_position(s.released))
        y = ys(s.value) + offsets[i] * DODGE_PX
        placed = labels.place(f"first {tokens_short(s.value)}: {_shortest_name(s.models)}",
                              [(x - 9, y - 8, "end"), (x + 9, y - 8, "start"), (x - 9, y + 16, "end"),
                               (x + 9, y + 16, "start")])
        if placed:
            landmarks.append(placed)
    line_labels = []
    for ln, line in sorted(zip(lines, drawn, strict=True), key=lambda pair: pair[1]["end"][1]):
        x, y = line.pop("end")
        nudges = [0.0] + [sign * n * LABEL_HEIGHT for n in range(1, 6) for sign in (1, -1)]
        spots = [(x + 8, y + 4 + d, "start") for d in nudges] + [(x - 4, y - 8, "end"), (x - 4, y + 16, "end")]
        placed = labels.place(f"{ln.label} · {tokens_short(ln.steps[-1].value)}", spots)
        if placed:
            line_labels.append({**placed, "cls": kind_class(ln.kind)})
    drawn_models = [m for m in models if context_of(m)]
    rows = [{"date": s.released, "models": s.models[:NAMES_PER_MARK], "more": len(s.models) - NAMES_PER_MARK,
             "family": ", ".join(f.name for f in ln.families[:NAMES_PER_MARK])
                       + (f" and {len(ln.families) - NAMES_PER_MARK} more"
                          if len(ln.families) > NAMES_PER_MARK else ""),
             "context": tokens_short(s.value), "how": s.how}
            for ln in lines for s in ln.steps]
    return {
        **_common("context-growth", height, root),
        "title": "Qwen context windows over time, one line per family",
        "desc": (f"Step chart of the longest documented context window of {len(lines)} families (lines) over "
                 f"release dates from {first} to {last - 1}, on a logarithmic scale of tokens. A line rises on "
                 f"the day a family's window grew; {len(marks)} marks name the models that grew it, filled "
                 "when the window is native and hollow when it needs an extension such as YaRN. Labelled: each "
                 "first time a Qwen model documented a longer window."),
        "axis_title": "Context window, tokens (log scale)",
        "grid": _time_grid(first, last, xs, ys, TOKEN_STEPS, tokens_short, low, high, left, right, top, bottom,
                           height),
        "pairs": [], "lines": drawn, "marks": [_fmt(m) for m in marks], "landmarks": landmarks,
        "line_labels": line_labels,
        "caption": (f"{len(drawn_models)} models with a stated context window, as {len(lines)} family lines; "
                    "labels mark each first time a longer window was documented. Select a mark for its models."),
        "left_out": _left_out([m for m in models if not context_of(m)], root, "no context window stated"),
        "legend": [*_kind_legend({ln.kind for ln in lines}),
                   {"glyph": Markup(glyph_svg("circle", "atlas-kind-neutral")), "text": "native window"},
                   {"glyph": Markup(glyph_svg("circle", "atlas-kind-neutral", hollow=True)),
                    "text": "only with an extension (YaRN, Dual Chunk Attention …)"},
                   *([_month_legend()] if any(s.released.precision == "month" for ln in lines for s in ln.steps)
                     else [])],
        "table": {"summary": f"The data drawn: {len(rows)} steps of {len(lines)} family lines, as a table",
                  "headers": ("Released", "Models", "Family", "Context", "How"), "rows": rows},
    }


def size_ladder_view(family_id: str, models: list[Model], catalog: Catalog, root: str) -> dict:
    family = catalog.families[family_id]
    rows = ladder_rows(models)
    if not rows:
        raise ValueError(f"family {family_id!r} has no model with a known parameter count to draw")
    chart_id = f"size-ladder-{family.id.replace('.', '-')}"
    # No label column: each row's name sits beside its marks, on the side with room, so the chart stays narrow
    # enough for a phone (LADDER_WIDTH) and the shared axis keeps the whole width.
    row_h, left, right, top, bottom = 24, 14, 14, 10, 40
    height = top + row_h * len(rows) + bottom
    low, high = shared_param_domain(catalog)
    xs = LogScale((low, high), (left, LADDER_WIDTH - right))
    marks, pairs, row_labels = [], [], []
    for index, r in enumerate(rows):
        y = top + row_h * index + row_h / 2
        more = f" +{len(r.models) - 1}" if len(r.models) > 1 else ""
        width = (len(r.label) + len(more)) * ROW_CHAR_PX
        x_min, x_max = xs(min(r.total, r.active or r.total)), xs(r.total)
        before = x_min - MARK_RADIUS - 6
        place = (before, "end") if before - width >= 0 else (x_max + MARK_RADIUS + 6, "start")
        row_labels.append({"x": coordinate(place[0]), "anchor": place[1], "y": coordinate(y + 4), "text": r.label,
                           "more": more})
        names = names_text(r.models)
        total_words = f"{params_label(r.total)} parameters" + (" in total" if r.active else "")
        marks.append(_mark(xs(r.total), y, family.kind, False, f"{names}: {total_words}", r.models, index, root))
        if r.active:
            pairs.append(_fmt({"x1": xs(r.active), "y1": y, "x2": xs(r.total), "y2": y}))
            marks.append(_mark(xs(r.active), y, family.kind, True,
                               f"{names}: {params_label(r.active)} active per token of {params_label(r.total)} "
                               "(mixture of experts)", r.models, index, root))
    sized = [m for m in models if m.params_total_b is not None]
    return {
        **_common(chart_id, height, root), "width": LADDER_WIDTH,
        "title": f"{family.name} models by size",
        "desc": (f"Dot plot of the {len(sized)} {family.name} models with a published size, as {len(rows)} rows "
                 "(builds of one size share a row), largest first, on a logarithmic scale of parameters from "
                 f"{params_label(low)} to {params_label(high)}, the same scale for every family. "
                 "Mixture-of-experts rows show total parameters filled and active parameters hollow."),
        "ticks": [{"x": coordinate(xs(s)), "label": params_label(s)} for s in PARAM_STEPS if low <= s <= high],
        "top": top, "bottom": height - bottom, "tick_y": coordinate(height - bottom + 18),
        "right": coordinate(LADDER_WIDTH - right),
        "axis_y": coordinate(height - 6), "row_labels": row_labels,
        "pairs": pairs, "marks": [_fmt(m) for m in marks],
        "family": family.name,
        "caption": (f"{len(sized)} models as {len(rows)} sizes, largest first; every family's ladder uses the same "
                    f"axis, {params_label(low)} to {params_label(high)}. “+2” after a name: two more builds of "
                    "that size (select the mark to list them)."),
        "left_out": _left_out([m for m in models if m.params_total_b is None], root, "size not published"),
        "legend": [*_kind_legend({family.kind}),
                   *([_pair_legend("mixture of experts: total parameters, then active per token")]
                     if any(r.active for r in rows) else [])],
        "table": {"summary": f"The data drawn: {len(rows)} sizes, as a table",
                  "headers": ("Models", "Total parameters", "Active parameters"),
                  "rows": [{"models": r.models, "more": 0, "total": params_label(r.total),
                            "active": params_label(r.active) if r.active else "all (dense)"} for r in rows]},
    }


# ------------------------------------------------------------------------------------- macro entries

def render_scale_ladder(models: list[Model], catalog: Catalog, root: str) -> str:
    return block(render("chart_time.html", chart=scale_ladder_view(models, catalog, root)))


def render_context_growth(models: list[Model], catalog: Catalog, root: str) -> str:
    return block(render("chart_time.html", chart=context_growth_view(models, catalog, root)))


def render_size_ladder(family_id: str, models: list[Model], catalog: Catalog, root: str) -> str:
    return block(render("chart_ladder.html", chart=size_ladder_view(family_id, models, catalog, root)))

