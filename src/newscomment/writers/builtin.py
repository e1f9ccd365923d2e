"""The built-in writer: offline and deterministic. Each style plans which findings the
article earns a sentence on and words them with frames chosen per article; every sentence
lists the findings it rests on and quotes the article only verbatim."""

from __future__ import annotations

from newscomment.model import Analysis, Comment, CommentSentence
from newscomment.writers.brief import brief
from newscomment.writers.critical import critical
from newscomment.writers.questions import questions

STYLES = {"critical": critical, "brief": brief, "questions": questions}


def write(analysis: Analysis, style: str = "critical") -> Comment:
    """The built-in comment on an analysis, in one of the styles."""
    moves = STYLES[style](analysis)
    sentences = [
        CommentSentence(text=m.text[:1].upper() + m.text[1:], evidence=m.evidence) for m in moves
    ]
    joiner = "\n" if style == "questions" else " "
    return Comment(
        text=joiner.join(s.text for s in sentences),
        style=style,
        backend="builtin",
        sentences=sentences,
    )
