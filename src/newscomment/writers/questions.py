"""The questions style: three to five questions a careful reader would put to the article,
one per kind of finding, most salient first."""

from __future__ import annotations

from newscomment.model import Analysis, Finding
from newscomment.writers.wording import Move, display_name, quoted

MAX_QUESTIONS = 5
TOPICS = {"named_person": "named", "named_org": "named"}
"""Labels that raise the same question: one question about named sources is enough."""


def questions(analysis: Analysis) -> list[Move]:
    """Three to five questions a careful reader would put to this article."""
    asked: list[Move] = []
    kinds_asked: set[tuple[str, str]] = set()
    for item in sorted(analysis.findings, key=lambda f: -f.salience):
        question = question_for(item, analysis)
        topic = (
            item.kind,
            TOPICS.get(item.label, item.label) if item.kind in {"source", "missing"} else "",
        )
        if question and topic not in kinds_asked:
            kinds_asked.add(topic)
            asked.append(Move("question", question, [item.id], item.salience))
        if len(asked) == MAX_QUESTIONS:
            break
    anchor = next((f for f in analysis.findings if f.kind == "claim"), None)
    fallbacks = [
        "What would an independent source add to this account?",
        "Who else could confirm or dispute the central claim?",
        "What happened next, and where could a reader follow it up?",
    ]
    for text in fallbacks:
        if len(asked) >= 3 or anchor is None:
            break
        asked.append(Move("question", text, [anchor.id], 0.0))
    return asked


def question_for(item: Finding, analysis: Analysis) -> str | None:
    """The question one finding raises, or None if it raises none worth asking."""
    name = item.details.get("name", "")
    if item.kind == "source" and item.label == "anonymous":
        return f"Who are the {quoted(item.span.text)}, and has anyone confirmed this on the record?"
    if item.kind == "source" and item.label == "media_outlet":
        return f"What exactly did {name} report, and does it match this account?"
    if item.kind == "hedge" and not item.details.get("in_quote"):
        return f"What would confirm the claim the article hedges with {quoted(item.span.text)}?"
    if item.kind == "opinion":
        return (
            f"Is {quoted(item.details['excerpt'])} a finding or the writer's view, "
            "and what supports it?"
        )
    if item.kind == "missing":
        return {
            "no_absolute_dates": "When exactly did the events it describes take place?",
            "no_figures": "How large is what it describes, in numbers, and who counted?",
            "no_direct_quotes": "Why does no one speak in their own words?",
            "no_named_sources": "Who, by name, is the source of this account?",
        }.get(item.label)
    if item.kind == "loaded" and not item.details.get("in_quote"):
        return f"Would the story read differently without a word like {quoted(item.span.text)}?"
    if item.kind == "source" and item.label in {"named_person", "named_org"}:
        return (
            f"What is the basis for what {display_name(name)} says, and does anyone on the "
            "other side dispute it?"
        )
    return None
