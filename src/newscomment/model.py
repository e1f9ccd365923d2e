"""The data model: plain typed records that flow from reading to rendering, each able to
serialize itself into the JSON contract (``newscomment.contract``) and back.

Offsets are the glue: every span is a pair of character offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any, cast

from newscomment.contract import (
    SCHEMA,
    ArticleDict,
    AssertionDict,
    CommentDict,
    CommentSentenceDict,
    ContractDict,
    DetailsDict,
    FindingDict,
    MainClaimDict,
    SentenceDict,
    SourceDict,
    StatsDict,
)
from newscomment.errors import InputError
from newscomment.kinds import FindingKind, SourceType
from newscomment.styles import STYLES


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as a caller hands it over: exactly one of ``text``, ``html``, ``url`` or
    ``path``, and metadata that takes precedence over what reading finds in it."""

    text: str | None = field(
        default=None, metadata={"help": "The article as plain text (title on line one)."}
    )
    html: str | None = field(default=None, metadata={"help": "The article as an HTML page."})
    url: str | None = field(default=None, metadata={"help": "An http(s) URL to fetch."})
    path: str | None = field(
        default=None, metadata={"help": "A text, seed or HTML file, or - for stdin."}
    )
    id: str | None = None
    """The caller's name for the article (a corpus record's id)."""
    title: str | None = None
    outlet: str | None = None
    published: str | None = None

    def content(self) -> tuple[str, str]:
        """(field, value) of the one content field given; InputError for none or several."""
        given = [(f, v) for f in CONTENT_FIELDS if (v := getattr(self, f)) is not None]
        if len(given) != 1:
            found = ", ".join(name for name, _ in given) or "none"
            raise InputError(f"give exactly one of text, html or url (found: {found})")
        return given[0]


CONTENT_FIELDS = ("text", "html", "url", "path")
"""The fields of an ``ArticleInput`` that hold the article itself."""
META_FIELDS = tuple(f.name for f in fields(ArticleInput) if f.name not in CONTENT_FIELDS)
"""The fields of an ``ArticleInput`` that describe it."""


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

    def to_dict(self) -> ArticleDict:
        """The article as the contract has it."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "author": self.author,
            "language": self.language,
            "words": self.words,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: ArticleDict, notes: list[str] | None = None) -> Article:
        """The article a contract describes."""
        values = {k: v for k, v in data.items() if k != "words"}
        return cls(**values, notes=list(notes or []))  # type: ignore[arg-type]


@dataclass(slots=True)
class Sentence:
    """A sentence of the article and whether anything in it is attributed to a source."""

    index: int
    start: int
    end: int
    text: str
    attributed: bool = False

    def to_dict(self) -> SentenceDict:
        """The sentence as the contract has it."""
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "attributed": self.attributed,
        }


@dataclass(slots=True)
class Finding:
    """One observation a detector made, anchored to a span (or to the whole article), with
    the details of its kind (``newscomment.contract``: ``SourceDetailsDict`` and so on)."""

    id: str
    kind: FindingKind
    label: str
    span: Span | None
    sentence: int | None
    score: float
    note: str
    salience: float = 0.0
    details: DetailsDict = field(default_factory=dict)  # type: ignore[assignment]

    @property
    def in_quote(self) -> bool:
        """Whether the finding is a quoted speaker's wording rather than the writer's."""
        return bool(self.details.get("in_quote"))

    def to_dict(self) -> FindingDict:
        """The finding as the contract has it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "text": self.span.text if self.span else None,
            "sentence": self.sentence,
            "score": self.score,
            "salience": self.salience,
            "note": self.note,
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: FindingDict) -> Finding:
        """The finding a contract describes."""
        span = None
        if data["start"] is not None and data["end"] is not None:
            span = Span(data["start"], data["end"], data["text"] or "")
        return cls(
            id=data["id"],
            kind=data["kind"],
            label=data["label"],
            span=span,
            sentence=data["sentence"],
            score=data["score"],
            note=data["note"],
            salience=data["salience"],
            details=data["details"],
        )


@dataclass(slots=True)
class Source:
    """Who the article leans on, every place it is mentioned, and whom it came through."""

    name: str
    type: SourceType
    mentions: list[Span] = field(default_factory=list)
    via: str | None = None
    finding_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> SourceDict:
        """The source as the contract has it."""
        return {
            "name": self.name,
            "type": self.type,
            "mentions": [{"start": m.start, "end": m.end} for m in self.mentions],
            "via": self.via,
            "findings": list(self.finding_ids),
        }

    @classmethod
    def from_dict(cls, data: SourceDict, text: str) -> Source:
        """The source a contract describes; ``text`` is the article's."""
        mentions = [
            Span(m["start"], m["end"], text[m["start"] : m["end"]]) for m in data["mentions"]
        ]
        return cls(data["name"], data["type"], mentions, data["via"], list(data["findings"]))


@dataclass(slots=True)
class MainClaim:
    """The sentence carrying the central news claim and how it reaches the reader."""

    sentence: int
    attributed: bool
    secondhand: bool
    finding_id: str

    def to_dict(self) -> MainClaimDict:
        """The main claim as the contract has it."""
        return {
            "sentence": self.sentence,
            "attributed": self.attributed,
            "secondhand": self.secondhand,
            "finding": self.finding_id,
        }


@dataclass(frozen=True, slots=True)
class Assertion:
    """One typed statement a comment sentence makes (``newscomment.assertions``)."""

    kind: str
    subject: str | None
    evidence: tuple[str, ...]

    def to_dict(self) -> AssertionDict:
        """The assertion as the contract has it."""
        return {"kind": self.kind, "subject": self.subject, "evidence": list(self.evidence)}

    @classmethod
    def from_dict(cls, data: AssertionDict) -> Assertion:
        """The assertion a contract describes."""
        return cls(data["kind"], data["subject"], tuple(data["evidence"]))


@dataclass(slots=True)
class CommentSentence:
    """One sentence of a comment with the ids of the findings that support it and what it
    asserts about the article."""

    text: str
    evidence: list[str]
    assertions: list[Assertion] = field(default_factory=list)

    def to_dict(self) -> CommentSentenceDict:
        """The sentence as the contract has it."""
        return {
            "text": self.text,
            "evidence": list(self.evidence),
            "assertions": [a.to_dict() for a in self.assertions],
        }

    @classmethod
    def from_dict(cls, data: CommentSentenceDict) -> CommentSentence:
        """The sentence a contract describes."""
        assertions = [Assertion.from_dict(a) for a in data["assertions"]]
        return cls(data["text"], list(data["evidence"]), assertions)


@dataclass(slots=True)
class Comment:
    """A written comment: its sentences, each grounded in findings, and any warnings."""

    text: str
    style: str
    backend: str
    sentences: list[CommentSentence]
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, sentences: list[CommentSentence], style: str, backend: str) -> Comment:
        """A comment made of ``sentences``, joined as its style joins them."""
        text = STYLES[style].separator.join(s.text for s in sentences)
        return cls(text=text, style=style, backend=backend, sentences=sentences)

    def to_dict(self) -> CommentDict:
        """The comment as the contract has it."""
        return {
            "text": self.text,
            "style": self.style,
            "backend": cast(Any, self.backend),
            "sentences": [s.to_dict() for s in self.sentences],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: CommentDict) -> Comment:
        """The comment a contract describes."""
        sentences = [CommentSentence.from_dict(s) for s in data["sentences"]]
        return cls(data["text"], data["style"], data["backend"], sentences, list(data["warnings"]))


@dataclass(slots=True)
class Analysis:
    """Everything the detectors found in one article, ranked and counted."""

    article: Article
    sentences: list[Sentence]
    findings: list[Finding]
    sources: list[Source]
    main_claim: MainClaim | None
    stats: StatsDict

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (KeyError if there is none)."""
        for item in self.findings:
            if item.id == finding_id:
                return item
        raise KeyError(finding_id)

    def of_kind(self, kind: str) -> list[Finding]:
        """Findings of one kind, in article order."""
        return [f for f in self.findings if f.kind == kind]

    def to_dict(self, comment: Comment | None = None) -> ContractDict:
        """The analysis, and ``comment`` when one was written, as the JSON contract."""
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "findings": [f.to_dict() for f in self.findings],
            "sources": [s.to_dict() for s in self.sources],
            "main_claim": self.main_claim.to_dict() if self.main_claim else None,
            "stats": self.stats,
            "comment": comment.to_dict() if comment else None,
            "notes": list(self.article.notes),
        }

    def to_json(self, comment: Comment | None = None, indent: int | None = 2) -> str:
        """``to_dict`` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(comment), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: ContractDict) -> Analysis:
        """The analysis a contract describes (its comment: ``Comment.from_dict``)."""
        if data.get("schema") != SCHEMA:
            raise InputError(f"not a {SCHEMA} analysis (schema: {data.get('schema')!r})")
        article = Article.from_dict(data["article"], data["notes"])
        claim = data["main_claim"]
        return cls(
            article=article,
            sentences=[Sentence(**s) for s in data["sentences"]],
            findings=[Finding.from_dict(f) for f in data["findings"]],
            sources=[Source.from_dict(s, article.text) for s in data["sources"]],
            main_claim=None
            if claim is None
            else MainClaim(
                claim["sentence"], claim["attributed"], claim["secondhand"], claim["finding"]
            ),
            stats=data["stats"],
        )
