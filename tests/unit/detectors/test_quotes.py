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


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("The mayor said the plan was ‘a waste of money’ and left.", ["a waste of money"]),
        ("The mayor said the plan was 'a waste of money' and left.", ["a waste of money"]),
        ("‘The workers’ rights come first,’ she said.", ["The workers’ rights come first,"]),
        ("The union won’t back the 1990s’ rules or the Smiths’ claim.", []),
        ("He called it 'unfair' and the deal 'a betrayal'.", ["unfair", "a betrayal"]),
        ("Rock 'n' roll never dies, and the '90s are back.", ["n"]),
        ("She said “the figures don't add up\" and walked out.", ["the figures don't add up"]),
    ],
)
def test_single_marks_are_told_from_apostrophes(text: str, inside: list[str]) -> None:
    assert [text[a:b] for a, b in quotes.quoted_ranges(text)] == inside


def test_a_quote_over_several_paragraphs_counts_once() -> None:
    text = (
        "Councillor Tom Reyes said: “We have asked for more buses for years.\n\n"
        "“Nobody in the transport office has listened to us.”\n\nThe office declined to comment."
    )
    [quote] = quotes.quotations(text)
    assert text[quote.start : quote.end] == "We have asked for more buses for years."
    assert text[quote.reach - 1] == "."
    assert "listened to us" in text[quote.start : quote.reach]


def test_british_quotes_with_their_speaker(detected) -> None:
    text = "‘We will not give up on this town,’ said Mary Hollis, the council leader."
    [quote] = detected(text, "quote")
    assert quote.span.text == "We will not give up on this town,"
    assert quote.details["speaker"] == "Mary Hollis"


def test_multi_paragraph_quote_is_one_finding(detected) -> None:
    text = (
        "Councillor Tom Reyes said: “We have asked for more buses on the route for years.\n\n"
        "“Nobody in the transport office has listened to a single word we said.”"
    )
    [quote] = detected(text, "quote")
    assert quote.span.text == "We have asked for more buses on the route for years."
    assert quote.details["speaker"] == "Tom Reyes"


def test_quote_introduced_by_the_paragraph_before(detected) -> None:
    text = "Councillor Tom Reyes said:\n\n“We have asked for more buses on the route for years.”"
    [quote] = detected(text, "quote")
    assert quote.details["speaker"] == "Tom Reyes"


def test_quote_paragraph_after_a_speakers_quote_keeps_the_speaker(detected) -> None:
    text = (
        "“The river has never been this high in living memory,” said Tom Reyes, the mayor.\n\n"
        "“We are asking everyone on the east bank to leave tonight.”"
    )
    first, second = detected(text, "quote")
    assert first.details["speaker"] == second.details["speaker"] == "Tom Reyes"


@pytest.mark.parametrize("cue", ["she said", "Marsh said"])
def test_pronoun_and_surname_speakers_get_the_full_name(detected, cue: str) -> None:
    text = (
        "Elena Marsh runs the clinic in the valley. "
        f'"We have no beds left for anyone who comes in tonight," {cue}.'
    )
    [quote] = detected(text, "quote")
    assert quote.details["speaker"] == "Elena Marsh"


def test_quote_told_to_an_outlet_is_the_speakers(detected) -> None:
    text = '"We will rebuild every single home," Governor Ana Ruiz told the AP on Sunday.'
    [quote] = detected(text, "quote")
    assert "Ana Ruiz" in quote.details["speaker"]


def test_short_quote_reported_by_a_verb_of_saying_is_a_quote(detected) -> None:
    text = "The mayor said the new bridge was “far too expensive” for a town of its size."
    [quote] = detected(text, "quote")
    assert quote.span.text == "far too expensive"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the plan ‘a waste’ at the meeting on Monday evening.",
        "The agency issued a “stay at home now” order for the whole county.",
        "She remembered him pushing a cart full of “old junk” along the lane at night.",
    ],
)
def test_labels_in_single_or_double_marks_are_not_quotes(detected, text: str) -> None:
    assert detected(text, "quote") == []


def test_detector_alone_has_no_speakers_without_sources(alone, parsed) -> None:
    doc = parsed(f'"{SPEECH}" said John Smith, the union\'s president.')
    [quote] = alone("quote", doc)
    assert quote.span.text == SPEECH
    assert quote.details["speaker"] is None


def test_seed_has_no_direct_quotes(seed_findings: list[Finding]) -> None:
    assert [f for f in seed_findings if f.kind == "quote"] == []


def test_quote_after_a_paraphrase_of_the_same_speaker_keeps_the_speaker(detected) -> None:
    text = (
        "The elderly neighbour said: “He came and went at all hours.\n\n"
        "The noise of his van woke us up most nights.”\n\n"
        "She moved away years ago, but the neighbour believes the police missed a clue.\n\n"
        "“There was a shed at the end of his garden that nobody ever looked inside.”"
    )
    quotes = detected(text, "quote")
    assert [q.details["speaker"] for q in quotes] == ["The elderly neighbour"] * 2


def test_a_quote_after_another_speaker_s_paraphrase_gets_no_speaker(detected) -> None:
    text = (
        "The elderly neighbour said: “He came and went at all hours.”\n\n"
        "Detective Sara Lund said officers had searched the house twice.\n\n"
        "“There was a shed at the end of his garden that nobody ever looked inside.”"
    )
    quotes = detected(text, "quote")
    assert quotes[-1].details["speaker"] is None


def test_a_survey_is_the_source_of_the_wording_it_reports(detected) -> None:
    text = (
        "A March survey by the Civic Research Centre showed 58 percent of voters in favour "
        "of “lowering the voting age to sixteen in local elections.”"
    )
    [quote] = detected(text, "quote")
    assert quote.details["speaker"] == "A March survey by the Civic Research Centre"
