"""detectors/hedges.py: words that mark a claim as uncertain, and the look-alikes that do not."""

from __future__ import annotations

import pytest

from newscomment.model import Finding


def hedge_words(found: list[Finding]) -> list[str]:
    return [f.span.text for f in found]


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        (
            "The suspect reportedly fled the country before the warrant was issued.",
            "reportedly",
            "unconfirmed",
        ),
        (
            "The gunman allegedly opened fire on the crowd before fleeing in a stolen car.",
            "allegedly",
            "unconfirmed",
        ),
        ("The central bank may raise interest rates again next month.", "may", "modal"),
        (
            "The fire could spread to nearby villages if the wind picks up, officials warned.",
            "could",
            "modal",
        ),
        (
            "The central bank signaled that it would keep rates on hold until the end of the year.",
            "signaled",
            "inference",
        ),
        (
            "Investigators suggested the crash was caused by a faulty engine.",
            "suggested",
            "inference",
        ),
        (
            "The ceasefire appears to be holding in most of the province.",
            "appears to",
            "appearance",
        ),
        (
            "The minister is expected to resign before the end of the week.",
            "is expected to",
            "prediction",
        ),
    ],
)
def test_hedge_is_found_and_classed(detected, text: str, word: str, label: str) -> None:
    [found] = detected(text, "hedge")
    assert (found.span.text, found.label) == (word, label)
    assert found.score > 0.8


@pytest.mark.parametrize(
    "text",
    [
        "The law took effect in May 2023 after a lengthy court battle.",
        "May Chen, the mayor of the town, opened the new bridge on Friday.",
        "A spokesman for the ministry could not be reached for comment.",
        "The president's spokeswoman did not respond and could not be reached by phone.",
        "The traffic signal at the junction was broken for three days.",
        "Economist Lars Berg suggested a different approach to the crisis.",
        "The central bank raised its benchmark rate by a quarter point on Wednesday.",
        "Homeowners in the district face a possible property tax hike next spring.",
        "The company is testing a potential treatment for the rare disease.",
        "I couldn't help but smile when the old team took the field again.",
        "With the vote lost, the party might as well have stayed at home.",
        "Smokers are less likely to finish the course than other patients, the study found.",
        "Crews will restore power as soon as possible, the utility said.",
        "The council said it was not possible to reopen the pool this year.",
        "The shop sells 20 kinds of bread and a kind of honey cake.",
        "Rumours swirled online after the singer missed the awards night.",
        "Should the city build a new stadium? Could it afford one?",
        "Some believe the new road will bring trade, while others fear the noise.",
    ],
)
def test_not_a_hedge(detected, text: str) -> None:
    assert hedge_words(detected(text, "hedge")) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Police believe the gunman acted alone, a spokesman said.", "believe"),
        ("It is believed that the ship sank within minutes.", "It is believed"),
        ("The two firms have tentatively agreed on a price for the plant.", "tentatively"),
        ("Whether the dam was inspected is yet to be determined.", "yet to be determined"),
        ("The bridge is almost certainly too weak for heavy lorries.", "almost certainly"),
        ("The governor was widely expected to sign the bill.", "widely expected"),
        ("The talks seemed close to collapse on Friday night.", "seemed"),
        ("There is no guarantee the deal will close this year.", "no guarantee"),
    ],
)
def test_hedge_in_context(detected, text: str, word: str) -> None:
    assert word in hedge_words(detected(text, "hedge"))[0]


def test_may_the_month_and_may_the_modal_in_one_sentence(detected) -> None:
    text = "Prices rose in May, and the central bank may act before the summer."
    [found] = detected(text, "hedge")
    assert found.span.start == text.index("may act")


def test_signal_as_noun_and_as_verb(detected) -> None:
    text = (
        "The move was seen as a signal to investors. The bank signaled it would cut rates "
        "again in the spring."
    )
    assert hedge_words(detected(text, "hedge")) == ["signaled"]


def test_hedge_inside_a_quote_is_the_speakers_and_scored_lower(detected) -> None:
    quoted = '"We may have to close the plant if orders do not pick up," a company spokesman said.'
    plain = "The company may have to close the plant if orders do not pick up, a spokesman said."
    [inside] = detected(quoted, "hedge")
    [outside] = detected(plain, "hedge")
    assert inside.details["in_quote"] is True
    assert "inside a quote" in inside.note
    assert outside.details["in_quote"] is False
    assert inside.score < outside.score


def test_detector_alone_finds_hedges_without_prior_findings(alone, parsed) -> None:
    doc = parsed("The suspect reportedly fled the country and may have crossed into Austria.")
    assert hedge_words(alone("hedge", doc)) == ["reportedly", "may"]


def test_seed_hedges(seed_findings: list[Finding]) -> None:
    found = [f for f in seed_findings if f.kind == "hedge"]
    words = [f.span.text for f in found]
    assert words[:2] == ["reportedly", "raises hopes"]
    assert "potential" not in words  # "a potential shift": an adjective in a noun phrase
    assert found[0].sentence == 0
    assert found[0].label == "unconfirmed"
    assert "signaling" in words
