"""learned/linear.py: scikit-learn-style fitting, plain-data storage, and the token model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.errors import ModelError
from newscomment.evaluation import datasets
from newscomment.learned.features import SentenceFeatures, TokenFeatures, token_labels
from newscomment.learned.linear import (
    MODEL_FILE,
    THRESHOLDS,
    WEIGHTS_FILE,
    LinearModel,
    TokenModel,
    load_model,
)


def test_fit_returns_the_model_configured_on_construction(
    sentences: tuple[list[Doc], list[int]],
) -> None:
    docs, labels = sentences
    model = LinearModel("subjectivity", SentenceFeatures(rich_weight=0.1), tune_threshold=False)
    assert model.weights is None
    assert model.fit(docs, labels) is model
    assert model.task == "subjectivity" and model.features.rich_weight == 0.1
    assert model.threshold == 0.5
    assert model.weights is not None and model.weights.shape == (model.features.size,)
    assert set(model.meta["training"]) == {"C", "inner_cv_macro_f1"}


def test_a_tuned_threshold_comes_from_the_grid(sentence_model: LinearModel) -> None:
    assert sentence_model.tune_threshold
    assert sentence_model.threshold in THRESHOLDS


def test_predictions_agree_with_probabilities(
    sentence_model: LinearModel, sentences: tuple[list[Doc], list[int]]
) -> None:
    docs, _ = sentences
    probabilities = sentence_model.predict_proba(docs)
    assert probabilities.shape == (len(docs),)
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    expected = (probabilities >= sentence_model.threshold).astype(int)
    assert sentence_model.predict(docs).tolist() == expected.tolist()


def test_an_unfitted_model_says_so(sentences: tuple[list[Doc], list[int]], tmp_path: Path) -> None:
    docs, _ = sentences
    with pytest.raises(ModelError, match="not fitted"):
        LinearModel("subjectivity").predict(docs)
    with pytest.raises(ModelError, match="not fitted"):
        TokenModel("bias-words").save(tmp_path)


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
    assert loaded.meta == sentence_model.meta


def test_saved_files_are_plain_data(sentence_model: LinearModel, tmp_path: Path) -> None:
    sentence_model.save(tmp_path)
    weights = np.load(tmp_path / WEIGHTS_FILE, allow_pickle=False)
    assert weights.dtype == np.float32
    assert weights.shape == (sentence_model.features.size,)
    data = json.loads((tmp_path / MODEL_FILE).read_text(encoding="utf-8"))
    assert data["kind"] == "sentence"
    assert data["features"]["vocabulary"] == sentence_model.features.vocabulary
    assert {"intercept", "threshold", "training"} <= set(data)


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


@pytest.fixture(scope="module")
def token_sample(nc: Newscomment, data: Path) -> tuple[list[Doc], list[list[bool]]]:
    """Forty BABE sentences, parsed, with their token gold."""
    examples = datasets.babe_bias(data / datasets.BABE / "babe_sg2_train.csv")[:40]
    docs = list(nc.nlp.pipe(e.text for e in examples))
    gold = [token_labels(doc, e.words) for doc, e in zip(docs, examples, strict=True)]
    return docs, gold


@pytest.fixture(scope="module")
def token_model(token_sample: tuple[list[Doc], list[list[bool]]]) -> TokenModel:
    """A token model fitted on the forty sentences."""
    docs, gold = token_sample
    return TokenModel("bias-words", TokenFeatures(min_count=1)).fit(docs, gold)


def test_token_model_round_trip(
    token_model: TokenModel, token_sample: tuple[list[Doc], list[list[bool]]], tmp_path: Path
) -> None:
    assert set(token_model.meta["training"]) == {"C", "inner_cv_f1"}
    token_model.save(tmp_path)
    loaded = load_model(tmp_path)
    assert isinstance(loaded, TokenModel)
    sample = token_sample[0][:10]
    flagged = loaded.predict(sample)
    assert flagged == token_model.predict(sample)
    for doc, flags in zip(sample, flagged, strict=True):
        assert len(flags) == len(doc)
        assert not any(flag for flag, token in zip(flags, doc, strict=True) if token.is_punct)


def test_token_model_predicts_each_doc_as_alone(
    nc: Newscomment, token_model: TokenModel, token_sample: tuple[list[Doc], list[list[bool]]]
) -> None:
    sample = token_sample[0][:5]
    for doc, probabilities in zip(sample, token_model.predict_proba(sample), strict=True):
        assert np.array_equal(probabilities, token_model.predict_proba([doc])[0])
    nothing = nc.nlp("The 3 of them, and 4.")  # stop words, numbers and punctuation only
    assert token_model.predict([nothing]) == [[False] * len(nothing)]
    assert token_model.predict([]) == []


def test_the_own_say_threshold_is_the_lowest_that_reaches_the_precision() -> None:
    from newscomment.learned.linear import PRECISE_MIN_HITS, precise_threshold

    y = np.array([1] * 40 + [0] * 60)
    # positives score 0.6-0.99, negatives 0.0-0.7: only above 0.7 are calls all right
    scores = np.concatenate([np.linspace(0.6, 0.99, 40), np.linspace(0.0, 0.7, 60)])
    threshold = precise_threshold(y, scores)
    assert threshold is not None and 0.55 <= threshold <= 0.7
    called = scores >= threshold
    assert y[called].mean() >= 0.85 and called.sum() >= PRECISE_MIN_HITS
    assert precise_threshold(y, np.full(100, 0.5)) is None  # never precise enough
