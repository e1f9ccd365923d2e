"""The write and check stages together: a comment in a style from the built-in writer or
the LLM writer, the one place that falls back from the second to the first, and the
grounding check every comment gets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscomment.grounding import violations
from newscomment.model import Analysis, Comment
from newscomment.writers import builtin
from newscomment.writers.llm import LLMUnusable, LLMWriter

if TYPE_CHECKING:
    from newscomment.nlp import Dictionary


def write_comment(
    analysis: Analysis, style: str, dictionary: Dictionary, llm: LLMWriter | None = None
) -> Comment:
    """A comment by ``llm`` when given, else by the built-in writer (also when the LLM's
    is unusable, with the reason in ``Comment.warnings``); anything ungrounded is reported
    in ``Comment.warnings`` too."""
    if llm is None:
        result = builtin.write(analysis, style)
    else:
        try:
            result = llm.write(analysis, style, dictionary)
        except LLMUnusable as failure:
            result = builtin.write(analysis, style)
            result.warnings.append(f"llm: used the built-in writer instead: {failure}")
    result.warnings += [
        f"grounding: {problem}" for problem in violations(result, analysis, dictionary)
    ]
    return result
