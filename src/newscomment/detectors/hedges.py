"""Hedges: words by which the article marks a claim as uncertain or unconfirmed.

The lexicon is data (``data/hedges.txt``); the rules for ambiguous words live here:
"May" the month, "could not be reached", "signal" the noun, "suggest" said of a person.
"""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding, inside, lemma_key, match_lexicon
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import term_map
from newscomment.model import Finding

MODALS = frozenset({"may", "might", "could"})
VERB_ONLY = frozenset({"signal", "hint", "suggest", "indicate"})
QUALIFIER_ONLY = frozenset({"likely", "unlikely", "possible", "potential"})
PERSONAL_SUBJECTS = frozenset({"PERSON"})
NOT_HEDGES = (("could", "not", "be", "reach"), ("may", "not", "be", "reach"))


def _said_by_person(verb: object) -> bool:
    """Whether a verb such as "suggest" has a person as subject ("He suggested a deal")."""
    for child in verb.children:  # type: ignore[attr-defined]
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child.ent_type_ in PERSONAL_SUBJECTS or child.lower_ in {
                "he",
                "she",
                "i",
                "we",
                "they",
                "you",
            }
    return False


def _is_hedge(match: TokenSpan) -> bool:
    """Apply the rules for ambiguous hedge words to one lexicon match."""
    first = match[0]
    word = first.lemma_.lower()
    if len(match) > 1:
        return True
    if word in MODALS:
        following = tuple(t.lemma_.lower() for t in match.doc[first.i : first.i + 4])
        return first.tag_ == "MD" and following not in NOT_HEDGES
    if word in VERB_ONLY:
        return first.pos_ == "VERB" and not _said_by_person(first)
    if word in QUALIFIER_ONLY:
        return first.pos_ in {"ADJ", "ADV"}
    return not first.ent_type_


@detector("hedge", needs=("quote",))
def detect(context: Context) -> list[Finding]:
    """Every hedge, scored lower inside direct quotes, where it is the speaker's."""
    categories = term_map("hedges")
    quotes = context.found.spans("quote")
    found = []
    for match in match_lexicon(context.doc, "hedges"):
        if not _is_hedge(match):
            continue
        category = categories.get(lemma_key(match)) or categories.get(match.text.lower(), "modal")
        quoted = inside((match.start_char, match.end_char), quotes)
        note = f"{category} hedge" + (" inside a quote" if quoted else "")
        score = 0.5 if quoted else 0.85
        found.append(
            finding(context.doc, "hedge", category, match, score, note, {"in_quote": quoted})
        )
    return found
