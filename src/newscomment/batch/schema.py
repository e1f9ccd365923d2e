"""The batch store's tables: their columns (as Arrow schemas and DuckDB DDL) and how one
analysed article becomes rows. Every row carries ``key``, the article's identity in the run."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from newscomment.model import Analysis, Comment, Finding
from newscomment.render.jsonout import finding_dict

SCHEMA_VERSION = 1
STAT_COLUMNS = (
    "attributed_share",
    "named_sources",
    "anonymous_sources",
    "quotes",
    "hedges",
    "opinion_sentences",
    "opinion_share",
    "loaded",
    "boilerplate",
)
"""The article-level figures from ``Analysis.stats`` stored as columns of ``articles``."""

TABLES: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("key", pa.string()),
            ("id", pa.string()),
            ("input", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("published", pa.string()),
            ("url", pa.string()),
            ("words", pa.int32()),
            ("sentences", pa.int32()),
            *[(name, pa.float64()) for name in STAT_COLUMNS],
            ("has_absolute_dates", pa.bool_()),
            ("has_figures", pa.bool_()),
            ("main_claim_sentence", pa.int32()),
            ("main_claim_attributed", pa.bool_()),
            ("main_claim_secondhand", pa.bool_()),
            ("text", pa.string()),
            ("processed_at", pa.timestamp("ms", tz="UTC")),
        ]
    ),
    "sentences": pa.schema(
        [
            ("key", pa.string()),
            ("sentence", pa.int32()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("attributed", pa.bool_()),
        ]
    ),
    "findings": pa.schema(
        [
            ("key", pa.string()),
            ("finding", pa.string()),
            ("kind", pa.string()),
            ("label", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("sentence", pa.int32()),
            ("score", pa.float64()),
            ("salience", pa.float64()),
            ("note", pa.string()),
            ("details", pa.string()),
        ]
    ),
    "sources": pa.schema(
        [
            ("key", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("via", pa.string()),
            ("mentions", pa.int32()),
            ("findings", pa.list_(pa.string())),
        ]
    ),
    "comments": pa.schema(
        [
            ("key", pa.string()),
            ("style", pa.string()),
            ("backend", pa.string()),
            ("text", pa.string()),
            ("sentences", pa.string()),
            ("warnings", pa.list_(pa.string())),
        ]
    ),
    "errors": pa.schema(
        [
            ("key", pa.string()),
            ("id", pa.string()),
            ("input", pa.string()),
            ("reason", pa.string()),
            ("processed_at", pa.timestamp("ms", tz="UTC")),
        ]
    ),
}
"""Every table of a store, in the order they are written; ``articles`` and ``errors`` hold
one row per finished input (the keys a resumed run skips)."""

DONE_TABLES = ("articles", "errors")

Rows = dict[str, list[dict[str, Any]]]


def now() -> datetime:
    """The time stamp rows get, in UTC."""
    return datetime.now(UTC)


def article_rows(
    key: str, origin: str, record_id: str | None, analysis: Analysis, result: Comment | None
) -> Rows:
    """All rows one analysed article adds to the store."""
    article = analysis.article
    stats = analysis.stats
    claim = analysis.main_claim
    rows: Rows = {name: [] for name in TABLES}
    rows["articles"].append(
        {
            "key": key,
            "id": record_id,
            "input": origin,
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published,
            "url": article.url,
            "words": article.words,
            "sentences": len(analysis.sentences),
            **{name: stats.get(name) for name in STAT_COLUMNS},
            "has_absolute_dates": bool(stats.get("has_absolute_dates")),
            "has_figures": bool(stats.get("has_figures")),
            "main_claim_sentence": claim.sentence if claim else None,
            "main_claim_attributed": claim.attributed if claim else None,
            "main_claim_secondhand": claim.secondhand if claim else None,
            "text": article.text,
            "processed_at": now(),
        }
    )
    rows["sentences"] = [
        {
            "key": key,
            "sentence": s.index,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "attributed": s.attributed,
        }
        for s in analysis.sentences
    ]
    rows["findings"] = [_finding_row(key, finding) for finding in analysis.findings]
    rows["sources"] = [
        {
            "key": key,
            "name": s.name,
            "type": s.type,
            "via": s.via,
            "mentions": len(s.mentions),
            "findings": list(s.finding_ids),
        }
        for s in analysis.sources
    ]
    if result is not None:
        sentences = [{"text": s.text, "evidence": s.evidence} for s in result.sentences]
        rows["comments"].append(
            {
                "key": key,
                "style": result.style,
                "backend": result.backend,
                "text": result.text,
                "sentences": json.dumps(sentences, ensure_ascii=False),
                "warnings": list(result.warnings),
            }
        )
    return rows


def _finding_row(key: str, finding: Finding) -> dict[str, Any]:
    """A finding as the JSON contract has it, keyed, with its details as JSON text."""
    row = finding_dict(finding)
    row["finding"] = row.pop("id")
    row["details"] = json.dumps(row["details"], ensure_ascii=False)
    return {"key": key, **row}


def error_rows(key: str, origin: str, record_id: str | None, reason: str) -> Rows:
    """The one row an input that could not be analysed adds to the store."""
    rows: Rows = {name: [] for name in TABLES}
    rows["errors"].append(
        {"key": key, "id": record_id, "input": origin, "reason": reason, "processed_at": now()}
    )
    return rows


def to_arrow(rows: Rows) -> dict[str, pa.Table]:
    """Rows as one Arrow table per store table, typed by ``TABLES``."""
    return {name: pa.Table.from_pylist(rows[name], schema=TABLES[name]) for name in TABLES}
