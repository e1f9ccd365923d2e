"""model.py and contract.py: every record serializes itself into the contract newscomment/3,
exactly the shape contract.py declares (no key more, none less, every value of its type),
and back into equal records."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest
from helpers.corpus import ARTICLES, SEED
from typing_extensions import is_typeddict

from newscomment import Analysis, ArticleInput, Comment, InputError, Newscomment
from newscomment.contract import SCHEMA, ContractDict


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` has exactly the shape of the type ``hint`` (TypedDicts closed)."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, member) for member in get_args(hint))
    if origin is Literal:
        return value in get_args(hint)
    if origin is dict:
        key, item = get_args(hint)
        return isinstance(value, dict) and all(
            conforms(k, key) and conforms(v, item) for k, v in value.items()
        )
    if origin is list:
        return isinstance(value, list) and all(conforms(v, get_args(hint)[0]) for v in value)
    if is_typeddict(hint):
        fields = get_type_hints(hint)
        return (
            isinstance(value, dict)
            and set(value) == set(fields)
            and all(conforms(value[k], fields[k]) for k in fields)
        )
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


@pytest.fixture(scope="module")
def analysed(nc: Newscomment) -> list[tuple[Analysis, Comment]]:
    """The seed and every shipped article, analysed and commented on."""
    pairs = []
    for path in (SEED, *ARTICLES):
        analysis = nc.analyze(nc.read(path))
        pairs.append((analysis, nc.comment(analysis)))
    return pairs


def test_the_contract_is_exactly_what_contract_py_declares(analysed) -> None:
    for analysis, result in analysed:
        for data in (analysis.to_dict(result), analysis.to_dict()):
            assert data["schema"] == SCHEMA
            assert conforms(data, ContractDict), analysis.article.title


def test_details_are_typed_never_strings_to_parse(analysed) -> None:
    analysis, _ = analysed[0]
    claim = analysis.finding(analysis.main_claim.finding_id)
    assert claim.details["secondhand"] is True and isinstance(claim.details["core_start"], int)
    [dates] = [f for f in analysis.of_kind("missing") if f.label == "no_absolute_dates"]
    assert dates.details["relative"] == ["recent", "earlier this week"]
    assert all(isinstance(f.details["in_quote"], bool) for f in analysis.of_kind("hedge"))


def test_records_round_trip_through_json(analysed) -> None:
    for analysis, result in analysed:
        data = json.loads(analysis.to_json(result))
        again = Analysis.from_dict(data)
        assert again.to_dict(Comment.from_dict(data["comment"])) == data
        assert again.findings == analysis.findings
        assert again.sources == analysis.sources


def test_another_schema_is_refused() -> None:
    with pytest.raises(InputError, match="not a newscomment/3 analysis"):
        Analysis.from_dict({"schema": "newscomment/1"})  # type: ignore[typeddict-item]


def test_offsets_point_into_the_article_text(analysed) -> None:
    for analysis, _ in analysed:
        text = analysis.article.text
        for item in analysis.to_dict()["findings"]:
            if item["start"] is not None:
                assert text[item["start"] : item["end"]] == item["text"]
        for source in analysis.sources:
            assert all(text[m.start : m.end] == m.text for m in source.mentions)


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ({}, "found: none"),
        ({"text": "a", "url": "https://example.org/"}, "found: text, url"),
        ({"path": "a.txt", "html": "<p>"}, "found: html, path"),
    ],
)
def test_an_input_has_exactly_one_content(given: dict[str, str], says: str) -> None:
    with pytest.raises(InputError, match=f"give exactly one of text, html or url \\({says}\\)"):
        ArticleInput(**given).content()


def test_an_inputs_metadata_wins_over_what_reading_finds(nc: Newscomment, tmp_path: Path) -> None:
    item = ArticleInput(path=str(SEED), title="Own title", outlet="Own outlet", published="2024")

    article = nc.read(item)

    assert (article.title, article.outlet, article.published) == (
        "Own title",
        "Own outlet",
        "2024",
    )
    assert article.text == nc.read(SEED).text
