"""``newscomment batch --backend llm``: LLM comments for a corpus, the endpoint checked
first, and the calls in flight capped across local workers and a Dask cluster."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
from helpers.corpus import SEED
from helpers.fake_llm import API_KEY, FakeLLM


def test_batch_writes_llm_comments_and_checks_the_endpoint_first(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    seed = SEED.read_text(encoding="utf-8").split("Comment:")[0]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"s{i}", "text": seed}) + "\n" for i in range(3)))
    store = tmp_path / "results.duckdb"
    command = [sys.executable, "-m", "newscomment.cli", "batch", str(corpus), "--out", str(store)]
    command += ["--workers", "2", "--backend", "llm", "--llm-url", fake_llm.url]
    env = {"NEWSCOMMENT_LLM_API_KEY": API_KEY, "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}

    wrong = subprocess.run(
        [*command, "--llm-model", "nope"], capture_output=True, text=True, env=env, timeout=120
    )
    done = subprocess.run(
        [*command, "--llm-model", "good"], capture_output=True, text=True, env=env, timeout=300
    )

    assert wrong.returncode == 1 and "has no model 'nope'" in wrong.stderr
    assert wrong.stderr.count("\n") == 1
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(store), read_only=True) as db:
        backends = db.execute("SELECT backend, count(*) FROM comments GROUP BY ALL").fetchall()
    assert backends == [("llm", 3)]


def run_batch_with_llm(fake: FakeLLM, folder: Path, *options: str) -> str:
    """A batch of 8 seed copies, one per chunk, with the "steady" script; its store's path."""
    seed = SEED.read_text(encoding="utf-8").split("Comment:")[0]
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"s{i}", "text": seed}) + "\n" for i in range(8)))
    store = folder / f"results-{len(list(folder.glob('*.duckdb')))}.duckdb"
    command = [sys.executable, "-m", "newscomment.cli", "batch", str(corpus), "--out", str(store)]
    command += ["--backend", "llm", "--llm-url", fake.url, "--llm-model", "steady"]
    command += ["--chunk-size", "1", *options]
    env = {"NEWSCOMMENT_LLM_API_KEY": API_KEY, "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(store), read_only=True) as db:
        return str(db.execute("SELECT string_agg(DISTINCT backend) FROM comments").fetchone()[0])


def test_llm_concurrency_limits_calls_across_local_workers(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    unlimited = run_batch_with_llm(fake_llm, tmp_path, "--workers", "2")
    most_without_limit = fake_llm.most_in_flight
    fake_llm.most_in_flight = 0

    limited = run_batch_with_llm(fake_llm, tmp_path, "--workers", "2", "--llm-concurrency", "1")

    assert unlimited == limited == "llm"
    assert most_without_limit == 2
    assert fake_llm.most_in_flight == 1


def test_llm_concurrency_limits_calls_across_a_dask_cluster(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        backend = run_batch_with_llm(fake_llm, tmp_path, *dask, "--llm-concurrency", "1")

    assert backend == "llm"
    assert len(fake_llm.requests["steady"]) == 8
    assert fake_llm.most_in_flight == 1
