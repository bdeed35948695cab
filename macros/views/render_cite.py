"""Ways to cite a paper: its permalink on this site, a ready Markdown link, and a BibTeX entry."""

from __future__ import annotations

import calendar
import re

from ..data.records import Paper
from ..outputs import permalinks
from .escape import esc

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


def paper_cite_html(paper: Paper, site_url: str) -> str:
    permalink = permalinks.absolute(site_url, permalinks.paper_anchor(paper.id))
    return (f'<details class="atlas-cite"><summary>Cite</summary><dl>'
            f"<dt>Permalink</dt><dd><code>{esc(permalink)}</code></dd>"
            f"<dt>Markdown</dt><dd><code>{esc(markdown_link(paper.title, permalink))}</code></dd>"
            f"<dt>BibTeX</dt><dd><pre><code>{esc(bibtex_entry(paper, site_url))}</code></pre></dd>"
            f"</dl></details>")
