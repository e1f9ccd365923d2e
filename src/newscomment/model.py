"""The data model: plain typed records that flow from reading to rendering.

Offsets are the glue: every span is a pair of character offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal, get_args

SCHEMA = "newscomment/1"

FindingKind = Literal[
    "source", "quote", "hedge", "opinion", "loaded", "missing", "boilerplate", "claim"
]
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
SourceType = Literal["named_person", "named_org", "media_outlet", "document", "anonymous"]
STYLES: tuple[str, ...] = ("critical", "brief", "questions")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    """One article as read from its source, before any analysis."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str = "en"
    source_format: str = "text"
    seed_document: str | None = None
    notes: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the body."""
        return len(self.text.split())


@dataclass(slots=True)
class Sentence:
    """A sentence of the article and whether anything in it is attributed to a source."""

    index: int
    start: int
    end: int
    text: str
    attributed: bool = False


@dataclass(slots=True)
class Finding:
    """One observation a detector made, anchored to a span (or to the whole article)."""

    id: str
    kind: FindingKind
    label: str
    span: Span | None
    sentence: int | None
    score: float
    note: str
    salience: float = 0.0
    details: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Source:
    """Who the article leans on, every place it is mentioned, and whom it came through."""

    name: str
    type: SourceType
    mentions: list[Span] = field(default_factory=list)
    via: str | None = None
    finding_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MainClaim:
    """The sentence carrying the central news claim and how it reaches the reader."""

    sentence: int
    attributed: bool
    secondhand: bool
    finding_id: str


@dataclass(slots=True)
class Analysis:
    """Everything the detectors found in one article, ranked and counted."""

    article: Article
    sentences: list[Sentence]
    findings: list[Finding]
    sources: list[Source]
    main_claim: MainClaim | None
    stats: dict[str, float]

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (KeyError if there is none)."""
        for item in self.findings:
            if item.id == finding_id:
                return item
        raise KeyError(finding_id)

    def of_kind(self, kind: str) -> list[Finding]:
        """Findings of one kind, in article order."""
        return [f for f in self.findings if f.kind == kind]


@dataclass(slots=True)
class CommentSentence:
    """One sentence of a comment with the ids of the findings that support it."""

    text: str
    evidence: list[str]


@dataclass(slots=True)
class Comment:
    """A written comment: its sentences, each grounded in findings, and any warnings."""

    text: str
    style: str
    backend: str
    sentences: list[CommentSentence]
    warnings: list[str] = field(default_factory=list)
