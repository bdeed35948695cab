"""HTML for the history of the data: the "What changed" page and the collapsed History of a model page.

Events come from macros/outputs/history.py (newest first, already linked to today's pages by `annotate`).
The page is rendered from macros/templates/changes.html by a Jinja environment that escapes every value
with the project's `esc` (inert for HTML, Markdown and Jinja alike).
"""

from __future__ import annotations

import calendar
import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..views.escape import esc, url_attr
from .history import CHANGES_FEED, CHANGES_JSON, KINDS, events_of_model

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PAGE_BYTES = 100 * 1024  # HTML of the newest changes on the page (the theme adds ~20 KB); the JSON has all
LONG_TEXT = 80  # strings longer than this are shown as the part that changed, with a little context
CONTEXT = 30
MIDDLE = 160
GROUPED_KINDS = ("new-model", "added", "removed")  # listed as one line per family and commit
RECORD_WORDS = {"model": "model", "family": "family", "paper": "paper", "claim": "claim", "event": "event",
                "term": "glossary term", "thread": "thread", "ecosystem": "ecosystem entry"}
PLURAL = {"family": "families", "ecosystem entry": "ecosystem entries"}


def plural(word: str) -> str:
    return PLURAL.get(word, word + "s")


def _finalize(value):
    """Every printed value goes through esc() unless a helper here already built it as Markup."""
    if value is None:
        return ""
    return value if isinstance(value, Markup) else Markup(esc(value))


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def render_template(name: str, **context) -> str:
    """A template's HTML without blank lines or indentation, so Markdown keeps it as one raw block."""
    text = environment().get_template(name).render(**context)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# ------------------------------------------------------------------------------------------- values


def day_text(iso_day: str) -> str:
    year, month, day = (int(x) for x in iso_day.split("-"))
    return f"{day} {calendar.month_name[month]} {year}"


def _scalar_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join(_scalar_text(v) for v in value) if value else "(none)"
    if isinstance(value, dict | list):
        return _flow(value)
    return " ".join(str(value).split())


def _flow(value) -> str:
    """Nested values in YAML's flow style, without quotes: {source: card, quote: ...}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _is_scalar_list(value) -> bool:
    return isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)


def value_pair_html(old, new) -> Markup:
    """old → new, in words. Lists show the items added and removed; long texts show only the words that
    changed, with a little context on each side."""
    if _is_scalar_list(old) and _is_scalar_list(new):
        gone = [v for v in old if v not in new]
        came = [v for v in new if v not in old]
        parts = []
        if came:
            parts.append("added " + ", ".join(f"<ins>{esc(_cut(_scalar_text(v), MIDDLE))}</ins>" for v in came))
        if gone:
            parts.append("removed " + ", ".join(f"<del>{esc(_cut(_scalar_text(v), MIDDLE))}</del>" for v in gone))
        if parts:
            return Markup("; ".join(parts))
        return Markup(f"reordered: {esc(_cut(_scalar_text(new), MIDDLE))}")
    old_text, new_text = _scalar_text(old), _scalar_text(new)
    if old is None:
        return Markup(f'<span class="atlas-muted">not set</span> → <ins>{esc(_cut(new_text, MIDDLE))}</ins>')
    if new is None:
        return Markup(f'<del>{esc(_cut(old_text, MIDDLE))}</del> → <span class="atlas-muted">not set</span>')
    if max(len(old_text), len(new_text)) <= LONG_TEXT:
        return Markup(f'<del>{esc(_cut(old_text, MIDDLE))}</del> → <ins>{esc(_cut(new_text, MIDDLE))}</ins>')
    shortest = min(len(old_text), len(new_text))
    start = 0
    while start < shortest and old_text[start] == new_text[start]:
        start += 1
    end = 0
    while end < shortest - start and old_text[-1 - end] == new_text[-1 - end]:
        end += 1
    # Whole words: move the cut points back to the nearest space so no word is split.
    start = old_text.rfind(" ", 0, start) + 1 if start < shortest else start
    while end and old_text[len(old_text) - end] != " ":
        end -= 1
    before = old_text[:start]
    before = ("…" + before[-CONTEXT:].split(" ", 1)[-1]) if len(before) > CONTEXT else before
    after = old_text[len(old_text) - end:] if end else ""
    after = (after[:CONTEXT].rsplit(" ", 1)[0] + " …") if len(after) > CONTEXT else after
    old_mid, new_mid = old_text[start:len(old_text) - end], new_text[start:len(new_text) - end]
    changed = (f"<del>{esc(_cut(old_mid, MIDDLE))}</del>" if old_mid else "") + \
        (f"<ins>{esc(_cut(new_mid, MIDDLE))}</ins>" if new_mid else "")
    return Markup(f"{esc(before)}{changed}{esc(after)}")


def change_items(event: dict) -> list[dict]:
    """The field changes of an event as {field, html}, for the template."""
    if event["kind"] in GROUPED_KINDS:
        return []
    return [{"field": c["field"], "html": value_pair_html(c["old"], c["new"])} for c in event["changes"]]


def record_link(event: dict, root: str) -> Markup:
    name = esc(event.get("name") or event["record_id"])
    if event.get("url"):
        return Markup(f'<a href="{esc(root + event["url"])}">{name}</a>')
    return Markup(name)


def commit_link(event: dict) -> Markup:
    short = esc(event["commit"][:7])
    if event.get("commit_url"):
        return Markup(f'<a href="{url_attr(event["commit_url"])}" title="The commit on the repository host">'
                      f"<code>{short}</code></a>")
    return Markup(f"<code>{short}</code>")


# --------------------------------------------------------------------------------------------- page


def _lines(events: list[dict], root: str, compact: bool = False, summary: bool = False) -> list[dict]:
    """One line per event, except additions and removals: one line per family, kind and commit.
    `compact` (the commit that started the catalogue) counts the records instead of linking each one;
    `summary` (a commit too large for the page) groups every kind and names the fields, not the values."""
    lines, grouped = [], {}
    for event in events:
        if event["kind"] in GROUPED_KINDS or (summary and event["kind"] != "renamed"):
            key = (event["kind"], event["record_kind"], event.get("family") or "")
            if key not in grouped:
                grouped[key] = {"kind": event["kind"], "kind_label": KINDS[event["kind"]],
                                "family": event.get("family") or "", "family_name": event.get("family_name"),
                                "record_word": RECORD_WORDS.get(event["record_kind"], event["record_kind"]),
                                "records": [], "changes": [], "old_id": None, "count": 0, "fields": {}}
                grouped[key]["record_words"] = plural(grouped[key]["record_word"])
                lines.append(grouped[key])
            grouped[key]["count"] += 1
            for change in event["changes"] if event["kind"] not in GROUPED_KINDS else []:
                grouped[key]["fields"][change["field"].split(".", 1)[0]] = True
            if not compact:
                grouped[key]["records"].append(record_link(event, root))
        else:
            lines.append({"kind": event["kind"], "kind_label": KINDS[event["kind"]],
                          "family": event.get("family") or "", "family_name": event.get("family_name"),
                          "record_word": RECORD_WORDS.get(event["record_kind"], event["record_kind"]),
                          "records": [record_link(event, root)], "count": 1, "old_id": event.get("old_id"),
                          "changes": change_items(event), "fields": {}})
    for line in lines:
        line["fields"] = list(line["fields"])
    return lines


def _cost(lines: list[dict]) -> int:
    return 300 + sum(220 + sum(len(r) + 2 for r in line["records"]) + 200 * len(line["changes"])
                     + 20 * len(line["fields"]) for line in lines)


def _commits(events: list[dict], root: str) -> list[dict]:
    """Commits (newest first) with their lines and an estimate of their size in HTML."""
    by_commit: dict[str, list[dict]] = {}
    for event in events:
        by_commit.setdefault(event["commit"], []).append(event)
    oldest = list(by_commit)[-1] if by_commit else None
    commits = []
    for sha, commit_events in by_commit.items():
        first = commit_events[0]
        start = sha == oldest and all(e["kind"] in ("new-model", "added") for e in commit_events)
        lines = _lines(commit_events, root, compact=start)
        cost = _cost(lines)
        summary = cost > PAGE_BYTES // 3  # a large commit is summed up: its values are in the JSON
        if summary:
            lines = _lines(commit_events, root, compact=start, summary=True)
            cost = _cost(lines)
        commits.append({"commit": sha, "link": commit_link(first), "start": start, "summary": summary,
                        "day": first["date"][:10],
                        "reason": first.get("reason") or "", "lines": lines, "events": len(commit_events),
                        "cost": cost})
    return commits


def _days(commits: list[dict]) -> list[dict]:
    days: list[dict] = []
    for commit in commits:
        if not days or days[-1]["day"] != commit["day"]:
            days.append({"day": commit["day"], "title": day_text(commit["day"]), "commits": []})
        days[-1]["commits"].append(commit)
    return days


def render_changes(events: list[dict] | None, root: str, unavailable: str | None = None) -> str:
    """The "What changed" page body: newest first, by day and commit, with a family and kind filter.

    The newest commits are listed up to PAGE_BYTES of HTML (the JSON has every event). `events` None
    (or `unavailable` given) means the build had no history: the page says why.
    """
    events = events or []
    links = {"json_href": root + CHANGES_JSON, "feed_href": root + CHANGES_FEED}
    if unavailable is not None:
        return render_template("changes.html", unavailable=unavailable, days=[], families=[], kinds=[],
                               left_out=0, count=0, commits=0, **links)
    families = sorted({(e["family"], e.get("family_name") or e["family"]) for e in events if e.get("family")},
                      key=lambda f: str(f[1]).lower())
    kinds = [(k, label) for k, label in KINDS.items() if any(e["kind"] == k for e in events)]
    commits = _commits(events, root)
    shown, size = 0, 0
    while shown < len(commits) and (shown == 0 or size + commits[shown]["cost"] <= PAGE_BYTES):
        size += commits[shown]["cost"]
        shown += 1
    while True:  # the estimate picks the cut; the rendered size has the last word
        chosen = commits[:shown]
        html = render_template("changes.html", unavailable=None, days=_days(chosen), families=families,
                               kinds=kinds, left_out=len(events) - sum(c["events"] for c in chosen),
                               count=len(events), commits=len(commits), script=Markup(FILTER_SCRIPT), **links)
        if len(html.encode()) <= PAGE_BYTES or shown <= 1:
            return html
        shown -= 1


# A small filter, only on this page. Without JavaScript the form stays hidden and every change shows.
FILTER_SCRIPT = """
(function () {
  "use strict";
  function setup() {
    var box = document.querySelector("[data-atlas-changes]");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var form = box.querySelector("form.atlas-changes-filter");
    var count = box.querySelector(".atlas-changes-count");
    function apply() {
      var family = form.elements.family.value, kind = form.elements.kind.value, shown = 0;
      box.querySelectorAll("li[data-kind]").forEach(function (li) {
        var ok = (!family || li.getAttribute("data-family") === family) &&
          (!kind || li.getAttribute("data-kind") === kind);
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      box.querySelectorAll(".atlas-changes-commit, .atlas-changes-day").forEach(function (group) {
        group.hidden = !group.querySelector("li[data-kind]:not([hidden])");
      });
      count.textContent = shown + (shown === 1 ? " line shown" : " lines shown");
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    var query = new URLSearchParams(window.location.search);
    ["family", "kind"].forEach(function (name) {
      var value = query.get(name);
      var select = form.elements[name];
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    apply();
  }
  setup();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
})();
""".strip()


# ------------------------------------------------------------------------------------- model page


def model_history_block(model_id: str, root: str, found) -> str:
    """model_history_html for the build in progress (`found`: the History the on_config hook collected)."""
    if found is None:
        return model_history_html(model_id, None, root, "history was not collected for this build")
    return model_history_html(model_id, found.events, root, None if found.available else found.reason)


def model_history_html(model_id: str, events: list[dict] | None, root: str, unavailable: str | None = None) -> str:
    """A collapsed "History" block for a model page: its changes newest first (renames followed)."""
    if events is None or unavailable is not None:
        reason = unavailable or "this build had no access to the history of the data"
        return (f'<details class="atlas-history"><summary>History</summary><p>History is unavailable: '
                f'{esc(reason)}.</p></details>')
    mine = events_of_model(model_id, events)
    if not mine:
        return ('<details class="atlas-history"><summary>History</summary><p>No change to this model is recorded '
                'in the history of the data.</p></details>')
    items = []
    for event in mine:
        day = event["date"][:10]
        head = (f'<time datetime="{esc(day)}">{esc(day_text(day))}</time> · {esc(KINDS[event["kind"]])} · '
                f"{commit_link(event)} {esc(event.get('reason') or '')}")
        if event["kind"] == "renamed":
            detail = f"<p>Renamed from <code>{esc(event.get('old_id'))}</code>.</p>"
        elif event["kind"] in GROUPED_KINDS:
            detail = ""
        else:
            detail = "<ul>" + "".join(f"<li><code>{esc(c['field'])}</code>: {c['html']}</li>"
                                      for c in change_items(event)) + "</ul>"
        items.append(f"<li>{head}{detail}</li>")
    changes = sum(1 for e in mine if e["kind"] not in GROUPED_KINDS)
    if mine[-1]["kind"] == "new-model":
        since = day_text(mine[-1]["date"][:10])
        summary = (f"History: {changes} change{'s' if changes != 1 else ''} since it was added on {since}"
                   if changes else f"History: no change since it was added on {since}")
    else:
        summary = f"History: {len(mine)} recorded change{'s' if len(mine) != 1 else ''}"
    return (f'<details class="atlas-history"><summary>{esc(summary)}</summary>'
            f'<ol class="atlas-history-list">{"".join(items)}</ol>'
            f'<p>All changes: <a href="{esc(root)}changes/">What changed</a>.</p></details>')
