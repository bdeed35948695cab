"""Ways to cite a paper: its permalink on this site, a ready Markdown link, and a BibTeX entry."""

from __future__ import annotations

import calendar
import html
import re

from ..data.records import Model, Paper
from ..outputs import badges, permalinks
from .templating import render

_ARXIV = re.compile(r"^https?://arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$")
_BIBTEX_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                                 "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                                 "^": r"\textasciicircum{}"})
_KIND_NOTE = {"paper": "Paper", "report": "Technical report", "blog": "Blog post"}


def bibtex_text(text: str) -> str:
    return " ".join(text.split()).translate(_BIBTEX_SPECIAL)


def bibtex_authors(authors: str | None) -> str | None:
    """Free-text authors ('A, B, ... Z (Qwen Team)', 'X et al.', 'Qwen Team') as a BibTeX author list.

    An elided list keeps the names before the elision and ends with 'and others'; a team name is braced
    so BibTeX does not read it as a person.
    """
    if not authors:
        return None
    text = re.sub(r"\s*\([^()]*\)\s*$", "", " ".join(authors.split()))
    if ":" in text:  # "Qwen Team: An Yang, ..." names the team, then the people
        text = text.split(":", 1)[1]
    truncated = bool(re.search(r"\bet al\.?$", text))
    text = re.sub(r"\s*\bet al\.?$", "", text)
    names = []
    for name in (n.strip() for n in text.split(",")):
        if name.startswith(("...", "…")):  # names after an elision are dropped: 'and others' must come last
            truncated = True
            break
        if name:
            names.append(name)
    if not names:
        return None
    if len(names) == 1 and not truncated and " " in names[0] and "team" in names[0].lower():
        return "{" + bibtex_text(names[0]) + "}"
    return " and ".join(bibtex_text(n) for n in names) + (" and others" if truncated else "")


def bibtex_entry(paper: Paper, site_url: str) -> str:
    """A @misc entry (fits papers, reports and posts alike); arXiv papers get eprint fields."""
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_text(paper.title) + "}")]
    author = bibtex_authors(paper.authors)
    if author:
        fields.append(("author", author))
    fields += [("year", str(paper.date.year)), ("month", calendar.month_abbr[paper.date.month].lower())]
    fields.append(("date", paper.date.iso))  # BibLaTeX: YYYY-MM when only the month is known
    arxiv = _ARXIV.match(paper.url)
    if arxiv:
        fields += [("eprint", arxiv[1]), ("archiveprefix", "arXiv")]
    fields += [("howpublished", "\\url{" + paper.url + "}"), ("url", paper.url),
               ("note", f"{_KIND_NOTE.get(paper.kind, paper.kind)}. Listed at "
                        f"\\url{{{permalinks.absolute(site_url, permalinks.paper_anchor(paper.id))}}}")]
    body = ",\n".join(f"  {name} = {{{value}}}" if name not in ("month",) else f"  {name} = {value}"
                      for name, value in fields)
    return f"@misc{{{paper.id},\n{body}\n}}"


def markdown_link(title: str, url: str) -> str:
    safe_title = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{safe_title}]({url})"


# --- Cite as of (history helper): the data version and this record's data file at that version. ---------


# --- Linking helper (issue 16): a model's badge and link-by-name snippets for its cite box ------------------
# Each snippet sits in <div class="copy" id=...><pre><code>: Material adds its copy button to code blocks
# inside a `.copy` element even where content.code.copy is off, and the wrapper's id keeps the buttons apart.

def model_badge_snippets(model: Model, site_url: str) -> dict[str, str]:
    """Ready-to-paste badge markup, keyed by format. Each links the badge to the model's page."""
    permalink = permalinks.absolute(site_url, permalinks.model_page(model.id))
    badge = permalinks.absolute(site_url, badges.badge_path(model.id))
    alt = badges.badge_label(model)
    markdown_alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    rest_alt = alt.replace("\\", "\\\\")  # reST reads a backslash as an escape
    return {
        "Markdown": f"[![{markdown_alt}]({badge})]({permalink})",
        "reStructuredText": f".. image:: {badge}\n   :alt: {rest_alt}\n   :target: {permalink}",
        "HTML": f'<a href="{html.escape(permalink)}"><img src="{html.escape(badge)}" alt="{html.escape(alt)}"></a>',
    }


def model_name_snippets(model: Model) -> dict[str, str]:
    """Links by name, checked at build time by the linking project (see docs/about/url-contract.md)."""
    title = model.name.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return {"Sphinx": f":external+qwenatlas:ref:`{model.id}`", "MkDocs": f"[{title}][{model.id}]"}


def cite_view(model: Model, site_url: str, root: str, permalink: str, as_of: dict | None) -> dict:
    """What the model page's cite box shows (macros/templates/cite_box.html). `root` is the relative path from
    the page to the site root ('../../' on a model page); `as_of` is history.cite_as_of(model) or None."""
    width, height = badges.badge_size(model)
    return {
        "root": root, "permalink": permalink, "markdown": f"[{model.name}]({permalink})",
        "html_link": f'<a href="{permalink}">{model.name}</a>',
        "json_url": permalinks.absolute(site_url, permalinks.model_json(model.id)),
        "badge": {"src": root + badges.badge_path(model.id), "alt": badges.badge_label(model), "width": width,
                  "height": height, "snippets": list(model_badge_snippets(model, site_url).items())},
        "names": model_name_snippets(model), "as_of": as_of,
    }


def render_cite_box(model: Model, site_url: str, root: str, permalink: str, as_of: dict | None = None) -> str:
    return str(render("cite_box.html", **cite_view(model, site_url, root, permalink, as_of)))
