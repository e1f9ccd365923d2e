"""The API's bodies are the library's own definitions: the request's fields come from
``ArticleInput``, ``STYLES`` and ``BACKENDS``, the answers from the contract's TypedDicts."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any, get_args, get_type_hints

import pytest
from pydantic import TypeAdapter, ValidationError

from newscomment import (
    BACKENDS,
    KINDS,
    SOURCE_TYPES,
    STYLES,
    Analysis,
    ArticleInput,
    InputError,
    Newscomment,
)
from newscomment.contract import ContractDict, FindingDict
from newscomment.server.schemas import ArticleRequest, Contract, KindTables, documented


def contract_of(nc: Newscomment, analysis: Analysis) -> dict[str, Any]:
    """The seed's analysis and comment as JSON would carry them."""
    return json.loads(analysis.to_json(nc.comment(analysis)))


def test_the_request_takes_the_articles_content_fields_and_their_help() -> None:
    schema = ArticleRequest.model_json_schema()["properties"]
    helps = {item.name: item.metadata.get("help") for item in fields(ArticleInput)}

    for name in ("text", "html", "url"):
        assert schema[name]["description"].startswith(helps[name]), name
    assert "path" not in schema
    assert get_args(ArticleRequest.model_fields["style"].annotation) == tuple(STYLES)
    assert get_args(ArticleRequest.model_fields["backend"].annotation) == BACKENDS


def test_a_request_never_names_a_file_on_the_server() -> None:
    with pytest.raises(ValidationError, match="path"):
        ArticleRequest.model_validate({"path": "/etc/passwd"})


@pytest.mark.parametrize("given", [{}, {"text": "An article.", "url": "https://example.org/"}])
def test_exactly_one_content_field_as_article_input_says(given: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        ArticleRequest.model_validate(given)

    with pytest.raises(InputError) as library:
        ArticleInput(**given).content()
    assert str(library.value) in str(refused.value)


def test_a_request_hands_the_library_its_article() -> None:
    request = ArticleRequest.model_validate({"url": "https://example.org/story", "style": "brief"})

    assert request.article() == ArticleInput(url="https://example.org/story")
    assert (request.style, request.backend, request.format) == ("brief", "builtin", "json")


def test_a_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="url"):
        ArticleRequest.model_validate({"url": "ftp://example.org/story"})


def test_the_answer_model_has_the_contracts_keys_types_and_docstrings() -> None:
    assert Contract.__name__ == "ContractDict"
    assert get_type_hints(Contract).keys() == get_type_hints(ContractDict).keys()
    finding = TypeAdapter(documented(FindingDict)).json_schema()

    assert finding["properties"].keys() == get_type_hints(FindingDict).keys()
    assert finding["properties"]["id"]["description"] == (
        "``kind-n``, numbered in article order within the kind."
    )
    assert finding["description"] == FindingDict.__doc__
    assert Contract is ContractDict and documented(FindingDict) is FindingDict


def test_the_librarys_answer_on_the_seed_fits_the_contract_strictly(
    nc: Newscomment, seed_analysis: Analysis
) -> None:
    answer = contract_of(nc, seed_analysis)

    assert TypeAdapter(Contract).validate_python(answer, strict=True) == answer


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda answer: answer.update(colour="red"), "colour"),
        (lambda answer: answer["findings"][0].update(colour="red"), "findings.0"),
        (lambda answer: answer["stats"].update(has_figures="yes"), "stats.has_figures"),
        (lambda answer: answer["article"].pop("text"), "article.text"),
    ],
)
def test_an_answer_off_the_contract_is_refused(
    nc: Newscomment, seed_analysis: Analysis, change: Any, where: str
) -> None:
    answer = contract_of(nc, seed_analysis)
    change(answer)

    with pytest.raises(ValidationError, match=where.replace(".", r"\.")):
        TypeAdapter(Contract).validate_python(answer, strict=True)


def test_a_quoted_word_is_a_boolean_not_a_yes() -> None:
    details = TypeAdapter(documented(FindingDict)).json_schema()["$defs"]["LoadedDetailsDict"]

    assert details["properties"]["in_quote"] == {"title": "In Quote", "type": "boolean"}
    assert details["additionalProperties"] is False


def test_the_kind_tables_are_the_librarys() -> None:
    tables = {"kinds": list(KINDS.values()), "source_types": list(SOURCE_TYPES.values())}

    dumped = TypeAdapter(KindTables).dump_python(tables)

    assert dumped["kinds"] == [asdict(kind) for kind in KINDS.values()]
    assert dumped["source_types"] == [asdict(kind) for kind in SOURCE_TYPES.values()]
    described = TypeAdapter(KindTables).json_schema()["$defs"]["Kind"]["properties"]
    assert described["singular"]["description"] == 'One finding of the kind ("Loaded word").'
