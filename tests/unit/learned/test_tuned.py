"""learned/tuned.py: a model on a fine-tuned copy of the encoder runs in NumPy, saves as
plain data (float16 layers), loads back, is found on the shelf, and refuses damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newscomment import Newscomment
from newscomment.encoder import DIMENSION, bundled_encoder, bundled_tensors
from newscomment.errors import ModelError
from newscomment.learned.shelf import ModelShelf
from newscomment.learned.tuned import HEAD_FILE, LAYERS_FILE, TunedModel

TEXT = (
    "The council approved the budget on Tuesday. What a shameful, reckless giveaway it is. "
    "The vote was seven to two."
)


def _top_layer(scale: float) -> dict[str, np.ndarray]:
    """The bundle's last layer, its matrices scaled (1.0: the pretrained layer itself)."""
    return {
        name: array * scale if name.endswith("dense.weight") else np.array(array)
        for name, array in bundled_tensors().items()
        if name.startswith("encoder.layer.5.")
    }


def _model(scale: float = 1.0) -> TunedModel:
    head = np.random.default_rng(0).normal(size=DIMENSION).astype(np.float32)
    return TunedModel("subjectivity", _top_layer(scale), head, -0.25, 0.5, {"training": {}})


def test_with_the_pretrained_layer_it_is_a_head_on_the_encoders_vector(nc: Newscomment) -> None:
    model = _model()
    sentences = list(nc.nlp(TEXT).sents)
    vectors = np.stack([e.vector for e in bundled_encoder().encode([s.text for s in sentences])])
    expected = 1.0 / (1.0 + np.exp(-(vectors @ model.head + model.bias)))
    assert np.allclose(model.predict_proba(sentences), expected, atol=1e-5)
    assert model.predict(sentences).tolist() == (expected >= 0.5).astype(int).tolist()
    assert model.predict_proba([]).shape == (0,)


def test_a_replaced_layer_changes_the_vectors_and_the_base_encoder_is_untouched() -> None:
    before = bundled_encoder().encode([TEXT])[0].vector
    changed = _model(0.5).encoder.encode([TEXT])[0].vector
    assert not np.allclose(before, changed, atol=1e-3)
    assert np.allclose(bundled_encoder().encode([TEXT])[0].vector, before)


def test_a_layer_the_encoder_does_not_have_is_refused() -> None:
    stray = {"encoder.layer.9.output.dense.bias": np.zeros(DIMENSION, dtype=np.float32)}
    head = np.zeros(DIMENSION, dtype=np.float32)
    with pytest.raises(ModelError, match="lack"):
        TunedModel("subjectivity", stray, head, 0.0).encoder  # noqa: B018


def test_a_saved_model_is_plain_data_and_loads_to_the_same_probabilities(
    nc: Newscomment, tmp_path: Path
) -> None:
    model = _model(0.8)
    model.meta["training"]["epochs"] = 3
    model.save(tmp_path)
    saved = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert saved["format"] == "newscomment-tuned/1" and saved["layers"]["indices"] == [5]
    assert np.load(tmp_path / HEAD_FILE, allow_pickle=False).dtype == np.float32
    assert (tmp_path / LAYERS_FILE).stat().st_size < 4 * 2**20  # one layer in float16
    loaded = TunedModel.load(tmp_path)
    assert loaded.meta["training"] == {"epochs": 3} and loaded.threshold == 0.5
    assert loaded.own_say_threshold is None  # a fine-tuned model never decides alone
    sentences = list(nc.nlp(TEXT).sents)
    assert np.abs(loaded.predict_proba(sentences) - model.predict_proba(sentences)).max() < 1e-2


def test_the_shelf_loads_a_retrained_tuned_model_and_the_opinion_detector_reads_it(
    tmp_path: Path,
) -> None:
    _model().save(tmp_path / "subjectivity")
    shelf = ModelShelf(tmp_path, encoder=True)
    assert isinstance(shelf.sentence_model("subjectivity"), TunedModel)
    assert not isinstance(shelf.get("bias"), TunedModel)


@pytest.mark.parametrize("damage", ["head", "layers", "json"])
def test_a_damaged_model_is_a_model_error(tmp_path: Path, damage: str) -> None:
    _model().save(tmp_path)
    if damage == "head":
        np.save(tmp_path / HEAD_FILE, np.zeros(3, dtype=np.float32))
    elif damage == "layers":
        (tmp_path / LAYERS_FILE).write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    else:
        (tmp_path / "model.json").write_text('{"format": "newscomment-tuned/1"}', "utf-8")
    with pytest.raises(ModelError):
        TunedModel.load(tmp_path)
