"""Logistic-regression models kept as plain data: ``model.json`` plus ``weights.npy``.

The models follow scikit-learn's conventions: the configuration is given on construction,
``fit`` learns and returns the model, ``predict_proba`` and ``predict`` apply it. Training
uses scikit-learn (imported inside ``fit`` only); prediction is a dot product and a
sigmoid in NumPy, so loading and using a model needs no scikit-learn and no pickle. The
regularisation strength ``C`` and the decision threshold are chosen by an inner
cross-validation on the training data alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

import numpy as np

from newscomment.errors import ModelError
from newscomment.learned.features import SentenceFeatures, Text, TokenFeatures
from newscomment.learned.metrics import metric_value

if TYPE_CHECKING:
    from scipy import sparse
    from spacy.tokens import Doc

FORMAT = "newscomment-linear/1"
MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npy"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
INNER_FOLDS = 5
TOKEN_C_GRID = (0.1, 0.3, 1.0)
"""The token task has far more rows; its C always fell in this range."""
ENCODER_TOKEN_C_GRID = (0.3,)
"""With the encoder's 384 dense columns a token fit takes ~25 s; C 0.1, 0.3 and 1.0 scored
within 0.003 F1 on a held-out fold, so one value keeps training under 15 minutes."""
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))
SEED = 0
PRECISE = 0.85
"""The held-out precision a model's own-say threshold must reach (``precise_threshold``)."""
PRECISE_MIN_HITS = 20
RESERVED = ("format", "kind", "task", "intercept", "threshold", "weights", "features")
"""The keys of ``model.json`` that are the model itself; the others are its notes."""


@dataclass(eq=False)
class _Linear:
    """Weights over a featurizer's columns, an intercept, a threshold and notes
    (training command, scores, license) that are saved beside them.

    ``task``, ``features`` and ``tune_threshold`` configure the model; ``fit`` (or
    ``load``) sets the rest."""

    kind: ClassVar[str]
    metric: ClassVar[str]
    """What the inner cross-validation maximises (a ``Scores`` field)."""
    c_grid: ClassVar[Sequence[float]]
    task: str = ""
    features: Any = None
    tune_threshold: bool = True
    weights: np.ndarray | None = field(default=None, init=False, repr=False)
    intercept: float = field(default=0.0, init=False)
    threshold: float = field(default=0.5, init=False)
    meta: dict[str, Any] = field(default_factory=dict, init=False)

    def _fit_rows(self, x: sparse.csr_matrix, y: np.ndarray, groups: np.ndarray) -> Self:
        """Class-balanced L2 logistic regression (liblinear) on featurized rows: ``C`` (and
        the threshold, when tuned) picked by the best ``metric`` over out-of-fold
        predictions of a grouped, stratified inner cross-validation; then refitted on all
        rows."""
        from joblib import Parallel, delayed
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedGroupKFold

        def model(c: float) -> LogisticRegression:
            return LogisticRegression(
                C=c, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=SEED
            )

        def held_out(c: float, train: np.ndarray, test: np.ndarray) -> np.ndarray:
            return model(c).fit(x[train], y[train]).predict_proba(x[test])[:, 1]

        splitter = StratifiedGroupKFold(INNER_FOLDS, shuffle=True, random_state=SEED)
        folds = list(splitter.split(x, y, groups))
        grid = self.grid()
        runs = Parallel(n_jobs=-1)(delayed(held_out)(c, *fold) for c in grid for fold in folds)
        best = (-1.0, 0.0, 0.5)
        held: dict[float, np.ndarray] = {}
        for i, c in enumerate(grid):
            out_of_fold = held[c] = np.zeros(len(y))
            chunk = runs[i * len(folds) : (i + 1) * len(folds)]
            for (_, test), probabilities in zip(folds, chunk, strict=True):
                out_of_fold[test] = probabilities
            for threshold in THRESHOLDS if self.tune_threshold else (0.5,):
                value = metric_value(y, (out_of_fold >= threshold).astype(int), self.metric)
                best = max(best, (value, c, threshold))
        value, c, threshold = best
        final = model(c).fit(x, y)
        self.weights = final.coef_[0].astype(np.float32)
        self.intercept = float(final.intercept_[0])
        self.threshold = threshold
        self.meta = {"training": {"C": c, f"inner_cv_{self.metric}": round(value, 4)}}
        precise = precise_threshold(y, held[c])
        if precise is not None:
            self.meta["training"]["precise_threshold"] = precise
        return self

    def grid(self) -> Sequence[float]:
        """The values of ``C`` the inner cross-validation tries."""
        return self.c_grid

    @property
    def own_say_threshold(self) -> float | None:
        """The probability at or above which the model may decide alone (see
        ``precise_threshold``), if its training recorded one."""
        return self.meta.get("training", {}).get("precise_threshold")

    def _probabilities(self, x: sparse.csr_matrix) -> np.ndarray:
        """The logistic function of each featurized row's score."""
        if self.weights is None:
            raise ModelError(f"the {self.task or self.kind} model is not fitted; call fit first")
        scores = np.asarray(x @ self.weights, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    def save(self, folder: Path) -> None:
        """Write ``model.json`` (plain JSON) and ``weights.npy`` (float32, no pickle)."""
        if self.weights is None:
            raise ModelError(f"the {self.task or self.kind} model is not fitted; call fit first")
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / WEIGHTS_FILE, self.weights.astype(np.float32), allow_pickle=False)
        data = {
            "format": FORMAT,
            "kind": self.kind,
            "task": self.task,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "weights": {"file": WEIGHTS_FILE, "dtype": "float32", "shape": [len(self.weights)]},
            **self.meta,
            "features": self.features.to_json(),
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        (folder / MODEL_FILE).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Self:
        """Read a model saved by ``save``; a missing, foreign or damaged one is a ModelError."""
        data = _read_json(folder)
        if data.get("kind") != cls.kind:
            raise ModelError(f"{folder} holds a {data.get('kind')!r} model, not a {cls.kind!r} one")
        featurizer = SentenceFeatures if cls.kind == LinearModel.kind else TokenFeatures
        try:
            model = cls(data["task"], featurizer.from_json(data["features"]))
            model.intercept, model.threshold = data["intercept"], data["threshold"]
        except KeyError as exc:
            raise ModelError(f"{folder / MODEL_FILE} lacks {exc}") from None
        try:
            weights = np.load(folder / WEIGHTS_FILE, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read {folder / WEIGHTS_FILE}: {exc}") from None
        if weights.dtype != np.float32 or weights.shape != (model.features.size,):
            raise ModelError(f"{folder / WEIGHTS_FILE} does not match the model's features")
        model.weights = weights
        model.meta = {k: v for k, v in data.items() if k not in RESERVED}
        return model


def precise_threshold(y: np.ndarray, probabilities: np.ndarray) -> float | None:
    """The lowest threshold at which held-out predictions reach ``PRECISE`` precision with
    at least ``PRECISE_MIN_HITS`` positives called (None if none does): where a model may
    assert a label on its own."""
    for threshold in THRESHOLDS:
        called = probabilities >= threshold
        if called.sum() >= PRECISE_MIN_HITS and y[called].mean() >= PRECISE:
            return threshold
    return None


def read_model_json(folder: Path) -> dict[str, Any]:
    """The parsed ``model.json`` of a model folder, of any format."""
    try:
        data = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model in {folder}: {exc}") from None
    if not isinstance(data, dict):
        raise ModelError(f"{folder / MODEL_FILE} is not a model")
    return data


def _read_json(folder: Path) -> dict[str, Any]:
    """The parsed ``model.json`` of a model folder, checked for this format."""
    data = read_model_json(folder)
    if data.get("format") != FORMAT:
        raise ModelError(f"{folder / MODEL_FILE} is not a {FORMAT} model")
    return data


@dataclass(eq=False)
class LinearModel(_Linear):
    """A sentence (or comment) classifier over ``SentenceFeatures``, e.g.
    ``LinearModel("subjectivity", SentenceFeatures(rich_weight=0.1)).fit(docs, labels)``."""

    kind: ClassVar[str] = "sentence"
    metric: ClassVar[str] = "macro_f1"
    c_grid: ClassVar[Sequence[float]] = C_GRID
    features: SentenceFeatures = field(default_factory=SentenceFeatures)

    def fit(self, docs: Sequence[Text], labels: Sequence[int]) -> Self:
        """Fit the featurizer and the classifier on training docs with 0/1 labels."""
        y = np.asarray(labels, dtype=int)
        return self._fit_rows(self.features.fit(docs).transform(docs), y, np.arange(len(y)))

    def predict_proba(self, docs: Sequence[Text]) -> np.ndarray:
        """The probability of the positive class for each doc."""
        return self._probabilities(self.features.transform(docs))

    def predict(self, docs: Sequence[Text]) -> np.ndarray:
        """0/1 for each doc, at the stored threshold."""
        return (self.predict_proba(docs) >= self.threshold).astype(int)


@dataclass(eq=False)
class TokenModel(_Linear):
    """A word-level classifier (is this token a biased word?) over ``TokenFeatures``; a
    doc's prediction is one value per token."""

    kind: ClassVar[str] = "token"
    metric: ClassVar[str] = "f1"
    c_grid: ClassVar[Sequence[float]] = TOKEN_C_GRID
    features: TokenFeatures = field(default_factory=TokenFeatures)

    def grid(self) -> Sequence[float]:
        """The token grid, or a single ``C`` when the encoder's states are columns."""
        return ENCODER_TOKEN_C_GRID if self.features.encoder else self.c_grid

    def fit(self, docs: Sequence[Doc], labels: Sequence[Sequence[bool]]) -> Self:
        """Fit on training docs with one gold flag per token (see ``token_labels``); the
        inner folds keep each doc's tokens together."""
        self.features.fit(docs)
        kept = [
            (gold, i)
            for i, doc in enumerate(docs)
            for gold, scorable in zip(labels[i], self.features.scorable(doc), strict=True)
            if scorable
        ]
        y = np.asarray([gold for gold, _ in kept], dtype=int)
        groups = np.asarray([i for _, i in kept])
        return self._fit_rows(self.features.transform(docs), y, groups)

    def predict_proba(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        """For each doc, the probability that each of its tokens is a biased word (0 for
        stop words, punctuation, spaces and numbers)."""
        scorable = np.asarray([s for doc in docs for s in self.features.scorable(doc)], bool)
        probabilities = np.zeros(len(scorable))
        if scorable.any():
            probabilities[scorable] = self._probabilities(self.features.transform(docs))
        ends = np.cumsum([len(doc) for doc in docs], dtype=int)
        return [probabilities[end - len(doc) : end] for doc, end in zip(docs, ends, strict=True)]

    def predict(self, docs: Sequence[Doc]) -> list[list[bool]]:
        """For each doc, whether each of its tokens is a biased word, at the stored
        threshold."""
        return [(p >= self.threshold).tolist() for p in self.predict_proba(docs)]


def load_model(folder: Path) -> LinearModel | TokenModel:
    """Read whichever kind of model a folder holds."""
    kind = _read_json(folder).get("kind")
    return TokenModel.load(folder) if kind == TokenModel.kind else LinearModel.load(folder)
