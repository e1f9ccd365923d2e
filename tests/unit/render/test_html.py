"""``newscomment FILE --format html``: one self-contained page a reader can open offline,
with the article's findings marked in its text and each comment sentence linked to the
words it rests on, in which an article's own markup can neither run nor load anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from helpers.corpus import SEED

from newscomment import Analysis, Comment, Newscomment
from newscomment.kinds import KINDS
from newscomment.render import render

HOSTILE_TITLE = '<script>alert("title")</script>'
HOSTILE_LINES = (
    "<script>alert(1)</script> The council said the plan was approved.",
    '<img src=x onerror="alert(2)"> Officials said <a href="javascript:alert(3)">the report</a>.',
    "[Read more](javascript:alert(4)) according to the ministry.",
)


@dataclass
class Element:
    """An element of the page and the text inside it, its children's included."""

    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """What a browser would build from the page: its elements, by tag and by id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in {"meta", "br", "img", "link", "input"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)

    def by_id(self) -> dict[str, Element]:
        """Every element with an id, by its id."""
        return {e.attrs["id"]: e for e in self.elements if "id" in e.attrs}

    def tagged(self, tag: str) -> list[Element]:
        """Every element of one tag."""
        return [e for e in self.elements if e.tag == tag]


@pytest.fixture(scope="module")
def seed(nc: Newscomment, seed_analysis: Analysis) -> tuple[Analysis, Comment, str]:
    """The seed's analysis, its critical comment, and its page."""
    result = nc.comment(seed_analysis)
    return seed_analysis, result, render(seed_analysis, result, "html")


@pytest.fixture(scope="module")
def hostile(nc: Newscomment) -> str:
    """The page of the seed with markup and script links written into its text and title."""
    body = SEED.read_text(encoding="utf-8").split("Comment:")[0]
    text = HOSTILE_TITLE + "\n" + "\n".join(HOSTILE_LINES) + "\n" + body
    analysis = nc.analyze(nc.read(text=text))
    return render(analysis, nc.comment(analysis), "html")


def test_the_page_is_self_contained_and_runs_nothing(seed: tuple[Analysis, Comment, str]) -> None:
    *_, html = seed
    page = Page(html)

    (policy,) = [m for m in page.tagged("meta") if m.attrs.get("http-equiv")]
    assert policy.attrs["content"].startswith("default-src 'none'")
    assert "script-src" not in policy.attrs["content"]
    assert len(page.tagged("style")) == 1
    assert not {"script", "link", "img", "iframe", "object"} & {e.tag for e in page.elements}
    urls = [e.attrs[a] for e in page.elements for a in ("href", "src") if a in e.attrs]
    assert urls and all(url.startswith("#") for url in urls)
    assert "url(" not in html and "@import" not in html


def test_the_article_is_shown_with_its_findings_marked(
    seed: tuple[Analysis, Comment, str],
) -> None:
    analysis, _, html = seed
    page = Page(html)

    (text,) = [e for e in page.tagged("div") if e.attrs.get("class") == "text"]
    shown = "".join(text.text).replace("\n", "")
    assert shown == analysis.article.text.replace("\n", "")
    marked = {e.attrs["data-kind"] for e in page.tagged("span") if e.attrs.get("data-kind")}
    inline = {f.kind for f in analysis.findings if KINDS[f.kind].inline}
    assert inline <= marked
    for kind in {f.kind for f in analysis.findings}:
        assert KINDS[kind].label in html


def test_each_comment_sentence_links_its_evidence_to_the_words(
    seed: tuple[Analysis, Comment, str],
) -> None:
    analysis, result, html = seed
    page = Page(html)
    ids = page.by_id()

    links = [e for e in page.tagged("a") if e.attrs["href"].startswith("#")]
    evidence = [i for sentence in result.sentences for i in sentence.evidence]
    assert len(links) == len(evidence)
    for link, finding_id in zip(links, evidence, strict=True):
        finding = analysis.finding(finding_id)
        target = ids[link.attrs["href"][1:]]
        if finding.span is not None:
            words = "".join(target.text)
            assert words and finding.span.text.startswith(words), finding_id
        else:
            assert finding.note in "".join(target.text), finding_id
    (said,) = [e for e in page.tagged("section") if e.attrs.get("class") == "comment"]
    for sentence in result.sentences:
        assert sentence.text in "".join(said.text)
    assert len(ids) == html.count(' id="')  # every id is unique


def test_an_articles_markup_comes_out_as_text(hostile: str) -> None:
    page = Page(hostile)

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in hostile
    assert "<script" not in hostile.lower()
    assert not {"script", "img", "iframe"} & {e.tag for e in page.elements}
    attributes = [(name, value) for e in page.elements for name, value in e.attrs.items()]
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert not [value for _, value in attributes if "javascript:" in value.lower()]
    assert "onerror=" in "".join(t for e in page.tagged("div") for t in e.text)
