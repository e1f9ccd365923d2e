"""Learned models: features, plain-data storage, the shipped models and a tiny training run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from newscomment.learning.features import SentenceFeatures, TokenFeatures, token_labels
from newscomment.learning.linear import (
    MODEL_FILE,
    WEIGHTS_FILE,
    LinearModel,
    TokenModel,
    load_model,
    shipped,
)
from newscomment.quality import datasets
from newscomment.quality.datasets import Example
from newscomment.quality.training import TASKS, train_task
from spacy.tokens import Doc

from newscomment.errors import InputError, ModelError
from newscomment.nlp import load_pipeline

SUBJECTIVE = "This is a disgraceful, cowardly decision, and the minister should be ashamed of it."
OBJECTIVE = (
    "The central bank raised its main interest rate by 0.25 percentage points to 4.5% on "
    "Thursday, the bank said in a statement."
)


@pytest.fixture(scope="module")
def data() -> Path:
    """The shared data folder beside the checkout (CI has it; its absence is a failure)."""
    return datasets.data_root()


def _balanced(examples: list[Example], per_label: int) -> list[Example]:
    """The first ``per_label`` examples of each label."""
    return [e for e in examples if e.label == 1][:per_label] + [
        e for e in examples if e.label == 0
    ][:per_label]


def _parse(examples: list[Example]) -> list[Doc]:
    """The examples' texts, parsed."""
    return list(load_pipeline().pipe(e.text for e in examples))


@pytest.fixture(scope="module")
def sentences(data: Path) -> tuple[list[Doc], list[int]]:
    """Two dozen subjective and two dozen objective CheckThat! training sentences, parsed."""
    examples = _balanced(datasets.checkthat(data / datasets.CHECKTHAT / "train_en.tsv"), 24)
    return _parse(examples), [e.label for e in examples]


@pytest.fixture(scope="module")
def sentence_model(sentences: tuple[list[Doc], list[int]]) -> LinearModel:
    """A sentence model fitted on the small sample."""
    docs, labels = sentences
    return LinearModel.fit(docs, labels, "subjectivity", SentenceFeatures(rich_weight=0.1))


def test_round_trip_predicts_identically(
    sentence_model: LinearModel, sentences: tuple[list[Doc], list[int]], tmp_path: Path
) -> None:
    docs, _ = sentences
    sentence_model.save(tmp_path)
    loaded = LinearModel.load(tmp_path)
    assert np.array_equal(loaded.predict_proba(docs), sentence_model.predict_proba(docs))
    assert np.array_equal(loaded.predict(docs), sentence_model.predict(docs))
    assert loaded.threshold == sentence_model.threshold
    assert loaded.features.vocabulary == sentence_model.features.vocabulary


def test_saved_files_are_plain_data(sentence_model: LinearModel, tmp_path: Path) -> None:
    sentence_model.save(tmp_path)
    weights = np.load(tmp_path / WEIGHTS_FILE, allow_pickle=False)
    assert weights.dtype == np.float32
    assert weights.shape == (sentence_model.features.size,)
    data = json.loads((tmp_path / MODEL_FILE).read_text(encoding="utf-8"))
    assert data["kind"] == "sentence"
    assert data["features"]["vocabulary"] == sentence_model.features.vocabulary
    assert {"intercept", "threshold", "training"} <= set(data)


def test_features_serialise_to_json_and_back(
    sentence_model: LinearModel, sentences: tuple[list[Doc], list[int]]
) -> None:
    docs, _ = sentences
    features = sentence_model.features
    copy = SentenceFeatures.from_json(json.loads(json.dumps(features.to_json())))
    assert (copy.transform(docs) != features.transform(docs)).nnz == 0
    assert features.transform(docs).shape == (len(docs), features.size)


def test_load_refuses_other_kinds_and_damaged_files(
    sentence_model: LinearModel, tmp_path: Path
) -> None:
    sentence_model.save(tmp_path)
    with pytest.raises(ModelError):
        TokenModel.load(tmp_path)
    np.save(tmp_path / WEIGHTS_FILE, np.zeros(3, dtype=np.float32))
    with pytest.raises(ModelError):
        LinearModel.load(tmp_path)
    (tmp_path / MODEL_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError):
        load_model(tmp_path)


def test_token_model_round_trip(data: Path, tmp_path: Path) -> None:
    examples = [e for e in datasets.babe_bias(data / datasets.BABE / "babe_sg2_train.csv")][:40]
    docs = _parse(examples)
    gold = [token_labels(doc, e.words) for doc, e in zip(docs, examples, strict=True)]
    model = TokenModel.fit(docs, gold, "bias-words", TokenFeatures(min_count=1))
    model.save(tmp_path)
    loaded = load_model(tmp_path)
    assert isinstance(loaded, TokenModel)
    for doc in docs[:10]:
        flags = loaded.predict_tokens(doc)
        assert flags == model.predict_tokens(doc)
        assert len(flags) == len(doc)
        assert not any(flag for flag, token in zip(flags, doc, strict=True) if token.is_punct)


def test_token_gold_is_the_annotated_words_lower_cased() -> None:
    doc = load_pipeline()("Radical leftists slammed the radical plan.")
    assert token_labels(doc, ("radical", "Slammed")) == [
        True, False, True, False, True, False, False
    ]  # fmt: skip


def test_shipped_subjectivity_model_reads_clear_cases() -> None:
    model = shipped("subjectivity")
    docs = list(load_pipeline().pipe([SUBJECTIVE, OBJECTIVE]))
    assert model.predict(docs).tolist() == [1, 0]


@pytest.mark.parametrize("task", list(TASKS))
def test_shipped_models_are_small_plain_data_with_a_card(task: str) -> None:
    model = shipped(task)
    folder = Path(__file__).resolve().parents[1] / "src" / "newscomment" / "models" / task
    assert (folder / WEIGHTS_FILE).stat().st_size < 2 * 1024 * 1024
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert model.meta["training"]["command"] in card
    assert model.meta["license"] in card


def test_tiny_training_run_writes_a_model_and_its_card(data: Path, tmp_path: Path) -> None:
    source = data / datasets.CHECKTHAT
    for name, rows in (("train_en.tsv", 40), ("dev_en.tsv", 20)):
        lines = (source / name).read_text(encoding="utf-8").splitlines()
        (tmp_path / name).write_text("\n".join(lines[: rows + 1]) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    scores = train_task("subjectivity", tmp_path / "train_en.tsv", out)
    assert 0.0 <= scores["macro_f1"] <= 1.0
    assert "measured on dev_en.tsv (20)" in scores["protocol"]
    model = LinearModel.load(out)
    assert model.meta["scores"] == scores
    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8").count(str(scores["macro_f1"]))


def test_unknown_task_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown task"):
        train_task("sarcasm", None, tmp_path)
