"""Where chunks are analysed: worker processes give what one process gives, and only a few
chunks are ever in flight, so memory stays flat however long the corpus is."""

from __future__ import annotations

from collections.abc import Iterator

from helpers.corpus import ARTICLES

from newscomment import ArticleInput, Settings
from newscomment.batch.engines import CHUNKS_IN_FLIGHT_PER_WORKER, run_local
from newscomment.batch.inputs import Record
from newscomment.batch.work import ChunkJob, Part

CHUNKS = [
    [Record(str(path), ArticleInput(id=path.stem, text=path.read_text(encoding="utf-8")))]
    for path in ARTICLES[:8]
]


def findings(parts: list[Part]) -> list[tuple]:
    """What the parts found, in a fixed order."""
    rows = [row for part in parts for row in part["findings"].to_pylist()]
    return sorted((r["key"], r["finding"], r["kind"], r["start"], r["note"]) for r in rows)


def test_worker_processes_give_what_one_process_gives_a_few_chunks_at_a_time() -> None:
    job = ChunkJob(Settings(), style=None)
    drawn: list[int] = []

    def lazily() -> Iterator[list[Record]]:
        for number, chunk in enumerate(CHUNKS):
            drawn.append(number)
            yield chunk

    in_workers, drawn_at_first = [], None
    for part in run_local(lazily(), 2, job, None):
        drawn_at_first = len(drawn) if drawn_at_first is None else drawn_at_first
        in_workers.append(part)
    here = list(run_local(iter(CHUNKS), 1, job, None))

    assert drawn_at_first is not None and drawn_at_first <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert len(in_workers) == len(here) == len(CHUNKS)
    assert findings(in_workers) == findings(here)
