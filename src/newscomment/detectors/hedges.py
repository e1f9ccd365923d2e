"""Hedges: words by which the article marks a claim as uncertain or unconfirmed.

The lexicon is data (``data/hedges.txt``); the rules for ambiguous words live here: a hedge
counts only where it weakens a claim. Not "May" the month, "could not be reached", "couldn't
help but", "might as well", "signal" the noun, "suggest" said of a person, "a possible tax
hike" (an adjective inside a noun phrase), "less likely" (a comparison), "as soon as
possible", "believe" without a clause it qualifies, nor anything in a question.
"""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from newscomment.detectors.base import finding, inside, lemma_key, match_lexicon
from newscomment.detectors.quotes import quoted_in
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import term_map
from newscomment.model import Finding

MODALS = frozenset({"may", "might", "could"})
VERB_ONLY = frozenset({"signal", "hint", "suggest", "indicate"})
QUALIFIER_ONLY = frozenset({"likely", "unlikely", "possible", "potential"})
ATTRIBUTIVE_NOT_HEDGES = frozenset({"possible", "potential"})
"""Adjectives that name a kind of thing inside a noun phrase ("a possible tax hike")."""
BELIEF_VERBS = frozenset({"believe", "reckon", "suspect"})
COMPARATIVES = frozenset({"more", "less", "most", "least", "as", "best", "where", "if"})
QUANTIFIER_SUBJECTS = frozenset({"some", "many", "others", "few", "most", "several"})
"""Subjects that set out a range of views ("some believe ...") rather than doubt a fact."""
PERSONAL_SUBJECTS = frozenset({"PERSON"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you"})
NOT_HEDGES = (
    ("could", "not", "be", "reach"),
    ("may", "not", "be", "reach"),
    ("could", "not", "help"),
    ("can", "not", "help"),
    ("might", "as", "well"),
    ("may", "as", "well"),
)


def _said_by_person(verb: Token) -> bool:
    """Whether a verb such as "suggest" has a person as subject ("He suggested a deal")."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child.ent_type_ in PERSONAL_SUBJECTS or child.lower_ in PERSONAL_PRONOUNS
    return False


def _qualifies(adjective: Token) -> bool:
    """Whether "possible", "likely" and the like hedge a claim: not inside a noun phrase
    ("a possible tax hike"), a comparison ("less likely") or "as soon as possible", and not
    negated ("it is not possible")."""
    word = adjective.lemma_.lower()
    before = adjective.doc[adjective.i - 1].lower_ if adjective.i else ""
    if adjective.pos_ not in {"ADJ", "ADV"} or before in COMPARATIVES:
        return False
    if word in ATTRIBUTIVE_NOT_HEDGES and adjective.dep_ == "amod":
        return False
    return before != "not" and not any(c.dep_ == "neg" for c in adjective.head.children)


def _softens(match: TokenSpan) -> bool:
    """Whether "kind of" / "sort of" softens a word ("kind of strange"), not names a kind of
    thing ("a kind of closed shop", "14 kinds of cheese")."""
    doc, first = match.doc, match[0]
    before = doc[first.i - 1] if first.i else None
    after = doc[match.end] if match.end < len(doc) else None
    if first.tag_ == "NNS" or (before is not None and before.pos_ in {"DET", "NUM", "ADJ", "PRON"}):
        return False
    return after is not None and after.pos_ in {"ADJ", "ADV", "VERB", "AUX"}


def _believes_a_claim(verb: Token) -> bool:
    """Whether "believe" or "reckon" qualifies a clause ("police believe he acted alone"),
    rather than stating faith ("believe in") or setting out views ("some believe")."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.pos_ != "VERB" or any(s.lower_ in QUANTIFIER_SUBJECTS for s in subjects):
        return False
    return any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)


def _is_hedge(match: TokenSpan) -> bool:
    """Apply the rules for ambiguous hedge words to one lexicon match."""
    first = match[0]
    word = first.lemma_.lower()
    if match.sent.text.rstrip().endswith("?"):
        return False
    following = tuple(t.lemma_.lower() for t in match.doc[first.i : first.i + 4])
    if any(following[: len(p)] == p for p in NOT_HEDGES):
        return False
    if word in {"kind", "sort"}:
        return _softens(match)
    if len(match) > 1:
        return True
    if word in MODALS:
        return first.tag_ == "MD"
    if word in BELIEF_VERBS:
        return _believes_a_claim(first)
    if word == "seem":
        return first.pos_ in {"VERB", "AUX"}
    if word in VERB_ONLY:
        return first.pos_ in {"VERB", "AUX"} and not _said_by_person(first)
    if word in QUALIFIER_ONLY:
        return _qualifies(first)
    return not first.ent_type_


@detector("hedge", needs=("quote",))
def detect(context: Context) -> list[Finding]:
    """Every hedge, scored lower inside quotation marks, where it is the speaker's."""
    categories = term_map("hedges")
    quoted = quoted_in(context.doc) + context.found.spans("quote")
    found = []
    for match in match_lexicon(context.doc, "hedges"):
        if not _is_hedge(match):
            continue
        category = categories.get(lemma_key(match)) or categories.get(match.text.lower(), "modal")
        in_quote = inside((match.start_char, match.end_char), quoted)
        note = f"{category} hedge" + (" inside a quote" if in_quote else "")
        score = 0.5 if in_quote else 0.85
        details = {"in_quote": in_quote}
        found.append(finding(context.doc, "hedge", category, match, score, note, details))
    return found
