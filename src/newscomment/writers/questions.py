"""The questions style: questions a careful reader would put to this article: first what
its decisive points and its genre raise, then one per kind of finding, most salient
first, as many as the style allows. A question presupposes what it asks about, so it is
asked only of findings the planner is sure of, and carries that presupposition as its
assertion."""

from __future__ import annotations

from newscomment.model import Analysis, Assertion, Finding
from newscomment.styles import STYLES
from newscomment.writers import frames
from newscomment.writers.critical import GAP_ASSERTIONS, gaps
from newscomment.writers.planning import Move, Planner, said
from newscomment.writers.wording import display_name, excerpt_of, quoted

ASKED_KINDS = {"hedge": "hedge", "loaded": "loaded", "opinion": "opinion"}
"""Finding kinds that raise a question, and the assertion the question makes."""


def _ask(plan: Planner, variant: str, **values: str) -> str:
    """The question frame this article gets for a variant, filled."""
    return plan.frame("question", variant, **values)


def _decisive(plan: Planner) -> list[Move]:
    """The questions the decisive points raise."""
    asked = []
    for item in plan.decisive():
        chosen = plan.decisive_variant(item)
        if chosen is None:
            continue
        variant, who = chosen
        if variant == "single_unnamed":
            variant = "single_source"
        text = _ask(plan, variant, **plan.decisive_values(item, variant, who, 2))
        asked.append(
            Move("question", text, [item.id], 2.0 + item.salience, [said(item.label, who, item.id)])
        )
    return asked


def _genre(plan: Planner) -> Move | None:
    """The question a press release, an opinion piece or a tabloid story raises."""
    genre = plan.genre()
    found = plan.genre_finding
    if found is None or genre in {"news", "content_farm"}:
        return None
    assertions = plan.genre_said()
    if genre == "press_release":
        issuer = plan.issuer()
        if not issuer:
            return None
        text = _ask(plan, "press_release", issuer=display_name(issuer))
    elif genre == "opinion":
        if plan.thesis() is None or plan.claim is None:
            return None
        claim = quoted(excerpt_of(plan.claim.details["core"]))
        text = _ask(plan, "opinion_piece", claim=claim)
        assertions.append(said("main_claim", plan.claim.details["core"], plan.claim.id))
    else:
        text = _ask(plan, "tabloid")
    return Move("question", text, [found.id], 2.5, assertions)


def _finding_question(plan: Planner, item: Finding) -> tuple[str, str, Assertion] | None:
    """(topic, question, assertion) one finding raises, or None."""
    if item.kind == "source":
        if item.label == "anonymous" and item.span:
            text = _ask(plan, "anonymous", cue=quoted(item.span.text))
            return "anonymous", text, said("unnamed_source", item.span.text, item.id)
        name = item.details["name"]
        if item.label == "media_outlet" and not plan.own_outlet(name):
            text = _ask(plan, "media_outlet", name=display_name(name))
            return "outlet", text, said("outlet_source", name, item.id)
        return None
    if item.kind in ASKED_KINDS and item.span:
        if item.kind == "opinion":
            text = _ask(plan, "opinion", excerpt=quoted(excerpt_of(item.details["excerpt"])))
            return "opinion", text, said("opinion", item.details["excerpt"], item.id)
        text = _ask(plan, item.kind, cue=quoted(item.span.text))
        return item.kind, text, said(ASKED_KINDS[item.kind], item.span.text, item.id)
    if item.kind == "missing":
        text = _ask(plan, item.label)
        return item.label, text, said(GAP_ASSERTIONS[item.label], None, item.id)
    return None


def _candidates(plan: Planner) -> list[Finding]:
    """The findings sure enough to question, most salient first."""
    unnamed = {i for s in plan.unnamed_sources() for i in s.finding_ids}
    sources = [
        f for f in plan.analysis.of_kind("source") if f.label != "anonymous" or f.id in unnamed
    ]
    found = sources + gaps(plan)
    for kind in ASKED_KINDS:
        found += plan.own_voice(kind) if kind == "loaded" else plan.unquoted(kind)
    if plan.genre() == "news":
        found = [f for f in found if not (f.kind == "opinion" and f.label == "recommendation")]
    return sorted(found, key=lambda f: -f.salience)


def questions(analysis: Analysis) -> list[Move]:
    """The questions a careful reader would put to this article."""
    plan = Planner(analysis)
    style = STYLES["questions"]
    most = style.max_sentences or style.min_sentences
    asked = _decisive(plan)
    genre = _genre(plan)
    if genre is not None:
        asked.append(genre)
    topics: set[str] = set()
    for item in _candidates(plan):
        if len(asked) >= most:
            break
        question = _finding_question(plan, item)
        if question is None or question[0] in topics:
            continue
        topic, text, assertion = question
        topics.add(topic)
        asked.append(Move("question", text, [item.id], item.salience, [assertion]))
    asked = asked[:most]
    anchor = plan.claim or plan.genre_finding
    for text in frames.rotated("question", plan.seed, "fallbacks"):
        if len(asked) >= style.min_sentences or anchor is None:
            break
        asked.append(Move("question", text, [anchor.id], 0.0))
    return asked
