"""The critical style (the default): the decisive point first, then what kind of text it
is and what it claims on whose word, then only what the article earns among hedges,
opinion, loaded wording, missing specifics and stock phrases, and one primary source a
reader could check; within the style's word limits. A press release is judged as one
(whose announcement, what independent confirmation would be), an opinion piece as an
argument (its thesis and what it rests on)."""

from __future__ import annotations

from newscomment.kinds import NAMED_TYPES
from newscomment.model import Analysis, Finding
from newscomment.styles import STYLES
from newscomment.writers.planning import Move, Planner, reads_as_name, said
from newscomment.writers.wording import (
    describe_gap,
    describe_source,
    display_name,
    excerpt_of,
    listed,
    quoted,
)

MIN_OPINIONS = 2
MIN_HEDGES = 2
"""Hedges outside the main claim that make a pattern worth a sentence."""
REPORT_SURE = 0.7
"""The least genre score at which a comment calls a text a plain news report."""
GAP_ASSERTIONS = {
    "no_absolute_dates": "no_dates",
    "no_figures": "no_figures",
    "no_direct_quotes": "no_quotes",
    "no_named_sources": "no_named_sources",
}
"""The assertion each missing-specific finding makes."""
DECISIVE_WEIGHTS = {
    "headline_overstates": 12.0,
    "denial": 11.5,
    "single_source": 11.0,
    "issuer_only": 9.0,
    "figures_characterised": 8.0,
}
"""How much each decisive point matters; the weightiest opens the comment."""
SOURCE_ASSERTIONS = {
    "media_outlet": "outlet_source",
    "document": "document_source",
    "anonymous": "unnamed_source",
}


def _claim_text(plan: Planner) -> str:
    """The main claim's core, quoted verbatim and whole."""
    return quoted(excerpt_of(plan.claim.details["core"])) if plan.claim else ""


def _source_assertions(findings: list[Finding]) -> list:
    """What naming these source mentions asserts: each source, by its type."""
    return [
        said(SOURCE_ASSERTIONS.get(f.label, "named_source"), _subject(f), f.id) for f in findings
    ]


def _subject(item: Finding) -> str:
    """The words a source assertion is about: an unnamed source's own words, else its name."""
    if item.label == "anonymous" and item.span:
        return item.span.text
    return item.details.get("name") or (item.span.text if item.span else "")


def _genre(plan: Planner) -> Move | None:
    """What kind of text it is, when it is not a plain news report: a press release, an
    opinion piece, a tabloid story or filler, with its announcement or thesis."""
    genre = plan.genre()
    if genre == "news" or plan.genre_finding is None:
        return None
    found = plan.genre_finding
    variant, claim = plan.genre_frame()
    issuer = display_name(plan.issuer() or "")
    text = plan.frame("genre", variant, claim=_claim_text(plan), issuer=issuer)
    evidence = [found.id] + ([claim.id] if claim else [])
    assertions = plan.genre_said()
    if claim:
        assertions.append(said("main_claim", claim.details["core"], claim.id))
    return Move("genre", text, evidence, 10.5, assertions)


def _state_media(plan: Planner) -> Move | None:
    """That the outlet is state-controlled."""
    found = plan.genre_finding
    if found is None or not found.details["state_media"]:
        return None
    outlet = plan.state_outlet()  # named only where the text names it (grounding)
    variant = "any" if outlet else "unnamed"
    text = plan.frame("state_media", variant, outlet=display_name(outlet or ""))
    subject = outlet or found.details["state_outlet"]
    return Move("state_media", text, [found.id], 10.0, [said("state_media", subject, found.id)])


def _claim(plan: Planner) -> Move | None:
    """What a report mainly claims, and whom it has it from: second-hand only through
    another outlet or "reportedly"; a source that is the claim's own subject ("the court
    asked ...") is its actor, not its attribution; "unattributed" only when nothing near
    the claim credits anyone."""
    if plan.claim is None or plan.genre() in {"opinion", "press_release", "content_farm"}:
        return None
    claim = _claim_text(plan)
    core = plan.claim.details["core"]
    sources, actors = plan.claim_sources()
    who = listed([describe_source(f) for f in sources]) if sources else ""
    assertions = [said("main_claim", core, plan.claim.id)]
    through = [f for f in sources if f.label == "media_outlet" or f.details["via"]]
    if through:
        variant = "secondhand"
        assertions.append(said("claim_secondhand", through[0].details["name"], through[0].id))
    elif sources:
        variant = "attributed"
        assertions.append(said("claim_attributed", sources[0].details["name"], sources[0].id))
    elif actors or plan.credited_near() or not plan.reporting():
        variant = "plain"
    elif plan.analysis.stats["attributed_share"] >= 0.3 and plan.named_sources():
        variant = "lede"
        assertions.append(said("claim_unattributed", None, plan.claim.id))
    else:
        variant = "unattributed"
        assertions.append(said("claim_unattributed", None, plan.claim.id))
    text = plan.frame("claim", variant, claim=claim, who=who)
    assertions += _source_assertions(sources)
    return Move("claim", text, [plan.claim.id] + [f.id for f in sources], 10.0, assertions)


def _decisive(plan: Planner) -> list[Move]:
    """The decisive points: a buried denial, a headline firmer than the story, a claim on
    one source's word, only the issuer heard, figures the lede characterises."""
    moves = []
    for item in plan.decisive():
        move = _decisive_move(plan, item)
        if move is not None and move.key not in {m.key for m in moves}:
            moves.append(move)
    return moves[:2]


def _decisive_move(plan: Planner, item: Finding) -> Move | None:
    """One decisive point in words, or None when the analysis lacks what it needs."""
    chosen = plan.decisive_variant(item)
    if chosen is None:
        return None
    variant, who = chosen
    text = plan.frame("decisive", variant, **plan.decisive_values(item, variant, who, 3))
    weight = DECISIVE_WEIGHTS[item.label]
    return Move(item.label, text, [item.id], weight, [said(item.label, who, item.id)])


def _sourcing(plan: Planner) -> list[Move]:
    """How the article knows what it says: chains, unnamed sources, named ones."""
    sources = plan.analysis.of_kind("source")
    moves = []
    unnamed = plan.unnamed_sources()
    unnamed_ids = {i for s in unnamed for i in s.finding_ids}
    chained = [f for f in sources if f.id in unnamed_ids and f.details["via"]]
    chained = [f for f in chained if not plan.own_outlet(f.details["via"])]
    if chained:
        top = chained[0]
        via = next((f for f in sources if f.details["name"] == top.details["via"]), None)
        text = plan.frame("chain", cues=quoted(top.span.text), who=top.details["via"])
        evidence = [top.id] + ([via.id] if via else [])
        assertions = [said("unnamed_source", top.span.text, top.id)]
        if via:
            assertions.append(said("outlet_source", via.details["name"], via.id))
        moves.append(Move("chain", text, evidence, 9.0, assertions))
    others = [f for f in sources if f.id in unnamed_ids and f not in chained]
    if others and not (plan.well_sourced() and len(others) <= 1):
        chosen = list({f.span.text.lower(): f for f in reversed(others)}.values())[::-1][:2]
        text = plan.frame("anonymous", cues=listed([quoted(f.span.text) for f in chosen]))
        assertions = [said("unnamed_source", f.span.text, f.id) for f in chosen]
        weight = 8.0 if not chained else 3.0
        evidence = [f.id for f in chosen] + [f.id for f in others if f not in chosen]
        moves.append(Move("anonymous", text, evidence, weight, assertions))
    said_names = {f.details["name"] for f in plan.in_claim("source")}
    said_names |= {f.details["via"] for f in chained}
    named = [s for s in plan.named_sources() if s.name not in said_names][:3]
    if named:
        well = plan.well_sourced()
        move = "well_sourced" if well else "named"
        named_at_all = [s for s in plan.analysis.sources if s.type in NAMED_TYPES]
        variant = "one" if move == "named" and len(named_at_all) == 1 else "any"
        text = plan.frame(move, variant, who=listed([display_name(s.name) for s in named]))
        evidence = [i for s in named for i in s.finding_ids]
        assertions = [
            said(SOURCE_ASSERTIONS.get(s.type, "named_source"), s.name, s.finding_ids[0])
            for s in named
        ]
        if well:
            assertions.append(said("well_sourced", None, *evidence))
        moves.append(Move(move, text, evidence, 9.5 if well else 3.0, assertions))
    return moves


def _hedges(plan: Planner) -> Move | None:
    """Hedges, when they qualify the main claim or run through the article."""
    hedges = plan.unquoted("hedge")
    in_claim = [f for f in hedges if plan.claim and f.sentence == plan.claim.sentence]
    if not in_claim and len(hedges) < MIN_HEDGES:
        return None
    ordered = in_claim or hedges  # "the main claim is qualified" names the claim's own
    chosen = list({f.span.text.lower(): f for f in reversed(ordered)}.values())[::-1][:3]
    cues = listed([quoted(f.span.text) for f in chosen])
    variant = "claim" if in_claim else "any"
    weight = 7.0 if in_claim else 3.0 + len(hedges) / 3
    assertions = [said("hedge", f.span.text, f.id) for f in chosen]
    text = plan.frame("hedges", variant, cues=cues)
    evidence = [f.id for f in chosen] + [f.id for f in plan.sure("hedge") if f not in chosen]
    return Move("hedges", text, evidence, weight, assertions)


def _opinion(plan: Planner) -> Move | None:
    """The clearest sentence where the writer judges instead of reporting, when such
    sentences recur: one borderline sentence in a report is no pattern worth a remark."""
    genre = plan.genre()
    opinions = [
        f
        for f in plan.unquoted("opinion")
        if f.sentence != _claim_sentence(plan)
        and not (genre == "news" and f.label == "recommendation")
    ]
    share = plan.analysis.stats["opinion_share"]
    if not opinions or (genre == "news" and len(opinions) < MIN_OPINIONS and share < 0.15):
        return None
    top = opinions[0]
    variant = {"opinion": "argument", "press_release": "promotion"}.get(genre, "any")
    excerpt = top.details["excerpt"]
    text = plan.frame("opinion", variant, excerpt=quoted(excerpt_of(excerpt)))
    weight = 5.0 + 2 * share
    evidence = [top.id] + [f.id for f in opinions if f is not top]
    return Move("opinion", text, evidence, weight, [said("opinion", excerpt, top.id)])


def _claim_sentence(plan: Planner) -> int | None:
    """The main claim's sentence, if there is one."""
    return plan.claim.sentence if plan.claim else None


def _loaded(plan: Planner) -> Move | None:
    """Emotive or partisan words in the writer's own voice."""
    loaded = plan.own_voice("loaded")
    words = list(dict.fromkeys(f.span.text for f in loaded))[:2]
    if not words or (plan.well_sourced() and len(words) < 2):
        return None
    chosen = [next(f for f in loaded if f.span.text == w) for w in words]
    text = plan.frame("loaded", cues=listed([quoted(w) for w in words]))
    assertions = [said("loaded", f.span.text, f.id) for f in chosen]
    weight = 3.5 + min(len(loaded), 4) / 4
    evidence = [f.id for f in chosen] + [f.id for f in loaded if f not in chosen]
    return Move("loaded", text, evidence, weight, assertions)


def _boilerplate(plan: Planner) -> Move | None:
    """Stock phrases, when there are several."""
    stock = plan.sure("boilerplate")
    phrases = list(dict.fromkeys(f.span.text for f in stock))[:2]
    if len(stock) < 3:
        return None
    chosen = [next(f for f in stock if f.span.text == p) for p in phrases]
    text = plan.frame("boilerplate", cues=listed([quoted(p) for p in phrases]))
    assertions = [said("stock_phrase", f.span.text, f.id) for f in chosen]
    return Move("boilerplate", text, [f.id for f in chosen], 2.0, assertions)


def gaps(plan: Planner) -> list[Finding]:
    """The missing specifics a comment may assert: "no quotes" only where nothing in the
    text is quoted speech, "no named sources" only where no source is named."""
    found: list[Finding] = []
    if plan.genre() == "opinion":
        return found  # an argument is judged on its reasons, not on missing news specifics
    for gap in plan.analysis.of_kind("missing"):
        if gap.label == "no_direct_quotes" and gap.details["quoted_speech"]:
            continue
        if gap.label == "no_named_sources" and (plan.named_sources() or not plan.reporting()):
            continue
        found.append(gap)
    return found


def _missing(plan: Planner) -> Move | None:
    """The specifics the article does not give."""
    found = gaps(plan)
    if not found:
        return None
    text = plan.frame("missing", missing=listed([describe_gap(f) for f in found]))
    assertions = [said(GAP_ASSERTIONS[f.label], None, f.id) for f in found]
    return Move("missing", text, [f.id for f in found], 4.0 + len(found), assertions)


def _quotes(plan: Planner) -> Move | None:
    """How many direct quotes let the people involved speak for themselves."""
    quotes = plan.analysis.of_kind("quote")
    if not quotes:
        return None
    count = "1 direct quote" if len(quotes) == 1 else f"{len(quotes)} direct quotes"
    ids = [f.id for f in quotes]
    text = plan.frame("quotes", count=count)
    return Move("quotes", text, ids, 2.5, [said("quotes", str(len(quotes)), *ids)])


def _check(plan: Planner) -> Move | None:
    """A primary source the article itself names, which a reader could consult."""
    target = check_target(plan)
    if target is None:
        return None
    text, name, finding_id = target
    move = plan.frame("check", target=text)
    return Move("check", move, [finding_id], 8.5, [said("check", name, finding_id)])


def _confirmation(plan: Planner) -> Move | None:
    """For a press release: what independent confirmation would have to be; for an
    opinion piece: what weighing its argument needs."""
    if plan.genre() == "opinion" and plan.genre_finding is not None:
        return Move("weigh", plan.frame("weigh"), [plan.genre_finding.id], 7.5, [])
    if plan.genre() != "press_release" or plan.genre_finding is None:
        return None
    issuer = plan.issuer()
    variant = "any" if issuer else "unnamed"
    if any(f.label == "issuer_only" for f in plan.decisive()):
        variant = "after_issuer_only" if issuer else "unnamed_after_issuer_only"
    text = plan.frame("confirmation", variant, issuer=display_name(issuer or ""))
    return Move("confirmation", text, [plan.genre_finding.id], 7.5, [])


def _fillers(plan: Planner) -> list[Move]:
    """Moves that add substance to a short comment: how much of the article is
    attributed, its quotes, and what would make it stronger."""
    stats = plan.analysis.stats
    total = int(stats["sentences"])
    attributed = round(stats["attributed_share"] * total)
    sources = plan.analysis.of_kind("source")
    moves = []
    found = plan.genre_finding
    if found is not None and found.label == "news" and found.score >= REPORT_SURE:
        text = plan.frame("report")
        moves.append(Move("report", text, [found.id], 0.55, [said("genre", "news", found.id)]))
    if sources and attributed:
        text = plan.frame("share", share=str(attributed), total=str(total))
        subject = f"{attributed} of {total}"
        moves.append(
            Move("share", text, [sources[0].id], 0.5, [said("attribution_share", subject)])
        )
    if plan.genre() == "opinion":
        moves += _argument_fillers(plan)
    for gap in gaps(plan):
        assertion = said(GAP_ASSERTIONS[gap.label], None, gap.id)
        moves.append(Move("advice", plan.frame("advice", gap.label), [gap.id], 0.4, [assertion]))
    return moves


def _argument_fillers(plan: Planner) -> list[Move]:
    """For an opinion piece: what its argument rests on (nothing it cites, when it credits
    no one at all) and a second of the writer's assessments."""
    moves = []
    unsourced = plan.cites_nothing()
    if unsourced is not None:
        text = plan.frame("unsourced")
        said_it = [said("no_named_sources", None, unsourced.id)]
        moves.append(Move("unsourced", text, [unsourced.id], 0.5, said_it))
    quoteless = next(
        (g for g in plan.analysis.of_kind("missing") if g.label == "no_direct_quotes"), None
    )
    if quoteless is not None and not quoteless.details["quoted_speech"]:
        text = plan.frame("unquoted")
        moves.append(
            Move("unquoted", text, [quoteless.id], 0.48, [said("no_quotes", None, quoteless.id)])
        )
    opinions = [f for f in plan.unquoted("opinion") if f.sentence != _claim_sentence(plan)]
    if len(opinions) >= MIN_OPINIONS:
        second = opinions[1]
        excerpt = second.details["excerpt"]
        text = plan.frame("opinion", "another", excerpt=quoted(excerpt_of(excerpt)))
        moves.append(
            Move("opinion_more", text, [second.id], 0.45, [said("opinion", excerpt, second.id)])
        )
    return moves


def check_target(plan: Planner) -> tuple[str, str, str] | None:
    """The best thing for a reader to look up, as (wording, name, finding id): a named
    document, the outlet a chain starts at, another outlet's report, or a named source's
    statements; never the article's own outlet or the issuer of a press release."""
    sources = plan.analysis.of_kind("source")
    origins = {f.details.get("via") for f in sources}
    issuer = plan.issuer()

    readable = {i for s in plan.analysis.sources if reads_as_name(s) for i in s.finding_ids}

    def rank(item: Finding) -> tuple[int, str]:
        name = item.details.get("name", "")
        if item.id not in readable or plan.own_outlet(name):
            return 9, ""
        if issuer and source_key_equal(name, issuer):
            return 9, ""
        named_document = item.label == "document" and any(w[:1].isupper() for w in name.split())
        shown = display_name(name)
        if named_document:
            return 0, shown
        if item.label == "media_outlet" and name in origins:
            return 1, f"the report in {shown}"
        if item.label == "media_outlet":
            return 2, f"the original report by {shown}"
        if (
            item.label in {"named_org", "named_person"}
            and name[:1].isupper()
            and plan.genre() != "press_release"
        ):
            return 3, f"the public statements of {shown}"
        return 9, ""

    ranked = sorted((rank(f), i, f) for i, f in enumerate(sources))
    if not ranked or ranked[0][0][0] == 9:
        return None
    (_, wording), _, item = ranked[0]
    return wording, item.details["name"], item.id


def source_key_equal(name: str, other: str) -> bool:
    """Whether two names are one organisation's (one contains the other's words)."""
    a, b = name.lower().split(), other.lower().split()
    return a == b or " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a)


def _assemble(moves: list[Move], limit: int) -> list[Move]:
    """The opening move, then the weightiest others in the order they were planned,
    within the word limit."""
    kept: list[Move] = []
    words = 0
    for move in sorted(moves, key=lambda m: -m.weight):
        length = len(move.text.split())
        if words + length <= limit:
            kept.append(move)
            words += length
    opening = max(kept, key=lambda m: m.weight) if kept else None
    rest = sorted((m for m in kept if m is not opening), key=lambda m: moves.index(m))
    return ([opening] if opening else []) + rest


def critical(analysis: Analysis) -> list[Move]:
    """The default comment: the decisive point, the genre and the claim with its
    sourcing, then what the article earns."""
    plan = Planner(analysis)
    style = STYLES["critical"]
    head = [m for m in [_genre(plan), _state_media(plan), _claim(plan)] if m]
    head += _decisive(plan) + _sourcing(plan)
    middle = [
        m
        for m in (
            _hedges(plan),
            _opinion(plan),
            _loaded(plan),
            _missing(plan),
            _boilerplate(plan),
            _quotes(plan),
        )
        if m
    ]
    middle.sort(key=lambda m: -m.weight)
    tail = [m for m in [_confirmation(plan), _check(plan)] if m]
    kept = _assemble(head + middle + tail, style.max_words or 0)
    words = sum(len(m.text.split()) for m in kept)
    planned = {m.key for m in kept}
    added = []
    for filler in _fillers(plan):
        if words >= style.min_words:
            break
        if filler.key == "advice" and "missing" not in planned:
            continue
        added.append(filler)
        words += len(filler.text.split())
    ending = [m for m in kept if m in tail and m is not kept[0]]
    return [m for m in kept if m not in ending] + added + ending
