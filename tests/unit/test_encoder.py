"""encoder.py: the pretrained sentence encoder read from its registry package, run in NumPy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newscomment.encoder import (
    DIMENSION,
    MAX_PIECES,
    SentenceEncoder,
    bundled_encoder,
    bundled_tensors,
    bundled_tokenizer,
    installed,
    read_safetensors,
    write_safetensors,
)
from newscomment.errors import ModelError


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return bundled_encoder()


def _similarity(encoder: SentenceEncoder, a: str, b: str) -> float:
    first, second = encoder.encode([a, b])
    return float(first.vector @ second.vector)


def test_the_encoder_is_installed_with_the_test_extra() -> None:
    assert installed()


def test_vectors_are_unit_length_and_a_paraphrase_is_nearer_than_another_topic(
    encoder: SentenceEncoder,
) -> None:
    rain = "Heavy rain flooded the town's main street on Monday."
    paraphrase = "On Monday the main road of the town was under water after a downpour."
    other = "The central bank left interest rates unchanged."
    vectors = [e.vector for e in encoder.encode([rain, paraphrase, other])]
    assert all(v.shape == (DIMENSION,) for v in vectors)
    assert np.allclose([np.linalg.norm(v) for v in vectors], 1.0, atol=1e-5)
    assert _similarity(encoder, rain, paraphrase) > _similarity(encoder, rain, other) + 0.2


def test_a_text_encodes_the_same_alone_or_in_a_batch_of_other_lengths(
    encoder: SentenceEncoder,
) -> None:
    texts = ["Short one.", "A considerably longer sentence, padded beside the short one, " * 3]
    together = encoder.encode(texts)
    alone = [encoder.encode([t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert np.allclose(a.vector, b.vector, atol=1e-5)


def test_pieces_carry_offsets_and_long_or_empty_texts_are_handled(
    encoder: SentenceEncoder,
) -> None:
    text = "Officials denied the report."
    encoded = encoder.encode([text])[0]
    pieces = [text[a:b] for a, b in encoded.offsets if b > a]
    assert pieces[0] == "Officials" and "denied" in pieces
    assert encoded.states.shape == (len(encoded.offsets), DIMENSION)
    long, empty = encoder.encode(["word " * 5000, ""])
    assert len(long.offsets) == MAX_PIECES
    assert np.isfinite(empty.vector).all()


def test_safetensors_round_trip_and_a_damaged_file_is_a_model_error(tmp_path: Path) -> None:
    tensors = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.ones(4, np.float16)}
    write_safetensors(tensors, tmp_path / "t.safetensors")
    back = read_safetensors((tmp_path / "t.safetensors").read_bytes())
    assert back.keys() == tensors.keys()
    assert all(np.array_equal(back[k], tensors[k]) for k in tensors)
    with pytest.raises(ModelError, match="damaged safetensors"):
        read_safetensors(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")


def test_an_encoder_saved_to_a_folder_loads_back_and_missing_weights_fail(
    encoder: SentenceEncoder, tmp_path: Path
) -> None:
    tensors = {k: v for k, v in bundled_tensors().items() if k != "embeddings.position_ids"}
    write_safetensors(tensors, tmp_path / "model.safetensors")
    bundled_tokenizer().save(str(tmp_path / "tokenizer.json"))
    copy = SentenceEncoder.from_folder(tmp_path)
    text = ["The minister resigned."]
    assert np.allclose(copy.encode(text)[0].vector, encoder.encode(text)[0].vector, atol=1e-6)
    del tensors["encoder.layer.0.output.dense.weight"]
    with pytest.raises(ModelError, match=r"lack encoder\.layer\.0\.output\.dense\.weight"):
        SentenceEncoder(tensors, bundled_tokenizer())
    with pytest.raises(ModelError, match="cannot read the encoder"):
        SentenceEncoder.from_folder(tmp_path / "nowhere")
