"""Word lists shipped as data files in ``newscomment/data``; loaded once and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    """Non-comment lines of ``data/<name>.txt``, split on tabs."""
    text = resources.files("newscomment").joinpath("data", f"{name}.txt").read_text("utf-8")
    return [
        [field.strip() for field in line.split("\t")]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def term_map(name: str) -> dict[str, str]:
    """A lexicon as ``{term: first column after it}`` (category, type or class)."""
    return {row[0].lower(): (row[1] if len(row) > 1 else "") for row in _rows(name)}


@cache
def term_table(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon as ``{term: (all other columns)}``."""
    return {row[0].lower(): tuple(row[1:]) for row in _rows(name)}


@cache
def phrases(name: str) -> tuple[str, ...]:
    """A one-column lexicon as a tuple of lower-cased phrases."""
    return tuple(row[0].lower() for row in _rows(name))
