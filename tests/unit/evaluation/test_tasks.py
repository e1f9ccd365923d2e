"""evaluation/tasks.py: the one task table, and ``evaluate``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscomment import Newscomment
from newscomment.errors import InputError
from newscomment.evaluation.protocols import PROTOCOLS
from newscomment.evaluation.tasks import TASKS, evaluate, task_named
from newscomment.learned.metrics import Scores


def test_every_task_names_its_published_best() -> None:
    assert set(TASKS) == {"subjectivity", "bias", "bias-words", "babe-opinion", "constructiveness"}
    assert all(task.published for task in TASKS.values())


def test_every_task_has_a_protocol_a_metric_and_a_card() -> None:
    for task in TASKS.values():
        assert task.protocol in PROTOCOLS
        assert task.metric in Scores.__dataclass_fields__
        assert task.summary and task.license and task.citation and task.note
        assert task.training_split in task.files


def test_the_table_loads_without_the_heavy_libraries() -> None:
    code = (
        "import sys\nimport newscomment.evaluation.tasks\n"
        "print(sorted({'spacy', 'sklearn', 'scipy'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_every_task_has_an_encoder_variant_and_only_sentence_tasks_a_fine_tuned_one() -> None:
    for name, task in TASKS.items():
        assert task_named(name, encoder=True).features["encoder"] is True
        assert not task.features.get("encoder")
    with pytest.raises(InputError, match="scored per token; fine-tuning trains sentence"):
        task_named("bias-words", tuned=True)


def test_unknown_tasks_splits_and_methods_are_one_line_errors(nc: Newscomment) -> None:
    with pytest.raises(InputError, match="unknown task 'sarcasm'; choose one of subjectivity"):
        task_named("sarcasm")
    with pytest.raises(InputError, match="no split 'test'; use dev, train"):
        evaluate(nc, "subjectivity", split="test")
    with pytest.raises(InputError, match="unknown method"):
        evaluate(nc, "subjectivity", method="rules")
    with pytest.raises(InputError, match="no detector in the product"):
        evaluate(nc, "constructiveness", method="product")


def _checkthat_file(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A CheckThat!-format file with ``rows`` (id, sentence, label)."""
    path.write_text(
        "sentence_id\tsentence\tlabel\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows),
        encoding="utf-8",
    )
    return path


def test_eval_measures_a_file_given_with_data(nc: Newscomment, tmp_path: Path) -> None:
    rows = [
        ("s1", "This is a disgraceful and shameful decision that must be reversed.", "SUBJ"),
        ("s2", "The committee met on Tuesday in Brussels, officials said.", "OBJ"),
        ("s3", "The company reported revenue of $2.1 billion for the quarter.", "OBJ"),
    ]
    path = _checkthat_file(tmp_path / "held_out.tsv", rows)
    figures = evaluate(nc, "subjectivity", data=path)
    assert figures["n"] == 3
    assert figures["data"] == str(path)
    assert 0.0 <= figures["macro_f1"] <= 1.0
    assert figures["protocol"] == "the shipped model on every example of the file"
    json.dumps(figures)


def test_eval_measures_the_product_detector_per_sentence_or_per_token(
    nc: Newscomment, tmp_path: Path
) -> None:
    rows = [("s1", "This is a disgraceful, shameful decision.", "SUBJ")]
    path = _checkthat_file(tmp_path / "one.tsv", rows)
    product = evaluate(nc, "subjectivity", data=path, method="product")
    assert (product["method"], product["n"]) == ("product", 1)
    assert product["protocol"] == "the detector as newscomment runs it, on every example"
    babe = tmp_path / "babe.csv"
    babe.write_text(
        "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
        "The radical plan failed.;u;o;t;left;Biased;Expresses writer’s opinion;['radical']\n",
        encoding="utf-8",
    )
    words = evaluate(nc, "bias-words", data=babe, method="product")
    assert (words["n"], words["sentences"]) == (5, 1)  # five tokens of one sentence


def test_eval_of_the_judge_reads_only_the_fifth_it_never_saw(nc: Newscomment) -> None:
    figures = evaluate(nc, "constructiveness")
    assert figures["n"] == 229
    assert figures["protocol"] == (
        "trained on 80%, measured on the fixed 20% (fold 0 of a text hash)"
    )
    assert figures["accuracy"] >= 0.85


def test_eval_can_train_the_model_anew_and_refuses_to_refit_on_a_given_file(
    nc: Newscomment, tmp_path: Path
) -> None:
    shipped, refitted = (
        evaluate(nc, "constructiveness"),
        evaluate(nc, "constructiveness", refit=True),
    )
    assert refitted["protocol"] == shipped["protocol"] + ", trained anew"
    assert refitted["n"] == shipped["n"] and abs(refitted["accuracy"] - shipped["accuracy"]) < 0.02
    mine = _checkthat_file(tmp_path / "mine.tsv", [("a", "It rained.", "OBJ")])
    with pytest.raises(InputError, match="without --data"):
        evaluate(nc, "subjectivity", data=mine, refit=True)
    with pytest.raises(InputError, match="without --data"):
        evaluate(nc, "subjectivity", method="product", tuned=True)
