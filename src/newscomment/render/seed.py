"""Seed format: the input document given back with the comment after ``Comment:``."""

from __future__ import annotations

from newscomment.model import Analysis, Comment


def render(analysis: Analysis, result: Comment) -> str:
    """The seed document with its empty Comment line filled in."""
    document = analysis.article.seed_document
    if document is None:
        document = analysis.article.text.rstrip() + "\nComment:"
    return f"{document.rstrip()} {result.text.replace(chr(10), ' ')}"
