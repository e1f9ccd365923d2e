"""Plain-text output: the comment alone, or a short summary of an analysis."""

from __future__ import annotations

from newscomment.model import Analysis, Comment


def render(result: Comment) -> str:
    """The comment as it would be posted."""
    return result.text


def render_analysis(analysis: Analysis) -> str:
    """A reader's summary of what the detectors found, most salient first."""
    lines = [f"{analysis.article.title or 'Article'} ({analysis.article.words} words)"]
    if analysis.sources:
        lines.append("Sources:")
        lines += [
            f"  - {s.name} [{s.type}]" + (f" via {s.via}" if s.via else "")
            for s in analysis.sources
        ]
    lines.append("Findings (most salient first):")
    for item in sorted(analysis.findings, key=lambda f: -f.salience):
        where = (
            f'"{item.span.text}"'
            if item.span and len(item.span.text) < 80
            else (f"sentence {item.sentence + 1}" if item.sentence is not None else "article")
        )
        lines.append(f"  - [{item.id}] {item.kind}/{item.label}: {where} - {item.note}")
    return "\n".join(lines)
