"""Logistic-regression models kept as plain data: ``model.json`` plus ``weights.npy``.

Training uses scikit-learn (imported inside ``fit_logistic`` only); prediction is a dot
product and a sigmoid in NumPy, so loading and using a model needs no scikit-learn and
no pickle. The regularisation strength ``C`` and the decision threshold are chosen by
an inner cross-validation on the training data alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np
from scipy import sparse
from spacy.tokens import Doc

from newscomment.errors import ModelError
from newscomment.learned.features import SentenceFeatures, TokenFeatures

FORMAT = "newscomment-linear/1"
MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npy"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
INNER_FOLDS = 5
TOKEN_C_GRID = (0.1, 0.3, 1.0)
"""The token task has far more rows; its C always fell in this range."""
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))
SEED = 0


def f1_scores(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """F1 of the positive class and macro-F1 over both classes."""
    f1 = []
    for label in (1, 0):
        tp = np.sum((predicted == label) & (gold == label))
        denominator = np.sum(predicted == label) + np.sum(gold == label)
        f1.append(2 * tp / denominator if denominator else 0.0)
    return float(f1[0]), float(np.mean(f1))


def metric_value(gold: np.ndarray, predicted: np.ndarray, metric: str) -> float:
    """``metric`` ("f1": positive-class F1, "macro_f1") of predictions against gold."""
    positive, macro = f1_scores(gold, predicted)
    return positive if metric == "f1" else macro


@dataclass(frozen=True)
class Fitted:
    """What ``fit_logistic`` chose and learned."""

    weights: np.ndarray
    intercept: float
    threshold: float
    c: float
    cv_score: float


def fit_logistic(
    x: sparse.csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    metric: str = "macro_f1",
    tune_threshold: bool = True,
    c_grid: Sequence[float] = C_GRID,
) -> Fitted:
    """Class-balanced L2 logistic regression (liblinear): ``C`` (and the threshold, when
    tuned) picked by the best ``metric`` over out-of-fold predictions of a grouped,
    stratified inner cross-validation; then refitted on all rows."""
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
    runs = Parallel(n_jobs=-1)(delayed(held_out)(c, *fold) for c in c_grid for fold in folds)
    best = (-1.0, 0.0, 0.5)
    for i, c in enumerate(c_grid):
        out_of_fold = np.zeros(len(y))
        chunk = runs[i * len(folds) : (i + 1) * len(folds)]
        for (_, test), probabilities in zip(folds, chunk, strict=True):
            out_of_fold[test] = probabilities
        for threshold in THRESHOLDS if tune_threshold else (0.5,):
            value = metric_value(y, (out_of_fold >= threshold).astype(int), metric)
            best = max(best, (value, c, threshold))
    value, c, threshold = best
    final = model(c).fit(x, y)
    return Fitted(
        final.coef_[0].astype(np.float32), float(final.intercept_[0]), threshold, c, value
    )


def _probabilities(x: sparse.csr_matrix, weights: np.ndarray, intercept: float) -> np.ndarray:
    """The logistic function of each row's score."""
    scores = np.asarray(x @ weights, dtype=np.float64) + intercept
    return 1.0 / (1.0 + np.exp(-scores))


@dataclass
class _Linear:
    """Weights over a featurizer's columns, an intercept, a threshold and notes
    (training command, scores, license) that are saved beside them."""

    kind: ClassVar[str]
    task: str
    features: Any
    weights: np.ndarray
    intercept: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def save(self, folder: Path) -> None:
        """Write ``model.json`` (plain JSON) and ``weights.npy`` (float32, no pickle)."""
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
        features = (SentenceFeatures if cls.kind == "sentence" else TokenFeatures).from_json(
            data.pop("features")
        )
        try:
            weights = np.load(folder / WEIGHTS_FILE, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read {folder / WEIGHTS_FILE}: {exc}") from None
        if weights.dtype != np.float32 or weights.shape != (features.size,):
            raise ModelError(f"{folder / WEIGHTS_FILE} does not match the model's features")
        reserved = {"format", "kind", "task", "intercept", "threshold", "weights"}
        meta = {k: v for k, v in data.items() if k not in reserved}
        try:
            return cls(data["task"], features, weights, data["intercept"], data["threshold"], meta)
        except KeyError as exc:
            raise ModelError(f"{folder / MODEL_FILE} lacks {exc}") from None


def _read_json(folder: Path) -> dict[str, Any]:
    """The parsed ``model.json`` of a model folder, checked for this format."""
    try:
        data = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model in {folder}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{folder / MODEL_FILE} is not a {FORMAT} model")
    return data


@dataclass
class LinearModel(_Linear):
    """A sentence (or comment) classifier over ``SentenceFeatures``."""

    kind: ClassVar[str] = "sentence"
    features: SentenceFeatures

    @classmethod
    def fit(
        cls,
        docs: Sequence[Doc],
        labels: Sequence[int],
        task: str = "",
        features: SentenceFeatures | None = None,
        tune_threshold: bool = True,
    ) -> LinearModel:
        """Fit the featurizer and the classifier on training docs with 0/1 labels."""
        features = (features or SentenceFeatures()).fit(docs)
        y = np.asarray(labels, dtype=int)
        fitted = fit_logistic(
            features.transform(docs), y, np.arange(len(y)), "macro_f1", tune_threshold
        )
        meta = {"training": {"C": fitted.c, "inner_cv_macro_f1": round(fitted.cv_score, 4)}}
        return cls(task, features, fitted.weights, fitted.intercept, fitted.threshold, meta)

    def predict_proba(self, docs: Sequence[Doc]) -> np.ndarray:
        """The probability of the positive class for each doc."""
        return _probabilities(self.features.transform(docs), self.weights, self.intercept)

    def predict(self, docs: Sequence[Doc]) -> np.ndarray:
        """0/1 for each doc, at the stored threshold."""
        return (self.predict_proba(docs) >= self.threshold).astype(int)


@dataclass
class TokenModel(_Linear):
    """A word-level classifier (is this token a biased word?) over ``TokenFeatures``."""

    kind: ClassVar[str] = "token"
    features: TokenFeatures

    @classmethod
    def fit(
        cls,
        docs: Sequence[Doc],
        labels: Sequence[Sequence[bool]],
        task: str = "",
        features: TokenFeatures | None = None,
        tune_threshold: bool = True,
    ) -> TokenModel:
        """Fit on training docs with one gold flag per token (see ``token_labels``)."""
        features = (features or TokenFeatures()).fit(docs)
        kept = [
            (gold, i)
            for i, doc in enumerate(docs)
            for gold, scorable in zip(labels[i], features.scorable(doc), strict=True)
            if scorable
        ]
        y = np.asarray([gold for gold, _ in kept], dtype=int)
        groups = np.asarray([i for _, i in kept])
        x = features.transform(docs)
        fitted = fit_logistic(x, y, groups, "f1", tune_threshold, TOKEN_C_GRID)
        meta = {"training": {"C": fitted.c, "inner_cv_f1": round(fitted.cv_score, 4)}}
        return cls(task, features, fitted.weights, fitted.intercept, fitted.threshold, meta)

    def predict_token_proba(self, doc: Doc) -> np.ndarray:
        """The probability that each token of a doc is a biased word (0 for stop words,
        punctuation, spaces and numbers)."""
        scorable = np.asarray(self.features.scorable(doc), dtype=bool)
        probabilities = np.zeros(len(doc))
        if scorable.any():
            x = self.features.transform([doc])
            probabilities[scorable] = _probabilities(x, self.weights, self.intercept)
        return probabilities

    def predict_tokens(self, doc: Doc) -> list[bool]:
        """For each token of a doc, whether it is a biased word, at the stored threshold."""
        return (self.predict_token_proba(doc) >= self.threshold).tolist()


def load_model(folder: Path) -> LinearModel | TokenModel:
    """Read whichever kind of model a folder holds."""
    kind = _read_json(folder).get("kind")
    return TokenModel.load(folder) if kind == TokenModel.kind else LinearModel.load(folder)
