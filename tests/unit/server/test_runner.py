"""The runner behind the article endpoints: one ``Newscomment`` per application, its LLM
writer offered only when the server has LLM settings."""

from __future__ import annotations

from fastapi.testclient import TestClient
from helpers.corpus import SEED
from helpers.fake_llm import API_KEY, FakeLLM

from newscomment import LLMSettings, Newscomment, Settings
from newscomment.server.app import create_app
from newscomment.server.runner import NO_LLM

SEED_TEXT = SEED.read_text(encoding="utf-8").split("Comment:")[0]


def test_without_llm_settings_the_llm_backend_is_refused_before_reading() -> None:
    api = TestClient(create_app(Settings(allow_private_urls=False)))

    response = api.post("/api/comment", json={"url": "http://127.0.0.1:9/", "backend": "llm"})

    assert response.status_code == 422
    assert response.json()["error"] == {"code": "invalid_article", "message": NO_LLM}


def test_an_analysis_needs_no_writer_whatever_the_backend(nc: Newscomment) -> None:
    api = TestClient(create_app(Settings(allow_private_urls=False)))

    response = api.post("/api/analyze", json={"text": SEED_TEXT, "backend": "llm"})

    assert response.status_code == 200
    assert response.json() == nc.analyze(nc.read(text=SEED_TEXT)).to_dict()


def test_the_servers_llm_writes_every_llm_comment(fake_llm: FakeLLM) -> None:
    llm = LLMSettings(url=fake_llm.url, model="good", api_key=API_KEY)
    api = TestClient(create_app(Settings(allow_private_urls=False, llm=llm)))

    answers = [
        api.post("/api/comment", json={"text": SEED_TEXT, "backend": "llm"}) for _ in range(2)
    ]

    assert [a.json()["comment"]["backend"] for a in answers] == ["llm", "llm"]
    assert [a.json()["comment"]["warnings"] for a in answers] == [[], []]
    assert len(fake_llm.requests["good"]) == 2
