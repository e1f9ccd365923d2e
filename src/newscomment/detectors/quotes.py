"""Direct quotes: quoted speech and its speaker, where the article states one.

Quoted words are speech when they read as an utterance; scare quotes (a word or two put
in quotation marks) and titles of works are not speech and are left out.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newscomment.detectors.base import finding, sentence_of, sentence_starts
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


def _speaker(doc: Doc, start: int, end: int, prior: list[Finding]) -> str | None:
    """The source credited in the quote's own sentences or the short one right after."""
    first, last = sentence_of(doc, start), sentence_of(doc, end)
    candidates = [
        f
        for f in prior
        if f.kind == "source"
        and f.details.get("cue_kind") in SPEAKER_CUES
        and first <= (f.sentence or 0) <= last + 1
        and not (start <= f.span.start < end)
    ]
    within = [f for f in candidates if (f.sentence or 0) <= last]
    starts = [*sentence_starts(doc), len(doc.text)]
    next_is_short = last + 2 < len(starts) and starts[last + 2] - starts[last + 1] <= 80
    chosen = within or (candidates if next_is_short else [])
    if not chosen:
        return None
    nearest = min(chosen, key=lambda f: min(abs(f.span.start - start), abs(f.span.start - end)))
    return nearest.details.get("name")


def detect(doc: Doc, prior: list[Finding]) -> list[Finding]:
    """One finding per direct quote, noting its speaker when the article gives one."""
    found = []
    for start, end in quoted_ranges(doc.text):
        if not _is_speech(doc.text, start, end):
            continue
        speaker = _speaker(doc, start, end, prior)
        note = f"direct quote from {speaker}" if speaker else "direct quote, speaker not stated"
        found.append(
            finding(
                doc,
                "quote",
                "direct_quote",
                (start, end),
                0.95 if speaker else 0.8,
                note,
                speaker=speaker or "",
            )
        )
    return found
