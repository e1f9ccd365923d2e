"""The built-in writer: styles, limits, grounding and honesty on the seed and real news."""

from __future__ import annotations

import re
from functools import cache

import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import Analysis, analyze, comment, read
from newscomment.grounding import violations
from newscomment.styles import STYLES

QUOTED = re.compile(r"\"([^\"]+)\"")


@cache
def analysis_of(path: str) -> Analysis:
    """Analyse a shipped article once per test session."""
    return analyze(read(path))


ALL = [str(SEED), *map(str, ARTICLES)]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.rsplit("/", 1)[-1])
@pytest.mark.parametrize("style", ["critical", "brief", "questions"])
def test_every_comment_is_grounded(path: str, style: str, dictionary) -> None:
    analysis = analysis_of(path)
    result = comment(analysis, style=style)
    assert violations(result, analysis, dictionary) == []
    assert result.warnings == []
    assert all(s.evidence for s in result.sentences)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.rsplit("/", 1)[-1])
def test_style_limits(path: str) -> None:
    analysis = analysis_of(path)
    critical = comment(analysis, style="critical").text
    limits = STYLES["critical"]
    assert limits.min_words <= len(critical.split()) <= (limits.max_words or 0), critical
    assert len(comment(analysis, style="brief").text) <= 280
    questions = comment(analysis, style="questions")
    assert 3 <= len(questions.sentences) <= 5
    assert all(s.text.endswith("?") for s in questions.sentences)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.rsplit("/", 1)[-1])
def test_comment_own_words_are_not_loaded(path: str, alone, parsed) -> None:
    own_words = QUOTED.sub("that", comment(analysis_of(path)).text)
    assert [f.span.text for f in alone("loaded", parsed(own_words))] == []


def test_seed_comment_covers_what_the_issue_asks() -> None:
    result = comment(analysis_of(str(SEED)))
    text = result.text
    said = {(a.kind, a.subject) for s in result.sentences for a in s.assertions}
    assert ("claim_secondhand", "Al-Jazeera") in said
    assert ("unnamed_source", "sources") in said
    assert "Al-Jazeera" in text and "Times of Israel" in text
    assert '"sources"' in text
    assert '"reportedly"' in text
    assert "opinion" in {kind for kind, _ in said}  # one of the writer's own assessments
    loaded = {subject for kind, subject in said if kind == "loaded"}
    assert len(loaded) >= 2 and loaded <= {"innocent", "staunch", "devastation"}
    assert '"earlier this week"' in text and "figures" in text and "no direct quotes" in text


def test_well_sourced_wire_story_is_praised_not_faulted() -> None:
    wire = next(p for p in ARTICLES if "uk-unemployment" in p.name)
    result = comment(analysis_of(str(wire)))
    said = {a.kind for s in result.sentences for a in s.assertions}
    assert "well_sourced" in said
    assert not said & {"no_quotes", "no_dates", "no_figures", "no_named_sources"}
    assert "claim_unattributed" not in said


def test_unsourced_article_is_told_so() -> None:
    bare = next(p for p in ARTICLES if "fisichella" in p.name)
    result = comment(analysis_of(str(bare)))
    said = {a.kind for s in result.sentences for a in s.assertions}
    assert said & {"no_named_sources", "claim_unattributed"}


def test_wording_varies_between_articles() -> None:
    openings = {}
    for path in ALL:
        result = comment(analysis_of(path))
        frames = tuple(re.sub(r"\"[^\"]*\"", "Q", s.text)[:25] for s in result.sentences)
        openings[path] = frames
    assert len(set(openings.values())) == len(openings)
    first_frames = {frames[0] for frames in openings.values()}
    assert len(first_frames) >= 3


def test_comment_is_deterministic() -> None:
    article = read(SEED)
    assert comment(analyze(article)).text == comment(analyze(read(SEED))).text


def test_brief_names_the_single_most_important_point_on_the_seed() -> None:
    result = comment(analysis_of(str(SEED)), style="brief")
    said = {(a.kind, a.subject) for s in result.sentences for a in s.assertions}
    assert ("claim_secondhand", "Al-Jazeera") in said
    assert "Al-Jazeera" in result.text


def test_questions_quote_the_article_verbatim() -> None:
    analysis = analysis_of(str(SEED))
    for sentence in comment(analysis, style="questions").sentences:
        for quote in QUOTED.findall(sentence.text):
            assert quote in analysis.article.text
