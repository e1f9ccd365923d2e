"""The brief style: one sentence within the style's length, the single most important
point about the article: a decisive point, else its genre, else how it is sourced. It
keeps the critical style's truth rules: it asserts only what the planner is sure of."""

from __future__ import annotations

from collections.abc import Callable

from newscomment.model import Analysis, Assertion
from newscomment.styles import STYLES
from newscomment.writers.critical import gaps
from newscomment.writers.planning import Move, Planner, said
from newscomment.writers.wording import (
    describe_source,
    display_name,
    excerpt_of,
    listed,
    quoted,
)

Part = tuple[str, list[str], list[Assertion]]
"""A piece of the sentence: its words, the findings behind it and what it asserts."""


def _fit(parts: list[Part]) -> Move:
    """The first part and as many of the following ones as fit in the style's length."""
    limit = STYLES["brief"].max_chars or 0
    text, evidence, assertions = parts[0][0], list(parts[0][1]), list(parts[0][2])
    for extra, ids, more in parts[1:]:
        if len(text + extra) + 1 <= limit:
            text += extra
            evidence += ids
            assertions += more
    return Move("brief", text[: limit - 1] + ".", evidence, 1.0, assertions)


def _decisive(plan: Planner) -> Move | None:
    """The weightiest decisive point, when the analysis is sure of one."""
    for item in plan.decisive():
        chosen = plan.decisive_variant(item)
        if chosen is None:
            continue
        variant, who = chosen
        head = plan.frame("brief", variant, **plan.decisive_values(item, variant, who, 2))
        return _fit([(head, [item.id], [said(item.label, who, item.id)])])
    return None


def _genre(plan: Planner) -> Move | None:
    """A press release, an opinion piece, a tabloid story or filler: say which."""
    genre = plan.genre()
    if genre == "news" or plan.genre_finding is None:
        return None
    found = plan.genre_finding
    variant, claim = plan.genre_frame()
    thesis = claim if genre == "opinion" else None  # the other genres' frames quote no claim
    words = quoted(excerpt_of(thesis.details["core"])) if thesis else ""
    head = plan.frame("brief", variant, issuer=display_name(plan.issuer() or ""), claim=words)
    assertions = plan.genre_said()
    evidence = [found.id]
    if thesis:
        assertions.append(said("main_claim", thesis.details["core"], thesis.id))
        evidence.append(thesis.id)
    return _fit([(head, evidence, assertions)])


def _secondhand(plan: Planner) -> Move | None:
    """The claim reaches the reader through an outlet or an unnamed source."""
    claim = plan.analysis.main_claim
    sources = [f for f in plan.claim_sources()[0] if f.label == "media_outlet" or f.details["via"]]
    if claim is None or not sources:
        return None
    first = sources[0]
    head = plan.frame("brief", "secondhand", who=describe_source(first))
    parts: list[Part] = [
        (
            head,
            [claim.finding_id, first.id],
            [said("claim_secondhand", first.details["name"], first.id)],
        )
    ]
    chained = [
        f
        for f in plan.analysis.of_kind("source")
        if f.details["via"] and any(f.id in s.finding_ids for s in plan.unnamed_sources())
    ]
    if chained:
        item = chained[0]
        via = display_name(item.details["via"])
        chain = plan.frame("brief", "chain", cue=quoted(item.span.text), via=via)
        parts.append((chain, [item.id], [said("unnamed_source", item.span.text, item.id)]))
    hedges = [f for f in plan.in_claim("hedge") if f in plan.unquoted("hedge")]
    if hedges:
        cue = hedges[0].span.text
        parts.append(
            (
                plan.frame("brief", "hedged", cue=quoted(cue)),
                [hedges[0].id],
                [said("hedge", cue, hedges[0].id)],
            )
        )
    return _fit(parts)


def _well_sourced(plan: Planner) -> Move | None:
    """Named sources, quotes, dates and figures: say so."""
    if not plan.well_sourced():
        return None
    named = plan.named_sources()[:2]
    head = plan.frame("brief", "well_sourced")
    ids = [s.finding_ids[0] for s in named]
    who = listed([display_name(s.name) for s in named])
    names = [said("named_source", s.name, s.finding_ids[0]) for s in named]
    return _fit([(head, ids, [said("well_sourced", None, *ids)]), (f" ({who})", [], names)])


def _unnamed(plan: Planner) -> Move | None:
    """No source is named at all."""
    gap = next((g for g in gaps(plan) if g.label == "no_named_sources"), None)
    if gap is None or (plan.analysis.of_kind("source") and not plan.unnamed_sources()):
        return None
    return _fit(
        [(plan.frame("brief", "unnamed"), [gap.id], [said("no_named_sources", None, gap.id)])]
    )


def _opinionated(plan: Planner) -> Move | None:
    """A quarter or more of the sentences are the writer's unattributed assessments."""
    opinions = plan.unquoted("opinion")
    if not opinions or plan.analysis.stats["opinion_share"] < 0.25:
        return None
    top = opinions[0]
    excerpt = top.details["excerpt"]
    example = plan.frame("brief", "example", excerpt=quoted(excerpt_of(excerpt)))
    return _fit(
        [
            (plan.frame("brief", "opinionated"), [top.id], [said("opinion", excerpt, top.id)]),
            (example, [], []),
        ]
    )


def _claim_sourcing(plan: Planner) -> Move | None:
    """Otherwise: how the central claim is sourced and hedged."""
    if plan.claim is None:
        return None
    sources, _ = plan.claim_sources()
    hedges = [f for f in plan.in_claim("hedge") if f in plan.unquoted("hedge")]
    if sources:
        who = listed([describe_source(f) for f in sources[:2]])
        head = plan.frame("brief", "attributed", who=who)
        assertions = [said("claim_attributed", sources[0].details["name"], sources[0].id)]
    elif plan.credited_near() or not plan.reporting():
        return None
    else:
        head = plan.frame("brief", "unattributed")
        assertions = [said("claim_unattributed", None, plan.claim.id)]
    parts: list[Part] = [(head, [plan.claim.id] + [f.id for f in sources[:2]], assertions)]
    if hedges:
        cue = hedges[0].span.text
        parts.append(
            (
                plan.frame("brief", "also_hedged", cue=quoted(cue)),
                [hedges[0].id],
                [said("hedge", cue, hedges[0].id)],
            )
        )
    return _fit(parts)


def _named(plan: Planner) -> Move | None:
    """Who is on the record, when nothing weightier applies."""
    named = plan.named_sources()[:3]
    if not named:
        return None
    who = listed([display_name(s.name) for s in named])
    ids = [s.finding_ids[0] for s in named]
    assertions = [said("named_source", s.name, s.finding_ids[0]) for s in named]
    return _fit([(plan.frame("brief", "named", who=who), ids, assertions)])


def _plain(plan: Planner) -> Move | None:
    """The central claim alone, when nothing else can be said for sure."""
    if plan.claim is None:
        return None
    claim = quoted(excerpt_of(plan.claim.details["core"]))
    assertion = said("main_claim", plan.claim.details["core"], plan.claim.id)
    return _fit([(plan.frame("brief", "plain", claim=claim), [plan.claim.id], [assertion])])


CANDIDATES: tuple[Callable[[Planner], Move | None], ...] = (
    _decisive,
    _genre,
    _secondhand,
    _well_sourced,
    _unnamed,
    _opinionated,
    _claim_sourcing,
    _named,
    _plain,
)


def brief(analysis: Analysis) -> list[Move]:
    """The first point on the list above that the article earns."""
    plan = Planner(analysis)
    for candidate in CANDIDATES:
        move = candidate(plan)
        if move is not None:
            return [move]
    return []
