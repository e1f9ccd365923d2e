"""Features for the learned models, computed from parsed spaCy docs.

``SentenceFeatures`` turns a sentence (or a whole comment) into a sparse row: binary
n-grams from a vocabulary fitted on the training docs, then dense "rich" cues (lexicon
hits, part-of-speech ratios, length, attribution), standardised with training means.
``TokenFeatures`` turns each token into a row for the word-level task: the token's own
identity and tags, its neighbours', lexicon flags, its sentence's rich cues and, with the
encoder, its contextual state there.
Both serialise to plain JSON (vocabulary list and configuration) and back.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Any, Self

import numpy as np
from scipy import sparse
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.encoder import DIMENSION
from newscomment.errors import ModelError
from newscomment.lexicon import indexed, runs, term_map

Text = Doc | TokenSpan
LEXICONS = ("hedges", "loaded", "boilerplate")
OPINION_CATEGORIES = (
    "evaluation",
    "evaluative_verb",
    "recommendation",
    "stance_adverb",
    "prediction",
    "intensifier",
)
POS_RATIOS = ("ADJ", "ADV", "VERB", "NOUN", "PROPN", "PRON", "NUM", "AUX", "DET", "ADP", "CCONJ")
TAG_RATIOS = ("JJS", "RBS", "JJR", "RBR", "MD")
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
RICH_FEATURES: tuple[str, ...] = (
    "length",
    "sentences",
    "word_length",
    "type_token",
    *(f"pos_{pos.lower()}" for pos in POS_RATIOS),
    *(f"tag_{tag.lower()}" for tag in TAG_RATIOS),
    "first_person",
    "second_person",
    "negations",
    "entities",
    "upper_words",
    "quotes",
    "exclamations",
    "questions",
    "reporting_verbs",
    "according_to",
    *LEXICONS,
    *(f"opinion_{category}" for category in OPINION_CATEGORIES),
)
"""The dense cues, in column order; a saved model records them and must match on load."""


def lexicon_hits(text: Text) -> dict[str, list[tuple[int, int]]]:
    """For each lexicon, and each opinion-cue category, the (start, end) token offsets
    (relative to ``text``) of its matches."""
    lemmas = [t.lemma_.lower() for t in text]
    lowers = [t.lower_ for t in text]
    hits = {name: list(runs(lemmas, lowers, indexed(name))) for name in LEXICONS}
    hits.update((category, []) for category in OPINION_CATEGORIES)
    categories = term_map("opinion_cues")
    for start, end in runs(lemmas, lowers, indexed("opinion_cues")):
        key = " ".join(lemmas[start:end])
        category = categories.get(key) or categories.get(" ".join(lowers[start:end]), "")
        if category in hits:
            hits[category].append((start, end))
    return hits


def _is_reporting_verb(token: Token) -> bool:
    """Whether a token is a verb of saying or reporting ("said", "told")."""
    return token.pos_ == "VERB" and token.lemma_.lower() in term_map("reporting_verbs")


def _cites_according_to(tokens: Sequence[Token]) -> bool:
    """Whether the tokens credit a source with "according to"."""
    return any(a.lower_ == "according" and b.lower_ == "to" for a, b in pairwise(tokens))


def rich_values(text: Text) -> list[float]:
    """The raw dense cues of a doc or sentence, in ``RICH_FEATURES`` order."""
    tokens = [t for t in text if not t.is_space]
    words = [t for t in tokens if not t.is_punct] or tokens
    n = max(len(words), 1)
    pos = Counter(t.pos_ for t in words)
    tags = Counter(t.tag_ for t in words)
    lowers = [t.lower_ for t in words]
    hits = lexicon_hits(text)
    return [
        math.log1p(len(words)),
        math.log1p(sum(1 for _ in text.sents)),
        sum(len(t) for t in words) / n,
        len(set(lowers)) / n,
        *(pos[p] / n for p in POS_RATIOS),
        *(tags[t] / n for t in TAG_RATIOS),
        sum(w in FIRST_PERSON for w in lowers) / n,
        sum(w in SECOND_PERSON for w in lowers) / n,
        math.log1p(sum(t.dep_ == "neg" for t in words)),
        sum(bool(t.ent_type_) for t in words) / n,
        sum(t.is_upper and len(t) > 1 for t in words) / n,
        math.log1p(sum(t.is_quote for t in tokens)),
        math.log1p(sum(t.text == "!" for t in tokens)),
        math.log1p(sum(t.text == "?" for t in tokens)),
        math.log1p(sum(_is_reporting_verb(t) for t in words)),
        float(_cites_according_to(words)),
        *(math.log1p(len(hits[name])) for name in LEXICONS + OPINION_CATEGORIES),
    ]


def _word(token: Token) -> str:
    """A token's lower-cased form, with every number folded into one symbol."""
    return "<num>" if token.like_num and any(c.isdigit() for c in token.text) else token.lower_


def ngram_terms(text: Text, lemmas: bool = True) -> set[str]:
    """Lower-cased unigrams (``w:``) and bigrams (``b:``) of a text, plus lemmas (``l:``)."""
    tokens = [t for t in text if not t.is_space]
    words = [_word(t) for t in tokens]
    terms = {f"w:{w}" for w in words}
    terms.update(f"b:{a} {b}" for a, b in pairwise(words))
    if lemmas:
        terms.update(f"l:{t.lemma_.lower()}" for t in tokens)
    return terms


def fit_vocabulary(
    term_sets: Iterable[Iterable[str]], min_count: int, max_features: int
) -> list[str]:
    """The terms seen in at least ``min_count`` rows, the most frequent first, at most
    ``max_features`` (ties broken alphabetically, so a fit is reproducible)."""
    counts = Counter(term for terms in term_sets for term in set(terms))
    kept = [(-c, t) for t, c in counts.items() if c >= min_count]
    return [t for _, t in sorted(kept)[:max_features]]


def _one_hot(
    rows: Sequence[Iterable[str]], index: dict[str, int], normalise: bool
) -> sparse.csr_matrix:
    """A binary row per term set over ``index`` (L2-normalised rows when asked)."""
    indptr, indices, data = [0], [], []
    for terms in rows:
        columns = sorted({index[t] for t in terms if t in index})
        weight = 1.0 / math.sqrt(len(columns)) if normalise and columns else 1.0
        indices.extend(columns)
        data.extend([weight] * len(columns))
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64)),
        shape=(len(rows), len(index)),
    )


@dataclass(frozen=True)
class Standardiser:
    """Column means and scales fitted on training rows; rows are centred, scaled and
    multiplied by ``weight`` (the dense block's weight against the sparse one)."""

    means: list[float]
    scales: list[float]
    weight: float = 1.0

    @classmethod
    def fit(cls, rows: np.ndarray, weight: float) -> Standardiser:
        """Means and standard deviations (1 for constant columns) of the training rows."""
        scales = rows.std(axis=0)
        scales[scales == 0] = 1.0
        return cls(rows.mean(axis=0).tolist(), scales.tolist(), weight)

    def apply(self, rows: np.ndarray) -> np.ndarray:
        """The standardised, weighted rows as float32."""
        means = np.asarray(self.means)
        scales = np.asarray(self.scales)
        return ((rows - means) / scales * self.weight).astype(np.float32)


class _Columns:
    """What both featurizers share: column names and plain-JSON (de)serialisation."""

    vocabulary: list[str]
    rich: bool
    encoder: bool

    @cached_property
    def index(self) -> dict[str, int]:
        """Each vocabulary term's column (built once; refitting resets it)."""
        return {term: i for i, term in enumerate(self.vocabulary)}

    def _set_vocabulary(self, vocabulary: list[str]) -> None:
        """Replace the vocabulary and forget the index built from the old one."""
        self.vocabulary = vocabulary
        vars(self).pop("index", None)

    @property
    def size(self) -> int:
        """Number of columns: the vocabulary, the dense cues, then the encoder's block."""
        rich = len(RICH_FEATURES) if self.rich else 0
        return len(self.vocabulary) + rich + (DIMENSION if self.encoder else 0)

    def names(self) -> list[str]:
        """Column names: the vocabulary, ``rich:<cue>``, then ``encoder:<i>``."""
        rich = [f"rich:{n}" for n in RICH_FEATURES] if self.rich else []
        encoder = [f"encoder:{i}" for i in range(DIMENSION)] if self.encoder else []
        return self.vocabulary + rich + encoder

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: the configuration, the vocabulary and the dense cues' scaling."""
        data = asdict(self)  # type: ignore[call-overload]
        data["rich_features"] = list(RICH_FEATURES) if self.rich else []
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """Rebuild from ``to_json()`` output; fails clearly when the saved dense cues differ
        from this version's (the model then needs retraining)."""
        fields = dict(data)
        if fields.pop("rich_features", []) != (list(RICH_FEATURES) if fields.get("rich") else []):
            raise ModelError(
                "the saved model's dense features differ from this version's; retrain it"
            )
        for key in ("standardiser", "encoder_standardiser"):
            if key in fields:
                scaling = fields[key]
                fields[key] = Standardiser(**scaling) if scaling else None
        return cls(**fields)


@dataclass
class SentenceFeatures(_Columns):
    """Sparse n-gram indicators plus standardised dense cues for a sentence or a comment."""

    ngrams: bool = True
    rich: bool = True
    lemmas: bool = True
    min_count: int = 2
    max_features: int = 20_000
    rich_weight: float = 1.0
    encoder: bool = False
    """Whether the pretrained encoder's sentence vector is a block of columns too."""
    encoder_weight: float = 1.0
    vocabulary: list[str] = field(default_factory=list)
    standardiser: Standardiser | None = None

    def fit(self, docs: Sequence[Text]) -> SentenceFeatures:
        """Fit the vocabulary and the dense cues' scaling on training docs; returns self."""
        if self.ngrams:
            terms = [ngram_terms(doc, self.lemmas) for doc in docs]
            self._set_vocabulary(fit_vocabulary(terms, self.min_count, self.max_features))
        if self.rich:
            values = np.asarray([rich_values(doc) for doc in docs], dtype=np.float64)
            self.standardiser = Standardiser.fit(values, self.rich_weight)
        return self

    def transform(self, docs: Sequence[Text]) -> sparse.csr_matrix:
        """One row per doc, columns as ``names()``."""
        blocks = []
        if self.ngrams:
            terms = [ngram_terms(doc, self.lemmas) for doc in docs]
            blocks.append(_one_hot(terms, self.index, normalise=True))
        if self.rich and self.standardiser:
            values = np.asarray([rich_values(doc) for doc in docs], dtype=np.float64)
            blocks.append(
                sparse.csr_matrix(
                    self.standardiser.apply(values.reshape(len(docs), len(RICH_FEATURES)))
                )
            )
        if self.encoder:
            from newscomment.learned.embedded import sentence_vectors

            blocks.append(sparse.csr_matrix(sentence_vectors(docs) * self.encoder_weight))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)


def token_labels(doc: Doc, words: Iterable[str]) -> list[bool]:
    """Gold for the word-level task: a token is positive when its lower-cased text is one
    of the sentence's annotated words (lower-cased)."""
    gold = {w.lower() for w in words}
    return [t.lower_ in gold for t in doc]


def _lexicon_flags(doc: Doc) -> dict[int, list[str]]:
    """For each token index, the lexicons (and opinion categories) that match it."""
    flags: dict[int, list[str]] = {}
    for name, matches in lexicon_hits(doc).items():
        for start, end in matches:
            for i in range(start, end):
                flags.setdefault(i, []).append(name)
    return flags


def _shape(token: Token) -> str:
    """Capitalisation of a token: upper, title, lower or other."""
    if token.is_upper:
        return "upper"
    if token.is_title:
        return "title"
    return "lower" if token.is_lower else "other"


def token_terms(
    token: Token, flags: Sequence[str], words: Sequence[str], pos: Sequence[str]
) -> list[str]:
    """The indicator features of one token: itself, its tags, its neighbours (from
    ``words`` and ``pos``, the doc's folded forms and coarse tags) and its lexicons."""
    i = token.i
    first, last = i == 0, i + 1 == len(words)
    terms = [
        f"w:{words[i]}",
        f"l:{token.lemma_.lower()}",
        f"s:{token.lower_[-3:]}",
        f"pos:{token.pos_}",
        f"tag:{token.tag_}",
        f"dep:{token.dep_}",
        f"shape:{_shape(token)}",
        f"ent:{token.ent_type_ or '-'}",
        f"head:{token.head.pos_}",
        f"prev:{'<s>' if first else pos[i - 1]}",
        f"next:{'</s>' if last else pos[i + 1]}",
        f"prevw:{'<s>' if first else words[i - 1]}",
        f"nextw:{'</s>' if last else words[i + 1]}",
    ]
    terms += [f"lex:{name}" for name in flags]
    terms += [f"poslex:{token.pos_}:{name}" for name in flags]
    return terms


def _scorable(token: Token) -> bool:
    """Whether a token can be a biased word at all: not a stop word ("the", "of": marked
    now and then, but flagging them costs more precision than it gains recall), nor
    punctuation, space or a number."""
    return not (token.is_stop or token.is_punct or token.is_space or token.like_num)


@dataclass
class TokenFeatures(_Columns):
    """Indicator features of each token plus its sentence's standardised dense cues and,
    with ``encoder``, the token's standardised state in the pretrained encoder (the mean
    of its word pieces' last-layer states, in context)."""

    min_count: int = 2
    max_features: int = 20_000
    rich: bool = True
    rich_weight: float = 1.0
    encoder: bool = False
    encoder_weight: float = 0.3
    """The state block's weight: 0.3 and 1.0 scored within 0.005 F1 on one held-out fold."""
    vocabulary: list[str] = field(default_factory=list)
    standardiser: Standardiser | None = None
    encoder_standardiser: Standardiser | None = None

    def fit(self, docs: Sequence[Doc]) -> TokenFeatures:
        """Fit the vocabulary and the scaling of the sentence cues (and of the encoder's
        states) on training docs; returns self."""
        rows = [terms for doc in docs for terms in self._terms(doc)]
        self._set_vocabulary(fit_vocabulary(rows, self.min_count, self.max_features))
        if self.rich:
            values = [rich_values(sent) for doc in docs for sent in doc.sents]
            self.standardiser = Standardiser.fit(np.asarray(values), self.rich_weight)
        if self.encoder:
            states = np.concatenate([self._states(doc) for doc in docs])
            self.encoder_standardiser = Standardiser.fit(states, self.encoder_weight)
        return self

    @staticmethod
    def scorable(doc: Doc) -> list[bool]:
        """Which tokens of a doc get a row (the others are never predicted positive)."""
        return [_scorable(t) for t in doc]

    def _terms(self, doc: Doc) -> Iterator[list[str]]:
        """The indicator features of each scorable token of a doc."""
        flags = _lexicon_flags(doc)
        words = [_word(t) for t in doc]
        pos = [t.pos_ for t in doc]
        for token in doc:
            if _scorable(token):
                yield token_terms(token, flags.get(token.i, []), words, pos)

    def transform(self, docs: Sequence[Doc]) -> sparse.csr_matrix:
        """One row per scorable token of each doc, in order."""
        rows = [terms for doc in docs for terms in self._terms(doc)]
        blocks = [_one_hot(rows, self.index, normalise=False)]
        if self.rich and self.standardiser:
            dense = np.concatenate([self._sentence_rows(doc) for doc in docs])
            blocks.append(sparse.csr_matrix(self.standardiser.apply(dense)))
        if self.encoder and self.encoder_standardiser:
            states = np.concatenate([self._states(doc) for doc in docs])
            blocks.append(sparse.csr_matrix(self.encoder_standardiser.apply(states)))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    @staticmethod
    def _states(doc: Doc) -> np.ndarray:
        """The encoder's vector of each scorable token of a doc, one row per token."""
        from newscomment.learned.embedded import token_vectors

        return token_vectors(doc)[np.asarray(TokenFeatures.scorable(doc), dtype=bool)]

    @staticmethod
    def _sentence_rows(doc: Doc) -> np.ndarray:
        """The raw dense cues of each scorable token's sentence, one row per token."""
        rows = []
        for sent in doc.sents:
            rows += [rich_values(sent)] * sum(_scorable(t) for t in sent)
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(RICH_FEATURES))
