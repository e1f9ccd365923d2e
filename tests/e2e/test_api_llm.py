"""The HTTP API's ``"backend": "llm"``, offered only by a server started with an LLM."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from helpers.corpus import SEED
from helpers.fake_llm import API_KEY, FakeLLM
from helpers.live_server import start_server


def test_the_api_offers_the_llm_writer_when_the_server_has_one(
    fake_llm: FakeLLM, api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = SEED.read_text(encoding="utf-8").split("Comment:")[0]
    monkeypatch.setenv("NEWSCOMMENT_LLM_API_KEY", API_KEY)
    server = start_server(tmp_path / "server.log", "--llm-url", fake_llm.url, "--llm-model", "good")
    try:
        with_llm = httpx.post(
            f"{server.base}/api/comment", json={"text": seed, "backend": "llm"}, timeout=60
        )
    finally:
        server.stop()
    without = httpx.post(f"{api}/api/comment", json={"text": seed, "backend": "llm"}, timeout=60)

    assert with_llm.status_code == 200
    assert with_llm.json()["comment"]["backend"] == "llm"
    assert without.status_code == 422
    assert "no LLM writer" in without.json()["error"]["message"]
