"""The compare page's controls. docs/assets/compare.js fills in the facts of the 2-4 models chosen,
reading each model's JSON from this site's own API, so the page does not carry the whole catalogue."""

from __future__ import annotations

from ..data.records import Catalog
from .escape import esc, site_path
from .memory_estimate import BF16_BYTES_PER_PARAM, INT4_BYTES_PER_PARAM, INT4_OVERHEAD

SLOTS = 4


def _options(catalog: Catalog) -> str:
    """Every model by family (oldest family first): the optgroup label doubles as the family's name."""
    families = sorted(catalog.families.values(),
                      key=lambda f: min(m.released.sort_key for m in catalog.models_in_family(f.id)))
    groups = []
    for family in families:
        options = "".join(f'<option value="{esc(m.id)}">{esc(m.name)}</option>'
                          for m in catalog.models_in_family(family.id))
        groups.append(f'<optgroup label="{esc(family.name)}" data-family="{esc(family.id)}">{options}</optgroup>')
    return "".join(groups)


def render_compare(catalog: Catalog, root: str) -> str:
    # The options are written once; the script copies them into each slot (the page stays small).
    options = f'<template data-compare-options><option value="">—</option>{_options(catalog)}</template>'
    slots = "".join(f'<label class="atlas-filter"><span>Model {n}</span>'
                    f'<select name="ids" data-compare-slot></select></label>' for n in range(1, SLOTS + 1))
    memory = (f'data-bf16="{BF16_BYTES_PER_PARAM:g}" data-int4="{INT4_BYTES_PER_PARAM:g}" '
              f'data-int4-overhead="{INT4_OVERHEAD:g}"')
    return (f'\n\n<div class="atlas-compare" data-compare data-root="{esc(root)}" '
            f'data-api="{esc(site_path(root, "api", "v1", "models"))}" {memory}>'
            f'<form class="atlas-compare-form" data-compare-form method="get" hidden>{options}{slots}</form>'
            '<p class="atlas-finder-status" data-compare-status role="status" aria-live="polite"></p>'
            '<div class="atlas-table-wrap" data-compare-output></div>'
            '<noscript><p class="atlas-noscript">Comparing needs JavaScript. Without it, the '
            f'<a href="{site_path(root, "finder")}">model finder</a> shows every model\'s facts in one table.'
            "</p></noscript></div>\n\n")
