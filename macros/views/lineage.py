"""Lineage: the catalogue's typed relations as a graph, drawn at build time (templates/lineage*.html).

Three layers, each testable on its own:

- selection (records -> `Graph`): `family_graph`, `model_graph`. Nodes are models; an edge runs from a
  model's `base_model` to it, typed by `base_relation` ("trained-from" when none is recorded) and carrying
  its source (the quote and URL of the child's `base_model` provenance, else the child's own sources, marked
  as such). Official builds are typed "official-build" relations of their model, kept on the node (a chip,
  not one node per build). A model of another family at either end of an edge is an outside node.
- layout (`Graph` -> positions): `layered` (a family: left to right, roots first, one column per depth,
  release-date order, children beside their base) and `outline` (a model page: an indented tree that fits a
  phone). Neither loops on a cycle (validation refuses cycles; the layout must not hang if one slips by).
- view (`family_lineage_view`, `model_lineage_view`): the dicts the templates draw, every coordinate computed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..data.dates import PartialDate
from ..data.records import Catalog, Model
from .escape import site_path
from .finder import size_label
from .svg import coordinate

# ------------------------------------------------------------------------------------------ relations

TRAINED_FROM = "trained-from"  # a base model without a recorded relation
OFFICIAL_BUILD = "official-build"
# relation -> (how a child relates to its base, as read in a sentence; the legend's words)
RELATIONS = {
    "post-training": ("post-trained from", "post-training"),
    "refresh": ("a dated refresh of", "dated refresh"),
    "finetune": ("fine-tuned from", "fine-tune"),
    "distillation": ("distilled from", "distillation"),
    "continued-pretraining": ("continued pre-training of", "continued pre-training"),
    "upcycling": ("upcycled from", "upcycling"),
    "merge": ("merged from", "merge"),
    TRAINED_FROM: ("trained from", "trained from (kind not recorded)"),
}


@dataclass(frozen=True)
class EdgeSource:
    """Where a relation is stated: the field's own quote and URL, or (own=False) only the model's sources."""

    url: str | None
    quote: str | None
    own: bool
    model: str  # the model whose record states it (its page lists all its sources)


@dataclass(frozen=True)
class BuildLink:
    """An "official build" relation: a repository the Qwen team published from the model's weights."""

    model: str
    format: str
    repo: str
    source: EdgeSource
    relation: str = OFFICIAL_BUILD


@dataclass(frozen=True)
class Node:
    id: str  # a model id, or "family:<id>" for the several models of another family drawn as one
    name: str
    kind: str  # "member" | "outside" (a model of another family) | "outside-family" (several of them)
    link: tuple[str, str]  # ("models", id) or ("families", id)
    family: str
    family_name: str
    released: PartialDate | None = None
    size: str = ""
    builds: tuple[BuildLink, ...] = ()
    members: tuple[str, ...] = ()  # an outside-family node: the models it stands for


@dataclass(frozen=True)
class Edge:
    parent: str
    child: str
    relation: str
    source: EdgeSource
    children: tuple[str, ...] = ()  # an edge to an outside-family node: the models it stands for


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    focus: str | None = None  # a model page's own model

    @property
    def builds(self) -> list[BuildLink]:
        return [b for n in self.nodes.values() for b in n.builds]


# ------------------------------------------------------------------------------------------ selection

def field_source(model: Model, name: str) -> EdgeSource:
    item = (model.provenance or {}).get(name)
    if item is not None:
        return EdgeSource(item.url, item.quote, True, model.id)
    return EdgeSource(model.sources[0] if model.sources else None, None, False, model.id)


def relation_of(model: Model) -> str:
    return model.base_relation if model.base_relation in RELATIONS else TRAINED_FROM


def build_links(model: Model) -> tuple[BuildLink, ...]:
    source = field_source(model, "builds")
    return tuple(BuildLink(model.id, b.format, b.hf_repo or b.modelscope_repo or "", source)
                 for b in model.builds or ())


def model_node(model: Model, catalog: Catalog, kind: str = "member", builds: bool = True) -> Node:
    family = catalog.families.get(model.family)
    return Node(model.id, model.name, kind, ("models", model.id), model.family,
                family.name if family else model.family, model.released,
                size_label(model.params_total_b) if model.params_total_b else "",
                build_links(model) if builds else ())


def edge_to(model: Model) -> Edge:
    return Edge(model.base_model, model.id, relation_of(model), field_source(model, "base_model"))


def family_graph(catalog: Catalog, family_id: str) -> Graph:
    """A family's models, their relations, and the models of other families at the far end of one."""
    members = catalog.models_in_family(family_id)
    graph = Graph()
    for model in members:
        graph.nodes[model.id] = model_node(model, catalog)
    for model in members:
        base = catalog.models.get(model.base_model) if model.base_model else None
        if base is None:
            continue
        if base.id not in graph.nodes:
            graph.nodes[base.id] = model_node(base, catalog, "outside", builds=False)
        graph.edges.append(edge_to(model))
    for model in members:
        for child in catalog.derived_from(model.id):
            if child.family != family_id:
                graph.nodes.setdefault(child.id, model_node(child, catalog, "outside", builds=False))
                graph.edges.append(edge_to(child))
    return graph


def model_graph(catalog: Catalog, model: Model, derived: list[Model]) -> Graph:
    """A model's neighbourhood: its chain of bases (root first), itself with its builds, the models trained
    from it. Models of other families are outside nodes; the chain stops at a cycle."""
    graph = Graph(focus=model.id)
    chain, seen, current = [], {model.id}, model
    while current.base_model in catalog.models and current.base_model not in seen:
        chain.append(edge_to(current))
        current = catalog.models[current.base_model]
        seen.add(current.id)
    for edge in reversed(chain):
        base = catalog.models[edge.parent]
        graph.nodes[base.id] = model_node(base, catalog, "member" if base.family == model.family else "outside",
                                          builds=False)
    graph.nodes[model.id] = model_node(model, catalog)
    graph.edges.extend(reversed(chain))
    for child in derived:
        if child.id not in graph.nodes:
            graph.nodes[child.id] = model_node(child, catalog, "member" if child.family == model.family
                                               else "outside", builds=False)
            graph.edges.append(edge_to(child))
    return graph


def group_outside_children(graph: Graph, family_id: str) -> Graph:
    """For drawing a family: the outside models trained from its members, one node per outside family and
    column when there are several (each base keeps one edge to it, and no edge skips a column). Outside
    bases and lone outside children stay themselves."""
    parents = {e.child: e.parent for e in graph.edges}
    column = layers(graph)
    by_family: dict[tuple[str, int], list[Node]] = defaultdict(list)
    for node in graph.nodes.values():
        if node.kind == "outside" and node.family != family_id and node.id in parents \
                and graph.nodes.get(parents[node.id], node).kind == "member":
            by_family[(node.family, column[node.id])].append(node)
    grouped = {key: nodes for key, nodes in by_family.items() if len(nodes) > 1}
    if not grouped:
        return graph
    split = {fid for fid, _ in grouped if sum(1 for f, _ in grouped if f == fid) > 1}
    group_id = {key: f"family:{key[0]}" + (f"@{key[1]}" if key[0] in split else "") for key in grouped}
    group_of = {n.id: group_id[key] for key, nodes in grouped.items() for n in nodes}
    drawn = Graph(focus=graph.focus)
    for node in graph.nodes.values():
        if node.id not in group_of:
            drawn.nodes[node.id] = node
    for key, nodes in grouped.items():
        drawn.nodes[group_id[key]] = Node(group_id[key], nodes[0].family_name, "outside-family",
                                          ("families", key[0]), key[0], nodes[0].family_name,
                                          min((n.released for n in nodes if n.released), key=lambda d: d.sort_key,
                                              default=None), members=tuple(n.id for n in nodes))
    merged: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in graph.edges:
        if edge.child in group_of:
            merged[(edge.parent, group_of[edge.child])].append(edge)
        else:
            drawn.edges.append(edge)
    for (parent, group), edges in merged.items():
        relations = {e.relation for e in edges}
        drawn.edges.append(Edge(parent, group, relations.pop() if len(relations) == 1 else TRAINED_FROM,
                                edges[0].source, tuple(e.child for e in edges)))
    return drawn


# --------------------------------------------------------------------------------------------- layout

NAME_PX = 7.0  # advance of a 12px semi-bold name character (generous: Roboto averages about 6.5)
SUB_PX = 6.0  # advance of an 11px detail character
NODE_H = 38.0
ROW_GAP = 10.0
COL_GAP = 44.0
PAD = 2.0
MIN_W, MAX_W = 120.0, 236.0
OUTLINE_W = 244.0  # model pages: one node width, so the tree fits a phone (375 px) without scrolling
INDENT = 28.0


@dataclass
class Box:
    node: Node
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = NODE_H
    layer: int = 0

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def mid(self) -> float:
        return self.y + self.h / 2


def layers(graph: Graph) -> dict[str, int]:
    """Each node's column: 0 for a node without a drawn base, else one more than its deepest base.

    A cycle cannot loop: a base met again while its own column is being worked out is ignored (the cycle is
    cut there), and every node is worked out once. Iterative, so a long chain cannot exhaust the stack."""
    bases: dict[str, list[str]] = defaultdict(list)
    for edge in graph.edges:
        if edge.parent in graph.nodes and edge.child in graph.nodes and edge.parent != edge.child:
            bases[edge.child].append(edge.parent)
    column: dict[str, int] = {}
    for start in graph.nodes:
        if start in column:
            continue
        stack, open_ = [(start, iter(bases[start]))], {start}
        while stack:
            node, pending = stack[-1]
            step = next((b for b in pending if b not in column and b not in open_), None)
            if step is not None:
                stack.append((step, iter(bases[step])))
                open_.add(step)
                continue
            column[node] = 1 + max((column[b] for b in bases[node] if b in column), default=-1)
            open_.discard(node)
            stack.pop()
    return column


def _date_key(node: Node) -> tuple:
    return (node.released.sort_key if node.released else (9999, 0, 0), node.name)


def text_width(text: str, per_char: float) -> float:
    return len(text) * per_char


def detail(node: Node, graph_family: str | None) -> str:
    """The second line of a node: size and month, or which family an outside node belongs to."""
    if node.kind == "outside-family":
        return f"{len(node.members)} models · another family"
    parts = [node.size] if node.size else []
    if node.kind == "outside" and node.family != graph_family:
        parts.append(f"in {node.family_name}")
    elif node.released:
        parts.append(node.released.display.split(" ", 1)[-1] if node.released.day else node.released.display)
    return " · ".join(parts)


def chip_text(node: Node) -> str:
    n = len(node.builds)
    return f"{n} build{'s' if n != 1 else ''}" if n else ""


def fit(text: str, width: float, per_char: float) -> str:
    """The text, cut with an ellipsis if it would not fit `width` (the node's title keeps it whole)."""
    room = int(width // per_char)
    return text if len(text) <= room else text[:max(room - 1, 1)] + "…"


def _box_width(node: Node, family: str | None) -> float:
    chip = text_width(chip_text(node), SUB_PX) + 16 if node.builds else 0
    need = max(text_width(node.name, NAME_PX), text_width(detail(node, family), SUB_PX) + chip) + 16
    return min(max(need, MIN_W), MAX_W)


def layered(graph: Graph, family: str | None = None) -> list[Box]:
    """Left to right: one column per depth; the first column in release order, later ones in the order of
    their bases (then release); each node level with its base when there is room, else just below."""
    column = layers(graph)
    bases: dict[str, list[str]] = defaultdict(list)
    for edge in graph.edges:
        if edge.parent in graph.nodes and edge.child in graph.nodes:
            bases[edge.child].append(edge.parent)
    boxes = {nid: Box(node, layer=column[nid]) for nid, node in graph.nodes.items()}
    depth = max(column.values(), default=0)
    x, placed = PAD, set()

    def base_level(box: Box) -> float:
        ys = [boxes[p].y for p in bases[box.node.id] if p in placed]
        return sum(ys) / len(ys) if ys else -1.0

    for layer in range(depth + 1):
        members = sorted((b for b in boxes.values() if b.layer == layer),  # groups last: members stay level
                         key=lambda b: (b.node.kind == "outside-family", base_level(b), _date_key(b.node)))
        width = max((_box_width(b.node, family) for b in members), default=MIN_W)
        bottom = PAD - ROW_GAP
        for b in members:
            level = [boxes[p].y for p in bases[b.node.id] if p in placed]
            b.x, b.w = x, width
            b.y = max(min(level) if level else 0.0, bottom + ROW_GAP)
            bottom = b.y + b.h
        placed.update(b.node.id for b in members)
        x += width + COL_GAP
    return sorted(boxes.values(), key=lambda b: (b.layer, b.y))


def outline(graph: Graph) -> list[Box]:
    """An indented tree, one node per row: bases above, each child one step right of its base."""
    column = layers(graph)
    children: dict[str, list[str]] = defaultdict(list)
    has_base = set()
    for edge in graph.edges:
        if edge.parent in graph.nodes and edge.child in graph.nodes and column[edge.child] > column[edge.parent]:
            children[edge.parent].append(edge.child)
            has_base.add(edge.child)
    roots = sorted((n for n in graph.nodes.values() if n.id not in has_base), key=_date_key)
    boxes, done = [], set()
    stack = [(r.id, 0) for r in reversed(roots)]
    while stack:
        nid, depth = stack.pop()
        if nid in done:
            continue
        done.add(nid)
        boxes.append(Box(graph.nodes[nid], x=PAD + depth * INDENT, y=PAD + len(boxes) * (NODE_H + ROW_GAP),
                         w=OUTLINE_W, layer=depth))
        kids = sorted((graph.nodes[c] for c in children[nid]), key=_date_key)
        stack.extend((k.id, depth + 1) for k in reversed(kids))
    return boxes


# ----------------------------------------------------------------------------------------------- view

def _href(root: str, node: Node) -> str:
    return site_path(root, *node.link)


def node_title(node: Node, family: str | None) -> str:
    if node.kind == "outside-family":
        return f"{node.name}, another family: {len(node.members)} models trained from models of this family"
    bits = [node.name]
    if node.size:
        bits.append(node.size)
    if node.kind == "outside":
        bits.append(f"in the {node.family_name} family")
    if node.released:
        bits.append(f"released {node.released.display}")
    text = ", ".join(bits)
    if node.builds:
        text += f"; {chip_text(node).replace('build', 'official build')}: " + ", ".join(b.format for b in node.builds)
    return text


def relation_words(relation: str) -> str:
    return RELATIONS.get(relation, RELATIONS[TRAINED_FROM])[0]


def _node_view(box: Box, root: str, family: str | None, focus: str | None) -> dict:
    node = box.node
    sub = detail(node, family)
    chip = None
    if node.builds:
        label = chip_text(node)
        cw = text_width(label, SUB_PX) + 10
        chip = {"x": coordinate(box.right - cw - 6), "y": coordinate(box.y + 21), "w": coordinate(cw),
                "tx": coordinate(box.right - 6 - cw / 2), "ty": coordinate(box.y + 31), "text": label}
    room = box.w - 16 - ((text_width(chip["text"], SUB_PX) + 16) if chip else 0)
    cls = {"member": "ln-n", "outside": "ln-n ln-out", "outside-family": "ln-n ln-out"}[node.kind]
    if node.id == focus:
        cls += " ln-self"
    return {"id": node.id, "href": None if node.id == focus else _href(root, node), "title": node_title(node, family),
            "x": coordinate(box.x), "y": coordinate(box.y), "w": coordinate(box.w), "h": coordinate(box.h),
            "tx": coordinate(box.x + 8), "ty1": coordinate(box.y + 16), "ty2": coordinate(box.y + 31),
            "name": fit(node.name, box.w - 16, NAME_PX), "sub": fit(sub, room, SUB_PX), "chip": chip, "cls": cls}


def _edge_title(edge: Edge, graph: Graph) -> str:
    parent, child = graph.nodes[edge.parent], graph.nodes[edge.child]
    if edge.children:
        return f"{child.name} ({len(edge.children)}): {relation_words(edge.relation)} {parent.name}"
    return f"{child.name}: {relation_words(edge.relation)} {parent.name}"


def _legend(graph: Graph) -> list[dict]:
    present = {e.relation for e in graph.edges}
    items = [{"cls": f"ln-{rel}", "text": words} for rel, (_, words) in RELATIONS.items() if rel in present]
    if any(n.kind != "member" for n in graph.nodes.values()):
        items.append({"cls": "ln-out-key", "text": "other family (dashed)"})
    if graph.builds:
        items.append({"cls": "ln-chip-key", "text": "official builds (quantized, GGUF, MLX …)"})
    return items


QUOTE_CHARS = 110  # a longer quote is cut here (whole on the page of the model that states it)


def source_view(source: EdgeSource, root: str, quote: bool = True) -> dict:
    """A relation's source for a list: its URL and quote, or a link to the model's own list of sources."""
    if source.own and source.url:
        text = source.quote if quote else None
        if text and len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS - 1].rsplit(" ", 1)[0] + " …"
        return {"url": source.url, "quote": text, "own": True}
    return {"url": site_path(root, "models", source.model) + "#sources", "quote": None, "own": False}


def family_lineage_view(catalog: Catalog, family_id: str, root: str) -> dict:
    """What templates/lineage.html draws for a family page, or the sentence that replaces an empty drawing."""
    family = catalog.families[family_id]
    graph = family_graph(catalog, family_id)
    member_count = sum(1 for n in graph.nodes.values() if n.kind == "member")
    build_count = len(graph.builds)
    view = {"id": f"lineage-{family_id}", "family": family, "root": root, "models": member_count,
            "relations": len(graph.edges), "builds": build_count, "drawn": bool(graph.edges)}
    if not graph.edges:
        view["sentence"] = _no_edges_sentence(family.name, member_count, build_count,
                                              sum(1 for n in graph.nodes.values() if n.builds))
        return view
    drawn = group_outside_children(graph, family_id)
    boxes = layered(drawn, family_id)
    view.update(_drawing(drawn, boxes, root, family_id, lr=True))
    view["tree"] = _tree(graph, family_id, root)
    return view


def _no_edges_sentence(name: str, models: int, builds: int, built: int) -> str:
    if models <= 1:
        text = (f"{name} is a single model, and the atlas records no relation between it and another model "
                "(no base model, and nothing trained from it).")
    else:
        text = (f"The atlas records no relation between the {models} models of {name} or to models of other "
                "families: none is marked as trained from another, so there is no lineage to draw.")
    if builds:
        text += (f" The Qwen team's official builds ({builds} for {built} model{'s' if built != 1 else ''}) are "
                 "listed on each model's page, under Get the weights.")
    return text


def _drawing(graph: Graph, boxes: list[Box], root: str, family: str | None, lr: bool) -> dict:
    at = {b.node.id: b for b in boxes}
    edges = []
    for number, edge in enumerate(graph.edges, start=1):
        p, c = at.get(edge.parent), at.get(edge.child)
        if p is None or c is None:
            continue
        if lr:
            x1, y1, x2, y2 = p.right, p.mid, c.x, c.mid
            bend = (x2 - x1) / 2
            d = (f"M{coordinate(x1)} {coordinate(y1)}C{coordinate(x1 + bend)} {coordinate(y1)} "
                 f"{coordinate(x2 - bend)} {coordinate(y2)} {coordinate(x2 - 4)} {coordinate(y2)}")
            mark = None
        else:
            x1, y1 = p.x + 10, p.y + p.h
            d = f"M{coordinate(x1)} {coordinate(y1)}V{coordinate(c.mid)}H{coordinate(c.x - 4)}"
            mark = {"x": coordinate(x1), "y": coordinate(c.mid), "ty": coordinate(c.mid + 3.5), "n": number}
        edges.append({"d": d, "cls": f"ln-e ln-{edge.relation}", "title": _edge_title(edge, graph), "mark": mark})
    width = max((b.right for b in boxes), default=0) + PAD
    height = max((b.y + b.h for b in boxes), default=0) + PAD
    wide = "tablet" if width > 620 else "phone" if width > 360 else None  # which screens get a scroll hint
    return {"width": coordinate(width), "height": coordinate(height), "wide": wide,
            "nodes": [_node_view(b, root, family, graph.focus) for b in boxes], "edges": edges,
            "legend": _legend(graph)}


def _tree(graph: Graph, family_id: str, root: str) -> list[dict]:
    """The same relations as a nested list (for screen readers and readers without SVG): every model and
    every outside model, each child under its base with the relation and its source."""
    children: dict[str, list[Edge]] = defaultdict(list)
    has_base = set()
    column = layers(graph)
    for edge in graph.edges:
        if column[edge.child] > column[edge.parent]:
            children[edge.parent].append(edge)
            has_base.add(edge.child)

    def item(node: Node, edge: Edge | None, seen: frozenset) -> dict:
        kids = [] if node.id in seen else sorted(children[node.id], key=lambda e: _date_key(graph.nodes[e.child]))
        return {"href": _href(root, node), "name": node.name, "detail": detail(node, family_id),
                "outside": node.kind != "member", "family": node.family_name,
                "relation": relation_words(edge.relation) if edge else "",
                "base": graph.nodes[edge.parent].name if edge else "",
                "source": source_view(edge.source, root, quote=False) if edge else None,
                "builds": [b.format for b in node.builds],
                "builds_source": source_view(node.builds[0].source, root, quote=False) if node.builds else None,
                "children": [item(graph.nodes[e.child], e, seen | {node.id}) for e in kids]}

    roots = sorted((n for n in graph.nodes.values() if n.id not in has_base), key=_date_key)
    return [item(n, None, frozenset()) for n in roots]


def model_lineage_view(catalog: Catalog, model: Model, derived: list[Model], root: str) -> dict:
    """What templates/lineage_model.html draws on a model page: the neighbourhood as an indented tree (it fits
    a phone), each edge numbered, and the numbered edges listed with their sources."""
    graph = model_graph(catalog, model, derived)
    view = {"id": f"lineage-{model.id}", "model": model, "root": root, "drawn": bool(graph.edges),
            "relations": [], "builds": None}
    own = graph.nodes[model.id].builds
    if own:
        view["builds"] = {"formats": [b.format for b in own], "source": source_view(own[0].source, root)}
    if not graph.edges:
        return view
    view.update(_drawing(graph, outline(graph), root, model.family, lr=False))
    view["relations"] = [{"number": n, "parent": graph.nodes[e.parent].name, "child": graph.nodes[e.child].name,
                          "parent_href": None if e.parent == model.id else _href(root, graph.nodes[e.parent]),
                          "child_href": None if e.child == model.id else _href(root, graph.nodes[e.child]),
                          "words": relation_words(e.relation), "source": source_view(e.source, root)}
                         for n, e in enumerate(graph.edges, start=1)]
    return view
