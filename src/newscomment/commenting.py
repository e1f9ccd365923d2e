"""The write and check stages together: a comment in a style, checked against its article."""

from __future__ import annotations

from newscomment.errors import NewscommentError
from newscomment.grounding import violations
from newscomment.llmconfig import LLMSettings
from newscomment.model import STYLES, Analysis, Comment
from newscomment.writers import builtin

BACKENDS = ("builtin", "llm")


def comment(
    analysis: Analysis,
    style: str = "critical",
    backend: str = "builtin",
    llm: LLMSettings | None = None,
) -> Comment:
    """Write a comment on an analysed article and check that every sentence is grounded;
    anything ungrounded is reported in ``Comment.warnings``. The "llm" backend needs ``llm``
    (see ``newscomment.llmconfig.llm_settings``) and falls back to the built-in writer."""
    if style not in STYLES:
        raise NewscommentError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    if backend not in BACKENDS:
        raise NewscommentError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "llm":
        if llm is None:
            raise NewscommentError("the llm backend needs LLM settings (a URL and a model)")
        from newscomment.writers import llm as llm_writer

        result = llm_writer.write(analysis, style, llm)
    else:
        result = builtin.write(analysis, style)
    result.warnings += [f"grounding: {problem}" for problem in violations(result, analysis)]
    return result
