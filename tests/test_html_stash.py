"""Generated HTML skips Markdown's raw-HTML pass (macros/outputs/html_stash.py): the converted page must be the
page Markdown alone makes, and deferring blocks the search skips must not change what the site search indexes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import markdown
import pytest
import yaml
from material.plugins.search.plugin import Parser

from conftest import ROOT
from macros.outputs.html_stash import HtmlStash
from macros.outputs.html_whitespace import drop_blank_lines
from macros.outputs.search_weight import exclude_views_from_search, is_unindexed_view
from macros.views.render_model_page import SiteLinks, render_model_page

LINKS = SiteLinks("https://example.org/atlas/", "https://github.com/example/atlas")
# Models whose pages differ in shape (open weights with builds and lineage, API-only, a shared build, notes, a
# quote with tab characters), then every 12th model of the catalogue for breadth.
SHAPES = ("qwen3-8b", "qwen3-max", "cn-clip-vit-b-16", "qwen3.5-397b-a17b", "qwen2.5-plus", "qwen1.5-7b")


def _models(catalog) -> list[str]:
    return list(dict.fromkeys([*SHAPES, *sorted(catalog.models)[::12]]))


def _converter() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions (mkdocs.yml), as MkDocs runs it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        names.append(name)
        configs[name] = {key: {"true": True, "false": False}.get(value, value) for key, value in options.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _convert(text: str) -> str:
    """The page as the site publishes it: converted, then without blank lines (the on_post_page hook)."""
    return drop_blank_lines(_converter().convert(text))


def _through_stash(stash: HtmlStash, stashed: str, **restore) -> str:
    return drop_blank_lines(stash.restore(_converter().convert(stashed), **restore))


def _body(model_id: str, catalog) -> str:
    return render_model_page(catalog.models[model_id], catalog, LINKS).split("\n---\n", 1)[1]


def _sections(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), " ".join("".join(s.text).split())) for s in parser.data if not s.is_excluded()]


def test_model_pages_convert_to_the_same_html_with_their_blocks_stashed(catalog):
    for model_id in _models(catalog):
        body = _body(model_id, catalog)
        stash = HtmlStash()
        stashed = stash.put_blocks(body)
        assert len(stashed) < len(body) / 5, f"{model_id}: the page's HTML blocks were not stashed"
        assert _through_stash(stash, stashed) == _convert(body), model_id


def test_model_pages_defer_what_the_search_skips_without_changing_its_sections(catalog):
    """As the hook restores a model page: section by section, and views the search skips."""
    for model_id in _models(catalog):
        body = _body(model_id, catalog)
        full = exclude_views_from_search(_convert(body))
        stash = HtmlStash()
        searched = exclude_views_from_search(_through_stash(stash, stash.put_blocks(body), defer_sections=True,
                                                            unindexed=is_unindexed_view))
        assert len(searched) < len(full) / 2, f"{model_id}: nothing was deferred"
        assert _sections(searched) == _sections(full), model_id
        assert stash.restore_deferred(searched, finish=exclude_views_from_search) == full, model_id


@pytest.mark.parametrize("text", [
    "Some text\n<div>x</div>\n",  # text right above a block
    "- item\n<div>x</div>\n",  # a list item right above
    "<div>x</div> tail *em*\n",  # text after the closing tag, on its line
    "<div>\n<!-- </div>\n-->\n</div>\n",  # a comment over several lines
    "```html\n<div>shown as code</div>\n```\n",  # a fence
    "<p>a\tb</p>\n<p>c\r\nd</p>\n",  # tabs and Windows line ends
    "<div>open\n\nstill open</div>\n",  # a blank line inside the element
    "<span>inline</span>\n",  # not a block-level tag
    "<table><tr><td>a</td></tr></table>\n<p>next element</p>\nText right below.\n",
    "<p>closed</p>\n## A heading right below\n",
])
def test_generated_markdown_converts_the_same_through_the_stash(text):
    stash = HtmlStash()
    assert _through_stash(stash, stash.put_blocks(text)) == _convert(text)


@pytest.mark.parametrize("before, after", [("", ""), ("Intro:\n", ""), ("", "\nText below."), ("", " and more")])
def test_a_macro_block_converts_the_same_wherever_its_call_stands(before, after):
    """A block macro's result, with text right above or below its call or after it on the line."""
    block = '\n\n<div class="atlas-card"><p>Card</p></div>\n'
    stash = HtmlStash()
    assert _through_stash(stash, before + stash.put_whole(block) + after) == _convert(before + block + after)


def test_a_view_the_search_skips_is_deferred_only_when_it_is_one_element():
    """A table wrapper is skipped whole; a note after it in the same macro result is indexed, so that result
    is not deferred. Either way the search reads the same sections."""
    table = '<div class="atlas-table-wrap"><table class="atlas-table"><tr><td>Qwen3-8B</td></tr></table></div>'
    with_note = table + '\n<p class="atlas-more-rows">The finder lists all 215.</p>'
    stash = HtmlStash()
    page = (f'<h2 id="models">Models</h2>\n<p>Before.</p>\n<p>{stash.put(table)}</p>\n'
            f"<p>{stash.put(with_note)}</p>\n<p>After.</p>")
    full = exclude_views_from_search(f'<h2 id="models">Models</h2>\n<p>Before.</p>\n{table}\n{with_note}\n'
                                     "<p>After.</p>")
    searched = exclude_views_from_search(stash.restore(page, unindexed=is_unindexed_view))
    assert searched.count("<!--atlasstash") == 1 and "The finder lists all 215." in searched
    assert _sections(searched) == _sections(full)
    assert stash.restore_deferred(searched, finish=exclude_views_from_search) == full


def test_a_block_in_running_text_and_a_block_holding_a_heading_are_restored_in_place():
    stash = HtmlStash()
    inline = stash.put("<div>x</div>")
    with_heading = stash.put('<div><h3 id="kept">Kept</h3></div>')
    html = stash.restore(f'<h2 data-search-exclude id="s">S</h2>\n<p>before {inline} after</p>\n'
                         f"<p>{with_heading}</p>", defer_sections=True)
    assert html == ('<h2 data-search-exclude id="s">S</h2>\n<p>before <div>x</div> after</p>\n'
                    '<div><h3 id="kept">Kept</h3></div>')


def test_restoring_reports_the_anchors_a_block_carries():
    """MkDocs checks links to #anchors against the ids it saw in raw HTML; stashed blocks report theirs."""
    stash = HtmlStash()
    key = stash.put_whole('<div id="claim-a"><a name="old-name" href="#x">x</a><span data-id="no">'
                          '<input name="no"></span><p ID=bare>y</p><p id="q&amp;a">z</p></div>')
    anchors: set[str] = set()
    stash.restore(f"<p>{key.strip()}</p>", anchors=anchors)
    assert anchors == {"claim-a", "old-name", "bare", "q&a"}


def test_a_placeholder_is_never_reused_and_a_digit_after_it_stays_text():
    stash = HtmlStash()
    first = stash.put("<div>first</div>")
    assert stash.restore(f"<p>{first}</p>") == "<div>first</div>"
    second, third = stash.put("<div>second</div>"), stash.put("<div>third</div>")
    assert len({first, second, third}) == 3
    assert stash.restore(f"<p>{third}</p><p>{second}1</p>") == "<div>third</div><p><div>second</div>1</p>"
    with pytest.raises(KeyError):
        stash.restore(f"<p>{second}</p>")


def test_no_placeholder_reaches_the_built_site_or_its_search_index(built_site):
    page = (built_site / "families" / "qwen3" / "index.html").read_text(encoding="utf-8")
    assert 'class="atlas-table' in page  # the family's models table, a stashed macro result
    assert not any("atlasstash" in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("atlasstash" in doc["text"] + doc["title"] for doc in index["docs"])


# The whole site, built once more with the stash switched off in a child process: every page and the search index
# must come out the same. This is what guards hand-written pages and every macro as templates change.
_WITHOUT_STASH = """
import sys
from macros.outputs import html_stash
html_stash.HtmlStash.put_whole = lambda stash, html: html
html_stash.HtmlStash.put_blocks = lambda stash, markdown: markdown
from mkdocs.__main__ import cli
cli(["build", "--strict", "-d", sys.argv[1]])
"""


def test_the_site_is_the_same_without_the_stash(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", _WITHOUT_STASH, str(site)], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                         "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    different = [str(p) for p in pages if (built_site / p).read_bytes() != (site / p).read_bytes()]
    assert not different, f"{len(different)} pages differ, e.g. {different[:5]}"
    index = "search/search_index.json"
    assert (built_site / index).read_bytes() == (site / index).read_bytes()
