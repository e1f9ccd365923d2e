"""Measuring detectors: dataset readers in each published format, metrics, and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newscomment.quality import datasets
from newscomment.quality.metrics import binary_scores
from newscomment.quality.tasks import TASKS, evaluate

from newscomment.errors import InputError


def test_binary_scores_match_hand_counts() -> None:
    scores = binary_scores([1, 1, 1, 0, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0, 0])
    # positive class: tp 2, fp 1, fn 2 -> P 2/3, R 1/2; negative: tp 3, fp 2, fn 1
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(4 / 7)
    assert scores.macro_f1 == pytest.approx((4 / 7 + 2 / 3) / 2)
    assert scores.accuracy == pytest.approx(5 / 8)


def test_binary_scores_refuse_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="3 gold labels but 2 predictions"):
        binary_scores([1, 0, 1], [1, 0])


def test_checkthat_reader_keeps_raw_quotes(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text(
        "sentence_id\tsentence\tlabel\tsolved_conflict\n"
        'a\tHe called it "a disgrace.\tSUBJ\tFalse\n'
        "b\tThe vote is on Tuesday.\tOBJ\tFalse\n",
        encoding="utf-8",
    )
    examples = datasets.checkthat(path)
    assert [(e.text, e.label) for e in examples] == [
        ('He called it "a disgrace.', 1),
        ("The vote is on Tuesday.", 0),
    ]


def test_babe_reader_parses_biased_words_and_skips_no_agreement(tmp_path: Path) -> None:
    path = tmp_path / "babe.csv"
    path.write_text(
        "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
        "The radical plan failed.;u;o;t;left;Biased;Expresses writer’s opinion;['radical']\n"
        "The plan passed.;u;o;t;left;Non-biased;Entirely factual;[]\n"
        "Unclear.;u;o;t;left;No agreement;No agreement;[]\n",
        encoding="utf-8",
    )
    bias = datasets.babe_bias(path)
    assert [(e.label, e.words) for e in bias] == [(1, ("radical",)), (0, ())]
    assert [e.label for e in datasets.babe_opinion(path)] == [1, 0]


def test_wrong_format_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\ttext\n1\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no rows with the columns label, sentence"):
        datasets.checkthat(path)


def test_folds_are_stable_and_balanced() -> None:
    texts = [f"sentence number {i}" for i in range(1000)]
    folds = [datasets.fold_of(t, 5) for t in texts]
    assert folds == [datasets.fold_of(t, 5) for t in texts]
    assert all(150 < folds.count(k) < 250 for k in range(5))


def test_every_task_names_its_published_best() -> None:
    assert set(TASKS) == {"subjectivity", "bias", "bias-words", "babe-opinion", "constructiveness"}
    assert all(task.published for task in TASKS.values())


def test_eval_measures_a_file_given_with_data(tmp_path: Path) -> None:
    path = tmp_path / "held_out.tsv"
    rows = [
        ("s1", "This is a disgraceful and shameful decision that must be reversed.", "SUBJ"),
        ("s2", "The committee met on Tuesday in Brussels, officials said.", "OBJ"),
        ("s3", "The company reported revenue of $2.1 billion for the quarter.", "OBJ"),
    ]
    path.write_text(
        "sentence_id\tsentence\tlabel\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows),
        encoding="utf-8",
    )
    figures = evaluate("subjectivity", data=path)
    assert figures["n"] == 3
    assert figures["data"] == str(path)
    assert 0.0 <= figures["macro_f1"] <= 1.0
    json.dumps(figures)
