"""Where the optional LLM writer is and how to reach it: from the command line, else the
environment, else a TOML config file; the key only from the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from newscomment.errors import NewscommentError

CONFIG_ENV = "NEWSCOMMENT_CONFIG"
DEFAULT_CONFIG = Path("~/.config/newscomment/config.toml")
URL_ENV, MODEL_ENV, TIMEOUT_ENV = (
    "NEWSCOMMENT_LLM_URL",
    "NEWSCOMMENT_LLM_MODEL",
    "NEWSCOMMENT_LLM_TIMEOUT",
)
KEY_ENVS = ("NEWSCOMMENT_LLM_API_KEY", "OPENAI_API_KEY")
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
NO_KEY = "no-key"
"""Local servers (Ollama, llama.cpp, vLLM) want no key, but the client insists on one."""


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """An OpenAI-compatible endpoint: base URL, model, key, per-call timeout and retries."""

    url: str
    model: str
    api_key: str = NO_KEY
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_RETRIES


def llm_settings(
    url: str | None = None,
    model: str | None = None,
    timeout: float | None = None,
    config: Path | None = None,
) -> LLMSettings:
    """The settings, each from the first of: argument, environment, config file ([llm])."""
    section = _config_section(config)
    chosen_url = url or os.environ.get(URL_ENV) or section.get("url")
    chosen_model = model or os.environ.get(MODEL_ENV) or section.get("model")
    if not chosen_url or not chosen_model:
        raise NewscommentError(
            f"the LLM backend needs a URL and a model: give --llm-url and --llm-model, set "
            f"{URL_ENV} and {MODEL_ENV}, or put url and model under [llm] in {DEFAULT_CONFIG}"
        )
    chosen_timeout = timeout or os.environ.get(TIMEOUT_ENV) or section.get("timeout")
    try:
        seconds = float(chosen_timeout) if chosen_timeout else DEFAULT_TIMEOUT
    except ValueError:
        raise NewscommentError(
            f"the LLM timeout must be a number, not {chosen_timeout!r}"
        ) from None
    if seconds <= 0:
        raise NewscommentError(f"the LLM timeout must be positive, not {seconds:g}")
    key = next((os.environ[name] for name in KEY_ENVS if os.environ.get(name)), NO_KEY)
    return LLMSettings(str(chosen_url), str(chosen_model), key, seconds)


def _config_section(config: Path | None) -> dict[str, object]:
    """The [llm] table of the config file; an absent default file is an empty table."""
    path = config or Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG).expanduser()
    if not path.exists():
        if config is not None or os.environ.get(CONFIG_ENV):
            raise NewscommentError(f"the config file {path} does not exist")
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise NewscommentError(f"cannot read the config file {path}: {error}") from None
    section = document.get("llm", {})
    if not isinstance(section, dict):
        raise NewscommentError(f"[llm] in {path} must be a table")
    return section
