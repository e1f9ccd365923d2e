"""frames.py and data/frames.toml: the built-in writer's wording as data, a stable choice
per article and move."""

from __future__ import annotations

import re
import string

from newscomment.writers import frames

PLACEHOLDERS = {"claim", "who", "cues", "cue", "excerpt", "missing", "target", "share", "total",
                "count", "name", "via", "issuer", "outlet", "against", "figures"}  # fmt: skip


def test_every_frame_uses_only_known_placeholders() -> None:
    for move, variants in frames.table().items():
        for variant, options in variants.items():
            assert options, (move, variant)
            for text in options:
                names = {field for _, field, _, _ in string.Formatter().parse(text) if field}
                assert names <= PLACEHOLDERS, (move, variant, names)


def test_the_choice_is_stable_and_differs_between_articles() -> None:
    chosen = {
        frames.pick("claim", f"article-{n}", "attributed", claim='"x"', who="y") for n in range(30)
    }
    assert len(chosen) >= len(frames.options("claim", "attributed")) - 2
    assert frames.pick("hedges", "a", cues='"may"') == frames.pick("hedges", "a", cues='"may"')


def test_frames_quote_the_article_only_through_placeholders() -> None:
    for variants in frames.table().values():
        for options in variants.values():
            for text in options:
                assert not re.search(r'"[^"{}]+"', text), text
