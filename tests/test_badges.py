"""/badges/<model-id>.svg: one per model (and per alias), small, well-formed, accessible, and inert whatever
a model's name contains."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from macros.outputs import badges
from macros.views.render_cite import model_badge_snippets, render_cite_box

SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 2048


def _check_svg(data: bytes, name: str) -> ET.Element:
    assert len(data) < MAX_BYTES, f"badge for {name!r} is {len(data)} bytes"
    root = ET.fromstring(data)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == root.get("aria-label")
    assert " ".join(name.split()) in title.text
    assert not [e for e in root.iter() if e.tag.removeprefix(SVG) in ("script", "foreignObject", "a", "image")]
    return root


def test_every_model_has_a_small_well_formed_badge(catalog, built_site):
    sizes = []
    for model in catalog.models.values():
        data = (built_site / badges.badge_path(model.id)).read_bytes()
        _check_svg(data, model.name)
        assert data.decode("utf-8") == badges.render_badge(model)
        sizes.append(len(data))
    assert len(sizes) == len(catalog.models)
    assert max(sizes) < MAX_BYTES


def test_badge_shows_name_size_context_and_licence(catalog):
    root = ET.fromstring(badges.render_badge(catalog.models["qwen3-30b-a3b"]))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Qwen3-30B-A3B", "30.5B-A3.3B · 32K→128K ctx · Apache-2.0"]
    assert root.get("aria-label") == ("Qwen3-30B-A3B: 30.5B parameters, 3.3B active, 32K context, 128K extended, "
                                      "Apache-2.0 (Qwen Atlas)")
    width = float(root.get("width"))
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("x")) + float(text.get("textLength")) <= width, "text runs past the badge"


@pytest.mark.parametrize("total, active, arch, expected", [
    (30.5, 3.3, "moe", "30.5B-A3.3B"), (2400, 95, "moe", "2.4T-A95B"), (8.2, None, "dense", "8.2B"),
    (0.033, None, "dense", "33M"), (0.5, None, "dense", "0.5B"), (None, None, "dense", None),
])
def test_size_as_people_say_it(catalog, total, active, arch, expected):
    model = dataclasses.replace(catalog.models["qwen3-8b"], params_total_b=total, params_active_b=active,
                                architecture=arch)
    assert badges.size_text(model) == expected


@pytest.mark.parametrize("native, maximum, expected", [
    (32768, 131072, "32K→128K ctx"), (262144, 262144, "256K ctx"), (None, 1000000, "≤1M ctx"), (None, None, None),
])
def test_context(catalog, native, maximum, expected):
    model = dataclasses.replace(catalog.models["qwen3-8b"], context_native=native, context_max=maximum)
    assert badges.context_short(model) == expected


HOSTILE = 'Qwen<script>alert("x")</script> & <b>Co\'s</b> ]]> <!-- \x01 {{ x }} [y](z)'


def test_hostile_names_are_escaped(catalog):
    model = dataclasses.replace(catalog.models["qwen3-8b"], name=HOSTILE, license='<a href="x">MIT</a>')
    svg = badges.render_badge(model)
    root = _check_svg(svg.encode("utf-8"), HOSTILE.replace("\x01", ""))
    assert "<script" not in svg and "<b>" not in svg and "<a " not in svg and "\x01" not in svg
    shown = badges._shorten(" ".join(HOSTILE.replace("\x01", "").split()))
    assert [t.text for t in root.iter(f"{SVG}text")][0] == shown
    cite = render_cite_box(model, "https://qwenatlas.org/", "../../", "https://qwenatlas.org/models/qwen3-8b/")
    assert "<script" not in cite and "<b>" not in cite and '<a href="x">' not in cite
    html_snippet = model_badge_snippets(model, "https://qwenatlas.org/")["HTML"]
    assert "<script" not in html_snippet and "&lt;script&gt;" in html_snippet


def test_a_very_long_name_stays_small(catalog):
    model = dataclasses.replace(catalog.models["qwen3-8b"], name="Qwen" + "-Very-Long" * 12)
    data = badges.render_badge(model).encode("utf-8")
    assert len(data) < MAX_BYTES
    assert "…" in [t.text for t in ET.fromstring(data).iter(f"{SVG}text")][0]


def test_aliases_get_the_same_badge(catalog, tmp_path):
    renamed = dataclasses.replace(catalog)  # a new Catalog, so no index of the old records
    renamed.models = dict(catalog.models)
    renamed.models["qwen3-8b"] = dataclasses.replace(catalog.models["qwen3-8b"], aliases=("qwen3-8b-old",))
    written = badges.write_badges(renamed, tmp_path)
    assert written == len(catalog.models) + 1
    new, old = tmp_path / "badges" / "qwen3-8b.svg", tmp_path / "badges" / "qwen3-8b-old.svg"
    assert old.read_bytes() == new.read_bytes()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_read_on_light_and_dark_pages():
    assert _contrast(badges.NAME_TEXT, badges.NAME_BG) >= 7
    assert _contrast(badges.FACTS_TEXT, badges.FACTS_BG) >= 7
    for page in ("#ffffff", "#000000", "#1e2129"):  # white, black, Material's slate background
        assert _contrast(badges.OUTLINE, page) >= 3 or _contrast(badges.NAME_BG, page) >= 3 \
            or _contrast(badges.FACTS_BG, page) >= 3, f"the badge's edge disappears on {page}"
