"""A sitemap.xml in each folder that pages point to with <link rel="alternate"> (feeds, API files).

Two readers need it. Crawlers: a folder's sitemap may list only URLs inside that folder, so these list the
machine-readable files. Material's JavaScript: it takes every rel="alternate" link for a translation of the
site and fetches sitemap.xml from that link's folder on each page load; without these files every page
view would cost the reader one or more 404 requests.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from . import permalinks

ALTERNATE_FOLDERS = ("feeds/", "feeds/families/", f"{permalinks.API_ROOT}models/",
                     f"{permalinks.API_ROOT}families/")


def render_sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n')


def write_directory_sitemaps(site_dir: Path, site_url: str, folders: tuple[str, ...] = ALTERNATE_FOLDERS) -> int:
    for folder in folders:
        directory = site_dir / folder
        files = sorted(p.name for p in directory.glob("*") if p.is_file() and p.name != "sitemap.xml")
        urls = [permalinks.absolute(site_url, folder + name) for name in files]
        (directory / "sitemap.xml").write_text(render_sitemap(urls), encoding="utf-8")
    return len(folders)
