"""evaluation/judge.py: our own comments, judged by the constructiveness model trained on
SFU reader comments."""

from __future__ import annotations

import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import Newscomment
from newscomment.evaluation.judge import constructiveness, is_constructive

ALL = [SEED, *ARTICLES]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_our_critical_comment_is_judged_constructive(nc: Newscomment, path) -> None:
    text = nc.comment(nc.analyze(nc.read(path))).text
    assert is_constructive(nc, [text]) == [True], constructiveness(nc, [text])


def test_the_judge_tells_a_rant_from_an_argument(nc: Newscomment) -> None:
    rant = "Idiots. Total garbage. Nobody cares."
    argument = (
        "The article reports the new tax credit but never says how much it will cost, and the "
        "only source is the minister who proposed it. An independent estimate, or a comment "
        "from the budget office, would help readers judge whether the plan is affordable, "
        "especially since last year's credit cost twice what was forecast."
    )
    low, high = constructiveness(nc, [rant, argument])
    assert low < 0.5 < high
    assert is_constructive(nc, [rant, argument]) == [False, True]
