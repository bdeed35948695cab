"""Tidy the theme's assets after the build: no source maps are published (they double the JavaScript and CSS
on disk and point readers' tools at files we do not serve)."""

from __future__ import annotations

import re
from pathlib import Path

_MAP_COMMENT = re.compile(r"\n?(?://|/\*)# sourceMappingURL=\S+?(?: \*/)?\s*$")


def drop_source_maps(site_dir: Path) -> int:
    removed = 0
    for map_file in site_dir.joinpath("assets").rglob("*.map"):
        map_file.unlink()
        removed += 1
    for asset in [*site_dir.joinpath("assets").rglob("*.js"), *site_dir.joinpath("assets").rglob("*.css")]:
        text = asset.read_text(encoding="utf-8")
        stripped = _MAP_COMMENT.sub("", text)
        if stripped != text:
            asset.write_text(stripped, encoding="utf-8")
    return removed


# Our stylesheets, in cascade order, served as one file: eight render-blocking requests cost a phone more than
# the few kilobytes they hold. Each view keeps its own source file under docs/assets/.
STYLESHEETS = ("atlas.css", "a11y.css", "visual.css", "finder.css", "model.css", "compare.css", "charts.css",
               "timeline.css", "lineage.css")
BUNDLE = "assets/site.css"


def stylesheet_bundle(docs_dir: Path) -> str:
    parts = []
    for name in STYLESHEETS:
        parts.append(f"/* ---- {name} ---- */\n" + (docs_dir / "assets" / name).read_text(encoding="utf-8"))
    return "\n".join(parts)
