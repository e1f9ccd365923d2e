"""HTML output: one self-contained page per analysis (inline style, no script, nothing
fetched, so it opens offline and can be mailed) with the article's findings marked in its
text, the comment with each sentence's evidence linked to the words it rests on, the
sources and the figures. The corpus report shows its articles with the same template."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from newscomment.kinds import KINDS, SOURCE_TYPES
from newscomment.model import Analysis, Comment, Finding

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The browser loads and runs nothing: the page holds untrusted article text."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the article between two finding boundaries, and the findings over it."""

    text: str
    findings: tuple[Finding, ...]
    anchors: tuple[str, ...]
    """The ids of the findings that start here: where links to them point."""

    @property
    def kind(self) -> str:
        """The kind it is marked as: the shortest covering finding that marks words."""
        inline = [f for f in self.findings if KINDS[f.kind].inline]
        return inline[0].kind if inline else ""

    def covers(self, kind: str) -> bool:
        """Whether a finding of ``kind`` covers it."""
        return any(f.kind == kind for f in self.findings)


def paragraphs(text: str, findings: list[Finding]) -> list[list[Segment]]:
    """The article as paragraphs of segments, cut at every finding's start and end."""
    spans = [f for f in findings if f.span is not None]
    cuts = sorted({0, len(text)} | {f.span.start for f in spans} | {f.span.end for f in spans})
    starts: dict[int, list[str]] = {}
    for item in spans:
        starts.setdefault(item.span.start, []).append(item.id)
    result: list[list[Segment]] = [[]]
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = sorted(
            (f for f in spans if f.span.start <= start and end <= f.span.end),
            key=lambda f: f.span.end - f.span.start,
        )
        anchors = tuple(starts.get(start, ()))
        for number, piece in enumerate(text[start:end].split("\n")):
            if number:
                result.append([])
            if piece:
                result[-1].append(Segment(piece, tuple(covering), () if number else anchors))
    return [paragraph for paragraph in result if paragraph]


@cache
def environment() -> Environment:
    """The templates, every value escaped unless marked safe."""
    return Environment(
        loader=PackageLoader("newscomment", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def context(analysis: Analysis, result: Comment | None) -> dict[str, object]:
    """What the analysis template shows of one article."""
    by_id = {f.id: f for f in analysis.findings}
    return {
        "analysis": analysis,
        "comment": result,
        "paragraphs": paragraphs(analysis.article.text, analysis.findings),
        "evidence": {
            number: [by_id[i] for i in sentence.evidence if i in by_id]
            for number, sentence in enumerate(result.sentences if result else [])
        },
        "kinds": KINDS,
        "source_types": SOURCE_TYPES,
        "by_kind": {
            kind: [f for f in analysis.findings if f.kind == kind]
            for kind in KINDS
            if any(f.kind == kind for f in analysis.findings)
        },
    }


def render(analysis: Analysis, result: Comment | None) -> str:
    """The whole page for one analysed article (and its comment, when there is one)."""
    template = environment().get_template("page.html")
    return template.render(
        **context(analysis, result),
        policy=CONTENT_SECURITY_POLICY,
        marks_css=environment().loader.get_source(environment(), "marks.css")[0],  # type: ignore[union-attr]
    )
