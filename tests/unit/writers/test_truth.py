"""The comment's statements are typed and true: on hand-written articles of each failure
class readers found, what the built-in writer asserts (``CommentSentence.assertions``) is
checked against what the text plainly shows, in every style."""

from __future__ import annotations

from functools import cache

import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import Analysis, Comment, analyze, read
from newscomment.assertions import ASSERTIONS
from newscomment.evaluation.articles import comment_openings, stock_frames
from newscomment.model import ArticleInput
from newscomment.writers.wording import excerpt_of

STYLES = ("critical", "brief", "questions")

OWN_OUTLET = """DENVER (AP) — The city council approved a $40 million budget on Tuesday after a \
two-hour debate, Mayor Ana Ruiz told The Associated Press.

"We balanced it without cutting a single library," Ruiz said in an interview with The \
Associated Press on Wednesday.

Council member Tom Hale voted against the plan. "The numbers do not add up," Hale said.

The budget takes effect in July."""

BRITISH_QUOTES = """A family fled their home in the early hours of Sunday after a fire \
spread from a neighbouring garage in Leeds.

'It was terrifying, we just grabbed the children and ran,' said neighbour Joan Platt, 54.

'The smoke was everywhere by the time the engines came,' she added.

West Yorkshire Fire and Rescue Service said two crews attended and nobody was hurt."""

NAMED_GOVERNOR = """Gov. Laura Kent announced $12 million in flood aid for farmers on \
Monday.

The governor said the state would cover repairs to roads and bridges damaged in March.

"Nobody should have to rebuild alone," Kent said at a news conference in the capital.

State engineers estimate the damage at $30 million."""

PRESS_RELEASE = """PORTLAND, Ore., May 4, 2023 /PRNewswire/ -- Acme Robotics Inc. today \
announced the opening of its new assembly plant in Portland, creating 200 jobs.

"We are thrilled to grow in the community that built us," said Dana Lee, chief executive \
officer of Acme Robotics.

The plant will produce warehouse robots for customers across North America.

About Acme Robotics
Acme Robotics designs and builds autonomous machines for logistics.

Media contact: press@acmerobotics.example"""

OPINION = """Commentary: The city must not sell its last public park

The plan to sell Riverside Park to a developer is a mistake the council will regret for \
decades.

We urge the council to reject the sale when it votes next month. A city that sells its \
green space for a one-time payment is trading its future for a quick fix.

Parks are not a luxury. They are where children learn to ride bikes and where neighbours \
meet. Selling one is short-sighted, and the council should say so plainly."""

DENIAL = """Pop star Mira Vale and actor Jon Ash have split after two years together, \
according to a source close to the couple.

"They have been living separate lives for months," the insider told Star Weekly.

Fans noticed that Vale had stopped posting photos of Ash on Instagram in recent weeks.

The pair were last seen together at a film premiere in London in the spring.

Vale wore a silver gown to the premiere, and Ash arrived separately.

A representative for Vale denied the report, calling it "completely false.\""""


@cache
def _analysis(text: str, title: str | None = None, outlet: str | None = None) -> Analysis:
    """A hand-written article, analysed once."""
    return analyze(read(ArticleInput(text=text, title=title, outlet=outlet)))


def _said(result: Comment) -> set[tuple[str, str | None]]:
    """(kind, subject) of every assertion a comment makes."""
    return {(a.kind, a.subject) for s in result.sentences for a in s.assertions}


@pytest.mark.parametrize("style", STYLES)
def test_every_assertion_is_of_a_known_kind_and_rests_on_findings(style: str, nc) -> None:
    for text in (OWN_OUTLET, BRITISH_QUOTES, NAMED_GOVERNOR, PRESS_RELEASE, OPINION, DENIAL):
        analysis = _analysis(text)
        ids = {f.id for f in analysis.findings}
        for sentence in nc.comment(analysis, style=style).sentences:
            for assertion in sentence.assertions:
                assert assertion.kind in ASSERTIONS
                assert set(assertion.evidence) <= ids


@pytest.mark.parametrize("style", STYLES)
def test_the_articles_own_outlet_is_neither_a_source_nor_to_check(style: str, nc) -> None:
    said = _said(nc.comment(_analysis(OWN_OUTLET, outlet="The Associated Press"), style=style))
    assert not {s for k, s in said if k in {"outlet_source", "check", "claim_secondhand"}} & {
        "The Associated Press",
        "the Associated Press",
        "AP",
    }


@pytest.mark.parametrize("style", STYLES)
def test_single_quoted_speech_is_never_called_no_quotes(style: str, nc) -> None:
    said = _said(nc.comment(_analysis(BRITISH_QUOTES), style=style))
    assert ("no_quotes", None) not in said


@pytest.mark.parametrize("style", STYLES)
def test_a_governor_the_story_names_is_never_called_unnamed(style: str, nc) -> None:
    said = _said(nc.comment(_analysis(NAMED_GOVERNOR), style=style))
    unnamed = {s.lower() for k, s in said if k == "unnamed_source" and s}
    assert not any("governor" in s for s in unnamed)


def test_a_press_release_is_named_as_one_with_its_issuer(nc) -> None:
    analysis = _analysis(PRESS_RELEASE)
    result = nc.comment(analysis)
    said = _said(result)
    assert ("genre", "press_release") in said
    assert any(k == "issuer" and s and "Acme" in s for k, s in said)
    assert result.sentences[0].assertions[0].kind in {"genre", "issuer_only"}
    checked = {s for k, s in said if k == "check"}
    assert not any(s and "Acme" in s for s in checked)  # not the issuer's own word


def test_an_opinion_piece_is_read_as_an_argument(nc) -> None:
    result = nc.comment(_analysis(OPINION))
    said = _said(result)
    assert ("genre", "opinion") in said
    assert not {k for k, _ in said} & {"claim_unattributed", "no_dates", "no_figures"}
    assert ("genre", "opinion") in {(a.kind, a.subject) for a in result.sentences[0].assertions}


def test_a_buried_denial_opens_the_comment(nc) -> None:
    result = nc.comment(_analysis(DENIAL, title="Mira Vale and Jon Ash have split!"))
    first = {a.kind for a in result.sentences[0].assertions}
    assert first & {"denial", "headline_overstates", "single_source"}
    assert "denial" in {k for k, _ in _said(result)}


def test_excerpts_end_at_word_and_paragraph_boundaries() -> None:
    assert (
        excerpt_of("the plan was approved by the board of") == "the plan was approved by the board"
    )
    assert excerpt_of('He said the talks\n"will resume') == "He said the talks"
    assert excerpt_of("rents rose again,") == "rents rose again"


@pytest.mark.parametrize("style", STYLES)
def test_shipped_articles_do_not_read_alike(style: str, nc) -> None:
    openings = []
    for path in (SEED, *ARTICLES):
        analysis = nc.analyze(nc.read(path))
        openings.append(comment_openings(nc.comment(analysis, style=style), analysis.article.text))
    frames = stock_frames(openings)
    assert frames["stock_frame_share"] <= 0.25, frames["most_common"]
    assert frames["first"]["share"] <= 0.25, frames["first"]


def test_questions_about_unnamed_sources_are_grammatical(nc) -> None:
    text = (
        "The mayor plans to close two libraries next year, an aide said on Monday. "
        "The aide, who spoke on condition of anonymity, said the budget was short by "
        "$2 million. Officials familiar with the plan said a vote could come in March. "
        "The mayor's office did not respond to a request for comment."
    )
    questions = nc.comment(_analysis(text), style="questions")
    for sentence in questions.sentences:
        assert sentence.text.endswith("?")
        assert 'the "a' not in sentence.text and 'the "an' not in sentence.text
