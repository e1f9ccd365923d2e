"""learned/metrics.py: the literature's figures, computed by scikit-learn."""

from __future__ import annotations

import pytest

from newscomment.learned.metrics import binary_scores, metric_value


def test_binary_scores_match_hand_counts() -> None:
    scores = binary_scores([1, 1, 1, 0, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0, 0])
    # positive class: tp 2, fp 1, fn 2 -> P 2/3, R 1/2; negative: tp 3, fp 2, fn 1
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(4 / 7)
    assert scores.macro_f1 == pytest.approx((4 / 7 + 2 / 3) / 2)
    assert scores.accuracy == pytest.approx(5 / 8)
    assert scores.n == 8


def test_binary_scores_refuse_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="3 gold labels but 2 predictions"):
        binary_scores([1, 0, 1], [1, 0])


def test_an_absent_class_scores_zero_not_an_error() -> None:
    scores = binary_scores([0, 0, 0], [0, 0, 0])
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)
    assert scores.macro_f1 == pytest.approx(0.5)
    assert scores.accuracy == 1.0


def test_token_flags_score_like_labels() -> None:
    flags = binary_scores([True, False, True], [True, True, False])
    assert flags == binary_scores([1, 0, 1], [1, 1, 0])


def test_scores_round_for_reports_and_name_the_metric() -> None:
    scores = binary_scores([1, 1, 1, 0, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0, 0])
    assert scores.as_dict() == {
        "n": 8,
        "precision": 0.6667,
        "recall": 0.5,
        "f1": 0.5714,
        "macro_f1": 0.619,
        "accuracy": 0.625,
    }
    assert metric_value([1, 0, 1], [1, 0, 0], "f1") == pytest.approx(2 / 3)
    assert metric_value([1, 0, 1], [1, 0, 0], "macro_f1") == pytest.approx((2 / 3 + 2 / 3) / 2)
