"""The page `mkdocs serve` shows in place of every page while the data or the pages have problems."""

from __future__ import annotations

import html


def preview_problems_page(report: str) -> str:
    """Markdown with one HTML block: the report, escaped (it quotes contributors' values), and what to do."""
    lines = "\n".join(html.escape(line) for line in report.splitlines())
    return ("# The data has problems\n\n"
            '<div class="admonition failure"><p class="admonition-title">Fix these, save, and this page reloads '
            "with the site</p>\n"
            f"<pre><code>{lines}</code></pre>\n</div>\n\n"
            "`make check` prints the same list. Nothing else is shown until they are fixed.\n")
