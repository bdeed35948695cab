"""The recipes of docs/about/url-contract.md, followed with the real clients from empty folders.

A throw-away Sphinx project (intersphinx) and a throw-away MkDocs project (mkdocstrings + autorefs) are
written from the page's own snippets, with the published address swapped for the built site served on
127.0.0.1. Each links to three models, a family and a paper by name, builds with warnings as errors, and must
end with links to the right pages, each of which exists in the built site. A name that does not exist must
fail the build with the warning the page quotes. Without the clients the tests skip (CI=true: they fail).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "about" / "url-contract.md"
PUBLISHED = "https://qwenatlas.org/"  # the address the recipes use (mkdocs.yml site_url)

# What the usage snippets link to, in order: three models, a family and a paper.
EXPECTED_TARGETS = ["models/qwen3-8b/", "models/qwen3-30b-a3b/", "models/qwen3-235b-a22b/", "families/qwen3/",
                    "papers/#qwen3-technical-report"]
EXPECTED_TEXTS = ["Qwen3-8B", "Qwen3-30B-A3B", "Qwen3-235B-A22B", "Qwen3", "Qwen3 Technical Report"]

CLIENTS = {
    "sphinx": ("sphinx", "sphinx.ext.intersphinx"),
    "mkdocs": ("mkdocs", "mkdocstrings", "mkdocstrings_handlers.python", "mkdocs_autorefs"),
    "sphobjinv": ("sphobjinv",),
}
HOW_TO_INSTALL = ("the linking clients are test dependencies: `.venv/bin/pip install -r requirements.lock` "
                  "(sphinx, mkdocstrings, mkdocstrings-python, mkdocs-autorefs, sphobjinv); CI=true turns this "
                  "skip into a failure")


def require(client: str) -> None:
    missing = [m for m in CLIENTS[client] if importlib.util.find_spec(m.split(".")[0]) is None
               or importlib.util.find_spec(m) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: {HOW_TO_INSTALL}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def page_blocks(kind: str) -> dict[str, str]:
    """The fenced code block after each `<!-- kind: name -->` marker on the page, by name."""
    text = PAGE.read_text(encoding="utf-8")
    pattern = rf"<!-- {kind}: ([\w-]+) -->\s*(?:<div[^>]*>\s*)?```[\w-]*\n(.*?)\n```"
    return {name: body for name, body in re.findall(pattern, text, flags=re.S)}


RECIPES = page_blocks("recipe")
WARNINGS = page_blocks("warning")


def localise(text: str, base: str) -> str:
    return text.replace(PUBLISHED, base)


def client_env(tmp_path: Path) -> dict[str, str]:
    # A private cache: mkdocstrings keeps downloaded inventories for a day, keyed by URL.
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def run(args: list[str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True,
                          env=client_env(tmp_path), timeout=300)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def atlas_links(html_file: Path, base: str) -> list[tuple[str, str]]:
    """(site path, link text) of every link into the served atlas, in document order."""
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [(href.removeprefix(base), text) for href, text in parser.links if href.startswith(base)]


def assert_links_resolve(links: list[tuple[str, str]], site: Path) -> None:
    assert [path for path, _ in links] == EXPECTED_TARGETS
    for path, _ in links:
        page, _, anchor = path.partition("#")
        target = site / page / "index.html"
        assert target.is_file(), f"link to /{path}: no such page in the built site"
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"/{path}: no such anchor"


def warning_lines(output: str, project: Path) -> str:
    """Client output with the throw-away folder removed from paths, as the page quotes it."""
    return output.replace(str(project) + os.sep, "")


def test_the_page_has_every_recipe():
    assert {"sphinx-conf", "sphinx-usage", "sphinx-build", "sphinx-missing", "mkdocs-install", "mkdocs-config",
            "mkdocs-usage", "mkdocs-build", "mkdocs-missing", "markdown-usage", "list-names", "badge-markdown",
            "badge-restructuredtext", "badge-html"} <= set(RECIPES), sorted(RECIPES)
    assert {"sphinx", "mkdocs"} <= set(WARNINGS), sorted(WARNINGS)


# --- Sphinx -------------------------------------------------------------------------------------------------

def sphinx_project(folder: Path, base: str, extra: str = "") -> Path:
    folder.mkdir()
    (folder / "conf.py").write_text('project = "Linking test"\n' + localise(RECIPES["sphinx-conf"], base) + "\n",
                                    encoding="utf-8")
    body = "Linking test\n============\n\n" + RECIPES["sphinx-usage"] + "\n" + (f"\n{extra}\n" if extra else "")
    (folder / "index.rst").write_text(body, encoding="utf-8")
    return folder


def sphinx_build(project: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    command = RECIPES["sphinx-build"].split()
    assert command[0] == "sphinx-build" and command[-1] == "_build"
    return run(["sphinx", *command[1:]], project, tmp_path)


def test_sphinx_links_by_name(tmp_path, local_site, built_site):
    require("sphinx")
    project = sphinx_project(tmp_path / "sphinx", local_site.root)
    result = sphinx_build(project, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    links = atlas_links(project / "_build" / "index.html", local_site.root)
    assert_links_resolve(links, built_site)
    assert [text for _, text in links] == EXPECTED_TEXTS, "the link text is the record's name or title"


def test_sphinx_fails_on_a_missing_name_with_the_warning_the_page_quotes(tmp_path, local_site):
    require("sphinx")
    project = sphinx_project(tmp_path / "sphinx", local_site.root, RECIPES["sphinx-missing"])
    result = sphinx_build(project, tmp_path)
    assert result.returncode != 0, "a name that does not exist must fail the build"
    output = warning_lines(result.stdout + result.stderr, project)
    for line in WARNINGS["sphinx"].splitlines():
        assert line in output, f"the page quotes a warning Sphinx no longer prints: {line!r}\n{output}"


# --- MkDocs -------------------------------------------------------------------------------------------------

def mkdocs_project(folder: Path, base: str, extra: str = "") -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Linking test\n" + localise(RECIPES["mkdocs-config"], base) + "\n",
                                       encoding="utf-8")
    body = "# Linking test\n\n" + RECIPES["mkdocs-usage"] + "\n" + (f"\n{extra}\n" if extra else "")
    (folder / "docs" / "index.md").write_text(body, encoding="utf-8")
    return folder


def mkdocs_build(project: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    command = RECIPES["mkdocs-build"].split()
    assert command[:2] == ["mkdocs", "build"]
    return run(command, project, tmp_path)  # builds into site/, MkDocs' default


def test_mkdocs_links_by_name(tmp_path, local_site, built_site):
    require("mkdocs")
    assert RECIPES["mkdocs-install"].split() == ["pip", "install", "mkdocstrings-python", "mkdocs-autorefs"]
    project = mkdocs_project(tmp_path / "mkdocs", local_site.root)
    result = mkdocs_build(project, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    links = atlas_links(project / "site" / "index.html", local_site.root)
    assert_links_resolve(links, built_site)


def test_mkdocs_fails_on_a_missing_name_with_the_warning_the_page_quotes(tmp_path, local_site):
    require("mkdocs")
    project = mkdocs_project(tmp_path / "mkdocs", local_site.root, RECIPES["mkdocs-missing"])
    result = mkdocs_build(project, tmp_path)
    assert result.returncode != 0, "a name that does not exist must fail a strict build"
    output = warning_lines(result.stdout + result.stderr, project)
    for line in WARNINGS["mkdocs"].splitlines():
        assert line in output, f"the page quotes a warning MkDocs no longer prints: {line!r}\n{output}"


# --- Plain Markdown, the names list and the badge snippets --------------------------------------------------

def test_markdown_recipe_links_resolve(built_site):
    urls = re.findall(r"\]\((https://[^)]+)\)", RECIPES["markdown-usage"])
    assert len(urls) == 3
    for url in urls:
        assert url.startswith(PUBLISHED)
        path, _, anchor = url.removeprefix(PUBLISHED).partition("#")
        target = built_site / path / "index.html"
        assert target.is_file(), url
        assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), url


def test_list_names_recipe(tmp_path, local_site):
    require("sphobjinv")
    install, command = RECIPES["list-names"].splitlines()
    assert install == "pip install sphobjinv"
    args = localise(command, local_site.root).split()
    assert args[:3] == ["python", "-m", "sphobjinv"]
    result = run(args[2:], tmp_path, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    names = (tmp_path / args[-1]).read_text(encoding="utf-8")
    for line in ("qwen3-8b std:label -1 models/qwen3-8b/ Qwen3-8B", "family:qwen3 std:label -1 families/qwen3/ Qwen3",
                 "paper:qwen3-technical-report std:label -1 papers/#qwen3-technical-report Qwen3 Technical Report"):
        assert line in names


def test_badge_snippets_on_the_page_are_what_model_pages_show(catalog, built_site):
    from macros.views.render_cite import model_badge_snippets

    snippets = model_badge_snippets(catalog.models["qwen3-8b"], PUBLISHED)
    for kind, text in snippets.items():
        on_page = RECIPES[f"badge-{kind.lower()}"]
        assert on_page == text, f"docs/about/url-contract.md, badge-{kind.lower()}: replace the snippet with\n{text}"
    page = (built_site / "models" / "qwen3-8b" / "index.html").read_text(encoding="utf-8")
    for url in (urlsplit(u).path for u in re.findall(r"https://qwenatlas\.org/[^\s)\"&]+", snippets["HTML"])):
        target = built_site / url.lstrip("/")
        assert (target / "index.html" if url.endswith("/") else target).is_file(), url
    assert "badges/qwen3-8b.svg" in page, "the model page's cite box shows its badge"
