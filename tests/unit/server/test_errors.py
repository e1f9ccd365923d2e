"""Every failure of the real application becomes the API's one-line JSON error with the
right status, never a stack trace."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.corpus import SEED

from newscomment import ServerSettings, Settings
from newscomment.server.app import create_app

SEED_TEXT = SEED.read_text(encoding="utf-8").split("Comment:")[0]


def client(**settings: Any) -> TestClient:
    """The real application with ``settings``, never warmed up (as a worker before its
    first request), private URLs refused."""
    return TestClient(create_app(Settings(allow_private_urls=False, **settings)))


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    """The response is the API's error with this status and code; returns its message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture(scope="module")
def api() -> TestClient:
    """The application with the default limits."""
    return client()


def test_malformed_json_is_named_as_such(api: TestClient) -> None:
    response = api.post(
        "/api/analyze", content=b'{"text": ', headers={"Content-Type": "application/json"}
    )

    assert assert_error(response, 422, "malformed_json") == "the body is not valid JSON"


def test_a_wrong_field_is_named_with_what_is_wrong(api: TestClient) -> None:
    message = assert_error(api.post("/api/analyze", json={"text": 42}), 422, "invalid_request")

    assert message == "text: Input should be a valid string"


def test_a_rule_of_the_whole_request_reads_as_the_library_says_it(api: TestClient) -> None:
    message = assert_error(api.post("/api/analyze", json={}), 422, "invalid_request")

    assert message == "give exactly one of text, html or url (found: none)"


def test_an_unusable_article_gets_422(api: TestClient) -> None:
    response = api.post("/api/analyze", json={"text": "Too short to be news."})

    assert "at least 40" in assert_error(response, 422, "invalid_article")


def test_wrong_paths_and_methods_get_json_errors(api: TestClient) -> None:
    assert_error(api.get("/api/nothing"), 404, "not_found")
    assert_error(api.get("/api/analyze"), 405, "method_not_allowed")
    assert_error(api.put("/api/kinds"), 405, "method_not_allowed")


def test_an_article_over_the_time_limit_gets_503_with_retry_after() -> None:
    response = client(server=ServerSettings(timeout=0.001)).post(
        "/api/analyze", json={"text": SEED_TEXT}
    )

    assert "longer than 0.001 s" in assert_error(response, 503, "timeout")
    assert response.headers["retry-after"] == "5"


def test_a_server_that_cannot_analyse_says_why_with_500() -> None:
    response = client(pipeline="en_no_such_pipeline").post("/api/analyze", json={"text": SEED_TEXT})

    message = assert_error(response, 500, "server_error")
    assert "cannot load the spaCy pipeline 'en_no_such_pipeline'" in message
