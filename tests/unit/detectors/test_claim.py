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


# --- the main claim by genre -------------------------------------------------------------


def test_a_deck_without_final_punctuation_is_passed_over(detected) -> None:
    text = (
        "Council approves new bus lanes for the city centre after a long debate\n\n"
        "The city council voted 9-4 on Tuesday to add bus lanes on three central streets, "
        "the council's transport chair said."
    )
    assert the_claim(detected(text, "claim")).span.text.startswith("The city council voted")


def test_a_question_opening_a_report_is_not_its_claim(detected) -> None:
    text = (
        "Is the heatwave finally over for the farmers of the southern valley?\n\n"
        "Temperatures fell by ten degrees overnight across the southern valley, the "
        "national weather service said on Sunday."
    )
    assert the_claim(detected(text, "claim")).span.text.startswith("Temperatures fell")


def test_a_release_attribution_line_is_not_its_claim(detected) -> None:
    text = (
        "Please attribute to Sergeant Lee Park, Riverside Police Department.\n\n"
        "Officers arrested a 34-year-old man on Tuesday night after a break-in at a pharmacy "
        "on Elm Street. Anyone with information is asked to call the non-emergency line."
    )
    assert the_claim(detected(text, "claim")).span.text.startswith("Officers arrested")


def test_a_press_release_claim_is_its_announcement(detected) -> None:
    text = (
        "SPRINGFIELD, Ohio, March 2, 2024 /PRNewswire/ -- For forty years the valley's farms "
        "have relied on water pumps built far away from the fields they serve. "
        "Brightwater Pumps Inc. today announced the opening of a new assembly plant that "
        "will employ 240 people.\n\n"
        "Media contact: press@brightwater.example"
    )
    assert the_claim(detected(text, "claim")).span.text.startswith("Brightwater Pumps Inc.")


def test_an_opinion_piece_claim_is_its_thesis_not_the_background(detected) -> None:
    text = (
        "Editorial: The bridge can wait\n\n"
        "The county began studying a new bridge over the river two years ago. The study "
        "cost $4 million and ran to 900 pages of traffic counts. The county should scrap "
        "the bridge plan and mend the roads residents already use. We urge the "
        "commissioners to vote on it this spring."
    )
    main = the_claim(detected(text, "claim"))
    assert main.span.text.startswith("The county should scrap the bridge plan")


def test_a_letter_claim_is_not_its_salutation_or_a_quoted_view(detected) -> None:
    text = (
        "Sir, – Your report on the library (News, May 2) quoted the council leader.\n\n"
        '"The library costs too much to keep open," the council leader told the meeting. '
        "Closing the library would be a grave mistake for a town with so few public rooms. "
        "I have used it for thirty years."
    )
    main = the_claim(detected(text, "claim"))
    assert main.span.text.startswith("Closing the library would be a grave mistake")


def test_a_release_header_of_date_place_and_office_is_passed_over(detected) -> None:
    text = (
        "For Immediate Release\nMay 2, 2024\n\nSalem, Ore.\nState Parks Press Office\n\n"
        "The state parks department today announced that six coastal campgrounds will "
        "reopen on June 1 after storm repairs."
    )
    assert the_claim(detected(text, "claim")).span.text.startswith("The state parks department")


def test_an_opinion_thesis_is_its_recommendation_not_an_opening_judgement(detected) -> None:
    text = (
        "Opinion: Rivers need more than promises\n\n"
        "The river has flooded the lower town three times in five years. Patching the old "
        "levee every spring is an embarrassment.\n\n"
        "Residents have filled sandbags, written letters and sat through public meetings. "
        "Engineers have drawn up four plans since 2019.\n\n"
        "This is not the time for another study of the riverbank. The county needs a new "
        "levee built to the engineers' highest design before the next spring floods."
    )
    main = the_claim(detected(text, "claim"))
    assert main.span.text.startswith("The county needs a new levee")


def test_an_opinion_thesis_shares_the_headline_over_a_rambling_recommendation(
    detected,
) -> None:
    text = (
        "A minister who still denies the drought after two failed harvests is reckless.\n\n"
        "The dams are low. The wells in the east have dried.\n\n"
        "The minister should have listened to the farmers who told him about the dry "
        "wells, the empty dams, the dying herds and the failed harvests across the east "
        "long before the rains failed for a second year and before the water boards ran "
        "out of money for the tankers."
    )
    main = the_claim(detected(text, "claim", title="Column | Minister denies the drought"))
    assert main.span.text.startswith("A minister who still denies the drought")


def test_an_anecdote_opening_is_not_the_thesis(detected) -> None:
    text = (
        "Letter: Keep the night buses\n\n"
        "Last winter I found the night bus a wonderful, warm refuge after my late "
        "shifts.\n\n"
        "The transport board wants to cut the late routes to save money.\n\n"
        "Cutting the night buses would be a grave mistake for the workers who rely on them."
    )
    main = the_claim(detected(text, "claim"))
    assert main.span.text.startswith("Cutting the night buses would be a grave mistake")
