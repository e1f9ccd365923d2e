"""evaluation/articles.py and article_checks.py: whole annotated articles scored, on small
hand-made records and analyses; the reader of the news-annotated format and its errors."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from newscomment import Newscomment
from newscomment.assertions import ASSERTIONS
from newscomment.errors import InputError
from newscomment.evaluation import articles, datasets
from newscomment.evaluation.article_checks import (
    CHECKS,
    match_sources,
    names_match,
    occurrences,
)
from newscomment.evaluation.datasets import (
    AnnotatedArticle,
    Annotations,
    GoldQuote,
    GoldSource,
    KeyPoint,
)
from newscomment.model import (
    Analysis,
    Article,
    Assertion,
    Comment,
    CommentSentence,
    Finding,
    MainClaim,
    Sentence,
    Source,
    Span,
)

TEXT = (
    "MILLBROOK — Harbour officials said on Monday that the ferry service will resume. "
    '"We expect the first boats by noon," said port director Dana Whitfield. '
    "A spokesperson, who asked not to be named, said repairs may take longer. "
    "The decision is a welcome relief for weary commuters."
)
SENTENCES = (
    "MILLBROOK — Harbour officials said on Monday that the ferry service will resume.",
    '"We expect the first boats by noon," said port director Dana Whitfield.',
    "A spokesperson, who asked not to be named, said repairs may take longer.",
    "The decision is a welcome relief for weary commuters.",
)
GOLD = Annotations(
    main_claim="Harbour officials said on Monday that the ferry service will resume.",
    main_claim_attributed=True,
    secondhand=False,
    sources=(
        GoldSource("Harbour officials", "anonymous", ("Harbour officials",)),
        GoldSource("Dana Whitfield", "named_person", ("port director Dana Whitfield",)),
        GoldSource("A spokesperson", "anonymous", ("A spokesperson",)),
    ),
    non_sources=("MILLBROOK",),
    quotes=(GoldQuote("We expect the first boats by noon,", "Dana Whitfield"),),
    hedges=("may",),
    opinion_sentences=("The decision is a welcome relief for weary commuters.",),
    loaded_terms=("weary",),
    has_dates=True,
    has_numbers=False,
    key_points=(
        KeyPoint("A named official is quoted.", ("said port director Dana Whitfield",)),
        KeyPoint("The delay is hedged.", ("repairs may take longer",)),
        KeyPoint("The close is the writer's view.", ("a welcome relief",)),
    ),
)
RECORD = AnnotatedArticle(
    id="h1",
    outlet="Millbrook Gazette",
    genre="news",
    state_media=False,
    title="Ferries to return",
    text=TEXT,
    gold=GOLD,
)


def span(words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in TEXT."""
    start = occurrences(TEXT, words)[nth][0]
    return Span(start, start + len(words), words)


def finding(fid: str, kind: str, words: str, sentence: int, **details: Any) -> Finding:
    """A hand-made finding over ``words``."""
    return Finding(fid, kind, kind, span(words), sentence, 0.9, "", details=details)  # type: ignore[arg-type]


def analysis(
    findings: list[Finding] | None = None,
    sources: list[Source] | None = None,
    genre: str = "news",
) -> Analysis:
    """A hand-made analysis of TEXT: its sentences, the claim in the first."""
    sentences = [Sentence(i, span(s).start, span(s).end, s) for i, s in enumerate(SENTENCES)]
    default = [
        finding("claim-1", "claim", SENTENCES[0], 0),
        finding("quote-1", "quote", "We expect the first boats by noon,", 1, speaker="Whitfield"),
        finding("hedge-1", "hedge", "may", 2, in_quote=False),
        finding("opinion-1", "opinion", SENTENCES[3], 3),
        finding("loaded-1", "loaded", "weary", 3, in_quote=False),
    ]
    return Analysis(
        article=Article(text=TEXT),
        sentences=sentences,
        findings=default if findings is None else findings,
        sources=sources or [],
        main_claim=MainClaim(0, True, False, "claim-1"),
        stats={"genre": genre, "state_media": False},  # type: ignore[typeddict-item]
    )


def said(kind: str, subject: str | None = None, *evidence: str) -> Assertion:
    """An assertion of ``kind`` about ``subject``."""
    return Assertion(kind, subject, evidence)


# --- the matching rules ---


def test_names_match_ignoring_the_case_the_article_and_possessives() -> None:
    assert names_match("the Harbour Board's", "harbour board")
    assert names_match("Whitfield", "port director Dana Whitfield")
    assert not names_match("Port", "Portland council")
    assert not names_match("he", "he told reporters")
    assert not names_match("Whitfield", "port director Dana Whitfield", exact=True)


def test_each_gold_source_is_matched_once_exact_names_first() -> None:
    names = ["Whitfield", "Dana Whitfield", "MILLBROOK"]
    assert match_sources(names, GOLD.sources) == {1: 1}


def test_occurrences_are_whole_words() -> None:
    text = "The mayor may resign, the mayor said."
    assert occurrences(text, "may") == [(10, 13)]
    assert len(occurrences(text, "mayor")) == 2


def test_source_counts_separate_duplicates_and_non_sources() -> None:
    sources = [
        Source("Dana Whitfield", "named_person"),
        Source("Whitfield", "named_person"),
        Source("Millbrook", "named_org"),
        Source("A spokesperson", "named_person"),
    ]
    counts = articles.source_counts(RECORD, analysis(sources=sources))
    assert counts["src_matched"] == 2
    assert counts["src_type_ok"] == 1
    assert counts["src_duplicate"] == 1
    assert counts["src_non_source"] == 1


def test_quote_counts_match_by_text_and_speaker_by_any_mention() -> None:
    counts = articles.quote_counts(RECORD, analysis())
    assert (counts["quote_within"], counts["quote_matched"], counts["speaker_ok"]) == (1, 1, 1)
    wrong = finding("quote-1", "quote", "We expect the first boats", 1, speaker="A spokesperson")
    counts = articles.quote_counts(RECORD, analysis([wrong]))
    assert (counts["quote_matched"], counts["speaker_ok"]) == (1, 0)


def test_span_counts_by_overlap_with_any_occurrence() -> None:
    found = [span("may").start, span("expect").start]
    counts = articles.span_counts(
        "hedge", [(found[0], found[0] + 3), (found[1], found[1] + 6)], GOLD.hedges, TEXT
    )
    assert counts == {"hedge_pred": 2, "hedge_tp": 1, "hedge_gold": 1, "hedge_hit": 1}


# --- the assertion checks ---


def test_every_kind_of_assertion_has_a_check() -> None:
    assert set(CHECKS) == set(ASSERTIONS)


@pytest.mark.parametrize(
    ("assertion", "false"),
    [
        (said("genre", "news"), False),
        (said("genre", "an opinion piece"), True),
        (said("genre", "press release"), True),
        (said("state_media", "Millbrook Gazette"), True),
        (said("issuer", "Harbour officials"), True),
        (said("main_claim", "the ferry service will resume"), False),
        (said("main_claim", "repairs may take longer"), True),
        (said("claim_attributed", "Harbour officials"), False),
        (said("claim_unattributed"), True),
        (said("claim_secondhand", "Harbour officials"), True),
        (said("named_source", "Whitfield"), False),
        (said("named_source", "Millbrook"), True),
        (said("named_source", "a spokesperson"), True),
        (said("outlet_source", "The Coastal Courier"), True),
        (said("unnamed_source", "a spokesperson"), False),
        (said("unnamed_source", "the port director"), True),
        (said("unnamed_source", "Millbrook"), True),
        (said("quotes", "one"), False),
        (said("no_quotes"), True),
        (said("opinion", None, "opinion-1"), False),
        (said("opinion", SENTENCES[2]), True),
        (said("hedge", "may", "hedge-1"), False),
        (said("hedge", "expect"), True),
        (said("loaded", "weary"), False),
        (said("loaded", "resume"), True),
        (said("no_dates"), True),
        (said("no_figures"), False),
        (said("no_named_sources"), True),
        (said("well_sourced"), False),
        (said("single_source", "Dana Whitfield"), False),
        (said("check", "Dana Whitfield"), False),
        (said("check", "the Millbrook Gazette"), True),
        (said("check", "the harbour's annual report"), True),
        (said("denial", "A spokesperson"), False),
        (said("attribution_share", "3 of 4"), False),
    ],
)
def test_check_says_what_the_annotations_contradict(assertion: Assertion, false: bool) -> None:
    reason = CHECKS[assertion.kind](assertion, RECORD, analysis())
    assert bool(reason) is false, reason


def test_checks_that_depend_on_genre_and_counts() -> None:
    column = dataclasses.replace(RECORD, genre="opinion")
    release = dataclasses.replace(RECORD, genre="press_release")
    two_named = (*GOLD.sources, GoldSource("Coastal Courier", "media_outlet", ("Courier",)))
    busy = dataclasses.replace(RECORD, gold=dataclasses.replace(GOLD, sources=two_named))
    silent = dataclasses.replace(RECORD, gold=dataclasses.replace(GOLD, quotes=()))
    ours = analysis()
    assert CHECKS["well_sourced"](said("well_sourced"), column, ours)
    assert CHECKS["issuer"](said("issuer", "Harbour officials"), release, ours) is None
    assert CHECKS["single_source"](said("single_source", "Whitfield"), busy, ours)
    assert CHECKS["quotes"](said("quotes", "one"), silent, ours)
    assert CHECKS["no_quotes"](said("no_quotes"), silent, ours) is None


def test_claim_attribution_is_only_checked_when_ours_is_the_annotated_claim() -> None:
    elsewhere = analysis()
    elsewhere.main_claim = MainClaim(2, False, False, "claim-1")
    assert CHECKS["claim_unattributed"](said("claim_unattributed"), RECORD, elsewhere) is None


# --- the comments: false statements, key points, stock frames ---


def comment(*sentences: tuple[str, list[str], list[Assertion]]) -> Comment:
    """A hand-made critical comment."""
    return Comment.of([CommentSentence(t, e, a) for t, e, a in sentences], "critical", "builtin")


def test_comment_counts_false_statements_with_their_reasons() -> None:
    written = comment(
        (
            "The port director is not named.",
            ["source-1"],
            [said("unnamed_source", "the port director")],
        ),
        (
            "Dana Whitfield is quoted.",
            [],
            [said("quotes", "one"), said("named_source", "Whitfield")],
        ),
    )
    contradicted: list[dict[str, Any]] = []
    counts = articles.comment_counts("critical", RECORD, analysis(), written, contradicted)
    assert (counts["critical_assertions"], counts["critical_false"]) == (3, 1)
    assert counts["critical_with_false"] == 1
    assert contradicted[0]["id"] == "h1"
    assert contradicted[0]["reason"].startswith("unnamed_source: ")


def test_key_points_are_covered_by_cited_findings_or_verbatim_quotes() -> None:
    ours = analysis()
    cites_hedge = comment(("Repairs are hedged.", ["hedge-1"], []))
    quotes_close = comment(('It calls the news "a welcome relief".', [], []))
    says_nothing = comment(("The piece is short.", ["claim-1"], []))
    assert articles.key_points_covered(RECORD, ours, cites_hedge) == 1
    assert articles.key_points_covered(RECORD, ours, quotes_close) == 1
    assert articles.key_points_covered(RECORD, ours, says_nothing) == 0


def test_openings_mask_quotes_and_the_articles_names() -> None:
    names = articles.article_names(TEXT)
    assert "Whitfield" in names and "Harbour" in names
    assert "The" not in names and "A" not in names
    assert articles.opening('Dana Whitfield says "boats by noon" today', names) == "N N says Q"
    assert articles.opening("The piece relies on its sources.", names) == "the piece relies on"


def test_stock_frame_share_is_the_opening_most_comments_use() -> None:
    frames = articles.stock_frames(
        [
            ["the piece relies on", "a reader could check"],
            ["the piece relies on", "it quotes N"],
            ["it hedges its claim", "a reader could check", "a reader could check"],
        ]
    )
    assert frames["stock_frame_share"] == pytest.approx(0.667)
    assert frames["first"] == {"opening": "the piece relies on", "share": pytest.approx(0.667)}
    assert frames["last"] == {"opening": "a reader could check", "share": pytest.approx(0.667)}


def test_figures_and_the_table_carry_the_targets() -> None:
    ours = analysis(sources=[Source("Dana Whitfield", "named_person")])
    measured = articles.measure(RECORD, ours, {"critical": comment(("Fine.", [], []))})
    result = {
        "data": "hand.jsonl",
        "articles": 1,
        "seconds": 0.1,
        "overall": articles.figures(measured.counts),
        "genres": {"news": articles.figures(measured.counts)},
        "stock_frames": {"critical": articles.stock_frames([measured.openings["critical"]])},
        "reasons": [],
    }
    assert result["overall"]["source_recall"] == pytest.approx(0.333)
    assert result["overall"]["main_claim_accuracy"] == 1.0
    assert result["overall"]["hedge_prf"]["f1"] == 1.0
    text = articles.render_text(result)
    assert "genre accuracy" in text and "≥ 0.90" in text and "≤ 0.02" in text
    markdown = articles.render_markdown(result)
    assert markdown.startswith("| figure | overall (1) | news (1) | target |")


# --- the reader and its errors ---


def record_dict() -> dict[str, Any]:
    """RECORD as one JSON line's object."""
    data = dataclasses.asdict(RECORD)
    data["annotations"] = data.pop("gold")
    return data


def write(path: Path, *records: dict[str, Any] | str) -> Path:
    """A JSON-lines file of ``records`` (strings written as they are)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reader_reads_an_article_and_its_annotations(tmp_path: Path) -> None:
    [read] = datasets.news_annotated(write(tmp_path / "a.jsonl", record_dict()))
    assert read == RECORD


def one_line_error(path: Path) -> str:
    """The message of the InputError reading ``path`` raises."""
    with pytest.raises(InputError) as raised:
        datasets.news_annotated(path)
    message = str(raised.value)
    assert "\n" not in message and str(path) in message
    return message


def test_bad_files_are_one_line_errors_naming_file_and_line(tmp_path: Path) -> None:
    assert "does not exist" in one_line_error(tmp_path / "none.jsonl")
    broken = write(tmp_path / "b.jsonl", record_dict(), "{not json")
    assert "line 2: not JSON" in one_line_error(broken)
    lacking = record_dict()
    del lacking["annotations"]["hedges"]
    assert "line 1: annotations lacks hedges" in one_line_error(
        write(tmp_path / "c.jsonl", lacking)
    )
    invented = record_dict()
    invented["annotations"]["hedges"] = ["supposedly"]
    assert "'supposedly' is not in the text" in one_line_error(
        write(tmp_path / "d.jsonl", invented)
    )
    odd = record_dict()
    odd["genre"] = "satire"
    assert "genre 'satire' is not one of" in one_line_error(write(tmp_path / "e.jsonl", odd))
    assert "holds no articles" in one_line_error(write(tmp_path / "f.jsonl", ""))


def test_evaluate_articles_runs_the_pipeline_on_a_file(nc: Newscomment, tmp_path: Path) -> None:
    longer = record_dict()
    longer["text"] = TEXT + " " + " ".join(["The harbour reopened its ticket office as well."] * 4)
    result = articles.evaluate_articles(nc, write(tmp_path / "a.jsonl", longer))
    assert result["articles"] == 1
    assert set(result["genres"]) == {"news"}
    assert set(result["stock_frames"]) == set(articles.STYLES)
    assert result["overall"]["critical_key_point_coverage"] is not None
    json.dumps(result)
