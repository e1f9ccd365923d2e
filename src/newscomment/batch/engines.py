"""Where chunks are analysed: in this process, in local worker processes, or on a Dask
cluster. Each engine keeps only a few chunks in flight, so memory stays flat however long
the corpus is, and hands back each chunk's results as they finish."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import AbstractContextManager

from newscomment import NewscommentError
from newscomment.batch.inputs import Record
from newscomment.batch.work import (
    ChunkJob,
    Part,
    analyse_chunk,
    analyse_chunk_to_parquet,
    newscomment_for,
    part_from_parquet,
)

CHUNKS_IN_FLIGHT_PER_WORKER = 2
DASK_CONNECT_TIMEOUT = "10s"
PARENT_CHECK_SECONDS = 1.0


def run_local(
    chunks: Iterable[list[Record]], workers: int, job: ChunkJob, llm_concurrency: int | None
) -> Iterator[Part]:
    """Analyse chunks here (one worker) or in ``workers`` processes, each with one
    ``Newscomment`` that loads the pipeline once; processes are spawned, so none inherits
    the parent's open store, and the parent never loads spaCy. With ``llm_concurrency``,
    the workers share that many LLM call slots."""
    if workers == 1:
        for chunk in chunks:
            yield analyse_chunk(chunk, job)
        return
    context = multiprocessing.get_context("spawn")
    slots = context.Semaphore(llm_concurrency) if _limits_llm(job, llm_concurrency) else None
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(job, slots)
    ) as pool:
        submitted = (pool.submit(analyse_chunk, chunk, job) for chunk in chunks)
        try:
            yield from _bounded(submitted, workers * CHUNKS_IN_FLIGHT_PER_WORKER)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _limits_llm(job: ChunkJob, llm_concurrency: int | None) -> bool:
    """Whether the run's LLM calls share a limited number of slots."""
    return job.backend == "llm" and llm_concurrency is not None


def _start_worker(job: ChunkJob, llm_slots: AbstractContextManager[object] | None) -> None:
    """Set a worker process up: Ctrl+C is left to the parent (which stops the pool and says
    how to resume), the worker ends when the parent is gone, and its ``Newscomment`` is
    made and loaded, its LLM calls taking a shared slot."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    newscomment_for(job, llm_slots)


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent has died (killed with -9, say), so no orphan is left
    holding a pipeline's memory."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _bounded(submitted: Iterator[Future[Part]], window: int) -> Iterator[Part]:
    """Results of the submitted futures as they finish, submitting at most ``window`` ahead."""
    pending: set[Future[Part]] = set()
    for future in submitted:
        pending.add(future)
        if len(pending) >= window:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (done.result() for done in finished)
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (done.result() for done in finished)


def run_dask(
    chunks: Iterable[list[Record]], scheduler: str, job: ChunkJob, llm_concurrency: int | None
) -> Iterator[Part]:
    """Analyse chunks on the Dask cluster at ``scheduler``; each worker process makes one
    ``Newscomment`` for the run (the pipeline stays cached there) and sends each chunk back
    as Parquet parts. With ``llm_concurrency``, LLM calls across the cluster share a Dask
    semaphore."""
    from distributed import Client, Semaphore, as_completed

    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise NewscommentError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        slots = None
        if _limits_llm(job, llm_concurrency):
            slots = Semaphore(max_leases=llm_concurrency, name=f"newscomment-llm-{job.run}")
        window = workers * CHUNKS_IN_FLIGHT_PER_WORKER
        running = as_completed()
        for chunk in chunks:
            running.add(client.submit(analyse_chunk_to_parquet, chunk, job, slots, pure=False))
            if running.count() >= window:
                yield part_from_parquet(next(running).result())
        for future in running:
            yield part_from_parquet(future.result())
    finally:
        client.close()
