"""The running server's /openapi.json: schemathesis sends every request it can generate from
it, valid or not, and each gets a documented answer and never a 5xx; and the real answers on
the shipped articles fit the published contract exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from helpers.corpus import ARTICLES, SEED
from hypothesis import HealthCheck, given, settings
from pydantic import TypeAdapter
from schemathesis.checks import positive_data_acceptance

from newscomment.server.schemas import Contract

REFUSED_URL = "http://127.0.0.1:9/story"
"""Generated URLs point at random hosts; each is replaced by a loopback address, which the
server refuses as private before connecting, so the test sends nothing off this machine."""
EXAMPLES_PER_OPERATION = 40
"""Every default check runs (no 5xx, documented status codes and content types, responses
valid against their schemas, invalid data rejected) except "schema-valid data is accepted":
a schema cannot say that an article needs 40 English words, so short generated texts are
rightly refused with 422."""


@pytest.fixture(scope="module")
def api_schema(api: str) -> schemathesis.BaseSchema:
    """The schema the running server publishes."""
    return schemathesis.openapi.from_url(f"{api}/openapi.json")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/comment"),
        ("POST", "/api/analyze"),
        ("GET", "/api/health"),
        ("GET", "/api/version"),
        ("GET", "/api/kinds"),
    ],
)
def test_generated_requests_never_get_a_server_error(
    api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]
    statuses: list[int] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def call(case: schemathesis.Case) -> None:
        if isinstance(case.body, dict) and isinstance(case.body.get("url"), str):
            case.body["url"] = REFUSED_URL
        response = case.call(timeout=60)
        statuses.append(response.status_code)
        case.validate_response(response, excluded_checks=[positive_data_acceptance])

    call()

    assert statuses and max(statuses) < 500


def contract_schema() -> dict[str, Any]:
    """The JSON schema of the contract as the server derives it, named as OpenAPI names it."""
    return TypeAdapter(Contract).json_schema(
        mode="serialization", ref_template="#/components/schemas/{model}"
    )


def test_the_published_contract_is_the_one_derived_from_the_typed_dicts(api: str) -> None:
    published = httpx.get(f"{api}/openapi.json").json()["components"]["schemas"]
    derived = contract_schema()
    definitions = derived.pop("$defs")

    assert published["ContractDict"] == derived
    assert {name: published[name] for name in definitions} == definitions
    for definition in [derived, *definitions.values()]:
        assert definition["additionalProperties"] is False, definition["title"]
    finding = definitions["FindingDict"]["properties"]
    assert finding["salience"]["description"].startswith("How much it matters to a reader")


@pytest.mark.parametrize("path", [SEED, *ARTICLES], ids=lambda path: path.name)
def test_real_answers_fit_the_published_contract_exactly(api: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8").split("Comment:")[0]  # the seed's empty comment
    contract = TypeAdapter(Contract)

    for endpoint in ("/api/analyze", "/api/comment"):
        response = httpx.post(f"{api}{endpoint}", json={"text": text}, timeout=60)
        assert response.status_code == 200, response.text
        answer = contract.validate_json(response.content, strict=True)
        assert (answer["comment"] is None) == (endpoint == "/api/analyze")
