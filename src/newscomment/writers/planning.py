"""Planning a built-in comment, shared by every style: the moves (planned sentences), what
each asserts, and the questions a style asks of an analysis before it words anything.

The planner offers only what the analysis is sure of: findings above the thresholds below
(set on the news-annotated dev set for precision, not recall) and never a statement that
another finding contradicts (a source both named and unnamed, "no quotes" beside quoted
speech, a check target that is the article's own outlet or issuer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newscomment.analysis import source_key
from newscomment.kinds import NAMED_TYPES
from newscomment.model import Analysis, Assertion, Finding, Source
from newscomment.writers import frames
from newscomment.writers.wording import DANGLING, display_name, excerpt_of, listed, quoted

THRESHOLDS = {
    "genre": 0.5,
    "decisive": 0.6,
    "opinion": 0.6,
    "hedge": 0.6,
    "loaded": 0.6,
    "boilerplate": 0.5,
}
"""The least score a finding of each kind needs before a comment asserts it."""
GENERIC_SOURCE_WORDS = frozenset(
    (
        "official officials source sources people person spokesman spokeswoman spokesperson "
        "representative representatives member members insider insiders aide aides expert "
        "experts analyst analysts resident residents witness witnesses the a an of and "
        "some many several other others who said"
    ).split()
)
"""Words of an unnamed source's description that say nothing about whom it belongs to."""
MEDIA_WORDS = frozenset("television tv radio newspaper newspapers media press reports".split())
"""Heads of a description that is an unnamed outlet ("local television"), not a person."""


RECOMMENDING = re.compile(
    r"\b(?:should|must|ought to|need to|needs to|has to|have to|urge|call on|it is time)\b",
    re.IGNORECASE,
)
"""Words by which a writer states a position to act on: what marks a thesis."""
REPORTING_GENRES = frozenset({"news", "tabloid"})
"""Genres in which "unattributed" and "no named sources" are faults worth asserting: a
press release speaks for its issuer, an opinion piece for its writer."""


@dataclass(slots=True)
class Move:
    """One planned sentence: its text, the findings behind it, how much it matters, and
    what it asserts about the article."""

    key: str
    text: str
    evidence: list[str]
    weight: float
    assertions: list[Assertion] = field(default_factory=list)


def said(kind: str, subject: str | None, *evidence: str) -> Assertion:
    """One assertion of ``kind`` about ``subject``, resting on the findings ``evidence``."""
    return Assertion(kind, subject, tuple(evidence))


class Planner:
    """What an analysis offers a style to say, and the frames this article gets."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.seed = analysis.article.id
        claim_id = analysis.main_claim.finding_id if analysis.main_claim else None
        self.claim = analysis.finding(claim_id) if claim_id else None
        genres = analysis.of_kind("genre")
        self.genre_finding = genres[0] if genres else None

    def frame(self, move: str, variant: str = frames.ANY, **values: Any) -> str:
        """Fill the frame this article gets for a move."""
        return frames.pick(move, self.seed, variant, **values)

    def sure(self, kind: str) -> list[Finding]:
        """Findings of a kind scored at or above its threshold, most salient first."""
        least = THRESHOLDS.get(kind, 0.0)
        found = [f for f in self.analysis.of_kind(kind) if f.score >= least]
        return sorted(found, key=lambda f: -f.salience)

    def unquoted(self, kind: str) -> list[Finding]:
        """Sure findings of a kind in the writer's own words, most salient first."""
        return [f for f in self.sure(kind) if not f.in_quote]

    def in_claim(self, kind: str) -> list[Finding]:
        """Findings of a kind inside the main claim's sentence."""
        if self.claim is None:
            return []
        return [f for f in self.analysis.of_kind(kind) if f.sentence == self.claim.sentence]

    def claim_sources(self) -> tuple[list[Finding], list[Finding]]:
        """The sources the main claim is credited to, and those that are its actors (a
        source inside its core clause, "the court asked ...", did it rather than told it);
        the article's own outlet is neither."""
        if self.claim is None:
            return [], []
        start = self.claim.details["core_start"]
        end = start + len(self.claim.details["core"])
        credited = [f for f in self.in_claim("source") if not self.own_outlet(f.details["name"])]
        actors = [f for f in credited if f.span and start <= f.span.start < end]
        return [f for f in credited if f not in actors], actors

    def credited_near(self) -> bool:
        """Whether the claim's sentence or the one before credits anyone (its detector
        read that from the findings and the words)."""
        return bool(self.claim and self.claim.details["credited_nearby"])

    def cites_nothing(self) -> Finding | None:
        """The "no named sources" gap of a text that credits no one at all (an argument
        resting on nothing it cites), else None."""
        gaps = self.analysis.of_kind("missing")
        return next(
            (g for g in gaps if g.label == "no_named_sources" and g.details["uncredited"]), None
        )

    def genre(self) -> str:
        """The genre the comment may name: the detected one when sure, else news."""
        found = self.genre_finding
        if found is None or found.score < THRESHOLDS["genre"]:
            return "news"
        return found.label

    def reporting(self) -> bool:
        """Whether the text is reporting (news or tabloid) by its detected label, sure or
        not: an unsure press release is still no report to fault for lacking sources."""
        label = self.genre_finding.label if self.genre_finding else "news"
        return label in REPORTING_GENRES and self.genre() in REPORTING_GENRES

    def thesis(self) -> Finding | None:
        """An opinion piece's main claim when it reads as its thesis: a position the
        writer states to act on ("the council should ..."); None when it does not."""
        if self.claim is None or self.claim.span is None:
            return None
        return self.claim if RECOMMENDING.search(self.claim.span.text) else None

    def own_voice(self, kind: str) -> list[Finding]:
        """Sure findings of a kind in the writer's own voice: outside quotes and outside
        sentences that credit a source (reported speech is the speaker's)."""
        attributed = {s.index for s in self.analysis.sentences if s.attributed}
        return [f for f in self.unquoted(kind) if f.sentence not in attributed]

    def issuer(self) -> str | None:
        """The organisation whose press release this is, when the analysis names it."""
        if self.genre() != "press_release" or self.genre_finding is None:
            return None
        issuer = self.genre_finding.details["issuer"]
        if not issuer or issuer not in self.analysis.article.text:
            return None
        return self.as_written(issuer)

    def shown(self, name: str | None) -> str:
        """A name as it reads mid-sentence, with "the" where the article writes it so."""
        return display_name(self.as_written(name)) if name else ""

    def as_written(self, name: str) -> str:
        """A name with "the" when the article mostly writes it so ("the FBI")."""
        text = self.analysis.article.text
        bare = len(re.findall(rf"(?<![\w-]){re.escape(name)}", text))
        with_article = len(re.findall(rf"\b[Tt]he {re.escape(name)}", text))
        return f"the {name}" if 2 * with_article > bare else name

    def genre_frame(self) -> tuple[str, Finding | None]:
        """The frame variant that names a genre other than news, and the claim it quotes:
        a press release with its issuer when named, an opinion piece with its thesis only
        when it states a position (else the bare variant), filler with no claim."""
        genre = self.genre()
        variant = "press_release_issuer" if self.issuer() else genre
        if genre == "opinion" and self.thesis() is None:
            return "opinion_bare", None
        if genre == "tabloid":
            return "tabloid_bare", None  # the claim's own sentence quotes and sources it
        return variant, None if genre == "content_farm" else self.claim

    def decisive_values(
        self, item: Finding, variant: str, who: str | None, most: int
    ) -> dict[str, str]:
        """What a decisive point's frames are filled with: who (quoted when unnamed), its
        own words, what it is set against, and at most ``most`` of its figures."""
        details = item.details
        figures = details["figures"][:most]
        return {
            "who": quoted(who) if variant == "single_unnamed" and who else self.shown(who),
            "cue": quoted(excerpt_of(item.span.text)) if item.span else "",
            "against": quoted(details["against"] or ""),
            "figures": listed([quoted(f) for f in figures]) if figures else "",
        }

    def genre_said(self) -> list[Assertion]:
        """What naming the genre asserts: the genre, and for a press release its issuer."""
        if self.genre_finding is None:
            return []
        found = self.genre_finding.id
        issuer = self.issuer()
        return [said("genre", self.genre(), found)] + (
            [said("issuer", issuer, found)] if issuer else []
        )

    def state_outlet(self) -> str | None:
        """The state-controlled outlet the article comes from, if it is one."""
        found = self.genre_finding
        if found is None or not found.details["state_media"]:
            return None
        outlet = found.details["state_outlet"]
        return outlet if outlet and outlet in self.analysis.article.text else None

    def decisive(self) -> list[Finding]:
        """The decisive points the analysis is sure of, the weightiest first."""
        return self.sure("decisive")

    def decisive_variant(self, item: Finding) -> tuple[str, str | None] | None:
        """Which frame a decisive point gets and whom it names, or None when the analysis
        lacks what saying it needs (a denial without its words, a single source unnamed)."""
        details, label = item.details, item.label
        who = details["who"]
        words = item.span.text.lower() if item.span else ""
        if label == "denial" and words:
            if any(w in words for w in ("comment", "respond", "reached")):
                return ("no_comment", who) if who else None
            return ("denial", who) if who else ("denial_unnamed", None)
        if label in {"single_source", "issuer_only"} and who:
            unnamed = any(s.type == "anonymous" and s.name == who for s in self.analysis.sources)
            return ("single_unnamed" if label == "single_source" and unnamed else label), who
        if label == "headline_overstates" and words and details["against"]:
            return label, who
        if label == "figures_characterised" and words and details["figures"]:
            return label, who
        return None

    def own_outlet(self, name: str) -> bool:
        """Whether a name is the article's own outlet (never a source of what it was told)."""
        outlet = self.analysis.article.outlet
        if not outlet:
            return False
        key, own = source_key(name), source_key(outlet)
        return key == own or key in own.split() or own in key.split()

    def named_sources(self) -> list[Source]:
        """Named sources other than the article's own outlet, whose names read as names,
        the most often cited first."""
        named = [
            s
            for s in self.analysis.sources
            if s.type in NAMED_TYPES and not self.own_outlet(s.name) and reads_as_name(s)
        ]
        return sorted(named, key=lambda s: -len(s.mentions))

    def unnamed_sources(self) -> list[Source]:
        """Sources the article leaves unnamed, unless a named source covers the same words
        (a title the article gives a name elsewhere is that person, not an anonymous one)."""
        named = [s for s in self.analysis.sources if s.type in NAMED_TYPES]
        named_spans = [(m.start, m.end) for s in named for m in s.mentions]
        named_keys = {source_key(s.name) for s in named}
        named_words = {w.lower() for s in named for w in s.name.split()}
        unnamed = []
        for source in self.analysis.sources:
            if source.type != "anonymous" or source_key(source.name) in named_keys:
                continue
            words = {w.lower().strip(".,'’") for w in source.name.split()}
            if words & MEDIA_WORDS or (words - GENERIC_SOURCE_WORDS) & named_words:
                continue
            if any(
                a <= m.start < b or m.start <= a < m.end
                for m in source.mentions
                for a, b in named_spans
            ):
                continue
            unnamed.append(source)
        return unnamed

    def well_sourced(self) -> bool:
        """A news report with named people or organisations, direct quotes with their
        speakers, dates and figures, little unattributed opinion and no decisive weakness."""
        stats = self.analysis.stats
        speakers = {f.details["speaker"] for f in self.analysis.of_kind("quote")} - {None}
        named = [s for s in self.named_sources() if s.type in {"named_person", "named_org"}]
        return (
            self.genre() == "news"
            and len(named) >= 2
            and bool(speakers)
            and stats["has_absolute_dates"]
            and stats["has_figures"]
            and stats["opinion_share"] <= 0.15
            and not self.decisive()
            and not (self.analysis.main_claim and self.analysis.main_claim.secondhand)
        )


def reads_as_name(source: Source) -> bool:
    """Whether a named source's name reads as one: a person's or organisation's ends on a
    capitalised word ("Nancy Longmore", not "the Hollywood couple"), a document's holds a
    capitalised word after its first ("a Gallup poll"), and none ends mid-phrase."""
    words = source.name.split()
    if not words or words[-1].lower() in DANGLING:  # "the Constitution of most of"
        return False
    if source.type == "document":
        return any(w[:1].isupper() for w in words[1:])
    return words[-1][:1].isupper() or words[-1][:1].isdigit()
