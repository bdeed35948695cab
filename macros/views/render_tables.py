"""Tables of models and papers, as HTML so no character in the data can break a Markdown table."""

from __future__ import annotations

from ..data.records import Catalog, Model, Paper
from .escape import esc, site_path, url_attr
from .formatting import context_html, license_html, modalities_text, params_html, weights_html
from .render_cite import paper_cite_html

# Seven columns fit a laptop screen; variant and architecture ride along in the model and size cells.
MODEL_COLUMNS = ("Model", "Released", "Parameters", "Context", "Input → output", "Weights", "Licence")


def model_anchor(model: Model, root: str) -> str:
    return f'<a href="{site_path(root, "models", model.id)}">{esc(model.name)}</a>'


def date_html(date) -> str:
    precision = "" if date.precision == "day" else ' title="Only the month is known"'
    return f'<time datetime="{date.iso}"{precision}>{esc(date.display)}</time>'


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _table(headers, rows: list[str], caption: str | None, css: str) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    # Blank lines around the block make Markdown pass it through untouched.
    return (f'\n\n<div class="atlas-table-wrap"><table class="{css}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n\n")


def _model_cell(model: Model, root: str) -> str:
    """Name, then the variant; a low-confidence entry says so, so a doubtful row never looks confirmed."""
    doubt = (' <span class="atlas-doubt" title="Low confidence: only secondary sources, see the model page">'
             "low confidence</span>") if model.confidence == "low" else ""
    return f'{model_anchor(model, root)}<br><span class="atlas-sub">{esc(model.variant)}</span>{doubt}'


def _size_cell(model: Model) -> str:
    architecture = {"moe": "MoE", "dense": "dense"}.get(model.architecture, "architecture unknown")
    return f'{params_html(model)}<br><span class="atlas-sub">{esc(architecture)}</span>'


def render_models_table(models: list[Model], root: str, caption: str | None = None) -> str:
    """One row per model, in the order given."""
    if not models:
        raise ValueError("no models match this table's filter; check the family or ids given to the macro")
    rows = [_row([
        _model_cell(m, root), date_html(m.released), _size_cell(m), context_html(m),
        esc(f"{modalities_text(m.modalities_in)} → {modalities_text(m.modalities_out)}"),
        weights_html(m), license_html(m),
    ]) for m in models]
    return _table(MODEL_COLUMNS, rows, caption, "atlas-table atlas-models")


PAPER_COLUMNS = ("Date", "Title", "Kind", "What it contributes", "Models")


def render_papers_table(papers: list[Paper], catalog: Catalog, root: str, caption: str | None = None,
                        site_url: str | None = None) -> str:
    """With site_url, each paper gets a Cite box (permalink, Markdown, BibTeX). Old ids (aliases) keep
    their anchors, so links to papers/#<old-id> still land on the paper."""
    if not papers:
        raise ValueError("no papers match this table's filter; check the thread given to the macro")
    rows = []
    for p in papers:
        models = ", ".join(model_anchor(catalog.models[m], root) for m in p.models) or "—"
        title = (f'<a href="{url_attr(p.url)}">{esc(p.title)}</a>'
                 f'<br><a class="atlas-anchor" id="{esc(p.id)}" href="#{esc(p.id)}" '
                 f'aria-label="Permalink to {esc(p.title)}">#{esc(p.id)}</a>'
                 + "".join(f'<span id="{esc(alias)}"></span>' for alias in p.aliases)
                 + (paper_cite_html(p, site_url) if site_url else ""))
        rows.append(_row([date_html(p.date), title, esc(p.kind), esc(p.summary), models]))
    return _table(PAPER_COLUMNS, rows, caption, "atlas-table atlas-papers")
