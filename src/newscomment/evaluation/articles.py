"""``newscomment eval articles``: the whole pipeline measured on annotated articles
(news-annotated): what the analysis finds, and what the comments in each style state, per
genre and overall, beside the targets of the issue that set them.

The matching rules and the assertion checks are in ``article_checks``.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.errors import InputError
from newscomment.evaluation import datasets
from newscomment.evaluation.article_checks import (
    CHECKS,
    any_overlap,
    cited,
    claim_place,
    finding_places,
    is_non_source,
    match_sources,
    matches_source,
    occurrences,
    places,
    sentence_place,
)
from newscomment.evaluation.datasets import AnnotatedArticle, GoldQuote
from newscomment.kinds import GENRES
from newscomment.model import Analysis, ArticleInput, Comment, Finding

if TYPE_CHECKING:
    from newscomment.pipeline import Newscomment

STYLES = ("critical", "brief", "questions")
"""The styles each article is commented in; the first is the headline figure."""
OPENING_WORDS = 4
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
_WORD = re.compile(r"\x00|[^\W_][\w'’-]*")
_CAPITALISED = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Row:
    """One figure of the table: its key, its name and the issue's target for it."""

    key: str
    label: str
    target: tuple[str, float] | None = None


ROWS = (
    Row("genre_accuracy", "genre accuracy", ("≥", 0.90)),
    Row("state_media_accuracy", "state-media accuracy", ("≥", 0.95)),
    Row("source_recall", "source recall", ("≥", 0.85)),
    Row("source_precision", "source precision", ("≥", 0.90)),
    Row("source_type_accuracy", "source type accuracy", ("≥", 0.90)),
    Row("non_sources_called_sources", "non-sources called sources"),
    Row("duplicate_sources", "sources listed twice"),
    Row("quote_count_within_1", "quote count within ±1", ("≥", 0.90)),
    Row("speaker_accuracy", "speaker accuracy", ("≥", 0.85)),
    Row("main_claim_accuracy", "main claim", ("≥", 0.85)),
    Row("hedge_prf", "hedge P / R / F1", ("≥", 0.75)),
    Row("opinion_prf", "opinion P / R / F1"),
    Row("comment_opinion_precision", "opinion the comment cites: precision", ("≥", 0.85)),
    Row("loaded_prf", "loaded P / R / F1", ("≥", 0.40)),
    *(
        row
        for style in STYLES
        for row in (
            Row(f"{style}_false_statement_rate", f"{style}: false-statement rate", ("≤", 0.02)),
            Row(f"{style}_comments_with_false_statement", f"{style}: comments with one"),
            Row(f"{style}_assertions", f"{style}: typed assertions"),
            Row(f"{style}_key_point_coverage", f"{style}: key-point coverage", ("≥", 0.65)),
        )
    ),
)
"""The table, in order; a ``_prf`` key shows precision, recall and F1 (the target is F1's)."""
STOCK_FRAME_TARGET = 1 / 8


@dataclass(slots=True)
class Measured:
    """One article's counts, its contradicted statements and its comments' openings."""

    genre: str
    counts: Counter[str] = field(default_factory=Counter)
    contradicted: list[dict[str, Any]] = field(default_factory=list)
    openings: dict[str, list[str]] = field(default_factory=dict)


def default_data(folder: Path | None = None) -> Path:
    """The dev set: ``articles.jsonl`` of news-annotated in the data folder."""
    return datasets.data_root(folder) / datasets.NEWS_ANNOTATED / datasets.NEWS_ANNOTATED_FILE


def evaluate_articles(nc: Newscomment, data: Path | None = None) -> dict[str, Any]:
    """Analyse each article once, comment on it in every style, and score it all."""
    path = data or default_data(nc.settings.data)
    records = datasets.news_annotated(path)
    started = time.perf_counter()
    measured = []
    for record in records:
        analysis = _analysed(nc, record, path)
        comments = {style: nc.comment(analysis, style) for style in STYLES}
        measured.append(measure(record, analysis, comments))
    seconds = time.perf_counter() - started
    genres = [genre for genre in GENRES if any(m.genre == genre for m in measured)]
    reasons = Counter(item["reason"] for m in measured for item in m.contradicted)
    return {
        "data": str(path),
        "articles": len(records),
        "seconds": round(seconds, 2),
        "overall": figures(sum((m.counts for m in measured), Counter())),
        "genres": {
            genre: figures(sum((m.counts for m in measured if m.genre == genre), Counter()))
            for genre in genres
        },
        "stock_frames": {
            style: stock_frames(m.openings[style] for m in measured) for style in STYLES
        },
        "targets": {row.key: row.target for row in ROWS if row.target}
        | {"stock_frame_share": ("≤", STOCK_FRAME_TARGET)},
        "reasons": reasons.most_common(),
        "contradicted": [item for m in measured for item in m.contradicted],
        "per_article": [
            {"id": r.id, "genre": m.genre, **m.counts}
            for r, m in zip(records, measured, strict=True)
        ],
    }


def _analysed(nc: Newscomment, record: AnnotatedArticle, path: Path) -> Analysis:
    """The record's analysis; an article the pipeline refuses is an error naming it."""
    given = ArticleInput(text=record.text, title=record.title or None, outlet=record.outlet or None)
    try:
        return nc.analyze(nc.read(given))
    except InputError as error:
        raise InputError(f"{path}, article {record.id}: {error}") from None


def measure(record: AnnotatedArticle, analysis: Analysis, comments: dict[str, Comment]) -> Measured:
    """Every count of one article: the analysis against its annotations, then each comment."""
    result = Measured(record.genre)
    counts = result.counts
    counts["articles"] = 1
    counts["genre_ok"] = int(analysis.stats.get("genre") == record.genre)
    counts["state_ok"] = int(bool(analysis.stats.get("state_media")) == record.state_media)
    counts.update(source_counts(record, analysis))
    counts.update(quote_counts(record, analysis))
    gold_claim = occurrences(record.text, record.gold.main_claim)
    counts["claim_ok"] = int(any_overlap(claim_place(analysis), gold_claim))
    hedges = [w for f in analysis.of_kind("hedge") for w in finding_places(f)]
    loaded = [w for f in analysis.of_kind("loaded") if not f.in_quote for w in finding_places(f)]
    counts.update(span_counts("hedge", hedges, record.gold.hedges, record.text))
    counts.update(span_counts("loaded", loaded, record.gold.loaded_terms, record.text))
    opinion = _sentences_of(analysis, analysis.of_kind("opinion"))
    counts.update(span_counts("opinion", opinion, record.gold.opinion_sentences, record.text))
    for style, comment in comments.items():
        counts.update(comment_counts(style, record, analysis, comment, result.contradicted))
        result.openings[style] = comment_openings(comment, record.text)
    critical = comments.get(STYLES[0])
    if critical is not None:
        ids = [i for s in critical.sentences for i in s.evidence]
        cited_opinion = _sentences_of(analysis, cited(analysis, dict.fromkeys(ids), "opinion"))
        gold = places(record.text, record.gold.opinion_sentences)
        counts["cited_opinion"] = len(cited_opinion)
        counts["cited_opinion_ok"] = sum(any_overlap([w], gold) for w in cited_opinion)
    return result


def _sentences_of(analysis: Analysis, findings: Iterable[Finding]) -> list[tuple[int, int]]:
    """The distinct sentences the findings stand in (or their own spans)."""
    found = [w for f in findings for w in sentence_place(analysis, f.sentence) or finding_places(f)]
    return list(dict.fromkeys(found))


def source_counts(record: AnnotatedArticle, analysis: Analysis) -> Counter[str]:
    """Sources found, annotated, matched one to one, of the right type; and of the others,
    those naming a source matched already (duplicates: right, but listed twice) or a
    non-source."""
    names = [s.name for s in analysis.sources]
    gold = record.gold.sources
    pairs = match_sources(names, gold)
    counts = Counter(src_gold=len(gold), src_pred=len(names), src_matched=len(pairs))
    counts["src_type_ok"] = sum(analysis.sources[i].type == gold[j].type for i, j in pairs.items())
    for i, name in enumerate(names):
        if i in pairs:
            continue
        if any(matches_source(name, gold[j]) for j in pairs.values()):
            counts["src_duplicate"] += 1
        elif is_non_source(name, record):
            counts["src_non_source"] += 1
    return counts


def _speaker_ok(speaker: str | None, quote: GoldQuote, record: AnnotatedArticle) -> bool:
    """Whether a predicted speaker is the annotated one (by its name or any mention)."""
    if quote.speaker is None or speaker is None:
        return quote.speaker is None and speaker is None
    source = next((s for s in record.gold.sources if s.name == quote.speaker), None)
    if source is None:
        source = datasets.GoldSource(quote.speaker, "named_person", ())
    return matches_source(speaker, source)


def quote_counts(record: AnnotatedArticle, analysis: Analysis) -> Counter[str]:
    """Quotes counted (within one of the annotated count) and each annotated quote's
    speaker, where a found quote overlaps it."""
    found = analysis.of_kind("quote")
    gold = record.gold.quotes
    counts = Counter(quote_gold=len(gold), quote_pred=len(found))
    counts["quote_within"] = int(abs(len(found) - len(gold)) <= 1)
    for quote in gold:
        where = occurrences(record.text, quote.text)
        match = next((f for f in found if any_overlap(finding_places(f), where)), None)
        if match is not None:
            counts["quote_matched"] += 1
            speaker = match.details.get("speaker")
            counts["speaker_ok"] += _speaker_ok(speaker, quote, record)
    return counts


def span_counts(
    name: str, found: list[tuple[int, int]], gold: Iterable[str], text: str
) -> Counter[str]:
    """Spans found, those overlapping an annotated string, annotated strings, and those
    with an occurrence overlapping a found span."""
    gold = list(gold)
    every = places(text, gold)
    return Counter(
        {
            f"{name}_pred": len(found),
            f"{name}_tp": sum(any_overlap([w], every) for w in found),
            f"{name}_gold": len(gold),
            f"{name}_hit": sum(any_overlap(occurrences(text, g), found) for g in gold),
        }
    )


def comment_counts(
    style: str,
    record: AnnotatedArticle,
    analysis: Analysis,
    comment: Comment,
    contradicted: list[dict[str, Any]],
) -> Counter[str]:
    """A comment's typed assertions, those the annotations contradict (added to
    ``contradicted``), and the key points whose evidence it cites."""
    counts = Counter({f"{style}_comments": 1})
    for number, sentence in enumerate(comment.sentences):
        for assertion in sentence.assertions:
            check = CHECKS.get(assertion.kind)
            if check is None:
                counts["unknown_kinds"] += 1
                continue
            counts[f"{style}_assertions"] += 1
            reason = check(assertion, record, analysis)
            if reason:
                counts[f"{style}_false"] += 1
                contradicted.append(
                    {
                        "id": record.id,
                        "style": style,
                        "sentence": number,
                        "kind": assertion.kind,
                        "subject": assertion.subject,
                        "reason": f"{assertion.kind}: {reason}",
                        "text": sentence.text,
                    }
                )
    counts[f"{style}_with_false"] = int(counts[f"{style}_false"] > 0)
    counts[f"{style}_points"] = len(record.gold.key_points)
    counts[f"{style}_covered"] = key_points_covered(record, analysis, comment)
    return counts


def comment_places(text: str, analysis: Analysis, comment: Comment) -> list[tuple[int, int]]:
    """Where the comment points in the article: the findings it cites and the article's
    words it quotes."""
    ids = dict.fromkeys(i for s in comment.sentences for i in s.evidence)
    cited_places = [w for f in cited(analysis, ids) for w in finding_places(f)]
    quoted = [m.group()[1:-1] for m in _QUOTED.finditer(comment.text)]
    return cited_places + places(text, [q for q in quoted if q.strip()])


def key_points_covered(record: AnnotatedArticle, analysis: Analysis, comment: Comment) -> int:
    """How many key points have evidence where the comment cites or quotes the article."""
    pointed = comment_places(record.text, analysis, comment)
    return sum(
        any(any_overlap(occurrences(record.text, e), pointed) for e in point.evidence)
        for point in record.gold.key_points
    )


def article_names(text: str) -> set[str]:
    """Words the article capitalises other than at a sentence's start, and never writes in
    lower case: its names."""
    lower = {_bare(w) for w in _CAPITALISED.findall(text) if w[0].islower()}
    names = set()
    for match in _CAPITALISED.finditer(text):
        word = _bare(match.group())
        before = text[max(0, match.start() - 8) : match.start()].rstrip(" \t\"'“”‘’(")
        starts = not before or before[-1] in ".!?:\n"
        if word[0].isupper() and not starts and word.lower() not in lower:
            names.add(word)
    return names


def _bare(word: str) -> str:
    """A word without a possessive ending."""
    return re.sub(r"['’]s?$", "", word) or word


def opening(sentence: str, names: set[str], size: int = OPENING_WORDS) -> str:
    """A sentence's first words, quoted material as Q and the article's names as N."""
    words = _WORD.findall(_QUOTED.sub(" \x00 ", sentence))
    masked = ["Q" if w == "\x00" else "N" if _bare(w) in names else w.lower() for w in words]
    return " ".join(masked[:size])


def comment_openings(comment: Comment, text: str) -> list[str]:
    """The opening of each sentence of the comment, in order."""
    names = article_names(text)
    return [opening(s.text, names) for s in comment.sentences]


def stock_frames(per_comment: Iterable[list[str]]) -> dict[str, Any]:
    """The opening used in most comments, and the commonest first and last openings,
    each with the share of comments that use it."""
    comments = [c for c in per_comment if c]
    count = len(comments) or 1
    anywhere = Counter(o for c in comments for o in set(c))
    first = Counter(c[0] for c in comments)
    last = Counter(c[-1] for c in comments)

    def top(counter: Counter[str]) -> dict[str, Any]:
        opening_, used = counter.most_common(1)[0] if counter else ("", 0)
        return {"opening": opening_, "share": round(used / count, 3)}

    return {
        "comments": len(comments),
        "stock_frame_share": top(anywhere)["share"],
        "most_common": [
            {"opening": o, "share": round(n / count, 3)} for o, n in anywhere.most_common(5)
        ],
        "first": top(first),
        "last": top(last),
    }


def _ratio(part: int, whole: int) -> float | None:
    """part / whole, rounded, or None when there is nothing to divide."""
    return round(part / whole, 3) if whole else None


def _prf(counts: Counter[str], name: str) -> dict[str, float | None]:
    """Precision, recall and F1 of a span kind."""
    precision = _ratio(counts[f"{name}_tp"], counts[f"{name}_pred"])
    recall = _ratio(counts[f"{name}_hit"], counts[f"{name}_gold"])
    f1 = None
    if precision is not None and recall is not None:
        f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def figures(counts: Counter[str]) -> dict[str, Any]:
    """The figures of a set of articles, from their summed counts."""
    result: dict[str, Any] = {
        "articles": counts["articles"],
        "genre_accuracy": _ratio(counts["genre_ok"], counts["articles"]),
        "state_media_accuracy": _ratio(counts["state_ok"], counts["articles"]),
        "source_recall": _ratio(counts["src_matched"], counts["src_gold"]),
        "source_precision": _ratio(
            counts["src_matched"] + counts["src_duplicate"], counts["src_pred"]
        ),
        "source_type_accuracy": _ratio(counts["src_type_ok"], counts["src_matched"]),
        "non_sources_called_sources": counts["src_non_source"],
        "duplicate_sources": counts["src_duplicate"],
        "quote_count_within_1": _ratio(counts["quote_within"], counts["articles"]),
        "quote_recall": _ratio(counts["quote_matched"], counts["quote_gold"]),
        "speaker_accuracy": _ratio(counts["speaker_ok"], counts["quote_matched"]),
        "main_claim_accuracy": _ratio(counts["claim_ok"], counts["articles"]),
        "comment_opinion_precision": _ratio(counts["cited_opinion_ok"], counts["cited_opinion"]),
        "unknown_assertion_kinds": counts["unknown_kinds"],
    }
    for name in ("hedge", "opinion", "loaded"):
        result[f"{name}_prf"] = _prf(counts, name)
    for style in STYLES:
        assertions = counts[f"{style}_assertions"]
        result[f"{style}_assertions"] = assertions
        result[f"{style}_false_statements"] = counts[f"{style}_false"]
        result[f"{style}_false_statement_rate"] = _ratio(counts[f"{style}_false"], assertions)
        result[f"{style}_comments_with_false_statement"] = _ratio(
            counts[f"{style}_with_false"], counts[f"{style}_comments"]
        )
        result[f"{style}_key_point_coverage"] = _ratio(
            counts[f"{style}_covered"], counts[f"{style}_points"]
        )
    return result


def _cell(value: Any) -> str:
    """A figure as the table shows it."""
    if isinstance(value, dict):
        return " / ".join(_cell(v) for v in value.values())
    if value is None:
        return "—"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _target(target: tuple[str, float] | None) -> str:
    """A target as the table shows it."""
    return f"{target[0]} {target[1]:.2f}" if target else ""


def table(result: dict[str, Any]) -> list[list[str]]:
    """The figures as rows of cells: a header, then one row per figure (overall, each
    genre, the target)."""
    columns = [("overall", result["overall"]), *result["genres"].items()]
    header = ["figure", *(f"{name} ({f['articles']})" for name, f in columns), "target"]
    rows = [
        [row.label, *(_cell(f[row.key]) for _, f in columns), _target(row.target)] for row in ROWS
    ]
    return [header, *rows]


def stock_lines(result: dict[str, Any]) -> list[str]:
    """For each style, the opening most comments use and the commonest first and last."""
    lines = []
    for style, frames in result["stock_frames"].items():
        common = frames["most_common"][0]["opening"] if frames["most_common"] else ""
        lines.append(
            f"stock frames ({style}, {frames['comments']} comments): the commonest opening "
            f"{common!r} in {frames['stock_frame_share']:.2f} of them (target ≤ "
            f"{STOCK_FRAME_TARGET:.3f}); first sentence {frames['first']['opening']!r} "
            f"{frames['first']['share']:.2f}, last {frames['last']['opening']!r} "
            f"{frames['last']['share']:.2f}"
        )
    return lines


def reason_lines(result: dict[str, Any], most: int = 8) -> list[str]:
    """The commonest reasons a statement was found false, with their counts."""
    return [f"{count:3d}  {reason}" for reason, count in result["reasons"][:most]] or ["none"]


def _aligned(row: list[str], widths: list[int]) -> str:
    """A row of cells padded to the columns' widths."""
    return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()


def render_text(result: dict[str, Any]) -> str:
    """The table in aligned columns, with the stock frames and the commonest reasons."""
    rows = table(result)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        f"articles: {result['articles']} from {result['data']} in {result['seconds']:.1f} s",
        *(_aligned(row, widths) for row in rows),
        *stock_lines(result),
        "commonest reasons a statement is false:",
        *(f"  {line}" for line in reason_lines(result)),
    ]
    return "\n".join(lines)


def render_markdown(result: dict[str, Any]) -> str:
    """The table as Markdown, with the stock frames and the commonest reasons below it."""
    rows = table(result)
    lines = [
        "| " + " | ".join(rows[0]) + " |",
        "|" + "---|" * len(rows[0]),
        *("| " + " | ".join(row) + " |" for row in rows[1:]),
        "",
        *(f"- {line}" for line in stock_lines(result)),
        "- commonest reasons a statement is false:",
        *(f"  - {line.strip()}" for line in reason_lines(result)),
    ]
    return "\n".join(lines)
