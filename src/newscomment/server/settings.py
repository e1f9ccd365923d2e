"""The server's limits, from the command line or (for worker processes) the environment."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields

from newscomment.ingest import DEFAULT_MAX_CHARS

ENV_PREFIX = "NEWSCOMMENT_SERVE_"


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What one server process allows: request size, article length, time and URL targets."""

    max_body_bytes: int = 2_000_000
    """Requests with a larger body get 413."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Articles with more characters of text get 422."""
    timeout: float = 30.0
    """Seconds a request may take, waiting in line included, before it gets 503."""
    allow_private_urls: bool = False
    """Whether ``url`` may point at loopback or private addresses (off: no request forgery)."""
    llm_url: str | None = None
    """The OpenAI-compatible endpoint for ``"backend": "llm"`` (None: not offered)."""
    llm_model: str | None = None
    llm_timeout: float | None = None

    def to_environment(self) -> dict[str, str]:
        """The settings as environment variables, for worker processes to read back."""
        return {
            ENV_PREFIX + key.upper(): str(value)
            for key, value in asdict(self).items()
            if value is not None
        }

    @classmethod
    def from_environment(cls) -> ServerSettings:
        """Settings from ``NEWSCOMMENT_SERVE_*`` variables, defaults for those not set."""
        values: dict[str, object] = {}
        for item in fields(cls):
            raw = os.environ.get(ENV_PREFIX + item.name.upper())
            if raw is None:
                continue
            if item.type == "bool":
                values[item.name] = raw.strip().lower() in ("1", "true", "yes")
            elif item.type == "int":
                values[item.name] = int(raw)
            elif item.type == "str | None":
                values[item.name] = raw
            else:
                values[item.name] = float(raw)
        return cls(**values)  # type: ignore[arg-type]
