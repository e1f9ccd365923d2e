"""``newscomment report``: a real store built from the shipped articles becomes one offline
HTML page whose charts, tables and links a reader can rely on, and whose untrusted text
cannot run or load anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import ArticleInput, InputError, Settings
from newscomment.batch.inputs import Record
from newscomment.batch.report import ReportSummary, build_report
from newscomment.batch.store import Store
from newscomment.batch.work import ChunkJob, analyse_chunk

OUTLETS = ("VOA", "Wikinews", "Reuters")
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_KEY = '"><b onclick=x>key & co / #1'
CHART_TEXTS = (
    ("Sourcing profile by outlet", "% of sentences (mean)", "per 1,000 words", "per article"),
    ("Distributions across the corpus", "words per article", "articles"),
    ("Most frequent loaded terms", "occurrences across the corpus"),
    ("Most frequent boilerplate phrases", "occurrences across the corpus"),
)
"""Each chart, in page order: its title, then axis labels with their units."""


class Page(HTMLParser):
    """What a browser would see in the report: tags, ids, links, and each chart's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        """(href, text) of every ``<a>``."""
        self.urls: list[str] = []
        """Every src, href and xlink:href value."""
        self.charts: list[list[str]] = []
        """The text of each ``<svg>``, one string per text element."""
        self.text: list[str] = []
        self._open_link: list[str] | None = None
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]
        if tag == "svg":
            self._svg_depth += 1
            self.charts.append([])
        elif tag == "a":
            self._open_link = [values.get("href") or ""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1
        elif tag == "a" and self._open_link is not None:
            href, *words = self._open_link
            self.links.append((href, "".join(words)))
            self._open_link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._svg_depth:
            self.charts[-1].append(data.strip())
        if self._open_link is not None:
            self._open_link.append(data)


@dataclass(frozen=True)
class Built:
    """A store, the report made from it, and that report parsed."""

    store: Path
    summary: ReportSummary
    html: str
    page: Page


def _report(store: Path, out: Path) -> Built:
    """Build the report on ``store`` and parse it."""
    summary = build_report(store, out)
    html = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return Built(store, summary, html, page)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Six shipped articles over three outlets, the seed under a hostile title and key with
    no outlet, and one unusable input line, stored and reported once for the module."""
    folder = tmp_path_factory.mktemp("report")
    records = [
        Record(str(path), ArticleInput(id=path.stem, text=path.read_text(), outlet=OUTLETS[i % 3]))
        for i, path in enumerate(ARTICLES[:6])
    ]
    records += [
        Record("t", ArticleInput(id=HOSTILE_KEY, text=SEED.read_text(), title=HOSTILE_TITLE)),
        Record("x", problem="bad line"),
    ]
    store = Store(folder / "r.duckdb")
    store.write(analyse_chunk(records, ChunkJob(Settings())))
    store.close()
    return _report(folder / "r.duckdb", folder / "report.html")


def test_report_counts_what_the_store_holds(built: Built) -> None:
    summary = built.summary
    assert summary.out.is_file()
    assert (summary.articles, summary.errors, summary.outlets) == (7, 1, 3)
    assert summary.bytes == summary.out.stat().st_size
    text = " ".join(built.page.text)
    assert "r.duckdb" in text
    assert "bad line" in text  # the errors summary names the reason


def test_every_chart_is_an_inline_svg_with_title_and_axis_labels(built: Built) -> None:
    assert built.summary.charts == len(CHART_TEXTS)
    assert built.html.count("<svg") == len(CHART_TEXTS) == len(built.page.charts)
    for chart, expected in zip(built.page.charts, CHART_TEXTS, strict=True):
        for label in expected:
            assert any(label in text for text in chart), (label, chart[:20])


def test_outlet_profile_shows_each_outlet_with_its_article_count(built: Built) -> None:
    profile = built.page.charts[0]
    for outlet in OUTLETS:
        assert f"{outlet} (n=2)" in profile
    assert "(no outlet) (n=1)" in profile


def test_weakest_table_links_resolve_to_analyses(built: Built) -> None:
    articles = [(href, text) for href, text in built.page.links if href.startswith("#a-")]
    titles = {text for _, text in articles}
    assert len(articles) == built.summary.articles
    assert HOSTILE_TITLE in titles and "Suicide Bomber Wounds 30 in Northwestern Pakistan" in titles
    internal = [href for href in built.page.urls if href.startswith("#")]
    assert internal
    assert all(href[1:] in built.page.ids for href in internal)
    with duckdb.connect(str(built.store), read_only=True) as db:
        (weakest,) = db.execute(
            "SELECT title FROM articles ORDER BY attributed_share, anonymous_sources DESC LIMIT 1"
        ).fetchone()  # type: ignore[misc]
    assert articles[0][1] == weakest


def test_untrusted_text_is_escaped_and_nothing_runs_or_loads(built: Built) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in built.html
    assert "<script" not in built.html.lower()
    assert "script" not in built.page.tags
    assert not {"iframe", "img", "link", "object", "embed"} & set(built.page.tags)
    external = [url for url in built.page.urls if not url.startswith("#")]
    assert external == []
    assert "url(http" not in built.html and "@import" not in built.html
    assert len(built.page.ids) == built.html.count(' id="')  # every id is unique


def test_empty_store_says_there_is_nothing_to_show(tmp_path: Path) -> None:
    Store(tmp_path / "empty.duckdb").close()
    empty = _report(tmp_path / "empty.duckdb", tmp_path / "empty.html")
    assert (empty.summary.articles, empty.summary.charts) == (0, 0)
    assert "Nothing to show" in empty.html
    assert "<svg" not in empty.html


def _not_a_store(path: Path) -> None:
    path.write_text("id,text\n1,hello\n")


def _no_meta(path: Path) -> None:
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE articles (key VARCHAR)")


def _other_version(path: Path) -> None:
    Store(path).close()
    with duckdb.connect(str(path)) as db:
        db.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (None, "does not exist"),
        (_not_a_store, "cannot open"),
        (_no_meta, "not a newscomment store"),
        (_other_version, "schema version 99"),
    ],
)
def test_what_is_not_a_store_is_refused_in_one_line(
    make: Callable[[Path], None] | None, says: str, tmp_path: Path
) -> None:
    path = tmp_path / "results.duckdb"
    if make is not None:
        make(path)
    with pytest.raises(InputError) as caught:
        build_report(path, tmp_path / "report.html")
    message = str(caught.value)
    assert says in message and "\n" not in message
    assert not (tmp_path / "report.html").exists()


def test_report_never_overwrites_its_store(built: Built) -> None:
    before = built.store.stat().st_size
    with pytest.raises(InputError, match="is the store itself"):
        build_report(built.store, built.store)
    assert built.store.stat().st_size == before
