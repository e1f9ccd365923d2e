"""The built-in writer's sentence frames, kept as data in ``data/frames.toml``: several
frames per move, so that different articles get different wording, each article getting
the same one on every run."""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib import resources
from typing import Any

ANY = "any"
"""The variant of a move that has only one."""


@cache
def table() -> dict[str, dict[str, list[str]]]:
    """The frames file, by move and variant."""
    text = resources.files("newscomment").joinpath("data", "frames.toml").read_text("utf-8")
    return tomllib.loads(text)


def options(move: str, variant: str = ANY) -> list[str]:
    """Every frame of a move's variant (KeyError for a move or variant there is none of)."""
    return table()[move][variant]


def _start(seed: str, move: str, count: int) -> int:
    """Where this article's choice among ``count`` frames of a move falls."""
    digest = hashlib.sha256(f"{seed}:{move}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


def pick(move: str, seed: str, variant: str = ANY, **values: Any) -> str:
    """The frame this article (``seed``) gets for a move's variant, filled with ``values``;
    the choice depends on the article and the move only, so it is stable across runs."""
    frames = options(move, variant)
    return frames[_start(seed, f"{move}:{variant}", len(frames))].format(**values)


def rotated(move: str, seed: str, variant: str = ANY) -> list[str]:
    """Every frame of a move's variant, starting from the one this article gets: for
    styles that use several in turn (the questions' fallbacks)."""
    frames = options(move, variant)
    start = _start(seed, f"{move}:{variant}", len(frames))
    return frames[start:] + frames[:start]
