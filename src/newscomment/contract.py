"""The JSON contract ``newscomment/3``: the shape of what ``Analysis.to_dict`` returns, and
the one definition of it. The records' ``to_dict`` methods are typed by these dicts, a
finding's details and an analysis's figures are these dicts themselves, the server's
OpenAPI schema is derived from them, and so are the batch store's columns.

All offsets are character offsets into ``article.text``; article-level findings have null
offsets and sentence.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict  # the one pydantic reads on Python 3.11 too

from newscomment.kinds import FindingKind, Genre, SourceType

SCHEMA = "newscomment/3"


class ArticleDict(TypedDict):
    """The article as read: metadata and the exact text all offsets refer to."""

    id: str
    """A hash of the text."""
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    author: str | None
    language: str
    words: int
    text: str


class SentenceDict(TypedDict):
    """A sentence of the article and whether it credits a source."""

    index: int
    start: int
    end: int
    text: str
    attributed: bool


class CueDict(TypedDict):
    """Words of the article that show something, and what they show."""

    start: int
    end: int
    text: str
    shows: str
    """What the words are evidence of (a genre's name, "state media")."""


class GenreDetailsDict(TypedDict):
    """The kind of text: each genre's score, the words that show it, and whether the outlet
    is state-controlled."""

    scores: dict[str, float]
    """Every genre's score; the finding's label is the highest."""
    cues: list[CueDict]
    """The article's words that show the genre or the state outlet."""
    state_media: bool
    state_outlet: str | None
    """The state-controlled outlet matched (from the shipped list), if any."""
    issuer: str | None
    """For a press release: the organisation whose announcement it is."""


class DecisivePointDetailsDict(TypedDict):
    """A decisive point: who it concerns, and what it is set against."""

    who: str | None
    """The source the point is about (who denied, the one source heard)."""
    against: str | None
    """What it contradicts or qualifies (the headline's words, the lede's characterisation)."""
    figures: list[str]
    """The numbers beside a characterised figure."""
    position: float
    """Where in the article it stands, from 0 (the start) to 1 (the end)."""


class ClaimDetailsDict(TypedDict):
    """A main claim: its core clause, and how it reaches the reader."""

    core: str
    """The claim without the attribution around it, verbatim."""
    core_start: int
    secondhand: bool
    """Whether it comes through an outlet, an unnamed source or "reportedly"."""
    hedged: bool
    credited_nearby: bool
    """Whether its sentence or the one before credits anyone, by a source found or by a
    word of attribution the parse did not resolve."""


class SourceDetailsDict(TypedDict):
    """A source mention: who, by which words, and through whom."""

    name: str
    cue: str
    """The words that attribute ("said", "according to")."""
    cue_kind: str
    via: str | None
    """The outlet or source a second-hand claim came through."""


class QuoteDetailsDict(TypedDict):
    """A direct quote and who said it."""

    speaker: str | None


class WordingDetailsDict(TypedDict):
    """A hedge: whether it is a quoted speaker's word rather than the writer's."""

    in_quote: bool


class LoadedDetailsDict(TypedDict):
    """A loaded word, the neutral word for it, and whether it is quoted."""

    neutral: str | None
    in_quote: bool


class OpinionDetailsDict(TypedDict):
    """An opinion sentence: the cues found in it and its main clause, verbatim."""

    cues: list[str]
    excerpt: str


class MissingDetailsDict(TypedDict):
    """A missing specific and what the article gives instead."""

    relative: list[str]
    """For no_absolute_dates: the relative time words it uses instead."""
    topics: list[str]
    """For no_figures: what it mentions that would need a number."""
    uncredited: bool
    """For no_named_sources: whether the text credits no one at all (no source, no quoted
    speech, no word of attribution)."""
    quoted_speech: bool
    """For no_direct_quotes: whether quotation marks still hold speech (a few words or
    more) that the quote detector kept no quote of; "no quotes" would then be false."""


class NoDetailsDict(TypedDict):
    """A finding whose label says it all (a stock phrase)."""


DetailsDict = (
    GenreDetailsDict
    | DecisivePointDetailsDict
    | ClaimDetailsDict
    | SourceDetailsDict
    | QuoteDetailsDict
    | WordingDetailsDict
    | LoadedDetailsDict
    | OpinionDetailsDict
    | MissingDetailsDict
    | NoDetailsDict
)


class FindingDict(TypedDict):
    """Something a detector found; article-level findings have null offsets."""

    id: str
    """``kind-n``, numbered in article order within the kind."""
    kind: FindingKind
    label: str
    start: int | None
    end: int | None
    text: str | None
    sentence: int | None
    score: float
    salience: float
    """How much it matters to a reader, by kind, confidence and place."""
    note: str
    details: DetailsDict
    """Fields of the finding's kind."""


class MentionDict(TypedDict):
    """Where a source is mentioned."""

    start: int
    end: int


class SourceDict(TypedDict):
    """A source the article relies on, its type and whom it came through."""

    name: str
    type: SourceType
    mentions: list[MentionDict]
    via: str | None
    findings: list[str]
    """The ids of its mentions' findings."""


class MainClaimDict(TypedDict):
    """The article's central claim and how it is backed."""

    sentence: int
    attributed: bool
    secondhand: bool
    finding: str


class StatsDict(TypedDict):
    """Article-level figures a reader or a corpus study compares."""

    genre: Genre
    """What kind of text it is (its ``genre`` finding has the evidence)."""
    state_media: bool
    """Whether its outlet is state-controlled."""
    words: int
    sentences: int
    attributed_share: float
    """The share of sentences that credit a source."""
    sources: int
    named_sources: int
    anonymous_sources: int
    quotes: int
    hedges: int
    opinion_sentences: int
    opinion_share: float
    loaded: int
    boilerplate: int
    has_absolute_dates: bool
    has_figures: bool


class AssertionDict(TypedDict):
    """One thing a comment sentence states about the article, typed so that it can be
    checked, and the findings it rests on (``newscomment.assertions`` lists the kinds)."""

    kind: str
    subject: str | None
    """What it is about, in the article's words or names (a source, a sentence, a word)."""
    evidence: list[str]


class CommentSentenceDict(TypedDict):
    """A sentence of the comment, the findings it rests on, and what it asserts."""

    text: str
    evidence: list[str]
    assertions: list[AssertionDict]


class CommentDict(TypedDict):
    """A written comment."""

    text: str
    style: str
    backend: Literal["builtin", "llm"]
    """Which writer wrote it."""
    sentences: list[CommentSentenceDict]
    warnings: list[str]


class ContractDict(TypedDict):
    """The analysis of one article and, when one was written, its comment."""

    schema: Literal["newscomment/3"]
    article: ArticleDict
    sentences: list[SentenceDict]
    findings: list[FindingDict]
    sources: list[SourceDict]
    main_claim: MainClaimDict | None
    stats: StatsDict
    comment: CommentDict | None
    notes: list[str]
    """What reading assumed (the encoding, say)."""
