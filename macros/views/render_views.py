"""Smaller views: ecosystem entries, checked claims of the brief, catalogue counts."""

from __future__ import annotations

from ..data.records import Catalog
from .escape import esc, site_path, url_attr
from .formatting import number_b
from .render_card import sources_html

VERDICT_LABELS = {"confirmed": "✔ Confirmed", "corrected": "✘ Corrected", "unverified": "? Unverified"}


def _sources_inline(sources) -> str:
    return " ".join(f'<a href="{url_attr(u)}">[{i}]</a>' for i, u in enumerate(sources, 1))


def render_ecosystem_table(catalog: Catalog, kind: str | None, root: str) -> str:
    entries = [e for e in catalog.ecosystem.values() if kind is None or e.kind == kind]
    if not entries:
        raise ValueError(f"no ecosystem entries of kind {kind!r}")
    rows = []
    for e in sorted(entries, key=lambda e: (e.kind, e.name.lower())):
        models = ", ".join(f'<a href="{site_path(root, "models", m)}">{esc(catalog.models[m].name)}</a>'
                           for m in e.models)
        rows.append(f'<tr id="eco-{esc(e.id)}"><td><a href="{url_attr(e.url)}">{esc(e.name)}</a></td>'
                    f"<td>{esc(e.kind)}</td><td>{esc(e.summary)}{(' Models: ' + models) if models else ''}</td>"
                    f"<td>{_sources_inline(e.sources)}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Name", "Kind", "What it is for Qwen users", "Sources"))
    return (f'\n\n<div class="atlas-table-wrap"><table class="atlas-table atlas-ecosystem"><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>\n\n")


def render_claims_table(catalog: Catalog, topic: str | None, root: str) -> str:
    claims = [c for c in catalog.claims.values() if topic is None or c.topic == topic]
    if not claims:
        raise ValueError(f"no claims in topic {topic!r}")
    rows = []
    for c in sorted(claims, key=lambda c: (c.topic, c.id)):
        rows.append(f'<tr id="claim-{esc(c.id)}"><td>{esc(c.claim)}</td>'
                    f'<td class="atlas-verdict atlas-verdict-{esc(c.verdict)}">{esc(VERDICT_LABELS[c.verdict])}</td>'
                    f"<td>{esc(c.finding)}</td><td>{_sources_inline(c.sources)}</td></tr>")
    columns = ("The brief says", "Verdict", "What the sources show", "Sources")
    head = "".join(f'<th scope="col">{h}</th>' for h in columns)
    return (f'\n\n<div class="atlas-table-wrap"><table class="atlas-table atlas-claims"><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>\n\n")


def render_families_table(catalog: Catalog, root: str) -> str:
    """One row per family, ordered by first release: what it is, how big, how open."""
    rows = []
    families = sorted(catalog.families.values(), key=lambda f: catalog.models_in_family(f.id)[0].released.sort_key)
    for family in families:
        models = catalog.models_in_family(family.id)
        sizes = [m.params_total_b for m in models if m.params_total_b is not None]
        size = f"{number_b(min(sizes))}–{number_b(max(sizes))}" if len(set(sizes)) > 1 else (
            number_b(sizes[0]) if sizes else "undisclosed")
        open_count = sum(m.open_weights for m in models)
        access = "open weights" if open_count == len(models) else (
            "API only" if open_count == 0 else f"{open_count} open, {len(models) - open_count} API-only")
        rows.append(f'<tr><td><a href="{site_path(root, "families", family.id)}">{esc(family.name)}</a></td>'
                    f"<td>{esc(family.kind)}</td><td>{esc(models[0].released.display)}</td><td>{len(models)}</td>"
                    f"<td>{esc(size)}</td><td>{esc(access)}</td></tr>")
    columns = ("Family", "Kind", "First release", "Models", "Sizes (total)", "Access")
    head = "".join(f'<th scope="col">{h}</th>' for h in columns)
    return (f'\n\n<div class="atlas-table-wrap"><table class="atlas-table atlas-families"><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>\n\n")


def render_stats(catalog: Catalog) -> str:
    open_count = sum(m.open_weights for m in catalog.models.values())
    return (f"{len(catalog.models)} models in {len(catalog.families)} families "
            f"({open_count} with open weights, {len(catalog.models) - open_count} API-only), "
            f"{len(catalog.papers)} papers and posts")


__all__ = ["render_claims_table", "render_ecosystem_table", "render_stats", "sources_html"]
