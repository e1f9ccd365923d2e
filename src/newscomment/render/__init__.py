"""Renderers: turn an analysis and its comment into text, JSON, Markdown or seed format."""

from __future__ import annotations

from newscomment.model import Analysis, Comment
from newscomment.render import jsonout, markdown, seed, text

FORMATS = ("text", "json", "markdown", "seed")


def render(analysis: Analysis, result: Comment | None, fmt: str) -> str:
    """The output document in one of ``FORMATS``."""
    if fmt == "json":
        return jsonout.render(analysis, result)
    if result is None:
        return text.render_analysis(analysis)
    if fmt == "markdown":
        return markdown.render(analysis, result)
    if fmt == "seed":
        return seed.render(analysis, result)
    return text.render(result)
