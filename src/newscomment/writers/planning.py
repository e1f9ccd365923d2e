"""Planning a built-in comment, shared by every style: the moves (planned sentences) and
the questions a style asks of an analysis before it words anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newscomment.kinds import NAMED_TYPES
from newscomment.model import Analysis, Finding, Source
from newscomment.writers import frames


@dataclass(slots=True)
class Move:
    """One planned sentence: its text, the findings behind it and how much it matters."""

    key: str
    text: str
    evidence: list[str]
    weight: float


class Planner:
    """What an analysis offers a style to say, and the frames this article gets."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.seed = analysis.article.id
        claim_id = analysis.main_claim.finding_id if analysis.main_claim else None
        self.claim = analysis.finding(claim_id) if claim_id else None

    def frame(self, move: str, variant: str = frames.ANY, **values: Any) -> str:
        """Fill the frame this article gets for a move."""
        return frames.pick(move, self.seed, variant, **values)

    def unquoted(self, kind: str) -> list[Finding]:
        """Findings of a kind in the writer's own words, most salient first."""
        found = [f for f in self.analysis.of_kind(kind) if not f.in_quote]
        return sorted(found, key=lambda f: -f.salience)

    def in_claim(self, kind: str) -> list[Finding]:
        """Findings of a kind inside the main claim's sentence."""
        if self.claim is None:
            return []
        return [f for f in self.analysis.of_kind(kind) if f.sentence == self.claim.sentence]

    def well_sourced(self) -> bool:
        """Named sources, direct quotes, dates and figures, little unattributed opinion."""
        stats = self.analysis.stats
        return (
            stats["named_sources"] >= 2
            and stats["quotes"] >= 1
            and stats["has_absolute_dates"]
            and stats["has_figures"]
            and stats["opinion_share"] <= 0.15
            and not (self.analysis.main_claim and self.analysis.main_claim.secondhand)
        )

    def named_sources(self) -> list[Source]:
        """Named sources, the most often cited first."""
        named = [
            s
            for s in self.analysis.sources
            if s.type in NAMED_TYPES
            and (s.type != "document" or any(w[:1].isupper() for w in s.name.split()[1:]))
        ]
        return sorted(named, key=lambda s: -len(s.mentions))
