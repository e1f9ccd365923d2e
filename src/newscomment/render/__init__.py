"""Renderers: an analysis and its comment as plain text, JSON (the contract), Markdown with
footnotes, the seed format, or a self-contained HTML page."""

from __future__ import annotations

from newscomment.model import Analysis, Comment
from newscomment.render import markdown, seed, text

FORMATS = ("text", "json", "markdown", "seed", "html")


def render(analysis: Analysis, result: Comment | None, fmt: str) -> str:
    """The output document in one of ``FORMATS``; without a comment, the analysis alone."""
    if fmt == "json":
        return analysis.to_json(result)
    if fmt == "html":
        from newscomment.render import html  # Jinja2 loads only for this format

        return html.render(analysis, result)
    if result is None:
        return text.render_analysis(analysis)
    if fmt == "markdown":
        return markdown.render(analysis, result)
    if fmt == "seed":
        return seed.render(analysis, result)
    return text.render(result)
