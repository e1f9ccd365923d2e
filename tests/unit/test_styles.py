"""styles.py: one table of limits, which the built-in comments keep and which judges any
comment (an LLM's included) by the same rules."""

from __future__ import annotations

import pytest

from newscomment import STYLES, Newscomment


def test_every_builtin_comment_keeps_its_styles_rules(nc: Newscomment, seed_analysis) -> None:
    for name, style in STYLES.items():
        result = nc.comment(seed_analysis, name)
        assert style.problems([s.text for s in result.sentences]) == [], name
        assert result.text == style.separator.join(s.text for s in result.sentences)


@pytest.mark.parametrize(
    ("name", "sentences", "says"),
    [
        ("critical", ["Too short."], "the comment has 2 words; the style wants 60 to 160"),
        ("brief", ["A sentence.", "Another."], "the comment has 2 sentences; the style wants 1"),
        ("brief", ["x" * 281], "the comment has 281 characters; at most 280"),
        ("questions", ["Why?", "How?"], "the comment has 2 sentences; the style wants 3 to 5"),
        ("questions", ["Why?", "Because.", "How?"], "sentence 2 is not a question"),
    ],
)
def test_a_comment_that_breaks_a_rule_is_told_which(
    name: str, sentences: list[str], says: str
) -> None:
    assert says in STYLES[name].problems(sentences)


def test_the_rules_a_writer_is_told_come_from_the_limits() -> None:
    assert "60 to 160 words in all" in STYLES["critical"].rules()
    assert "at most 280 characters" in STYLES["brief"].rules()
    assert "question mark" in STYLES["questions"].rules()
