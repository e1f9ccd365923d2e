"""The built-in writer: offline and deterministic. Each style plans which findings the
article earns a sentence on and words them with frames chosen per article; every sentence
lists the findings it rests on and quotes the article only verbatim."""

from __future__ import annotations

from collections.abc import Callable

from newscomment.model import Analysis, Comment, CommentSentence
from newscomment.writers.brief import brief
from newscomment.writers.critical import critical
from newscomment.writers.planning import Move
from newscomment.writers.questions import questions

PLANS: dict[str, Callable[[Analysis], list[Move]]] = {
    "critical": critical,
    "brief": brief,
    "questions": questions,
}
"""How each style (``newscomment.styles.STYLES``) plans its comment."""


def write(analysis: Analysis, style: str) -> Comment:
    """The built-in comment on an analysis, in one of the styles."""
    moves = PLANS[style](analysis)
    sentences = [
        CommentSentence(m.text[:1].upper() + m.text[1:], m.evidence, m.assertions) for m in moves
    ]
    return Comment.of(sentences, style, "builtin")
