"""Request and response bodies of the API, as pydantic models so /openapi.json documents them.

The response models mirror the JSON contract ``newscomment/1`` that ``render.jsonout`` writes.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from newscomment.model import SCHEMA, FindingKind, SourceType

Style = Literal["critical", "brief", "questions"]
Format = Literal["json", "text", "markdown"]
MAX_URL_CHARS = 2048


class ArticleRequest(BaseModel):
    """One article, given as exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Officials said on Monday that ...", "style": "critical"}]
        },
    )

    text: str | None = Field(None, description="The article as plain text (title on line one).")
    html: str | None = Field(None, description="The article as an HTML page.")
    url: str | None = Field(
        None,
        max_length=MAX_URL_CHARS,
        pattern=r"^[hH][tT][tT][pP][sS]?://\S+$",
        description="An http(s) URL to fetch; loopback and private addresses are refused.",
    )
    style: Style = Field("critical", description="The comment's style.")
    backend: Literal["builtin", "llm"] = Field(
        "builtin",
        description='"llm": the server\'s LLM writer (if it has one), checked against the '
        "article, falling back to the built-in writer with a warning.",
    )
    format: Format = Field(
        "json",
        description='"json": the newscomment/1 contract; "text" or "markdown": the comment '
        "as a document (analysis: the findings as text).",
    )

    @model_validator(mode="after")
    def _exactly_one_input(self) -> Self:
        """An article has one origin: refuse none or several."""
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class ErrorBody(BaseModel):
    """What went wrong, for a program (``code``) and for a person (``message``)."""

    code: str = Field(description="A stable name, e.g. invalid_article or body_too_large.")
    message: str = Field(description="One line saying what was wrong and what to do.")


class ErrorResponse(BaseModel):
    """Every error the API returns, whatever its status."""

    error: ErrorBody


class ArticleOut(BaseModel):
    """The article as read: metadata and the exact text all offsets refer to."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    author: str | None
    language: str
    words: int
    text: str


class SentenceOut(BaseModel):
    """A sentence of the article and whether it credits a source."""

    index: int
    start: int
    end: int
    text: str
    attributed: bool


class FindingOut(BaseModel):
    """Something a detector found; article-level findings have null offsets."""

    id: str
    kind: FindingKind
    label: str
    start: int | None
    end: int | None
    text: str | None
    sentence: int | None
    score: float
    salience: float
    note: str
    details: dict[str, str]


class MentionOut(BaseModel):
    """Where a source is mentioned, as offsets into the article text."""

    start: int
    end: int


class SourceOut(BaseModel):
    """A source the article relies on, its type and whom it came through."""

    name: str
    type: SourceType
    mentions: list[MentionOut]
    via: str | None
    findings: list[str]


class MainClaimOut(BaseModel):
    """The article's central claim and how it is backed."""

    sentence: int
    attributed: bool
    secondhand: bool
    finding: str


class CommentSentenceOut(BaseModel):
    """A sentence of the comment and the ids of the findings it rests on."""

    text: str
    evidence: list[str]


class CommentOut(BaseModel):
    """The written comment."""

    text: str
    style: str
    backend: str
    sentences: list[CommentSentenceOut]
    warnings: list[str]


class Contract(BaseModel):
    """The JSON contract newscomment/1: the analysis and, for /api/comment, the comment."""

    schema_: Literal["newscomment/1"] = Field(SCHEMA, alias="schema")
    article: ArticleOut
    sentences: list[SentenceOut]
    findings: list[FindingOut]
    sources: list[SourceOut]
    main_claim: MainClaimOut | None
    stats: dict[str, float]
    comment: CommentOut | None
    notes: list[str]


class Health(BaseModel):
    """Whether the server can analyse articles now."""

    status: Literal["ok"]
    pipeline: str = Field(description="The spaCy pipeline in use.")


class Version(BaseModel):
    """Which newscomment answers and which contract it speaks."""

    name: Literal["newscomment"]
    version: str
    schema_: Literal["newscomment/1"] = Field(SCHEMA, alias="schema")
