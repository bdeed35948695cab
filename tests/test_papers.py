"""Papers and posts as cards: newest first everywhere, models and threads as named links, no internal ids as
text, a collapsed Cite box per card on the papers page, and each paper's permanent anchor kept."""

from __future__ import annotations

import html as html_lib
import re

from macros.views.render_tables import page_thread, papers_newest_first, papers_view, render_papers_table
from test_timeline import classes, text, tree

SITE_URL = "https://qwenatlas.org/"


def cards(root):
    return [a for a in root.iter("article") if "atlas-paper" in classes(a)]


def facts(card) -> dict:
    """A card's labelled facts (<dt> label -> <dd>), read by label."""
    return {text(div.find("dt")): div.find("dd") for dl in card.iter("dl") if "pc-facts" in classes(dl)
            for div in dl}


def card_date(card) -> str:
    return card.find(".//time").get("datetime")


def sort_key(iso: str) -> tuple:
    parts = [int(p) for p in iso.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def test_selection_is_newest_first(catalog):
    ordered = papers_newest_first(catalog.papers_by_date())
    keys = [p.date.sort_key for p in ordered]
    assert keys == sorted(keys, reverse=True)


def test_papers_page_cards_newest_first_under_year_headings(catalog):
    root = tree(render_papers_table(catalog.papers_by_date(), catalog, "../", site_url=SITE_URL))
    found = cards(root)
    assert len(found) == len(catalog.papers)
    dates = [card_date(c) for c in found]
    assert [sort_key(d) for d in dates] == sorted((sort_key(d) for d in dates), reverse=True)
    years = [int(h.text) for h in root.iter("h2")]
    assert years == sorted({p.date.year for p in catalog.papers.values()}, reverse=True)
    assert all(c.find("h3") is not None for c in found)


def test_thread_list_is_newest_first_without_year_headings_or_its_own_thread(catalog):
    thread = next(t for t in catalog.threads if len(catalog.papers_in_thread(t)) > 1)
    papers = catalog.papers_in_thread(thread)  # oldest first, as the macro passes them
    assert page_thread(papers, catalog) == thread
    root = tree(render_papers_table(papers, catalog, "../../", site_url=SITE_URL))
    dates = [card_date(c) for c in cards(root)]
    assert [sort_key(d) for d in dates] == sorted((sort_key(d) for d in dates), reverse=True)
    assert root.find(".//h2") is None
    own = catalog.threads[thread].name
    for card in cards(root):
        threads = facts(card).get("Threads")
        assert threads is None or own not in text(threads)


def test_cards_show_no_internal_ids_as_text(catalog):
    root = tree(render_papers_table(catalog.papers_by_date(), catalog, "../", site_url=SITE_URL))
    model_ids = set(catalog.models)
    for card in cards(root):
        visible = card.find("details")
        if visible is not None:  # the Cite box holds a BibTeX key and a permalink: that is what it is for
            card.remove(visible)
        shown = text(card)
        paper_id = card.find(".//a[@class='atlas-anchor']").get("id")
        tokens = {t.strip(".,;:()") for t in shown.split()}
        assert paper_id not in tokens and f"#{paper_id}" not in tokens
        assert not tokens & model_ids, tokens & model_ids  # ids are lowercase slugs; names are shown instead
        for link in card.iter("a"):
            assert (link.text or "").strip() not in model_ids, link.text


def test_models_link_to_their_pages_by_name_and_threads_to_theirs(catalog):
    papers = catalog.papers_by_date()
    root = tree(render_papers_table(papers, catalog, "../", site_url=SITE_URL))
    by_anchor = {c.find(".//a[@class='atlas-anchor']").get("id"): c for c in cards(root)}
    for paper in papers:
        card = by_anchor[paper.id]
        labelled = facts(card)
        if paper.models:
            hrefs = {a.get("href") for a in labelled["Models"].iter("a")}
            assert hrefs == {f"../models/{m}/" for m in paper.models}
        if paper.threads:
            names = {text(a) for a in labelled["Threads"].iter("a")}
            assert names == {catalog.threads[t].name for t in paper.threads}
        title = card.find("h3")
        assert text(title.find("a")) == " ".join(paper.title.split())


def test_each_card_keeps_its_anchor_aliases_and_a_collapsed_cite_box(catalog):
    papers = catalog.papers_by_date()
    html = render_papers_table(papers, catalog, "../", site_url=SITE_URL)
    root = tree(html)
    for card in cards(root):
        cite = card.find("details")
        assert cite is not None and "open" not in cite.attrib and text(cite.find("summary")) == "Cite"
        anchor = card.find(".//a[@class='atlas-anchor']")
        assert anchor.get("href") == f"#{anchor.get('id')}"
    unescaped = html_lib.unescape(html)
    for paper in papers:
        assert f'<a href="../papers/{paper.id}.bib" download>' in html  # BibTeX: a file of its own
        assert f"({SITE_URL}papers/#{paper.id})" in unescaped
        for alias in paper.aliases:
            assert f'id="{alias}"' in html


def test_view_without_site_url_has_no_cite_box(catalog):
    view = papers_view(catalog.papers_by_date()[:2], catalog, "../")
    assert all(card.cite is None for group in view["groups"] for card in group.cards)


def test_built_papers_page(built_site, catalog):
    page = (built_site / "papers" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="atlas-paper"') == len(catalog.papers)
    newest = max(catalog.papers.values(), key=lambda p: p.date.sort_key)
    first = re.search(r'<time datetime="([^"]+)"', page[page.index('class="atlas-paper"'):])[1]
    assert sort_key(first) == newest.date.sort_key
