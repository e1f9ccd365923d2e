"""The critical style (the default): the main claim and how it is sourced, then only what
the article earns among hedges, opinion, loaded wording, missing specifics and stock
phrases, and one primary source a reader could check; 60 to 160 words."""

from __future__ import annotations

from newscomment.model import Analysis, Finding, Source
from newscomment.writers import frames
from newscomment.writers.frames import pick
from newscomment.writers.wording import (
    Move,
    describe_gap,
    describe_source,
    display_name,
    listed,
    quoted,
)

CRITICAL_MIN_WORDS = 60
CRITICAL_MAX_WORDS = 160
MIN_OPINIONS = 2
NAMED_TYPES = frozenset({"named_person", "named_org", "document", "media_outlet"})


class Planner:
    """Collects the moves an analysis supports, each worded for this article."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.seed = analysis.article.id
        claim_id = analysis.main_claim.finding_id if analysis.main_claim else None
        self.claim = analysis.finding(claim_id) if claim_id else None

    def frame(self, options: tuple[str, ...], move: str, **values: str) -> str:
        """Fill the frame this article gets for a move."""
        return pick(options, self.seed, move).format(**values)

    def unquoted(self, kind: str) -> list[Finding]:
        """Findings of a kind in the writer's own words, most salient first."""
        found = [f for f in self.analysis.of_kind(kind) if not f.details.get("in_quote")]
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

    def claim_move(self) -> Move | None:
        """What the article mainly claims, and whom it has it from."""
        if self.claim is None:
            return None
        claim = quoted(self.claim.details["core"])
        sources = self.in_claim("source")
        who = listed([describe_source(f) for f in sources]) if sources else ""
        if sources and self.claim.details.get("secondhand"):
            text = self.frame(frames.CLAIM_SECONDHAND, "claim", claim=claim, who=who)
        elif sources:
            text = self.frame(frames.CLAIM_ATTRIBUTED, "claim", claim=claim, who=who)
        elif self.analysis.stats["attributed_share"] >= 0.3 and self.named_sources():
            text = self.frame(frames.CLAIM_LEDE, "claim", claim=claim)
        else:
            text = self.frame(frames.CLAIM_UNATTRIBUTED, "claim", claim=claim)
        return Move("claim", text, [self.claim.id] + [f.id for f in sources], 10.0)

    def sourcing_moves(self) -> list[Move]:
        """How the article knows what it says: chains, unnamed sources, named ones."""
        sources = self.analysis.of_kind("source")
        moves = []
        chained = [f for f in sources if f.label == "anonymous" and f.details.get("via")]
        if chained:
            top = chained[0]
            via = next((f for f in sources if f.details.get("name") == top.details["via"]), None)
            moves.append(
                Move(
                    "chain",
                    self.frame(
                        frames.CHAIN, "chain", cues=quoted(top.span.text), who=top.details["via"]
                    ),
                    [top.id] + ([via.id] if via else []),
                    9.0,
                )
            )
        others = [f for f in sources if f.label == "anonymous" and not f.details.get("via")]
        if others and not (self.well_sourced() and len(others) <= 1):
            cues = listed([quoted(f.span.text) for f in others[:2]])
            moves.append(
                Move(
                    "anonymous",
                    self.frame(frames.ANONYMOUS, "anonymous", cues=cues),
                    [f.id for f in others[:2]],
                    8.0 if not chained else 3.0,
                )
            )
        named = self.named_sources()[:3]
        claim_ids = {f.id for f in self.in_claim("source")}
        if named and not all(set(s.finding_ids) <= claim_ids for s in named):
            well = self.well_sourced()
            who = listed([display_name(s.name) for s in named])
            options, move = (
                (frames.WELL_SOURCED, "well_sourced") if well else (frames.NAMED, "named")
            )
            text = self.frame(options, move, who=who)
            moves.append(Move(move, text, [s.finding_ids[0] for s in named], 9.5 if well else 3.0))
        return moves

    def named_sources(self) -> list[Source]:
        """Named sources, the most often cited first."""
        named = [
            s
            for s in self.analysis.sources
            if s.type in NAMED_TYPES
            and (s.type != "document" or any(w[:1].isupper() for w in s.name.split()[1:]))
        ]
        return sorted(named, key=lambda s: -len(s.mentions))

    def hedge_move(self) -> Move | None:
        """Hedges, when they qualify the main claim or run through the article."""
        hedges = self.unquoted("hedge")
        in_claim = [f for f in hedges if self.claim and f.sentence == self.claim.sentence]
        if not in_claim and len(hedges) < 3:
            return None
        ordered = in_claim + [f for f in hedges if f not in in_claim]
        chosen = list({f.span.text.lower(): f for f in reversed(ordered)}.values())[::-1][:3]
        cues = listed([quoted(f.span.text) for f in chosen])
        weight = 7.0 if in_claim else 3.0 + len(hedges) / 3
        return Move(
            "hedges", self.frame(frames.HEDGES, "hedges", cues=cues), [f.id for f in chosen], weight
        )

    def opinion_move(self) -> Move | None:
        """The clearest sentence where the writer judges instead of reporting, when such
        sentences recur: one borderline sentence in a report is no pattern worth a remark."""
        opinions = self.unquoted("opinion")
        if len(opinions) < MIN_OPINIONS and self.analysis.stats["opinion_share"] < 0.15:
            return None
        top = opinions[0]
        text = self.frame(frames.OPINION, "opinion", excerpt=quoted(top.details["excerpt"]))
        return Move("opinion", text, [top.id], 5.0 + 2 * self.analysis.stats["opinion_share"])

    def loaded_move(self) -> Move | None:
        """Emotive or partisan words in the writer's own voice."""
        loaded = self.unquoted("loaded")
        words = list(dict.fromkeys(f.span.text for f in loaded))[:3]
        if not words or (self.well_sourced() and len(words) < 2):
            return None
        chosen = [next(f for f in loaded if f.span.text == w) for w in words]
        return Move(
            "loaded",
            self.frame(frames.LOADED, "loaded", cues=listed([quoted(w) for w in words])),
            [f.id for f in chosen],
            3.5 + min(len(loaded), 4) / 4,
        )

    def boilerplate_move(self) -> Move | None:
        """Stock phrases, when there are several."""
        stock = self.analysis.of_kind("boilerplate")
        phrases = list(dict.fromkeys(f.span.text for f in stock))[:2]
        if len(stock) < 3:
            return None
        chosen = [next(f for f in stock if f.span.text == p) for p in phrases]
        return Move(
            "boilerplate",
            self.frame(
                frames.BOILERPLATE, "boilerplate", cues=listed([quoted(p) for p in phrases])
            ),
            [f.id for f in chosen],
            2.0,
        )

    def missing_move(self) -> Move | None:
        """The specifics the article does not give."""
        gaps = self.analysis.of_kind("missing")
        if not gaps:
            return None
        parts = [describe_gap(f) for f in gaps]
        text = self.frame(frames.MISSING, "missing", missing=listed(parts))
        return Move("missing", text, [f.id for f in gaps], 4.0 + len(gaps))

    def check_move(self) -> Move | None:
        """A primary source the article itself names, which a reader could consult."""
        target = check_target(self.analysis)
        if target is None:
            return None
        text, finding_id = target
        return Move("check", self.frame(frames.CHECK, "check", target=text), [finding_id], 8.5)

    def filler_moves(self) -> list[Move]:
        """Moves that add substance to a short comment: how much of the article is
        attributed, and what would make it stronger."""
        stats = self.analysis.stats
        total = int(stats["sentences"])
        attributed = round(stats["attributed_share"] * total)
        sources = self.analysis.of_kind("source") or self.analysis.of_kind("missing")
        moves = []
        if sources:
            share = "none" if attributed == 0 else str(attributed)
            text = self.frame(frames.SHARE, "share", share=share, total=str(total))
            moves.append(Move("share", text, [sources[0].id], 0.5))
        quotes = self.analysis.of_kind("quote")
        if quotes:
            count = "1 direct quote" if len(quotes) == 1 else f"{len(quotes)} direct quotes"
            text = self.frame(frames.QUOTES, "quotes", count=count)
            moves.append(Move("quotes", text, [f.id for f in quotes[:3]], 0.45))
        for gap in self.analysis.of_kind("missing"):
            moves.append(Move("advice", frames.ADVICE[gap.label], [gap.id], 0.4))
        return moves


def check_target(analysis: Analysis) -> tuple[str, str] | None:
    """The best thing for a reader to look up, as (wording, finding id): a named document,
    the outlet a chain starts at, a reporting outlet, or a named source's statements."""
    sources = analysis.of_kind("source")
    origins = {f.details.get("via") for f in sources}

    def rank(item: Finding) -> tuple[int, str]:
        name = item.details.get("name", "")
        named_document = item.label == "document" and any(w[:1].isupper() for w in name.split())
        shown = display_name(name)
        if named_document:
            return 0, shown
        if item.label == "media_outlet" and name in origins:
            return 1, f"the report in {shown}"
        if item.label == "media_outlet":
            return 2, f"the original report by {shown}"
        if item.label in {"named_org", "named_person"} and name[:1].isupper():
            return 3, f"the public statements of {shown}"
        return 9, ""

    ranked = sorted((rank(f), i, f.id) for i, f in enumerate(sources))
    if not ranked or ranked[0][0][0] == 9:
        return None
    (_, wording), _, finding_id = ranked[0]
    return wording, finding_id


def _assemble(moves: list[Move], limit: int) -> list[Move]:
    """Keep the opening moves, then the weightiest others, in the order they were planned,
    within the word limit."""
    kept: list[Move] = []
    words = 0
    for move in sorted(moves, key=lambda m: -m.weight):
        length = len(move.text.split())
        if words + length <= limit:
            kept.append(move)
            words += length
    return sorted(kept, key=lambda m: moves.index(m))


def critical(analysis: Analysis) -> list[Move]:
    """The default comment: the claim and its sourcing, then what the article earns."""
    plan = Planner(analysis)
    head = [m for m in [plan.claim_move(), *plan.sourcing_moves()] if m]
    middle = [
        m
        for m in (
            plan.hedge_move(),
            plan.opinion_move(),
            plan.loaded_move(),
            plan.missing_move(),
            plan.boilerplate_move(),
        )
        if m
    ]
    middle.sort(key=lambda m: -m.weight)
    tail = [m for m in [plan.check_move()] if m]
    kept = _assemble(head + middle + tail, CRITICAL_MAX_WORDS)
    words = sum(len(m.text.split()) for m in kept)
    for filler in plan.filler_moves():
        if words >= CRITICAL_MIN_WORDS:
            break
        kept.insert(len(kept) - len(tail) if tail and tail[0] in kept else len(kept), filler)
        words += len(filler.text.split())
    return kept
