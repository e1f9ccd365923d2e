"""detectors/opinion.py: sentences in which the writer, not a source, judges or predicts."""

from __future__ import annotations

import pytest

from newscomment.model import Finding

WILLINGNESS = "Netanyahu's willingness to engage in dialogue marks a significant departure"


@pytest.mark.parametrize(
    "text",
    [
        "The government's decision to cut funding for rural clinics is a reckless gamble "
        "that will inevitably hurt the poorest families.",
        "The plan is reckless and deeply irresponsible.",
    ],
)
def test_writers_judgement_is_opinion(detected, text: str) -> None:
    [found] = detected(text, "opinion")
    assert found.label == "evaluation"
    assert found.span.text == text
    assert "reckless" in found.details["cues"]
    assert found.details["excerpt"] in text
    assert "unattributed" in found.note


@pytest.mark.parametrize(
    "text",
    [
        "The central bank raised its benchmark rate by a quarter point on Wednesday, "
        "the bank said in a statement.",
        "The bridge, which opened in 1932, carries about 40,000 vehicles a day.",
        "The storm knocked out power to 200,000 homes on Tuesday, according to the utility.",
    ],
)
def test_neutral_wire_sentence_is_not_opinion(detected, text: str) -> None:
    assert detected(text, "opinion") == []


@pytest.mark.parametrize(
    "text",
    [
        "The plan is reckless and deeply irresponsible, Senator Maria Lopez said.",
        "The plan is reckless, the senator said.",
        '"The plan is reckless and deeply irresponsible," Senator Maria Lopez said.',
    ],
)
def test_attributed_evaluation_is_not_the_writers(detected, text: str) -> None:
    assert detected(text, "opinion") == []


@pytest.mark.parametrize(
    "text",
    [
        "Critics say the new stadium is a reckless waste of public money.",
        "Fans think the singer's cryptic post was a dig at her former bandmate.",
        "Several users on the forum guessed that the couple had quietly split.",
        "Many believe the reform is doomed, and some fear it will be deeply damaging.",
        "The cure is said to be a remarkable advance for patients.",
        "It is widely believed that the talks are doomed.",
    ],
)
def test_views_of_people_and_groups_are_not_the_writers(detected, text: str) -> None:
    assert detected(text, "opinion") == []


@pytest.mark.parametrize(
    "text",
    [
        "Another cabinet minister has resigned.",
        "The college received a grant of $3 million to study river pollution.",
        "The fire is under investigation.",
        "The new bridge may not open until next spring.",
    ],
)
def test_plain_or_hedged_report_is_not_opinion(detected, text: str) -> None:
    assert detected(text, "opinion") == []


def test_opening_quote_left_open_is_the_speakers(detected) -> None:
    text = "\u201cIt is encouraging to see so many volunteers, and it is truly remarkable."
    assert detected(text, "opinion") == []


def test_writers_own_belief_is_opinion(detected) -> None:
    text = "I believe the council's decision is shameful and deeply misguided."
    [found] = detected(text, "opinion")
    assert found.label == "evaluation"


def test_argued_text_counts_model_judgements(detected) -> None:
    text = (
        "The council's plan is reckless and deeply misguided. "
        "Its leaders should scrap it before it is too late. "
        "We must demand better, and we deserve better. "
        "Nobody asked for a car park where the library stood. "
        "The whole affair is a travesty of local democracy."
    )
    found = detected(text, "opinion")
    assert len(found) >= 4
    assert found[0].sentence == 0


def test_recommendation_is_labelled(detected) -> None:
    text = "Regulators should act now, and they must act decisively."
    [found] = detected(text, "opinion")
    assert found.label == "recommendation"


def test_detector_alone_scores_one_sentence_at_a_time(alone, parsed) -> None:
    doc = parsed(
        "The plan is reckless and deeply irresponsible. "
        "The council will vote on it on Thursday, a spokesman said."
    )
    [found] = alone("opinion", doc)
    assert found.sentence == 0


@pytest.fixture(scope="module")
def seed_opinions(seed_findings: list[Finding]) -> list[Finding]:
    return [f for f in seed_findings if f.kind == "opinion"]


def test_seed_willingness_sentence_is_opinion(seed_opinions: list[Finding]) -> None:
    [found] = [f for f in seed_opinions if f.span.text.startswith("Netanyahu's willingness")]
    assert found.label == "evaluation"
    assert found.details["excerpt"].startswith(WILLINGNESS)
    assert "significant" in found.details["cues"]


def test_seed_attributed_sentences_are_not_opinion(seed_opinions: list[Finding], seed_doc) -> None:
    sentences = [s.text for s in seed_doc.sents]
    opinion_sentences = {f.sentence for f in seed_opinions}
    for index, text in enumerate(sentences):
        if text.startswith(("According to sources", "Netanyahu condemned", "In the ongoing")):
            assert index not in opinion_sentences, text


def test_seed_closing_cliche_is_opinion(seed_opinions: list[Finding]) -> None:
    assert any(f.span.text.startswith("However, the path to lasting peace") for f in seed_opinions)
