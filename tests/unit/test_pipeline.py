"""pipeline.py: the Newscomment object reads, analyses and comments with its own settings,
pipes many articles without one bad input stopping the rest, and importing the package
loads no pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import (
    ArticleInput,
    InputError,
    Newscomment,
    NewscommentError,
    Settings,
    analyze,
    comment,
    read,
)


def test_the_module_functions_use_a_default_object(nc: Newscomment) -> None:
    analysis = analyze(read(SEED))
    assert comment(analysis).text == nc.comment(nc.analyze(nc.read(SEED))).text


def test_an_object_keeps_its_own_limits() -> None:
    small = Newscomment(Settings(max_chars=500))
    with pytest.raises(InputError, match="the limit is 500 characters"):
        small.read(SEED)
    assert Newscomment(Settings()).read(SEED).words > 100


def test_two_objects_share_one_pipeline_and_one_shelf(nc: Newscomment) -> None:
    other = Newscomment(Settings(max_chars=1000))
    assert other.nlp is nc.nlp and other.models is nc.models


def test_pipe_gives_one_outcome_per_input_and_never_stops() -> None:
    inputs = [
        ArticleInput(path=str(SEED)),
        ArticleInput(text="Too short to be news."),
        ArticleInput(text="x", html="<p>x</p>"),
        ArticleInput(path=str(ARTICLES[0]), title="Own title"),
    ]

    outcomes = list(Newscomment().pipe(inputs, style="brief"))

    assert [o.input for o in outcomes] == inputs
    assert [o.error is None for o in outcomes] == [True, False, False, True]
    assert "at least 40" in (outcomes[1].error or "")
    assert "exactly one of text, html or url" in (outcomes[2].error or "")
    assert outcomes[3].analysis.article.title == "Own title"
    assert outcomes[0].comment.style == "brief" and len(outcomes[0].comment.text) <= 280


def test_pipe_without_a_style_writes_no_comment() -> None:
    [outcome] = Newscomment().pipe([ArticleInput(path=str(SEED))], style=None)
    assert outcome.analysis is not None and outcome.comment is None


def test_unknown_style_and_backend_are_one_line_errors(seed_analysis) -> None:
    with pytest.raises(NewscommentError, match="unknown style 'poem'"):
        Newscomment().comment(seed_analysis, "poem")
    with pytest.raises(NewscommentError, match="unknown backend 'oracle'"):
        Newscomment().comment(seed_analysis, backend="oracle")


def test_the_llm_backend_without_settings_says_what_to_set(seed_analysis) -> None:
    with pytest.raises(NewscommentError, match="needs a URL and a model"):
        Newscomment(Settings()).comment(seed_analysis, backend="llm")


def test_importing_the_package_loads_no_pipeline() -> None:
    code = "import sys, newscomment; print(sorted({'spacy', 'trafilatura'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
