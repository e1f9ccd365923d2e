"""Schemathesis against the running server's /openapi.json: every request it can generate
from the schema, valid or not, gets a documented answer and never a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

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
