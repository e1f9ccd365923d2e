"""The questions style: questions a careful reader would put to the article, one per kind
of finding, most salient first, as many as the style allows."""

from __future__ import annotations

from newscomment.model import Analysis, Finding
from newscomment.styles import STYLES
from newscomment.writers import frames
from newscomment.writers.planning import Move
from newscomment.writers.wording import display_name, quoted

TOPICS = {"named_person": "named", "named_org": "named"}
"""Labels that raise the same question: one question about named sources is enough."""


def questions(analysis: Analysis) -> list[Move]:
    """The questions a careful reader would put to this article."""
    style = STYLES["questions"]
    most = style.max_sentences or style.min_sentences
    asked: list[Move] = []
    kinds_asked: set[tuple[str, str]] = set()
    for item in sorted(analysis.findings, key=lambda f: -f.salience):
        question = question_for(item)
        topic = (
            item.kind,
            TOPICS.get(item.label, item.label) if item.kind in {"source", "missing"} else "",
        )
        if question and topic not in kinds_asked:
            kinds_asked.add(topic)
            asked.append(Move("question", question, [item.id], item.salience))
        if len(asked) == most:
            break
    anchor = next((f for f in analysis.findings if f.kind == "claim"), None)
    for text in frames.options("question", "fallbacks"):
        if len(asked) >= style.min_sentences or anchor is None:
            break
        asked.append(Move("question", text, [anchor.id], 0.0))
    return asked


def question_for(item: Finding) -> str | None:
    """The question one finding raises, or None if it raises none worth asking."""
    variant = _variant(item)
    if variant is None:
        return None
    cue = quoted(item.span.text) if item.span else ""
    excerpt = quoted(item.details["excerpt"]) if item.kind == "opinion" else ""
    name = item.details["name"] if item.kind == "source" else ""
    if variant == "named":
        name = display_name(name)
    return frames.options("question", variant)[0].format(cue=cue, excerpt=excerpt, name=name)


def _variant(item: Finding) -> str | None:
    """Which question a finding raises (its variant in the frames), if any."""
    if item.kind == "source" and item.label in {"anonymous", "media_outlet"}:
        return item.label
    if item.kind == "source" and item.label in TOPICS:
        return "named"
    if item.kind in {"hedge", "loaded"} and not item.in_quote:
        return item.kind
    if item.kind == "opinion":
        return "opinion"
    if item.kind == "missing":
        return item.label
    return None
