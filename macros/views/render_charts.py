"""Charts as inline SVG, drawn at build time: the scale ladder, context growth and a family's size ladder.

Every chart is a <figure> with a <title>/<desc>, an HTML legend (shape and words, not colour alone),
and its data as a table in a <details>. Each mark is an SVG link to the model's page and carries the
class `atlas-mark`: one mark per data point, which the tests count.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import Catalog, Model
from .escape import esc, site_path
from .formatting import number_b, tokens_short
from .glyphs import glyph_svg, kind_class, kind_label, kind_shape, shape_path
from .render_tables import date_html, model_anchor
from .svg import LinearScale, LogScale, date_position, date_span, line, log_bounds, month_index, tag, text

WIDTH = 720
MARK_RADIUS = 5.0
PARAM_STEPS = (0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000)
TOKEN_STEPS = tuple(2 ** n for n in range(10, 24))  # 1K ... 8M


@dataclass(frozen=True)
class Point:
    """One data point: a value of one model, drawn as one mark."""

    model: Model
    value: float
    role: str  # "total", "active", "native", "maximum": hollow marks are the second value of a pair
    hollow: bool
    label: str  # what the value means, for the mark's title


def params_label(billions: float) -> str:
    if billions >= 1000:
        return f"{billions / 1000:g}T"
    if billions < 1:
        return f"{billions * 1000:g}M"
    return f"{billions:g}B"


def _mark(point: Point, x: float, y: float, kind: str, root: str) -> str:
    model = point.model
    title = f"{model.name}: {point.label}, released {model.released.display}"
    shape = tag("path", {"class": f"atlas-mark {kind_class(kind)}" + (" atlas-hollow" if point.hollow else ""),
                         "d": shape_path(kind_shape(kind), x, y, MARK_RADIUS)})
    # xlink:href, not href: Material's instant navigation assigns `.href` on every [href] element, which
    # throws on an SVG <a> (its href is read-only); the xlink form is outside that selector.
    return tag("a", {"xlink:href": site_path(root, "models", model.id), "data-role": point.role},
               tag("title", {}, esc(title)) + shape)


def _svg(chart_id: str, height: int, title: str, description: str, body: str) -> str:
    return (f'<div class="atlas-chart-scroll">'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'class="atlas-chart-svg" viewBox="0 0 {WIDTH} {height}" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" role="group" data-chart="{chart_id}">'
            f'<title id="{chart_id}-title">{esc(title)}</title><desc id="{chart_id}-desc">{esc(description)}</desc>'
            f"{body}</svg></div>")


def _legend(kinds: list[str], pair_text: str | None, month_spans: bool) -> str:
    items = [f"<li>{glyph_svg(kind_shape(k), kind_class(k))} {esc(kind_label(k))}</li>" for k in kinds]
    if pair_text:
        items.append(f'<li>{glyph_svg("circle", "atlas-kind-neutral")} → '
                     f'{glyph_svg("circle", "atlas-kind-neutral", hollow=True)} {esc(pair_text)}</li>')
    if month_spans:
        items.append('<li><span class="atlas-legend-span" aria-hidden="true"></span> '
                     "a bar under a mark: only the month is known, so the mark spans it</li>")
    return f'<ul class="atlas-legend" aria-label="Legend">{"".join(items)}</ul>'


def _data_table(headers: tuple[str, ...], rows: list[list[str]], summary: str) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<details class="atlas-chart-data"><summary>{esc(summary)}</summary><div class="atlas-table-wrap">'
            f'<table class="atlas-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>')


def _figure(chart_id: str, svg: str, caption: str, legend: str, table: str) -> str:
    # Blank lines around the block make Markdown pass it through untouched.
    return (f'\n\n<figure class="atlas-chart" id="{chart_id}">{svg}'
            f"<figcaption>{caption}{legend}</figcaption>{table}</figure>\n\n")


def _time_axis(models: list[Model], x0: float, x1: float) -> tuple[LinearScale, int, int]:
    first = min(m.released.year for m in models)
    last = max(m.released.year for m in models) + 1
    return LinearScale((month_index(first, 1), month_index(last, 1)), (x0, x1)), first, last


def _time_chart(chart_id: str, models: list[Model], catalog: Catalog, root: str, points: list[Point],
                y_steps: tuple[float, ...], y_label, axis_title: str, title: str, description: str) -> str:
    """A release-date x axis and a log y axis; pairs of points of one model are joined by a line."""
    height, left, right, top, bottom = 440, 56, 14, 30, 30
    xs, first, last = _time_axis(models, left, WIDTH - right)
    low, high = log_bounds([p.value for p in points], y_steps)
    ys = LogScale((low, high), (height - bottom, top))
    grid = []
    for step in (s for s in y_steps if low <= s <= high):
        grid.append(line(left, ys(step), WIDTH - right, ys(step), "atlas-gridline"))
        grid.append(text(left - 6, ys(step) + 4, y_label(step), "atlas-axis-label", "end"))
    for year in range(first, last + 1):
        x = xs(month_index(year, 1))
        grid.append(line(x, top, x, height - bottom, "atlas-gridline"))
        if year < last:
            grid.append(text(xs(month_index(year, 7)), height - bottom + 18, str(year), "atlas-axis-label", "middle"))
    grid.append(text(4, 14, axis_title, "atlas-axis-title"))
    links, spans, marks = [], [], []
    by_model: dict[str, list[Point]] = {}
    for point in points:
        by_model.setdefault(point.model.id, []).append(point)
    for model_points in by_model.values():
        model = model_points[0].model
        x = xs(date_position(model.released))
        if len(model_points) == 2:
            links.append(line(x, ys(model_points[0].value), x, ys(model_points[1].value), "atlas-pair-link"))
        for point in model_points:
            y = ys(point.value)
            if model.released.precision == "month":
                start, end = date_span(model.released)
                spans.append(line(xs(start), y + MARK_RADIUS + 3, xs(end), y + MARK_RADIUS + 3, "atlas-month-span"))
            marks.append(_mark(point, x, y, catalog.families[model.family].kind, root))
    body = "".join(grid) + "".join(links) + "".join(spans) + "".join(marks)
    return _svg(chart_id, height, title, description, body)


def _kinds(models: list[Model], catalog: Catalog) -> list[str]:
    return sorted({catalog.families[m.family].kind for m in models}, key=kind_label)


def _has_month_dates(models: list[Model]) -> bool:
    return any(m.released.precision == "month" for m in models)


def _active(model: Model) -> float | None:
    return model.params_active_b if model.is_moe and model.params_active_b is not None else None


def parameter_points(models: list[Model]) -> list[Point]:
    """Total parameters of every sized model; an MoE model adds its active parameters as a second point."""
    points = []
    for m in models:
        if m.params_total_b is None:
            continue
        points.append(Point(m, m.params_total_b, "total", False,
                            f"{number_b(m.params_total_b)} parameters" + (" in total" if m.is_moe else "")))
        if _active(m) is not None:
            points.append(Point(m, m.params_active_b, "active", True,
                                f"{number_b(m.params_active_b)} active per token (MoE)"))
    return points


def context_points(models: list[Model]) -> list[Point]:
    """Native context of every model that states one; a longer documented maximum adds a second point."""
    points = []
    for m in models:
        if m.context_native:
            label = f"{tokens_short(m.context_native)} native context"
            points.append(Point(m, m.context_native, "native", False, label))
        if m.context_max and (not m.context_native or m.context_max > m.context_native):
            how = f" with {m.context_extension}" if m.context_extension else ""
            points.append(Point(m, m.context_max, "maximum", bool(m.context_native),
                                f"{tokens_short(m.context_max)} maximum context{how}"))
    return points


def _size_cells(model: Model) -> list[str]:
    active = _active(model)
    return [esc(number_b(model.params_total_b)) if model.params_total_b is not None else "unknown",
            esc(number_b(active)) if active is not None else ("all (dense)" if model.architecture == "dense" else "—")]


def _unsized_note(models: list[Model], root: str, what: str) -> str:
    missing = [m for m in models if m.params_total_b is None]
    if not missing:
        return ""
    names = ", ".join(model_anchor(m, root) for m in missing)
    return f' <span class="atlas-chart-note">Not drawn ({what}): {names}.</span>'


def render_scale_ladder(models: list[Model], catalog: Catalog, root: str) -> str:
    points = parameter_points(models)
    if not points:
        raise ValueError("no model with a known parameter count to draw")
    sized = [m for m in models if m.params_total_b is not None]
    moe = [m for m in sized if _active(m) is not None]
    description = (f"Scatter plot of {len(sized)} models by release date (horizontal) and parameter count on a "
                   f"logarithmic scale (vertical). {len(moe)} mixture-of-experts models show their total parameters "
                   "as a filled mark and their active parameters per token as a hollow mark, joined by a line. "
                   "The table below the chart lists the same data.")
    svg = _time_chart("scale-ladder", sized, catalog, root, points, PARAM_STEPS, params_label,
                      "Parameters (log scale)", "Qwen models by parameter count and release date", description)
    caption = (f"<p><strong>The scale ladder.</strong> {len(sized)} models with a published size, {len(moe)} of them "
               "mixture-of-experts. Select a mark to open that model's page."
               f"{_unsized_note(models, root, 'size not published')}</p>")
    legend = _legend(_kinds(sized, catalog), "MoE: total parameters, then active per token", _has_month_dates(sized))
    rows = [[model_anchor(m, root), date_html(m.released), esc(catalog.families[m.family].name), *_size_cells(m)]
            for m in sized]
    table = _data_table(("Model", "Released", "Family", "Total parameters", "Active parameters"), rows,
                        f"The data: {len(sized)} models, as a table")
    return _figure("scale-ladder", svg, caption, legend, table)


def render_context_growth(models: list[Model], catalog: Catalog, root: str) -> str:
    points = context_points(models)
    if not points:
        raise ValueError("no model with a known context window to draw")
    drawn = [m for m in models if m.context_native or m.context_max]
    extended = sum(1 for p in points if p.role == "maximum" and p.hollow)
    description = (f"Scatter plot of {len(drawn)} models by release date (horizontal) and context window in tokens "
                   f"on a logarithmic scale (vertical). Filled marks are the native window; {extended} models also "
                   "document a longer maximum with an extension such as YaRN, drawn hollow and joined by a line.")
    svg = _time_chart("context-growth", drawn, catalog, root, points, TOKEN_STEPS, tokens_short,
                      "Context window, tokens (log scale)", "Qwen context windows over time", description)
    missing = len(models) - len(drawn)
    caption = (f"<p><strong>Context window growth.</strong> {len(drawn)} models; {extended} document an extended "
               "maximum beyond their native window."
               + (f" {missing} models state no context window and are left out." if missing else "") + "</p>")
    legend = _legend(_kinds(drawn, catalog), "native window, then documented maximum", _has_month_dates(drawn))
    rows = [[model_anchor(m, root), date_html(m.released), esc(catalog.families[m.family].name),
             esc(tokens_short(m.context_native)) if m.context_native else "unknown",
             esc(tokens_short(m.context_max)) if m.context_max else "unknown",
             esc(m.context_extension or "—")] for m in drawn]
    table = _data_table(("Model", "Released", "Family", "Native", "Maximum", "Extension"), rows,
                        f"The data: {len(drawn)} models, as a table")
    return _figure("context-growth", svg, caption, legend, table)


def render_size_ladder(family_id: str, models: list[Model], catalog: Catalog, root: str) -> str:
    """One row per sized model of a family, largest first, on a log scale of parameters."""
    family = catalog.families[family_id]
    sized = sorted((m for m in models if m.params_total_b is not None),
                   key=lambda m: (-m.params_total_b, -(m.params_active_b or 0), m.name))
    if not sized:
        raise ValueError(f"family {family_id!r} has no model with a known parameter count to draw")
    chart_id = f"size-ladder-{family.id.replace('.', '-')}"
    row, left, right, top, bottom = 24, 250, 20, 10, 40
    height = top + row * len(sized) + bottom
    points = parameter_points(sized)
    low, high = log_bounds([p.value for p in points], PARAM_STEPS)
    xs = LogScale((low, high), (left, WIDTH - right))
    parts = []
    for step in (s for s in PARAM_STEPS if low <= s <= high):
        parts.append(line(xs(step), top, xs(step), height - bottom, "atlas-gridline"))
        parts.append(text(xs(step), height - bottom + 18, params_label(step), "atlas-axis-label", "middle"))
    parts.append(text(WIDTH - right, height - 6, "Parameters (log scale)", "atlas-axis-title", "end"))
    marks = []
    for index, model in enumerate(sized):
        y = top + row * index + row / 2
        parts.append(text(left - 10, y + 4, model.name, "atlas-row-label", "end"))
        model_points = [p for p in points if p.model is model]
        if len(model_points) == 2:
            parts.append(line(xs(model_points[1].value), y, xs(model_points[0].value), y, "atlas-pair-link"))
        marks += [_mark(p, xs(p.value), y, family.kind, root) for p in model_points]
    description = (f"Dot plot of the {len(sized)} {family.name} models with a published size, largest first, "
                   "on a logarithmic scale of parameters. Mixture-of-experts models show total parameters as a "
                   "filled mark and active parameters per token as a hollow mark on the same row.")
    svg = _svg(chart_id, height, f"{family.name} models by size", description, "".join(parts) + "".join(marks))
    caption = (f"<p><strong>{esc(family.name)} size ladder.</strong> {len(sized)} models, largest first."
               f"{_unsized_note(models, root, 'size not published')}</p>")
    pair = "MoE: total parameters, then active per token" if any(_active(m) is not None for m in sized) else None
    legend = _legend([family.kind], pair, False)
    rows = [[model_anchor(m, root), date_html(m.released), esc(m.variant), *_size_cells(m)] for m in sized]
    table = _data_table(("Model", "Released", "Variant", "Total parameters", "Active parameters"), rows,
                        f"The data: {len(sized)} models, as a table")
    return _figure(chart_id, svg, caption, legend, table)
