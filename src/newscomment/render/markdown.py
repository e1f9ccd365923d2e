"""Markdown output: the comment with a footnote per sentence quoting its evidence."""

from __future__ import annotations

from newscomment.model import Analysis, Comment, Finding


def _evidence(item: Finding) -> str:
    """One piece of evidence as a footnote line: the article's words, or the finding's note."""
    if item.span is not None:
        excerpt = item.span.text if len(item.span.text) <= 200 else item.span.text[:197] + "..."
        return f"> {excerpt} ({item.kind}: {item.note})"
    return f"{item.kind}: {item.note}"


def render(analysis: Analysis, result: Comment) -> str:
    """Comment sentences each followed by a footnote marker; footnotes list the evidence."""
    title = analysis.article.title or "the article"
    body, notes = [], []
    for number, sentence in enumerate(result.sentences, 1):
        body.append(f"{sentence.text}[^{number}]")
        lines = [_evidence(analysis.finding(i)) for i in sentence.evidence]
        notes.append(f"[^{number}]: " + "\n    ".join(lines))
    joiner = "\n" if result.style == "questions" else " "
    bullet = "- " if result.style == "questions" else ""
    text = joiner.join(bullet + b for b in body)
    return f"## Comment on {title}\n\n{text}\n\n" + "\n".join(notes) + "\n"
