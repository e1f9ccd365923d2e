"""Renderers: Markdown footnotes quote the evidence; seed output fills the Comment line."""

from __future__ import annotations

import pytest
from helpers.corpus import ARTICLES, SEED

from newscomment import analyze, comment, read
from newscomment.model import Analysis
from newscomment.render import render


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze(read(SEED))


def test_markdown_has_a_footnote_per_sentence_quoting_evidence(seed: Analysis) -> None:
    result = comment(seed)
    text = render(seed, result, "markdown")
    for number in range(1, len(result.sentences) + 1):
        assert f"[^{number}]:" in text
    assert "> Al-Jazeera" in text


def test_seed_format_keeps_the_document_and_fills_the_line(seed: Analysis) -> None:
    result = comment(seed)
    out = render(seed, result, "seed")
    assert out.startswith(SEED.read_text().rstrip())
    assert out.endswith(result.text)


def test_plain_text_input_can_still_be_written_as_seed() -> None:
    analysis = analyze(read(ARTICLES[0]))
    out = render(analysis, comment(analysis), "seed")
    assert "\nComment: " in out


def test_analysis_text_lists_sources_and_findings(seed: Analysis) -> None:
    out = render(seed, None, "text")
    assert "Al-Jazeera [media_outlet]" in out
    assert "sources [anonymous] via The Times of Israel" in out
