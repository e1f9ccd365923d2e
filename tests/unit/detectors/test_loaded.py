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
            "The opposition leader slammed the budget in a speech on Monday.",
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
        ("The senator boasted that the plan had no critics.", "boasted", "saying"),
        ("The so-called reform leaves the rules as they were.", "so-called", "partisan"),
        ("Teachers were told to drop the woke lessons by June.", "woke", "partisan"),
        ("The radical left wants to tax every small business.", "radical left", "partisan"),
        ("A far-right group marched through the town centre.", "far-right", "partisan"),
        (
            "Officials ran a scheme to funnel public money to friends.",
            "scheme to funnel",
            "partisan",
        ),
        ("The ruling amounts to a judicial coup against the voters.", "judicial coup", "partisan"),
        ("The premier is a puppet of the mining lobby.", "puppet", "partisan"),
        ("The elites in the capital ignore rural towns.", "elites", "partisan"),
        ("The cabal behind the plan meets in secret.", "cabal", "partisan"),
        ("The state broadcaster aired more propaganda on Sunday.", "propaganda", "partisan"),
        ("The draconian rules ban all protest near parliament.", "draconian", "partisan"),
        ("The mayor blasted the ruling on Friday.", "blasted", "emotive"),
        ("The governor vowed to end the war on coal in the state.", "war on", "partisan"),
        ("The job-killing tax will close small shops.", "job-killing", "partisan"),
        ("Prices rose because of corporate greed, the flyer read.", "corporate greed", "partisan"),
        ("The fat cats in the boardroom got a raise again.", "fat cats", "partisan"),
        ("Unelected bureaucrats wrote the new farm rules.", "bureaucrats", "partisan"),
        ("Thugs smashed the windows of the party office.", "Thugs", "partisan"),
        ("The council plans to gut the library budget next year.", "gut", "emotive"),
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
        "The minister insisted the budget was balanced.",
        "He admitted the charges in court on Tuesday.",
        "The company claimed the recall was a precaution.",
        "She noted that sales had fallen, and added that costs were rising.",
        "The engineer explained how the bridge was built.",
        "The car slammed into a wall on the motorway.",
        "The treaty set up a sanctions regime for arms sales.",
        "Elite athletes train at the centre all year.",
        "The invasion of the island began at dawn, the army said.",
        "Rebels pressed the war on Ukraine's eastern front.",
    ],
)
def test_not_loaded(detected, text: str) -> None:
    assert loaded_words(detected(text, "loaded")) == []


def test_invasion_is_loaded_only_about_migration(detected) -> None:
    text = "The senator warned of an invasion at the southern border by migrants."
    assert loaded_words(detected(text, "loaded")) == ["invasion"]


def test_scare_quoted_word_is_not_the_writers(detected) -> None:
    text = "The minister called the strikers ‘thugs’ on Monday."
    [found] = detected(text, "loaded")
    assert found.details["in_quote"] is True


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
