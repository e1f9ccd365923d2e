"""The store's tables hold the JSON contract: a column per field of its dicts, typed by their
annotations, and an article's rows give back exactly the contract dict they came from."""

from __future__ import annotations

import json
from typing import Literal, TypedDict, get_args, get_type_hints

import pyarrow as pa
import pytest

from newscomment import Analysis, Comment, Newscomment
from newscomment import contract as dicts
from newscomment.batch.schema import (
    SCHEMA_VERSION,
    TABLES,
    arrow_field,
    arrow_type,
    article_rows,
    contract_of,
    error_rows,
    to_arrow,
)
from newscomment.contract import ContractDict

README_COLUMNS = (
    "title outlet published url words sentences attributed_share named_sources "
    "anonymous_sources quotes hedges opinion_share text"
).split()
"""The columns the README's examples query."""


class Point(TypedDict):
    x: int
    label: str | None


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, pa.string()),
        (int, pa.int32()),
        (float, pa.float64()),
        (bool, pa.bool_()),
        (Literal["builtin", "llm"], pa.string()),
        (list[str], pa.list_(pa.string())),
        (
            list[Point],
            pa.list_(
                pa.struct(
                    [pa.field("x", pa.int32(), nullable=False), pa.field("label", pa.string())]
                )
            ),
        ),
        (dicts.DetailsDict, pa.string()),
    ],
)
def test_contract_annotations_become_arrow_types(annotation: object, expected: pa.DataType) -> None:
    assert arrow_type(annotation) == expected


def test_only_what_the_contract_lets_be_none_is_nullable() -> None:
    assert arrow_field("a", int | None) == pa.field("a", pa.int32(), nullable=True)
    assert arrow_field("a", int) == pa.field("a", pa.int32(), nullable=False)
    with pytest.raises(TypeError, match="no column type"):
        arrow_type(dict[str, int])


def columns(typed: type, renamed: dict[str, str] | None = None, prefix: str = "") -> list[str]:
    """The column names a contract dict should have in the store."""
    return [prefix + (renamed or {}).get(name, name) for name in get_type_hints(typed)]


def test_every_table_has_a_column_for_each_field_of_the_contract() -> None:
    names = {table: schema.names for table, schema in TABLES.items()}
    stats = [name for name in columns(dicts.StatsDict) if name not in columns(dicts.ArticleDict)]

    assert SCHEMA_VERSION == 3
    assert names["articles"] == [
        "key",
        "id",
        "input",
        *columns(dicts.ArticleDict, {"id": "article_id"}),
        *stats,
        *columns(dicts.MainClaimDict, prefix="main_claim_"),
        "notes",
        "processed_at",
    ]
    assert set(README_COLUMNS) <= set(names["articles"])
    assert names["sentences"] == ["key", *columns(dicts.SentenceDict, {"index": "sentence"})]
    assert names["findings"] == ["key", *columns(dicts.FindingDict, {"id": "finding"})]
    assert names["sources"] == ["key", *columns(dicts.SourceDict)]
    assert names["comments"] == ["key", *columns(dicts.CommentDict)]
    assert names["errors"] == ["key", "id", "input", "reason", "processed_at"]


def test_columns_are_typed_and_nullable_as_the_contract_says() -> None:
    findings = TABLES["findings"]
    for name, hint in get_type_hints(dicts.FindingDict).items():
        column = findings.field({"id": "finding"}.get(name, name))
        assert column.nullable == (type(None) in get_args(hint)), name
    assert findings.field("details").type == pa.string()  # the per-kind fields, as JSON
    mention = pa.struct(
        [pa.field("start", pa.int32(), nullable=False), pa.field("end", pa.int32(), nullable=False)]
    )
    assert TABLES["sources"].field("mentions").type == pa.list_(mention)
    sentence = TABLES["comments"].field("sentences").type.value_type
    assert [member.name for member in sentence] == ["text", "evidence", "assertions"]
    assert all(
        TABLES["articles"].field(f"main_claim_{n}").nullable
        for n in dicts.MainClaimDict.__annotations__
    )
    assert not TABLES["articles"].field("attributed_share").nullable


@pytest.fixture(scope="module")
def contract(nc: Newscomment, seed_analysis: Analysis) -> ContractDict:
    """The seed's analysis and critical comment as the contract has them."""
    return seed_analysis.to_dict(nc.comment(seed_analysis))


def stored(contract: ContractDict) -> ContractDict:
    """The contract dict put back together from an article's rows, typed as the store
    types them."""
    tables = {
        name: table.to_pylist()
        for name, table in to_arrow(article_rows("k", "in", "r", contract)).items()
    }
    return contract_of(tables["articles"][0], tables)


def test_an_articles_rows_give_back_its_contract(contract: ContractDict) -> None:
    back = stored(contract)

    assert back == contract
    analysis = Analysis.from_dict(back)
    assert analysis.to_dict(Comment.from_dict(back["comment"])) == contract  # type: ignore[arg-type]


def test_rows_come_from_the_contract_with_details_as_json(contract: ContractDict) -> None:
    rows = article_rows("k", "corpus.jsonl:3", "r1", contract)

    (article,) = rows["articles"]
    assert (article["key"], article["id"], article["input"]) == ("k", "r1", "corpus.jsonl:3")
    assert article["article_id"] == contract["article"]["id"]
    assert article["anonymous_sources"] == contract["stats"]["anonymous_sources"]
    assert article["main_claim_finding"] == contract["main_claim"]["finding"]  # type: ignore[index]
    assert len(rows["findings"]) == len(contract["findings"])
    first = rows["findings"][0]
    assert first["finding"] == contract["findings"][0]["id"]
    assert json.loads(first["details"]) == contract["findings"][0]["details"]
    assert [row["sentence"] for row in rows["sentences"]] == [
        s["index"] for s in contract["sentences"]
    ]
    assert len(rows["comments"]) == 1 and rows["errors"] == []


def test_an_article_without_main_claim_or_comment_comes_back_so(contract: ContractDict) -> None:
    bare: ContractDict = {**contract, "main_claim": None, "comment": None}

    rows = article_rows("k", "in", None, bare)

    assert rows["comments"] == []
    assert rows["articles"][0]["main_claim_sentence"] is None
    assert stored(bare) == bare


def test_an_unusable_input_is_one_error_row() -> None:
    rows = error_rows("k", "corpus.jsonl:9", None, "line 9 is not valid JSON")

    assert [row["reason"] for row in rows["errors"]] == ["line 9 is not valid JSON"]
    assert all(rows[name] == [] for name in TABLES if name != "errors")
