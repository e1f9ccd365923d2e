"""detectors/boilerplate.py: stock phrases that fill space without adding information."""

from __future__ import annotations

import pytest

from newscomment.model import Finding


def phrases_in(found: list[Finding]) -> list[str]:
    return [f.span.text for f in found]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Only time will tell whether the new coach can turn the club around.",
            "Only time will tell",
        ),
        (
            "Analysts called the agreement a small step forward for the region's fishermen.",
            "a small step forward",
        ),
        ("Whether the truce will hold remains to be seen, diplomats said.", "remains to be seen"),
        (
            "The outbreak was a stark reminder of how fragile the health system is.",
            "a stark reminder",
        ),
    ],
)
def test_stock_phrase_found_as_written(detected, text: str, phrase: str) -> None:
    [found] = detected(text, "boilerplate")
    assert found.span.text == phrase
    assert text[found.span.start : found.span.end] == phrase
    assert found.label == "stock_phrase"


@pytest.mark.parametrize(
    "text",
    [
        "The central bank raised its benchmark rate by a quarter point on Wednesday.",
        "The city council voted 7 to 2 on Monday to close the Elm Street library.",
        "Rescuers pulled three people from the rubble of the hotel on Sunday.",
    ],
)
def test_plain_sentence_has_no_stock_phrase(detected, text: str) -> None:
    assert detected(text, "boilerplate") == []


def test_phrase_split_across_a_line_break(alone, parsed) -> None:
    doc = parsed("Negotiators said the talks were fraught\nwith challenges from the start.")
    assert phrases_in(alone("boilerplate", doc)) == ["fraught\nwith challenges"]


def test_matching_ignores_case_and_prefers_the_longer_phrase(alone, parsed) -> None:
    doc = parsed("Time will tell if the reforms work. Only time will tell, the minister said.")
    assert phrases_in(alone("boilerplate", doc)) == ["Time will tell", "Only time will tell"]


def test_seed_stock_phrases(seed_findings: list[Finding]) -> None:
    found = phrases_in([f for f in seed_findings if f.kind == "boilerplate"])
    assert {"a glimmer of hope", "fraught with challenges", "concerted efforts"} <= set(found)
    assert "caught in the crossfire" in found
