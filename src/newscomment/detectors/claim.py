"""The main claim: the sentence carrying the article's central news claim.

News puts its claim first, so the lede is preferred, with the headline's words as a
tie-breaker. The finding says whether the claim is attributed, whether it reaches the
reader second-hand (through an outlet, an unnamed source or "reportedly"), and holds
its core clause verbatim for quoting.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding
from newscomment.detectors.registry import Context, detector
from newscomment.lexicon import term_map
from newscomment.model import Finding

MIN_WORDS = 8
MIN_FALLBACK_WORDS = 4
MAX_CORE_TOKENS = 30
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .'-]{2,}(?:,[^\n–—-]{0,40}?)?(?:\s*\([^)]{1,40}\))?\s*[-–—]+\s+"
)
SECONDHAND_HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "according to report"})


def _content_words(tokens: TokenSpan) -> set[str]:
    """Lower-cased forms and lemmas of a sentence's content words."""
    return {w for t in tokens if t.is_alpha and not t.is_stop for w in (t.lower_, t.lemma_.lower())}


def _choose(doc: Doc, title: str | None) -> TokenSpan | None:
    """The lede, unless a sentence among the first three matches the headline better."""
    opening = list(doc.sents)[:6]
    if not opening:
        return None
    sentences = [s for s in opening if sum(t.is_alpha for t in s) >= MIN_WORDS][:3]
    if not sentences:
        longest = max(opening, key=lambda s: sum(t.is_alpha for t in s))
        return longest if sum(t.is_alpha for t in longest) >= MIN_FALLBACK_WORDS else None
    title_words = {w for w in re.findall(r"[a-z]+", (title or "").lower()) if len(w) > 3}

    def score(pair: tuple[int, TokenSpan]) -> float:
        position, sentence = pair
        overlap = len(title_words & _content_words(sentence)) / (len(title_words) or 1)
        return 1.0 / (1 + position) + overlap

    return max(enumerate(sentences), key=score)[1]


def _subject(verb: Token) -> Token | None:
    """A verb's grammatical subject, if it has one."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _after_dateline(sentence: TokenSpan) -> int:
    """The first token after a wire dateline ("NAIROBI, March 4 (Reuters) -"), else the
    sentence's first token: the dateline says where the story was filed, not what happened."""
    match = DATELINE.match(sentence.text)
    if match is None:
        return sentence.start
    offset = sentence.start_char + match.end()
    return next((t.i for t in sentence if t.idx >= offset), sentence.start)


def core_clause(sentence: TokenSpan) -> TokenSpan:
    """The claim itself without the attribution around it ("X did Y", not ", Z reported")."""
    verbs = term_map("reporting_verbs")
    clause = sentence.root
    if clause.lemma_.lower() in verbs:
        reported = next((c for c in clause.children if c.dep_ == "ccomp"), clause)
        if _subject(reported) is None or _subject(reported).pos_ != "PRON":
            clause = reported
    subject = _subject(clause)
    start = subject.left_edge.i if subject is not None else clause.left_edge.i
    start = max(start, _after_dateline(sentence))
    kept = [
        c
        for c in clause.rights
        if not (c.dep_ in {"ccomp", "parataxis"} and c.lemma_.lower() in verbs)
        and c.lower_ != "according"
        and not c.is_punct
    ]
    end = max([clause.i + 1] + [c.right_edge.i + 1 for c in kept])
    while end > start + 1 and (sentence.doc[end - 1].is_punct or sentence.doc[end - 1].is_space):
        end -= 1
    if end - start > MAX_CORE_TOKENS:
        cut = [t.i for t in sentence.doc[start : start + MAX_CORE_TOKENS] if t.text in {",", ";"}]
        end = cut[-1] if cut and cut[-1] > start + MIN_WORDS else start + MAX_CORE_TOKENS
    return sentence.doc[start:end]


@detector("claim", needs=("source", "hedge"))
def detect(context: Context) -> list[Finding]:
    """The one main-claim finding, or none for a text without a usable sentence."""
    sentence = _choose(context.doc, context.title)
    if sentence is None:
        return []
    start, end = sentence.start_char, sentence.end_char
    sources = context.found.within("source", start, end)
    hedges = context.found.within("hedge", start, end)
    secondhand = any(
        f.label in {"media_outlet", "anonymous"} or f.details["via"] for f in sources
    ) or any(f.span.text.lower() in SECONDHAND_HEDGES for f in hedges)
    core = core_clause(sentence)
    if sources:
        names = ", ".join(dict.fromkeys(f.details["name"] for f in sources))
        note = f"attributed to {names}" + (", second-hand" if secondhand else "")
    else:
        note = "not attributed to any source" + (" and marked as hearsay" if secondhand else "")
    details = {
        "core": core.text,
        "core_start": core.start_char,
        "secondhand": secondhand,
        "hedged": bool(hedges),
    }
    label = "attributed" if sources else "unattributed"
    return [finding(context.doc, "claim", label, sentence, 0.9, note, details)]
