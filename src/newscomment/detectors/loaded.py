"""Loaded language: emotive or partisan words where neutral wording exists.

The lexicon (``data/loaded.txt``) gives each word a category and a neutral alternative.
Verbs of saying that judge ("admitted", "claimed") count only as verbs (not "insurance
claims", even where the tagger calls that noun a verb); words inside a name are skipped,
and words inside a quote are the speaker's, scored lower.
"""

from __future__ import annotations

from newscomment.detectors.base import finding, inside, lemma_key, match_lexicon
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import term_table
from newscomment.model import Finding

NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss"})
"""Roles only a noun fills: a "verb" in one is a tagging slip ("insurance claims rose")."""


@detector("loaded", needs=("quote",))
def detect(context: Context) -> list[Finding]:
    """Every loaded word or phrase outside names."""
    table = term_table("loaded")
    quotes = context.found.spans("quote")
    found = []
    for match in match_lexicon(context.doc, "loaded"):
        category, neutral = table.get(lemma_key(match)) or table.get(
            match.text.lower(), ("emotive", "")
        )
        if any(t.ent_type_ for t in match) or match[0].pos_ == "PROPN":
            continue
        if category == "saying" and (match[0].pos_ != "VERB" or match[0].dep_ in NOMINAL_DEPS):
            continue
        quoted = inside((match.start_char, match.end_char), quotes)
        note = f"{category} wording" + (f"; neutral: {neutral}" if neutral else "")
        if quoted:
            note += " (inside a quote: the speaker's word)"
        details = {"neutral": neutral or None, "in_quote": quoted}
        score = 0.4 if quoted else 0.8
        found.append(finding(context.doc, "loaded", category, match, score, note, details))
    return found
