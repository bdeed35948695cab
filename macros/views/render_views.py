"""Smaller views: families, ecosystem entries, checked claims of the brief, catalogue counts."""

from __future__ import annotations

from ..data.records import Catalog
from .formatting import number_b
from .templating import block, render

VERDICT_LABELS = {"confirmed": "✔ Confirmed", "corrected": "✘ Corrected", "unverified": "? Unverified"}


def ecosystem_rows(catalog: Catalog, kind: str | None) -> list[dict]:
    entries = [e for e in catalog.ecosystem.values() if kind is None or e.kind == kind]
    if not entries:
        raise ValueError(f"no ecosystem entries of kind {kind!r}")
    return [{"id": e.id, "name": e.name, "url": e.url, "kind": e.kind, "summary": e.summary, "sources": e.sources,
             "models": [catalog.models[m] for m in e.models]}
            for e in sorted(entries, key=lambda e: (e.kind, e.name.lower()))]


def render_ecosystem_table(catalog: Catalog, kind: str | None, root: str) -> str:
    return block(render("record_tables.html", kind="ecosystem", rows=ecosystem_rows(catalog, kind), root=root))


def claim_rows(catalog: Catalog, topic: str | None) -> list[dict]:
    claims = [c for c in catalog.claims.values() if topic is None or c.topic == topic]
    if not claims:
        raise ValueError(f"no claims in topic {topic!r}")
    return [{"id": c.id, "claim": c.claim, "verdict": c.verdict, "verdict_label": VERDICT_LABELS[c.verdict],
             "finding": c.finding, "sources": c.sources} for c in sorted(claims, key=lambda c: (c.topic, c.id))]


def render_claims_table(catalog: Catalog, topic: str | None, root: str) -> str:
    return block(render("record_tables.html", kind="claims", rows=claim_rows(catalog, topic), root=root))


def family_rows(catalog: Catalog) -> list[dict]:
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
        rows.append({"id": family.id, "name": family.name, "kind": family.kind, "first": models[0].released.display,
                     "count": len(models), "sizes": size, "access": access})
    return rows


FAMILY_ROWS_SHOWN = 40  # beyond this the table keeps the newest families and a name list holds them all


def families_view(catalog: Catalog) -> dict:
    """Every family in the table while they fit; past FAMILY_ROWS_SHOWN the newest in the table (newest first)
    and all of them as a compact list of names, so the index stays one light page however many there are."""
    rows = family_rows(catalog)
    if len(rows) <= FAMILY_ROWS_SHOWN:
        return {"rows": rows, "all": []}
    return {"rows": rows[::-1][:FAMILY_ROWS_SHOWN], "all": sorted(rows, key=lambda r: r["name"].lower())}


def render_families_table(catalog: Catalog, root: str) -> str:
    view = families_view(catalog)
    return block(render("record_tables.html", kind="families", rows=view["rows"], all_families=view["all"],
                        root=root))


def render_stats(catalog: Catalog) -> str:
    open_count = sum(m.open_weights for m in catalog.models.values())
    return (f"{len(catalog.models)} models in {len(catalog.families)} families "
            f"({open_count} with open weights, {len(catalog.models) - open_count} API-only), "
            f"{len(catalog.papers)} papers and posts")
