"""The comment styles: one table of their limits, which the built-in writer keeps, the LLM
writer is told, and the check of an LLM's reply enforces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Style:
    """One style of comment and the limits a comment in it keeps."""

    name: str
    summary: str
    """What a comment in this style is, for help texts and the LLM's instructions."""
    tone: str = ""
    min_words: int = 0
    max_words: int | None = None
    max_chars: int | None = None
    min_sentences: int = 1
    max_sentences: int | None = None
    questions: bool = False
    """Whether every sentence is a question."""
    separator: str = " "
    """What stands between sentences in the comment's text."""

    def rules(self) -> str:
        """The limits in words, for a writer to follow."""
        rules = [self.summary]
        if self.max_words is not None:
            rules.append(f"{self.min_words} to {self.max_words} words in all")
        if self.max_chars is not None:
            rules.append(f"at most {self.max_chars} characters in all")
        if self.questions:
            rules.append("each sentence a question ending with a question mark")
        return ", ".join(rules + ([self.tone] if self.tone else []))

    def problems(self, sentences: list[str]) -> list[str]:
        """Every limit a comment made of ``sentences`` breaks (none: it keeps the style)."""
        text = self.separator.join(sentences)
        words = len(text.split())
        problems = []
        if words < self.min_words or (self.max_words is not None and words > self.max_words):
            problems.append(
                f"the comment has {words} words; the style wants {self.min_words} to "
                f"{self.max_words}"
            )
        if self.max_chars is not None and len(text) > self.max_chars:
            problems.append(f"the comment has {len(text)} characters; at most {self.max_chars}")
        count = len(sentences)
        if count < self.min_sentences or (
            self.max_sentences is not None and count > self.max_sentences
        ):
            wanted = (
                f"{self.min_sentences} to {self.max_sentences}"
                if self.max_sentences != self.min_sentences
                else str(self.min_sentences)
            )
            problems.append(f"the comment has {count} sentences; the style wants {wanted}")
        if self.questions:
            problems += [
                f"sentence {n} is not a question"
                for n, sentence in enumerate(sentences, 1)
                if not sentence.rstrip().endswith("?")
            ]
        return problems


STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        Style(
            "critical",
            "a short paragraph on the article's claim, sourcing and gaps",
            tone="calm and constructive",
            min_words=60,
            max_words=160,
        ),
        Style(
            "brief",
            "one sentence with the single most important point",
            max_chars=280,
            max_sentences=1,
        ),
        Style(
            "questions",
            "questions a careful reader would put to the article",
            min_sentences=3,
            max_sentences=5,
            questions=True,
            separator="\n",
        ),
    )
}
"""Every style, the default first."""

DEFAULT_STYLE = "critical"
