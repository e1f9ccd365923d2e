"""detectors/decisive.py: the points that matter most for how far to trust a text."""

from __future__ import annotations

import pytest

from newscomment.model import Finding

REPORT = (
    "The city council approved a new contract for its waste collection on Tuesday. "
    "The contract runs for ten years and covers every district of the city. "
    "Council leader Maria Lopez said the deal would save money. "
    "Residents had complained about missed collections for months. "
    "The company that won the contract, Cleanway, declined to comment."
)


def points(
    detected, text: str, title: str | None = None, label: str | None = None
) -> list[Finding]:
    """The decisive findings in a text, optionally of one label."""
    return [f for f in detected(text, "decisive", title) if label is None or f.label == label]


def test_refusal_to_comment_late_in_the_text_is_a_denial(detected) -> None:
    [found] = points(detected, REPORT, label="denial")
    assert found.span.text == "The company that won the contract, Cleanway, declined to comment"
    assert found.details["position"] > 0.5
    assert found.score >= 0.85


@pytest.mark.parametrize(
    "sentence",
    [
        "A spokesman for the company dismissed the allegations.",
        "The company denied any wrongdoing.",
        "The company did not respond to a request for comment.",
        "Representatives of the company could not be reached.",
        "A company spokeswoman called the report false.",
    ],
)
def test_denials_and_silences_are_found(detected, sentence: str) -> None:
    text = REPORT.replace(
        "The company that won the contract, Cleanway, declined to comment.", sentence
    )
    assert [f.label for f in points(detected, text, label="denial")] == ["denial"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company did not deny the report.",
        "If the company denies the claims, the council will investigate.",
        "The company rejected the lowest bid.",
        "The company responded to the complaints within a week.",
    ],
)
def test_no_denial_where_none_is_stated(detected, sentence: str) -> None:
    text = REPORT.replace(
        "The company that won the contract, Cleanway, declined to comment.", sentence
    )
    assert points(detected, text, label="denial") == []


def test_certain_headline_over_hedged_claim_overstates(detected) -> None:
    text = (
        "The singer and her husband might have split after six years of marriage. "
        "The pair were not seen together at the awards ceremony on Sunday night. "
        "Neither has posted a photo of the other since the spring."
    )
    title = "Singer and husband have split after six years of marriage!"
    [found] = points(detected, text, title, "headline_overstates")
    assert found.span.text == "might"
    assert found.details["against"] == title


@pytest.mark.parametrize(
    "title",
    [
        "Singer and husband may have split",
        "Singer and husband have split, friends say",
        "Have the singer and her husband split?",
    ],
)
def test_qualified_headline_does_not_overstate(detected, title: str) -> None:
    text = (
        "The singer and her husband might have split after six years of marriage. "
        "The pair were not seen together at the awards ceremony on Sunday night."
    )
    assert points(detected, text, title, "headline_overstates") == []


def test_headline_does_not_overstate_a_hedge_in_a_side_clause(detected) -> None:
    text = (
        "Astronomers have found a large planet around a nearby star, a discovery that "
        "suggests smaller planets may be common. "
        "The planet takes three years to orbit its star, the team said."
    )
    assert (
        points(detected, text, "Astronomers find planet around nearby star", "headline_overstates")
        == []
    )


def test_claim_on_an_unnamed_source_is_single_source(detected) -> None:
    text = (
        "The defence minister will resign this week, a senior government source told "
        "the newspaper on Monday. "
        "The source said the minister had lost the confidence of the cabinet. "
        "The ministry did not respond to questions about the minister's plans."
    )
    [found] = points(detected, text, label="single_source")
    assert found.details["who"] == "a senior government source"


def test_named_sources_on_both_sides_are_not_single_source(detected) -> None:
    text = (
        "The school board voted on Tuesday to close the elementary school, board chair "
        "Anna Kim said. "
        "Parent Tom Reyes said the decision ignored the families it affects. "
        "Superintendent Lisa Grant said the district could not afford to keep it open."
    )
    assert points(detected, text, label="single_source") == []


def test_lede_characterising_figures_gives_the_numbers(detected) -> None:
    text = (
        "The retailer reported record profits for the third quarter on Thursday. "
        "Net profit rose to $412 million, up 8% from a year earlier, the company said. "
        "Its shares closed little changed."
    )
    [found] = points(detected, text, label="figures_characterised")
    assert found.span.text == "record"
    assert "$412 million" in found.details["figures"]


def test_record_as_a_noun_characterises_nothing(detected) -> None:
    text = (
        "The court asked the government to put its position on record within four weeks. "
        "The petition, filed by 12 residents, challenges the 2019 law."
    )
    assert points(detected, text, label="figures_characterised") == []


def test_press_release_with_only_its_own_voice_is_issuer_only(detected) -> None:
    text = (
        "TORONTO, June 3, 2024 /PRNewswire/ -- Northwind Robotics Inc. (NASDAQ: NWRB) today "
        "announced the opening of its new assembly plant, creating 300 jobs. "
        '"We are proud to grow here," said Dana Hill, chief executive of Northwind Robotics. '
        "Northwind Robotics is a leading maker of warehouse robots. "
        "For more information, visit the company's website. "
        "Media contact: press office, Northwind Robotics."
    )
    assert [f.label for f in detected(text, "genre")] == ["press_release"]
    [found] = points(detected, text, label="issuer_only")
    assert found.span is None


def test_press_release_quoting_an_outsider_is_not_issuer_only(detected) -> None:
    text = (
        "TORONTO, June 3, 2024 /PRNewswire/ -- Northwind Robotics Inc. (NASDAQ: NWRB) today "
        "announced the opening of its new assembly plant, creating 300 jobs. "
        "The plant was praised in a report by the Ontario Manufacturing Council. "
        "Northwind Robotics is a leading maker of warehouse robots. "
        "Media contact: press office, Northwind Robotics."
    )
    assert points(detected, text, label="issuer_only") == []


def test_news_report_is_not_issuer_only(detected) -> None:
    assert points(detected, REPORT, label="issuer_only") == []


def test_a_verb_form_that_only_describes_a_noun_is_no_denial(detected) -> None:
    text = (
        "The opposition won the vote in the northern provinces by a wide margin. "
        "A disputed boundary drawn by the old government may still split the region. "
        "Officials said a recount would start on Monday."
    )
    assert points(detected, text, label="denial") == []
