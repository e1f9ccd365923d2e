"""settings.py: one record from flags, then the environment, then the config file, then the
defaults; values checked with one-line errors naming the setting; a record that survives the
trip to a worker process."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscomment import LLMSettings, ServerSettings, SettingError, Settings, resolve
from newscomment.settings import OPTIONS, describe, for_worker


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No NEWSCOMMENT_* variable or config file of the machine's leaks into a test."""
    for option in OPTIONS.values():
        if option.env:
            monkeypatch.delenv(option.env, raising=False)
    for name in ("NEWSCOMMENT_CONFIG", "NEWSCOMMENT_LLM_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_defaults_without_flags_environment_or_file() -> None:
    assert resolve() == Settings()


def test_settings_come_from_flags_then_environment_then_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[llm]\nurl = "http://file/v1"\nmodel = "file-model"\ntimeout = 5\n')
    monkeypatch.setenv("NEWSCOMMENT_LLM_API_KEY", "k1")
    monkeypatch.setenv("NEWSCOMMENT_LLM_MODEL", "env-model")

    chosen = resolve(config).llm
    flagged = resolve(config, llm_url="http://flag/v1", llm_model="flag-model").llm

    assert (chosen.url, chosen.model, chosen.timeout, chosen.api_key) == (
        "http://file/v1",
        "env-model",
        5.0,
        "k1",
    )
    assert (flagged.url, flagged.model) == ("http://flag/v1", "flag-model")
    monkeypatch.delenv("NEWSCOMMENT_LLM_MODEL")
    (tmp_path / "empty.toml").write_text("")
    with pytest.raises(SettingError, match="needs a URL and a model"):
        resolve(tmp_path / "empty.toml").llm.require()


def test_the_config_file_sets_every_kind_of_setting(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'max_chars = 5000\nmodels = "~/my-models"\n[server]\nmax_body_bytes = 999\ntimeout = 2.5\n'
    )

    settings = resolve(config)

    assert settings.max_chars == 5000
    assert settings.models == Path("~/my-models").expanduser()
    assert settings.server == ServerSettings(max_body_bytes=999, timeout=2.5)


def test_the_config_file_is_found_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('pipeline = "en_core_web_sm"\n')
    monkeypatch.setenv("NEWSCOMMENT_CONFIG", str(config))

    assert resolve().pipeline == "en_core_web_sm"


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ("max_chars = 0\n", "max_chars in .* must be positive, not 0"),
        ('max_chars = "lots"\n', "max_chars in .* must be a whole number, not 'lots'"),
        ("[llm]\napi_key = 'secret'\n", "has no setting llm.api_key"),
        ("colour = 'blue'\n", "has no setting colour"),
        ("llm = 3\n", r"\[llm\] in .* must be a table"),
        ("max_chars = \n", "cannot read the config file"),
    ],
)
def test_a_bad_config_file_is_one_line(tmp_path: Path, document: str, says: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(document)

    with pytest.raises(SettingError, match=says):
        resolve(config)


def test_a_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="does not exist"):
        resolve(tmp_path / "missing.toml")


def test_bad_values_name_their_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCOMMENT_MAX_CHARS", "lots")
    with pytest.raises(SettingError, match=r"^NEWSCOMMENT_MAX_CHARS must be a whole number"):
        resolve()
    monkeypatch.delenv("NEWSCOMMENT_MAX_CHARS")

    with pytest.raises(SettingError) as caught:
        resolve(llm_timeout="-1")

    assert str(caught.value) == (
        "the llm.timeout setting (NEWSCOMMENT_LLM_TIMEOUT) must be positive, not -1"
    )
    assert caught.value.settings == ("llm_timeout",)


def test_the_key_comes_only_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "from-openai")
    assert resolve().llm.api_key == "from-openai"
    monkeypatch.setenv("NEWSCOMMENT_LLM_API_KEY", "ours")
    assert resolve().llm.api_key == "ours"
    assert "ours" not in repr(resolve())


def test_an_llm_needs_both_an_endpoint_and_a_model() -> None:
    assert not LLMSettings().given
    assert LLMSettings(model="m").given
    with pytest.raises(SettingError) as caught:
        LLMSettings(url="http://x/v1").require()
    assert caught.value.settings == ("llm_url", "llm_model")
    assert LLMSettings(url="http://x/v1", model="m").require().model == "m"


def test_unknown_names_are_a_programming_error() -> None:
    with pytest.raises(TypeError, match="unknown settings: colour"):
        resolve(colour="blue")


def test_settings_survive_the_trip_to_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(
        max_chars=567,
        allow_private_urls=False,
        models=Path("/tmp/models"),
        llm=LLMSettings(url="http://x/v1", model="m", timeout=3.0, api_key="k"),
        server=ServerSettings(max_body_bytes=1234, timeout=8.5),
    )
    for name, value in settings.to_worker_environment().items():
        monkeypatch.setenv(name, value)

    assert for_worker() == settings


def test_a_worker_without_handed_settings_resolves_a_servers_own() -> None:
    assert for_worker() == resolve(allow_private_urls=False)
    assert not for_worker().allow_private_urls


def test_describe_names_the_environment_variable_or_a_faces_flag() -> None:
    assert describe("max_chars") == "the max_chars setting (NEWSCOMMENT_MAX_CHARS)"
    assert describe("max_chars", "--max-chars") == "--max-chars (NEWSCOMMENT_MAX_CHARS)"
    assert describe("max_body_bytes") == "the server.max_body_bytes setting"
