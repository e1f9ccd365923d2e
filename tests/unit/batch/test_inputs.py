"""Where a batch's articles come from: every input format read into records, each article
known by a key that a resumed run finds again, and unusable lines kept with their reason."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscomment import ArticleInput, InputError
from newscomment.batch.inputs import Record, count_records, iter_records

TEXT = "A council voted on Tuesday to add three bus routes, the transport department said."


def records_of(*inputs: str | Path) -> list[Record]:
    """Every record the inputs hold, read as a run reads them."""
    return list(iter_records([str(item) for item in inputs]))


def test_tables_give_records_with_their_content_and_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "one", "text": TEXT, "outlet": "VOA", "title": "Bus routes"},
        {"id": "two", "html": f"<p>{TEXT}</p>", "published": "2019-03-01"},
        {"id": "three", "url": "https://example.org/story"},
    ]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    csv = "id,text,outlet,title\n" + "".join(f'c{i},"{TEXT}",VOA,Story {i}\n' for i in range(2))
    (tmp_path / "corpus.csv").write_text(csv)
    pq.write_table(pa.Table.from_pylist(rows[:1]), tmp_path / "corpus.parquet")

    jsonl = records_of(tmp_path / "corpus.jsonl")
    table = records_of(tmp_path / "corpus.csv")
    parquet = records_of(tmp_path / "corpus.parquet")

    assert [r.article for r in jsonl] == [
        ArticleInput(text=TEXT, id="one", title="Bus routes", outlet="VOA"),
        ArticleInput(html=f"<p>{TEXT}</p>", id="two", published="2019-03-01"),
        ArticleInput(url="https://example.org/story", id="three"),
    ]
    assert [r.key for r in jsonl] == ["one", "two", "three"]
    assert [r.origin for r in jsonl] == [f"{tmp_path / 'corpus.jsonl'}:{n}" for n in (1, 2, 3)]
    assert [(r.key, r.article.title) for r in table] == [("c0", "Story 0"), ("c1", "Story 1")]
    assert [r.article for r in parquet] == [jsonl[0].article]
    assert all(r.problem is None for r in jsonl + table + parquet)
    assert count_records([str(tmp_path / name) for name in ("corpus.jsonl", "corpus.csv")]) == 5


def test_folders_and_globs_give_one_record_per_article_file(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    (folder / "deeper").mkdir(parents=True)
    (folder / "one.txt").write_text(TEXT)
    (folder / "deeper" / "two.html").write_text(f"<p>{TEXT}</p>")
    (folder / "notes.docx").write_bytes(b"PK")

    found = records_of(folder)
    globbed = records_of(tmp_path / "files" / "**" / "*.html")

    assert [r.article for r in found] == [
        ArticleInput(path=str(folder / "deeper" / "two.html")),
        ArticleInput(path=str(folder / "one.txt")),
    ]
    assert [r.origin for r in globbed] == [str(folder / "deeper" / "two.html")]


def test_files_are_known_by_the_sha256_of_their_bytes(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT)
    (tmp_path / "copy-of-one.txt").write_text(TEXT)
    (tmp_path / "two.txt").write_text(TEXT + " Another sentence.")

    keys = {Path(r.origin).name: r.key for r in records_of(tmp_path)}

    assert keys["one.txt"] == keys["copy-of-one.txt"]
    assert keys["one.txt"] == hashlib.sha256(TEXT.encode()).hexdigest()[:32]
    assert keys["two.txt"] != keys["one.txt"]


def test_records_are_known_by_their_id_else_by_their_content(tmp_path: Path) -> None:
    rows = [{"id": "same", "text": TEXT}, {"id": "same", "text": TEXT + "!"}, {"text": TEXT}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    first, second, anonymous = records_of(tmp_path / "corpus.jsonl")

    assert first.key == second.key == "same"
    assert anonymous.key == hashlib.sha256(TEXT.encode()).hexdigest()[:32]
    assert anonymous.id is None


def test_unusable_lines_become_records_that_say_why(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(
        b'{"id": "broken", "text": \n'
        + b"\xff\xfe not utf-8\n"
        + b"[1, 2]\n"
        + json.dumps({"id": "both", "text": TEXT, "url": "https://example.org"}).encode()
        + b"\n"
        + json.dumps({"text": ""}).encode()
        + b"\n\n"
    )

    records = records_of(corpus)
    again = records_of(corpus)

    problems = [r.problem for r in records]
    assert "line 1 is not valid JSON" in (problems[0] or "")
    assert problems[1:3] == ["line 2 is not UTF-8", "line 3 is not a JSON object"]
    assert "exactly one of text, html or url (found: text, url)" in (problems[3] or "")
    assert "exactly one of text, html or url (found: none)" in (problems[4] or "")
    assert records[3].key == "both"
    assert len({r.key for r in records}) == 5
    assert [r.key for r in again] == [r.key for r in records]  # a rerun finds them again


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("missing.jsonl", "missing.jsonl does not exist"),
        ("notes.docx", "cannot tell the format of"),
        ("no-text.csv", "has no text, html or url column"),
        ("no-text.parquet", "has no text, html or url column"),
        ("empty-folder", "holds no .txt or .html files"),
        ("*.nothing", "matches no file"),
    ],
)
def test_inputs_that_cannot_be_read_are_refused_before_anything_runs(
    tmp_path: Path, name: str, says: str
) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "no-text.csv").write_text("id,body\n1,hello\n")
    pq.write_table(pa.table({"id": ["1"], "body": ["hello"]}), tmp_path / "no-text.parquet")
    (tmp_path / "empty-folder").mkdir()

    with pytest.raises(InputError) as caught:
        records_of(tmp_path / name)

    assert says in str(caught.value) and "\n" not in str(caught.value)
