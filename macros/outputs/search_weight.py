"""What the site search indexes. Material fetches one search index on every page, so its size is paid by every
reader: generated views (model tables, timelines, charts, source lists) are left out, because each fact they
repeat is already indexed once, on its model's page. Prose, headings and model pages stay searchable."""

from __future__ import annotations

import json
import re

# The outermost element of each generated view. A view's own template may also carry the attribute.
# Never a view that contains headings: Material's search parser breaks on a heading inside a skipped element.
UNINDEXED_VIEWS = ("atlas-table-wrap", "atlas-table", "atlas-chart", "atlas-cite", "atlas-sources", "atlas-lineage")
_VIEW_ROOT = re.compile(r'<(div|table|figure|section|details|ol|ul)(\s[^>]*?)?\sclass="(?P<classes>[^"]*)"')


def exclude_views_from_search(html: str) -> str:
    def mark(match: re.Match) -> str:
        tag = match.group(0)
        classes = match.group("classes").split()
        if "data-search-exclude" in tag or not any(c in UNINDEXED_VIEWS for c in classes):
            return tag
        return tag + " data-search-exclude"
    return _VIEW_ROOT.sub(mark, html)


def is_unindexed_view(html: str) -> bool:
    """HTML whose outermost element the search skips, with everything in it (see exclude_views_from_search)."""
    match = _VIEW_ROOT.match(html.lstrip())
    if match is None:
        return False
    return "data-search-exclude" in match.group(0) or any(c in UNINDEXED_VIEWS for c in match.group("classes").split())


SEARCH_INDEX = "search/search_index.json"
# Markup carries no meaning in a search result's snippet (the words are what is searched): it is dropped.
_BLOCK_TAGS = re.compile(
    r"</?(?:p|ul|ol|li|dl|dt|dd|div|span|strong|em|table|thead|tbody|tr|td|th|time|br|code)\b[^>]*>")


def compact_search_index(site_dir, extra_words: dict[str, list[str]] | None = None) -> tuple[int, int]:
    """Rewrite the theme's search index without block markup and runs of white space; returns bytes before, after.
    extra_words: page location -> names to add to that page's entry (names a reader may arrive with that the
    page's indexed text does not hold, such as official build repositories)."""
    path = site_dir / SEARCH_INDEX
    if not path.exists():
        return 0, 0
    before = path.stat().st_size
    index = json.loads(path.read_text(encoding="utf-8"))
    extra_words = extra_words or {}
    for doc in index.get("docs", []):
        text = " ".join(_BLOCK_TAGS.sub(" ", doc.get("text", "")).split())
        missing = [w for w in extra_words.get(doc.get("location", ""), ()) if w.lower() not in text.lower()]
        doc["text"] = " ".join([text, *missing]) if missing else text
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return before, path.stat().st_size


def names_for_search(catalog) -> dict[str, list[str]]:
    """Every name of names.json, by the page it leads to: a model's builds and community names, and a family's
    shared build repositories (the model's own hub ids are already in its page's indexed text)."""
    words: dict[str, list[str]] = {}
    for model in catalog.models.values():
        words[f"models/{model.id}/"] = [name for _, name in model.names()]
        for build in model.builds or ():
            if build.shared:
                family = words.setdefault(f"families/{model.family}/", [])
                family += [r for r in (build.hf_repo, build.modelscope_repo) if r and r not in family]
    return words
