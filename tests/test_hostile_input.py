"""Property-based tests: arbitrary text in every free-text field of every record type cannot inject
markup through a renderer, and malformed records come back from the validator as Problems, never as
an exception.

Ids, enums and dates are constrained by the schema (patterns and enumerations), so they keep valid
values here; every other string field, URLs included, gets hostile text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data.catalog import build_catalog
from macros.data.dates import PartialDate
from macros.data.loader import LoadedFile, load_yaml_text
from macros.data.problems import Problem
from macros.data.records import Catalog, Claim, EcosystemEntry, Event, Family, Model, Origin, Paper, Term, Thread
from macros.outputs.feeds import render_feed
from macros.outputs.page_meta import model_head
from macros.views.finder import finder_view
from macros.views.home import home_view
from macros.views.render_card import render_model_card
from macros.views.render_charts import render_context_growth, render_scale_ladder, render_size_ladder
from macros.views.render_compare import render_compare
from macros.views.render_glossary import abbreviation_term, abbreviations, render_glossary
from macros.views.render_model_page import SiteLinks, render_model_page
from macros.views.render_tables import render_models_table, render_papers_table
from macros.views.render_timeline import render_timeline_view
from macros.views.render_views import render_claims_table, render_ecosystem_table, render_families_table
from macros.views.templating import render

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://qwenatlas.org/"
# Fixed example counts and no example database: the same examples on every machine and in CI.
HOSTILE = settings(max_examples=60, derandomize=True, database=None, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# mkdocs.yml's markdown_extensions: renderer output goes through the same Markdown as the site.
SITE_MARKDOWN = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                 "pymdownx.details", "pymdownx.superfences"]

ATTACKS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", "</td></tr><tr><td>",
    "</table>", "<!--", "]]>", "| a | b |", "||", "{{ config }}", "{% raw %}", "{# c #}", "{%- endraw -%}",
    "**bold** _em_ `code` ~~s~~", "[link](javascript:alert(1))", "![img](x.png)", "# Heading", "> quote", "1. list",
    "    indented code", "```", "*[HTML]: injected", "{: .class onclick=x }", "&amp; &lt; &#60;", "\\", "[^1]",
    "javascript:alert(1)", "https://example.org/\"><script>", "\u202eevil\u202c", "\u200b\ufeff", "ẞ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂",
    "line\nbreak", "tab\tand\r\nCRLF", "  ", "",
]
hostile_text = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(max_size=40),
    st.lists(st.sampled_from(ATTACKS), min_size=2, max_size=5).map(" ".join),
    st.tuples(st.sampled_from(ATTACKS), st.integers(50, 300)).map(lambda pair: (pair[0] or "x") * pair[1]),
)
nonempty_hostile = hostile_text.filter(lambda s: s.strip() != "")


def hostile_url(text: str) -> str:
    """Half the URLs look like web addresses with a hostile tail, half are anything at all."""
    return ("https://example.org/" + text) if len(text) % 2 else text


# --- a small catalogue whose every free-text field comes from hypothesis -------------------------------------

def hostile_catalog(texts: list[str]) -> Catalog:
    """One record of each type (two models: one derived from the other). `texts` supplies the strings."""
    pool = iter(texts * 40)
    text = lambda: next(pool)  # noqa: E731 - a tiny local supplier reads best here
    origin = Origin("data/models/fam.yaml", 3)
    day = PartialDate.parse("2025-04-29")
    earlier = PartialDate.parse("2025-04-01")  # distinct dates: the order of rows never depends on the text
    catalog = Catalog()
    catalog.threads["reasoning-rl"] = Thread("reasoning-rl", text(), text(), "threads/reasoning-rl.md", origin)
    catalog.families["fam"] = Family("fam", text() or "F", "llm", text(), ("reasoning-rl",), (text(),),
                                     (hostile_url(text()),), origin)

    def model(model_id: str, base: str | None, released: PartialDate) -> Model:
        return Model(id=model_id, name=text() or model_id, family="fam", variant="instruct", released=released,
                     architecture="moe", params_total_b=30.5, params_active_b=3.3, context_native=32768,
                     context_max=131072, context_extension=text(), modalities_in=("text", "image"),
                     modalities_out=("text",), open_weights=True, license=text(), hf_repo=text(), base_model=base,
                     layers=48, attention=text(), summary=text(), notes=text(), confidence="high", aliases=(text(),),
                     sources=(hostile_url(text()), hostile_url(text())), origin=origin)

    catalog.models["base-1"] = model("base-1", None, earlier)
    catalog.models["model-1"] = model("model-1", "base-1", day)
    catalog.papers["paper-1"] = Paper("paper-1", text() or "P", "paper", day, hostile_url(text()), text(),
                                      ("reasoning-rl",), ("model-1",), text(), text(), (), (hostile_url(text()),),
                                      origin)
    catalog.events["event-1"] = Event("event-1", text() or "E", day, "post", hostile_url(text()), ("reasoning-rl",),
                                      ("model-1",), text(), (hostile_url(text()),), origin)
    catalog.ecosystem["eco-1"] = EcosystemEntry("eco-1", text() or "X", "inference", hostile_url(text()), text(),
                                                ("model-1",), (hostile_url(text()),), origin)
    catalog.claims["claim-1"] = Claim("claim-1", text(), "corrected", text(), (hostile_url(text()),), "topic", origin)
    catalog.glossary["term-1"] = Term("term-1", text() or "T", text(), text(), None, (hostile_url(text()),), origin)
    return catalog


def _inert(value: str, rank: int) -> str:
    """A word as long as `value`, with its white space where it was, and a code that sorts like its rank: views
    that depend on lengths (label widths, truncation), on spaces (where a long name breaks) or on order (names
    sorted A-Z) lay the twin out exactly as they lay out the hostile text."""
    code = iter("".join(chr(ord("a") + (rank // 26 ** k) % 26) for k in (2, 1, 0)))
    word = "".join(ch if ch.isspace() else next(code, "x") for ch in value)
    return word + "".join(code)  # a value under three characters grows to stay distinct


def plain_twin(catalog: Catalog) -> Catalog:
    """The same catalogue with each distinct string replaced by a distinct inert word ("" stays ""), so
    anything that depends on which values are equal (filter options, groupings) stays the same."""
    strings: set[str] = set()

    def collect(value):
        if isinstance(value, tuple):
            for v in value:
                collect(v)
        elif isinstance(value, str) and value.strip():
            strings.add(value)

    for table in ("threads", "families", "models", "papers", "events", "ecosystem", "claims", "glossary"):
        for record in getattr(catalog, table).values():
            for f in dataclasses.fields(record):
                collect(getattr(record, f.name))
    words = {value: _inert(value, rank) for rank, value in enumerate(sorted(strings))}

    def calm(value):
        if isinstance(value, tuple):
            return tuple(calm(v) for v in value)
        if not isinstance(value, str) or not value.strip():
            return value
        word = words[value]
        return ("https://example.org/" + word) if value.lower().startswith(("https://", "http://")) else word

    fixed = {"id", "family", "variant", "architecture", "kind", "verdict", "confidence", "base_model", "page",
             "topic", "threads", "models", "modalities_in", "modalities_out", "see"}
    twin = Catalog()
    for table in ("threads", "families", "models", "papers", "events", "ecosystem", "claims", "glossary"):
        for key, record in getattr(catalog, table).items():
            changes = {f.name: calm(getattr(record, f.name)) for f in dataclasses.fields(record)
                       if f.name not in fixed and isinstance(getattr(record, f.name), (str, tuple))}
            getattr(twin, table)[key] = dataclasses.replace(record, **changes)
    return twin


def every_rendering(catalog: Catalog) -> dict[str, str]:
    """Each renderer's output (HTML or Markdown with HTML blocks) for the catalogue."""
    root = "../"
    models = catalog.models_by_date()
    model = catalog.models["model-1"]
    links = SiteLinks(SITE_URL, "https://github.com/qwen-atlas/qwen-atlas")
    page = render_model_page(model, catalog, links)
    return {
        "models_table": render_models_table(models, root),
        "papers_table": render_papers_table(catalog.papers_by_date(), catalog, root, site_url=SITE_URL),
        "model_card": render_model_card(model, catalog, root),
        "model_page": page.split("---\n", 2)[2],  # the body; the front matter is checked on its own
        "timeline": render_timeline_view(catalog, root, models=models, papers=[catalog.papers["paper-1"]],
                                         events=[catalog.events["event-1"]], scope="site"),
        "ecosystem_table": render_ecosystem_table(catalog, None, root),
        "claims_table": render_claims_table(catalog, None, root),
        "families_table": render_families_table(catalog, root),
        "glossary": render_glossary(catalog, root),
        "finder": render("finder.html", **finder_view(catalog, root)),
        "home": render("home.html", **home_view(catalog, root)),
        "compare": render_compare(catalog, root),
        "scale_ladder": render_scale_ladder(models, catalog, root),
        "context_growth": render_context_growth(models, catalog, root),
        "size_ladder": render_size_ladder("fam", models, catalog, root),
    }


# --- reading the output back ----------------------------------------------------------------------------------

class _Structure(HTMLParser):
    """Tags with their attribute names, in order; the text; and each table's row widths."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []
        self.text: list[str] = []
        self.tables: list[dict] = []  # {"header": n, "rows": [n, ...]}
        self._cells: list[int] = []
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))
        if tag == "table":
            self.tables.append({"header": 0, "rows": []})
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._cells.append(0)
        elif tag in ("td", "th") and self._cells:
            self._cells[-1] += 1

    def handle_endtag(self, tag):
        self.shape.append(("/" + tag,))
        if tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._cells and self.tables:
            cells = self._cells.pop()
            if self._in_head:
                self.tables[-1]["header"] = cells
            else:
                self.tables[-1]["rows"].append(cells)

    def handle_data(self, data):
        self.text.append(data)


def structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


_markdown = markdown.Markdown(extensions=SITE_MARKDOWN)


def as_page(fragment: str) -> str:
    """What the site does with a renderer's output: Markdown with the site's extensions."""
    return _markdown.reset().convert(fragment)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the properties -------------------------------------------------------------------------------------------

@HOSTILE
@given(st.lists(hostile_text, min_size=8, max_size=16))
def test_renderers_never_let_data_become_markup(texts):
    hostile = hostile_catalog(texts)
    plain = every_rendering(plain_twin(hostile))
    for name, output in every_rendering(hostile).items():
        for delimiter in ("{{", "{%", "{#"):
            assert delimiter not in output, f"{name}: Jinja delimiter {delimiter!r} in the output"
        page, expected = structure(as_page(output)), structure(as_page(plain[name]))
        assert page.shape == expected.shape, f"{name}: the data changed the markup"
        for table in page.tables:
            width = table["header"] or table["rows"][0]  # a fact table has row headers, no header row
            assert table["rows"] and all(cells == width for cells in table["rows"]), \
                f"{name}: a row has a different number of cells than the header: {table}"


@HOSTILE
@given(st.lists(nonempty_hostile, min_size=8, max_size=16))
def test_names_and_titles_reach_the_reader_as_text(texts):
    """Escaping must not lose the data either: what was written is what the reader sees."""
    catalog = hostile_catalog(texts)
    rendered = every_rendering(catalog)
    model = catalog.models["model-1"]
    table_text = squash("".join(structure(as_page(rendered["models_table"])).text))
    assert squash(model.name) in table_text
    paper = catalog.papers["paper-1"]
    assert squash(paper.title) in squash("".join(structure(as_page(rendered["papers_table"])).text))
    term = catalog.glossary["term-1"]
    assert squash(term.definition) in squash("".join(structure(as_page(rendered["glossary"])).text))


# Characters YAML can carry in a double-quoted scalar without escapes. The validator refuses the others in
# text fields (test_control_characters_in_text_are_refused_or_harmless); these catalogues skip the validator.
_YAML_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
yaml_printable_text = hostile_text.map(lambda s: _YAML_PRINTABLE.sub("", s))


@HOSTILE
@given(st.lists(yaml_printable_text, min_size=8, max_size=16))
def test_model_page_front_matter_and_head_hold_any_text(texts):
    catalog = hostile_catalog(texts)
    model = catalog.models["model-1"]
    page = render_model_page(model, catalog, SiteLinks(SITE_URL, "https://github.com/x/y"))
    front = yaml.safe_load(page.split("---\n", 2)[1])
    # The theme prints the title raw (header, nav, search index): it crosses escaped, and reads back as the name.
    assert "<" not in front["title"] and '"' not in front["title"]
    assert squash(html.unescape(front["title"])) == squash(model.name)
    head = model_head(model, catalog, SITE_URL, "Qwen Atlas")
    for forbidden in ("<", ">", "&"):  # inside <script type="application/ld+json">
        assert forbidden not in head.json_ld


@HOSTILE
@given(st.lists(yaml_printable_text, min_size=8, max_size=16))
def test_feeds_are_well_formed_xml_with_the_names_intact(texts):
    catalog = hostile_catalog(texts)
    document = render_feed(list(catalog.models.values()), catalog, SITE_URL, title="t", feed_path="feeds/x.xml",
                           page_path="timeline/")
    tree = ET.fromstring(document.split("?>", 1)[1])
    titles = [e.text or "" for e in tree.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(squash(catalog.models["model-1"].name) in squash(t) for t in titles) or not squash(
        catalog.models["model-1"].name)


@HOSTILE
@given(st.lists(st.tuples(nonempty_hostile, hostile_text), min_size=1, max_size=4))
def test_glossary_abbreviations_stay_tooltips(pairs):
    """Each usable term becomes a tooltip wherever a page uses it; its definition reaches the page only as the
    title attribute, never as text or markup."""
    catalog = Catalog()
    origin = Origin("data/glossary.yaml", 1)
    for n, (term, definition) in enumerate(pairs):
        catalog.glossary[f"t{n}"] = Term(f"t{n}", term, None, definition or "d", None, (), origin)
    glossary = abbreviations(catalog)
    assert set(glossary) == {abbreviation_term(term) for term, _ in pairs if abbreviation_term(term)}
    page = markdown.Markdown(extensions=SITE_MARKDOWN, extension_configs={"abbr": {"glossary": glossary}})
    assert page.convert("Body.") == "<p>Body.</p>"
    # Each definition as the tooltip of a plain term used in running text: it stays whole, in the title only.
    for _, definition in pairs:
        tooltip = abbreviations(Catalog(glossary={"t": Term("t", "TERMX", None, definition or "d", None, (), origin)}))
        page = markdown.Markdown(extensions=SITE_MARKDOWN, extension_configs={"abbr": {"glossary": tooltip}})
        reader = _Tooltips()
        reader.feed(page.convert("Body TERMX end."))
        assert reader.titles == list(tooltip.values())  # none when the definition is blank
        assert "".join(reader.text) == "Body TERMX end."


class _Tooltips(HTMLParser):
    """The title of every <abbr> and the text of a converted fragment, read as a browser reads them."""

    def __init__(self):
        super().__init__()
        self.titles, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "abbr":
            self.titles.append(dict(attrs).get("title"))

    def handle_data(self, data):
        self.text.append(data)


def test_control_characters_in_text_are_refused_or_harmless():
    """A YAML escape such as "\\x1f" puts a control character in a name: the validator must refuse it, or
    the Atom feed and the model page's front matter must still parse."""
    text = 'family: {id: fam}\nmodels:\n  - {id: m, name: "Odd\\x1fName"}\n'
    data, problems = load_yaml_text(text, "data/models/fam.yaml")
    name = data["models"][0]["name"]
    assert name == "Odd\x1fName"  # the escape reaches the data
    refused = [p for p in validate([LoadedFile(Path("data/models/fam.yaml"), data)]) if p.field == "name"]
    if refused:
        return
    catalog = hostile_catalog([name] * 8)
    ET.fromstring(render_feed(list(catalog.models.values()), catalog, SITE_URL, title="t",
                              feed_path="feeds/x.xml", page_path="timeline/").split("?>", 1)[1])
    page = render_model_page(catalog.models["model-1"], catalog, SiteLinks(SITE_URL, "https://github.com/x/y"))
    yaml.safe_load(page.split("---\n", 2)[1])


# --- the loader and validator ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3),
    max_leaves=10)
MODEL_FIELDS = ["id", "name", "variant", "released", "architecture", "params_total_b", "params_active_b",
                "context_native", "context_max", "context_extension", "modalities_in", "modalities_out",
                "open_weights", "license", "hf_repo", "base_model", "layers", "attention", "summary", "notes",
                "confidence", "aliases", "sources", "not_a_field"]
RECORD_KEYS = {"data/models/fam.yaml": "models", "data/papers/p.yaml": "papers", "data/claims/c.yaml": "claims",
               "data/events.yaml": "events", "data/threads.yaml": "threads", "data/ecosystem.yaml": "ecosystem",
               "data/glossary.yaml": "glossary"}
malformed_record = st.dictionaries(st.sampled_from(MODEL_FIELDS + ["title", "date", "url", "kind", "models",
                                                                   "threads", "term", "claim", "verdict"]),
                                   json_values, max_size=8)


@pytest.fixture(scope="module")
def real_files():
    from macros.data.catalog import read_data_files

    loaded, problems = read_data_files(ROOT)
    assert problems == []
    return loaded


def validate(files: list[LoadedFile]) -> list[Problem]:
    from macros.data.schema_check import schema_problems

    problems = [p for f in files for p in schema_problems(f, ROOT)]
    _, more = build_catalog(files, dt.date(2026, 11, 29))
    return problems + more


@HOSTILE
@given(st.text(max_size=300) | st.lists(st.sampled_from(["a: 1", "- b", "  c: [", "{d", "e: &x", "*x", "? f",
                                                         ": g", "\t- h", "!!python/object:os.system"]),
                                        max_size=8).map("\n".join))
def test_any_text_loads_as_data_or_problems(text):
    data, problems = load_yaml_text(text, "data/models/fam.yaml")
    assert all(isinstance(p, Problem) and str(p).startswith("data/models/fam.yaml") for p in problems)
    if data is not None:
        for problem in validate([LoadedFile(Path("data/models/fam.yaml"), data)]):
            assert isinstance(problem, Problem) and str(problem)


@settings(HOSTILE, max_examples=20)  # each example validates the whole real catalogue (about half a second)
@given(path=st.sampled_from(sorted(RECORD_KEYS)), records=st.lists(malformed_record | json_values, max_size=3),
       family=json_values | malformed_record)
def test_malformed_records_get_problems_not_exceptions(real_files, path, records, family):
    """Malformed records next to the real data: the cross-record rules meet them too."""
    key = RECORD_KEYS[path]
    body = {key: records, "family": family} if key == "models" else {key: records}
    # Through YAML text and the real loader, as a contributor's file would arrive.
    data, problems = load_yaml_text(yaml.safe_dump(body, allow_unicode=True), path)
    assert problems == [] and data is not None
    found = validate([*real_files, LoadedFile(Path(path), data)])
    assert all(isinstance(p, Problem) and str(p).startswith("data/") for p in found)
    if records and all(r == {} for r in records):
        assert found, "an empty record must be reported (it has no id, name, ...)"
