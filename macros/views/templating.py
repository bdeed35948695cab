"""Views are Jinja templates under macros/templates/, fed by plain selection functions.

Every value a template prints goes through `esc` (HTML-escaped and inert for Markdown and Jinja), because
the output is pasted into Markdown pages; values already marked safe (Markup, e.g. a nested template's
output or an SVG built by svg.py) pass through unchanged. Blank lines are removed so Markdown keeps the
whole output as one raw HTML block.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .escape import esc, site_path, url_attr

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_BLANK_LINES = re.compile(r"\n\s*\n+")


def _finalize(value: object) -> object:
    if value is None or isinstance(value, Markup):
        return "" if value is None else value
    return Markup(esc(value))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["url"] = lambda url: Markup(url_attr(url))
    env.globals["site_path"] = lambda root, *parts: Markup(site_path(root, *parts))
    return env


ENVIRONMENT = _environment()  # templates are read once per process; they do not change during a build


def render(template: str, **context) -> Markup:
    """A template's output as one Markdown-safe HTML block."""
    html = ENVIRONMENT.get_template(template).render(**context)
    return Markup(_BLANK_LINES.sub("\n", html).strip())


def block(html: str) -> str:
    """Surround a rendered view with blank lines so Markdown treats it as a raw HTML block."""
    return f"\n\n{html}\n\n"


def render_markdown(template: str, **context) -> str:
    """A Markdown template (headings between HTML blocks): blank lines are kept, runs of them folded."""
    text = ENVIRONMENT.get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
