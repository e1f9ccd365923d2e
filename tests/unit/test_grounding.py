"""The grounding check catches what a comment says beyond its article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newscomment import Analysis, Comment, CommentSentence
from newscomment.grounding import violations
from newscomment.nlp import Dictionary


@pytest.fixture(scope="module")
def seed(seed_analysis: Analysis) -> Analysis:
    return seed_analysis


@pytest.fixture(scope="module")
def check(dictionary: Dictionary) -> Callable[[Comment, Analysis], list[str]]:
    """``check(comment, analysis)``: the grounding violations of a comment."""
    return lambda comment, analysis: violations(comment, analysis, dictionary)


def one_sentence(text: str, evidence: list[str]) -> Comment:
    return Comment(
        text=text,
        style="critical",
        backend="test",
        sentences=[CommentSentence(text=text, evidence=evidence)],
    )


def test_verbatim_quote_and_known_entity_pass(seed: Analysis, check) -> None:
    text = 'Al-Jazeera reported that Netanyahu "has reportedly signaled a potential shift".'
    assert check(one_sentence(text, ["claim-1"]), seed) == []


def test_invented_quote_is_caught(seed: Analysis, check) -> None:
    problems = check(one_sentence('It says "Hamas has agreed to a truce".', ["claim-1"]), seed)
    assert any("which the article lacks" in p for p in problems)


def test_entity_not_in_article_is_caught(seed: Analysis, check) -> None:
    problems = check(one_sentence("Emmanuel Macron disputes this.", ["claim-1"]), seed)
    assert any("Macron" in p for p in problems)


def test_sentence_without_evidence_is_caught(seed: Analysis, check) -> None:
    assert "cites no finding" in check(one_sentence("It is short.", []), seed)[0]


def test_unknown_finding_id_is_caught(seed: Analysis, check) -> None:
    problems = check(one_sentence("It is short.", ["hedge-99"]), seed)
    assert any("unknown findings hedge-99" in p for p in problems)


def test_name_opening_a_sentence_is_caught(seed: Analysis, check) -> None:
    problems = check(one_sentence("Erdogan disputes this account.", ["claim-1"]), seed)
    assert any("Erdogan" in p for p in problems)


def test_common_word_opening_a_sentence_passes(seed: Analysis, check) -> None:
    text = 'Hedges such as "reportedly" mark the claim as unconfirmed.'
    assert check(one_sentence(text, ["hedge-1"]), seed) == []
