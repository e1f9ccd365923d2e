"""What ``serve`` checks before any worker starts, each failure one line."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from helpers.fake_llm import API_KEY, FakeLLM
from helpers.live_server import free_port

from newscomment import LLMError, LLMSettings, ModelError, NewscommentError, SettingError, Settings
from newscomment.server.serve import check_address, check_ready


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port of 127.0.0.1 that something listens on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_port_in_use_cannot_be_listened_on(taken_port: int) -> None:
    with pytest.raises(NewscommentError, match=rf"^cannot listen on 127\.0\.0\.1:{taken_port}: "):
        check_address("127.0.0.1", taken_port)


def test_an_address_of_another_machine_cannot_be_listened_on() -> None:
    with pytest.raises(NewscommentError, match=r"^cannot listen on 192\.0\.2\.1:8000: "):
        check_address("192.0.2.1", 8000)


def test_a_missing_pipeline_is_found_first(taken_port: int) -> None:
    with pytest.raises(ModelError, match="cannot load the spaCy pipeline 'en_no_such_pipeline'"):
        check_ready(Settings(pipeline="en_no_such_pipeline"), "127.0.0.1", taken_port)


def test_the_llm_endpoint_is_asked_before_serving(fake_llm: FakeLLM) -> None:
    good = LLMSettings(url=fake_llm.url, model="good", api_key=API_KEY)
    check_ready(Settings(llm=good), "127.0.0.1", free_port())

    with pytest.raises(LLMError, match="refused the API key"):
        wrong_key = LLMSettings(url=fake_llm.url, model="good", api_key="wrong")
        check_ready(Settings(llm=wrong_key), "127.0.0.1", free_port())
    assert fake_llm.requests == {}


def test_an_llm_url_without_a_model_names_both_settings() -> None:
    incomplete = Settings(llm=LLMSettings(url="http://127.0.0.1:9/v1"))

    with pytest.raises(SettingError) as refused:
        check_ready(incomplete, "127.0.0.1", free_port())

    assert refused.value.settings == ("llm_url", "llm_model")
