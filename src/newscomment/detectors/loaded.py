"""Loaded language: emotive or partisan words where neutral wording exists.

The lexicon (``data/loaded.txt``) gives each word a category and a neutral alternative.
Verbs of saying that judge ("admitted", "claimed") count only as verbs (not "insurance
claims", even where the tagger calls that noun a verb); words inside a name are skipped,
and words inside a quote are the speaker's, scored lower.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from newscomment.detectors.base import finding, inside, spans_of
from newscomment.detectors.lexical import index_phrases, match_lemmas
from newscomment.lexicons import term_table
from newscomment.model import Finding

NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss"})
"""Roles only a noun fills: a "verb" in one is a tagging slip ("insurance claims rose")."""


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, ...]]]:
    """The loaded-language lexicon, indexed for matching."""
    return index_phrases(term_table("loaded"))


def detect(doc: Doc, prior: list[Finding]) -> list[Finding]:
    """Every loaded word or phrase outside names."""
    table = term_table("loaded")
    quotes = spans_of(prior, "quote")
    found = []
    for match in match_lemmas(doc, _index()):
        key = " ".join(t.lemma_.lower() for t in match)
        category, neutral = table.get(key) or table.get(match.text.lower(), ("emotive", ""))
        if any(t.ent_type_ for t in match) or match[0].pos_ == "PROPN":
            continue
        if category == "saying" and (match[0].pos_ != "VERB" or match[0].dep_ in NOMINAL_DEPS):
            continue
        quoted = inside((match.start_char, match.end_char), quotes)
        note = f"{category} wording" + (f"; neutral: {neutral}" if neutral else "")
        if quoted:
            note += " (inside a quote: the speaker's word)"
        found.append(
            finding(
                doc,
                "loaded",
                category,
                match,
                0.4 if quoted else 0.8,
                note,
                neutral=neutral,
                in_quote="yes" if quoted else "",
            )
        )
    return found
