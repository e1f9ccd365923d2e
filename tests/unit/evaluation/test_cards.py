"""evaluation/cards.py: the model card says what the model predicts, how it was made and
measured, under which license, and how big it is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.evaluation import datasets
from newscomment.evaluation.cards import CARD_FILE, write_card
from newscomment.evaluation.tasks import TASKS, Task
from newscomment.learned.features import SentenceFeatures
from newscomment.learned.linear import LinearModel

TRAINING = {
    "command": "newscomment train subjectivity --out models/subjectivity",
    "data": "checkthat-subjectivity-en/train_en.tsv",
    "data_sha256": "0" * 64,
    "pipeline": "en_core_web_sm 3.8.0",
    "seconds": 1.5,
}
SCORES = {"protocol": "trained on a, measured on b", "macro_f1": 0.61, "accuracy": 0.62}


@pytest.fixture(scope="module")
def sample(nc: Newscomment) -> tuple[list[Doc], list[int]]:
    """The first 40 CheckThat! training sentences, parsed, and their labels."""
    path = datasets.data_root(nc.settings.data) / datasets.CHECKTHAT / "train_en.tsv"
    examples = datasets.checkthat(path)[:40]
    return list(nc.nlp.pipe(e.text for e in examples)), [e.label for e in examples]


def _card(
    task: Task, features: SentenceFeatures, sample: tuple, out: Path
) -> tuple[str, LinearModel]:
    """The card of a model fitted on the sample with ``task``'s threshold rule, read back."""
    model = LinearModel(task.name, features, task.tune_threshold).fit(*sample)
    model.meta["training"] |= TRAINING
    model.save(out)
    write_card(task, model, SCORES, out)
    return (out / CARD_FILE).read_text(encoding="utf-8"), model


def test_the_card_tells_what_how_and_under_which_license(sample: tuple, tmp_path: Path) -> None:
    task = TASKS["subjectivity"]
    card, model = _card(task, SentenceFeatures(ngrams=False), sample, tmp_path)
    assert card.startswith("# subjectivity: learned model card\n\n" + task.summary)
    assert "over SentenceFeatures (dense cues)" in card
    assert f"C = {model.meta['training']['C']} was chosen" in card
    assert "the decision threshold is 0.5" in card
    assert task.citation in card and task.license in card and task.note in card
    assert f"`{TRAINING['command']}`" in card and TRAINING["data_sha256"] in card
    assert "- Protocol: trained on a, measured on b\n- macro_f1: 0.61\n- accuracy: 0.62" in card
    assert f"({model.features.size} float32 weights)" in card


def test_a_tuned_threshold_and_the_vocabulary_are_named(sample: tuple, tmp_path: Path) -> None:
    task = replace(TASKS["subjectivity"], tune_threshold=True)
    card, model = _card(task, SentenceFeatures(), sample, tmp_path)
    assert f"({len(model.features.vocabulary)} indicator features + dense cues)" in card
    assert f"threshold ({model.threshold}) was tuned" in card
