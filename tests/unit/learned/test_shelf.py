"""learned/shelf.py: the shipped models, and retrained ones in the models folder first."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.errors import ModelError
from newscomment.evaluation.tasks import TASKS
from newscomment.learned.linear import WEIGHTS_FILE, LinearModel, TokenModel
from newscomment.learned.shelf import ModelShelf, shelf

SUBJECTIVE = "This is a disgraceful, cowardly decision, and the minister should be ashamed of it."
OBJECTIVE = (
    "The central bank raised its main interest rate by 0.25 percentage points to 4.5% on "
    "Thursday, the bank said in a statement."
)
SHIPPED = Path(str(resources.files("newscomment").joinpath("models")))


def test_shipped_subjectivity_model_reads_clear_cases(nc: Newscomment) -> None:
    model = nc.models.get("subjectivity")
    docs = list(nc.nlp.pipe([SUBJECTIVE, OBJECTIVE]))
    assert model.predict(docs).tolist() == [1, 0]


@pytest.mark.parametrize("task", list(TASKS))
def test_shipped_models_are_small_plain_data_with_a_card(nc: Newscomment, task: str) -> None:
    model = nc.models.get(task)
    folder = SHIPPED / task
    assert (folder / WEIGHTS_FILE).stat().st_size < 2 * 1024 * 1024
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert model.meta["training"]["command"] in card
    assert model.meta["license"] in card
    assert isinstance(model, TokenModel if TASKS[task].tokens else LinearModel)


def test_a_retrained_model_comes_before_the_shipped_one(
    sentence_model: LinearModel, sentences: tuple[list[Doc], list[int]], tmp_path: Path
) -> None:
    docs, _ = sentences
    sentence_model.save(tmp_path / "subjectivity")
    own = ModelShelf(tmp_path)
    assert (own.get("subjectivity").predict_proba(docs) == sentence_model.predict_proba(docs)).all()
    assert own.get("bias").meta == ModelShelf().get("bias").meta  # not retrained: shipped


def test_models_load_once_per_folder(nc: Newscomment) -> None:
    assert shelf(None) is shelf(None)
    assert nc.models.get("bias") is nc.models.get("bias")


def test_a_token_model_is_no_sentence_model_and_unknown_tasks_fail(nc: Newscomment) -> None:
    with pytest.raises(ModelError, match="classifies tokens"):
        nc.models.sentence_model("bias-words")
    with pytest.raises(ModelError, match="no shipped model"):
        nc.models.get("sarcasm")
