"""evaluation/training.py: ``train_task`` trains, measures and saves a model with its card."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newscomment import Newscomment
from newscomment.cli.train import usage_hint
from newscomment.errors import InputError
from newscomment.evaluation import datasets
from newscomment.evaluation.cards import CARD_FILE
from newscomment.evaluation.tasks import TASKS
from newscomment.evaluation.training import train_task
from newscomment.learned.linear import LinearModel
from newscomment.learned.shelf import ModelShelf


@pytest.fixture(scope="module")
def trained(nc: Newscomment, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A subjectivity model trained on 40 CheckThat! training sentences, measured on 20 of
    dev, in a folder of its own: the model folder and the scores."""
    folder = tmp_path_factory.mktemp("subjectivity")
    source = datasets.data_root(nc.settings.data) / datasets.CHECKTHAT
    for name, rows in (("train_en.tsv", 40), ("dev_en.tsv", 20)):
        lines = (source / name).read_text(encoding="utf-8").splitlines()
        (folder / name).write_text("\n".join(lines[: rows + 1]) + "\n", encoding="utf-8")
    out = folder / "model"
    return out, train_task(nc, "subjectivity", folder / "train_en.tsv", out)


def test_tiny_training_run_writes_a_model_and_its_card(trained: tuple[Path, dict]) -> None:
    out, scores = trained
    assert 0.0 <= scores["macro_f1"] <= 1.0
    assert "measured on dev_en.tsv (20)" in scores["protocol"]
    model = LinearModel.load(out)
    assert model.meta["scores"] == scores
    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8").count(str(scores["macro_f1"]))


def test_the_model_records_how_it_was_made(trained: tuple[Path, dict]) -> None:
    out, _ = trained
    model = LinearModel.load(out)
    training = model.meta["training"]
    assert training["command"].startswith("newscomment train subjectivity --data ")
    assert training["data"].endswith("train_en.tsv") and len(training["data_sha256"]) == 64
    assert model.meta["license"] == TASKS["subjectivity"].license
    assert model.features.rich_weight == TASKS["subjectivity"].features["rich_weight"]
    card = (out / CARD_FILE).read_text(encoding="utf-8")
    assert training["command"] in card and model.meta["license"] in card


def test_the_usage_hint_names_a_models_folder_the_shelf_reads(
    trained: tuple[Path, dict], tmp_path: Path
) -> None:
    out, _ = trained
    assert "move it to a folder named subjectivity" in usage_hint("subjectivity", out)
    moved = tmp_path / "mine" / "subjectivity"
    shutil.copytree(out, moved)
    hint = usage_hint("subjectivity", moved)
    assert hint == f"use it with NEWSCOMMENT_MODELS={moved.parent}"
    loaded = ModelShelf(Path(hint.split("=", 1)[1])).get("subjectivity")
    assert loaded.meta == LinearModel.load(out).meta


def test_unknown_task_is_a_clear_error(nc: Newscomment, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown task"):
        train_task(nc, "sarcasm", None, tmp_path)
