"""Bench for issue 15: build time with and without history, on a synthetic history of data commits.

    .venv/bin/python -m tests.bench_history [--commits 1000] [--keep DIR]

A copy of the project gets a first commit, then `commits` commits (written with git fast-import, in a few
seconds) that each change the notes of one model in one of ten family files. The site is built with the
history turned off (ATLAS_NO_HISTORY=1, the baseline), with an empty cache (the first build on a machine),
and with a warm cache (every later build). The target: warm builds within 10% of the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros.outputs import history
from tests.conftest import copy_project, dump_yaml

PLACEHOLDER = "ATLAS-BENCH-PLACEHOLDER"
FILES = 10


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], input=stdin, env=env,
                   check=True, capture_output=True, timeout=600)


def _templates(project: Path) -> dict[str, str]:
    """Family files rewritten once with a placeholder in their first model's notes: path -> text."""
    templates = {}
    for path in sorted((project / "data/models").glob("*.yaml")):
        if path.name.startswith("_") or len(templates) == FILES:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not document.get("models"):
            continue
        document["models"][0]["notes"] = f"Bench note, {PLACEHOLDER}."
        text = dump_yaml(document)
        templates[path.relative_to(project).as_posix()] = text
        path.write_text(text.replace(PLACEHOLDER, "revision 0"), encoding="utf-8")
    return templates


def make_repository(target: Path, commits: int) -> Path:
    project = copy_project(target)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "changes.md" not in text:  # until the page is in the lead's nav
        config.write_text(text.replace("  - Reference:\n", "  - Reference:\n      - What changed: changes.md\n", 1),
                          encoding="utf-8")
    templates = _templates(project)
    _git(project, "init", "-q")
    _git(project, "checkout", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Bench: the catalogue")
    paths, start = list(templates), 1_700_000_000
    stream = bytearray()
    for k in range(1, commits + 1):
        path = paths[k % len(paths)]
        content = templates[path].replace(PLACEHOLDER, f"revision {k}").encode()
        message = f"Bench: note revision {k} in {path}".encode()
        stream += (f"commit refs/heads/main\ncommitter Bench <bench@example.org> {start + 60 * k} +0000\n"
                   f"data {len(message)}\n").encode() + message + b"\n"
        if k == 1:
            stream += b"from refs/heads/main^0\n"
        stream += f"M 100644 inline {path}\ndata {len(content)}\n".encode() + content + b"\n\n"
    _git(project, "fast-import", "--quiet", stdin=bytes(stream))
    _git(project, "reset", "-q", "--hard", "main")
    return project


def _build(project: Path, site: Path, **env: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                            timeout=1800)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench_history: build failed in {project}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def bench_history(commits: int = 1000, keep: Path | None = None) -> dict:
    """Build times (seconds) without history, with a cold cache and with a warm cache; and the overhead."""
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="atlas-history-bench-"))
    try:
        started = time.perf_counter()
        project = make_repository(work / "repo", commits)
        setup = time.perf_counter() - started
        site = work / "site"
        cache = project / history.CACHE_DIR
        shutil.rmtree(cache, ignore_errors=True)
        cold = _build(project, site)  # empty cache: every commit parsed
        baseline, warm = [], []
        for _ in range(3):  # interleaved, best of three: the machine is shared
            baseline.append(_build(project, site, ATLAS_NO_HISTORY="1"))
            warm.append(_build(project, site))
        # The history work alone, in this process (robust to a busy machine): collect with the cache, the
        # page, every model's History block, changes.json and the feeds.
        from macros.data.catalog import load_catalog
        from macros.outputs.history_feed import feed_documents
        from macros.outputs.history_page import model_history_html, render_changes

        catalog = load_catalog(project)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            found = history.annotate(history.collect(project), catalog, "https://example.org/r", project / "docs")
            render_changes(found.events, "../")
            for model_id in catalog.models:
                model_history_html(model_id, found.events, "../../")
            json.dumps(history.changes_document(found, "now"), ensure_ascii=False, indent=1)
            feed_documents(found, "https://example.org/", {f.id: f.name for f in catalog.families.values()})
            timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        history.collect(project, use_cache=False)
        collect_cold = time.perf_counter() - started
        document = json.loads((site / "api/v1/changes.json").read_text(encoding="utf-8"))
        base, best_warm = min(baseline), min(warm)
        return {
            "commits": commits, "events": document["count"], "data_commits_seen": found.commits_scanned,
            "setup_s": round(setup, 2),
            "build_without_history_s": round(base, 2), "build_cold_cache_s": round(cold, 2),
            "build_warm_cache_s": round(best_warm, 2),
            "warm_overhead_pct": round(100 * (best_warm - base) / base, 1),
            "cold_overhead_pct": round(100 * (cold - base) / base, 1),
            "history_work_warm_s": round(min(timings), 3), "collect_cold_s": round(collect_cold, 2),
            "history_work_pct_of_build": round(100 * min(timings) / base, 1),
            "target_met": best_warm <= 1.10 * base,
        }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it")
    args = parser.parse_args()
    print(json.dumps(bench_history(args.commits, args.keep), indent=1))


if __name__ == "__main__":
    main()
