"""The check stage: a comment may say only what its article supports.

Every quoted string must occur verbatim in the article, every name (a capitalised word in
the comment's own words) must occur there too, and every sentence must cite findings that
exist. Checking capitalised words rather than running the entity recogniser over the
comment is both stricter (any unknown proper noun fails) and cheap enough for every call.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscomment.model import Analysis, Comment

if TYPE_CHECKING:
    from newscomment.nlp import Dictionary

QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*")


def normalise(text: str) -> str:
    """Text compared for grounding: curly apostrophes straightened, spaces collapsed."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def unknown_names(sentence: str, article: str, dictionary: Dictionary) -> list[str]:
    """Capitalised words in a sentence's own words that the article never uses: a name the
    article does not give. A sentence-initial word passes when it is common English."""
    own_words = QUOTED.sub(" ", sentence)
    unknown = []
    for match in CAPITALISED.finditer(own_words):
        word = match.group(0).rstrip(".").removesuffix("'s").removesuffix("’s")
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", article):
            continue
        starts_sentence = not own_words[: match.start()].strip() or own_words[
            : match.start()
        ].rstrip().endswith((".", ":", "(", "?", "!"))
        if starts_sentence and dictionary.is_common(word):
            continue
        unknown.append(word)
    return unknown


def violations(comment: Comment, analysis: Analysis, dictionary: Dictionary) -> list[str]:
    """Every way the comment says more than the article does; empty when grounded."""
    article = normalise(analysis.article.text)
    known_ids = {f.id for f in analysis.findings}
    problems: list[str] = []
    for number, sentence in enumerate(comment.sentences, 1):
        if not sentence.evidence:
            problems.append(f"sentence {number} cites no finding")
        unknown = [i for i in sentence.evidence if i not in known_ids]
        if unknown:
            problems.append(f"sentence {number} cites unknown findings {', '.join(unknown)}")
        problems += unsupported(number, sentence.text, article, "the article", dictionary)
    return problems


def unsupported(
    number: int, sentence: str, reference: str, where: str, dictionary: Dictionary
) -> list[str]:
    """Quotes and names in sentence ``number`` that ``reference`` (normalised text) lacks;
    ``where`` says what the reference is, for the message."""
    problems = []
    for match in QUOTED.finditer(sentence):
        quote = normalise(match.group(1) or match.group(2))
        if quote not in reference:
            problems.append(f"sentence {number} quotes {quote!r}, which {where} lacks")
    for name in unknown_names(sentence, reference, dictionary):
        problems.append(f"sentence {number} names {name!r}, which {where} lacks")
    return problems
