"""What a worker makes of a chunk: rows for every usable record, an error row with its
reason for every other one, the run going on either way, with one ``Newscomment`` a process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.corpus import ARTICLES, NON_ENGLISH

from newscomment import ArticleInput, Settings
from newscomment.batch.inputs import Record, iter_records
from newscomment.batch.work import (
    ChunkJob,
    analyse_chunk,
    analyse_chunk_to_parquet,
    newscomment_for,
    part_from_parquet,
)

TEXTS = [path.read_text(encoding="utf-8") for path in ARTICLES[:2]]


@pytest.fixture(scope="module")
def job() -> ChunkJob:
    """Critical comments by the built-in writer, with the default settings."""
    return ChunkJob(Settings())


def test_bad_records_go_to_errors_with_their_reason_and_the_run_goes_on(
    tmp_path: Path, job: ChunkJob
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    good = [{"id": f"a{i}", "text": text} for i, text in enumerate(TEXTS)]
    german = next(p for p in NON_ENGLISH if "de" in p.name).read_text(encoding="utf-8")
    corpus.write_text(
        "".join(json.dumps(r) + "\n" for r in good)
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "short", "text": "Too short to be news."})
        + "\n"
        + json.dumps({"id": "both", "text": "x", "url": "https://example.org"})
        + "\n"
        + json.dumps({"id": "german", "text": german})
        + "\n"
    )

    part = analyse_chunk(list(iter_records([str(corpus)])), job)

    errors = part["errors"].to_pylist()
    reasons = {row["id"] or row["input"]: row["reason"] for row in errors}
    assert len(reasons) == 4
    assert any("not valid JSON" in reason for reason in reasons.values())
    assert "at least 40" in reasons["short"]
    assert "exactly one of text, html or url" in reasons["both"]
    assert "German" in reasons["german"]
    assert part["articles"].column("key").to_pylist() == ["a0", "a1"]
    assert part["comments"].num_rows == 2


def test_a_record_keeps_its_own_metadata(job: ChunkJob) -> None:
    record = Record("t", ArticleInput(id="x", text=TEXTS[0], title="Mine", outlet="Here"))

    (article,) = analyse_chunk([record], job)["articles"].to_pylist()

    assert (article["key"], article["id"], article["title"], article["outlet"]) == (
        "x",
        "x",
        "Mine",
        "Here",
    )
    assert article["input"] == "t"


def test_an_analysis_only_job_writes_no_comments() -> None:
    records = [Record("t", ArticleInput(id="x", text=TEXTS[1]))]

    part = analyse_chunk(records, ChunkJob(Settings(), style=None))

    assert part["articles"].num_rows == 1
    assert part["comments"].num_rows == 0
    assert part["findings"].num_rows > 0


def test_a_chunk_survives_the_trip_from_a_dask_worker(job: ChunkJob) -> None:
    records = [Record("t", ArticleInput(id="x", text=TEXTS[0])), Record("y", problem="bad")]

    sent = analyse_chunk_to_parquet(records, job, None)
    received = part_from_parquet(sent)

    here = analyse_chunk(records, job)
    for name, table in here.items():
        assert received[name].schema == table.schema, name
        drop = [c for c in ("processed_at",) if c in table.column_names]
        assert received[name].drop(drop).equals(table.drop(drop)), name


def test_a_process_keeps_one_newscomment_per_job(job: ChunkJob) -> None:
    other = ChunkJob(Settings(), style="brief")

    first = newscomment_for(job)

    assert newscomment_for(job) is first
    assert newscomment_for(other) is not first
    assert newscomment_for(other).settings == job.settings
