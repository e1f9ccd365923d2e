"""The DuckDB store: tables as the contract has them, each chunk written whole or not at all
and only once, a store of another schema version refused, and every stored article read
back as the contract dict it was written from."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newscomment import Analysis, InputError, Newscomment
from newscomment.batch.schema import TABLES, article_rows, error_rows, to_arrow
from newscomment.batch.store import Store, stored_articles
from newscomment.batch.work import Part
from newscomment.contract import ContractDict


@pytest.fixture(scope="module")
def contract(nc: Newscomment, seed_analysis: Analysis) -> ContractDict:
    """The seed's analysis and critical comment as the contract has them."""
    return seed_analysis.to_dict(nc.comment(seed_analysis))


def chunk(contract: ContractDict, *keys: str, failed: str | None = None) -> Part:
    """A chunk's tables: the seed under each of ``keys``, and one failed input."""
    rows = {name: [] for name in TABLES}
    parts = [article_rows(key, f"in:{key}", key, contract) for key in keys]
    if failed:
        parts.append(error_rows(failed, f"in:{failed}", None, "not English"))
    for part in parts:
        for name, items in part.items():
            rows[name].extend(items)
    return to_arrow(rows)


def counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    return {name: store.db.sql(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in TABLES}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A new store, closed after the test."""
    opened = Store(tmp_path / "results.duckdb")
    yield opened
    opened.close()


def test_a_new_store_has_the_contracts_columns(store: Store) -> None:
    for name, schema in TABLES.items():
        found = store.db.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall()
        assert found == [(f.name, "YES" if f.nullable else "NO") for f in schema], name
    meta = dict(store.db.execute("SELECT * FROM meta").fetchall())
    assert (meta["schema_version"], meta["contract"]) == ("3", "newscomment/3")


def test_a_chunk_is_written_once(store: Store, contract: ContractDict) -> None:
    part = chunk(contract, "a", "b", failed="c")

    first = store.write(part)
    written = counts(store)
    again = store.write(chunk(contract, "b", "d"))

    assert first == 3
    assert written["articles"] == 2 and written["errors"] == 1
    assert written["findings"] == 2 * len(contract["findings"])
    assert again == 1  # only d is new
    assert counts(store)["articles"] == 3
    assert store.done_among(["a", "c", "x"]) == {"a", "c"}


def test_a_chunk_that_cannot_be_written_leaves_nothing(
    store: Store, contract: ContractDict
) -> None:
    part = chunk(contract, "a")
    comments = part["comments"].to_pylist()
    comments[0]["text"] = None  # breaks the contract, and the column's NOT NULL
    part["comments"] = pa.Table.from_pylist(comments, schema=TABLES["comments"])

    with pytest.raises(duckdb.ConstraintException):
        store.write(part)

    assert set(counts(store).values()) == {0}
    assert store.write(chunk(contract, "a")) == 1


def test_stored_articles_give_back_their_contract(store: Store, contract: ContractDict) -> None:
    store.write(chunk(contract, "a", "b", failed="c"))

    found = list(stored_articles(store.db, ["b", "c", "a"]))

    assert [row["key"] for row, _ in found] == ["b", "a"]
    assert all(back == contract for _, back in found)
    assert found[0][0]["input"] == "in:b"


def test_a_store_of_schema_version_1_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '1')")

    with pytest.raises(InputError) as caught:
        Store(path)

    assert str(caught.value) == (
        f"{path} has store schema version 1; this newscomment writes version 3: "
        "use a new --out file"
    )
