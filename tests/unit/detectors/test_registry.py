"""registry.py: detectors register under their kind with what they need, run after what
they need (ties in registration order), and read only the findings they declared."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newscomment.detectors import registry
from newscomment.detectors.registry import REGISTRY, FindingIndex, detector, ordered
from newscomment.kinds import KINDS
from newscomment.model import Finding, Span


def test_every_kind_has_exactly_one_detector() -> None:
    assert set(REGISTRY) == set(KINDS)


def test_each_detector_runs_after_every_kind_it_needs() -> None:
    order = [d.kind for d in ordered()]
    for position, item in enumerate(ordered()):
        assert set(item.needs) <= set(order[:position]), item.kind


def test_ties_are_broken_by_registration_order() -> None:
    assert [d.kind for d in ordered()] == [
        "source", "quote", "hedge", "loaded", "boilerplate", "opinion", "missing", "genre",
        "claim", "decisive"
    ]  # fmt: skip


def test_the_claim_detector_is_registered_and_reads_the_title(detected) -> None:
    text = (
        "Talks resumed on Monday in Geneva after a month of clashes. "
        "Rebel leaders said they wanted a ceasefire before the winter."
    )
    title = "Rebel leaders want a ceasefire before winter"
    [claim] = detected(text, "claim", title=title)
    assert claim.sentence == 1


def test_detect_all_numbers_what_it_returns(seed_findings: list[Finding]) -> None:
    assert all(re.fullmatch(rf"{f.kind}-\d+", f.id) for f in seed_findings)
    assert Counter(f.kind for f in seed_findings)["claim"] == 1


def finding(kind: str, start: int, sentence: int) -> Finding:
    """A bare finding of ``kind`` at ``start`` in ``sentence``."""
    span = Span(start, start + 3, "abc")
    return Finding("", kind, "x", span, sentence, 1.0, "")  # type: ignore[arg-type]


def test_the_index_finds_by_kind_sentence_and_offsets() -> None:
    found = [finding("source", 0, 0), finding("source", 20, 1), finding("quote", 25, 1)]
    index = FindingIndex(found, ("source", "quote"))

    assert index.of("source") == found[:2]
    assert index.in_sentences("source", 1, 3) == [found[1]]
    assert index.within("source", 10, 30) == [found[1]]
    assert index.spans("quote") == [(25, 28)]


def test_the_index_refuses_a_kind_the_detector_did_not_declare() -> None:
    index = FindingIndex([finding("quote", 0, 0)], ("source",))

    with pytest.raises(KeyError, match="'quote' findings were not declared as needed"):
        index.of("quote")


def test_registering_an_unknown_or_taken_kind_fails() -> None:
    with pytest.raises(ValueError, match="unknown finding kinds: rumour"):
        detector("rumour")(lambda context: [])
    with pytest.raises(ValueError, match="unknown finding kinds: rumour"):
        detector("hedge", needs=("rumour",))(lambda context: [])
    with pytest.raises(ValueError, match="already registered"):
        detector("hedge")(lambda context: [])


def test_needs_that_form_a_cycle_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cyclic = {
        "quote": registry.Detector("quote", ("hedge",), lambda context: []),
        "hedge": registry.Detector("hedge", ("quote",), lambda context: []),
    }
    monkeypatch.setattr(registry, "REGISTRY", cyclic)

    with pytest.raises(ValueError, match="form a cycle"):
        ordered()
