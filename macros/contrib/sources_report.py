"""`make sources`: every secondary (non-primary) source host with the facts resting on it, then coverage.

Coverage is the share of the non-null facts of high-confidence models that carry provenance with a quote
from a primary host (issue #13 asks for at least 95%); it is printed per family and overall, and
tests/test_provenance.py holds the figure so it can only go up.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..data.catalog import PROJECT_ROOT, load_catalog
from ..data.hosts import host_of, is_primary
from ..data.problems import DataError, format_report
from ..data.records import Catalog, Model

# The facts of a model that can carry provenance (the schema's model.provenance properties), in table order.
MODEL_FACTS = ("released", "params_total_b", "params_active_b", "layers", "context_native", "context_max",
               "context_extension", "architecture", "attention", "modalities_in", "modalities_out", "open_weights",
               "license", "hf_repo", "modelscope_repo", "base_model", "api_names", "builds")


def stated_facts(model: Model) -> list[str]:
    """The facts the entry states: not null, not an empty list, not 'unknown'."""
    facts = []
    for name in MODEL_FACTS:
        value = getattr(model, name)
        if value is None or value == () or value == "unknown":
            continue
        facts.append(name)
    return facts


def quoted_from_primary(model: Model, fact: str) -> bool:
    provenance = model.provenance.get(fact)
    return bool(provenance and provenance.quote and is_primary(provenance.url))


@dataclass
class Coverage:
    covered: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.covered}/{self.total} = {self.share:.1%}"


def coverage(catalog: Catalog, confidence: str = "high") -> tuple[Coverage, dict[str, Coverage]]:
    """(overall, per family) share of stated facts quoted from a primary host, over models of `confidence`."""
    overall, per_family = Coverage(), defaultdict(Coverage)
    for model in catalog.models.values():
        if model.confidence != confidence:
            continue
        for fact in stated_facts(model):
            hit = quoted_from_primary(model, fact)
            for tally in (overall, per_family[model.family]):
                tally.total += 1
                tally.covered += hit
    return overall, dict(per_family)


def _records(catalog: Catalog):
    for kind, table in (("model", catalog.models), ("family", catalog.families), ("paper", catalog.papers),
                        ("claim", catalog.claims), ("event", catalog.events), ("ecosystem", catalog.ecosystem),
                        ("term", catalog.glossary)):
        for record in table.values():
            yield kind, record


def secondary_sources(catalog: Catalog) -> dict[str, list[tuple[str, str, str, list[str]]]]:
    """host -> [(kind, id, url, facts resting on it)] for every source not on a primary host."""
    by_host: dict[str, list] = defaultdict(list)
    for kind, record in _records(catalog):
        source_map = getattr(record, "source_map", {}) or {}
        provenance = getattr(record, "provenance", {}) or {}
        for key, url in source_map.items():
            if is_primary(url):
                continue
            facts = [fact for fact, p in provenance.items() if p.source_key == key]
            facts += [f"{fact} (differs)" for fact, p in provenance.items()
                      if any(a.source_key == key for a in p.differs)]
            by_host[host_of(url)].append((kind, record.id, url, facts))
    return dict(sorted(by_host.items(), key=lambda item: (-len(item[1]), item[0])))


def only_secondary(catalog: Catalog) -> list[str]:
    """Models whose every source is secondary (they should be `low`)."""
    return sorted(m.id for m in catalog.models.values() if m.sources and not any(is_primary(u) for u in m.sources))


def report(catalog: Catalog) -> str:
    lines = ["# Secondary sources (not a primary host), with the records and facts resting on them", ""]
    hosts = secondary_sources(catalog)
    for host, uses in hosts.items():
        lines.append(f"{host}  ({len(uses)} use{'s' if len(uses) != 1 else ''})")
        for kind, record_id, url, facts in uses:
            resting = ", ".join(facts) if facts else "the entry as a whole (no per-fact provenance)"
            lines.append(f"  {kind} {record_id}: {resting}  <{url}>")
    total_urls = sum(len(getattr(r, "source_map", {}) or {}) for _, r in _records(catalog))
    secondary_urls = sum(len(v) for v in hosts.values())
    lines += ["", f"{secondary_urls} of {total_urls} source URLs are secondary, on {len(hosts)} hosts."]
    lonely = only_secondary(catalog)
    lines.append(f"Models resting on secondary sources only ({len(lonely)}): {', '.join(lonely) or 'none'}")
    levels = defaultdict(int)
    for model in catalog.models.values():
        levels[model.confidence] += 1
    lines.append("Models by confidence: " + ", ".join(f"{k} {levels[k]}" for k in ("high", "medium", "low")))
    for kind, table in (("papers", catalog.papers), ("claims", catalog.claims)):
        rated = sum(1 for r in table.values() if r.confidence)
        lines.append(f"{kind.capitalize()} with a confidence: {rated} of {len(table)}")
    overall, per_family = coverage(catalog)
    lines += ["", "# Coverage: non-null facts of high-confidence models with a quote from a primary host", ""]
    for family in sorted(per_family, key=lambda f: (-per_family[f].total, f)):
        lines.append(f"  {family:<22} {per_family[family]}")
    lines.append(f"  {'overall':<22} {overall}")
    return "\n".join(lines)


def main(root: Path = PROJECT_ROOT) -> int:
    try:
        catalog = load_catalog(root)
    except DataError as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    print(report(catalog))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT))
