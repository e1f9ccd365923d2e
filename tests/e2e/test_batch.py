"""``newscomment batch`` as a researcher runs it: corpora in every input format into a DuckDB
store, exactly once even when killed mid-way, on local processes and on a Dask cluster, the
batch process itself never loading spaCy."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.corpus import ARTICLES, NON_ENGLISH, ROOT, SEED

from newscomment.batch.schema import SCHEMA_VERSION, TABLES
from newscomment.nlp import load_pipeline

TEXTS = [path.read_text(encoding="utf-8") for path in ARTICLES]
OUTLETS = ("VOA", "Wikinews")
KILL_CORPUS = 160


def batch(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``newscomment batch`` as a user would, without a terminal."""
    command = [sys.executable, "-m", "newscomment.cli", "batch", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def query(store: Path, sql: str) -> list[tuple]:
    """Rows of ``sql`` on a finished store, opened read-only as any user's tool would."""
    with duckdb.connect(str(store), read_only=True) as db:
        return db.execute(sql).fetchall()


def count(store: Path, table: str) -> int:
    """Rows in one table of a store."""
    return int(query(store, f"SELECT count(*) FROM {table}")[0][0])


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """A JSONL corpus file."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def corpus_records(copies: int = 1) -> list[dict]:
    """The shipped real articles, with ids and alternating outlets, ``copies`` times."""
    return [
        {"id": f"a{copy}-{i}", "text": text, "outlet": OUTLETS[i % 2], "title": f"Story {i}"}
        for copy in range(copies)
        for i, text in enumerate(TEXTS)
    ]


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def wait_for_exit(pids: set[int], timeout: float = 15.0) -> bool:
    """Whether all of ``pids`` have exited within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.2)
    return False


def assert_exactly_once(store: Path) -> None:
    """No article, error, sentence or finding is stored twice."""
    for table, columns in (
        ("articles", "key"),
        ("errors", "key"),
        ("sentences", "key, sentence"),
        ("findings", "key, finding"),
        ("comments", "key"),
    ):
        duplicates = query(
            store, f"SELECT {columns}, count(*) FROM {table} GROUP BY {columns} HAVING count(*) > 1"
        )
        assert duplicates == [], table
    both = query(store, "SELECT key FROM articles INTERSECT SELECT key FROM errors")
    assert both == []


@pytest.fixture(scope="module")
def jsonl_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A JSONL corpus with bad lines, run once with two workers: (corpus, store)."""
    folder = tmp_path_factory.mktemp("jsonl")
    corpus = write_jsonl(folder / "corpus.jsonl", corpus_records())
    with corpus.open("a", encoding="utf-8") as file:
        file.write('{"id": "broken", "text": \n')
        file.write(json.dumps({"id": "short", "text": "Too short to be news."}) + "\n")
        file.write(json.dumps({"id": "both", "text": "x", "url": "https://example.org"}) + "\n")
        german = next(p for p in NON_ENGLISH if "de" in p.name).read_text(encoding="utf-8")
        file.write(json.dumps({"id": "german", "text": german}) + "\n")
    store = folder / "results.duckdb"
    batch(corpus, "--out", store, "--workers", "2", "--chunk-size", "4")
    return corpus, store


# --- what a run stores ---------------------------------------------------------------


def test_every_article_is_stored_with_its_analysis_and_comment(
    jsonl_store: tuple[Path, Path],
) -> None:
    _, store = jsonl_store

    assert count(store, "articles") == len(TEXTS)
    assert count(store, "errors") == 4  # the bad lines, each with its reason (test_work)
    assert count(store, "comments") == len(TEXTS)
    assert count(store, "sentences") > 10 * len(TEXTS)
    kinds = {row[0] for row in query(store, "SELECT DISTINCT kind FROM findings")}
    assert {"source", "quote", "hedge", "claim"} <= kinds
    titles = query(store, "SELECT title, outlet FROM articles WHERE key = 'a0-1'")
    assert titles == [("Story 1", "Wikinews")]
    assert query(store, "SELECT value FROM meta WHERE name = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert_exactly_once(store)


def test_the_store_answers_the_readmes_sql(jsonl_store: tuple[Path, Path]) -> None:
    _, store = jsonl_store
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sql = readme.split('duckdb results.duckdb "', 1)[1].split('"', 1)[0]

    rows = query(store, sql)

    assert sorted(row[0] for row in rows) == list(OUTLETS)
    assert sum(row[1] for row in rows) == len(TEXTS)
    assert all(row[2] >= 0 and 0 <= row[3] <= 1 for row in rows)


def test_report_turns_the_store_into_a_page_of_charts(
    jsonl_store: tuple[Path, Path], tmp_path: Path
) -> None:
    _, store = jsonl_store
    page = tmp_path / "report.html"

    result = subprocess.run(
        [sys.executable, "-m", "newscomment.cli", "report", str(store), "--out", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert f"{len(TEXTS)} articles, 4 errors, 2 outlets" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3
    assert "Sourcing profile by outlet" in html and "<script" not in html


def test_a_rerun_resumes_and_skips_everything_finished(jsonl_store: tuple[Path, Path]) -> None:
    corpus, store = jsonl_store
    before = {table: count(store, table) for table in TABLES}

    result = batch(corpus, "--out", store, "--workers", "1")

    assert f"0 analysed, 0 errors, {len(TEXTS) + 4} already done" in result.stdout
    assert {table: count(store, table) for table in TABLES} == before


def test_a_run_killed_mid_way_and_resumed_has_every_article_exactly_once(
    tmp_path: Path,
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", corpus_records(KILL_CORPUS // len(TEXTS)))
    total = len(TEXTS) * (KILL_CORPUS // len(TEXTS))
    store = tmp_path / "results.duckdb"
    command = [sys.executable, "-m", "newscomment.cli", "batch", str(corpus), "--out", str(store)]
    command += ["--workers", "2", "--chunk-size", "4"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = store.with_name(store.name + ".wal")
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size > 200_000) and time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before it could be killed"
        time.sleep(0.05)
    workers = children_of(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()

    assert len(workers) >= 2
    assert wait_for_exit(workers), "worker processes outlived the killed run"
    stored_after_kill = count(store, "articles")
    assert 0 < stored_after_kill < total
    result = batch(corpus, "--out", store, "--workers", "2")

    assert f"{stored_after_kill:,} already done" in result.stdout
    assert count(store, "articles") == total
    assert count(store, "comments") == total
    assert_exactly_once(store)


def test_no_comment_stores_only_the_analysis(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", corpus_records()[:3])
    store = tmp_path / "results.duckdb"

    batch(corpus, "--out", store, "--no-comment", "--workers", "1")

    assert count(store, "articles") == 3
    assert count(store, "comments") == 0
    assert count(store, "findings") > 0


def test_files_are_known_by_their_content(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "copy-of-one.txt").write_text(TEXTS[0], encoding="utf-8")
    store = tmp_path / "results.duckdb"
    batch(folder, "--out", store, "--workers", "1")
    (folder / "two.txt").write_text(TEXTS[1], encoding="utf-8")

    again = batch(folder, "--out", store, "--workers", "1")

    assert "1 analysed, 0 errors, 2 already done" in again.stdout
    assert count(store, "articles") == 2


def test_the_same_id_twice_is_analysed_once(tmp_path: Path) -> None:
    record = corpus_records()[0]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [record, record, {**record, "text": TEXTS[2]}])
    store = tmp_path / "results.duckdb"

    batch(corpus, "--out", store, "--workers", "1")

    assert count(store, "articles") == 1
    assert_exactly_once(store)


# --- the input formats ---------------------------------------------------------------


def test_csv_parquet_folders_and_globs_are_read(tmp_path: Path) -> None:
    records = corpus_records()[:2]
    table = tmp_path / "corpus.csv"
    with table.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["id", "text", "outlet", "title"])
        writer.writeheader()
        writer.writerows(records)
    pq.write_table(pa.Table.from_pylist(corpus_records()[2:4]), tmp_path / "corpus.parquet")
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8").split("Comment:")[0])
    (folder / "page.html").write_text(
        "<html><head><title>Zebra count</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in TEXTS[5].splitlines() if line.strip())
        + "</article></body></html>",
        encoding="utf-8",
    )
    more = tmp_path / "more"
    more.mkdir()
    write_jsonl(more / "part-1.jsonl", corpus_records()[4:5])
    write_jsonl(more / "part-2.jsonl", corpus_records()[6:7])
    store = tmp_path / "results.duckdb"

    batch(
        table,
        tmp_path / "corpus.parquet",
        folder,
        tmp_path / "more" / "*.jsonl",
        "--out",
        store,
        "--workers",
        "1",
    )

    keys = {row[0] for row in query(store, "SELECT key FROM articles")}
    assert {"a0-0", "a0-1", "a0-2", "a0-3", "a0-4", "a0-6"} <= keys
    files = dict(query(store, f"SELECT input, title FROM articles WHERE input LIKE '{folder}%'"))
    assert files[str(folder / "page.html")] == "Zebra count"
    assert str(folder / "seed.txt") in files
    assert count(store, "articles") == 8
    assert count(store, "errors") == 0


def test_parquet_and_jsonl_outputs_nest_each_article(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "corpus.jsonl", [*corpus_records()[:2], {"id": "x", "text": ""}]
    )

    for out in (tmp_path / "results.parquet", tmp_path / "results.jsonl"):
        batch(corpus, "--out", out, "--workers", "1")
        rows = duckdb.sql(f"SELECT key, findings, comment FROM '{out}' ORDER BY key").fetchall()
        assert [row[0] for row in rows] == ["a0-0", "a0-1"]
        assert all(row[1] and row[2]["text"] for row in rows)
        errors = out.with_name(f"results.errors{out.suffix}")
        assert duckdb.sql(f"SELECT key FROM '{errors}'").fetchall() == [("x",)]
        assert out.with_name(out.name + ".duckdb").exists()
    lines = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["key"] == "a0-0"


# --- bad invocations are one line ------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["missing.jsonl", "--out", "r.duckdb"], "missing.jsonl does not exist"),
        (["notes.docx", "--out", "r.duckdb"], "cannot tell the format of notes.docx"),
        (["no-text.csv", "--out", "r.duckdb"], "has no text, html or url column"),
        (["corpus.jsonl", "--out", "r.xlsx"], "cannot tell what to write from --out r.xlsx"),
        (["corpus.jsonl", "--out", "r.duckdb", "--engine", "dask"], "needs --scheduler"),
        (
            [
                "corpus.jsonl",
                "--out",
                "r.duckdb",
                "--engine",
                "dask",
                "--scheduler",
                "tcp://127.0.0.1:9",
            ],
            "cannot reach the Dask scheduler at tcp://127.0.0.1:9",
        ),
        (["corpus.jsonl", "--out", "r.duckdb", "--workers", "0"], "--workers must be at least 1"),
        (["empty-folder", "--out", "r.duckdb"], "holds no .txt or .html files"),
        (["*.nothing", "--out", "r.duckdb"], "matches no file"),
    ],
)
def test_bad_invocations_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "corpus.jsonl", corpus_records()[:1])
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "no-text.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (tmp_path / "empty-folder").mkdir()

    result = batch(*arguments, check=False)

    assert result.returncode != 0
    assert says in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_store_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "old.duckdb"
    with duckdb.connect(str(store)) as db:
        db.execute("CREATE TABLE meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    write_jsonl(tmp_path / "corpus.jsonl", corpus_records()[:1])

    result = batch(tmp_path / "corpus.jsonl", "--out", store, check=False)

    assert result.returncode == 2
    assert "schema version 2" in result.stderr
    assert result.stderr == (
        f"newscomment: error: {store} has store schema version 2; this newscomment writes "
        "version 3: use a new --out file\n"
    )


# --- on a Dask cluster -----------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """A real dask.distributed LocalCluster on loopback: scheduler and two worker processes."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def test_the_same_job_on_a_dask_cluster_gives_the_same_store(
    dask_cluster: str, jsonl_store: tuple[Path, Path], tmp_path: Path
) -> None:
    from distributed import Client

    corpus, local = jsonl_store
    store = tmp_path / "dask.duckdb"

    batch(
        corpus, "--out", store, "--engine", "dask", "--scheduler", dask_cluster, "--chunk-size", "2"
    )

    for table in TABLES:
        assert count(store, table) == count(local, table), table
    same = "SELECT key, finding, kind, start FROM findings ORDER BY ALL"
    assert query(store, same) == query(local, same)
    assert_exactly_once(store)
    again = batch(corpus, "--out", store, "--engine", "dask", "--scheduler", dask_cluster)
    assert f"0 analysed, 0 errors, {len(TEXTS) + 4} already done" in again.stdout
    with Client(dask_cluster) as client:
        loads = client.run(lambda: load_pipeline.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]  # both workers served; each loaded it once


def parent_of_a_run(corpus: Path, store: Path, *options: str) -> tuple[int, bool]:
    """Run ``newscomment batch`` in a process of its own: its exit status, and whether
    that process (the parent of the workers) imported spaCy."""
    argv = ["batch", str(corpus), "--out", str(store), *options]
    code = (
        "import sys\nfrom newscomment.cli import main\n"
        f"status = main({argv!r})\nprint(status, 'spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    status, spacy = result.stdout.split()[-2:]
    return int(status), spacy == "True"


def test_the_batch_process_leaves_spacy_to_its_workers(dask_cluster: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", corpus_records()[:4])

    local = parent_of_a_run(corpus, tmp_path / "local.duckdb", "--workers", "2")
    dask = parent_of_a_run(
        corpus, tmp_path / "dask.duckdb", "--engine", "dask", "--scheduler", dask_cluster
    )

    assert local == dask == (0, False)
    assert count(tmp_path / "local.duckdb", "articles") == 4
    assert count(tmp_path / "dask.duckdb", "articles") == 4
