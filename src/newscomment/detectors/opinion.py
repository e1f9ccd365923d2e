"""Opinion: sentences in which the writer evaluates, predicts or recommends, unattributed.

A sentence is scored from cues (``data/opinion_cues.txt``: evaluative words, verbs by
which the writer draws conclusions, "should"/"must", predictions, stance adverbs) plus
the loaded words, hedges and stock phrases already found in it. Sentences that credit a
source or sit mostly inside a quote speak for someone else and are not the writer's.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from newscomment.detectors.base import finding, lemma_key, match_lexicon
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.learned.linear import LinearModel
from newscomment.lexicon import term_map
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


def _score(sentence: TokenSpan, found: FindingIndex) -> tuple[dict[str, float], list[str]]:
    """Cue weight of one sentence per label, and the words that cued it."""
    categories = term_map("opinion_cues")
    by_label: dict[str, float] = {}
    cues: list[str] = []
    for match in match_lexicon(sentence, "opinion_cues"):
        category = categories.get(lemma_key(match)) or categories.get(match.text.lower(), "")
        if category and _cue_counts(match, category):
            label = LABELS[category]
            by_label[label] = by_label.get(label, 0.0) + WEIGHTS[category]
            cues.append(match.text)
    if any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in sentence):
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + 1.0
    if sentence.text.rstrip().endswith(("!", "?")):
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + 0.5
    for kind, weight in FINDING_WEIGHTS.items():
        hits = [f.span.text for f in found.within(kind, sentence.start_char, sentence.end_char)]
        if hits:
            by_label["evaluation"] = by_label.get("evaluation", 0.0) + min(weight * len(hits), 1.0)
            cues += hits
    return by_label, cues


def _speaks_for_others(sentence: TokenSpan, found: FindingIndex) -> bool:
    """Whether a sentence credits a source or is mostly a direct quote."""
    start, end = sentence.start_char, sentence.end_char
    if found.within("source", start, end):
        return True
    quoted = sum(
        max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in found.spans("quote")
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


def _subjectivity(sentences: list[TokenSpan], model: LinearModel) -> np.ndarray:
    """The learned subjectivity model's probability for each sentence."""
    return model.predict_proba(sentences) if sentences else np.zeros(0)


@detector("opinion", needs=("source", "quote", "hedge", "loaded", "boilerplate"))
def detect(context: Context) -> list[Finding]:
    """One finding per unattributed sentence that the subjectivity model (trained on
    CheckThat!) judges subjective, or whose cues add up to a clear opinion; the cues
    found name the kind of opinion and go in the note."""
    model = context.models.sentence_model("subjectivity")
    own = [s for s in context.doc.sents if not _speaks_for_others(s, context.found)]
    found = []
    for sentence, probability in zip(own, _subjectivity(own, model), strict=True):
        by_label, cues = _score(sentence, context.found)
        total = sum(by_label.values())
        if probability < model.threshold and total < RULE_ALONE:
            continue
        label = max(by_label, key=by_label.__getitem__) if by_label else "evaluation"
        named = list(dict.fromkeys(cues))
        shown = ", ".join(named) or "none listed"
        note = f"the writer's {label}, unattributed (model {probability:.2f}; cues: {shown})"
        score = max(float(probability), min(total / 3.0, 1.0))
        details = {"cues": named, "excerpt": _excerpt(sentence).text}
        found.append(finding(context.doc, "opinion", label, sentence, score, note, details))
    return found
