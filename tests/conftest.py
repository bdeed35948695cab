"""Shared fixtures: the real catalogue, one strict build of the real site, and throwaway project copies."""

from __future__ import annotations

import dataclasses
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

# Browser fixtures (local server, Chromium, request recording) live in their own module.
pytest_plugins = ["browser_support"]

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "macros", "overrides")


class _QuotingDumper(yaml.SafeDumper):
    """Quotes date-like strings ("2025-09"), as the data rules require; PyYAML leaves some bare."""


_QuotingDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="'" if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) else None))


def dump_yaml(document) -> str:
    """Data written by tests and benchmarks the way contributors write it (dates quoted, keys in order)."""
    return yaml.dump(document, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=1000)


def run_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` exactly as `make build` runs it (no -q: it would hide link warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.contrib.check", str(project)], cwd=project,
                          capture_output=True, text=True, timeout=120)


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def catalog():
    from macros.data.catalog import load_catalog

    return load_catalog(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of the real site, shared by every test that reads HTML or the API."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


# `pytest --fast` (used by `make mutation`): only the tests that need neither a build, a project copy nor a
# browser. They are deselected, not skipped: the run says how many it left out.
SLOW_FIXTURES = {"built_site", "project_copy", "local_site", "chromium", "hostile_site", "serving", "site_page",
                 "dark_site_page", "tmp_project"}


def pytest_addoption(parser):
    parser.addoption("--fast", action="store_true", help="deselect tests that build the site or drive a browser")


# Modules whose fixtures build sites or drive other tools for every test.
SLOW_MODULES = {"test_history.py", "test_linking_clients.py", "test_live_preview.py", "test_contributor_journey.py",
                "test_hostile_site.py", "test_inventory.py", "test_badges.py"}


def _runs_a_process(item) -> bool:
    """A test that builds, checks or scaffolds in a child process (its own source says so)."""
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return False
    return any(word in source for word in ("run_build(", "run_check(", "subprocess", "scaffold(", "make("))


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--fast"):
        return
    slow = [item for item in items if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
            or item.get_closest_marker("browser") or _runs_a_process(item) or item.path.name in SLOW_MODULES]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in slow]


def scaled_catalog(catalog, copies: int):
    """The catalogue with every family cloned `copies` times (renamed families and models, as `make bench` does)."""
    families, models = dict(catalog.families), dict(catalog.models)
    for copy in range(2, copies + 1):
        for family in catalog.families.values():
            clone = dataclasses.replace(family, id=f"{family.id}-s{copy}", name=f"{family.name} S{copy}", aliases=())
            families[clone.id] = clone
        for model in catalog.models.values():
            base = f"{model.base_model}-s{copy}" if model.base_model else None
            clone = dataclasses.replace(model, id=f"{model.id}-s{copy}", name=f"{model.name}-S{copy}",
                                        family=f"{model.family}-s{copy}", base_model=base, aliases=())
            models[clone.id] = clone
    return dataclasses.replace(catalog, families=families, models=models)
