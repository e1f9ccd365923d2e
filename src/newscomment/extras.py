"""The optional parts of newscomment (``pip install 'newscomment[server]'`` and so on):
the modules each extra brings, and the one-line error a feature gives without them."""

from __future__ import annotations

from importlib.util import find_spec

from newscomment.errors import MissingExtraError

EXTRAS: dict[str, tuple[str, ...]] = {
    "server": ("fastapi", "uvicorn", "pydantic"),
    "batch": ("duckdb", "pyarrow", "matplotlib", "tqdm"),
    "dask": ("distributed",),
    "llm": ("openai",),
    "encoder": ("tokenizers",),
    "train": ("torch", "tokenizers"),
}
"""Each extra of ``pyproject.toml`` and the modules its packages provide."""


def require(extra: str, feature: str, where: str = "") -> None:
    """Fail in one line, saying what to install (and ``where``, if it matters), when
    ``feature`` lacks its extra."""
    missing = [module for module in EXTRAS[extra] if not _installed(module)]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise MissingExtraError(
            f"{feature} needs the {extra} extra ({', '.join(missing)} {verb} missing); "
            f"install it with: pip install 'newscomment[{extra}]'{where}"
        )


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported (a finder that refuses it counts as missing)."""
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False
