"""Matching lexicon entries, single lemmas or lemma sequences, against a parsed doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan


def index_phrases(entries: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Group lemma phrases by their first lemma, longest first, for greedy matching."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(entry.split())
        index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


def match_lemmas(
    doc: Doc | TokenSpan, index: dict[str, list[tuple[str, ...]]]
) -> Iterator[TokenSpan]:
    """Longest non-overlapping token spans of a doc (or a sentence) whose lower-cased
    lemmas spell an entry; a token matches an entry word by its lemma or its own form."""
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        options = index.get(token.lemma_.lower()) or index.get(token.lower_)
        matched = 0
        for words in options or ():
            if i + len(words) <= n and all(
                doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w
                for k, w in enumerate(words)
            ):
                matched = len(words)
                break
        if matched:
            yield doc[i : i + matched]
            i += matched
        else:
            i += 1
