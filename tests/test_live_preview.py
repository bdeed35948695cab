"""`mkdocs serve` with bad data answers every request with the problems, and recovers on the next save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, predicate, seconds: float = 120) -> str:
    """Poll until the served page satisfies `predicate` (a state), giving up after `seconds`."""
    deadline, text = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        text = fetch(url)
        if text is not None and predicate(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} never reached the expected state; last answer:\n{(text or '')[:500]}")


@pytest.fixture
def serving(project_copy):
    # The preview starts on bad data (a calendar-impossible month), so its first build stops early.
    family = project_copy / "data/models/qwq.yaml"
    good = family.read_text(encoding="utf-8")
    family.write_text(good.replace('released: "2024-11-28"', 'released: "2024-13-28"', 1), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield project_copy, f"http://127.0.0.1:{port}/", good
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_data_error_is_shown_on_every_page_then_the_site_comes_back(serving):
    project, url, good = serving
    for path in ("", "finder/", "threads/long-context/"):  # every page answers, none hangs
        page = wait_for(url + path, lambda page: "The data has problems" in page, 300)
        assert "data/models/qwq.yaml:" in page and "qwq-32b-preview" in page and "released" in page
    (project / "data/models/qwq.yaml").write_text(good, encoding="utf-8")
    wait_for(url + "finder/", lambda page: "The data has problems" not in page and "data-finder" in page)
