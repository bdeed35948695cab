"""The id rule: every id is derived from the official name, so contributors never invent one."""

import re

_NOT_SLUG = re.compile(r"[^a-z0-9.]+")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"


def slugify(name: str) -> str:
    """Lower-case the name, turn every run of other characters into one hyphen, trim hyphens.

    >>> slugify("Qwen3.5-35B-A3B")
    'qwen3.5-35b-a3b'
    >>> slugify("Qwen (1.0) 7B Chat")
    'qwen-1.0-7b-chat'
    """
    return _NOT_SLUG.sub("-", name.lower()).strip("-")
