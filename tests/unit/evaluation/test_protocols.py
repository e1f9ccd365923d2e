"""evaluation/protocols.py: folds, the hold-out, the one fold loop, and how eval names
each protocol."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.evaluation import datasets, protocols
from newscomment.evaluation.datasets import Example
from newscomment.evaluation.tasks import TASKS


def test_folds_are_stable_and_balanced() -> None:
    texts = [f"sentence number {i}" for i in range(1000)]
    folds = [protocols.fold_of(t, 5) for t in texts]
    assert folds == [protocols.fold_of(t, 5) for t in texts]
    assert all(150 < folds.count(k) < 250 for k in range(5))
    salted = [protocols.fold_of(t, 5, protocols.CV_SALT) for t in texts]
    assert salted != folds


def test_the_holdout_is_the_unsalted_fold_zero() -> None:
    examples = [Example(f"comment number {i}", i % 2) for i in range(500)]
    train, test = protocols.holdout(examples)
    assert sorted(train + test, key=examples.index) == examples
    assert all(protocols.fold_of(e.text, protocols.FOLDS) == 0 for e in test)
    assert 70 < len(test) < 130


def test_eval_names_each_protocol_as_before() -> None:
    cv = "5-fold cross-validation on babe_sg2_train (salted text-hash folds)"
    assert {name: protocols.described(task) for name, task in TASKS.items()} == {
        "subjectivity": "trained on train, measured on dev",
        "bias": cv,
        "bias-words": cv,
        "babe-opinion": cv,
        "constructiveness": "trained on 80%, measured on the fixed 20% (fold 0 of a text hash)",
    }


@pytest.fixture(scope="module")
def babe(nc: Newscomment) -> tuple[list[Doc], list[Example]]:
    """Sixty BABE sentences, parsed."""
    path = datasets.data_root(nc.settings.data) / datasets.BABE / "babe_sg2_train.csv"
    examples = datasets.babe_bias(path)[:60]
    return protocols.parse(nc, examples), examples


def test_out_of_fold_predicts_each_sentence_by_a_model_that_never_saw_it(
    babe: tuple[list[Doc], list[Example]],
) -> None:
    docs, examples = babe
    task = TASKS["bias"]
    run = protocols.out_of_fold(task, docs, examples)
    assert run.folds == [0, 1, 2, 3, 4]
    assert all(value in (0, 1) for value in run.predicted)
    assert run.predict_seconds > 0
    held = [
        i for i, e in enumerate(examples) if protocols.fold_of(e.text, 5, protocols.CV_SALT) == 2
    ]
    others = [i for i in range(len(examples)) if i not in held]
    model = protocols.fit_model(task, [docs[i] for i in others], [examples[i] for i in others])
    assert list(model.predict([docs[i] for i in held])) == [run.predicted[i] for i in held]
    scores = protocols.scores(task, docs, examples, run.predicted)
    assert scores.n == len(examples)


def test_out_of_fold_for_the_word_task_flags_every_token(
    babe: tuple[list[Doc], list[Example]],
) -> None:
    docs, examples = babe
    task = TASKS["bias-words"]
    run = protocols.out_of_fold(task, docs[:40], examples[:40])
    assert [len(flags) for flags in run.predicted] == [len(doc) for doc in docs[:40]]
    scores = protocols.scores(task, docs[:40], examples[:40], run.predicted)
    assert scores.n == sum(len(doc) for doc in docs[:40])


def test_a_training_file_without_dev_beside_it_is_measured_on_a_held_out_fifth(
    nc: Newscomment, tmp_path: Path
) -> None:
    source = datasets.data_root(nc.settings.data) / datasets.CHECKTHAT / "train_en.tsv"
    lines = source.read_text(encoding="utf-8").splitlines()
    (tmp_path / "mine.tsv").write_text("\n".join(lines[:61]) + "\n", encoding="utf-8")
    model, scores = protocols.train_on_dev(nc, TASKS["subjectivity"], tmp_path / "mine.tsv")
    assert scores["protocol"].startswith("trained on the ")
    assert "where fold_of(text, 5) != 0" in scores["protocol"]
    assert {"macro_f1", "f1_positive", "accuracy", "predict_us_per_text"} <= set(scores)
    assert model.task == "subjectivity" and model.features.rich_weight == 0.1
