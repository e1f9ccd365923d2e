"""The body cap and the security headers, on the real application, driven as an ASGI server
drives it: the body in chunks, with or without a declared length."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.types import ASGIApp, Message

from newscomment import ServerSettings, Settings
from newscomment.server.app import create_app
from newscomment.server.middleware import CONTENT_SECURITY_POLICY

CAP = 200
SHORT_ARTICLE = b'{"text": "Too short to be news."}'


@dataclass
class Answer:
    """What the application sent back, and how often it asked for the body."""

    status: int
    headers: dict[str, str]
    body: Any
    receives: int


@pytest.fixture(scope="module")
def app() -> ASGIApp:
    """The application with a body cap of ``CAP`` bytes (never warmed up: no request here
    reaches the pipeline)."""
    return create_app(Settings(allow_private_urls=False, server=ServerSettings(max_body_bytes=CAP)))


def call(
    app: ASGIApp, method: str, path: str, chunks: tuple[bytes, ...] = (), length: str | None = None
) -> Answer:
    """One request to ``app``, its body handed over in ``chunks``; ``length``: the declared
    Content-Length, if any."""
    headers = [(b"content-type", b"application/json")]
    if length is not None:
        headers.append((b"content-length", length.encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    pending = [
        {"type": "http.request", "body": chunk, "more_body": number < len(chunks)}
        for number, chunk in enumerate(chunks, 1)
    ] or [{"type": "http.request", "body": b"", "more_body": False}]
    sent: list[Message] = []
    receives = 0

    async def receive() -> Message:
        nonlocal receives
        receives += 1
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    is_json = (b"content-type", b"application/json") in start["headers"]
    return Answer(
        status=start["status"],
        headers={name.decode(): value.decode() for name, value in start["headers"]},
        body=json.loads(body) if is_json else body,
        receives=receives,
    )


def test_a_declared_length_over_the_cap_gets_413_before_the_body_is_read(app: ASGIApp) -> None:
    answer = call(app, "POST", "/api/analyze", (b"x" * (CAP + 1),), length=str(CAP + 1))

    assert answer.status == 413
    assert answer.body["error"]["code"] == "body_too_large"
    assert f"limit of {CAP:,} bytes" in answer.body["error"]["message"]
    assert answer.receives == 0


def test_a_streamed_body_is_cut_off_as_soon_as_it_passes_the_cap(app: ASGIApp) -> None:
    chunks = (b"x" * 150, b"x" * 100, b"x" * 100, b"x" * 100)

    answer = call(app, "POST", "/api/analyze", chunks)

    assert answer.status == 413
    assert answer.body["error"]["code"] == "body_too_large"
    assert answer.receives == 2


def test_a_body_under_the_cap_reaches_the_app_whole(app: ASGIApp) -> None:
    chunks = (SHORT_ARTICLE[:7], SHORT_ARTICLE[7:20], SHORT_ARTICLE[20:])

    answer = call(app, "POST", "/api/analyze", chunks)

    assert answer.status == 422
    assert answer.body["error"]["code"] == "invalid_article"
    assert "at least 40" in answer.body["error"]["message"]


def test_a_length_that_is_not_a_number_gets_400(app: ASGIApp) -> None:
    answer = call(app, "POST", "/api/analyze", (SHORT_ARTICLE,), length="a lot")

    assert answer.status == 400
    assert answer.body == {
        "error": {"code": "bad_request", "message": "Content-Length is not a number"}
    }


@pytest.mark.parametrize(
    ("method", "path", "chunks", "status"),
    [
        ("GET", "/", (), 200),
        ("GET", "/static/marks.css", (), 200),
        ("GET", "/api/kinds", (), 200),
        ("GET", "/api/nothing", (), 404),
        ("POST", "/api/analyze", (b"x" * (CAP + 1),), 413),
        ("POST", "/api/analyze", (SHORT_ARTICLE,), 422),
    ],
)
def test_every_answer_carries_the_security_headers(
    app: ASGIApp, method: str, path: str, chunks: tuple[bytes, ...], status: int
) -> None:
    answer = call(app, method, path, chunks)

    assert answer.status == status
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
