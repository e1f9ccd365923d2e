"""The comment-quality judge: the constructiveness model (trained on SFU reader comments)
applied to comments, ours included, so that their quality is measured, not asserted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscomment.pipeline import Newscomment

JUDGE = "constructiveness"
"""The task whose model judges comments."""


def constructiveness(nc: Newscomment, comments: Sequence[str]) -> list[float]:
    """The judge's probability that each comment is constructive."""
    model = nc.models.sentence_model(JUDGE)
    return [float(p) for p in model.predict_proba(list(nc.nlp.pipe(comments)))]


def is_constructive(nc: Newscomment, comments: Sequence[str]) -> list[bool]:
    """Whether the judge calls each comment constructive, at the model's threshold."""
    threshold = nc.models.sentence_model(JUDGE).threshold
    return [p >= threshold for p in constructiveness(nc, comments)]
