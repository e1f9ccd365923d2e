"""``newscomment report``: one self-contained HTML page on a batch store (inline SVG charts,
no scripts, no external resources, so it opens offline) showing how a corpus sources its
claims, outlet by outlet, and the analyses of the articles with the weakest sourcing."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from markupsafe import Markup

from newscomment import Analysis, Comment, InputError
from newscomment.batch import charts
from newscomment.batch.charts import Distribution, Panel
from newscomment.batch.schema import SCHEMA_VERSION, TABLES
from newscomment.batch.store import stored_articles
from newscomment.render.html import View, environment, view

TOP_OUTLETS = 15
TOP_TERMS = 20
WEAKEST = 20
TOP_ERRORS = 10
ERROR_REASON_CHARS = 80
TITLE_WORDS = 12
ANCHOR_CHARS = 40
NO_OUTLET = "(no outlet)"
OTHER_OUTLETS = "(other outlets)"
SECTIONS = {
    "profile": "Outlets",
    "distributions": "Distributions",
    "wording": "Wording",
    "weakest": "Weakest sourcing",
    "analyses": "Analyses of the weakest",
    "errors": "Errors",
}
"""Every section of the page, by anchor, with its heading; a store with no articles has
only its errors."""

PROFILE_TITLE = "Sourcing profile by outlet"
PROFILE_PANELS = (
    ("Attributed share", "% of sentences (mean)", charts.BLUE),
    ("Anonymous sources", "per 1,000 words", charts.VERMILLION),
    ("Direct quotes", "per article (mean)", charts.GREEN),
    ("Hedges", "per 1,000 words", charts.ORANGE),
    ("Opinion share", "% of sentences (mean)", charts.PURPLE),
)
"""Each panel of the profile: its title, its axis label (with units) and its colour, in the
order of the columns ``MEASURES_SQL`` computes after the article count."""

MEASURES_SQL = """
    count(*),
    100 * avg(attributed_share),
    1000 * sum(anonymous_sources) / nullif(sum(words), 0),
    avg(quotes),
    1000 * sum(hedges) / nullif(sum(words), 0),
    100 * avg(opinion_share)
"""
"""Per-group figures: rates per 1,000 words are pooled (all the group's sources over all its
words), so that a few very short articles cannot dominate them."""

OUTLET_GROUPS_SQL = f"""
WITH named AS (
    SELECT nullif(trim(outlet), '') AS name, * FROM articles
), top AS (
    SELECT name FROM named WHERE name IS NOT NULL
    GROUP BY name ORDER BY count(*) DESC, name LIMIT $top
), grouped AS (
    SELECT CASE
        WHEN name IS NULL THEN $none WHEN name IN (SELECT name FROM top) THEN name ELSE $other
    END AS grp, *
    FROM named
)
SELECT grp, {MEASURES_SQL} FROM grouped
GROUP BY grp ORDER BY grp = $none, grp = $other, count(*) DESC, grp
"""
"""One row per outlet among the ``$top`` with most articles, then the rest pooled, then the
articles with no outlet."""

DISTRIBUTIONS_TITLE = "Distributions across the corpus"
DISTRIBUTIONS = (
    ("Attributed share", "% of sentences attributed", "100 * attributed_share", charts.BLUE, True),
    (
        "Opinion share",
        "% of sentences that are opinion",
        "100 * opinion_share",
        charts.PURPLE,
        True,
    ),
    (
        "Anonymous sources",
        "anonymous sources per 1,000 words",
        "1000 * anonymous_sources / nullif(words, 0)",
        charts.VERMILLION,
        False,
    ),
    ("Length", "words per article", "words", charts.SKY, False),
)
"""Each histogram: title, axis label, the SQL of its value per article, colour, and whether
it is a percentage (drawn on a fixed 0–100 axis)."""

TERMS = (
    ("loaded", "Most frequent loaded terms", charts.VERMILLION),
    ("boilerplate", "Most frequent boilerplate phrases", charts.GREY),
)
TERMS_SQL = """
SELECT lower(trim(text)) AS term, count(*) AS n FROM findings
WHERE kind = ? AND coalesce(trim(text), '') <> ''
GROUP BY term ORDER BY n DESC, term LIMIT ?
"""

WEAKEST_SQL = """
SELECT key FROM articles
ORDER BY attributed_share ASC NULLS LAST, anonymous_sources DESC NULLS LAST, key
LIMIT ?
"""
ERRORS_SQL = """
SELECT CASE WHEN length(reason) > $chars THEN left(reason, $chars - 1) || '…' ELSE reason END
    AS why, count(*) AS n
FROM errors GROUP BY why ORDER BY n DESC, why LIMIT $top
"""


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What ``build_report`` wrote, for the command line to print."""

    out: Path
    articles: int
    errors: int
    outlets: int
    charts: int
    bytes: int


@dataclass(frozen=True, slots=True)
class Totals:
    """The store's headline counts."""

    articles: int
    errors: int
    outlets: int
    words: int
    created_by: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart (inline SVG from ``batch.charts``, trusted) and its caption."""

    svg: Markup
    caption: str


@dataclass(frozen=True, slots=True)
class Ranking:
    """The most frequent terms of one kind: their chart, or None when none were found."""

    title: str
    chart: Chart | None


@dataclass(frozen=True, slots=True)
class WeakArticle:
    """One of the weakest-sourced articles: its row in the table and its analysis."""

    anchor: str
    title: str
    outlet: str
    words: str
    attributed: str
    anonymous: str
    origin: str
    view: View


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the page shows."""

    store: str
    totals: Totals
    made: str
    profile: Chart | None = None
    distributions: Chart | None = None
    wording: tuple[Ranking, ...] = ()
    weakest: tuple[WeakArticle, ...] = ()
    errors: tuple[tuple[str, int], ...] = ()
    """The commonest reasons inputs failed, with how many failed for each."""

    @property
    def charts(self) -> int:
        """How many charts the page draws."""
        drawn = [self.profile, self.distributions, *(ranking.chart for ranking in self.wording)]
        return sum(chart is not None for chart in drawn)

    @property
    def sections(self) -> dict[str, str]:
        """The sections the page has, by anchor, with their headings."""
        return SECTIONS if self.totals.articles else {"errors": SECTIONS["errors"]}


def build_report(store: Path, out: Path) -> ReportSummary:
    """Write the HTML report on the batch store ``store`` to ``out``; ``InputError`` when the
    store is missing or not a newscomment store, or ``out`` cannot be written."""
    if out.resolve() == store.resolve():
        raise InputError(f"--out {out} is the store itself; name a new .html file")
    db = _open(store)
    try:
        report = _report(db, store.name)
    finally:
        db.close()
    page = environment("newscomment.batch").get_template("report.html").render(report=report)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {out}: {error.strerror or error}") from None
    return ReportSummary(
        out=out,
        articles=report.totals.articles,
        errors=report.totals.errors,
        outlets=report.totals.outlets,
        charts=report.charts,
        bytes=len(page.encode("utf-8")),
    )


# --- the store ----------------------------------------------------------------------------


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    """The store opened read-only, after checking it is a newscomment store we can read."""
    if not path.exists():
        raise InputError(f"{path} does not exist; give the .duckdb file a batch run wrote")
    if not path.is_file():
        raise InputError(f"{path} is not a file; give the .duckdb file a batch run wrote")
    try:
        db = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise InputError(f"cannot open {path} as a DuckDB store: {_first_line(error)}") from None
    try:
        _check_schema(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _check_schema(db: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a database that is not a newscomment store of the schema version we read."""
    tables = {row[0] for row in db.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "meta" not in tables:
        raise InputError(f"{path} is not a newscomment store (it has no meta table)")
    found = db.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
    version = found[0] if found else "unknown"
    if version != str(SCHEMA_VERSION):
        raise InputError(
            f"{path} has store schema version {version}; "
            f"this newscomment reads version {SCHEMA_VERSION}"
        )
    missing = sorted(set(TABLES) - tables)
    if missing:
        raise InputError(f"{path} is an incomplete newscomment store (no {', '.join(missing)})")


def _first_line(error: Exception) -> str:
    """An error's message cut to its first line, for a one-line InputError."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _totals(db: duckdb.DuckDBPyConnection) -> Totals:
    """Articles, errors, distinct named outlets, words, and the version that made the store."""
    articles, outlets, words = db.execute(
        "SELECT count(*), count(DISTINCT nullif(trim(outlet), '')), coalesce(sum(words), 0) "
        "FROM articles"
    ).fetchone()  # type: ignore[misc]
    (errors,) = db.execute("SELECT count(*) FROM errors").fetchone()  # type: ignore[misc]
    made_by = db.execute("SELECT value FROM meta WHERE name = 'created_by'").fetchone()
    return Totals(
        articles=int(articles),
        errors=int(errors),
        outlets=int(outlets),
        words=int(words),
        created_by=made_by[0] if made_by else "unknown",
    )


# --- what the page shows --------------------------------------------------------------------


def _report(db: duckdb.DuckDBPyConnection, store_name: str) -> Report:
    """Every part of the page the store has something for; an empty store gets only its
    errors."""
    totals = _totals(db)
    report = Report(
        store=store_name,
        totals=totals,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        errors=tuple(
            db.execute(ERRORS_SQL, {"chars": ERROR_REASON_CHARS, "top": TOP_ERRORS}).fetchall()
        ),
    )
    if not totals.articles:
        return report
    return replace(
        report,
        profile=_profile(db),
        distributions=_distributions(db),
        wording=tuple(_ranking(db, kind, title, color) for kind, title, color in TERMS),
        weakest=tuple(_weakest(db)),
    )


def _profile(db: duckdb.DuckDBPyConnection) -> Chart:
    """Small multiples comparing outlets on each sourcing measure, against the whole corpus."""
    groups = db.execute(
        OUTLET_GROUPS_SQL, {"none": NO_OUTLET, "other": OTHER_OUTLETS, "top": TOP_OUTLETS}
    ).fetchall()
    overall = db.execute(f"SELECT {MEASURES_SQL} FROM articles").fetchone() or ()
    rows = [(name, count) for name, count, *_ in groups]
    panels = [
        Panel(title, axis, [group[index + 2] for group in groups], overall[index + 1], color)
        for index, (title, axis, color) in enumerate(PROFILE_PANELS)
    ]
    caption = (
        f"One panel per measure; outlets sorted by number of articles (n), the top {TOP_OUTLETS}"
        f" shown, the rest pooled as {OTHER_OUTLETS}, and articles without an outlet as"
        f" {NO_OUTLET}. Dashed line: all articles. Rates per"
        " 1,000 words pool each outlet's counts over its words; shares and quotes are means"
        " per article."
    )
    return Chart(Markup(charts.profile_chart("profile", PROFILE_TITLE, rows, panels)), caption)


def _distributions(db: duckdb.DuckDBPyConnection) -> Chart:
    """Histograms of the per-article measures, to show spread and outliers, not just means."""
    columns = ", ".join(sql for _, _, sql, _, _ in DISTRIBUTIONS)
    values = db.execute(f"SELECT {columns} FROM articles").fetchall()
    distributions = [
        Distribution(title, axis, [row[i] for row in values if row[i] is not None], color, percent)
        for i, (title, axis, _, color, percent) in enumerate(DISTRIBUTIONS)
    ]
    svg = charts.histogram_chart("distributions", DISTRIBUTIONS_TITLE, distributions)
    caption = (
        "One bar per range of values; dashed line: the median. For anonymous sources and length"
        " the top 1% of articles is counted in the last bar."
    )
    return Chart(Markup(svg), caption)


def _ranking(db: duckdb.DuckDBPyConnection, kind: str, title: str, color: str) -> Ranking:
    """The terms of one kind of finding found most often across the corpus."""
    found = db.execute(TERMS_SQL, [kind, TOP_TERMS]).fetchall()
    if not found:
        return Ranking(title, None)
    terms, counts = zip(*found, strict=True)
    svg = charts.ranking_chart(
        f"terms-{kind}", title, "occurrences across the corpus", terms, counts, color
    )
    caption = f"The {len(terms)} most frequent, lower-cased, with how often each occurs."
    return Ranking(title, Chart(Markup(svg), caption))


def _weakest(db: duckdb.DuckDBPyConnection) -> list[WeakArticle]:
    """The articles with the lowest attributed share, each with its analysis rebuilt from
    the store as the JSON contract has it."""
    keys = [key for (key,) in db.execute(WEAKEST_SQL, [WEAKEST]).fetchall()]
    weakest = []
    for number, (row, contract) in enumerate(stored_articles(db, keys)):
        result = Comment.from_dict(contract["comment"]) if contract["comment"] else None
        weakest.append(
            WeakArticle(
                anchor=_anchor(row["key"]),
                title=_title(row["title"], row["text"]),
                outlet=row["outlet"] or NO_OUTLET,
                words=f"{row['words']:,}",
                attributed=f"{100 * row['attributed_share']:.0f}%",
                anonymous=f"{row['anonymous_sources']:,}",
                origin=row["input"],
                view=view(Analysis.from_dict(contract), result, prefix=f"k{number}-"),
            )
        )
    return weakest


def _anchor(key: str) -> str:
    """A safe element id for an article, unique per key whatever characters the key holds: a
    readable part from its letters and digits, and a hash of the whole key."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")[:ANCHOR_CHARS]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"a-{readable}-{digest}" if readable else f"a-{digest}"


def _title(title: str | None, text: str) -> str:
    """The article's title, or its first words where it has none."""
    if title and title.strip():
        return title.strip()
    words = text.split()
    if not words:
        return "(untitled)"
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
