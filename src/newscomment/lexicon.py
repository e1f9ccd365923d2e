"""Word lists shipped as data files in ``newscomment/data``, and matching them: entries are
lemma phrases, matched longest first over a sequence of tokens. Detectors (over parsed
docs) and the learned models' features (over plain strings) share this one matcher."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import resources

Index = dict[str, list[tuple[str, ...]]]
"""Entries grouped by their first word, longest first."""


def _rows(name: str) -> list[list[str]]:
    """Non-comment lines of ``data/<name>.txt``, split on tabs."""
    text = resources.files("newscomment").joinpath("data", f"{name}.txt").read_text("utf-8")
    return [
        [field.strip() for field in line.split("\t")]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def term_map(name: str) -> dict[str, str]:
    """A lexicon as ``{term: first column after it}`` (category, type or class)."""
    return {row[0].lower(): (row[1] if len(row) > 1 else "") for row in _rows(name)}


@cache
def term_table(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon as ``{term: (all other columns)}``."""
    return {row[0].lower(): tuple(row[1:]) for row in _rows(name)}


@cache
def names(name: str) -> tuple[str, ...]:
    """A one-column list of names as written (case kept: "OK!", "Us Weekly")."""
    return tuple(row[0] for row in _rows(name))


@cache
def phrases(name: str) -> tuple[str, ...]:
    """A one-column lexicon as a tuple of lower-cased phrases."""
    return tuple(row[0].lower() for row in _rows(name))


def index_phrases(entries: Iterable[str]) -> Index:
    """Group lemma phrases by their first lemma, longest first, for greedy matching."""
    index: Index = {}
    for entry in entries:
        words = tuple(entry.split())
        index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


@cache
def indexed(name: str) -> Index:
    """The terms of one lexicon (its first column), indexed for matching."""
    return index_phrases(row[0].lower() for row in _rows(name))


def runs(lemmas: Sequence[str], lowers: Sequence[str], index: Index) -> Iterator[tuple[int, int]]:
    """Longest non-overlapping (start, end) runs of tokens whose lower-cased lemmas spell an
    entry; a token matches an entry word by its lemma or by its own lower-cased form."""
    i = 0
    while i < len(lemmas):
        matched = 0
        for words in index.get(lemmas[i]) or index.get(lowers[i]) or ():
            end = i + len(words)
            if end <= len(lemmas) and all(
                lemmas[i + k] == w or lowers[i + k] == w for k, w in enumerate(words)
            ):
                matched = len(words)
                break
        if matched:
            yield i, i + matched
        i += matched or 1
