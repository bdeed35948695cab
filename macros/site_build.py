"""What one build knows: its catalogue, its history and, in live preview, the problems that stopped it.

The on_config hook makes one SiteBuild per build and keeps it on that build's MkDocs config; the macros
(define_env runs right after, in the macros plugin's own on_config) and every later hook read it from there.
Nothing lives in a module: `mkdocs serve` makes a new config, so each rebuild starts from a fresh SiteBuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .data.records import Catalog
from .outputs.html_stash import HtmlStash

ATTRIBUTE = "atlas_build"


@dataclass
class SiteBuild:
    catalog: Catalog = field(default_factory=Catalog)
    history: object | None = None  # macros.outputs.history.History, or None before it is collected
    problems: str | None = None  # set only in live preview: every page then shows them
    stash: HtmlStash = field(default_factory=HtmlStash)  # generated HTML, put back after Markdown


def attach(config, build: SiteBuild) -> SiteBuild:
    setattr(config, ATTRIBUTE, build)
    return build


def of(config) -> SiteBuild:
    """The build of this config; an empty one when the hooks did not run (e.g. a config made by a test)."""
    build = getattr(config, ATTRIBUTE, None)
    return build if build is not None else attach(config, SiteBuild())
