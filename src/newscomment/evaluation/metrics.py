"""The metrics the literature uses: precision, recall and F1 of the positive class,
macro-F1 over both classes, and accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass


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


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def binary_scores(gold: Sequence[int | bool], predicted: Sequence[int | bool]) -> Scores:
    """Scores of binary predictions against gold labels (1 is the positive class)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    pairs = [(bool(g), bool(p)) for g, p in zip(gold, predicted, strict=True)]
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    tn = len(pairs) - tp - fp - fn
    precision, recall, f1 = _f1(tp, fp, fn)
    negative_f1 = _f1(tn, fn, fp)[2]
    return Scores(
        n=len(pairs),
        precision=precision,
        recall=recall,
        f1=f1,
        macro_f1=(f1 + negative_f1) / 2,
        accuracy=(tp + tn) / len(pairs) if pairs else 0.0,
    )
