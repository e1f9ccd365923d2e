"""Boilerplate: stock phrases that fill space without adding information."""

from __future__ import annotations

import re
from functools import lru_cache

from newscomment.detectors.base import finding, text_of
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import phrases
from newscomment.model import Finding


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One case-insensitive regex for the whole phrase list; "*" stands for one word."""
    parts = [
        r"\s+".join(r"[\w'-]+" if word == "*" else re.escape(word) for word in phrase.split())
        for phrase in sorted(phrases("boilerplate"), key=len, reverse=True)
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@detector("boilerplate")
def detect(context: Context) -> list[Finding]:
    """Every stock phrase, as written in the article."""
    note = "stock phrase that adds no information"
    return [
        finding(context.doc, "boilerplate", "stock_phrase", match.span(), 0.7, note, {})
        for match in _pattern().finditer(text_of(context.doc))
    ]
