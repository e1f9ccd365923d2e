"""The comment-quality judge: the constructiveness model (trained on SFU reader comments)
applied to comments, ours included, so that their quality is measured, not asserted."""

from __future__ import annotations

from collections.abc import Sequence

from newscomment.learning.linear import LinearModel, shipped
from newscomment.nlp import load_pipeline


def constructiveness(comments: Sequence[str]) -> list[float]:
    """The judge's probability that each comment is constructive."""
    model = shipped("constructiveness")
    assert isinstance(model, LinearModel)
    docs = list(load_pipeline().pipe(comments))
    return [float(p) for p in model.predict_proba(docs)]


def is_constructive(comments: Sequence[str]) -> list[bool]:
    """Whether the judge calls each comment constructive, at the model's threshold."""
    threshold = shipped("constructiveness").threshold
    return [p >= threshold for p in constructiveness(comments)]
