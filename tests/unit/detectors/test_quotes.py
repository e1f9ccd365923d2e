"""detectors/quotes.py: quoted speech and its speaker; scare quotes and titles are not speech."""

from __future__ import annotations

import pytest

from newscomment.detectors import quotes
from newscomment.model import Finding

SPEECH = "We will not accept any deal that leaves our farmers worse off,"


@pytest.mark.parametrize(
    "text",
    [
        f'"{SPEECH}" said John Smith, the union\'s president.',
        f"“{SPEECH}” said John Smith, the union’s president.",
        f"“{SPEECH}” John Smith, the union’s president, told reporters in Brussels.",
    ],
)
def test_speech_with_its_speaker(detected, text: str) -> None:
    [quote] = detected(text, "quote")
    assert quote.label == "direct_quote"
    assert quote.span.text == SPEECH
    assert quote.details["speaker"] == "John Smith"
    assert "John Smith" in quote.note


def test_quote_credited_to_an_organisation(detected) -> None:
    [quote] = detected(
        '"There is no evidence of wrongdoing," the ministry said in a statement.', "quote"
    )
    assert quote.details["speaker"] == "the ministry"


def test_partial_quote_inside_reported_speech(detected) -> None:
    text = 'The company said it was "confident that the merger will go ahead as planned."'
    [quote] = detected(text, "quote")
    assert quote.span.text == "confident that the merger will go ahead as planned."
    assert quote.details["speaker"] == "The company"


def test_quote_continuing_in_the_next_sentence_keeps_its_speaker(detected) -> None:
    text = (
        '"The situation on the ground is getting worse by the hour," Red Cross spokesman '
        'Tomas Berg told reporters in Geneva. "We need access now."'
    )
    first, second = detected(text, "quote")
    assert first.details["speaker"] == second.details["speaker"] == "Tomas Berg"


def test_quote_after_another_voice_does_not_inherit_the_speaker(detected) -> None:
    text = (
        '"The situation on the ground is getting worse by the hour," Red Cross spokesman '
        "Tomas Berg told reporters in Geneva. The army rejected the claim. "
        '"We need access now and we need it today."'
    )
    first, second = detected(text, "quote")
    assert first.details["speaker"] == "Tomas Berg"
    assert second.details["speaker"] is None
    assert second.note == "direct quote, speaker not stated"
    assert second.score < first.score


def test_quote_without_a_speaker_is_still_a_quote(detected) -> None:
    text = '"Nobody warned us that the water was coming," read a sign outside the flooded school.'
    [quote] = detected(text, "quote")
    assert quote.details["speaker"] is None


@pytest.mark.parametrize(
    "text",
    [
        'The minister described the protesters as "foreign agents" in a televised address.',
        'The government calls the camps "vocational training centres" and denies any abuse.',
        'She spent the summer reading the novel "The Remains of the Day" on the train.',
        'Her memoir, "A Long Way Home: Memories of a River Town", was published in March.',
        'The film "Nowhere Left to Run From Here" opened in 300 cinemas on Friday.',
    ],
)
def test_scare_quotes_and_titles_are_not_speech(detected, text: str) -> None:
    assert detected(text, "quote") == []


def test_quoted_ranges_finds_each_pair_and_an_unclosed_paragraph() -> None:
    text = 'He said "one two" and “three four”.\n"An unclosed quote runs on\nNext paragraph.'
    found = [text[a:b] for a, b in quotes.quoted_ranges(text)]
    assert found == ["one two", "three four", "An unclosed quote runs on"]


def test_detector_alone_has_no_speakers_without_sources(alone, parsed) -> None:
    doc = parsed(f'"{SPEECH}" said John Smith, the union\'s president.')
    [quote] = alone("quote", doc)
    assert quote.span.text == SPEECH
    assert quote.details["speaker"] is None


def test_seed_has_no_direct_quotes(seed_findings: list[Finding]) -> None:
    assert [f for f in seed_findings if f.kind == "quote"] == []
