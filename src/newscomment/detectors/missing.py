"""Missing specifics: what a reader would need and the article does not give.

Article-level findings: ``no_absolute_dates`` (only "earlier this week", "recent"...),
``no_figures`` (a story about casualties, money or votes without a number),
``no_direct_quotes`` and ``no_named_sources``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newscomment.contract import MissingDetailsDict
from newscomment.detectors.base import article_finding, text_of
from newscomment.detectors.quotes import quoted_in
from newscomment.detectors.registry import Context, detector
from newscomment.detectors.sources import credits_someone
from newscomment.kinds import NAMED_TYPES
from newscomment.model import Finding

MONTHS = (
    "January February March April June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Capitalised month and day names, "May" only before a number (it is also a modal verb),
# a year, or a numeric date.
ABSOLUTE_DATE = re.compile(
    r"\b(?:" + "|".join(MONTHS + WEEKDAYS) + r")\b|\bMay\s+\d|\b(?:1[89]|20)\d\d(?:s\b|\b)"
    r"|\b\d{1,2}/\d{1,2}\b"
)
RELATIVE_TIME = re.compile(
    r"\b(?:(?:earlier|later) )?(?:last|this|next|past) (?:week|month|year|weekend|summer|"
    r"winter|spring|autumn|fall)\b|\b(?:recent|recently|yesterday|today|tonight|tomorrow|lately|"
    r"in recent (?:days|weeks|months)|days? ago|weeks? ago|months? ago)\b",
    re.IGNORECASE,
)
COUNTABLE_TOPICS = frozenset(
    (
        "casualty casualties kill killed dead death deaths die died wounded injure injured "
        "victim victims toll fatality fatalities refugee refugees displaced arrest arrested "
        "hostage hostages money dollar dollars euro euros pound budget cost costs fund "
        "funding aid loan debt price prices inflation salary wage wages tax taxes revenue "
        "profit profits loss losses spending vote votes voter voters ballot ballots poll "
        "polls election seat seats unemployment jobs "
    ).split()
)
MIN_SPEECH_WORDS = 3
"""Words inside quotation marks that count as quoted speech."""
NUMBER_ENTITIES = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _dates(doc: Doc) -> Finding | None:
    """No absolute date: only relative time words, or no time at all."""
    if ABSOLUTE_DATE.search(text_of(doc)):
        return None
    relative = list(dict.fromkeys(m.group(0) for m in RELATIVE_TIME.finditer(text_of(doc))))
    details = {**_nothing(), "relative": relative}
    if not relative:
        note = "the article gives no date"
        return article_finding("missing", "no_absolute_dates", 0.6, note, details)
    note = f"time is given only relatively ({'; '.join(relative)}), never as a date"
    return article_finding("missing", "no_absolute_dates", 0.9, note, details)


def _figures(doc: Doc) -> Finding | None:
    """A countable topic (casualties, money, votes) with no number anywhere."""
    topics = list(dict.fromkeys(t.text for t in doc if t.lower_ in COUNTABLE_TOPICS))
    if not topics:
        return None
    has_number = any(e.label_ in NUMBER_ENTITIES for e in doc.ents) or any(
        (t.like_num or any(ch.isdigit() for ch in t.text)) and t.ent_type_ != "TIME" for t in doc
    )
    if has_number:
        return None
    note = f"mentions {', '.join(topics[:3])} but gives no number"
    details = {**_nothing(), "topics": topics}
    return article_finding("missing", "no_figures", 0.85, note, details)


@detector("missing", needs=("source", "quote"))
def detect(context: Context) -> list[Finding]:
    """Article-level findings for each kind of specific the article lacks."""
    doc, found = context.doc, context.found
    gaps = [f for f in (_dates(doc), _figures(doc)) if f is not None]
    quoted = _quoted_speech(doc)
    if not found.of("quote"):
        score = 0.8 if len(doc) > 150 else 0.5
        note = "no one is quoted directly" + (
            ", though quotation marks hold speech" if quoted else ""
        )
        details = {**_nothing(), "quoted_speech": quoted}
        gaps.append(article_finding("missing", "no_direct_quotes", score, note, details))
    if not any(f.label in NAMED_TYPES for f in found.of("source")):
        uncredited = not (found.of("source") or found.of("quote") or quoted)
        uncredited = uncredited and not credits_someone(text_of(doc))
        note = "no source is named" + ("; nothing is credited to anyone" if uncredited else "")
        details = {**_nothing(), "uncredited": uncredited}
        gaps.append(article_finding("missing", "no_named_sources", 0.9, note, details))
    return gaps


def _quoted_speech(doc: Doc) -> bool:
    """Whether anything is quoted that reads as speech (a few words or more), even where
    the quote detector kept no speaker: then "no one is quoted" would be false."""
    text = text_of(doc)
    return any(len(text[start:end].split()) >= MIN_SPEECH_WORDS for start, end in quoted_in(doc))


def _nothing() -> MissingDetailsDict:
    """The details of a gap the article shows nothing for."""
    return {"relative": [], "topics": [], "uncredited": False, "quoted_speech": False}
