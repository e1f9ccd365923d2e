"""Markdown output: the comment with a footnote per sentence quoting its evidence."""

from __future__ import annotations

from newscomment.kinds import KINDS
from newscomment.model import Analysis, Comment, Finding
from newscomment.styles import STYLES


def _evidence(item: Finding) -> str:
    """One piece of evidence as a footnote line: the article's words, or the finding's note."""
    kind = KINDS[item.kind].singular.lower()
    if item.span is not None:
        excerpt = item.span.text if len(item.span.text) <= 200 else item.span.text[:197] + "..."
        return f"> {excerpt} ({kind}: {item.note})"
    return f"{kind}: {item.note}"


def render(analysis: Analysis, result: Comment) -> str:
    """Comment sentences each followed by a footnote marker; footnotes list the evidence."""
    title = analysis.article.title or "the article"
    body, notes = [], []
    for number, sentence in enumerate(result.sentences, 1):
        body.append(f"{sentence.text}[^{number}]")
        lines = [_evidence(analysis.finding(i)) for i in sentence.evidence]
        notes.append(f"[^{number}]: " + "\n    ".join(lines))
    style = STYLES[result.style]
    bullet = "- " if style.questions else ""
    text = style.separator.join(bullet + b for b in body)
    return f"## Comment on {title}\n\n{text}\n\n" + "\n".join(notes) + "\n"
