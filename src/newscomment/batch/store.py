"""The batch store: a DuckDB file whose tables a run fills one chunk at a time, each chunk in
one transaction that adds only keys not yet present, so work is never lost or duplicated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from newscomment import InputError, __version__
from newscomment.batch.schema import DONE_TABLES, SCHEMA_VERSION, TABLES, contract_of
from newscomment.batch.work import Part
from newscomment.contract import SCHEMA, ContractDict

SQL_SCALARS = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.timestamp("ms", tz="UTC"): "TIMESTAMPTZ",
}
PRIMARY_KEYS = {"articles": "key", "errors": "key"}
STORE_SETTINGS = {"memory_limit": "128MB", "threads": 1}
"""DuckDB would cache up to most of the machine's memory and use every core; the store only
appends chunks, so a small cache and one thread keep the writing process flat and leave the
cores to the workers."""
EXPORT_MEMORY_LIMIT = "1GB"
"""Nesting a whole store into one file needs more room (DuckDB spills past it to disk)."""
ROWS_SQL = "SELECT * FROM {table} WHERE list_contains(?, key) ORDER BY rowid"
"""A table's rows for some keys, in the order they were written (the contract's order)."""
ARTICLE_PARTS = ("sentences", "findings", "sources", "comments")
"""The tables that hold an article's parts, a row each."""


def sql_type(arrow: pa.DataType) -> str:
    """The DuckDB type of an Arrow type: a scalar, a list (``X[]``) or a struct."""
    if pa.types.is_list(arrow):
        return f"{sql_type(arrow.value_type)}[]"
    if pa.types.is_struct(arrow):
        members = ", ".join(f'"{member.name}" {sql_type(member.type)}' for member in arrow)
        return f"STRUCT({members})"
    return SQL_SCALARS[arrow]


def table_ddl(name: str) -> str:
    """``CREATE TABLE`` for one store table, its columns typed from its Arrow schema and
    NOT NULL where the contract never leaves them empty."""
    columns = [
        f'"{field.name}" {sql_type(field.type)}' + ("" if field.nullable else " NOT NULL")
        for field in TABLES[name]
    ]
    if name in PRIMARY_KEYS:
        columns.append(f"PRIMARY KEY ({PRIMARY_KEYS[name]})")
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(columns)})"


class Store:
    """An open DuckDB store; one process writes it at a time (DuckDB locks the file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = duckdb.connect(str(path), config=STORE_SETTINGS)
        except duckdb.Error as error:
            raise InputError(f"cannot open {path} as a DuckDB store: {error}") from None
        self._prepare()

    def _prepare(self) -> None:
        """Create the tables of a new store; refuse a store of another schema version."""
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
        found = self.db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        if found is not None and found[0] != str(SCHEMA_VERSION):
            raise InputError(
                f"{self.path} has store schema version {found[0]}; this newscomment writes "
                f"version {SCHEMA_VERSION}: use a new --out file"
            )
        for name in TABLES:
            self.db.execute(table_ddl(name))
        self.db.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('contract', ?), "
            "('created_by', ?)",
            [str(SCHEMA_VERSION), SCHEMA, f"newscomment {__version__}"],
        )

    def done_among(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` a run has already finished (analysed or recorded as an error)."""
        wanted = pa.table({"key": pa.array(list(keys), pa.string())})
        self.db.register("wanted_keys", wanted)
        try:
            union = " UNION ".join(
                f"SELECT key FROM {name} WHERE key IN (SELECT key FROM wanted_keys)"
                for name in DONE_TABLES
            )
            return {row[0] for row in self.db.execute(union).fetchall()}
        finally:
            self.db.unregister("wanted_keys")

    def write(self, part: Part) -> int:
        """Add a chunk's rows in one transaction, skipping keys already finished; returns how
        many new articles and errors it added."""
        keys = [k for name in DONE_TABLES for k in part[name].column("key").to_pylist()]
        self.db.execute("BEGIN TRANSACTION")
        try:
            new = pa.array(sorted(set(keys) - self.done_among(keys)), pa.string())
            for name in TABLES:
                rows = part[name].filter(pc.is_in(part[name].column("key"), value_set=new))
                if rows.num_rows:
                    self.db.register("part_rows", rows)
                    self.db.execute(f"INSERT INTO {name} SELECT * FROM part_rows")
                    self.db.unregister("part_rows")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(new)

    def close(self) -> None:
        """Checkpoint and close the file."""
        self.db.execute("CHECKPOINT")
        self.db.close()


def stored_articles(
    db: duckdb.DuckDBPyConnection, keys: Sequence[str]
) -> Iterator[tuple[dict[str, Any], ContractDict]]:
    """The ``articles`` row and the contract dict of each stored article of ``keys``, in
    their order, put back together from the store's rows."""
    articles = {row["key"]: row for row in _rows(db, "articles", keys)}
    parts: dict[str, defaultdict[str, list[dict[str, Any]]]] = {}
    for table in ARTICLE_PARTS:
        parts[table] = defaultdict(list)
        for row in _rows(db, table, keys):
            parts[table][row["key"]].append(row)
    for key in (key for key in keys if key in articles):
        yield articles[key], contract_of(articles[key], {t: parts[t][key] for t in ARTICLE_PARTS})


def _rows(db: duckdb.DuckDBPyConnection, table: str, keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of ``table`` for ``keys``, as dicts, in the order they were written."""
    return db.sql(ROWS_SQL.format(table=table), params=[list(keys)]).to_arrow_table().to_pylist()
