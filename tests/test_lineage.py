"""Lineage: the selection functions on a small hand-made catalogue, the layouts, then the built SVG of a family
page and a model page (links, overlap, sources) and their weight."""

from __future__ import annotations

import itertools
import posixpath
import re
import threading
import xml.etree.ElementTree as ET

import pytest

from macros.data.dates import PartialDate
from macros.data.records import Build, Catalog, Family, Model, Origin, Provenance
from macros.views import lineage
from macros.views.templating import render

ORIGIN = Origin("data/models/test.yaml", 1)


def family(fid: str) -> Family:
    return Family(fid, fid.title(), "language", "", (), (), (), ORIGIN)


def model(mid: str, fam: str, released: str = "2025-01-10", base: str | None = None, relation: str | None = None,
          builds: tuple[Build, ...] | None = None, cited: tuple[str, ...] = (), size: float | None = 7.0) -> Model:
    """A model; `cited` names the fields whose provenance is recorded (quote "<field> of <id>")."""
    url = f"https://huggingface.co/Qwen/{mid}"
    provenance = {f: Provenance(url, f"{f} of {mid}", "2026-12-01", "card") for f in cited}
    return Model(mid, mid.upper(), fam, "base", PartialDate.parse(released), "dense", size, None, None, None, None,
                 ("text",), ("text",), True, "apache-2.0", None, base, None, None, None, None, "high", (),
                 (url,), ORIGIN, base_relation=relation, builds=builds, provenance=provenance,
                 source_map={"card": url})


def catalogue(*models: Model) -> Catalog:
    return Catalog(families={f: family(f) for f in {m.family for m in models}}, models={m.id: m for m in models})


GPTQ = Build("GPTQ-Int4", "Qwen/a-GPTQ-Int4", None)
GGUF = Build("GGUF", "Qwen/a-GGUF", "qwen/a-GGUF")


@pytest.fixture
def small() -> Catalog:
    """fam: a (base, two builds) -> b (post-training, quoted) -> d (refresh, not quoted); a -> c (no relation).
    other: x and v fine-tuned from a, y distilled from b (outside children of fam); third: z, merged from b,
    and its child w."""
    return catalogue(
        model("a", "fam", "2025-01-01", builds=(GPTQ, GGUF), cited=("builds",)),
        model("b", "fam", "2025-02-01", base="a", relation="post-training", cited=("base_model",)),
        model("c", "fam", "2025-01-15", base="a"),
        model("d", "fam", "2025-06", base="b", relation="refresh"),
        model("x", "other", "2025-03-01", base="a", relation="finetune", cited=("base_model",)),
        model("v", "other", "2025-03-05", base="a", relation="finetune"),
        model("y", "other", "2025-03-02", base="b", relation="distillation"),
        model("z", "third", "2025-04-01", base="b", relation="merge"),
        model("w", "third", "2025-05-01", base="z", relation="upcycling"),
    )


# ------------------------------------------------------------------------------------------ selection

def test_edges_are_typed_by_relation_and_a_missing_relation_reads_trained_from(small):
    graph = lineage.family_graph(small, "fam")
    typed = {(e.parent, e.child): e.relation for e in graph.edges}
    assert typed == {("a", "b"): "post-training", ("a", "c"): "trained-from", ("b", "d"): "refresh",
                     ("a", "x"): "finetune", ("a", "v"): "finetune", ("b", "y"): "distillation",
                     ("b", "z"): "merge"}
    assert lineage.relation_words("refresh") == "a dated refresh of"
    assert lineage.relation_words("trained-from") == "trained from"


def test_every_edge_has_a_source_quoted_when_recorded_else_the_models_sources(small):
    graph = lineage.family_graph(small, "fam")
    by_child = {e.child: e.source for e in graph.edges}
    assert by_child["b"] == lineage.EdgeSource("https://huggingface.co/Qwen/b", "base_model of b", True, "b")
    assert by_child["c"] == lineage.EdgeSource("https://huggingface.co/Qwen/c", None, False, "c")
    assert all(s.url for s in by_child.values())
    honest = lineage.source_view(by_child["c"], "../../")
    assert honest == {"url": "../../models/c/#sources", "quote": None, "own": False}


def test_models_of_other_families_are_outside_nodes_at_either_end(small):
    fam = lineage.family_graph(small, "fam")
    assert {n.id for n in fam.nodes.values() if n.kind == "member"} == {"a", "b", "c", "d"}
    assert {n.id: n.family for n in fam.nodes.values() if n.kind == "outside"} == {"x": "other", "v": "other",
                                                                                   "y": "other", "z": "third"}
    assert "w" not in fam.nodes  # a grandchild in another family is that family's business
    third = lineage.family_graph(small, "third")
    assert third.nodes["b"].kind == "outside" and third.nodes["b"].link == ("models", "b")
    assert {(e.parent, e.child) for e in third.edges} == {("b", "z"), ("z", "w")}


def test_several_outside_children_of_one_family_are_drawn_as_one_node_linking_to_that_family(small):
    drawn = lineage.group_outside_children(lineage.family_graph(small, "fam"), "fam")
    group = drawn.nodes["family:other"]
    assert group.kind == "outside-family" and group.link == ("families", "other") and set(group.members) == {"x", "v"}
    assert "x" not in drawn.nodes and {"y", "z"} <= set(drawn.nodes)  # a lone one (in its column) stays itself
    into_group = [(e.parent, e.relation, e.children) for e in drawn.edges if e.child == "family:other"]
    assert into_group == [("a", "finetune", ("x", "v"))]  # one drawn edge per base


def test_builds_are_official_build_relations_counted_on_their_model(small):
    graph = lineage.family_graph(small, "fam")
    builds = graph.nodes["a"].builds
    assert [(b.relation, b.format, b.repo) for b in builds] == [("official-build", "GPTQ-Int4", "Qwen/a-GPTQ-Int4"),
                                                               ("official-build", "GGUF", "Qwen/a-GGUF")]
    assert all(b.source.own and b.source.quote == "builds of a" for b in builds)
    assert lineage.chip_text(graph.nodes["a"]) == "2 builds" and lineage.chip_text(graph.nodes["b"]) == ""
    assert len(graph.builds) == 2
    assert graph.nodes["x"].builds == ()  # an outside node does not bring its builds along


def test_model_neighbourhood_is_its_chain_itself_and_its_children(small):
    d = lineage.model_graph(small, small.models["d"], [])
    assert list(d.nodes) == ["a", "b", "d"] and d.focus == "d"
    assert [(e.parent, e.child) for e in d.edges] == [("a", "b"), ("b", "d")]
    b = lineage.model_graph(small, small.models["b"], small.derived_from("b"))
    assert {n.id: n.kind for n in b.nodes.values()} == {"a": "member", "b": "member", "d": "member",
                                                          "y": "outside", "z": "outside"}


# --------------------------------------------------------------------------------------------- layout

def overlapping(boxes) -> list[tuple[str, str]]:
    return [(p.node.id, q.node.id) for p, q in itertools.combinations(boxes, 2)
            if p.x < q.x + q.w and q.x < p.x + p.w and p.y < q.y + q.h and q.y < p.y + p.h]


def test_layered_layout_puts_each_child_right_of_its_base_without_overlap(small):
    drawn = lineage.group_outside_children(lineage.family_graph(small, "fam"), "fam")
    boxes = {b.node.id: b for b in lineage.layered(drawn, "fam")}
    for edge in drawn.edges:
        assert boxes[edge.child].x >= boxes[edge.parent].x + boxes[edge.parent].w, edge
    assert overlapping(list(boxes.values())) == []
    first = sorted((b for b in boxes.values() if b.layer == 0), key=lambda b: b.y)
    assert [b.node.id for b in first] == ["a"]
    second = sorted((b for b in boxes.values() if b.layer == 1), key=lambda b: b.y)
    assert [b.node.id for b in second] == ["c", "b", "family:other"]  # by release date, groups last
    third = sorted((b for b in boxes.values() if b.layer == 2), key=lambda b: b.y)
    assert [b.node.id for b in third] == ["y", "z", "d"]


def test_outline_layout_indents_each_child_below_its_base(small):
    graph = lineage.model_graph(small, small.models["b"], small.derived_from("b"))
    boxes = {b.node.id: b for b in lineage.outline(graph)}
    for edge in graph.edges:
        assert boxes[edge.child].x > boxes[edge.parent].x and boxes[edge.child].y > boxes[edge.parent].y, edge
    assert overlapping(list(boxes.values())) == []
    assert max(b.x + b.w for b in boxes.values()) <= 343  # fits a 375 px phone's text column


def finishes(work, seconds: float = 5.0):
    result, thread = [], threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, "did not finish: a cycle makes it loop"
    return result[0]


def test_a_cycle_never_hangs_the_selection_or_the_layouts():
    looped = catalogue(model("p", "fam", base="q", relation="refresh"), model("q", "fam", base="r"),
                       model("r", "fam", base="p"), model("s", "fam", base="s"))
    graph = finishes(lambda: lineage.family_graph(looped, "fam"))
    columns = finishes(lambda: lineage.layers(graph))
    assert set(columns) == {"p", "q", "r", "s"}
    assert len(finishes(lambda: lineage.layered(graph, "fam"))) == 4
    assert len(finishes(lambda: lineage.outline(graph))) == 4
    chain = finishes(lambda: lineage.model_graph(looped, looped.models["p"], looped.derived_from("p")))
    assert set(chain.nodes) == {"p", "q", "r"}
    finishes(lambda: lineage.family_lineage_view(looped, "fam", "../../"))


def test_every_real_family_lays_out_without_overlap_and_children_right_of_bases(catalog):
    for family_id in catalog.families:
        drawn = lineage.group_outside_children(lineage.family_graph(catalog, family_id), family_id)
        boxes = lineage.layered(drawn, family_id)
        assert overlapping(boxes) == [], family_id
        at = {b.node.id: b for b in boxes}
        assert all(at[e.child].layer == at[e.parent].layer + 1 for e in drawn.edges), family_id  # none skips one
        assert all(e.source.url for e in drawn.edges), family_id


def test_a_family_without_relations_gets_a_sentence_not_an_empty_drawing(small):
    alone = catalogue(model("solo", "solo"), model("p1", "pair"), model("p2", "pair", builds=(GPTQ,)))
    solo = lineage.family_lineage_view(alone, "solo", "../../")
    assert not solo["drawn"] and "single model" in solo["sentence"]
    html = str(render("lineage.html", v=lineage.family_lineage_view(alone, "pair", "../../")))
    assert "<svg" not in html and "no relation between the 2 models" in html and "1 for 1 model" in html
    drawn = lineage.family_lineage_view(small, "fam", "../../")
    assert drawn["drawn"] and drawn["relations"] == 7


# -------------------------------------------------------------------------------------- built pages

def svg_of(html: str) -> ET.Element:
    [svg] = re.findall(r'<svg class="ln-svg".*?</svg>', html, re.S)
    return ET.fromstring(svg)


def node_rects(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    found = []
    for group in [*svg.iter("a"), *(g for g in svg.iter("g") if "ln-n" in g.get("class", ""))]:
        rect = group.find("rect")
        found.append(tuple(float(rect.get(k)) for k in ("x", "y", "width", "height")))
    return found


def assert_no_overlap(rects) -> None:
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in itertools.combinations(rects, 2):
        assert not (x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + h2 and y2 < y1 + h1), ((x1, y1), (x2, y2))


def assert_links_exist(site, page: str, svg: ET.Element) -> list[str]:
    hrefs = [a.get("href") for a in svg.iter("a")]
    for href in hrefs:
        assert a_title(svg, href), f"{href}: a node needs a <title>"
        target = site / posixpath.normpath(posixpath.join(page, href)) / "index.html"
        assert target.exists(), f"{page}: {href} leads nowhere"
    return hrefs


def a_title(svg: ET.Element, href: str) -> str:
    return next(a.find("title").text for a in svg.iter("a") if a.get("href") == href)


def figure(html: str, figure_id: str) -> str:
    return re.search(rf'<figure class="atlas-lineage[^"]*"[^>]*\sid="{figure_id}".*?</figure>', html, re.S)[0]


def test_family_page_graph_links_every_node_without_overlap_and_lists_every_relation(catalog, built_site):
    page = "families/qwen3/"
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    drawn = figure(html, "lineage-qwen3")
    assert html.index('id="lineage"') < html.index(drawn) and html.index('id="models"') < html.index('id="lineage"')
    svg = svg_of(drawn)
    hrefs = assert_links_exist(built_site, page, svg)
    members = catalog.models_in_family("qwen3")
    assert {f"../../models/{m.id}/" for m in members} <= set(hrefs)
    assert node_rects(svg) and len(node_rects(svg)) == len(hrefs)
    assert_no_overlap(node_rects(svg))
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert all(x >= 0 and y >= 0 and x + w <= width and y + h <= height for x, y, w, h in node_rects(svg))
    edges = [p for p in svg.iter("path") if "ln-e" in p.get("class", "")]
    assert edges and all(p.find("title") is not None for p in edges)
    relations = lineage.family_graph(catalog, "qwen3").edges
    listed = re.search(r'<ul class="ln-tree">.*?</details>', drawn, re.S)[0]
    assert listed.count(">source</a>") + listed.count("the model’s sources") == \
        len(relations) + sum(1 for m in members if m.builds)
    for edge in relations:
        assert f'href="../../models/{edge.child}/"' in listed
    assert len(drawn.encode()) < 25_000, f"qwen3 lineage is {len(drawn.encode())} bytes"


def test_families_without_relations_say_so_in_one_sentence(catalog, built_site):
    bare = [f for f in catalog.families.values() if not lineage.family_graph(catalog, f.id).edges]
    assert bare, "every family has a relation now: keep one hand-made case in the selection tests"
    for fam in bare:
        html = (built_site / "families" / fam.id / "index.html").read_text(encoding="utf-8")
        start = html.index('id="lineage"')
        section = html[start:html.index("<h2", start)]
        assert "ln-svg" not in section and section.count('<p class="ln-none">') == 1, fam.id
        assert fam.name in section and ("single model" in section or "no relation between" in section), fam.id


def test_model_page_graph_shows_the_neighbourhood_with_numbered_sourced_edges(catalog, built_site):
    target = catalog.models["qwen2.5-7b"]
    page = f"models/{target.id}/"
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    drawn = figure(html, f"lineage-{target.id}")
    svg = svg_of(drawn)
    hrefs = assert_links_exist(built_site, page, svg)
    expected = {f"../../models/{m.id}/" for m in catalog.derived_from(target.id)}
    assert set(hrefs) == expected  # the page's own model is drawn, not linked
    assert_no_overlap(node_rects(svg))
    marks = [t.text for t in svg.iter("text") if t.get("class") == "ln-markt"]
    items = re.findall(r"<li>(.*?)</li>", re.search(r'<ol class="ln-edges">.*?</ol>', drawn, re.S)[0], re.S)
    assert marks == [str(n) for n in range(1, len(items) + 1)] and len(items) == len(expected)
    assert all(">source</a>" in i or "the model’s sources" in i for i in items)
    assert len(drawn.encode()) < 4_500


def test_model_page_graph_weight_stays_small_everywhere(catalog, built_site):
    sizes = {}
    for model_id in catalog.models:
        html = (built_site / "models" / model_id / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<figure class="atlas-lineage atlas-lineage-model".*?</figure>', html, re.S)
        sizes[model_id] = len(found[0].encode()) if found else 0
    drawn = sorted(s for s in sizes.values() if s)
    assert drawn, "no model page draws its lineage"
    assert drawn[len(drawn) // 2] < 4_000, f"median {drawn[len(drawn) // 2]}"
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] < 6_000, f"{heaviest}: {sizes[heaviest]} bytes"


def test_family_macro_is_on_every_family_page(catalog, built_site):
    for family_id in catalog.families:
        html = (built_site / "families" / family_id / "index.html").read_text(encoding="utf-8")
        assert 'id="lineage"' in html, f"families/{family_id}.md has no ## Lineage section"
        assert f'id="lineage-{family_id}"' in html or 'class="ln-none"' in html, family_id


def test_outline_fits_small_catalogue_render_without_blank_lines(small):
    """The model page includes the template inside Markdown: a blank line would end its HTML block."""
    from macros.views.templating import ENVIRONMENT

    view = lineage.model_lineage_view(small, small.models["b"], small.derived_from("b"), "../../")
    html = ENVIRONMENT.get_template("lineage_model.html").render(lineage=view, root="../../")
    assert "\n\n" not in html.strip(), html[html.strip().find("\n\n") - 300:][:400]
    assert html.split("<ol")[1].count("<li>") == 4

