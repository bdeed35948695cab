"""Old URLs stay alive: every alias in data becomes a small HTML page at the old address that sends
the reader (and search engines, through rel=canonical) to the record's current page."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..data.records import Catalog
from ..views.escape import esc
from . import permalinks


@dataclass(frozen=True)
class Redirect:
    old_path: str  # site path of the old page, e.g. models/qwen3-old/
    new_path: str
    title: str  # the record's current name


class RedirectCollision(Exception):
    """An alias points at a URL a real page already uses."""


def alias_redirects(catalog: Catalog) -> list[Redirect]:
    redirects = [Redirect(permalinks.model_page(alias), permalinks.model_page(m.id), m.name)
                 for m in catalog.models.values() for alias in m.aliases]
    redirects += [Redirect(permalinks.family_page(alias), permalinks.family_page(f.id), f.name)
                  for f in catalog.families.values() for alias in f.aliases]
    return redirects


def relative_url(from_dir: str, to_path: str) -> str:
    """The link from a directory URL (models/old/) to another site path (models/new/)."""
    relative = posixpath.relpath(to_path or ".", from_dir.rstrip("/") or ".")
    return relative + ("/" if to_path.endswith("/") and relative != "." else "")


def render_redirect(redirect: Redirect, site_url: str) -> str:
    relative = relative_url(redirect.old_path, redirect.new_path)
    target, script_target = esc(relative), json.dumps(relative).replace("<", "\\u003c")
    canonical = esc(permalinks.absolute(site_url, redirect.new_path))
    title = esc(redirect.title)
    # The script keeps a #fragment the refresh would drop; the meta refresh works without JavaScript.
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} has moved - Qwen Atlas</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({script_target} + location.hash)</script>
</head>
<body>
<p>This page has moved: <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def write_redirects(redirects: list[Redirect], site_dir: Path, site_url: str) -> int:
    for redirect in redirects:
        target = site_dir / redirect.old_path / "index.html"
        if target.exists():
            raise RedirectCollision(f"alias URL /{redirect.old_path} is already a page; an alias must be an id "
                                    f"that is no longer used (redirect to /{redirect.new_path})")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_redirect(redirect, site_url), encoding="utf-8")
    return len(redirects)
