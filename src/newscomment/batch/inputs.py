"""Where a batch's articles come from: JSONL, CSV, Parquet, folders and globs of .txt/.html
files, read lazily one record at a time so memory does not grow with the corpus."""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newscomment import ArticleInput, InputError
from newscomment.model import META_FIELDS

ROW_CONTENT = ("text", "html", "url")
"""The columns of a table that can hold an article (a file's own path is not one)."""
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
PARQUET_BATCH_ROWS = 256
CSV_FIELD_LIMIT = 64 * 1024 * 1024
GLOB_CHARACTERS = frozenset("*?[")
KEY_HEX_CHARS = 32
HASH_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Record:
    """One input article (or one unusable input line, with ``problem`` saying why)."""

    origin: str
    """Where it came from: ``file.jsonl:12``, ``table.csv:3`` or a file's path."""
    article: ArticleInput = field(default_factory=ArticleInput)
    """The article's content and the metadata that overrides what reading finds."""
    digest: str | None = None
    """For an article file: the SHA-256 of its bytes."""
    problem: str | None = None

    @property
    def id(self) -> str | None:
        """The record's own id, if it has one."""
        return self.article.id

    @property
    def key(self) -> str:
        """The article's identity in a run: its id, else a hash of its content (or, for an
        unusable line, of where it is and what is wrong with it)."""
        if self.article.id:
            return self.article.id
        if self.digest:
            return self.digest[:KEY_HEX_CHARS]
        given = self.article
        content = given.text or given.html or given.url or f"{self.origin}\0{self.problem}"
        return hashlib.sha256(content.encode()).hexdigest()[:KEY_HEX_CHARS]


def iter_records(inputs: Sequence[str]) -> Iterator[Record]:
    """Every record of every input, in order; ``InputError`` up front for a missing input."""
    sources = [path for item in inputs for path in _expand(item)]
    for path in sources:
        yield from _records_of(path)


def count_records(inputs: Sequence[str]) -> int:
    """How many records the inputs hold, by a quick pass that does not parse articles."""
    total = 0
    for path in (path for item in inputs for path in _expand(item)):
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            total += pq.ParquetFile(path).metadata.num_rows
        elif suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as file:
                total += max(sum(1 for _ in csv.reader(file)) - 1, 0)
        elif suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as file:
                total += sum(1 for line in file if line.strip())
        else:
            total += 1
    return total


def _expand(item: str) -> list[Path]:
    """The files an input names: itself, a folder's article files, or a glob's matches."""
    if GLOB_CHARACTERS & set(item):
        matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(f"{item} matches no file")
        return [_checked(path) for path in matches]
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            raise InputError(f"{item} holds no .txt or .html files")
        return files
    if not path.exists():
        raise InputError(f"{item} does not exist; check the path")
    return [_checked(path)]


def _checked(path: Path) -> Path:
    """``path`` if its suffix names a format we read, else a one-line error."""
    if path.suffix.lower() not in TABLE_SUFFIXES + ARTICLE_SUFFIXES:
        known = ", ".join(TABLE_SUFFIXES + ARTICLE_SUFFIXES)
        raise InputError(f"cannot tell the format of {path}; use one of {known}")
    return path


def _records_of(path: Path) -> Iterator[Record]:
    """The records of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _jsonl(path)
    elif suffix == ".csv":
        yield from _csv(path)
    elif suffix == ".parquet":
        yield from _parquet(path)
    else:
        yield Record(str(path), ArticleInput(path=str(path)), digest=_file_digest(path))


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a chunk at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _record(origin: str, fields: dict[str, Any]) -> Record:
    """A record from a row's fields, or a problem record when the row is unusable."""
    values = {
        name: str(fields[name]) if fields.get(name) not in (None, "") else None
        for name in ROW_CONTENT + META_FIELDS
    }
    article = ArticleInput(**values)
    try:
        article.content()
    except InputError as error:
        return Record(origin, ArticleInput(id=article.id), problem=str(error))
    return Record(origin, article)


def _jsonl(path: Path) -> Iterator[Record]:
    """One record per non-blank line; a line that is not a JSON object is a problem record."""
    with path.open("rb") as file:
        for number, raw in enumerate(file, start=1):
            if not raw.strip():
                continue
            origin = f"{path}:{number}"
            try:
                fields = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Record(origin, problem=f"line {number} is not UTF-8")
                continue
            except json.JSONDecodeError as error:
                problem = f"line {number} is not valid JSON ({error.msg})"
                line = ArticleInput(text=raw[:200].decode("latin-1"))
                yield Record(origin, line, problem=problem)
                continue
            if not isinstance(fields, dict):
                yield Record(origin, problem=f"line {number} is not a JSON object")
                continue
            yield _record(origin, fields)


def _csv(path: Path) -> Iterator[Record]:
    """One record per row of a CSV with a header naming text, html or url."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", errors="replace", newline="")
        reader = csv.DictReader(text)
        header = reader.fieldnames or []
        if not set(ROW_CONTENT) & set(header):
            raise InputError(f"{path} has no text, html or url column (its header: {header})")
        try:
            for row in reader:
                yield _record(f"{path}:{reader.line_num}", row)
        except csv.Error as error:
            problem = f"malformed CSV from line {reader.line_num}: {error}"
            yield Record(f"{path}:{reader.line_num}", problem=problem)


def _parquet(path: Path) -> Iterator[Record]:
    """One record per row of a Parquet file, read a batch of rows at a time."""
    try:
        table = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise InputError(f"{path} is not a readable Parquet file ({error})") from None
    columns = [name for name in ROW_CONTENT + META_FIELDS if name in table.schema_arrow.names]
    if not set(ROW_CONTENT) & set(columns):
        raise InputError(f"{path} has no text, html or url column")
    row = 0
    for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        for fields in batch.to_pylist():
            row += 1
            yield _record(f"{path}:{row}", fields)
