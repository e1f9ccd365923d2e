"""The HTTP API's ``"backend": "llm"``, offered only by a server started with an LLM, and the
one-line start errors of a server given a wrong one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from helpers.corpus import SEED
from helpers.fake_llm import API_KEY, FakeLLM, start_fake_llm
from helpers.live_server import free_port, start_server

SEED_TEXT = SEED.read_text(encoding="utf-8").split("Comment:")[0]


def llm_comment(base: str) -> httpx.Response:
    """Ask the server at ``base`` for an LLM comment on the seed."""
    return httpx.post(f"{base}/api/comment", json={"text": SEED_TEXT, "backend": "llm"}, timeout=60)


def test_the_api_offers_the_llm_writer_when_the_server_has_one(
    fake_llm: FakeLLM, api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSCOMMENT_LLM_API_KEY", API_KEY)
    server = start_server(tmp_path / "server.log", "--llm-url", fake_llm.url, "--llm-model", "good")
    try:
        with_llm = llm_comment(server.base)
    finally:
        server.stop()
    without = llm_comment(api)

    assert with_llm.status_code == 200
    assert with_llm.json()["comment"]["backend"] == "llm"
    assert without.status_code == 422
    assert "no LLM writer" in without.json()["error"]["message"]


def test_an_llm_endpoint_gone_after_the_start_gets_502(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, fake_server = start_fake_llm()
    monkeypatch.setenv("NEWSCOMMENT_LLM_API_KEY", API_KEY)
    server = start_server(tmp_path / "server.log", "--llm-url", fake.url, "--llm-model", "good")
    try:
        fake_server.shutdown()
        fake_server.server_close()
        response = llm_comment(server.base)
    finally:
        server.stop()

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "llm_unavailable"
    assert f"cannot reach the LLM endpoint {fake.url}" in response.json()["error"]["message"]


def serve_with_llm(*options: str, key: str = API_KEY) -> subprocess.CompletedProcess[str]:
    """``newscomment serve`` with LLM options on a free port, expected to stop by itself."""
    return subprocess.run(
        [sys.executable, "-m", "newscomment.cli", "serve", "--port", str(free_port()), *options],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSCOMMENT_LLM_API_KEY": key},
    )


def assert_one_line_start_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    """The server stopped before serving, with one line on stderr saying ``says``."""
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "serving on" not in result.stdout


@pytest.mark.parametrize(
    ("model", "key", "says"),
    [
        ("good", "wrong", "refused the API key"),
        ("no-such-model", API_KEY, "has no model 'no-such-model'"),
    ],
)
def test_a_wrong_llm_key_or_model_is_one_line_before_serving(
    fake_llm: FakeLLM, model: str, key: str, says: str
) -> None:
    result = serve_with_llm("--llm-url", fake_llm.url, "--llm-model", model, key=key)

    assert result.returncode == 1
    assert_one_line_start_error(result, says)
    assert fake_llm.requests == {}


def test_an_unreachable_llm_endpoint_is_one_line_before_serving() -> None:
    nothing_there = "http://127.0.0.1:9/v1"

    result = serve_with_llm("--llm-url", nothing_there, "--llm-model", "good")

    assert result.returncode == 1
    assert_one_line_start_error(result, f"cannot list the models of {nothing_there}")


def test_an_llm_url_without_a_model_names_the_missing_flag() -> None:
    result = serve_with_llm("--llm-url", "http://127.0.0.1:9/v1")

    assert result.returncode == 2
    assert_one_line_start_error(result, "--llm-model")
