"""What every detector shares: making findings from spaCy spans and locating sentences."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from newscomment.model import Finding, FindingKind, Span


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy rebuilds ``doc.text`` on every access."""
    text = doc.user_data.get("newscomment_text")
    if text is None:
        text = doc.user_data["newscomment_text"] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where the doc's sentences start (cached on the doc)."""
    starts = doc.user_data.get("newscomment_sentence_starts")
    if starts is None:
        starts = [sent.start_char for sent in doc.sents]
        doc.user_data["newscomment_sentence_starts"] = starts
    return starts


def sentence_of(doc: Doc, char: int) -> int:
    """Index of the sentence holding the character at ``char``."""
    return max(bisect_right(sentence_starts(doc), char) - 1, 0)


def char_span(doc: Doc, start: int, end: int) -> Span:
    """A data-model span for ``doc.text[start:end]``."""
    return Span(start=start, end=end, text=text_of(doc)[start:end])


def finding(
    doc: Doc,
    kind: FindingKind,
    label: str,
    span: TokenSpan | tuple[int, int],
    score: float,
    note: str,
    **details: str,
) -> Finding:
    """A finding over a token span or a ``(start, end)`` character pair; ids come later."""
    start, end = (span.start_char, span.end_char) if isinstance(span, TokenSpan) else span
    return Finding(
        id="",
        kind=kind,
        label=label,
        span=char_span(doc, start, end),
        sentence=sentence_of(doc, start),
        score=round(score, 3),
        note=note,
        details={k: v for k, v in details.items() if v},
    )


def article_finding(
    kind: FindingKind, label: str, score: float, note: str, **details: str
) -> Finding:
    """A finding about the whole article, such as a missing kind of evidence."""
    return Finding(
        id="",
        kind=kind,
        label=label,
        span=None,
        sentence=None,
        score=round(score, 3),
        note=note,
        details={k: v for k, v in details.items() if v},
    )


def inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    """True when ``span`` lies within one of ``ranges``."""
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def spans_of(findings: list[Finding], kind: str) -> list[tuple[int, int]]:
    """Character ranges of the findings of one kind."""
    return [(f.span.start, f.span.end) for f in findings if f.kind == kind and f.span]
