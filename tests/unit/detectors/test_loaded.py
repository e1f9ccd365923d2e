"""detectors/loaded.py: emotive and partisan wording where a neutral word exists."""

from __future__ import annotations

import pytest

from newscomment.model import Finding


def loaded_words(found: list[Finding]) -> list[str]:
    return [f.span.text for f in found]


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        (
            "The opposition leader slammed the budget as a giveaway to the rich.",
            "slammed",
            "emotive",
        ),
        (
            "The regime has detained hundreds of protesters since the election.",
            "regime",
            "partisan",
        ),
        (
            "The storm caused devastating damage across the coastal region.",
            "devastating",
            "emotive",
        ),
        ("The company claimed the recall was a precaution.", "claimed", "saying"),
        ("He admitted the charges in court on Tuesday.", "admitted", "saying"),
    ],
)
def test_loaded_word_with_a_neutral_alternative(detected, text: str, word: str, label: str) -> None:
    [found] = detected(text, "loaded")
    assert (found.span.text, found.label) == (word, label)
    assert found.details["neutral"]
    assert found.details["neutral"] in found.note


@pytest.mark.parametrize(
    "text",
    [
        "Innocent Mwangi, a farmer from Nakuru, said the drought had ruined his maize crop.",
        "Insurance claims from the floods have reached record levels, the industry body said.",
        "Claims for jobless benefits fell by 12,000 last week.",
        "The ministry rejected the claims in a statement on Monday.",
        "The trial heard an admission of guilt from the driver.",
        "The central bank raised its benchmark rate by a quarter point on Wednesday.",
    ],
)
def test_not_loaded(detected, text: str) -> None:
    assert loaded_words(detected(text, "loaded")) == []


def test_loaded_word_in_a_quote_is_the_speakers(detected) -> None:
    text = '"This is a brutal attack on innocent people," the mayor told reporters.'
    found = detected(text, "loaded")
    assert loaded_words(found) == ["brutal", "innocent"]
    assert all(f.details["in_quote"] is True and f.score < 0.5 for f in found)
    assert all("the speaker's word" in f.note for f in found)


def test_detector_alone_finds_the_words(alone, parsed) -> None:
    doc = parsed("Rebels slammed the regime after the devastating raid on the village.")
    assert loaded_words(alone("loaded", doc)) == ["slammed", "regime", "devastating"]


def test_seed_loaded_words(seed_findings: list[Finding]) -> None:
    found = {f.span.text: f for f in seed_findings if f.kind == "loaded"}
    assert {"innocent", "staunch", "devastation"} <= found.keys()
    assert found["innocent"].details["neutral"] == "civilian"
    assert found["staunch"].details["neutral"] == "firm"
    assert all(f.label == "emotive" and f.details["in_quote"] is False for f in found.values())
