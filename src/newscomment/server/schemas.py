"""Request and response bodies of the API, all derived from the library's own definitions so
that /openapi.json documents exactly what the server takes and answers.

The request takes its content fields from ``ArticleInput``, its styles from ``STYLES`` and its
backends from ``BACKENDS``; the answers are the TypedDicts of ``newscomment.contract`` (and the
tables of ``newscomment.kinds``), read by pydantic with their attribute docstrings.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Literal, Self, get_args, get_origin, get_type_hints

import typing_extensions
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator, with_config
from typing_extensions import is_typeddict

from newscomment import BACKENDS, STYLES, ArticleInput, InputError
from newscomment.contract import SCHEMA, ContractDict
from newscomment.kinds import Kind, SourceKind
from newscomment.model import CONTENT_FIELDS
from newscomment.styles import DEFAULT_STYLE

RESPONSE_CONFIG = ConfigDict(use_attribute_docstrings=True, extra="forbid")
"""Every answer documents its fields with their docstrings and has no other keys."""
Format = Literal["json", "text", "markdown"]
LOCAL_ONLY = frozenset({"path"})
"""``ArticleInput`` fields a client may never send: a path names a file on the server."""
CONTENT_LIMITS: dict[str, dict[str, Any]] = {
    "url": {"max_length": 2048, "pattern": r"^[hH][tT][tT][pP][sS]?://\S+$"},
}
"""What the server adds to the rules of a content field (only http(s) URLs are fetched)."""
CONTENT_NOTES = {
    "url": "Loopback and private addresses are refused unless the server is started with "
    "--allow-private-urls.",
}
"""What the server adds to the description of a content field."""


def documented(contract_dict: type) -> type:
    """A TypedDict of the contract, and every one nested in it, with ``RESPONSE_CONFIG``:
    pydantic documents its fields with their docstrings and refuses other keys."""
    for hint in get_type_hints(contract_dict).values():
        for inner in _typed_dicts(hint):
            documented(inner)
    return with_config(RESPONSE_CONFIG)(contract_dict)


def _typed_dicts(hint: Any) -> list[type]:
    """The TypedDicts a type annotation is made of (``list[X] | None`` gives X)."""
    if is_typeddict(hint):
        return [hint]
    if get_origin(hint) is Literal:
        return []
    return [inner for argument in get_args(hint) for inner in _typed_dicts(argument)]


Contract = documented(ContractDict)
"""The JSON contract newscomment/3: the analysis and, for /api/comment, the comment."""


def _content_fields() -> dict[str, Any]:
    """The request fields that hold the article: ``ArticleInput``'s, with its descriptions."""
    hints = get_type_hints(ArticleInput)
    made: dict[str, Any] = {}
    for item in fields(ArticleInput):
        if item.name not in CONTENT_FIELDS or item.name in LOCAL_ONLY:
            continue
        description = " ".join(filter(None, (item.metadata["help"], CONTENT_NOTES.get(item.name))))
        limits = CONTENT_LIMITS.get(item.name, {})
        made[item.name] = (hints[item.name], Field(None, description=description, **limits))
    return made


CONTENT = _content_fields()
"""The content fields a request may have (``text``, ``html``, ``url``), as pydantic fields."""


class _ArticleRequest(BaseModel):
    """One article, given as exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Officials said on Monday that ...", "style": "critical"}]
        },
    )

    def article(self) -> ArticleInput:
        """The article as the library takes it."""
        return ArticleInput(**{name: getattr(self, name) for name in CONTENT})

    @model_validator(mode="after")
    def _exactly_one_input(self) -> Self:
        """An article has one origin: refuse none or several, as ``ArticleInput`` does."""
        try:
            self.article().content()
        except InputError as error:
            raise ValueError(str(error)) from None
        return self


ArticleRequest = create_model(
    "ArticleRequest",
    __base__=_ArticleRequest,
    __doc__=_ArticleRequest.__doc__,
    __module__=__name__,
    **CONTENT,
    style=(Literal[tuple(STYLES)], Field(DEFAULT_STYLE, description="The comment's style.")),
    backend=(
        Literal[BACKENDS],
        Field(
            BACKENDS[0],
            description='"llm": the server\'s LLM writer (if it has one), checked against the '
            "article, falling back to the built-in writer with a warning.",
        ),
    ),
    format=(
        Format,
        Field(
            "json",
            description=f'"json": the {SCHEMA} contract; "text" or "markdown": the comment '
            "as a document (analysis: the findings as text).",
        ),
    ),
)
"""The body of /api/analyze and /api/comment."""


@with_config(RESPONSE_CONFIG)
class ErrorBody(typing_extensions.TypedDict):
    """What went wrong, for a program (``code``) and for a person (``message``)."""

    code: str
    """A stable name, e.g. invalid_article or body_too_large."""
    message: str
    """One line saying what was wrong and what to do."""


@with_config(RESPONSE_CONFIG)
class ErrorResponse(typing_extensions.TypedDict):
    """Every error the API returns, whatever its status."""

    error: ErrorBody


@with_config(RESPONSE_CONFIG)
class Health(typing_extensions.TypedDict):
    """Whether the server can analyse articles now."""

    status: Literal["ok"]
    pipeline: str
    """The spaCy pipeline in use."""


@with_config(RESPONSE_CONFIG)
class Version(typing_extensions.TypedDict):
    """Which newscomment answers and which contract it speaks."""

    name: Literal["newscomment"]
    version: str
    schema: Literal[SCHEMA]  # type: ignore[valid-type]


@with_config(RESPONSE_CONFIG)
class KindTables(typing_extensions.TypedDict):
    """The tables a face shows findings with: every kind of finding, in the order an analysis
    lists them, and every type of source, most specific first."""

    kinds: list[Kind]
    source_types: list[SourceKind]
