"""The optional parts of newscomment (``pip install 'newscomment[server]'`` and so on):
the modules each extra brings, and the one-line error a feature gives without them."""

from __future__ import annotations

from importlib.util import find_spec

from newscomment.errors import MissingExtraError

EXTRAS: dict[str, tuple[str, ...]] = {
    "server": ("fastapi", "uvicorn"),
    "batch": ("duckdb", "pyarrow", "matplotlib"),
    "dask": ("distributed",),
    "llm": ("openai",),
}
"""Each extra of ``pyproject.toml`` and the modules its packages provide."""


def require(extra: str, feature: str) -> None:
    """Fail in one line, saying what to install, when ``feature`` lacks its extra."""
    missing = [module for module in EXTRAS[extra] if find_spec(module) is None]
    if missing:
        raise MissingExtraError(
            f"{feature} needs {', '.join(missing)}, which is not installed; "
            f"install it with: pip install 'newscomment[{extra}]'"
        )
