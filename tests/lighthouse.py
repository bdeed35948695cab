"""`make lighthouse`: Lighthouse scores of the key pages, served gzip-compressed as GitHub Pages serves them.

Not part of `make test` (it needs the lighthouse npm package and takes minutes). Usage:
    python -m tests.lighthouse SITE_DIR [--lighthouse PATH_TO_LIGHTHOUSE_CLI] [--runs N] [--page PATH ...]
        [--details] [--keep DIR]
Prints one line per page: performance, accessibility, best practices, SEO, CLS, TBT, LCP, FCP, SI, transferred
bytes. With --runs N each page is audited N times and the median run (by performance, then TBT) is printed, with
the spread of performance and TBT over the runs: the machine is shared, single runs are noisy. --details adds the
audits that explain a score: main-thread work by category, script boot-up, long tasks, DOM size, LCP breakdown,
render-blocking requests and unused CSS/JS. --keep DIR keeps every JSON report.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
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


def audit(cli: str, url: str, keep: Path | None = None, tag: str = "") -> dict:
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        subprocess.run([cli, url, "--quiet", "--output=json", f"--output-path={report}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)})
        data = json.loads(report.read_text(encoding="utf-8"))
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{tag}.json").write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    scores = {k: v["score"] for k, v in data["categories"].items()}
    audits = data["audits"]
    value = lambda key: audits.get(key, {}).get("numericValue")  # noqa: E731
    return {**scores, "cls": value("cumulative-layout-shift"), "tbt_ms": value("total-blocking-time"),
            "lcp_ms": value("largest-contentful-paint"), "fcp_ms": value("first-contentful-paint"),
            "si_ms": value("speed-index"), "bytes": value("total-byte-weight"), "details": details(audits)}


def _items(audits: dict, key: str) -> list[dict]:
    return (audits.get(key, {}).get("details") or {}).get("items") or []


def _source(source: dict) -> str:
    return source.get("url", source.get("value", "")).rsplit("/", 1)[-1]


def details(audits: dict) -> dict:
    """The audits that explain performance, reduced to short lists."""
    out = {}
    out["mainthread"] = {i["groupLabel"]: round(i["duration"]) for i in _items(audits, "mainthread-work-breakdown")}
    out["bootup"] = [(i["url"].rsplit("/", 1)[-1] or i["url"], round(i.get("scripting", 0)),
                      round(i.get("scriptParseCompile", 0)), round(i.get("total", 0)))
                     for i in _items(audits, "bootup-time")]
    out["long_tasks"] = [(i.get("url", "").rsplit("/", 1)[-1], round(i.get("startTime", 0)), round(i["duration"]))
                         for i in _items(audits, "long-tasks")][:8]
    out["dom"] = {i["statistic"]: i["value"]["value"] for i in _items(audits, "dom-size-insight")}
    out["reflow_ms"] = [(_source(i["source"]), round(i["reflowTime"]))
                        for part in _items(audits, "forced-reflow-insight") for i in part.get("items", [])
                        if "reflowTime" in i]
    for part in _items(audits, "lcp-breakdown-insight"):
        if part.get("type") == "table":
            out["lcp_phases"] = {i["subpart"]: round(i["duration"]) for i in part["items"]}
        elif part.get("type") == "node":
            out["lcp_element"] = part.get("selector", "")[-60:]
    out["render_blocking"] = [(i["url"].rsplit("/", 1)[-1], round(i.get("wastedMs", 0)))
                              for i in _items(audits, "render-blocking-insight")]
    out["unused_css"] = [(i["url"].rsplit("/", 1)[-1], round(i.get("wastedBytes", 0) / 1024))
                         for i in _items(audits, "unused-css-rules")]
    out["unused_js"] = [(i["url"].rsplit("/", 1)[-1], round(i.get("wastedBytes", 0) / 1024))
                        for i in _items(audits, "unused-javascript")]
    out["requests"] = [(i["url"].rsplit("/", 1)[-1] or "/", round(i.get("transferSize", 0) / 1024, 1))
                       for i in _items(audits, "network-requests") if not i["url"].startswith("data:")]
    return out


def median_run(runs: list[dict]) -> dict:
    """The run whose performance is the median (ties broken by TBT), with the spread of all runs."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["tbt_ms"]))
    chosen = dict(ordered[len(ordered) // 2])
    chosen["perf_runs"] = [r["performance"] for r in runs]
    chosen["tbt_runs"] = [round(r["tbt_ms"]) for r in runs]
    chosen["lcp_runs"] = [round(r["lcp_ms"]) for r in runs]
    chosen["tbt_median"] = statistics.median(r["tbt_ms"] for r in runs)
    chosen["lcp_median"] = statistics.median(r["lcp_ms"] for r in runs)
    return chosen


def print_details(d: dict) -> None:
    print("    main thread:", ", ".join(f"{k} {v}" for k, v in d["mainthread"].items()))
    print("    boot-up (scripting, parse, total ms):", "; ".join(f"{u} {s}/{p}/{t}" for u, s, p, t in d["bootup"]))
    print("    long tasks (url, start, ms):", "; ".join(f"{u or '-'} @{s} {t}" for u, s, t in d["long_tasks"]))
    print("    DOM:", d["dom"], " forced reflow:", d["reflow_ms"])
    print("    LCP element:", d.get("lcp_element"), d.get("lcp_phases", ""))
    print("    render-blocking:", d["render_blocking"], " unused CSS KB:", d["unused_css"],
          " unused JS KB:", d["unused_js"])
    print("    requests (KB transferred):", d["requests"], flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--runs", type=int, default=1, help="audits per page; the median run is reported")
    parser.add_argument("--page", action="append", help="audit only these paths (default: the key pages)")
    parser.add_argument("--details", action="store_true", help="print the audits behind each score")
    parser.add_argument("--keep", type=Path, help="keep every JSON report in this folder")
    args = parser.parse_args()
    server, base = serve(args.site)
    results = {}
    try:
        for page in (args.page or PAGES):
            tag = (page.strip("/").split("?")[0] or "home").replace("/", "_")
            runs = [audit(args.lighthouse, base + page, args.keep, f"{tag}-{n}") for n in range(args.runs)]
            result = median_run(runs)
            results[page or "/"] = {k: v for k, v in result.items() if k != "details"}
            print(f"{page or '/':40} perf {result['performance']:.2f}  a11y {result['accessibility']:.2f}  "
                  f"bp {result['best-practices']:.2f}  seo {result['seo']:.2f}  CLS {result['cls']:.3f}  "
                  f"TBT {result['tbt_ms']:.0f} ms  LCP {result['lcp_ms']:.0f}  FCP {result['fcp_ms']:.0f}  "
                  f"SI {result['si_ms']:.0f}  {result['bytes'] / 1024:.0f} KB", flush=True)
            if args.runs > 1:
                print(f"    runs: perf {result['perf_runs']}  TBT {result['tbt_runs']}  LCP {result['lcp_runs']}",
                      flush=True)
            if args.details:
                print_details(result["details"])
    finally:
        server.shutdown()
    Path(".bench").mkdir(exist_ok=True)
    Path(".bench/lighthouse.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
