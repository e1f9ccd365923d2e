"""Opinion: sentences in which the writer evaluates, predicts or recommends, unattributed.

A sentence is the writer's opinion only when its own words show a judgement: cues from
``data/opinion_cues.txt`` (evaluative words, verbs by which the writer draws conclusions,
"should"/"must", predictions, stance adverbs), the writer's first person, a rhetorical
question or exclamation, and the loaded words and stock phrases already found in it. The
subjectivity model adds its weight but does not decide alone: a factual sentence it finds
subjective is still reporting, unless the model is sure: at or above the threshold at
which its held-out precision on its training data reached 0.85 (``precise_threshold``,
which the encoder models record). Sentences that speak for someone else are not the writer's:
those that credit a source, sit mostly inside a quote, relay hearsay ("is said to",
"reportedly"), or give the views of people or groups ("critics say", "fans think",
"many believe").
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from newscomment.detectors.base import finding, lemma_key, match_lexicon
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.learned.shelf import SentenceModel
from newscomment.lexicon import term_map
from newscomment.model import Finding

WEIGHTS = {
    "evaluation": 1.0,
    "judgement": 1.0,
    "evaluative_verb": 1.0,
    "recommendation": 1.0,
    "advice": 1.0,
    "stance_adverb": 1.0,
    "prediction": 0.4,
    "intensifier": 0.5,
}
FINDING_WEIGHTS = {"loaded": 0.5, "boilerplate": 0.5}
LABELS = {
    "evaluation": "evaluation",
    "judgement": "evaluation",
    "evaluative_verb": "evaluation",
    "stance_adverb": "evaluation",
    "intensifier": "evaluation",
    "recommendation": "recommendation",
    "advice": "recommendation",
    "prediction": "prediction",
}
RULE_ALONE = 1.5
"""Cue weight that marks a sentence as opinion whatever the model says."""
WITH_MODEL = 1.0
"""Cue weight that marks a sentence as opinion when the model also finds it subjective."""
ARGUED_MIN = 3
ARGUED_SHARE = 0.2
"""How many sentences, and what share of all, must be clear opinions for a text to count
as argued throughout."""
FIRST_PERSON_WEIGHT = 0.5
"""The writer's "I" or "we": a voice, not yet a judgement (a release's "we will")."""
MAX_EXCERPT_TOKENS = 16
TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "PRON", "SPACE"})
FIRST_PERSON = frozenset({"i", "we", "my", "our", "us", "me"})
OPENING_QUOTES = frozenset("\"“‘'")
"""A sentence that opens with one is a speaker's, even where the quote is left open."""
HEARSAY = frozenset({"unconfirmed"})
"""Hedge labels that relay what others say ("reportedly", "is said to")."""
HEARSAY_VERBS = frozenset({"speech", "report"})
"""Classes of reporting verb whose agentless passive relays hearsay ("it was reported")."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "conj"})
IMPERSONAL = frozenset({"it", "there", "this", "that", "which", "what"})


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
    if category in {"evaluation", "judgement"}:
        if token.pos_ == "VERB":
            return not any(c.dep_ == "dobj" for c in token.children)
        return token.pos_ in {"ADJ", "ADV", "NOUN"}
    if token.lower_ == "will":
        return token.tag_ == "MD"
    return category in WEIGHTS


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
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + FIRST_PERSON_WEIGHT
    if sentence.text.rstrip().endswith(("!", "?")):
        by_label["evaluation"] = by_label.get("evaluation", 0.0) + 0.5
    for kind, weight in FINDING_WEIGHTS.items():
        hits = [f.span.text for f in found.within(kind, sentence.start_char, sentence.end_char)]
        if hits:
            by_label["evaluation"] = by_label.get("evaluation", 0.0) + min(weight * len(hits), 1.0)
            cues += hits
    return by_label, cues


def _third_party(verb: Token) -> bool:
    """Whether a verb's subject is someone other than the writer: a noun, a name or a
    personal pronoun ("critics", "Reddit users", "she"), not "I", "we" or "it"."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return False
    word = subject.lower_
    return word not in FIRST_PERSON and word not in IMPERSONAL and word != "you"


def _asserted(verb: Token) -> bool:
    """Whether a verb is asserted as fact by its sentence: it is the root, or reached from
    the root through clauses alone, none of them under a modal ("should", "may") or "to"."""
    token = verb
    while True:
        if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "TO"} for c in token.children):
            return False
        if token.dep_ == "ROOT":
            return True
        if token.dep_ not in CLAUSE_DEPS:
            return False
        token = token.head


def _gives_views(sentence: TokenSpan) -> bool:
    """Whether a sentence reports what someone says or thinks: an asserted verb of saying
    or of holding a view ("say", "believe", "guess") whose subject is not the writer, or an
    agentless passive one ("it is believed", "it was reported")."""
    views = term_map("opinion_cues")
    speech = term_map("reporting_verbs")
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or (lemma not in speech and views.get(lemma) != "view"):
            continue
        if not _asserted(token):
            continue
        if _third_party(token):
            return True
        hearsay = views.get(lemma) == "view" or speech.get(lemma) in HEARSAY_VERBS
        if hearsay and any(c.dep_ == "auxpass" for c in token.children):
            return True
    return False


def _speaks_for_others(sentence: TokenSpan, found: FindingIndex) -> bool:
    """Whether a sentence credits a source, relays hearsay, gives someone's views, or is
    mostly a direct quote."""
    start, end = sentence.start_char, sentence.end_char
    if found.within("source", start, end):
        return True
    if sentence.text.lstrip()[:1] in OPENING_QUOTES:
        return True
    if any(h.label in HEARSAY for h in found.within("hedge", start, end)):
        return True
    if _gives_views(sentence):
        return True
    quoted = sum(
        max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in found.spans("quote")
    )
    return quoted > 0.5 * (end - start)


def _is_opinion(total: float, probability: float, threshold: float) -> bool:
    """Strong cues alone, or a clear cue that the model's judgement confirms."""
    return total >= RULE_ALONE or (total >= WITH_MODEL and probability >= threshold)


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


def _fill(
    probabilities: np.ndarray, sentences: list[TokenSpan], asked: list[int], model: SentenceModel
) -> None:
    """Put the learned subjectivity model's probability of the ``asked`` sentences into
    ``probabilities``, in one batch."""
    if asked:
        probabilities[asked] = model.predict_proba([sentences[i] for i in asked])


def _argued(
    totals: list[float], probabilities: np.ndarray, threshold: float, sentences: int
) -> bool:
    """Whether the writer argues throughout: enough sentences are clear opinions that the
    model's judgement may stand for the rest (an editorial, a column, a letter)."""
    clear = sum(_is_opinion(t, p, threshold) for t, p in zip(totals, probabilities, strict=True))
    return clear >= ARGUED_MIN and clear >= ARGUED_SHARE * sentences


@detector("opinion", needs=("source", "quote", "hedge", "loaded", "boilerplate"))
def detect(context: Context) -> list[Finding]:
    """One finding per sentence in the writer's own voice whose cues add up to a clear
    opinion, or to a clear cue that the subjectivity model (trained on CheckThat!) confirms;
    in a text argued throughout, or where the model is sure, the model's judgement alone.
    The cues found name the kind of opinion and go in the note. The model is asked about
    a cue-less sentence only where its answer can count (an argued text, or a model that
    may decide alone), so an encoder model runs on few sentences of a news report."""
    model = context.models.sentence_model("subjectivity")
    own = [s for s in context.doc.sents if not _speaks_for_others(s, context.found)]
    cued = [_score(sentence, context.found) for sentence in own]
    totals = [sum(by_label.values()) for by_label, _ in cued]
    alone = model.own_say_threshold
    probabilities = np.zeros(len(own))
    weak = [i for i, total in enumerate(totals) if total < WITH_MODEL]
    cue_led = [i for i, total in enumerate(totals) if alone is not None or total >= WITH_MODEL]
    _fill(probabilities, own, cue_led, model)
    argued = _argued(totals, probabilities, model.threshold, sum(1 for _ in context.doc.sents))
    if argued and alone is None:
        _fill(probabilities, own, weak, model)
    scored = [(s, float(p), *c) for s, p, c in zip(own, probabilities, cued, strict=True)]
    found = []
    for sentence, probability, by_label, cues in scored:
        total = sum(by_label.values())
        sure = alone is not None and probability >= alone
        if not _is_opinion(total, probability, model.threshold) and not (
            (argued and probability >= model.threshold) or sure
        ):
            continue
        label = max(by_label, key=by_label.__getitem__) if by_label else "evaluation"
        named = list(dict.fromkeys(cues))
        shown = ", ".join(named) or "none listed"
        note = f"the writer's {label}, unattributed (model {probability:.2f}; cues: {shown})"
        score = max(probability, min(total / 3.0, 1.0))
        details = {"cues": named, "excerpt": _excerpt(sentence).text}
        found.append(finding(context.doc, "opinion", label, sentence, score, note, details))
    return found
