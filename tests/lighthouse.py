"""`make lighthouse`: Lighthouse scores of the key pages, served gzip-compressed as GitHub Pages serves them.

Not part of `make test` (it needs the lighthouse npm package and takes minutes). Usage:
    python -m tests.lighthouse SITE_DIR [--lighthouse PATH_TO_LIGHTHOUSE_CLI]
Prints one line per page: performance, accessibility, best practices, SEO, CLS, TBT, transferred bytes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PAGES = ("", "models/qwen3-8b/", "finder/", "compare/?ids=qwen3-8b,qwen3.5-9b", "timeline/", "charts/")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def audit(cli: str, url: str) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        subprocess.run([cli, url, "--quiet", "--output=json", f"--output-path={report}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)})
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {k: v["score"] for k, v in data["categories"].items()}
    audits = data["audits"]
    return {**scores, "cls": audits["cumulative-layout-shift"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "bytes": audits["total-byte-weight"]["numericValue"]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default="lighthouse")
    args = parser.parse_args()
    server, base = serve(args.site)
    results = {}
    try:
        for page in PAGES:
            results[page or "/"] = result = audit(args.lighthouse, base + page)
            print(f"{page or '/':40} perf {result['performance']:.2f}  a11y {result['accessibility']:.2f}  "
                  f"bp {result['best-practices']:.2f}  seo {result['seo']:.2f}  CLS {result['cls']:.3f}  "
                  f"TBT {result['tbt_ms']:.0f} ms  {result['bytes'] / 1024:.0f} KB", flush=True)
    finally:
        server.shutdown()
    Path(".bench").mkdir(exist_ok=True)
    Path(".bench/lighthouse.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
