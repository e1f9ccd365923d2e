"""detectors/genre.py: what kind of text it is, from the cues of each genre's language,
and whether its outlet is state-controlled (the shipped list, matched against the outlet,
the address and the text's own credits, never an agency the text merely quotes)."""

from __future__ import annotations

import pytest

from newscomment.detectors import detect_all
from newscomment.detectors.genre import state_outlets
from newscomment.kinds import GENRES
from newscomment.model import Finding

WIRE_RELEASE = (
    "SPRINGFIELD, Ohio, March 2, 2024 /PRNewswire/ -- Brightwater Pumps Inc. (NASDAQ: BWPI) "
    "today announced the opening of a new assembly plant that will employ 240 people.\n\n"
    '"This plant is a milestone for our company," said chief executive Dana Ortiz.\n\n'
    "About Brightwater Pumps\n\n"
    "Brightwater is a leading provider of water pumps for farms and towns.\n\n"
    "Media contact: press@brightwater.example"
)
POLICE_RELEASE = (
    "Please attribute to Sergeant Lee Park, Riverside Police Department.\n\n"
    "Officers arrested a 34-year-old man on Tuesday night after a break-in at a pharmacy on "
    "Elm Street. Anyone with information is asked to call the non-emergency line. Our "
    "officers thank the residents who reported the noise."
)
EDITORIAL = (
    "Editorial: The bridge can wait\n\n"
    "The county spent two years studying a new bridge over the river. The study cost "
    "$4 million and ran to 900 pages. We urge the commissioners to put the money into "
    "the roads residents already use. The county should scrap the bridge plan this "
    "spring. Who, after all, asked for it?"
)
LETTER = (
    "Sir, – I am writing about the closure of the library on Main Street. I believe the "
    "council has forgotten who the library serves. My children learned to read there. "
    "The council must keep its doors open, whatever the budget says. Is a few thousand "
    "pounds worth a generation of readers?\n\n"
    "– Yours, etc,"
)
GOSSIP = (
    "The pop singer and her footballer boyfriend have split after two years together, an "
    "insider has claimed.\n\n"
    "Fans had noticed that the couple stopped posting photos of each other on Instagram "
    "weeks ago. A source close to the singer told Us Weekly that the break-up was "
    "friendly. Rumours of trouble began when she stepped out alone at a red carpet event."
)
TEMPLATE = (
    "In a surprising move, the city has appointed a new fire chief. Mayor [Name] said the "
    "choice reflected the department's goals. The new chief, [New Chief's Name], served "
    "as [Previous Role] for many years and is expected to bring fresh ideas."
)
WIRE_NEWS = (
    "NAIROBI, March 4 (Reuters) - Floods in western Kenya have killed at least 23 people "
    "and displaced more than 4,000 since Friday, the Kenya Red Cross said on Monday.\n\n"
    '"The water rose in minutes," said Mary Achieng, a farmer in Budalangi. Rescue teams '
    "reached the worst-hit villages by boat, the agency said."
)
XINHUA_CREDIT = (
    "BEIJING, May 3 (Xinhua) -- China's industrial output rose 5.6 percent year on year "
    "in April, the National Bureau of Statistics said on Friday. Officials said factories "
    "in the east led the gains."
)
QUOTES_XINHUA = (
    "BEIJING (Reuters) - China's industrial output rose 5.6 percent in April, official "
    "data showed on Friday, beating forecasts. State news agency Xinhua reported that "
    "factories in the east led the gains, citing officials."
)


def genre_of(found: list[Finding]) -> Finding:
    [genre] = [f for f in found if f.kind == "genre"]
    return genre


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (WIRE_RELEASE, "press_release"),
        (POLICE_RELEASE, "press_release"),
        (EDITORIAL, "opinion"),
        (LETTER, "opinion"),
        (GOSSIP, "tabloid"),
        (TEMPLATE, "content_farm"),
        (WIRE_NEWS, "news"),
    ],
)
def test_each_genre_is_read_from_its_language(detected, text: str, expected: str) -> None:
    found = genre_of(detected(text))
    assert found.label == expected
    assert found.span is None and found.sentence is None
    assert found.details["scores"][expected] == max(found.details["scores"].values())
    assert set(found.details["scores"]) == set(GENRES)


def test_confident_genres_clear_the_comment_threshold(detected) -> None:
    for text in (WIRE_RELEASE, EDITORIAL, LETTER, GOSSIP):
        assert genre_of(detected(text)).score >= 0.6


def test_cues_point_at_the_words_that_show_the_genre(detected) -> None:
    found = genre_of(detected(WIRE_RELEASE))
    shown = [c for c in found.details["cues"] if c["shows"] == "press_release"]
    assert any("PRNewswire" in c["text"] for c in shown)
    assert any(c["text"].lower() == "today announced" for c in shown)
    for cue in shown:
        if cue["end"] > cue["start"]:
            assert WIRE_RELEASE[cue["start"] : cue["end"]] == cue["text"]
    assert "press release" in found.note


def test_the_issuer_is_the_subject_of_the_announcement(detected) -> None:
    assert genre_of(detected(WIRE_RELEASE)).details["issuer"] == "Brightwater Pumps Inc."
    assert genre_of(detected(WIRE_NEWS)).details["issuer"] is None


def test_quoted_first_person_does_not_make_a_report_an_opinion(detected) -> None:
    text = (
        "The mayor resigned on Thursday after a month of pressure over the city's budget. "
        '"I believe I did my best, and I think we must now move on," she told reporters. '
        '"Should I have gone sooner? Maybe," she said.'
    )
    assert genre_of(detected(text)).label == "news"


def test_a_report_that_names_celebrities_is_not_gossip_on_one_cue(detected) -> None:
    text = (
        "The actor was sentenced to two years in prison on Wednesday for tax fraud, a court "
        "in Madrid ruled. Prosecutors said he had hidden 3 million euros in offshore "
        "accounts between 2011 and 2014."
    )
    assert genre_of(detected(text)).label == "news"


def test_the_seed_is_a_news_report(seed_findings: list[Finding]) -> None:
    found = genre_of(seed_findings)
    assert found.label == "news"
    assert found.details["state_media"] is False


def test_a_state_agency_credit_in_the_dateline_is_state_media(detected) -> None:
    found = genre_of(detected(XINHUA_CREDIT))
    assert found.details["state_media"] is True
    assert found.details["state_outlet"] == "Xinhua"
    assert any(c["shows"] == "state media" and c["text"] == "Xinhua" for c in found.details["cues"])
    assert "state-controlled" in found.note


def test_quoting_a_state_agency_is_not_state_media(detected) -> None:
    found = genre_of(detected(QUOTES_XINHUA))
    assert found.details["state_media"] is False
    assert found.details["state_outlet"] is None


@pytest.mark.parametrize(
    ("outlet", "state"),
    [
        ("TASS", True),
        ("Sputnik News", True),
        ("presstv.ir", True),
        ("BBC News", False),
        ("NPR", False),
        ("Deutsche Welle", False),
        ("The Art Newspaper", False),
    ],
)
def test_the_outlet_metadata_is_matched_against_the_list(
    nc, parsed, outlet: str, state: bool
) -> None:
    found = genre_of(detect_all(parsed(WIRE_NEWS), None, nc.models, outlet=outlet))
    assert found.details["state_media"] is state


def test_the_address_is_matched_by_its_domain(nc, parsed) -> None:
    url = "https://www.globaltimes.cn/page/202401/1234.shtml"
    found = genre_of(detect_all(parsed(WIRE_NEWS), None, nc.models, url=url))
    assert (found.details["state_media"], found.details["state_outlet"]) == (True, "Global Times")


def test_the_shipped_list_holds_state_outlets_only() -> None:
    names = {item.name for item in state_outlets()}
    assert {"Xinhua", "KCNA", "TASS", "RT", "Press TV", "CGTN"} <= names
    assert not names & {"BBC", "CBC", "ABC", "NHK", "PBS", "NPR", "DW"}
    assert all(item.country and item.aliases for item in state_outlets())


# --- an argument without labels ----------------------------------------------------------

UNLABELLED_ARGUMENT = (
    "The city has spent a decade arguing over its trams while the buses run half empty.\n\n"
    "Two plans are on the table, one for more trams and one for cheaper buses.\n\n"
    "And the better choice is plain. The tram plan is wasteful and the bus plan is "
    "cheaper to run.\n\n"
    "The council should fund the buses before the winter."
)


def test_an_argument_without_labels_shows_itself_by_its_verdicts(detected) -> None:
    found = genre_of(detected(UNLABELLED_ARGUMENT))
    assert found.label == "opinion"
    shown = [c["text"] for c in found.details["cues"] if c["shows"] == "opinion"]
    assert any(text.startswith("And the better choice is plain") for text in shown)
    assert any(text.startswith("The council should fund") for text in shown)


def test_a_report_ending_in_advice_stays_news(detected) -> None:
    text = (
        "A lorry overturned on the ring road bridge on Tuesday morning, spilling gravel "
        "across both lanes, police said.\n\n"
        "The driver was taken to hospital with minor injuries. Repairs to the railing are "
        "expected to take until Friday.\n\n"
        "Drivers should use the northern bypass until the bridge reopens."
    )
    assert genre_of(detected(text)).label == "news"


def test_a_reported_verdict_is_not_the_writer_s(detected) -> None:
    text = (
        "The regulator fined the bank 40 million euros on Monday for failing to check its "
        "customers.\n\n"
        '"The failures were obvious and the fine is fair," the regulator\'s chair said. '
        "The bank said the decision was unfair and that it should be allowed to appeal."
    )
    assert genre_of(detected(text)).label == "news"
