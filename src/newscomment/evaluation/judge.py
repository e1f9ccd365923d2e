"""The comment-quality judge: the constructiveness model (trained on SFU reader comments)
applied to comments, ours included, so that their quality is measured, not asserted."""

from __future__ import annotations

from collections.abc import Sequence

from newscomment.pipeline import Newscomment


def constructiveness(nc: Newscomment, comments: Sequence[str]) -> list[float]:
    """The judge's probability that each comment is constructive."""
    model = nc.models.sentence_model("constructiveness")
    docs = list(nc.nlp.pipe(comments))
    return [float(p) for p in model.predict_proba(docs)]


def is_constructive(nc: Newscomment, comments: Sequence[str]) -> list[bool]:
    """Whether the judge calls each comment constructive, at the model's threshold."""
    threshold = nc.models.get("constructiveness").threshold
    return [p >= threshold for p in constructiveness(nc, comments)]
