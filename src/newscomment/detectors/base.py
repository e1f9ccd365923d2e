"""What every detector shares: making findings from spaCy spans, locating sentences, and
matching lexicons against the parsed text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from newscomment.contract import DetailsDict
from newscomment.kinds import FindingKind
from newscomment.lexicon import indexed, runs
from newscomment.model import Finding, Span


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


def _forms(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's lower-cased lemma and lower-cased form (cached on the doc)."""
    forms = doc.user_data.get("newscomment_forms")
    if forms is None:
        forms = doc.user_data["newscomment_forms"] = (
            [t.lemma_.lower() for t in doc],
            [t.lower_ for t in doc],
        )
    return forms


def match_lexicon(tokens: Doc | TokenSpan, lexicon: str) -> Iterator[TokenSpan]:
    """The longest non-overlapping token spans of a doc (or a sentence) that spell an entry
    of ``lexicon`` (see ``newscomment.lexicon.runs``)."""
    doc = tokens if isinstance(tokens, Doc) else tokens.doc
    offset = 0 if isinstance(tokens, Doc) else tokens.start
    lemmas, lowers = _forms(doc)
    end = offset + len(tokens)
    for start, stop in runs(lemmas[offset:end], lowers[offset:end], indexed(lexicon)):
        yield doc[offset + start : offset + stop]


def lemma_key(match: TokenSpan) -> str:
    """A match's lemmas, lower-cased and joined: how lexicons key their entries."""
    return " ".join(t.lemma_.lower() for t in match)


def finding(
    doc: Doc,
    kind: FindingKind,
    label: str,
    span: TokenSpan | tuple[int, int],
    score: float,
    note: str,
    details: DetailsDict,
) -> Finding:
    """A finding over a token span or a ``(start, end)`` character pair; ids come later."""
    start, end = (span.start_char, span.end_char) if isinstance(span, TokenSpan) else span
    return Finding(
        id="",
        kind=kind,
        label=label,
        span=Span(start=start, end=end, text=text_of(doc)[start:end]),
        sentence=sentence_of(doc, start),
        score=round(score, 3),
        note=note,
        details=details,
    )


def article_finding(
    kind: FindingKind, label: str, score: float, note: str, details: DetailsDict
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
        details=details,
    )


def inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    """True when ``span`` lies within one of ``ranges``."""
    return any(start <= span[0] and span[1] <= end for start, end in ranges)
