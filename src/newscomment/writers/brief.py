"""The brief style: one sentence within the style's length, the single most important
point about the article."""

from __future__ import annotations

from collections.abc import Callable

from newscomment.model import Analysis
from newscomment.styles import STYLES
from newscomment.writers.planning import Move, Planner
from newscomment.writers.wording import describe_source, display_name, listed, quoted


def _fit(parts: list[tuple[str, list[str]]]) -> Move:
    """The first part and as many of the following ones as fit in the style's length."""
    limit = STYLES["brief"].max_chars or 0
    text, evidence = parts[0][0], list(parts[0][1])
    for extra, ids in parts[1:]:
        if len(text + extra) + 1 <= limit:
            text += extra
            evidence += ids
    return Move("brief", text[: limit - 1] + ".", evidence, 1.0)


def _secondhand(plan: Planner) -> Move | None:
    """The claim reaches the reader through an outlet or an unnamed source."""
    claim = plan.analysis.main_claim
    sources = plan.in_claim("source")
    if claim is None or not claim.secondhand or not sources:
        return None
    head = plan.frame("brief", "secondhand", who=describe_source(sources[0]))
    parts = [(head, [claim.finding_id, sources[0].id])]
    parts += [(f" and {describe_source(f)}", [f.id]) for f in sources[1:2]]
    chained = [f for f in plan.analysis.of_kind("source") if f.details["via"]]
    if chained:
        via = display_name(chained[0].details["via"])
        chain = plan.frame("brief", "chain", cue=quoted(chained[0].span.text), via=via)
        parts.append((chain, [chained[0].id]))
    hedges = [f for f in plan.in_claim("hedge") if not f.in_quote]
    if hedges:
        parts.append(
            (plan.frame("brief", "hedged", cue=quoted(hedges[0].span.text)), [hedges[0].id])
        )
    return _fit(parts)


def _well_sourced(plan: Planner) -> Move | None:
    """Named sources, quotes, dates and figures: say so."""
    if not plan.well_sourced():
        return None
    named = plan.named_sources()[:2]
    head = plan.frame("brief", "well_sourced")
    who = listed([display_name(s.name) for s in named])
    return _fit([(head, [s.finding_ids[0] for s in named]), (f" ({who})", [])])


def _unnamed(plan: Planner) -> Move | None:
    """No source is named at all."""
    gap = next((g for g in plan.analysis.of_kind("missing") if g.label == "no_named_sources"), None)
    if gap is None:
        return None
    return _fit([(plan.frame("brief", "unnamed"), [gap.id])])


def _opinionated(plan: Planner) -> Move | None:
    """A quarter or more of the sentences are the writer's unattributed assessments."""
    opinions = plan.unquoted("opinion")
    if not opinions or plan.analysis.stats["opinion_share"] < 0.25:
        return None
    example = plan.frame("brief", "example", excerpt=quoted(opinions[0].details["excerpt"]))
    return _fit([(plan.frame("brief", "opinionated"), [opinions[0].id]), (example, [])])


def _claim_sourcing(plan: Planner) -> Move | None:
    """Otherwise: how the central claim is sourced and hedged."""
    if plan.claim is None:
        return None
    sources = plan.in_claim("source")
    hedges = [f for f in plan.in_claim("hedge") if not f.in_quote]
    if sources:
        head = plan.frame(
            "brief", "attributed", who=listed([describe_source(f) for f in sources[:2]])
        )
    else:
        head = plan.frame("brief", "unattributed")
    parts = [(head, [plan.claim.id] + [f.id for f in sources[:2]])]
    if hedges:
        parts.append(
            (plan.frame("brief", "also_hedged", cue=quoted(hedges[0].span.text)), [hedges[0].id])
        )
    return _fit(parts)


CANDIDATES: tuple[Callable[[Planner], Move | None], ...] = (
    _secondhand,
    _well_sourced,
    _unnamed,
    _opinionated,
    _claim_sourcing,
)


def brief(analysis: Analysis) -> list[Move]:
    """The first point on the list above that the article earns."""
    plan = Planner(analysis)
    for candidate in CANDIDATES:
        move = candidate(plan)
        if move is not None:
            return [move]
    return []
