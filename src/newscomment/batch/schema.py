"""The batch store's tables, derived from the JSON contract (``newscomment.contract``): each
contract dict is stored as columns named and typed by its TypedDict, one analysed article's
rows are made from ``Analysis.to_dict``, and its contract dict is put back together from
them. Every row carries ``key``, the article's identity in the run."""

from __future__ import annotations

import json
import operator
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, reduce
from typing import Any, Literal, Union, cast, get_args, get_origin, get_type_hints

import pyarrow as pa
from typing_extensions import is_typeddict

from newscomment.contract import (
    SCHEMA,
    ArticleDict,
    CommentDict,
    ContractDict,
    FindingDict,
    MainClaimDict,
    SentenceDict,
    SourceDict,
    StatsDict,
)

SCHEMA_VERSION = 3

SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
}
"""The Arrow type of each scalar the contract uses."""


def _is_union(annotation: object) -> bool:
    """Whether an annotation is ``X | Y`` (``X | None`` included)."""
    return get_origin(annotation) in (Union, types.UnionType)


def _is_json(annotation: object) -> bool:
    """Whether values of this annotation are stored as JSON text: a union of several dicts
    (a finding's details, whose fields depend on its kind)."""
    return _is_union(annotation) and type(None) not in get_args(annotation)


def arrow_type(annotation: object) -> pa.DataType:
    """The Arrow type of a contract annotation: scalars as ``SCALARS``, a literal as its
    values' type, ``list[X]`` as a list, a TypedDict as a struct, a union of dicts as JSON."""
    if isinstance(annotation, type) and annotation in SCALARS:
        return SCALARS[annotation]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return arrow_type(type(args[0]))
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if is_typeddict(annotation):
        return pa.struct(Columns(cast(type, annotation)).fields())
    if _is_json(annotation):
        return pa.string()
    raise TypeError(f"the store has no column type for {annotation!r}")


def arrow_field(name: str, annotation: object) -> pa.Field:
    """A column for a contract annotation, nullable exactly where the contract allows None."""
    if _is_union(annotation) and type(None) in get_args(annotation):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        return pa.field(name, arrow_type(reduce(operator.or_, rest)), nullable=True)
    return pa.field(name, arrow_type(annotation), nullable=False)


@cache
def keys_of(typed: type) -> tuple[tuple[str, object], ...]:
    """A contract TypedDict's keys and their annotations, in its order."""
    return tuple(get_type_hints(typed).items())


@dataclass(frozen=True, slots=True)
class Columns:
    """A contract dict stored as columns: its keys (``renamed`` ones under another name,
    every one after ``prefix``), typed by its TypedDict."""

    typed: type
    renamed: Mapping[str, str] = field(default_factory=dict)
    prefix: str = ""
    optional: bool = False
    """Whether the whole dict may be None (the main claim); its columns are then nullable."""

    def column(self, key: str) -> str:
        """The column that holds ``key``."""
        return self.prefix + self.renamed.get(key, key)

    def fields(self) -> list[pa.Field]:
        """The columns, as Arrow fields."""
        found = [arrow_field(self.column(key), hint) for key, hint in keys_of(self.typed)]
        return [item.with_nullable(True) for item in found] if self.optional else found

    def row(self, data: Mapping[str, Any] | None) -> dict[str, Any]:
        """The columns of ``data`` (all None for an absent optional dict)."""
        return {
            self.column(key): None if data is None else _stored(data[key], hint)
            for key, hint in keys_of(self.typed)
        }

    def value(self, row: Mapping[str, Any]) -> Any:
        """The contract dict back from its columns (None for an absent optional one)."""
        data = {key: _loaded(row[self.column(key)], hint) for key, hint in keys_of(self.typed)}
        if self.optional and all(value is None for value in data.values()):
            return None
        return data


def _stored(value: Any, hint: object) -> Any:
    """A contract value as its column holds it."""
    return json.dumps(value, ensure_ascii=False) if _is_json(hint) else value


def _loaded(value: Any, hint: object) -> Any:
    """A column's value as the contract has it."""
    return json.loads(value) if _is_json(hint) else value


ARTICLE = Columns(ArticleDict, {"id": "article_id"})
"""The article's contract id (a hash of its text) is ``article_id``: ``id`` is the record's."""
STATS = Columns(StatsDict)
MAIN_CLAIM = Columns(MainClaimDict, prefix="main_claim_", optional=True)
NOTES = arrow_field("notes", dict(keys_of(ContractDict))["notes"])
SENTENCE = Columns(SentenceDict, {"index": "sentence"})
FINDING = Columns(FindingDict, {"id": "finding"})
SOURCE = Columns(SourceDict)
COMMENT = Columns(CommentDict)

KEY = pa.field("key", pa.string(), nullable=False)
RECORD = [KEY, pa.field("id", pa.string()), pa.field("input", pa.string(), nullable=False)]
"""What every finished input has: its key, its record's id, and where it came from."""
PROCESSED_AT = pa.field("processed_at", pa.timestamp("ms", tz="UTC"), nullable=False)


def _schema(fields: Sequence[pa.Field]) -> pa.Schema:
    """A table of ``fields``, each name once: the stats repeat the article's ``words``."""
    unique: dict[str, pa.Field] = {}
    for item in fields:
        if unique.setdefault(item.name, item).type != item.type:
            raise TypeError(f"two columns {item.name} of different types")
    return pa.schema(list(unique.values()))


TABLES: dict[str, pa.Schema] = {
    "articles": _schema(
        [
            *RECORD,
            *ARTICLE.fields(),
            *STATS.fields(),
            *MAIN_CLAIM.fields(),
            NOTES,
            PROCESSED_AT,
        ]
    ),
    "sentences": _schema([KEY, *SENTENCE.fields()]),
    "findings": _schema([KEY, *FINDING.fields()]),
    "sources": _schema([KEY, *SOURCE.fields()]),
    "comments": _schema([KEY, *COMMENT.fields()]),
    "errors": _schema([*RECORD, pa.field("reason", pa.string(), nullable=False), PROCESSED_AT]),
}
"""Every table of a store, in the order they are written; ``articles`` and ``errors`` hold
one row per finished input (the keys a resumed run skips)."""

DONE_TABLES = ("articles", "errors")

Rows = dict[str, list[dict[str, Any]]]


def now() -> datetime:
    """The time stamp rows get, in UTC."""
    return datetime.now(UTC)


def empty_rows() -> Rows:
    """No rows yet, for every table."""
    return {name: [] for name in TABLES}


def article_rows(key: str, origin: str, record_id: str | None, contract: ContractDict) -> Rows:
    """All rows one analysed article adds to the store, from its contract dict."""
    rows = empty_rows()
    rows["articles"].append(
        {
            "key": key,
            "id": record_id,
            "input": origin,
            **ARTICLE.row(contract["article"]),
            **STATS.row(contract["stats"]),
            **MAIN_CLAIM.row(contract["main_claim"]),
            "notes": contract["notes"],
            "processed_at": now(),
        }
    )
    for table, columns, items in (
        ("sentences", SENTENCE, contract["sentences"]),
        ("findings", FINDING, contract["findings"]),
        ("sources", SOURCE, contract["sources"]),
        ("comments", COMMENT, [contract["comment"]] if contract["comment"] else []),
    ):
        rows[table] = [{"key": key, **columns.row(item)} for item in items]
    return rows


def error_rows(key: str, origin: str, record_id: str | None, reason: str) -> Rows:
    """The one row an input that could not be analysed adds to the store."""
    rows = empty_rows()
    rows["errors"].append(
        {"key": key, "id": record_id, "input": origin, "reason": reason, "processed_at": now()}
    )
    return rows


def contract_of(
    article: Mapping[str, Any], rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> ContractDict:
    """The contract dict of one stored article: its ``articles`` row and its rows of the
    other tables (``rows["findings"]`` and so on), each in the order they were written."""
    comments = [COMMENT.value(row) for row in rows["comments"]]
    return {
        "schema": SCHEMA,
        "article": ARTICLE.value(article),
        "sentences": [SENTENCE.value(row) for row in rows["sentences"]],
        "findings": [FINDING.value(row) for row in rows["findings"]],
        "sources": [SOURCE.value(row) for row in rows["sources"]],
        "main_claim": MAIN_CLAIM.value(article),
        "stats": STATS.value(article),
        "comment": comments[0] if comments else None,
        "notes": list(article["notes"]),
    }


def to_arrow(rows: Rows) -> dict[str, pa.Table]:
    """Rows as one Arrow table per store table, typed by ``TABLES``."""
    return {name: pa.Table.from_pylist(rows[name], schema=TABLES[name]) for name in TABLES}
