"""Generated HTML kept out of Markdown's way.

Python-Markdown re-parses every raw HTML block tag by tag before passing it through unchanged; with the
catalogue's tables, cards, graphs and model pages that was almost half of the build's time. Generated HTML is
therefore swapped for a placeholder word before Markdown runs and put back into the converted page (the
on_page_content hook), so the page is the same and Markdown only sees the prose around it.

Only HTML this project generates goes through here (macro results and the blocks of generated model pages);
hand-written HTML in docs/ still goes through Markdown as usual.
"""

from __future__ import annotations

import html as html_module
import itertools
import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS

_ROOT_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9-]*)")
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)
# What MkDocs counts as an anchor in raw HTML: any element's id, and an <a>'s name.
_ANCHOR = re.compile(r"""<(?:[a-zA-Z][^>]*?\sid|a\s[^>]*?(?<=\s)name)=["']([^"']*)["']""")
_HEADING = re.compile(r"<h[1-6][\s>]")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class HtmlStash:
    """One build's stashed HTML, by placeholder. A placeholder is one plain word, so Markdown leaves it alone
    wherever it stands: alone in a paragraph (then it comes back without the paragraph around it, as Markdown
    would have left a block of raw HTML) or inside running text."""

    def __init__(self) -> None:
        self._blocks: dict[str, str] = {}
        self._numbers = itertools.count()
        self._prefix = f"atlasstash{secrets.token_hex(4)}x"  # no page can contain it by chance
        self._deferred: dict[str, str] = {}
        self._placeholder = re.compile(rf"(<h[1-6](?:\s[^>]*)?>)|(<p>)?({self._prefix}\d+)(</p>)?")
        self._deferred_marker = re.compile(rf"<!--({self._prefix}\d+)-->")

    def put(self, html: str) -> str:
        key = f"{self._prefix}{next(self._numbers)}"  # never reused: restoring removes blocks from the dict
        self._blocks[key] = html
        return key

    def put_whole(self, html: str) -> str:
        """Stash a whole block of HTML; the blank lines around it stay, so its placeholder keeps its own
        paragraph (as the HTML had its own block)."""
        body = html.strip()
        start = html.index(body[0]) if body else 0
        return html[:start] + self.put(body) + html[start + len(body):]

    def put_blocks(self, markdown: str) -> str:
        """Stash each HTML block of generated Markdown: from a line that starts with a block-level tag to the line
        where that element closes, with no blank line between (where Markdown's own raw-HTML block would end).
        Anything else (headings, prose, an element not closed in time) stays for Markdown."""
        lines, out, i = markdown.split("\n"), [], 0
        while i < len(lines):
            end = _block_end(lines, i) if _opens_block(lines[i]) else None
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            while end < len(lines) and _opens_block(lines[end]):  # the next element, right below: same block
                following = _block_end(lines, end)
                if following is None:
                    break
                end = following
            out.append(self.put("\n".join(lines[i:end])))
            if end < len(lines) and lines[end].strip():
                out.append("")  # text right below the block is a paragraph of its own, as Markdown makes it
            i = end
        return "\n".join(out)

    def restore(self, html: str, defer_unsearched: bool = False, anchors: set[str] | None = None,
                unindexed=lambda block: False) -> str:
        """The converted page with every placeholder it holds replaced by its HTML (each is used once).

        defer_unsearched: a block the site search would skip anyway comes back as a comment instead, so the
        search plugin does not parse it: a block standing in a section whose heading carries data-search-exclude
        (the search drops such a section whole), or one `unindexed(block)` says the search skips.
        `restore_deferred` puts it in once the search has read the page. A block holding a heading of its own is
        never deferred (that heading would start a section the search keeps).
        anchors: filled with the ids the page's blocks carry (MkDocs checks links to anchors against the ids it
        found in the page's raw HTML, which no longer holds these blocks)."""
        if self._prefix not in html:
            return html
        unsearched = False

        def back(match: re.Match) -> str:
            nonlocal unsearched
            heading, opening, key, closing = match.groups()
            if heading:
                unsearched = "data-search-exclude" in heading
                return heading
            block = self._blocks.pop(key, None)
            if block is None:
                return match.group(0)
            if anchors is not None:
                anchors.update(html_module.unescape(m.group(1)) for m in _ANCHOR.finditer(block))
            standalone = opening and closing and _starts_with_block_tag(block)
            if (defer_unsearched and standalone and (unsearched or unindexed(block))
                    and not _HEADING.search(block)):
                self._deferred[key] = block
                return f"<!--{key}-->"
            if standalone:
                return block  # a block of raw HTML: Markdown puts no paragraph around it
            return f"{opening or ''}{block}{closing or ''}"

        return self._placeholder.sub(back, html)

    def restore_deferred(self, html: str, finish=lambda block: block) -> str:
        """The page with its deferred blocks back in place; `finish` is applied to each block on the way."""
        if "<!--" + self._prefix not in html:
            return html
        return self._deferred_marker.sub(lambda m: finish(self._deferred.pop(m.group(1))), html)


def _starts_with_block_tag(html: str) -> bool:
    match = _ROOT_TAG.match(html)
    return bool(match) and match.group(1).lower() in BLOCK_LEVEL_ELEMENTS


def is_block_html(text) -> bool:
    """Text that starts, after blank space, with a block-level tag (a comment does not count)."""
    return isinstance(text, str) and text.lstrip().startswith("<") and _starts_with_block_tag(text)


def _opens_block(line: str) -> bool:
    """A line Markdown reads as the start of a raw HTML block: a block-level tag in its first column."""
    return line.startswith("<") and is_block_html(line)


def _block_end(lines: list[str], first: int) -> int | None:
    """The index just after the line where the element opened on lines[first] closes; None when a blank line, the
    end of the text or a mismatched closing tag comes first."""
    stack: list[str] = []
    for index in range(first, len(lines)):
        if not lines[index].strip():
            return None
        for match in _TAG.finditer(lines[index]):
            closing, name, self_closed = match.groups()
            if name is None or self_closed or name.lower() in _VOID:
                continue  # a comment, <br>, <path/>
            if not closing:
                stack.append(name.lower())
            elif not stack or stack.pop() != name.lower():
                return None
        if not stack:
            return index + 1
    return None
