"""One-off (and safely repeatable) migration: every `sources:` list becomes a mapping of short key -> URL.

    .venv/bin/python -m macros.data.migrate_sources [FILE ...]   (default: every YAML file under data/)

Text-level, so comments, quoting and layout elsewhere survive. A `sources:` block that is already a
mapping is left alone, so running it twice changes nothing. Keys come from the URL (card, config,
repo, readme, blog, arxiv, report, docs, ms-card, ...), with -2, -3 when a key repeats in one entry.
After rewriting, each file is parsed again and every entry's URLs must be the same, in the same order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?sources:(?P<rest>.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<value>.*?)\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")

_GENERIC_DOCS = ("readthedocs.io", "readthedocs.org")


def key_for(url: str) -> str:
    """A short, meaningful key for a source URL."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    if host == "huggingface.co":
        if segments[:1] == ["papers"]:
            return "hf-paper"
        if segments[:1] == ["blog"]:
            return "hf-blog"
        if segments[:1] == ["collections"]:
            return "collection"
        if segments[:1] == ["spaces"]:
            return "space"
        if segments[:1] == ["datasets"]:
            return "dataset"
        if path.endswith("config.json"):
            return "config"
        if path.endswith(".json"):
            return "config"
        return "card"
    if host in ("modelscope.cn", "modelscope.ai"):
        return "ms-config" if path.endswith("config.json") else "ms-card"
    if host == "github.com" or host == "raw.githubusercontent.com":
        name = segments[-1] if segments else ""
        if name.endswith(".pdf"):
            return "report"
        if name.startswith("readme"):
            return "readme"
        if name.endswith(".json"):
            return "config"
        if len(segments) > 2 and segments[2] == "releases":
            return "release"
        return "repo"
    if host in ("qwenlm.github.io", "qwen.ai", "qwen.alibaba.com") or host.endswith(".qwen.ai"):
        return "blog"
    if host in ("arxiv.org", "export.arxiv.org"):
        return "arxiv"
    if host in ("aclanthology.org", "openreview.net", "proceedings.mlr.press", "proceedings.neurips.cc"):
        return "venue"
    if host.endswith("alibabacloud.com") or host.endswith("aliyun.com"):
        return "docs"
    if host == "ollama.com":
        return "ollama"
    if host.startswith("docs.") or any(host.endswith(d) for d in _GENERIC_DOCS):
        label = host.split(".")[1] if host.startswith("docs.") else host.split(".")[0]
        return (_SLUG.sub("-", label).strip("-") or "docs") + "-docs"
    labels = host.split(".")
    label = labels[-2] if len(labels) >= 2 else (labels[0] if labels else "source")
    key = _SLUG.sub("-", label).strip("-") or "source"
    return key if key[0].isalpha() else f"site-{key}"  # "031202: url" would read as a number


def keys_for(urls: list[str]) -> list[str]:
    """Keys for one entry's URLs: the first of a kind keeps the plain key, later ones get -2, -3 ..."""
    used: dict[str, int] = {}
    keys = []
    for url in urls:
        base = key_for(url)
        used[base] = used.get(base, 0) + 1
        key = base if used[base] == 1 else f"{base}-{used[base]}"
        while key in keys:  # a base key that itself ends in -2 (unlikely): keep counting
            used[base] += 1
            key = f"{base}-{used[base]}"
        keys.append(key)
    return keys


def _split_comment(text: str) -> tuple[str, str]:
    """'value  # comment' -> ('value', '  # comment'); a '#' inside a URL has no space before it."""
    match = re.search(r"\s+#.*$", text)
    if match and not (text.startswith('"') or text.startswith("'")):
        return text[: match.start()], text[match.start():]
    if text[:1] in "\"'":
        quote = text[0]
        end = text.find(quote, 1)
        if end > 0:
            return text[: end + 1], text[end + 1:]
    return text, ""


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return yaml.safe_load(value)
    return value


def _split_flow(body: str) -> list[str]:
    """Items of a one-line flow list ('a, b'); URLs in data never contain ', '."""
    return [item.strip() for item in body.split(",") if item.strip()]


def migrate_text(text: str) -> tuple[str, int]:
    """The text with every list-valued `sources:` rewritten; returns (text, blocks changed)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    changed = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _KEY_LINE.match(line.rstrip("\n"))
        if not match:
            out.append(line)
            index += 1
            continue
        indent = match["indent"] + (" " * len(match["dash"]) if match["dash"] else "")
        child = indent + "  "
        rest = match["rest"].strip()
        if rest.startswith("["):  # flow list on one line
            body, comment = rest, ""
            close = rest.rfind("]")
            body, comment = rest[1:close], rest[close + 1:].strip()
            items = [_unquote(v) for v in _split_flow(body)]
            if not items:
                out.append(line)
                index += 1
                continue
            head = match["indent"] + (match["dash"] or "") + "sources:" + (f"  {comment}" if comment else "") + "\n"
            out.append(head)
            for key, raw in zip(keys_for(items), _split_flow(body), strict=True):
                out.append(f"{child}{key}: {raw}\n")
            changed += 1
            index += 1
            continue
        if rest and not rest.startswith("#"):
            out.append(line)  # some other inline value ({...} mapping, or a scalar): not ours to touch
            index += 1
            continue
        # Block form: the following '- item' lines (comments and blank lines may sit between them).
        items: list[tuple[str, str]] = []  # (raw value, trailing comment)
        between: list[list[str]] = [[]]  # comment lines before each item, and after the last
        scan = index + 1
        first_item_indent = None
        while scan < len(lines):
            candidate = lines[scan].rstrip("\n")
            stripped = candidate.strip()
            if not stripped or stripped.startswith("#"):
                between[-1].append(lines[scan])
                scan += 1
                continue
            item = _ITEM.match(candidate)
            if not item or len(item["indent"]) < len(match["indent"]):
                break
            if first_item_indent is None:
                first_item_indent = len(item["indent"])
            if len(item["indent"]) != first_item_indent:
                break
            # A list item at the key's own indentation belongs to `sources` only when the key has no dash
            # (PyYAML's style: `sources:` then `- url` at the same column).
            if len(item["indent"]) == len(match["indent"]) and match["dash"]:
                break
            value, comment = _split_comment(item["value"])
            items.append((value, comment))
            between.append([])
            scan += 1
        if not items:  # already a mapping (or empty): leave it
            out.append(line)
            index += 1
            continue
        trailing = between.pop()  # comments after the last item stay after the block
        out.append(line)
        urls = [_unquote(v) for v, _ in items]
        for key, (value, comment), before in zip(keys_for(urls), items, between, strict=True):
            out.extend(before)
            out.append(f"{child}{key}: {value}{comment}\n")
        out.extend(trailing)
        changed += 1
        index = scan
    return "".join(out), changed


def _urls(node) -> list:
    """Every entry's sources as a list of URLs, in document order, for the before/after comparison."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, (list, dict)):
                found.append(list(value.values()) if isinstance(value, dict) else list(value))
            else:
                found += _urls(value)
    elif isinstance(node, list):
        for value in node:
            found += _urls(value)
    return found


def _strip_sources(node):
    if isinstance(node, dict):
        return {k: _strip_sources(v) for k, v in node.items() if k != "sources"}
    if isinstance(node, list):
        return [_strip_sources(v) for v in node]
    return node


def migrate_file(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    new, changed = migrate_text(text)
    if not changed:
        return 0
    before, after = yaml.safe_load(text), yaml.safe_load(new)
    if _urls(before) != _urls(after) or _strip_sources(before) != _strip_sources(after):
        raise SystemExit(f"{path}: the migration would change more than the form of `sources`; left as it was")
    path.write_text(new, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    files = [Path(a) for a in argv] or sorted(p for p in (root / "data").rglob("*.yaml") if not p.name.startswith("_"))
    total = 0
    for path in files:
        try:
            count = migrate_file(path)
        except yaml.YAMLError as error:
            print(f"{path}: not migrated, the file does not parse: {error}".splitlines()[0], file=sys.stderr)
            continue
        if count:
            print(f"{path}: {count} sources lists -> mappings")
        total += count
    print(f"{total} sources lists migrated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
