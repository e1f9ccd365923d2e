"""HTML output: one self-contained page per analysis (inline style, no script, nothing
fetched, so it opens offline and can be mailed) with the article's findings marked in its
text, the comment with each sentence's evidence linked to the words it rests on, the
sources and the figures. The corpus report shows its articles with the same template."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

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


@dataclass(frozen=True, slots=True)
class View:
    """What ``analysis.html`` shows of one article; every element id in it starts with
    ``prefix``, so that one page can hold several articles."""

    analysis: Analysis
    comment: Comment | None
    prefix: str
    paragraphs: list[list[Segment]]
    evidence: list[list[Finding]]
    """The findings each comment sentence rests on, in its order."""
    by_kind: dict[str, list[Finding]]
    """The findings of each kind found, in the order of ``KINDS``."""


def paragraphs(text: str, findings: list[Finding]) -> list[list[Segment]]:
    """The article as paragraphs of segments, cut at every finding's start and end."""
    spans = [f for f in findings if f.span is not None]
    cuts = sorted({0, len(text)} | {f.span.start for f in spans} | {f.span.end for f in spans})
    starts: dict[int, list[str]] = {}
    for item in spans:
        starts.setdefault(item.span.start, []).append(item.id)
    result: list[list[Segment]] = [[]]
    for start, end in pairwise(cuts):
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


def view(analysis: Analysis, result: Comment | None, prefix: str = "") -> View:
    """The view of one analysed article (and its comment, when there is one)."""
    by_id = {f.id: f for f in analysis.findings}
    return View(
        analysis=analysis,
        comment=result,
        prefix=prefix,
        paragraphs=paragraphs(analysis.article.text, analysis.findings),
        evidence=[
            [by_id[i] for i in sentence.evidence if i in by_id]
            for sentence in (result.sentences if result else [])
        ],
        by_kind={kind: found for kind in KINDS if (found := analysis.of_kind(kind))},
    )


@cache
def environment(*packages: str) -> Environment:
    """The templates in the ``templates`` folder of each named package, then the renderer's
    own; every value is escaped unless marked safe, and the kinds tables are at hand."""
    folders = [*packages, "newscomment.render"]
    templates = Environment(
        loader=ChoiceLoader([PackageLoader(package, "templates") for package in folders]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.globals.update(kinds=KINDS, source_types=SOURCE_TYPES, policy=CONTENT_SECURITY_POLICY)
    return templates


def render(analysis: Analysis, result: Comment | None) -> str:
    """The whole page for one analysed article (and its comment, when there is one)."""
    return environment().get_template("page.html").render(view=view(analysis, result))
