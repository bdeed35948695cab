"""Macro usage errors found while pages render, reported together when the build ends.

The macros plugin turns any exception raised inside a page into a traceback; collecting the messages
here instead lets the build stop with one line per problem, naming the page."""

from __future__ import annotations

_found: list[str] = []


def record(message: str) -> None:
    _found.append(message)


def take() -> list[str]:
    """Every message recorded since the last call, emptying the list (one build at a time)."""
    messages = list(_found)
    _found.clear()
    return messages
