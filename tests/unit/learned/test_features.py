"""learned/features.py: sentence and token features, their JSON form, and the token gold."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.errors import ModelError
from newscomment.learned.features import RICH_FEATURES, SentenceFeatures, token_labels
from newscomment.learned.linear import LinearModel


def test_features_serialise_to_json_and_back(
    sentence_model: LinearModel, sentences: tuple[list[Doc], list[int]]
) -> None:
    docs, _ = sentences
    features = sentence_model.features
    copy = SentenceFeatures.from_json(json.loads(json.dumps(features.to_json())))
    assert (copy.transform(docs) != features.transform(docs)).nnz == 0
    assert features.transform(docs).shape == (len(docs), features.size)


def test_fit_returns_the_featurizer_with_its_columns(
    sentences: tuple[list[Doc], list[int]],
) -> None:
    docs, _ = sentences
    features = SentenceFeatures(min_count=3)
    assert features.fit(docs) is features
    assert features.names()[: len(features.vocabulary)] == features.vocabulary
    assert features.names()[len(features.vocabulary) :] == [f"rich:{n}" for n in RICH_FEATURES]
    dense_only = SentenceFeatures(ngrams=False).fit(docs)
    assert dense_only.size == len(RICH_FEATURES)


def test_saved_features_from_another_version_are_refused(
    sentence_model: LinearModel,
) -> None:
    data = sentence_model.features.to_json()
    data["rich_features"] = data["rich_features"][:-1]
    with pytest.raises(ModelError, match="retrain"):
        SentenceFeatures.from_json(data)


def test_token_gold_is_the_annotated_words_lower_cased(nc: Newscomment) -> None:
    doc = nc.nlp("Radical leftists slammed the radical plan.")
    assert token_labels(doc, ("radical", "Slammed")) == [
        True, False, True, False, True, False, False
    ]  # fmt: skip
