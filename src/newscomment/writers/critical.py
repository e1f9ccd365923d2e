"""The critical style (the default): the main claim and how it is sourced, then only what
the article earns among hedges, opinion, loaded wording, missing specifics and stock
phrases, and one primary source a reader could check; within the style's word limits."""

from __future__ import annotations

from newscomment.model import Analysis, Finding
from newscomment.styles import STYLES
from newscomment.writers.planning import Move, Planner
from newscomment.writers.wording import describe_gap, describe_source, display_name, listed, quoted

MIN_OPINIONS = 2


def _claim(plan: Planner) -> Move | None:
    """What the article mainly claims, and whom it has it from."""
    if plan.claim is None:
        return None
    claim = quoted(plan.claim.details["core"])
    sources = plan.in_claim("source")
    who = listed([describe_source(f) for f in sources]) if sources else ""
    if sources and plan.claim.details["secondhand"]:
        variant = "secondhand"
    elif sources:
        variant = "attributed"
    elif plan.analysis.stats["attributed_share"] >= 0.3 and plan.named_sources():
        variant = "lede"
    else:
        variant = "unattributed"
    text = plan.frame("claim", variant, claim=claim, who=who)
    return Move("claim", text, [plan.claim.id] + [f.id for f in sources], 10.0)


def _sourcing(plan: Planner) -> list[Move]:
    """How the article knows what it says: chains, unnamed sources, named ones."""
    sources = plan.analysis.of_kind("source")
    moves = []
    chained = [f for f in sources if f.label == "anonymous" and f.details["via"]]
    if chained:
        top = chained[0]
        via = next((f for f in sources if f.details["name"] == top.details["via"]), None)
        text = plan.frame("chain", cues=quoted(top.span.text), who=top.details["via"])
        moves.append(Move("chain", text, [top.id] + ([via.id] if via else []), 9.0))
    others = [f for f in sources if f.label == "anonymous" and not f.details["via"]]
    if others and not (plan.well_sourced() and len(others) <= 1):
        cues = listed([quoted(f.span.text) for f in others[:2]])
        text = plan.frame("anonymous", cues=cues)
        moves.append(
            Move("anonymous", text, [f.id for f in others[:2]], 8.0 if not chained else 3.0)
        )
    named = plan.named_sources()[:3]
    claim_ids = {f.id for f in plan.in_claim("source")}
    if named and not all(set(s.finding_ids) <= claim_ids for s in named):
        well = plan.well_sourced()
        move = "well_sourced" if well else "named"
        text = plan.frame(move, who=listed([display_name(s.name) for s in named]))
        moves.append(Move(move, text, [s.finding_ids[0] for s in named], 9.5 if well else 3.0))
    return moves


def _hedges(plan: Planner) -> Move | None:
    """Hedges, when they qualify the main claim or run through the article."""
    hedges = plan.unquoted("hedge")
    in_claim = [f for f in hedges if plan.claim and f.sentence == plan.claim.sentence]
    if not in_claim and len(hedges) < 3:
        return None
    ordered = in_claim + [f for f in hedges if f not in in_claim]
    chosen = list({f.span.text.lower(): f for f in reversed(ordered)}.values())[::-1][:3]
    cues = listed([quoted(f.span.text) for f in chosen])
    weight = 7.0 if in_claim else 3.0 + len(hedges) / 3
    return Move("hedges", plan.frame("hedges", cues=cues), [f.id for f in chosen], weight)


def _opinion(plan: Planner) -> Move | None:
    """The clearest sentence where the writer judges instead of reporting, when such
    sentences recur: one borderline sentence in a report is no pattern worth a remark."""
    opinions = plan.unquoted("opinion")
    share = plan.analysis.stats["opinion_share"]
    if len(opinions) < MIN_OPINIONS and share < 0.15:
        return None
    top = opinions[0]
    text = plan.frame("opinion", excerpt=quoted(top.details["excerpt"]))
    return Move("opinion", text, [top.id], 5.0 + 2 * share)


def _loaded(plan: Planner) -> Move | None:
    """Emotive or partisan words in the writer's own voice."""
    loaded = plan.unquoted("loaded")
    words = list(dict.fromkeys(f.span.text for f in loaded))[:3]
    if not words or (plan.well_sourced() and len(words) < 2):
        return None
    chosen = [next(f for f in loaded if f.span.text == w) for w in words]
    text = plan.frame("loaded", cues=listed([quoted(w) for w in words]))
    return Move("loaded", text, [f.id for f in chosen], 3.5 + min(len(loaded), 4) / 4)


def _boilerplate(plan: Planner) -> Move | None:
    """Stock phrases, when there are several."""
    stock = plan.analysis.of_kind("boilerplate")
    phrases = list(dict.fromkeys(f.span.text for f in stock))[:2]
    if len(stock) < 3:
        return None
    chosen = [next(f for f in stock if f.span.text == p) for p in phrases]
    text = plan.frame("boilerplate", cues=listed([quoted(p) for p in phrases]))
    return Move("boilerplate", text, [f.id for f in chosen], 2.0)


def _missing(plan: Planner) -> Move | None:
    """The specifics the article does not give."""
    gaps = plan.analysis.of_kind("missing")
    if not gaps:
        return None
    text = plan.frame("missing", missing=listed([describe_gap(f) for f in gaps]))
    return Move("missing", text, [f.id for f in gaps], 4.0 + len(gaps))


def _check(plan: Planner) -> Move | None:
    """A primary source the article itself names, which a reader could consult."""
    target = check_target(plan.analysis)
    if target is None:
        return None
    text, finding_id = target
    return Move("check", plan.frame("check", target=text), [finding_id], 8.5)


def _fillers(plan: Planner) -> list[Move]:
    """Moves that add substance to a short comment: how much of the article is
    attributed, and what would make it stronger."""
    stats = plan.analysis.stats
    total = int(stats["sentences"])
    attributed = round(stats["attributed_share"] * total)
    sources = plan.analysis.of_kind("source") or plan.analysis.of_kind("missing")
    moves = []
    if sources:
        share = "none" if attributed == 0 else str(attributed)
        text = plan.frame("share", share=share, total=str(total))
        moves.append(Move("share", text, [sources[0].id], 0.5))
    quotes = plan.analysis.of_kind("quote")
    if quotes:
        count = "1 direct quote" if len(quotes) == 1 else f"{len(quotes)} direct quotes"
        text = plan.frame("quotes", count=count)
        moves.append(Move("quotes", text, [f.id for f in quotes[:3]], 0.45))
    for gap in plan.analysis.of_kind("missing"):
        moves.append(Move("advice", plan.frame("advice", gap.label), [gap.id], 0.4))
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
    style = STYLES["critical"]
    head = [m for m in [_claim(plan), *_sourcing(plan)] if m]
    middle = [
        m
        for m in (_hedges(plan), _opinion(plan), _loaded(plan), _missing(plan), _boilerplate(plan))
        if m
    ]
    middle.sort(key=lambda m: -m.weight)
    tail = [m for m in [_check(plan)] if m]
    kept = _assemble(head + middle + tail, style.max_words or 0)
    words = sum(len(m.text.split()) for m in kept)
    for filler in _fillers(plan):
        if words >= style.min_words:
            break
        kept.insert(len(kept) - len(tail) if tail and tail[0] in kept else len(kept), filler)
        words += len(filler.text.split())
    return kept
