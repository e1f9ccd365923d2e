"""``newscomment serve`` as a user starts it: settings, worker processes, clear start errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import get_args

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.corpus import SEED
from helpers.live_server import start_server

from newscomment import STYLES, resolve
from newscomment.server.app import create_app_for_worker
from newscomment.server.schemas import ArticleRequest
from newscomment.settings import for_worker


def serve(*options: str) -> subprocess.CompletedProcess[str]:
    """Run ``newscomment serve`` expecting it to stop by itself (on a start error)."""
    return subprocess.run(
        [sys.executable, "-m", "newscomment.cli", "serve", *options],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_survive_the_trip_to_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = resolve(
        max_chars=567,
        allow_private_urls=False,
        max_body_bytes=1234,
        request_timeout=8.5,
        llm_url="http://127.0.0.1:9/v1",
        llm_model="good",
    )
    for name, value in settings.to_worker_environment().items():
        monkeypatch.setenv(name, value)

    assert for_worker() == settings
    worker = TestClient(create_app_for_worker())
    oversized = worker.post("/api/analyze", json={"text": "word " * 250})
    too_long = worker.post("/api/analyze", json={"text": "word " * 200})
    assert "limit of 1,234 bytes" in oversized.json()["error"]["message"]
    assert "567 characters" in too_long.json()["error"]["message"]


def test_a_port_in_use_is_one_line_and_exit_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = serve("--port", str(port))

    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--workers", "0"), "--workers must be at least 1"),
        (("--timeout", "0"), "--timeout must be positive"),
        (("--max-body-bytes", "-5"), "--max-body-bytes must be positive"),
        (("--host", "192.0.2.1"), "cannot listen on 192.0.2.1:8000"),
    ],
)
def test_bad_options_are_one_line(options: tuple[str, ...], says: str) -> None:
    result = serve(*options)

    assert result.returncode != 0
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_pipeline_is_one_line_before_any_worker_starts() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newscomment.cli", "serve", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSCOMMENT_SPACY_MODEL": "en_no_such_pipeline"},
    )

    assert result.returncode == 3
    assert result.stderr.count("\n") == 1
    assert "cannot load the spaCy pipeline 'en_no_such_pipeline'" in result.stderr


def test_the_api_offers_exactly_the_styles_the_writer_has() -> None:
    assert get_args(ArticleRequest.model_fields["style"].annotation) == tuple(STYLES)


def test_two_workers_share_the_port_and_the_limits(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    server = start_server(log, "--workers", "2", "--max-chars", "1000")
    try:
        seed = SEED.read_text(encoding="utf-8").split("Comment:")[0]
        answers = [
            httpx.post(f"{server.base}/api/comment", json={"text": seed}, timeout=60)
            for _ in range(4)
        ]
    finally:
        server.stop()

    assert {a.status_code for a in answers} == {422}
    assert all("1,000 characters" in a.json()["error"]["message"] for a in answers)
    assert server.process.returncode == 0
    assert "serving on http://127.0.0.1:" in log.read_text()
