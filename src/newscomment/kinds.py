"""The kinds of finding and the types of source: one table each, with the one label every
face (page, report, HTML, Markdown) shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FindingKind = Literal[
    "genre",
    "claim",
    "decisive",
    "source",
    "quote",
    "hedge",
    "opinion",
    "loaded",
    "missing",
    "boilerplate",
]
Genre = Literal["news", "opinion", "press_release", "tabloid", "content_farm"]
SourceType = Literal["named_person", "named_org", "media_outlet", "document", "anonymous"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of finding."""

    name: FindingKind
    label: str
    """Its heading where findings are listed or shown ("Loaded words")."""
    singular: str
    """One finding of the kind ("Loaded word")."""
    description: str
    inline: bool
    """Whether it marks words (highlighted in the text) rather than a whole sentence or the
    whole article."""


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "genre",
            "Kind of text",
            "Kind of text",
            "what kind of text it is, and who issued it",
            False,
        ),
        Kind("claim", "Main claim", "Main claim", "the sentence with the central claim", False),
        Kind(
            "decisive",
            "Decisive points",
            "Decisive point",
            "what matters most for how far to trust it: a buried denial, an overstated headline",
            False,
        ),
        Kind("source", "Sources", "Source", "who the article says told it what", True),
        Kind("quote", "Quotes", "Quote", "direct speech and its speaker", True),
        Kind("hedge", "Hedges", "Hedge", "words that mark a claim as uncertain", True),
        Kind("opinion", "Opinion", "Opinion", "the writer's own assessments, unattributed", False),
        Kind("loaded", "Loaded words", "Loaded word", "emotive or partisan wording", True),
        Kind(
            "missing",
            "Missing specifics",
            "Missing specific",
            "what a reader needs and the article does not give",
            False,
        ),
        Kind(
            "boilerplate",
            "Stock phrases",
            "Stock phrase",
            "phrases that fill space without adding information",
            True,
        ),
    )
}
"""Every kind of finding, in the order an analysis lists them."""


@dataclass(frozen=True, slots=True)
class SourceKind:
    """One type of source."""

    name: SourceType
    label: str
    """How it reads in a sentence ("named organisation")."""
    named: bool
    """Whether the article names who it is."""
    rank: int
    """Which type wins when two mentions of one source disagree (lower wins)."""


SOURCE_TYPES: dict[str, SourceKind] = {
    kind.name: kind
    for kind in (
        SourceKind("media_outlet", "media outlet", True, 0),
        SourceKind("document", "document", True, 1),
        SourceKind("named_person", "named person", True, 2),
        SourceKind("named_org", "named organisation", True, 3),
        SourceKind("anonymous", "anonymous", False, 4),
    )
}
"""Every type of source, most specific first."""

NAMED_TYPES = frozenset(name for name, kind in SOURCE_TYPES.items() if kind.named)


@dataclass(frozen=True, slots=True)
class GenreKind:
    """One kind of text (``GUIDELINES.md`` of news-annotated defines them)."""

    name: Genre
    label: str
    """How it reads in a sentence ("a press release")."""
    description: str


GENRES: dict[str, GenreKind] = {
    kind.name: kind
    for kind in (
        GenreKind("news", "a news report", "reports events or findings"),
        GenreKind("opinion", "an opinion piece", "argues a view: editorial, column, letter"),
        GenreKind(
            "press_release", "a press release", "an organisation's own announcement about itself"
        ),
        GenreKind(
            "tabloid",
            "a tabloid story",
            "celebrity, royal or gossip news resting on insiders, fans, posts or other outlets",
        ),
        GenreKind(
            "content_farm", "content-farm filler", "stock phrases around a thin, unverifiable core"
        ),
    )
}
"""Every genre, the usual one first."""
