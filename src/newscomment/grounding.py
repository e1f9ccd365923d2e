"""The check stage: a comment may say only what its article supports.

Every quoted string must occur verbatim in the article, every named entity must be
named there too, and every sentence must cite findings that exist.
"""

from __future__ import annotations

import re

from newscomment.model import Analysis, Comment
from newscomment.nlp import entities

QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
UNCHECKED_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY"}
)


def _normalise(text: str) -> str:
    """Text compared for grounding: curly apostrophes straightened, spaces collapsed."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _bare_entity(name: str) -> str:
    """An entity name without a leading "the" or a trailing possessive."""
    name = name.strip().removesuffix("'s").removesuffix("’s")
    return name[4:] if name.lower().startswith("the ") else name


def violations(comment: Comment, analysis: Analysis) -> list[str]:
    """Every way the comment says more than the article does; empty when grounded."""
    article = _normalise(analysis.article.text)
    known_ids = {f.id for f in analysis.findings}
    problems: list[str] = []
    for number, sentence in enumerate(comment.sentences, 1):
        if not sentence.evidence:
            problems.append(f"sentence {number} cites no finding")
        unknown = [i for i in sentence.evidence if i not in known_ids]
        if unknown:
            problems.append(f"sentence {number} cites unknown findings {', '.join(unknown)}")
        for match in QUOTED.finditer(sentence.text):
            quote = _normalise(match.group(1) or match.group(2))
            if quote not in article:
                problems.append(f"sentence {number} quotes words not in the article: {quote!r}")
        unquoted = QUOTED.sub(" ", sentence.text)
        for name, label in entities(unquoted):
            if label in UNCHECKED_LABELS:
                continue
            if _normalise(_bare_entity(name)).lower() not in article.lower():
                problems.append(f"sentence {number} names {name!r}, which the article does not")
    return problems
