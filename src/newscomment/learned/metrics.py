"""The metrics the literature uses, computed by scikit-learn: precision, recall and F1 of
the positive class, macro-F1 over both classes, and accuracy. Model selection (the inner
cross-validation of ``linear``) and measurement (``newscomment eval`` and ``train``) share
them. scikit-learn is imported on first use, so importing this module stays light."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

LABELS = [0, 1]
"""Both classes, always: a class missing from a sample scores 0, never an error."""


@dataclass(frozen=True, slots=True)
class Scores:
    """Binary classification figures; ``n`` counts the items scored (sentences or tokens)."""

    n: int
    precision: float
    recall: float
    f1: float
    macro_f1: float
    accuracy: float

    def as_dict(self) -> dict[str, float]:
        """The figures as plain data, rounded for reports."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def binary_scores(gold: Sequence[int | bool], predicted: Sequence[int | bool]) -> Scores:
    """Scores of binary predictions against gold labels (1 is the positive class; an
    undefined precision, recall or F1 is 0)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    import numpy as np
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    truth = np.asarray(gold, dtype=bool).astype(int)
    guess = np.asarray(predicted, dtype=bool).astype(int)
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, guess, labels=LABELS, average=None, zero_division=0
    )
    return Scores(
        n=len(truth),
        precision=float(precision[1]),
        recall=float(recall[1]),
        f1=float(f1[1]),
        macro_f1=float(np.mean(f1)),
        accuracy=float(accuracy_score(truth, guess)),
    )


def metric_value(gold: Sequence[int | bool], predicted: Sequence[int | bool], metric: str) -> float:
    """One figure of ``binary_scores`` by name ("f1", "macro_f1", "accuracy", ...)."""
    return getattr(binary_scores(gold, predicted), metric)
