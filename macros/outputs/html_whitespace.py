"""Drop whitespace-only lines from built HTML.

Material's nav template loops over every nav item and leaves a few blank lines for each one it prunes,
so without this every page would carry bytes that grow with the nav. <pre> and <textarea> keep theirs."""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def drop_blank_lines(html: str) -> str:
    parts = _KEEP.split(html)
    # split() with one group alternates: even indexes are outside <pre>/<textarea>, odd ones inside.
    return "".join(part if index % 2 else _BLANK_LINES.sub("", part) for index, part in enumerate(parts))
