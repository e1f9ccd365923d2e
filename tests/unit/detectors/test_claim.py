"""detectors/claim.py: the sentence carrying the central claim, and how it reaches the reader."""

from __future__ import annotations

import pytest

from newscomment.model import Finding

RETIREMENT = (
    "The weather in the capital was mild and dry for most of the week. "
    "Parliament voted on Wednesday to raise the retirement age to 67, ending months of protests. "
    "The unions said they would fight on against the plan."
)


def the_claim(found: list[Finding]) -> Finding:
    [main] = found
    return main


def test_lede_attributed_first_hand(detected) -> None:
    text = (
        "The army moved two brigades to the northern border on Tuesday, the Defence Ministry "
        "said. The move followed weeks of clashes in the area."
    )
    main = the_claim(detected(text, "claim"))
    assert main.sentence == 0
    assert main.label == "attributed"
    assert main.details["secondhand"] is False
    assert main.details["core"] == "The army moved two brigades to the northern border on Tuesday"
    assert "the Defence Ministry" in main.note


def test_claim_through_an_outlet_is_second_hand(detected) -> None:
    text = "The army moved two brigades to the northern border on Tuesday, Reuters reported."
    main = the_claim(detected(text, "claim"))
    assert main.label == "attributed"
    assert main.details["secondhand"] is True
    assert main.details["core"] == "The army moved two brigades to the northern border on Tuesday"


def test_unattributed_but_reportedly_is_hearsay(detected) -> None:
    text = (
        "The suspect reportedly fled the country before police could arrest him at his home "
        "on Friday."
    )
    main = the_claim(detected(text, "claim"))
    assert main.label == "unattributed"
    assert main.details["secondhand"] is True
    assert main.details["hedged"] is True
    assert "hearsay" in main.note


def test_plain_unattributed_claim(detected) -> None:
    text = (
        "The ferry, carrying about 300 passengers, sank off the coast of Sumatra on Friday "
        "morning. Rescuers pulled 40 people from the water."
    )
    main = the_claim(detected(text, "claim"))
    assert (main.sentence, main.label) == (0, "unattributed")
    assert main.details["secondhand"] is False and main.details["hedged"] is False


def test_headline_picks_the_sentence_it_matches(detected) -> None:
    assert the_claim(detected(RETIREMENT, "claim")).sentence == 0
    titled = detected(RETIREMENT, "claim", title="Parliament raises retirement age to 67")
    assert the_claim(titled).sentence == 1


def test_too_short_sentences_are_passed_over(detected) -> None:
    text = (
        "By Anna Weber and Tom Hale. The army moved two brigades to the northern border on "
        "Tuesday, the Defence Ministry said."
    )
    assert the_claim(detected(text, "claim")).sentence == 1


def test_text_without_a_usable_sentence_has_no_claim(alone, parsed) -> None:
    assert alone("claim", parsed("Breaking news. More soon.")) == []


def test_core_start_points_at_the_core(detected) -> None:
    text = "Prices rose sharply in the third quarter, according to Reuters."
    main = the_claim(detected(text, "claim"))
    start = main.details["core_start"]
    assert text[start : start + len(main.details["core"])] == main.details["core"]
    assert main.details["core"] == "Prices rose sharply in the third quarter"


def test_core_clause_leaves_out_the_dateline(detected) -> None:
    text = (
        "NAIROBI, March 4 (Reuters) - Floods in western Kenya have killed at least 23 people "
        "and displaced more than 4,000 since Friday, the Kenya Red Cross said on Monday."
    )
    assert the_claim(detected(text, "claim")).details["core"].startswith("Floods in western Kenya")


@pytest.fixture(scope="module")
def seed_claim(seed_findings: list[Finding]) -> Finding:
    return the_claim([f for f in seed_findings if f.kind == "claim"])


def test_seed_main_claim_is_the_lede(seed_claim: Finding) -> None:
    assert seed_claim.sentence == 0
    assert seed_claim.label == "attributed"
    assert seed_claim.details["secondhand"] is True
    assert seed_claim.details["hedged"] is True
    assert "Al-Jazeera" in seed_claim.note


def test_seed_core_clause_is_the_claim_without_its_attribution(
    seed_claim: Finding, seed_article
) -> None:
    core = seed_claim.details["core"]
    assert core.startswith("Israeli Prime Minister Benjamin Netanyahu")
    assert "Al-Jazeera" not in core and "reported" not in core.split()
    start = seed_claim.details["core_start"]
    assert seed_article.text[start : start + len(core)] == core
