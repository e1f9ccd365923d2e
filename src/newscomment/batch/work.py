"""What a worker does with a chunk of records: read, analyse and comment on each with the
worker process's one ``Newscomment``, turning every failure into an error row so that one
bad record never stops a run."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from uuid import uuid4

import pyarrow as pa
import pyarrow.parquet as pq

from newscomment import Newscomment, Settings
from newscomment.batch.inputs import Record
from newscomment.batch.schema import Rows, article_rows, empty_rows, error_rows, to_arrow
from newscomment.styles import DEFAULT_STYLE

Part = dict[str, pa.Table]
"""A chunk's results: one Arrow table per store table."""


@dataclass(frozen=True, slots=True)
class ChunkJob:
    """What every worker does with its records: the settings its ``Newscomment`` is made
    with, the comment style (None: analysis only) and who writes the comment."""

    settings: Settings
    style: str | None = DEFAULT_STYLE
    backend: str = "builtin"
    run: str = field(default_factory=lambda: uuid4().hex)
    """The run it belongs to: a Dask worker that serves a second run makes a new
    ``Newscomment`` for it, with that run's LLM call slots."""


_worker: tuple[ChunkJob, Newscomment] | None = None
"""This process's ``Newscomment`` and the job it was made for."""


def newscomment_for(
    job: ChunkJob, llm_calls: AbstractContextManager[object] | None = None
) -> Newscomment:
    """This process's one ``Newscomment`` for ``job``: made and loaded on the job's first
    chunk here (every LLM call then holds one of ``llm_calls``), kept for the others."""
    global _worker
    if _worker is None or _worker[0] != job:
        _worker = (job, Newscomment(job.settings, llm_calls=llm_calls).load())
    return _worker[1]


def analyse_chunk(
    records: list[Record], job: ChunkJob, llm_calls: AbstractContextManager[object] | None = None
) -> Part:
    """The rows of every record in the chunk, as Arrow tables."""
    rows = empty_rows()
    for found in _rows_of(records, newscomment_for(job, llm_calls), job):
        for name, items in found.items():
            rows[name].extend(items)
    return to_arrow(rows)


def analyse_chunk_to_parquet(
    records: list[Record], job: ChunkJob, llm_calls: AbstractContextManager[object] | None
) -> dict[str, bytes]:
    """``analyse_chunk`` written as Parquet parts, which a Dask worker sends back."""
    part = analyse_chunk(records, job, llm_calls)
    return {name: _parquet_bytes(table) for name, table in part.items()}


def part_from_parquet(parts: dict[str, bytes]) -> Part:
    """The Arrow tables of Parquet parts made by ``analyse_chunk_to_parquet``."""
    return {name: pq.read_table(io.BytesIO(data)) for name, data in parts.items()}


def _parquet_bytes(table: pa.Table) -> bytes:
    """One table as a Parquet file in memory."""
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _rows_of(records: list[Record], nc: Newscomment, job: ChunkJob) -> Iterator[Rows]:
    """Each record's rows, or its error row."""
    usable = [record for record in records if record.problem is None]
    outcomes = nc.pipe((r.article for r in usable), style=job.style, backend=job.backend)
    for record, outcome in zip(usable, outcomes, strict=True):
        if outcome.analysis is None:
            yield error_rows(record.key, record.origin, record.id, outcome.error or "")
        else:
            contract = outcome.analysis.to_dict(outcome.comment)
            yield article_rows(record.key, record.origin, record.id, contract)
    for record in records:
        if record.problem is not None:
            yield error_rows(record.key, record.origin, record.id, record.problem)
