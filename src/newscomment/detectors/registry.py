"""The detector registry: every detector registers under the kind of finding it makes,
with the kinds it needs; they run in the order those needs give, and each reads earlier
findings through an index that holds only the kinds it declared."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from newscomment.detectors.base import text_of
from newscomment.kinds import KINDS
from newscomment.learned.shelf import ModelShelf
from newscomment.model import Finding


class FindingIndex:
    """Earlier findings by kind and by sentence, limited to the kinds a detector needs, so
    that a detector cannot come to depend on one it did not declare."""

    def __init__(self, findings: Iterable[Finding], kinds: Collection[str]) -> None:
        self._kinds = frozenset(kinds)
        self._by_kind: dict[str, list[Finding]] = {kind: [] for kind in self._kinds}
        self._by_sentence: defaultdict[tuple[str, int], list[Finding]] = defaultdict(list)
        for item in findings:
            if item.kind in self._kinds:
                self._by_kind[item.kind].append(item)
                if item.sentence is not None:
                    self._by_sentence[item.kind, item.sentence].append(item)

    def of(self, kind: str) -> list[Finding]:
        """Every finding of ``kind``, in the order its detector made them."""
        self._check(kind)
        return list(self._by_kind[kind])

    def in_sentences(self, kind: str, first: int, last: int) -> list[Finding]:
        """Findings of ``kind`` in sentences ``first`` to ``last`` (both included)."""
        self._check(kind)
        return [f for i in range(first, last + 1) for f in self._by_sentence.get((kind, i), ())]

    def within(self, kind: str, start: int, end: int) -> list[Finding]:
        """Findings of ``kind`` whose span starts at a character in ``[start, end)``."""
        return [f for f in self.of(kind) if f.span and start <= f.span.start < end]

    def spans(self, kind: str) -> list[tuple[int, int]]:
        """The character ranges of the findings of ``kind``."""
        return [(f.span.start, f.span.end) for f in self.of(kind) if f.span]

    def _check(self, kind: str) -> None:
        """Refuse a kind the detector did not declare among its needs."""
        if kind not in self._kinds:
            raise KeyError(f"{kind!r} findings were not declared as needed")


@dataclass(frozen=True, slots=True)
class Context:
    """What a detector sees: the parsed article, its headline, the findings it needs, the
    learned models, and the outlet and address the article came with."""

    doc: Doc
    title: str | None
    found: FindingIndex
    models: ModelShelf
    outlet: str | None = None
    url: str | None = None


Detect = Callable[[Context], list[Finding]]


@dataclass(frozen=True, slots=True)
class Detector:
    """A registered detector: the kind it finds, the kinds it reads, and itself."""

    kind: str
    needs: tuple[str, ...]
    detect: Detect


REGISTRY: dict[str, Detector] = {}


def detector(kind: str, needs: tuple[str, ...] = ()) -> Callable[[Detect], Detect]:
    """Register the decorated function as the detector of ``kind``, reading ``needs``."""

    def register(detect: Detect) -> Detect:
        unknown = [k for k in (kind, *needs) if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown finding kinds: {', '.join(unknown)}")
        if kind in REGISTRY:
            raise ValueError(f"a detector of {kind!r} is already registered")
        REGISTRY[kind] = Detector(kind, needs, detect)
        return detect

    return register


def ordered() -> list[Detector]:
    """The registered detectors, each after every detector whose kind it needs; among those
    free to run, the one registered first (so the order, and the findings', is stable)."""
    missing = {need for d in REGISTRY.values() for need in d.needs} - set(REGISTRY)
    if missing:
        raise ValueError(f"no detector registered for {', '.join(sorted(missing))}")
    order: list[Detector] = []
    waiting = list(REGISTRY.values())
    while waiting:
        done = {d.kind for d in order}
        ready = next((d for d in waiting if set(d.needs) <= done), None)
        if ready is None:
            raise ValueError(f"the needs of {', '.join(d.kind for d in waiting)} form a cycle")
        order.append(ready)
        waiting.remove(ready)
    return order


def run_one(
    kind: str,
    doc: Doc,
    models: ModelShelf,
    prior: Iterable[Finding] = (),
    title: str | None = None,
    outlet: str | None = None,
) -> list[Finding]:
    """The detector of ``kind`` alone on a parsed doc, given earlier findings (none: as
    if the detectors it needs had found nothing)."""
    item = REGISTRY[kind]
    return item.detect(Context(doc, title, FindingIndex(prior, item.needs), models, outlet))


def detect_all(
    doc: Doc,
    title: str | None,
    models: ModelShelf,
    outlet: str | None = None,
    url: str | None = None,
) -> list[Finding]:
    """Run every detector in order; number the findings ``kind-n`` in article order."""
    findings: list[Finding] = []
    for item in ordered():
        index = FindingIndex(findings, item.needs)
        findings += item.detect(Context(doc, title, index, models, outlet, url))
    counters: dict[str, int] = {}
    end = len(text_of(doc))
    for item in sorted(findings, key=lambda f: (f.span.start if f.span else end, f.kind)):
        counters[item.kind] = counters.get(item.kind, 0) + 1
        item.id = f"{item.kind}-{counters[item.kind]}"
    return findings
