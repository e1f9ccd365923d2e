"""``newscomment batch``: read the inputs, skip what the store already has, analyse the rest
on an engine, and commit each chunk's results to the store as it comes back."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newscomment import InputError, Newscomment, Settings
from newscomment.batch.engines import run_dask, run_local
from newscomment.batch.inputs import Record, count_records, iter_records
from newscomment.batch.progress import Progress
from newscomment.batch.store import EXPORT_MEMORY_LIMIT, Store
from newscomment.batch.work import ChunkJob, Part
from newscomment.styles import DEFAULT_STYLE

STORE_SUFFIXES = (".duckdb", ".db")
EXPORT_SUFFIXES = (".parquet", ".jsonl")
DEFAULT_CHUNK = 16


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: comment style (None: analysis only) and writer, engine and its size."""

    style: str | None = DEFAULT_STYLE
    backend: str = "builtin"
    """With "llm", comments come from the LLM writer of the settings (one call at a time per
    worker), checked against the article like the built-in writer's."""
    workers: int = os.cpu_count() or 1
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = DEFAULT_CHUNK
    llm_concurrency: int | None = None
    """At most this many LLM calls at once across all workers (None: one per worker)."""


def store_path(out: Path) -> Path:
    """The DuckDB file a run writes: ``out`` itself, or beside a Parquet/JSONL export."""
    suffix = out.suffix.lower()
    if suffix in STORE_SUFFIXES:
        return out
    if suffix in EXPORT_SUFFIXES:
        return out.with_name(out.name + ".duckdb")
    known = ", ".join(STORE_SUFFIXES + EXPORT_SUFFIXES)
    raise InputError(f"cannot tell what to write from --out {out}; end it with one of {known}")


def run_batch(
    inputs: Sequence[str],
    out: Path,
    settings: Settings,
    options: BatchOptions,
    progress: Progress | None = None,
) -> Progress:
    """Run the whole batch (or what an earlier run left) with ``settings`` and return its
    counts; the LLM endpoint, when comments need it, is checked before anything starts."""
    records = iter_records(inputs)  # checks every input exists before anything starts
    if options.backend == "llm":
        Newscomment(settings).llm_writer().check_endpoint()
    job = ChunkJob(settings, options.style, options.backend)
    progress = progress or Progress(_total(inputs))
    store = Store(store_path(out))
    try:
        chunks = _pending_chunks(records, store, options.chunk_size, progress)
        for part in _engine(chunks, job, options):
            store.write(part)
            progress.add(part["articles"].num_rows, part["errors"].num_rows)
        if out.suffix.lower() in EXPORT_SUFFIXES:
            export(store, out)
    finally:
        store.close()
    return progress


def _total(inputs: Sequence[str]) -> int | None:
    """How many records there are, for the ETA; None when a quick count is not possible."""
    try:
        return count_records(inputs)
    except (OSError, ValueError, InputError):
        return None


def _engine(chunks: Iterable[list[Record]], job: ChunkJob, options: BatchOptions) -> Iterator[Part]:
    """The chosen engine's stream of finished chunks."""
    if options.engine == "dask":
        if not options.scheduler:
            raise InputError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return run_dask(chunks, options.scheduler, job, options.llm_concurrency)
    return run_local(chunks, options.workers, job, options.llm_concurrency)


def _pending_chunks(
    records: Iterable[Record], store: Store, size: int, progress: Progress
) -> Iterator[list[Record]]:
    """Chunks of records the store does not have yet, each key at most once per chunk."""
    chunk: dict[str, Record] = {}
    for record in records:
        if record.key in chunk:  # the same article twice in a row: once is enough
            progress.skip(1)
            continue
        chunk[record.key] = record
        if len(chunk) >= size:
            yield from _unfinished(chunk, store, progress)
            chunk = {}
    if chunk:
        yield from _unfinished(chunk, store, progress)


def _unfinished(
    chunk: dict[str, Record], store: Store, progress: Progress
) -> Iterator[list[Record]]:
    """The chunk less what the store already has (counted as skipped)."""
    done = store.done_among(chunk)
    if done:
        progress.skip(len(done))
    todo = [record for key, record in chunk.items() if key not in done]
    if todo:
        yield todo


def export(store: Store, out: Path) -> None:
    """Write the store as one row per article (findings, sources, comment nested) to
    ``out`` (.parquet or .jsonl), and its errors beside it (``out``'s name + .errors)."""
    fmt = "PARQUET" if out.suffix.lower() == ".parquet" else "JSON"
    nested = """
        SELECT a.*,
          (SELECT list(s ORDER BY s.sentence) FROM sentences s WHERE s.key = a.key)
            AS sentence_rows,
          (SELECT list(f ORDER BY f.finding) FROM findings f WHERE f.key = a.key) AS findings,
          (SELECT list(o) FROM sources o WHERE o.key = a.key) AS sources,
          (SELECT first(c) FROM comments c WHERE c.key = a.key) AS comment
        FROM articles a ORDER BY a.key
    """
    errors = out.with_name(out.stem + ".errors" + out.suffix)
    store.db.execute(f"SET memory_limit = '{EXPORT_MEMORY_LIMIT}'")
    try:
        store.db.execute(f"COPY ({nested}) TO '{_quoted(out)}' (FORMAT {fmt})")
        store.db.execute(
            f"COPY (SELECT * FROM errors ORDER BY key) TO '{_quoted(errors)}' (FORMAT {fmt})"
        )
    except duckdb.Error as error:
        raise InputError(f"cannot write {out}: {error}") from None


def _quoted(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path).replace("'", "''")
