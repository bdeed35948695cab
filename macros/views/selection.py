"""Pick records for a macro call; an unknown id is an error that suggests the closest ids."""

from __future__ import annotations

from ..data.problems import close_matches
from ..data.records import Catalog, Family, Model, Paper, Thread


class UnknownReference(LookupError):
    """A page names an id that is not in data/."""


def _lookup(table: dict, record_id: str, what: str):
    if record_id in table:
        return table[record_id]
    close = close_matches(record_id, table)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else f"; known {what} ids are in data/"
    raise UnknownReference(f"unknown {what} id {record_id!r}{hint}")


def model(catalog: Catalog, model_id: str) -> Model:
    return _lookup(catalog.models, model_id, "model")


def family(catalog: Catalog, family_id: str) -> Family:
    return _lookup(catalog.families, family_id, "family")


def thread(catalog: Catalog, thread_id: str) -> Thread:
    return _lookup(catalog.threads, thread_id, "thread")


def paper(catalog: Catalog, paper_id: str) -> Paper:
    return _lookup(catalog.papers, paper_id, "paper")


def select_models(catalog: Catalog, family_id: str | None = None, ids: list[str] | None = None,
                  thread_id: str | None = None, variant: str | None = None,
                  open_weights: bool | None = None, modality: str | None = None,
                  architecture: str | None = None, max_params_b: float | None = None,
                  newest: int | None = None) -> list[Model]:
    """Models matching every filter given, oldest first (ids keep the order given).

    `max_params_b` keeps models whose total size is known and below the bound; `newest` keeps the
    last N releases, newest first."""
    if ids is not None:
        chosen = [model(catalog, i) for i in ids]
    elif family_id is not None:
        chosen = catalog.models_in_family(family(catalog, family_id).id)
    elif thread_id is not None:
        chosen = catalog.models_in_thread(thread(catalog, thread_id).id)
    else:
        chosen = catalog.models_by_date()
    if variant is not None:
        chosen = [m for m in chosen if m.variant == variant]
    if open_weights is not None:
        chosen = [m for m in chosen if m.open_weights is open_weights]
    if modality is not None:
        chosen = [m for m in chosen if modality in m.modalities_in]
    if architecture is not None:
        chosen = [m for m in chosen if m.architecture == architecture]
    if max_params_b is not None:
        chosen = [m for m in chosen if m.params_total_b is not None and m.params_total_b < max_params_b]
    if newest is not None:
        chosen = sorted(chosen, key=lambda m: (m.released.sort_key, m.name), reverse=True)[:newest]
    return chosen


# A table over the whole catalogue (no family, thread or ids) shows this many of its newest rows, then sends the
# reader to the finder with the same filter: a page's weight must not grow with the catalogue.
WHOLE_CATALOGUE_ROWS = 40


def finder_query(variant: str | None = None, open_weights: bool | None = None, modality: str | None = None,
                 architecture: str | None = None, max_params_b: float | None = None) -> str:
    """The finder URL query that shows the same models as a whole-catalogue table."""
    params = []
    if variant:
        params.append(f"variant={variant}")
    if open_weights is not None:
        params.append(f"weights={'open' if open_weights else 'api'}")
    if modality:
        params.append(f"input={modality}")
    if architecture:
        params.append(f"arch={architecture}")
    if max_params_b is not None:
        params.append(f"max={max_params_b:g}")
    return "&".join(params)


def newest_slice(models: list[Model], whole_catalogue: bool, filters: dict) -> tuple[list[Model], tuple | None]:
    """A models table's rows: all of them for a family, a list of ids or a thread; for a whole-catalogue table
    longer than WHOLE_CATALOGUE_ROWS, the newest rows and (how many were left out, the finder query showing
    them all), so the table's page stays the same size however large the catalogue grows."""
    if not whole_catalogue or len(models) <= WHOLE_CATALOGUE_ROWS:
        return models, None
    newest_first = sorted(models, key=lambda m: (m.released.sort_key, m.name), reverse=True)
    return newest_first[:WHOLE_CATALOGUE_ROWS], (len(models) - WHOLE_CATALOGUE_ROWS, finder_query(**filters))
