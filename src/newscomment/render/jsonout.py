"""The JSON contract (schema "newscomment/1") that other tools read."""

from __future__ import annotations

import json
from typing import Any

from newscomment.model import SCHEMA, Analysis, Comment, Finding, Span


def _span(span: Span) -> dict[str, int]:
    """A mention as offsets into the article text."""
    return {"start": span.start, "end": span.end}


def finding_dict(item: Finding) -> dict[str, Any]:
    """One finding; article-level findings have null offsets and sentence."""
    return {
        "id": item.id,
        "kind": item.kind,
        "label": item.label,
        "start": item.span.start if item.span else None,
        "end": item.span.end if item.span else None,
        "text": item.span.text if item.span else None,
        "sentence": item.sentence,
        "score": item.score,
        "salience": item.salience,
        "note": item.note,
        "details": item.details,
    }


def to_dict(analysis: Analysis, result: Comment | None) -> dict[str, Any]:
    """The whole contract as plain data."""
    article = analysis.article
    claim = analysis.main_claim
    return {
        "schema": SCHEMA,
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "published": article.published,
            "author": article.author,
            "language": article.language,
            "words": article.words,
            "text": article.text,
        },
        "sentences": [
            {
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "attributed": s.attributed,
            }
            for s in analysis.sentences
        ],
        "findings": [finding_dict(f) for f in analysis.findings],
        "sources": [
            {
                "name": s.name,
                "type": s.type,
                "mentions": [_span(m) for m in s.mentions],
                "via": s.via,
                "findings": s.finding_ids,
            }
            for s in analysis.sources
        ],
        "main_claim": None
        if claim is None
        else {
            "sentence": claim.sentence,
            "attributed": claim.attributed,
            "secondhand": claim.secondhand,
            "finding": claim.finding_id,
        },
        "stats": analysis.stats,
        "comment": None
        if result is None
        else {
            "text": result.text,
            "style": result.style,
            "backend": result.backend,
            "sentences": [{"text": s.text, "evidence": s.evidence} for s in result.sentences],
            "warnings": result.warnings,
        },
        "notes": article.notes,
    }


def render(analysis: Analysis, result: Comment | None) -> str:
    """The contract as indented JSON."""
    return json.dumps(to_dict(analysis, result), ensure_ascii=False, indent=2)
