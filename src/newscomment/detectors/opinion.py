"""Opinion: sentences in which the writer evaluates, predicts or recommends, unattributed.

A sentence is scored from cues (``data/opinion_cues.txt``: evaluative words, verbs by
which the writer draws conclusions, "should"/"must", predictions, stance adverbs) plus
the loaded words, hedges and stock phrases already found in it. Sentences that credit a
source or sit mostly inside a quote speak for someone else and are not the writer's.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding, spans_of
from newscomment.detectors.lexical import index_phrases, match_lemmas
from newscomment.learning.linear import shipped
from newscomment.lexicons import term_map
from newscomment.model import Finding

WEIGHTS = {
    "evaluation": 1.0,
    "evaluative_verb": 1.0,
    "recommendation": 1.0,
    "stance_adverb": 1.0,
    "prediction": 0.4,
    "intensifier": 0.5,
}
FINDING_WEIGHTS = {"loaded": 0.5, "boilerplate": 0.5, "hedge": 0.4}
LABELS = {
    "evaluation": "evaluation",
    "evaluative_verb": "evaluation",
    "stance_adverb": "evaluation",
    "intensifier": "evaluation",
    "recommendation": "recommendation",
    "prediction": "prediction",
}
RULE_ALONE = 1.5
"""Cue weight that marks a sentence as opinion even when the model is unsure."""
MAX_EXCERPT_TOKENS = 16
TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "PRON", "SPACE"})
FIRST_PERSON = frozenset({"i", "we", "my", "our", "us", "me"})


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, ...]]]:
    """The opinion cue lexicon, indexed for matching."""
    return index_phrases(term_map("opinion_cues"))


def _cue_counts(match: TokenSpan, category: str) -> bool:
    """Whether a cue is the writer's judgement here, not a neutral use of the word."""
    token: Token = match[0]
    if token.ent_type_ and token.ent_type_ not in {"NORP"}:
        return False
    if category == "evaluative_verb":
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return token.pos_ == "VERB" and (
            subject is None
            or (
                subject.ent_type_ not in {"PERSON", "ORG"} and subject.pos_ not in {"PRON", "PROPN"}
            )
        )
    if category == "evaluation":
        return token.pos_ in {"ADJ", "ADV", "NOUN", "VERB"}
    if token.lower_ == "will":
        return token.tag_ == "MD"
    return True


def _score(sentence: TokenSpan, prior: list[Finding]) -> tuple[dict[str, float], list[str]]:
    """Cue weight of one sentence per label, and the words that cued it."""
    categories = term_map("opinion_cues")
    by_label: dict[str, float] = {}
    cues: list[str] = []
    for match in match_lemmas(sentence, _index()):
        key = " ".join(t.lemma_.lower() for t in match)
        category = categories.get(key) or categories.get(match.text.lower(), "")
        if category and _cue_counts(match, category):
            label = LABELS[category]
            by_label[label] = by_label.get(label, 0.0) + WEIGHTS[category]
            cues.append(match.text)
    if any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in sentence):
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + 1.0
    if sentence.text.rstrip().endswith(("!", "?")):
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + 0.5
    for kind, weight in FINDING_WEIGHTS.items():
        hits = [
            f.span.text
            for f in prior
            if f.kind == kind and f.span and sentence.start_char <= f.span.start < sentence.end_char
        ]
        if hits:
            by_label["evaluation"] = by_label.get("evaluation", 0.0) + min(weight * len(hits), 1.0)
            cues += hits
    return by_label, cues


def _speaks_for_others(sentence: TokenSpan, prior: list[Finding]) -> bool:
    """Whether a sentence credits a source or is mostly a direct quote."""
    start, end = sentence.start_char, sentence.end_char
    if any(f.kind == "source" and f.span and start <= f.span.start < end for f in prior):
        return True
    quoted = sum(
        max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in spans_of(prior, "quote")
    )
    return quoted > 0.5 * (end - start)


def _excerpt(sentence: TokenSpan) -> TokenSpan:
    """The sentence's main clause, short enough to quote: subject, verb and object,
    cut at a comma or after a content word, never mid-phrase."""
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    start = subject.left_edge.i if subject is not None else sentence.start
    objects = [c for c in root.children if c.dep_ in {"dobj", "attr", "acomp", "prep", "oprd"}]
    end = max((c.right_edge.i + 1 for c in objects), default=root.i + 1)
    if end - start < 5:
        start, end = sentence.start, sentence.end
    doc = sentence.doc
    if end - start > MAX_EXCERPT_TOKENS:
        commas = [t.i for t in doc[start + 5 : start + MAX_EXCERPT_TOKENS] if t.text == ","]
        end = commas[-1] if commas else start + MAX_EXCERPT_TOKENS
    while end > start + 1 and doc[end - 1].pos_ in TRAILING_POS:
        end -= 1
    return doc[start:end]


def _subjectivity(sentences: list[TokenSpan]) -> tuple[np.ndarray, float]:
    """The learned subjectivity model's probability for each sentence, and its threshold."""
    model = shipped("subjectivity")
    if not sentences:
        return np.zeros(0), model.threshold
    return model.predict_proba(sentences), model.threshold


def detect(doc: Doc, prior: list[Finding]) -> list[Finding]:
    """One finding per unattributed sentence that the subjectivity model (trained on
    CheckThat!) judges subjective, or whose cues add up to a clear opinion; the cues
    found name the kind of opinion and go in the note."""
    own = [s for s in doc.sents if not _speaks_for_others(s, prior)]
    probabilities, threshold = _subjectivity(own)
    found = []
    for sentence, probability in zip(own, probabilities, strict=True):
        by_label, cues = _score(sentence, prior)
        total = sum(by_label.values())
        if probability < threshold and total < RULE_ALONE:
            continue
        label = max(by_label, key=by_label.__getitem__) if by_label else "evaluation"
        shown = ", ".join(dict.fromkeys(cues)) or "none listed"
        found.append(
            finding(
                doc,
                "opinion",
                label,
                sentence,
                max(float(probability), min(total / 3.0, 1.0)),
                f"the writer's {label}, unattributed (model {probability:.2f}; cues: {shown})",
                cues=", ".join(dict.fromkeys(cues)),
                excerpt=_excerpt(sentence).text,
            )
        )
    return found
