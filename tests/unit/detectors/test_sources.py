"""detectors/sources.py: who the article says told it what, of which type, and through whom."""

from __future__ import annotations

import pytest

from newscomment.model import Finding


def only(found: list[Finding]) -> Finding:
    """The one source finding of a sentence that credits exactly one source."""
    assert len(found) == 1, [(f.span.text, f.label) for f in found]
    return found[0]


def by_name(found: list[Finding]) -> dict[str, Finding]:
    return {f.details["name"]: f for f in found}


# --- one attribution, one type ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        (
            "John Smith, the company's chief executive, said the merger would close "
            "by the end of the year.",
            "named_person",
            "John Smith",
        ),
        (
            "Prices rose sharply in the third quarter, according to Reuters.",
            "media_outlet",
            "Reuters",
        ),
        (
            "The New York Times reported that the company had hired advisers to explore a sale.",
            "media_outlet",
            "The New York Times",
        ),
        (
            "The Health Ministry said 12 people had died in the outbreak.",
            "named_org",
            "The Health Ministry",
        ),
        ("The rains flooded hundreds of homes, the Red Cross said.", "named_org", "the Red Cross"),
        ("Police said the suspect was arrested at his home.", "named_org", "Police"),
        (
            "Child poverty rose in 40 of the 60 countries surveyed, according to a report "
            "by the United Nations.",
            "document",
            "a report by the United Nations",
        ),
        (
            "A report by the United Nations found that child poverty rose in 40 of the 60 "
            "countries surveyed.",
            "document",
            "A report by the United Nations",
        ),
    ],
)
def test_attribution_is_typed(detected, text: str, label: str, name: str) -> None:
    found = only(detected(text, "source"))
    assert (found.label, found.details["name"]) == (label, name)
    assert found.span.text in text


@pytest.mark.parametrize(
    "text",
    [
        "The talks had stalled over the question of prisoner releases, officials familiar "
        "with the matter said.",
        "Two officials, speaking on condition of anonymity, said the minister would resign.",
        "Officials said the bridge would reopen next month.",
        "The road will reopen on Monday, a police spokesman said.",
    ],
)
def test_unnamed_people_are_anonymous(detected, text: str) -> None:
    assert only(detected(text, "source")).label == "anonymous"


def test_anonymity_qualifier_is_part_of_the_mention(detected) -> None:
    text = (
        "The talks had stalled over the question of prisoner releases, officials familiar "
        "with the matter said."
    )
    assert only(detected(text, "source")).span.text == "officials familiar with the matter"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The curfew would be lifted on Monday, state media reported.", "state media"),
        (
            "The curfew would be lifted on Monday, according to state television.",
            "state television",
        ),
        (
            "The curfew would be lifted on Monday, according to a local broadcaster.",
            "a local broadcaster",
        ),
    ],
)
def test_an_unnamed_outlet_is_a_source_without_a_name(detected, text: str, name: str) -> None:
    found = only(detected(text, "source"))
    assert (found.label, found.details["name"]) == ("anonymous", name)


# --- second-hand chains -------------------------------------------------------------------


def test_told_an_outlet_puts_the_outlet_in_the_chain(detected) -> None:
    text = (
        "Maria Lopez, a spokeswoman for the city council, told Reuters the road would "
        "reopen on Monday."
    )
    found = by_name(detected(text, "source"))
    assert found["Maria Lopez"].label == "named_person"
    assert found["Maria Lopez"].details["via"] == "Reuters"
    assert found["Reuters"].label == "media_outlet"


@pytest.mark.parametrize("who", ["three sources", "three sources familiar with the matter"])
def test_outlet_citing_unnamed_sources(detected, who: str) -> None:
    text = f"The army had moved two brigades to the border, Reuters reported, citing {who}."
    found = by_name(detected(text, "source"))
    assert found["Reuters"].label == "media_outlet"
    assert found["Reuters"].details["via"] is None
    assert found["three sources"].label == "anonymous"
    assert found["three sources"].details["via"] == "Reuters"


def test_passive_speech_credits_the_agent_not_the_listener(detected) -> None:
    text = (
        "President Anna Novak visited the flooded town on Monday. In a meeting that day "
        "she was told by Interior Minister Pavel Horak that 40 people were still missing."
    )
    found = detected(text, "source")
    assert [f.details["name"] for f in found] == ["Pavel Horak"]


# --- pronouns -----------------------------------------------------------------------------


def test_he_added_resolves_to_the_person_named_before(detected) -> None:
    text = (
        "Senator Mark Davis criticised the bill on Tuesday. He added that he would vote against it."
    )
    first, second = detected(text, "source")
    assert (first.details["name"], first.label) == ("Mark Davis", "named_person")
    assert second.span.text == "He"
    assert (second.details["name"], second.label) == ("Mark Davis", "named_person")


def test_pronoun_resolves_to_a_person_named_as_subject_but_not_yet_quoted(detected) -> None:
    text = (
        "Prime Minister Jane Doe met the delegation on Tuesday. She said the talks were productive."
    )
    found = only(detected(text, "source"))
    assert (found.span.text, found.details["name"], found.label) == (
        "She",
        "Jane Doe",
        "named_person",
    )


def test_it_added_resolves_to_the_organisation(detected) -> None:
    text = (
        "The ministry said in a statement that 300 troops had been deployed. "
        "It added that more would follow."
    )
    assert [f.details["name"] for f in detected(text, "source")] == ["The ministry"] * 2


def test_pronoun_with_no_one_to_refer_to_is_not_a_source(detected) -> None:
    assert detected("He said the plan would fail.", "source") == []


# --- what is not an attribution -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police found a body in the river on Sunday morning.",
        "A spokesman for the company declined to comment.",
        "Lawmakers should reject the bill, which is deeply flawed and unfair to small businesses.",
        "The council will announce its decision on the new stadium on Friday.",
    ],
)
def test_not_a_source(detected, text: str) -> None:
    assert detected(text, "source") == []


def test_role_noun_resolves_to_the_person_named_before(detected) -> None:
    text = (
        "Mayor Ines Garcia opened the bridge on Saturday. It will carry 10,000 cars a day, "
        "the mayor said."
    )
    assert [f.details["name"] for f in detected(text, "source")] == ["Ines Garcia"]


def test_detector_runs_alone_and_returns_findings_in_text_order(alone, parsed) -> None:
    doc = parsed(
        "The army had moved two brigades to the border, Reuters reported, citing three sources. "
        "The Defence Ministry said the move was routine."
    )
    found = alone("source", doc)
    assert [f.kind for f in found] == ["source"] * 3
    assert [f.span.start for f in found] == sorted(f.span.start for f in found)
    assert all(doc.text[f.span.start : f.span.end] == f.span.text for f in found)


# --- the seed -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_sources(seed_findings: list[Finding]) -> dict[str, Finding]:
    return by_name([f for f in seed_findings if f.kind == "source"])


def test_seed_outlets(seed_sources: dict[str, Finding]) -> None:
    assert seed_sources["Al-Jazeera"].label == "media_outlet"
    assert seed_sources["Al-Jazeera"].details["cue"] == "reported"
    assert seed_sources["The Times of Israel"].label == "media_outlet"


def test_seed_unnamed_sources_come_through_the_times_of_israel(
    seed_sources: dict[str, Finding],
) -> None:
    unnamed = seed_sources["sources"]
    assert unnamed.label == "anonymous"
    assert unnamed.details["via"] == "The Times of Israel"
    assert unnamed.details["cue"] == "according to"


def test_seed_netanyahu_is_a_named_person(seed_sources: dict[str, Finding]) -> None:
    assert seed_sources["Netanyahu"].label == "named_person"
    assert seed_sources["Netanyahu"].span.text == "Netanyahu"


def test_seed_criticism_from_officials_is_anonymous(seed_sources: dict[str, Finding]) -> None:
    assert seed_sources["Israeli officials"].label == "anonymous"
    assert seed_sources["Israeli officials"].details["cue_kind"] == "speech noun"


def test_seed_spans_point_into_the_text(seed_findings: list[Finding], seed_article) -> None:
    for f in seed_findings:
        if f.kind == "source":
            assert seed_article.text[f.span.start : f.span.end] == f.span.text


# --- described sources resolve to the people the article names ------------------------------


def names(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.details["name"], f.label) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Gov. Ana Ruiz toured the flooded valley on Friday. The governor said the state "
        "would pay for the repairs.",
        "The state would pay for the repairs, Idaho's governor said on Friday. Gov. Ana Ruiz "
        "toured the flooded valley later that day.",
        "Ana Ruiz, the governor of the state, toured the flooded valley. The governor said "
        "the state would pay for the repairs.",
    ],
)
def test_the_governor_is_the_governor_the_article_names(detected, text: str) -> None:
    assert names(detected(text, "source")) == [("Ana Ruiz", "named_person")]


def test_spokeswoman_in_apposition_is_named_and_so_are_her_later_mentions(detected) -> None:
    text = (
        "Nancy Lee, the agency's spokeswoman, said the road was closed. The spokeswoman "
        "added that it would reopen on Monday, and she said crews were at work."
    )
    assert names(detected(text, "source")) == [("Nancy Lee", "named_person")] * 3


def test_title_before_a_name_resolves_a_later_role_noun(detected) -> None:
    text = (
        "Fire spokesman Tom Hale spoke near the ridge. The blaze was spreading fast, "
        "the spokesperson said."
    )
    assert names(detected(text, "source")) == [("Tom Hale", "named_person")]


def test_a_role_with_a_different_country_is_not_the_named_minister(detected) -> None:
    text = (
        "Dutch Foreign Minister Pieter de Vries met his counterpart. The Belgian minister "
        "said the talks had been useful."
    )
    assert all(name != "Pieter de Vries" for name, _ in names(detected(text, "source")))


def test_an_indefinite_role_stays_unnamed(detected) -> None:
    text = "Gov. Ana Ruiz toured the valley. A spokesman said the state would pay for repairs."
    assert names(detected(text, "source")) == [("A spokesman", "anonymous")]


def test_the_agency_is_the_agency_the_article_names(detected) -> None:
    text = (
        "The Federal Roads Agency closed the bridge on Monday. The agency said it would "
        "reopen in the spring."
    )
    assert names(detected(text, "source")) == [("The Federal Roads Agency", "named_org")]


# --- places, acts and datelines are not sources -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "OTTAWA — The bridge was closed on Monday after a truck hit one of its pillars.",
        "Gov. Ana Ruiz declared a state of emergency in three counties on Friday.",
        "Five soldiers were killed in an attack claimed by the rebel group on Sunday.",
        "The singer posted a photo of her new puppy on Saturday.",
        "The injured hiker was found on Monday, and the police have since been told.",
    ],
)
def test_acts_and_datelines_are_not_sources(detected, text: str) -> None:
    assert detected(text, "source") == []


def test_a_country_that_speaks_is_a_source(detected) -> None:
    text = "Britain declared that it would not sign the treaty."
    assert names(detected(text, "source")) == [("Britain", "named_org")]


def test_the_speaker_of_saying_clause_is_the_source(detected) -> None:
    text = "Senator Paul Grant voted against the bill, saying it would raise prices."
    assert names(detected(text, "source")) == [("Paul Grant", "named_person")]


def test_a_crowd_that_speaks_is_anonymous(detected) -> None:
    assert names(detected("Many believe the tax will be scrapped.", "source")) == [
        ("Many", "anonymous")
    ]


# --- outlets by their context, and the article's own ------------------------------------------


def test_told_a_title_case_paper_is_an_outlet_in_the_chain(detected) -> None:
    text = "A neighbour told The Weekly Clarion that the man had lived alone for years."
    found = by_name(detected(text, "source"))
    assert found["The Weekly Clarion"].label == "media_outlet"
    assert found["A neighbour"].details["via"] == "The Weekly Clarion"


def test_speaking_to_an_outlet_puts_it_in_the_chain(detected) -> None:
    text = "Speaking to The Northern Echo, the farmer said the flood had ruined his crop."
    found = by_name(detected(text, "source"))
    assert found["The Northern Echo"].label == "media_outlet"
    assert found["the farmer"].details["via"] == "The Northern Echo"


def own_outlet_sources(nc, parsed, text: str, outlet: str) -> list[tuple[str, str]]:
    from newscomment.detectors.registry import detect_all

    found = detect_all(parsed(text), None, nc.models, outlet)
    return [(f.details["name"], f.details["via"] or "") for f in found if f.kind == "source"]


@pytest.mark.parametrize("outlet", ["The Associated Press", "AP"])
def test_the_articles_own_outlet_is_not_a_source(nc, parsed, outlet: str) -> None:
    text = (
        "Gov. Ana Ruiz said on Friday that the state would pay for repairs. The governor "
        "told The Associated Press that crews would start next week."
    )
    assert own_outlet_sources(nc, parsed, text, outlet) == [("Ana Ruiz", "")] * 2


def test_the_dateline_credit_is_the_articles_own_outlet(nc, parsed) -> None:
    text = "LIMA (Reuters) - The central bank raised rates on Thursday, Reuters reported."
    assert own_outlet_sources(nc, parsed, text, "Daily Wire Service") == []


def test_an_office_credited_beside_one_untitled_speaker_is_that_speaker(detected) -> None:
    text = (
        "The ministry's spokesman said the new tariffs were unlawful. In a statement, "
        "Okafor said the country would appeal."
    )
    assert {name for name, _ in names(detected(text, "source"))} == {"Okafor"}


def test_an_unnamed_source_beside_one_named_speaker_stays_unnamed(detected) -> None:
    text = "The source said the talks had failed. Okafor said the country would appeal."
    assert ("The source", "anonymous") in names(detected(text, "source"))


# --- speakers the parse hides: office holders, stranded subjects, "quoted as saying" ------


def test_a_title_after_an_organisation_gives_the_person(detected) -> None:
    text = '"The bridge is safe," said Lakeside County Roads Department spokesman Omar Haddad.'
    found = only(detected(text, "source"))
    assert (found.label, found.details["name"]) == ("named_person", "Omar Haddad")


def test_a_person_named_between_the_quote_and_the_verb_is_the_speaker(detected) -> None:
    text = (
        '"We saw a cold cloud of gas around a young star," ESO astronomer Lena Vogt, '
        "lead author of the paper, said."
    )
    names = {f.details["name"] for f in detected(text, "source")}
    assert "Lena Vogt" in names


def test_quoted_as_saying_credits_the_person_through_the_outlet(detected) -> None:
    text = "The Sun quoted a close friend as saying that the pair had been arguing for months."
    found = by_name(detected(text, "source"))
    assert found["a close friend"].label == "anonymous"
    assert found["a close friend"].details["via"].endswith("Sun")


def test_a_second_reporting_verb_shares_the_subject(detected) -> None:
    text = (
        "Officers gave few details at the briefing but said the car had been stolen in "
        "another state."
    )
    assert only(detected(text, "source")).details["name"] == "Officers"


def test_calls_from_an_organisation_credit_it(detected) -> None:
    text = "The minister brushed aside calls from the Farmers Union to delay the new levy."
    assert "the Farmers Union" in {f.details["name"] for f in detected(text, "source")}


def test_a_call_with_a_possessive_is_no_new_source(detected) -> None:
    text = "The talks ended without agreement despite the council's call for calm."
    assert detected(text, "source") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Governor Ana Ruiz said the state would appeal the ruling.", "Ana Ruiz"),
        ("Dr. Helen Mbeki, the clinic director, said it would stay open.", "Helen Mbeki"),
    ],
)
def test_titles_are_not_part_of_the_name(detected, text: str, name: str) -> None:
    assert only(detected(text, "source")).details["name"] == name


def test_a_role_noun_makes_a_misread_organisation_a_person(detected) -> None:
    text = "State fire spokeswoman Ana Ruiz said the blaze was contained."
    assert only(detected(text, "source")).label == "named_person"


# --- pronouns: the nearest person whose sex, where the text tells it, fits -------------------


def test_she_is_not_a_man_named_in_between(detected) -> None:
    text = (
        "Spokeswoman Ana Ruiz said the road was shut. Tom Baker, a farmer, lost his barn. "
        '"We were lucky," she said.'
    )
    pronoun = [f for f in detected(text, "source") if f.span.text == "she"]
    assert [f.details["name"] for f in pronoun] == ["Ana Ruiz"]


def test_she_can_be_an_unnamed_witness(detected) -> None:
    text = (
        "A neighbour who asked not to be named said the couple argued often. "
        'Tom Baker was arrested at his home on Friday. She said: "It was terrifying."'
    )
    pronoun = [f for f in detected(text, "source") if f.span.text == "She"]
    assert [(f.label, f.details["name"]) for f in pronoun] == [("anonymous", "A neighbour")]


def test_a_name_inside_a_quote_is_a_weaker_antecedent(detected) -> None:
    text = (
        'A shop owner, Mary Quinn, said: "I watched Tom Baker run past the window." '
        "She said the police came an hour later."
    )
    pronoun = [f for f in detected(text, "source") if f.span.text == "She"]
    assert [f.details["name"] for f in pronoun] == ["Mary Quinn"]


def test_he_after_an_unnamed_position_is_the_lone_named_speaker(detected) -> None:
    text = (
        "Pedro Alves rejected the charges on Monday. The spokesman said the report was "
        "false. He said the ministry would sue."
    )
    names = {f.details["name"] for f in detected(text, "source")}
    assert names == {"Pedro Alves"}


def test_a_speech_verb_that_only_dates_an_event_credits_no_one(detected) -> None:
    text = (
        "Shares in the carmaker fell on Monday after Rita Chen comments. "
        "The company's spokesman, Ivan Petrov, said the fall would not last."
    )
    names = {f.details["name"] for f in detected(text, "source")}
    assert "Rita Chen" not in names
    assert "Ivan Petrov" in names


# --- authors listed, antecedents, evidence and credit lines ---------------------------------


def test_authors_listed_after_a_colon_are_each_a_source(detected) -> None:
    text = (
        "The council brushed aside the demands for change: from local parents; from large "
        "employers such as Northwind, Contoso, and Fabrikam; and from the Regional Teachers Union."
    )
    names = set(by_name(detected(text, "source")))
    assert {"Northwind", "Contoso", "Fabrikam", "the Regional Teachers Union"} <= names
    assert not any("parents" in n or "employers" in n for n in names)


def test_a_plea_with_no_listed_authors_credits_no_one(detected) -> None:
    text = "The mayor ignored the calls for calm: the streets stayed quiet and the shops opened."
    assert detected(text, "source") == []


def test_a_relative_pronoun_speaks_for_its_antecedent(detected) -> None:
    text = "The minister could not explain the new study of hospitals which showed that waits grew."
    found = only(detected(text, "source"))
    assert found.label == "document"
    assert found.details["name"].startswith("the new study")


def test_results_from_a_named_survey_credit_the_survey(detected) -> None:
    text = "Enrolment rose, reflecting the good results from the National Parent Survey in May."
    found = only(detected(text, "source"))
    assert found.label == "document"
    assert "National Parent Survey" in found.details["name"]


def test_results_from_an_ordinary_thing_credit_no_one(detected) -> None:
    assert (
        detected("The results from the test were poor, and the plan was dropped.", "source") == []
    )


def test_a_credit_line_names_the_issuer(detected) -> None:
    text = (
        "Bridge closure\n\n(From the Lakeside County Highway Department)\n\n"
        "The Elm Street bridge will close for repairs from Monday until the end of May."
    )
    found = only(detected(text, "source", title="Bridge closure"))
    assert found.details["name"] == "the Lakeside County Highway Department"


def test_a_parenthesis_inside_a_sentence_is_no_credit_line(detected) -> None:
    text = "The bridge (from the old town to the port) will close on Monday for repairs."
    assert detected(text, "source") == []


def test_an_affiliation_strung_on_commas_after_a_speaker_is_no_second_source(detected) -> None:
    text = (
        '"We will find whoever sent them," said Section Chief Jo Reyes, Investigative and '
        "Records Section, City Water Board Security Directorate.\n\n"
        "Ana Ruiz and Tom Lee said they had seen similar letters last year."
    )
    found = detected(text, "source")
    first = {f.details["name"] for f in found if f.sentence == 0}
    assert first == {"Jo Reyes"}
    assert {"Ana Ruiz", "Tom Lee"} <= {f.details["name"] for f in found}
