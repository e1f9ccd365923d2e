"""Odd but readable input never crashes the pipeline, and the comment stays grounded and
within its limits: shouting, no punctuation, one word a line, broken quotes, lists."""

from __future__ import annotations

import random

import pytest
from helpers.corpus import SEED

from newscomment import analyze, comment, read
from newscomment.grounding import violations
from newscomment.styles import STYLES

BODY = SEED.read_text().split("Comment:")[0]
WORDS = BODY.split()


def shuffled(seed: int) -> str:
    words = WORDS[:]
    random.Random(seed).shuffle(words)
    return " ".join(words)


ODD_TEXTS = {
    "all capitals": BODY.upper(),
    "no punctuation": " ".join(WORDS * 3).replace(".", "").replace(",", ""),
    "one word a line": "\n".join(WORDS),
    "unbalanced quote": BODY.replace("Al-Jazeera", '"Al-Jazeera', 1),
    "only quotes": " ".join(f'"{w} {w} {w} {w}," he said.' for w in WORDS[:60]),
    "tabs for spaces": BODY.replace(" ", "\t"),
    "markdown table": "| a | b |\n|---|---|\n" + "\n".join(f"| {w} | {w} |" for w in WORDS[:80]),
    "bullet list": "\n".join(f"- {w} said {w}." for w in WORDS[:80]),
    "numbers first": " ".join(str(i) for i in range(300)) + " " + BODY,
    "one long sentence": " and ".join(WORDS * 5),
    "emoji": BODY.replace(" ", " \N{GRINNING FACE} "),
    "shuffled words": shuffled(13),
    "shuffled again": shuffled(17),
}


@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_odd_text_gets_a_grounded_comment_within_limits(text: str, dictionary) -> None:
    analysis = analyze(read(text=text))
    critical = comment(analysis)
    assert violations(critical, analysis, dictionary) == []
    limits = STYLES["critical"]
    assert limits.min_words <= len(critical.text.split()) <= (limits.max_words or 0)
    assert len(comment(analysis, style="brief").text) <= 280
    assert 3 <= len(comment(analysis, style="questions").sentences) <= 5
