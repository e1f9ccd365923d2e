"""``newscomment report``: one self-contained HTML page on a batch store (inline SVG charts,
no scripts, no external resources, so it opens offline) showing how a corpus sources its
claims, outlet by outlet, and the analyses of the articles with the weakest sourcing."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from newscomment.batch import charts
from newscomment.batch.charts import Distribution, Panel
from newscomment.batch.schema import SCHEMA_VERSION, TABLES
from newscomment.errors import InputError

TOP_OUTLETS = 15
TOP_TERMS = 20
WEAKEST = 20
TOP_ERRORS = 10
ERROR_REASON_CHARS = 80
TITLE_WORDS = 12
ANCHOR_CHARS = 40
NO_OUTLET = "(no outlet)"
OTHER_OUTLETS = "(other outlets)"
NOTHING_TO_SHOW = "Nothing to show: this store holds no analysed articles."

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
SELECT key, title, left(text, 400), outlet, words, attributed_share, anonymous_sources,
       named_sources, published, url, input
FROM articles
ORDER BY attributed_share ASC NULLS LAST, anonymous_sources DESC NULLS LAST, key
LIMIT ?
"""

KIND_HEADINGS = {
    "claim": "Main claim",
    "source": "Source mentions",
    "quote": "Direct quotes",
    "hedge": "Hedges",
    "opinion": "Opinion",
    "loaded": "Loaded wording",
    "missing": "Missing specifics",
    "boilerplate": "Boilerplate",
}
"""Finding kinds in the order an analysis lists them, with their headings."""

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:#1a1a1a;background:#fff;margin:0}
main{max-width:1180px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .3rem}h2{margin-top:2.5rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem}
.meta,figcaption,.note{color:#555;font-size:.9rem}
dl.counts{display:flex;flex-wrap:wrap;gap:1rem 2.5rem;margin:1rem 0}
dl.counts dt{color:#555;font-size:.85rem}dl.counts dd{margin:0;font-size:1.6rem;font-weight:600}
nav a{margin-right:1rem}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
th,td{text-align:left;padding:.3rem .7rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
article.analysis{border-top:1px solid #ccc;margin-top:2rem}
blockquote{margin:.5rem 0;padding:.5rem 1rem;background:#f6f8fa;border-left:4px solid #0072B2}
h5{font-size:.95rem;margin:1rem 0 .3rem}ul{margin:.2rem 0}
.empty{font-size:1.1rem;padding:1rem;background:#f6f8fa}
"""
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""Belt and braces for a page of untrusted text: the browser loads and runs nothing."""


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
class Section:
    """One part of the page: its anchor, heading, HTML body and how many charts it draws."""

    anchor: str
    heading: str
    body: str
    charts: int = 0


def build_report(store: Path, out: Path) -> ReportSummary:
    """Write the HTML report on the batch store ``store`` to ``out``; ``InputError`` when the
    store is missing or not a newscomment store, or ``out`` cannot be written."""
    if out.resolve() == store.resolve():
        raise InputError(f"--out {out} is the store itself; name a new .html file")
    db = _open(store)
    try:
        totals = _totals(db)
        sections = _sections(db, totals)
    finally:
        db.close()
    page = _page(store.name, totals, sections)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {out}: {error.strerror or error}") from None
    return ReportSummary(
        out=out,
        articles=totals.articles,
        errors=totals.errors,
        outlets=totals.outlets,
        charts=sum(section.charts for section in sections),
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


def _rows_by_key(
    db: duckdb.DuckDBPyConnection, sql: str, keys: Sequence[str]
) -> defaultdict[str, list[tuple[Any, ...]]]:
    """The rows ``sql`` selects for ``keys`` (its first column is ``key``), grouped by key;
    a key with none gets an empty list."""
    grouped: defaultdict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for key, *rest in db.execute(sql, [list(keys)]).fetchall():
        grouped[key].append(tuple(rest))
    return grouped


# --- the sections ---------------------------------------------------------------------------


def _sections(db: duckdb.DuckDBPyConnection, totals: Totals) -> list[Section]:
    """Every section the store has something for; an empty store gets only its errors."""
    found = (
        [
            _profile_section(db),
            _distributions_section(db),
            _wording_section(db),
            *_weakest_sections(db),
        ]
        if totals.articles
        else []
    )
    return [*found, _errors_section(db, totals.errors)]


def _profile_section(db: duckdb.DuckDBPyConnection) -> Section:
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
    svg = charts.profile_chart("profile", PROFILE_TITLE, rows, panels)
    caption = (
        f"One panel per measure; outlets sorted by number of articles (n), the top {TOP_OUTLETS}"
        f" shown, the rest pooled as {OTHER_OUTLETS}, and articles without an outlet as"
        f" {NO_OUTLET}. Dashed line: all articles. Rates per"
        " 1,000 words pool each outlet's counts over its words; shares and quotes are means"
        " per article."
    )
    return Section("profile", "Outlets", _figure(svg, caption), charts=1)


def _distributions_section(db: duckdb.DuckDBPyConnection) -> Section:
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
    return Section("distributions", "Distributions", _figure(svg, caption), charts=1)


def _wording_section(db: duckdb.DuckDBPyConnection) -> Section:
    """The loaded terms and boilerplate phrases found most often across the corpus."""
    parts: list[str] = []
    drawn = 0
    for kind, title, color in TERMS:
        found = db.execute(TERMS_SQL, [kind, TOP_TERMS]).fetchall()
        if not found:
            parts.append(f'<p class="note">{escape(title)}: none found.</p>')
            continue
        terms, counts = zip(*found, strict=True)
        svg = charts.ranking_chart(
            f"terms-{kind}", title, "occurrences across the corpus", terms, counts, color
        )
        caption = f"The {len(terms)} most frequent, lower-cased, with how often each occurs."
        parts.append(_figure(svg, caption))
        drawn += 1
    return Section("wording", "Wording", "".join(parts), charts=drawn)


def _weakest_sections(db: duckdb.DuckDBPyConnection) -> list[Section]:
    """The table of the articles with the lowest attributed share, and each one's analysis."""
    articles = db.execute(WEAKEST_SQL, [WEAKEST]).fetchall()
    keys = [row[0] for row in articles]
    comments = _rows_by_key(
        db, "SELECT key, text FROM comments WHERE list_contains(?, key) ORDER BY key", keys
    )
    sources = _rows_by_key(
        db,
        "SELECT key, name, type, via, mentions FROM sources WHERE list_contains(?, key) "
        "ORDER BY key, mentions DESC, name",
        keys,
    )
    findings = _rows_by_key(
        db,
        "SELECT key, kind, text, note FROM findings WHERE list_contains(?, key) "
        "ORDER BY key, start NULLS LAST, finding",
        keys,
    )
    table = _weakest_table(articles)
    analyses = "".join(
        _analysis(row, comments[row[0]], sources[row[0]], findings[row[0]]) for row in articles
    )
    intro = (
        f'<p class="note">The {len(articles)} articles with the lowest share of attributed'
        " sentences (ties: more anonymous sources first). Each title links to its analysis.</p>"
    )
    return [
        Section("weakest", "Weakest sourcing", intro + table),
        Section("analyses", "Analyses of the weakest", analyses),
    ]


def _errors_section(db: duckdb.DuckDBPyConnection, total: int) -> Section:
    """The most common reasons inputs could not be analysed."""
    if not total:
        return Section("errors", "Errors", '<p class="note">No input failed.</p>')
    reasons = db.execute(
        "SELECT CASE WHEN length(reason) > ? THEN left(reason, ? - 1) || '…' ELSE reason END"
        " AS why, count(*) AS n FROM errors GROUP BY why ORDER BY n DESC, why LIMIT ?",
        [ERROR_REASON_CHARS, ERROR_REASON_CHARS, TOP_ERRORS],
    ).fetchall()
    intro = f'<p class="note">{total:,} inputs could not be analysed; the commonest reasons:</p>'
    table = _table(
        ["Reason", "Inputs"], [[escape(why), f"{n:,}"] for why, n in reasons], numeric={1}
    )
    return Section("errors", "Errors", intro + table)


# --- HTML ----------------------------------------------------------------------------------


def _page(store_name: str, totals: Totals, sections: Sequence[Section]) -> str:
    """The whole document: head with inline style, header, contents, and the sections."""
    title = f"newscomment report: {store_name}"
    nav = " ".join(f'<a href="#{s.anchor}">{escape(s.heading)}</a>' for s in sections)
    empty = "" if totals.articles else f'<p class="empty">{NOTHING_TO_SHOW}</p>'
    body = "".join(
        f'<section id="{s.anchor}"><h2>{escape(s.heading)}</h2>{s.body}</section>' for s in sections
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body><main>"
        f"{_header(store_name, totals)}<nav>{nav}</nav>{empty}{body}</main></body></html>\n"
    )


def _header(store_name: str, totals: Totals) -> str:
    """The page's title, the store's name and counts, and when the report was made."""
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    counts = [
        ("articles", totals.articles),
        ("errors", totals.errors),
        ("outlets", totals.outlets),
        ("words", totals.words),
    ]
    items = "".join(f"<div><dt>{name}</dt><dd>{value:,}</dd></div>" for name, value in counts)
    return (
        f'<header><h1>newscomment report</h1><p class="meta">Store <code>'
        f"{escape(store_name)}</code> (written by {escape(totals.created_by)}); report made "
        f'{made}.</p><dl class="counts">{items}</dl></header>'
    )


def _figure(svg: str, caption: str) -> str:
    """A chart with its caption."""
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """An HTML table of already-escaped cells; columns in ``numeric`` align right."""

    def cell(tag: str, index: int, content: str) -> str:
        return (
            f'<{tag} class="num">{content}</{tag}>'
            if index in numeric
            else f"<{tag}>{content}</{tag}>"
        )

    header = "".join(cell("th", i, escape(name)) for i, name in enumerate(head))
    body = "".join(
        "<tr>" + "".join(cell("td", i, content) for i, content in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _weakest_table(articles: Sequence[tuple[Any, ...]]) -> str:
    """One row per weak article, its title linking to its analysis further down."""
    head = ["Article", "Outlet", "Words", "Attributed", "Anonymous sources"]
    rows = [
        [
            f'<a href="#{_anchor(key)}">{escape(_title(title, text))}</a>',
            escape(outlet or NO_OUTLET),
            _number(words),
            _percent(attributed),
            _number(anonymous),
        ]
        for key, title, text, outlet, words, attributed, anonymous, *_ in articles
    ]
    return _table(head, rows, numeric={2, 3, 4})


def _analysis(
    article: tuple[Any, ...],
    comments: Sequence[tuple[Any, ...]],
    sources: Sequence[tuple[Any, ...]],
    findings: Sequence[tuple[Any, ...]],
) -> str:
    """One article's analysis: what it is, its comment, its sources and its findings."""
    key, title, text, outlet, words, attributed, anonymous, named, published, url, origin = article
    facts = [
        outlet or NO_OUTLET,
        f"{_number(words)} words",
        published and f"published {published}",
        f"attributed {_percent(attributed)}",
        f"{_number(named)} named and {_number(anonymous)} anonymous sources",
        f"input {origin}",
        url,
    ]
    meta = " · ".join(escape(str(fact)) for fact in facts if fact)
    comment = (
        "".join(f"<blockquote>{escape(said)}</blockquote>" for (said,) in comments)
        if comments
        else '<p class="note">No comment stored (the run was made without comments).</p>'
    )
    return (
        f'<article class="analysis" id="{_anchor(key)}"><h3>{escape(_title(title, text))}</h3>'
        f'<p class="meta">{meta}</p><h4>Comment</h4>{comment}'
        f"<h4>Sources ({len(sources)})</h4>{_sources_table(sources)}"
        f"<h4>Findings ({len(findings)})</h4>{_findings_list(findings)}"
        '<p><a href="#weakest">Back to the table</a></p></article>'
    )


def _sources_table(sources: Sequence[tuple[Any, ...]]) -> str:
    """Who the article cites: name, type, through whom, and how often."""
    if not sources:
        return '<p class="note">No sources found.</p>'
    rows = [
        [escape(name or ""), escape((kind or "").replace("_", " ")), escape(via or ""), str(n)]
        for name, kind, via, n in sources
    ]
    return _table(["Name", "Type", "Via", "Mentions"], rows, numeric={3})


def _findings_list(findings: Sequence[tuple[Any, ...]]) -> str:
    """The findings grouped by kind, each as its text and the note explaining it."""
    by_kind: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for kind, text, note in findings:
        by_kind[kind].append((text, note))
    order = [*KIND_HEADINGS, *sorted(set(by_kind) - set(KIND_HEADINGS))]
    parts = []
    for kind in (k for k in order if k in by_kind):
        items = "".join(
            f"<li>{f'<q>{escape(text.strip())}</q> ' if text else ''}"
            f'<span class="meta">{escape(note or "")}</span></li>'
            for text, note in by_kind[kind]
        )
        heading = KIND_HEADINGS.get(kind, kind)
        parts.append(f"<h5>{escape(heading)} ({len(by_kind[kind])})</h5><ul>{items}</ul>")
    return "".join(parts) or '<p class="note">No findings.</p>'


def _anchor(key: str) -> str:
    """A safe element id for an article, unique per key whatever characters the key holds: a
    readable part from its letters and digits, and a hash of the whole key."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")[:ANCHOR_CHARS]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"a-{readable}-{digest}" if readable else f"a-{digest}"


def _title(title: str | None, text: str | None) -> str:
    """The article's title, or its first words where it has none."""
    if title and title.strip():
        return title.strip()
    words = (text or "").split()
    if not words:
        return "(untitled)"
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def _number(value: float | None) -> str:
    """A count with thousands separators, or a dash when unknown."""
    return "–" if value is None else f"{value:,.0f}"


def _percent(share: float | None) -> str:
    """A 0–1 share as a whole percentage, or a dash when unknown."""
    return "–" if share is None else f"{100 * share:.0f}%"
