"""Generated HTML kept out of Markdown's way.

Python-Markdown re-parses every raw HTML block tag by tag before passing it through unchanged (and MkDocs parses it
once more for anchor ids); with the catalogue's tables, cards, graphs and model pages that was about half of the
build's time. Generated HTML is therefore swapped for a placeholder word before Markdown runs and put back into the
converted page (the on_page_content hook), so the page is the one Markdown alone would make, and Markdown only
sees the prose around it. Blocks the site search skips anyway come back only after the search plugin has read the
page, so it does not parse them either.

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
# What MkDocs counts as an anchor in raw HTML: any element's id, and an <a>'s name (quoted or not).
_ANCHOR = re.compile(r"""<(?:[a-zA-Z][^>]*?\sid|a\s[^>]*?(?<=\s)name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
                     re.I)
_HEADING = re.compile(r"<h[1-6][\s>]", re.I)
_FENCE = re.compile(r"(`{3,}|~{3,})")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class HtmlStash:
    """One build's stashed HTML, by placeholder. A placeholder is one plain word, so Markdown leaves it alone
    wherever it stands: alone in a paragraph (then it comes back without the paragraph around it, as Markdown
    would have left a block of raw HTML) or inside running text."""

    def __init__(self) -> None:
        self._blocks: dict[str, str] = {}
        self._deferred: dict[str, str] = {}
        self._numbers = itertools.count()
        self._prefix = f"atlasstash{secrets.token_hex(4)}x"  # no page can contain it by chance
        # A key ends in "z", so a digit right after a placeholder cannot run into its number.
        self._placeholder = re.compile(rf"(<h[1-6](?:\s[^>]*)?>)|(<p>)?({self._prefix}\d+z)(</p>)?", re.I)
        self._deferred_marker = re.compile(rf"<!--({self._prefix}\d+z)-->")

    def put(self, html: str) -> str:
        """Stash HTML as Markdown would have read it: line ends, tabs and blank lines normalised as its first
        step does to the whole page (tabs as at the start of a line, where a stashed block starts)."""
        html = html.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
        key = f"{self._prefix}{next(self._numbers)}z"  # never reused: restoring removes blocks from the dict
        self._blocks[key] = re.sub(r"(?<=\n) +\n", "\n", html)
        return key

    def put_whole(self, html: str) -> str:
        """Stash a macro's block of HTML. Its placeholder gets a paragraph of its own, as the block of raw HTML
        it stands for would have been a block of its own to Markdown (text right above or below it included)."""
        return f"\n\n{self.put(html.strip())}\n\n"

    def put_blocks(self, markdown: str) -> str:
        """Stash each HTML block of generated Markdown: from a line that starts with a block-level tag to the line
        where that element closes, nothing but the element on those lines and no blank line between. Anything
        else (headings, prose, code fences, an element not closed in time, text after the closing tag, a comment
        over several lines) stays for Markdown, as it was."""
        lines, out, i, fence = markdown.split("\n"), [], 0, None
        while i < len(lines):
            opened = _FENCE.match(lines[i].lstrip())
            if opened and (fence is None or opened.group(1).startswith(fence)):
                fence = None if fence else opened.group(1)[:3]
            end = _block_end(lines, i) if fence is None and _opens_block(lines[i]) else None
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            while end < len(lines) and _opens_block(lines[end]):  # the next element, right below: same block
                following = _block_end(lines, end)
                if following is None:
                    break
                end = following
            if out and out[-1].strip():
                out.append("")  # text right above the block stays a paragraph of its own
            out.append(self.put("\n".join(lines[i:end])))
            if end < len(lines) and lines[end].strip():
                out.append("")  # and so does text right below it
            i = end
        return "\n".join(out)

    def restore(self, html: str, anchors: set[str] | None = None, defer_sections: bool = False,
                unindexed=None) -> str:
        """The converted page with every placeholder it holds replaced by its HTML (each is used once).

        anchors: filled with the ids the page's blocks carry (MkDocs checks links to anchors against the ids it
        found in the page's raw HTML, which no longer holds these blocks).
        A block the site search skips anyway comes back as a comment instead, so the search plugin does not
        parse it; `restore_deferred` puts it in once the search has read the page. That is, a block standing
        alone:
        - in a section whose heading carries data-search-exclude (the search drops such a section whole), when
          defer_sections is set: only for pages whose headings are all top-level, as generated model pages'
          are (a heading nested in an element ends its section earlier);
        - or that is one element which `unindexed(block)` says the search skips with everything in it.
        A block holding a heading of its own is never deferred (the search would start a section there)."""
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
                raise KeyError(f"{key} was restored already: a page holds it twice")
            if anchors is not None:
                anchors.update(html_module.unescape(next(v for v in m.groups() if v is not None))
                               for m in _ANCHOR.finditer(block))
            standalone = opening and closing and _starts_with_block_tag(block)
            skipped = (defer_sections and unsearched) or (
                unindexed is not None and unindexed(block) and _one_element(block))
            if standalone and skipped and not _HEADING.search(block):
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


def _walk(text: str, stack: list[str]) -> int | None:
    """Follow the tags of `text` on `stack`; the offset just after the tag that empties it, -1 if it stays open,
    None on a closing tag that does not match or a comment left open."""
    if "<!--" in text and text.rfind("-->") < text.rfind("<!--"):
        return None
    for match in _TAG.finditer(text):
        closing, name, self_closed = match.groups()
        if name is None or self_closed or name.lower() in _VOID:
            continue  # a comment, <br>, <path/>
        if not closing:
            stack.append(name.lower())
        elif not stack or stack.pop() != name.lower():
            return None
        if not stack:
            return match.end()
    return -1


def _block_end(lines: list[str], first: int) -> int | None:
    """The index just after the line where the element opened on lines[first] closes, when nothing but white
    space follows it there; None when a blank line, the end of the text, a mismatched tag or more text comes."""
    stack: list[str] = []
    for index in range(first, len(lines)):
        if not lines[index].strip():
            return None
        end = _walk(lines[index], stack)
        if end is None:
            return None
        if end >= 0:
            return index + 1 if not lines[index][end:].strip() else None
    return None


def _one_element(html: str) -> bool:
    """HTML that is one element, with nothing after it: whatever holds the outermost element holds it all."""
    end = _walk(html, [])
    return end is not None and end >= 0 and not html[end:].strip()
