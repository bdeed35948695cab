"""What changed (issue 15): fact-level history from git, as a page, a feed and an API.

A throw-away repository gets three commits after its first: a model is added, one of its fields is
corrected, and it is renamed (new id, old id kept as an alias). The build must show exactly those three
events in /api/v1/changes.json, the Atom feed and the page. A shallow clone builds strictly and says
history is unavailable; a second build reads the cache instead of parsing the commits again.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, dump_yaml, run_build
from macros.outputs import history
from macros.outputs.history_page import model_history_html, render_changes, value_pair_html

ATOM = "{http://www.w3.org/2005/Atom}"
FAMILY_FILE = "data/models/qwen3.yaml"
SOURCE_MODEL = "qwen3-8b"
OLD_ID, NEW_ID = "qwen3-history-9b", "qwen3-history-renamed-9b"
OLD_NAME, NEW_NAME = "Qwen3-History-9B", "Qwen3-History-Renamed-9B"
NAME_FIELDS = ("modelscope_repo", "api_names", "api_names_cn", "community_names", "builds")  # unique per model
SUBJECTS = ("Add Qwen3-History-9B", "Correct the layer count of Qwen3-History-9B",
            "Rename qwen3-history-9b to qwen3-history-renamed-9b")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Atlas Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Atlas Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, subject: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", subject, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def ensure_page_in_nav(project: Path) -> None:
    """The page must be in the nav for a strict build; add it to the copy if the lead has not yet."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "changes.md" not in text:
        config.write_text(text.replace("  - Reference:\n", "  - Reference:\n      - What changed: changes.md\n", 1),
                          encoding="utf-8")


def edit_family_file(project: Path, change) -> None:
    path = project / FAMILY_FILE
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document["models"])
    path.write_text("# yaml-language-server: $schema=../schema/atlas.schema.json\n"
                    + dump_yaml(document), encoding="utf-8")


def _find(models: list[dict], model_id: str) -> dict:
    return next(m for m in models if m["id"] == model_id)


def add_model(models: list[dict]) -> None:
    model = copy.deepcopy(_find(models, SOURCE_MODEL))
    model.update(id=OLD_ID, name=OLD_NAME, layers=36)
    if model.get("hf_repo"):
        model["hf_repo"] = f"Qwen/{OLD_NAME}"
    for key in NAME_FIELDS:
        model.pop(key, None)
        if isinstance(model.get("provenance"), dict):
            model["provenance"].pop(key, None)
    models.append(model)


def correct_model(models: list[dict]) -> None:
    _find(models, OLD_ID)["layers"] = 40


def rename_model(models: list[dict]) -> None:
    model = _find(models, OLD_ID)
    model.update(id=NEW_ID, name=NEW_NAME, aliases=[OLD_ID])


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> dict:
    """A project copy with a git history: the catalogue, then add, correct and rename one model."""
    project = copy_project(tmp_path_factory.mktemp("history") / "repo")
    ensure_page_in_nav(project)
    git(project, "init", "-q")
    git(project, "checkout", "-q", "-b", "main")
    shas = [commit_all(project, "Import the catalogue", "2026-01-05T10:00:00+00:00")]
    for subject, change, date in zip(SUBJECTS, (add_model, correct_model, rename_model),
                                     ("2026-02-01T09:00:00+00:00", "2026-02-01T15:30:00+01:00",
                                      "2026-03-10T12:00:00+00:00"), strict=True):
        edit_family_file(project, change)
        shas.append(commit_all(project, subject, date))
    site = tmp_path_factory.mktemp("history-site")
    result = run_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return {"project": project, "site": site, "shas": shas, "log": result.stdout + result.stderr}


def our_events(document: dict, shas: list[str]) -> list[dict]:
    return [e for e in document["events"] if e["commit"] in shas[1:]]


def test_changes_json_has_exactly_the_three_events(repo):
    document = json.loads((repo["site"] / "api/v1/changes.json").read_text(encoding="utf-8"))
    assert document["history"]["available"] is True
    assert document["data_version"]["commit"] == repo["shas"][-1]
    events = our_events(document, repo["shas"])
    assert [(e["kind"], e["record_id"], e["commit"]) for e in events] == [
        ("renamed", NEW_ID, repo["shas"][3]), ("correction", OLD_ID, repo["shas"][2]),
        ("new-model", OLD_ID, repo["shas"][1])]
    renamed, correction, added = events
    assert renamed["old_id"] == OLD_ID and renamed["reason"] == SUBJECTS[2]
    assert {"field": "id", "old": OLD_ID, "new": NEW_ID} in renamed["changes"]
    assert correction["changes"] == [{"field": "layers", "old": 36, "new": 40}]
    assert correction["reason"] == SUBJECTS[1] and correction["date"] == "2026-02-01T14:30:00Z"
    assert added["record_kind"] == "model" and added["family"] == "qwen3" and added["name"] == OLD_NAME
    # every event of the model links to today's page (the new id) and to its commit
    assert {e["url"] for e in events} == {f"models/{NEW_ID}/"}
    assert all(e["commit_url"].endswith("/commit/" + e["commit"]) for e in events)
    # the first commit is the catalogue itself: only additions, no corrections or removals
    first = [e for e in document["events"] if e["commit"] == repo["shas"][0]]
    assert first and {e["kind"] for e in first} <= {"new-model", "added"}
    assert len(document["events"]) == len(first) + 3


def test_every_api_file_carries_the_data_version(repo):
    api = repo["site"] / "api/v1"
    for name in ("models.json", "families.json", "all.json", f"models/{NEW_ID}.json", f"models/{OLD_ID}.json"):
        document = json.loads((api / name).read_text(encoding="utf-8"))
        assert document["data_version"]["commit"] == repo["shas"][-1], name
        assert document["data_version"]["date"] == "2026-03-10T12:00:00Z", name


def _entries(feed: Path) -> list[ET.Element]:
    return ET.parse(feed).getroot().findall(f"{ATOM}entry")


def test_feeds_list_the_three_events(repo):
    for path in ("feeds/changes.xml", "feeds/changes/qwen3.xml"):
        entries = _entries(repo["site"] / path)
        ids = [e.find(f"{ATOM}id").text for e in entries]
        ours = [i for i in ids if any(sha in i for sha in repo["shas"][1:])]
        assert len(ours) == 3, (path, ours)
        assert ours[0].endswith(f"/model/{NEW_ID}/renamed") and ours[2].endswith(f"/model/{OLD_ID}/new-model")
        titles = [e.find(f"{ATOM}title").text for e in entries[:3]]
        assert titles[0] == f"{NEW_NAME}: model renamed from {OLD_ID}"
        assert titles[1] == f"{OLD_NAME}: correction of layers"
        summary = entries[1].find(f"{ATOM}summary").text
        assert "layers: 36 → 40" in summary and SUBJECTS[1] in summary
        link = entries[1].find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link.endswith(f"/models/{NEW_ID}/")
    other = _entries(repo["site"] / "feeds/changes/qwen2.5.xml")  # every family has a feed, here only additions
    assert all("new-model" in e.find(f"{ATOM}id").text or "/added" in e.find(f"{ATOM}id").text for e in other)


def test_page_lists_the_three_events_newest_first(repo):
    page = (repo["site"] / "changes/index.html").read_text(encoding="utf-8")
    rename = page.index(f"renamed from <code>{OLD_ID}</code>")
    correction = page.index("<del>36</del> → <ins>40</ins>")
    added = page.index(f'data-kind="new-model" data-family="qwen3"><strong class="atlas-change-kind">New model'
                       f'</strong>\n· model <a href="../models/{NEW_ID}/">{OLD_NAME}</a>')
    catalogue = page.index("Import the catalogue")
    assert rename < correction < added < catalogue  # newest first
    assert page.count('<h2 id="day-2026-03-10">') == 1 and page.count('<h2 id="day-2026-02-01">') == 1
    for sha, subject in zip(repo["shas"][1:], SUBJECTS, strict=True):
        assert f"/commit/{sha}" in page and subject in page
    assert page.count(f'href="../models/{NEW_ID}/"') >= 3
    assert '<form class="atlas-changes-filter" hidden>' in page  # without JavaScript, everything shows
    assert 'data-kind="correction" data-family="qwen3"' in page


def test_second_build_reads_the_cache(repo, tmp_path):
    cache_file = repo["project"] / history.CACHE_DIR / history.CACHE_FILE
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert set(stored["commits"]) == set(repo["shas"])
    assert not git(repo["project"], "status", "--porcelain", "--ignored=no")  # the cache ignores itself
    # In-process: a second collection parses nothing.
    found = history.collect(repo["project"])
    assert (found.commits_scanned, found.cache_hits, found.commits_parsed) == (4, 4, 0)
    # A build reads the cache: a marker written into it shows up on the page and in the API.
    stored["commits"][repo["shas"][2]][0]["reason"] = "MARKER-FROM-CACHE"
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    try:
        site = tmp_path / "site"
        result = run_build(repo["project"], site)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        assert "MARKER-FROM-CACHE" in (site / "changes/index.html").read_text(encoding="utf-8")
        assert "MARKER-FROM-CACHE" in (site / "api/v1/changes.json").read_text(encoding="utf-8")
    finally:
        cache_file.unlink()


def test_shallow_clone_builds_strictly_and_says_history_is_unavailable(repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo['project']}", str(clone)], check=True,
                   capture_output=True, timeout=120)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    site = tmp_path / "site"
    result = run_build(clone, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert output.count("history is unavailable") == 1 and "WARNING" not in output
    page = (site / "changes/index.html").read_text(encoding="utf-8")
    assert "History is unavailable in this build" in page and "shallow clone" in page
    document = json.loads((site / "api/v1/changes.json").read_text(encoding="utf-8"))
    assert document["history"]["available"] is False and document["events"] == []
    assert document["data_version"]["commit"] == repo["shas"][-1]  # the data version is still known
    assert ET.parse(site / "feeds/changes.xml").getroot().findall(f"{ATOM}entry") == []


def test_no_git_means_no_history_and_no_failure(tmp_path):
    found = history.collect(tmp_path)
    assert not found.available and "outside a git" in found.reason and found.data_version is None
    html = render_changes(None, "../", unavailable=found.reason)
    assert "History is unavailable in this build" in html and "outside a git" in html
    assert "History is unavailable" in model_history_html("qwen3-8b", None, "../../", found.reason)


def test_model_history_follows_renames(repo):
    found = history.annotate(history.collect(repo["project"]), None, "https://github.com/o/r")
    html = model_history_html(NEW_ID, found.events, "../../")
    assert html.startswith('<details class="atlas-history">')
    assert "Renamed from <code>" in html and "<del>36</del> → <ins>40</ins>" in html and "New model" in html
    assert "2 changes since it was added" in html


def test_generic_diffs_of_mappings_lists_and_the_sources_migration():
    old = {"id": "m", "sources": ["https://a.example/x", "https://b.example/y"], "layers": 1,
           "provenance": {"layers": {"source": "card", "quote": "1 layer"}}}
    same_urls = {**old, "sources": {"card": "https://a.example/x", "config": "https://b.example/y"}}
    assert history.diff_values(old, same_urls, "") == []  # list -> mapping with the same URLs: no event
    requoted = {**old, "provenance": {"layers": {"source": "card", "quote": "one layer"}}}
    assert history.diff_values(old, requoted, "") == [
        {"field": "provenance.layers.quote", "old": "1 layer", "new": "one layer"}]
    assert history.classify(history.diff_values(old, requoted, "")) == "source-added"
    assert history.classify([{"field": "layers", "old": 1, "new": 2}]) == "correction"
    assert history.classify([{"field": "layers", "old": None, "new": 2},
                             {"field": "sources", "old": [], "new": ["https://a.example/x"]}]) == "fact-added"
    assert str(value_pair_html(["text"], ["text", "image"])) == "added <ins>image</ins>"


def test_files_that_do_not_parse_or_start_with_underscore_are_ignored():
    assert history.records_of(b"models: [unclosed") is None
    assert not history._data_file("data/models/_template.yaml") and history._data_file("data/models/qwen3.yaml")
    records = history.records_of(b"family: {id: f}\nmodels:\n- {id: a, released: 2025-01-02}\n")
    assert records[("model", "a")]["data"]["released"] == "2025-01-02"  # an unquoted date is text
    assert records[("model", "a")]["family"] == "f" and ("family", "f") in records
