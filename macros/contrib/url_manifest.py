"""The manifest of every published URL (tests/published-urls.txt) and the check that they all resolve.

Once a URL is published, someone may link to it. `make urls` adds new URLs to the manifest and refuses to
drop any that stopped resolving; the test suite fails the same way, saying which alias to add.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.outputs.inventory import inventory_urls

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MANIFEST = PROJECT_ROOT / "tests" / "published-urls.txt"
HEADER = ("# Every URL Qwen Atlas has published, as a path from the site root. Refresh with `make urls`.\n"
          "# A line may only go away deliberately: see docs/about/url-contract.md.\n")
NOT_PUBLISHED = ("404.html",)
PUBLISHED_FILES = ("api/", "feeds/")  # machine-readable trees whose every file is part of the contract
PAPERS_PAGE = "papers/"
_PAPER_ANCHOR = re.compile(r'class="atlas-anchor" id="([^"]+)"')


def page_urls(site_dir: Path) -> list[str]:
    """Directory URLs of every HTML page, including redirect pages left by aliases ('' is the home page)."""
    urls = []
    for index in site_dir.rglob("index.html"):
        relative = index.parent.relative_to(site_dir).as_posix()
        urls.append("" if relative == "." else relative + "/")
    return urls


def file_urls(site_dir: Path) -> list[str]:
    return [p.relative_to(site_dir).as_posix() for prefix in PUBLISHED_FILES
            for p in (site_dir / prefix).rglob("*") if p.is_file()]


def paper_anchor_urls(site_dir: Path) -> list[str]:
    page = site_dir / PAPERS_PAGE / "index.html"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    return [f"{PAPERS_PAGE}#{anchor}" for anchor in _PAPER_ANCHOR.findall(text)]


def published_urls(site_dir: Path) -> list[str]:
    """Every URL of a built site that the URL contract covers, sorted."""
    urls = (set(page_urls(site_dir)) | set(file_urls(site_dir)) | set(paper_anchor_urls(site_dir))
            | set(inventory_urls(site_dir)))
    return sorted("/" + u for u in urls if u not in NOT_PUBLISHED)


def resolves(url: str, site_dir: Path, _pages: dict[str, str] | None = None) -> bool:
    """True when the built site still serves the URL ('/models/x/', '/papers/#id'): a page, a redirect
    page, a file, or an anchor in a page."""
    path, _, anchor = url.removeprefix("/").partition("#")
    target = site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path
    if not target.is_file():
        return False
    if not anchor:
        return True
    text = target.read_text(encoding="utf-8") if _pages is None else _pages.setdefault(
        path, target.read_text(encoding="utf-8"))
    return f'id="{anchor}"' in text


def unresolved(urls: list[str], site_dir: Path) -> list[str]:
    pages: dict[str, str] = {}
    return [u for u in urls if not resolves(u, site_dir, pages)]


def read_manifest(path: Path = MANIFEST) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def write_manifest(urls: list[str], path: Path = MANIFEST) -> None:
    path.write_text(HEADER + "".join(f"{u}\n" for u in sorted(set(urls))), encoding="utf-8")


def _advice(url: str) -> str:
    """What to do about one URL that stopped resolving."""
    match = re.fullmatch(r"/models/([^/]+)/|/api/v1/models/([^/]+)\.json|/badges/([^/]+)\.svg", url)
    if match:
        old = match[1] or match[2] or match[3]
        return (f"model '{old}' is gone. If it was renamed, add `aliases: [{old}]` to the renamed model in "
                f"data/models/<family>.yaml; a redirect page and a JSON copy are then generated at the old URLs.")
    match = re.fullmatch(r"/families/([^/]+)/|/api/v1/families/([^/]+)\.json|/feeds/families/([^/]+)\.xml", url)
    if match:
        old = match[1] or match[2] or match[3]
        return (f"family '{old}' is gone. If it was renamed, add `aliases: [{old}]` under `family:` in "
                f"data/models/<new-id>.yaml (the old page, JSON file and feed are then generated as redirects "
                f"and copies) and rename docs/families/{old}.md to the new id.")
    if url.startswith(f"/{PAPERS_PAGE}#"):
        old = url.split("#", 1)[1]
        return f"paper '{old}' is gone. If it was renamed, add `aliases: [{old}]` to the paper in data/papers/."
    return ("a hand-written page or published file was moved or deleted. Keep it at its old path, or leave a "
            "short page there that links to the new place.")


def explain(missing: list[str]) -> str:
    lines = [f"{len(missing)} published URL(s) no longer resolve in the built site (as a page, redirect, file "
             "or anchor). People link to these; keep them working:"]
    lines += [f"  {url}: {_advice(url)}" for url in missing]
    lines.append("Only if a URL must really go away, delete its line from tests/published-urls.txt "
                 "and say why in the commit (see docs/about/url-contract.md).")
    return "\n".join(lines)


def refresh(site_dir: Path, manifest: Path = MANIFEST) -> tuple[list[str], list[str]]:
    """Add the site's new URLs to the manifest. Returns (added, missing); writes nothing if any are missing."""
    known = read_manifest(manifest)
    missing = unresolved(known, site_dir)
    if missing:
        return [], missing
    current = published_urls(site_dir)
    added = sorted(set(current) - set(known))
    write_manifest(known + current, manifest)
    return added, []


def main() -> int:
    """`make urls`: build the site into a temporary directory and refresh the manifest from it."""
    with tempfile.TemporaryDirectory(prefix="atlas-urls-") as temp:
        site = Path(temp) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                               cwd=PROJECT_ROOT, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            print("The strict build failed; fix it before refreshing the URL manifest.", file=sys.stderr)
            return 1
        added, missing = refresh(site)
    if missing:
        print(explain(missing), file=sys.stderr)
        return 1
    print(f"{MANIFEST.relative_to(PROJECT_ROOT)}: {len(read_manifest())} URLs, {len(added)} added.")
    for url in added:
        print(f"  + {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
