"""learned/finetune.py (the train extra, run in the train environment): the torch copy of
the encoder agrees with encoder.py's NumPy forward, and a short fine-tuning run gives a
TunedModel that NumPy runs, saves and loads to the same probabilities, and that
``newscomment train --finetune`` writes and the product then uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import spacy

from newscomment.encoder import DIMENSION, bundled_encoder, bundled_tensors
from newscomment.errors import InputError
from newscomment.learned.finetune import fine_tune, torch_vectors
from newscomment.learned.tuned import LAYERS_FILE, TunedModel

SENTENCES = [
    "The council approved the budget on Tuesday.",
    "What a disgraceful, cowardly way to treat loyal voters!",
    "Rain is expected across the north of the country tomorrow afternoon.",
    "Short.",
    "",
    "A very long sentence, cut at the pieces the encoder reads, keeps going " * 30,
]
SEED = Path(__file__).resolve().parent.parent / "examples" / "seed.txt"

WEATHER = [
    "Light rain will fall in the morning.",
    "Snow is expected in the hills tonight.",
    "The afternoon will be sunny and warm.",
    "Strong winds will reach the coast by evening.",
    "Fog will clear slowly after sunrise.",
    "Temperatures will drop below freezing overnight.",
    "Showers will spread east during the day.",
    "A thunderstorm may hit the valley on Friday.",
    "The weekend looks dry with clear skies.",
    "Heavy snow closed the mountain pass.",
    "Clouds will gather over the lake by noon.",
    "Frost is likely in rural areas at dawn.",
    "Drizzle will linger along the shore.",
    "A heat wave will last until Sunday.",
    "Hail fell briefly over the town centre.",
    "The humid air will bring more storms.",
    "Gusty winds will ease by midnight.",
    "Sunshine will break through in the west.",
    "Cold air will sweep in from the north.",
    "Mist will cover the fields early tomorrow.",
]
FOOTBALL = [
    "The striker scored twice in the second half.",
    "The goalkeeper saved a late penalty.",
    "The club signed a young midfielder on Monday.",
    "The referee showed the captain a red card.",
    "The home side won the derby three to one.",
    "The coach praised his defenders after the draw.",
    "A header in stoppage time decided the final.",
    "The winger crossed for an easy tap-in.",
    "The league leaders lost away for the first time.",
    "Fans cheered as the team lifted the cup.",
    "The defender was booked for a rash tackle.",
    "Their new manager wants more pressing.",
    "The match ended goalless after extra time.",
    "A free kick curled into the top corner.",
    "The forward missed an open goal.",
    "The squad trained hard before the semi-final.",
    "The visitors equalised from a corner.",
    "The transfer fee broke the club record.",
    "The full-back limped off with an injury.",
    "The team climbed to third in the table.",
]


@pytest.fixture(scope="module")
def tuned() -> TunedModel:
    texts = WEATHER + FOOTBALL
    labels = [0] * len(WEATHER) + [1] * len(FOOTBALL)
    return fine_tune("topic", texts, labels, layers=2, learning_rate=1e-4, batch_size=8)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """A blank English pipeline that splits sentences: the tuned model reads spans."""
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def _probabilities_by_torch(model: TunedModel, texts: list[str]) -> np.ndarray:
    """What torch computes for the tuned model: the bundle with its layers replaced."""
    merged = {**bundled_tensors(), **model.layers}
    logits = torch_vectors(merged, texts) @ model.head + model.bias
    return 1.0 / (1.0 + np.exp(-logits))


def test_the_torch_forward_of_the_pretrained_weights_matches_the_numpy_encoder() -> None:
    expected = np.stack([e.vector for e in bundled_encoder().encode(SENTENCES)])
    vectors = torch_vectors(bundled_tensors(), SENTENCES)
    assert vectors.shape == (len(SENTENCES), DIMENSION)
    assert np.abs(vectors - expected).max() < 1e-4


def test_only_the_top_layers_are_tuned_and_kept_under_their_bundle_names(
    tuned: TunedModel,
) -> None:
    bundle = bundled_tensors()
    assert {name.split(".")[2] for name in tuned.layers} == {"4", "5"}
    assert all(tuned.layers[n].shape == bundle[n].shape for n in tuned.layers)
    assert all(a.dtype == np.float32 for a in tuned.layers.values())
    assert tuned.head.shape == (DIMENSION,) and tuned.head.dtype == np.float32
    training = tuned.meta["training"]
    assert training["tuned_layers"] == [4, 5] and training["epochs"] == 3
    name = "encoder.layer.5.output.dense.weight"
    assert not np.array_equal(tuned.layers[name], bundle[name])


def test_numpy_inference_gives_what_torch_gives_and_separates_the_training_classes(
    tuned: TunedModel, nlp: spacy.language.Language
) -> None:
    texts = WEATHER + FOOTBALL
    probabilities = tuned.predict_proba(list(nlp.pipe(texts)))
    assert np.abs(probabilities - _probabilities_by_torch(tuned, texts)).max() < 1e-3
    gold = np.array([0] * len(WEATHER) + [1] * len(FOOTBALL))
    assert (tuned.predict(list(nlp.pipe(texts))) == gold).mean() >= 0.9
    unseen = list(nlp.pipe(["Sleet will turn to snow overnight.", "The keeper was sent off."]))
    assert tuned.predict(unseen).tolist() == [0, 1]


def test_a_saved_model_is_small_plain_data_and_loads_to_the_same_probabilities(
    tuned: TunedModel, nlp: spacy.language.Language, tmp_path: Path
) -> None:
    tuned.save(tmp_path / "topic")
    saved = json.loads((tmp_path / "topic" / "model.json").read_text(encoding="utf-8"))
    assert saved["format"] == "newscomment-tuned/1" and saved["layers"]["indices"] == [4, 5]
    assert (tmp_path / "topic" / LAYERS_FILE).stat().st_size < 8 * 2**20  # two float16 layers
    loaded = TunedModel.load(tmp_path / "topic")
    docs = list(nlp.pipe(WEATHER[:5] + FOOTBALL[:5]))
    assert np.abs(loaded.predict_proba(docs) - tuned.predict_proba(docs)).max() < 1e-2


def test_a_run_is_determined_by_its_seed_and_stops_when_its_time_is_spent() -> None:
    texts, labels = WEATHER[:4] + FOOTBALL[:4], [0] * 4 + [1] * 4
    runs = [fine_tune("t", texts, labels, layers=1, epochs=1, batch_size=4, seed=3) for _ in "ab"]
    assert np.array_equal(runs[0].head, runs[1].head) and runs[0].bias == runs[1].bias
    assert runs[0].meta["training"]["epochs"] == 1
    stopped = fine_tune("t", texts, labels, layers=1, epochs=5, batch_size=4, max_seconds=0.0)
    assert stopped.meta["training"]["epochs"] == 0


def test_bad_labels_and_layer_counts_are_refused() -> None:
    with pytest.raises(InputError):
        fine_tune("t", ["a", "b"], [1, 1])
    with pytest.raises(InputError):
        fine_tune("t", ["a", "b"], [0, 2])
    with pytest.raises(InputError):
        fine_tune("t", ["a", "b"], [0])
    with pytest.raises(InputError, match="1 to 6 layers"):
        fine_tune("t", ["a", "b"], [0, 1], layers=7)


def test_train_finetune_on_own_data_then_the_product_uses_the_model(tmp_path: Path) -> None:
    rows = [(f"w{i}", text, "OBJ") for i, text in enumerate(WEATHER)]
    rows += [(f"f{i}", text, "SUBJ") for i, text in enumerate(FOOTBALL)]
    data = tmp_path / "mine.tsv"
    data.write_text(
        "sentence_id\tsentence\tlabel\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows),
        encoding="utf-8",
    )
    out = tmp_path / "models" / "subjectivity"
    cli = [sys.executable, "-m", "newscomment.cli"]
    env = {**os.environ, "NEWSCOMMENT_MODELS": str(out.parent)}
    trained = subprocess.run(
        [*cli, "train", "subjectivity", "--data", str(data), "--out", str(out), "--finetune"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert trained.returncode == 0, trained.stderr
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "fine-tuned" in card and "--finetune" in card and LAYERS_FILE in card
    analysed = subprocess.run(
        [*cli, "analyze", str(SEED), "--format", "json", "--encoder"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert analysed.returncode == 0, analysed.stderr
    assert json.loads(analysed.stdout)["findings"]
