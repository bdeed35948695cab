"""Generated HTML skips Markdown's raw-HTML pass (macros/outputs/html_stash.py): the converted page must be the
page Markdown alone makes, and deferring unsearched blocks must not change what the site search indexes."""

from __future__ import annotations

import markdown
import pytest
import yaml
from material.plugins.search.plugin import Parser

from conftest import ROOT
from macros.outputs.html_stash import HtmlStash
from macros.outputs.html_whitespace import drop_blank_lines
from macros.views.render_model_page import SiteLinks, render_model_page

LINKS = SiteLinks("https://example.org/atlas/", "https://github.com/example/atlas")
# Models whose pages differ in shape: open weights with builds and lineage, API-only, a shared build, notes.
MODELS = ("qwen3-8b", "qwen3-max", "cn-clip-vit-b-16", "qwen3.5-397b-a17b", "qwen2.5-plus")


def _convert(text: str) -> str:
    """The page as the site publishes it: converted, then without blank lines (the on_post_page hook)."""
    return drop_blank_lines(_converter().convert(text))


def _converter() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions (mkdocs.yml), as MkDocs runs it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        names.append(name)
        configs[name] = {key: {"true": True, "false": False}.get(value, value) for key, value in options.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _body(model_id: str, catalog) -> str:
    return render_model_page(catalog.models[model_id], catalog, LINKS).split("\n---\n", 1)[1]


def _sections(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


@pytest.mark.parametrize("model_id", MODELS)
def test_a_model_page_converts_to_the_same_html_with_its_blocks_stashed(catalog, model_id):
    body = _body(model_id, catalog)
    stash = HtmlStash()
    stashed = stash.put_blocks(body)
    assert len(stashed) < len(body) / 5, "the page's HTML blocks were not stashed"
    assert drop_blank_lines(stash.restore(_converter().convert(stashed))) == _convert(body)


@pytest.mark.parametrize("model_id", MODELS)
def test_deferred_blocks_leave_the_search_sections_unchanged_and_come_back(catalog, model_id):
    body = _body(model_id, catalog)
    full = _convert(body)
    stash = HtmlStash()
    searched = stash.restore(_convert(stash.put_blocks(body)), defer_unsearched=True)
    assert len(searched) < len(full) / 2, "nothing was deferred"
    assert _sections(searched) == _sections(full)
    assert stash.restore_deferred(searched) == full


def test_what_markdown_would_not_pass_through_as_one_block_stays_markdown():
    text = "\n".join([
        "<div>open", "", "still open</div>",  # a blank line inside: Markdown ends the block there
        "", "<p>closed</p>", "## A heading right below",  # the heading is not part of the block
        "", "<span>inline</span>",  # not a block-level tag
        "", "<table><tr><td>a</td></tr></table>", "<p>next element</p>", "Text right below.",
    ])
    stash = HtmlStash()
    stashed = stash.put_blocks(text)
    assert "<div>open" in stashed and "still open</div>" in stashed and "<span>inline</span>" in stashed
    assert "## A heading right below" in stashed and "<p>closed</p>" not in stashed
    assert "<table>" not in stashed and "<p>next element</p>" not in stashed
    html = drop_blank_lines(stash.restore(_converter().convert(stashed)))
    assert "<h2" in html and "<p>Text right below.</p>" in html
    assert "<table><tr><td>a</td></tr></table>\n<p>next element</p>" in html
    assert html == _convert(text)


def test_a_block_in_running_text_and_a_block_holding_a_heading_are_restored_in_place():
    stash = HtmlStash()
    inline = stash.put("<div>x</div>")
    with_heading = stash.put('<div><h3 id="kept">Kept</h3></div>')
    html = stash.restore(f'<h2 data-search-exclude id="s">S</h2>\n<p>before {inline} after</p>\n'
                         f"<p>{with_heading}</p>", defer_unsearched=True)
    assert html == ('<h2 data-search-exclude id="s">S</h2>\n<p>before <div>x</div> after</p>\n'
                    '<div><h3 id="kept">Kept</h3></div>')


def test_a_macro_table_is_stashed_and_an_inline_link_is_not(built_site):
    """The models table on a family page came through the stash; the page holds no placeholder."""
    page = (built_site / "families" / "qwen3" / "index.html").read_text(encoding="utf-8")
    assert 'class="atlas-table' in page and "atlasstash" not in page
    assert not any("atlasstash" in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))


def test_restoring_reports_the_anchors_a_block_carries():
    """MkDocs checks links to #anchors against the ids it saw in raw HTML; stashed blocks report theirs."""
    stash = HtmlStash()
    key = stash.put_whole('\n\n<div id="claim-a"><a name="old-name" href="#x">x</a><span data-id="no">'
                          '<input name="no"></span><p id="q&amp;a">y</p></div>\n')
    anchors: set[str] = set()
    stash.restore(f"<p>{key.strip()}</p>", anchors=anchors)
    assert anchors == {"claim-a", "old-name", "q&a"}


def test_a_placeholder_is_never_reused_after_its_block_came_back():
    stash = HtmlStash()
    first = stash.put("<div>first</div>")
    assert stash.restore(f"<p>{first}</p>") == "<div>first</div>"
    second, third = stash.put("<div>second</div>"), stash.put("<div>third</div>")
    assert len({first, second, third}) == 3
    assert stash.restore(f"<p>{third}</p><p>{second}</p>") == "<div>third</div><div>second</div>"


def test_a_view_the_search_skips_is_deferred_without_changing_the_search_sections():
    from macros.outputs.search_weight import exclude_views_from_search, is_unindexed_view
    table = '<div class="atlas-table-wrap"><table class="atlas-table"><tr><td>Qwen3-8B</td></tr></table></div>'
    card = '<div class="atlas-card"><p>Indexed card text</p></div>'
    stash = HtmlStash()
    page = (f'<h2 id="models">Models</h2>\n<p>Before.</p>\n<p>{stash.put(table)}</p>\n<p>{stash.put(card)}</p>\n'
            "<p>After.</p>")
    full = exclude_views_from_search(page.replace(f"<p>{stash._prefix}0</p>", table)
                                     .replace(f"<p>{stash._prefix}1</p>", card))
    searched = exclude_views_from_search(stash.restore(page, defer_unsearched=True, unindexed=is_unindexed_view))
    assert "Qwen3-8B" not in searched and "Indexed card text" in searched
    assert _sections(searched) == _sections(full)
    assert stash.restore_deferred(searched, finish=exclude_views_from_search) == full
