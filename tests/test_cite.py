"""Cite boxes: BibTeX entries that BibTeX can read, and one per paper on the papers page."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from macros.views.render_cite import bibtex_authors, bibtex_entry, markdown_link
from macros.views.render_tables import render_papers_table

SITE_URL = "https://qwenatlas.org/"


@pytest.mark.parametrize("written, expected", [
    ("Qwen Team", "{Qwen Team}"),
    ("Qwen Team (OFA-Sys)", "{Qwen Team}"),
    ("Shuai Bai et al. (Qwen Team)", "Shuai Bai and others"),
    ("Peng Wang, Shuai Bai, ... Jingren Zhou, Junyang Lin (Qwen Team)", "Peng Wang and Shuai Bai and others"),
    ("Qwen Team: An Yang, Bo Zheng, ... Zihan Qiu", "An Yang and Bo Zheng and others"),
    ("Zihan Qiu, Zeyu Huang", "Zihan Qiu and Zeyu Huang"),
    (None, None),
])
def test_free_text_authors_become_a_bibtex_author_list(written, expected):
    assert bibtex_authors(written) == expected


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_every_paper_has_a_well_formed_entry(catalog):
    keys = set()
    for paper in catalog.papers.values():
        entry = bibtex_entry(paper, SITE_URL)
        assert entry.startswith(f"@misc{{{paper.id},\n") and entry.endswith("\n}")
        assert _balanced(entry), f"{paper.id}: unbalanced braces"
        assert f"year = {{{paper.date.year}}}" in entry and f"date = {{{paper.date.iso}}}" in entry
        assert ("eprint = {" in entry) == ("arxiv.org/abs/" in paper.url)
        keys.add(paper.id)
    assert len(keys) == len(catalog.papers)


def test_special_characters_are_escaped_for_latex(catalog):
    paper = dataclasses.replace(next(iter(catalog.papers.values())), title="50% of {R&D} #1 $x_y$")
    entry = bibtex_entry(paper, SITE_URL)
    assert r"title = {{50\% of \{R\&D\} \#1 \$x\_y\$}}" in entry and _balanced(entry)


def test_markdown_link_survives_brackets_in_the_title():
    assert markdown_link("A [draft] title", "https://x/") == r"[A \[draft\] title](https://x/)"


def test_papers_page_has_a_cite_box_per_paper_and_its_bibtex_file(catalog, built_site):
    text = html.unescape((built_site / "papers" / "index.html").read_text(encoding="utf-8"))
    every = (built_site / "papers" / "all.bib").read_text(encoding="utf-8")
    for paper in catalog.papers.values():
        assert f'<a href="../papers/{paper.id}.bib" download>' in text, f"no BibTeX link for {paper.id}"
        assert f"({SITE_URL}papers/#{paper.id})" in text
        for paper_id in (paper.id, *paper.aliases):  # an old id keeps its file
            entry = (built_site / "papers" / f"{paper_id}.bib").read_text(encoding="utf-8")
            assert entry.startswith(f"@misc{{{paper.id},\n") and entry in every


def test_old_paper_ids_keep_their_anchor(catalog):
    paper = dataclasses.replace(next(iter(catalog.papers.values())), aliases=("old-paper-id",))
    table = render_papers_table([paper], catalog, "../")
    assert 'id="old-paper-id"' in table and f'id="{paper.id}"' in table
