"""Direct quotes: quoted speech and its speaker, where the article states one.

Quoted words are speech when they read as an utterance; scare quotes (a word or two put
in quotation marks) and titles of works are not speech and are left out.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newscomment.detectors.base import finding, sentence_of, sentence_starts, text_of
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.model import Finding

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
TITLE_CUES = re.compile(
    r"\b(book|novel|film|movie|song|album|series|show|play|poem|headline|article|essay|"
    r"titled|entitled|called|dubbed|named|so-called|known as|slogan|hashtag)\W*$",
    re.IGNORECASE,
)
SPEAKER_CUES = frozenset({"speech", "stance", "report"})
MIN_SPEECH_WORDS = 4


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, per paragraph; an
    unclosed quote runs to the paragraph's end, as in multi-paragraph quotations."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        i = 0
        while i < len(paragraph):
            closer = OPENERS.get(paragraph[i])
            if closer is None:
                i += 1
                continue
            end = paragraph.find(closer, i + 1)
            stop = len(paragraph) if end < 0 else end
            if stop > i + 1:
                ranges.append((offset + i + 1, offset + stop))
            i = stop + 1
        offset += len(paragraph) + 1
    return ranges


def _is_speech(text: str, start: int, end: int) -> bool:
    """Whether quoted words are an utterance rather than a scare quote or a title."""
    inner = text[start:end].strip()
    words = inner.split()
    if TITLE_CUES.search(text[max(0, start - 40) : start - 1]):
        return False
    if len(words) < MIN_SPEECH_WORDS:
        return False
    capitalised = sum(w[:1].isupper() for w in words)
    return not (capitalised / len(words) > 0.7 and inner[-1:] not in ".,!?")


def _speaker(doc: Doc, start: int, end: int, found: FindingIndex) -> str | None:
    """The source credited in the quote's own sentences or the short one right after."""
    first, last = sentence_of(doc, start), sentence_of(doc, end)
    candidates = [
        f
        for f in found.in_sentences("source", first, last + 1)
        if f.details["cue_kind"] in SPEAKER_CUES and not (start <= f.span.start < end)
    ]
    within = [f for f in candidates if (f.sentence or 0) <= last]
    starts = [*sentence_starts(doc), len(text_of(doc))]
    next_is_short = last + 2 < len(starts) and starts[last + 2] - starts[last + 1] <= 80
    chosen = within or (candidates if next_is_short else [])
    if not chosen:
        return None
    nearest = min(chosen, key=lambda f: min(abs(f.span.start - start), abs(f.span.start - end)))
    return nearest.details.get("name")


def _continued(doc: Doc, start: int, quotes: list[Finding], found: FindingIndex) -> str | None:
    """The speaker of the quote just before, when this one opens the next sentence of the
    same paragraph with no other source in between ("...," she said. "We need access now.")."""
    if not quotes or not quotes[-1].details["speaker"]:
        return None
    last = quotes[-1].span
    if "\n" in text_of(doc)[last.end : start] or sentence_of(doc, start) != (
        sentence_of(doc, last.end) + 1
    ):
        return None
    speaker = quotes[-1].details["speaker"]
    if any(f.details["name"] != speaker for f in found.within("source", last.end, start)):
        return None
    return speaker


@detector("quote", needs=("source",))
def detect(context: Context) -> list[Finding]:
    """One finding per direct quote, noting its speaker when the article gives one."""
    doc, found = context.doc, context.found
    quotes: list[Finding] = []
    for start, end in quoted_ranges(text_of(doc)):
        if not _is_speech(text_of(doc), start, end):
            continue
        speaker = _speaker(doc, start, end, found) or _continued(doc, start, quotes, found)
        note = f"direct quote from {speaker}" if speaker else "direct quote, speaker not stated"
        score = 0.95 if speaker else 0.8
        details = {"speaker": speaker or None}
        quotes.append(finding(doc, "quote", "direct_quote", (start, end), score, note, details))
    return quotes
