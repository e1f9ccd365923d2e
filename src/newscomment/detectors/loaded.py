"""Loaded language: emotive or partisan words where neutral wording exists.

The lexicon (``data/loaded.txt``) gives each word a category, a neutral alternative and, for
ambiguous words, a condition: verbs that judge or attack ("boasted", "slammed") count only
as verbs and not in their literal sense ("slammed into a tree"); "the elites" only as a
noun; "invasion" only where the sentence is about migration. A technical "regime" ("the
sanctions regime") and a real war ("the war on Ukraine") are not loaded. Words inside a
name are skipped, and words inside quotation marks are the speaker's, scored lower.
"""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding, inside, lemma_key, match_lexicon
from newscomment.detectors.quotes import quoted_in
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import term_table
from newscomment.model import Finding

NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss"})
"""Roles only a noun fills: a "verb" in one is a tagging slip ("insurance claims rose")."""
LITERAL_PREPS = frozenset({"into", "onto", "through", "off", "open", "shut"})
"""Particles of a physical act: "slammed into a wall", "blasted through the rock"."""
MIGRATION = frozenset(
    {
        "migrant",
        "migration",
        "immigrant",
        "immigration",
        "refugee",
        "asylum",
        "border",
        "illegal",
        "undocumented",
        "alien",
    }
)
TECHNICAL_REGIMES = frozenset(
    {"regulatory", "fiscal", "monetary", "legal", "tax", "trade", "visa", "sanction"}
)
NAMED_TARGETS = frozenset({"GPE", "NORP", "LOC", "ORG", "PERSON"})


def _as_verb(match: TokenSpan) -> bool:
    """Whether a verb-only entry is used as a verb, and not of a physical act."""
    head = match[0]
    if head.pos_ != "VERB" or head.dep_ in NOMINAL_DEPS:
        return False
    return not any(c.lower_ in LITERAL_PREPS for c in head.children)


def _about_migration(match: TokenSpan) -> bool:
    """Whether the sentence around a match speaks of migrants or borders."""
    return any(t.lemma_.lower() in MIGRATION for t in match.sent)


def _in_its_sense(match: TokenSpan, condition: str) -> bool:
    """Whether an entry's condition holds for this match."""
    head = match[0]
    if condition == "verb":
        return _as_verb(match)
    if condition == "noun":
        return head.pos_ == "NOUN" and head.dep_ != "compound"  # "a hoax letter" is literal
    if condition == "migration":
        return _about_migration(match)
    if head.lemma_.lower() == "regime":
        return not any(
            (c.dep_ == "compound" and c.pos_ == "NOUN") or c.lemma_.lower() in TECHNICAL_REGIMES
            for c in head.children
        )
    if lemma_key(match) == "war on":
        target = match.doc[match.end] if match.end < len(match.doc) else None
        return target is None or target.ent_type_ not in NAMED_TARGETS
    return True


def _in_a_name(match: TokenSpan) -> bool:
    """Whether a match is part of a name: a capitalised proper noun ("Innocent Mwangi"),
    not a lower-case word the tagger took for one ("the woke lessons")."""
    return match[0].pos_ == "PROPN" and match[0].text[:1].isupper()


def _entry(table: dict[str, tuple[str, ...]], match: TokenSpan) -> tuple[str, ...]:
    """The lexicon row a match spells, by its lemmas or by its words as written."""
    words = " ".join(t.lower_ for t in match)
    return table.get(lemma_key(match)) or table.get(words) or ("emotive", "")


@detector("loaded", needs=("quote",))
def detect(context: Context) -> list[Finding]:
    """Every loaded word or phrase outside names, in the sense that makes it loaded."""
    table = term_table("loaded")
    quoted = quoted_in(context.doc) + context.found.spans("quote")
    found = []
    for match in match_lexicon(context.doc, "loaded"):
        category, neutral, *rest = _entry(table, match)
        condition = rest[0] if rest else ("verb" if category == "saying" else "")
        if any(t.ent_type_ for t in match) or _in_a_name(match):
            continue
        if not _in_its_sense(match, condition):
            continue
        in_quote = inside((match.start_char, match.end_char), quoted)
        note = f"{category} wording" + (f"; neutral: {neutral}" if neutral else "")
        if in_quote:
            note += " (inside a quote: the speaker's word)"
        details = {"neutral": neutral or None, "in_quote": in_quote}
        score = 0.4 if in_quote else 0.8
        found.append(finding(context.doc, "loaded", category, match, score, note, details))
    return found
