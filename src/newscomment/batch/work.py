"""What a worker does with a chunk of records: read, analyse and comment on each, turning
every failure into an error row so that one bad record never stops a run."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from newscomment.analysis import analyze
from newscomment.batch.inputs import Record
from newscomment.batch.schema import TABLES, Rows, article_rows, error_rows, to_arrow
from newscomment.commenting import comment
from newscomment.errors import NewscommentError
from newscomment.ingest import read
from newscomment.llmconfig import LLMSettings
from newscomment.model import Article
from newscomment.nlp import load_pipeline
from newscomment.writers.llm import limit_calls

Part = dict[str, pa.Table]
"""A chunk's results: one Arrow table per store table."""


def load_worker() -> None:
    """Load the pipeline once in a worker process, before its first chunk."""
    load_pipeline()


@dataclass(frozen=True, slots=True)
class ChunkJob:
    """What to do with each record: the comment style (None: analysis only), the article
    length cap, and the LLM writer's settings (None: the built-in writer)."""

    style: str | None = "critical"
    max_chars: int | None = None
    llm: LLMSettings | None = None


def analyse_chunk(records: list[Record], job: ChunkJob) -> Part:
    """The rows of every record in the chunk, as Arrow tables."""
    rows: Rows = {name: [] for name in TABLES}
    for record in records:
        for name, items in _rows_of(record, job).items():
            rows[name].extend(items)
    return to_arrow(rows)


def analyse_chunk_to_parquet(
    records: list[Record], job: ChunkJob, llm_slots: AbstractContextManager[object] | None
) -> dict[str, bytes]:
    """``analyse_chunk`` written as Parquet parts, which a Dask worker sends back; LLM calls
    hold one of ``llm_slots`` (a cluster-wide semaphore) when given."""
    if llm_slots is not None:
        limit_calls(llm_slots)
    part = analyse_chunk(records, job)
    return {name: _parquet_bytes(table) for name, table in part.items()}


def part_from_parquet(parts: dict[str, bytes]) -> Part:
    """The Arrow tables of Parquet parts made by ``analyse_chunk_to_parquet``."""
    return {name: pq.read_table(io.BytesIO(data)) for name, data in parts.items()}


def _parquet_bytes(table: pa.Table) -> bytes:
    """One table as a Parquet file in memory."""
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _rows_of(record: Record, job: ChunkJob) -> Rows:
    """One record's rows, or its error row."""
    if record.problem:
        return error_rows(record.key, record.origin, record.id, record.problem)
    try:
        analysis = analyze(_article(record, job.max_chars))
        backend = "builtin" if job.llm is None else "llm"
        result = comment(analysis, job.style, backend, job.llm) if job.style else None
    except NewscommentError as error:
        return error_rows(record.key, record.origin, record.id, str(error))
    except Exception as error:  # a bug must cost one record, not the run
        reason = f"internal error: {type(error).__name__}: {error}"
        return error_rows(record.key, record.origin, record.id, reason)
    return article_rows(record.key, record.origin, record.id, analysis, result)


def _article(record: Record, max_chars: int | None) -> Article:
    """The record read as an article, its own title, outlet and date taking precedence."""
    article = read(
        record.path, text=record.text, html=record.html, url=record.url, max_chars=max_chars
    )
    article.title = record.title or article.title
    article.outlet = record.outlet or article.outlet
    article.published = record.published or article.published
    return article
