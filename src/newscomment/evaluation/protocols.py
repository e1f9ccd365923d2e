"""How a task's model is measured, the same for ``newscomment eval`` and ``newscomment
train``. Three protocols (``PROTOCOLS``):

- dev: trained on the train file, measured on the dev file beside it;
- holdout: trained on the texts outside fold 0 of a text hash, measured on fold 0 (20%);
- cv: k-fold cross-validation with salted text-hash folds, out-of-fold predictions pooled
  (per token for a token task), then a model fitted on every text.

Every cross-validation, eval's and training's, runs the one fold loop ``out_of_fold``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.evaluation.datasets import Example
from newscomment.learned.features import SentenceFeatures, TokenFeatures, token_labels
from newscomment.learned.linear import LinearModel, TokenModel
from newscomment.learned.metrics import Scores, binary_scores
from newscomment.learned.shelf import Model

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newscomment.evaluation.tasks import Task
    from newscomment.pipeline import Newscomment

FOLDS = 5
"""Cross-validation folds, and the hold-out: fold 0 of five (20%)."""
CV_SALT = "newscomment-cv:"
"""Salts the cross-validation hash: the shared BABE file was cut from its held-out fifth by
the unsalted hash, so unsalted folds would leave fold 0 empty there."""

Measured = tuple[Model, dict[str, Any]]
"""What training by a protocol gives: the model to save and the scores for its card."""


def fold_of(text: str, folds: int, salt: str = "") -> int:
    """A fixed fold for a text, from a hash of it (and a salt): stable across runs and
    machines."""
    return int(hashlib.sha256((salt + text).encode("utf-8")).hexdigest(), 16) % folds


def holdout(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """The fixed split: the examples whose unsalted fold is not 0 (train), and those whose
    fold is 0 (test)."""
    folds = [fold_of(e.text, FOLDS) for e in examples]
    train = [e for e, f in zip(examples, folds, strict=True) if f]
    test = [e for e, f in zip(examples, folds, strict=True) if not f]
    return train, test


def parse(nc: Newscomment, examples: Sequence[Example]) -> list[Doc]:
    """The examples' texts, parsed with the full pipeline."""
    return list(nc.nlp.pipe(e.text for e in examples))


def _gold_tokens(docs: Sequence[Doc], examples: Sequence[Example]) -> list[list[bool]]:
    """Each doc's token gold: which tokens are words its annotators marked."""
    return [token_labels(doc, e.words) for doc, e in zip(docs, examples, strict=True)]


def fit_model(task: Task, docs: Sequence[Doc], examples: Sequence[Example]) -> Model:
    """A model with the task's configuration, fitted on parsed examples: per token on the
    annotated words for a token task, the encoder's top layers fine-tuned on the texts for
    a tuned one (needs the ``train`` extra), else a linear model on the labels."""
    if task.tuned:
        from newscomment.learned.finetune import fine_tune

        return fine_tune(task.name, [e.text for e in examples], [e.label for e in examples])
    if task.tokens:
        gold = _gold_tokens(docs, examples)
        model = TokenModel(task.name, TokenFeatures(**task.features), task.tune_threshold)
        return model.fit(docs, gold)
    sentences = LinearModel(task.name, SentenceFeatures(**task.features), task.tune_threshold)
    return sentences.fit(docs, [e.label for e in examples])


def _flat(rows: Sequence[Sequence[bool]]) -> list[bool]:
    """All tokens of all docs in one list."""
    return [value for row in rows for value in row]


def scores(task: Task, docs: Sequence[Doc], examples: Sequence[Example], predicted: list) -> Scores:
    """Predictions scored against gold: per sentence, or per token for a token task."""
    if task.tokens:
        gold = _gold_tokens(docs, examples)
        return binary_scores(_flat(gold), _flat(predicted))
    return binary_scores([e.label for e in examples], predicted)


@dataclass(frozen=True)
class OutOfFold:
    """What a cross-validation predicted for each example, by a model that never saw it."""

    predicted: list[Any]
    """A label per sentence, or a list of token flags per doc for a token task."""
    folds: list[int]
    """The folds that held examples."""
    predict_seconds: float
    """The time the fold models took to predict (featurizing included, fitting not)."""


def out_of_fold(task: Task, docs: Sequence[Doc], examples: Sequence[Example]) -> OutOfFold:
    """Each example predicted by a model fitted, with the task's configuration, on the other
    folds (salted text-hash folds; a fold with no examples is skipped)."""
    folds = [fold_of(e.text, FOLDS, CV_SALT) for e in examples]
    used = sorted(set(folds))
    predicted: list[Any] = [None] * len(examples)
    seconds = 0.0
    for k in used:
        train = [i for i, f in enumerate(folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        model = fit_model(task, [docs[i] for i in train], [examples[i] for i in train])
        started = time.perf_counter()
        for i, value in zip(test, model.predict([docs[i] for i in test]), strict=True):
            predicted[i] = value
        seconds += time.perf_counter() - started
    return OutOfFold(predicted, used, seconds)


def _card_scores(
    task: Task,
    protocol: str,
    docs: Sequence[Doc],
    examples: Sequence[Example],
    predicted: list,
    seconds: float,
) -> dict[str, Any]:
    """The measured scores as the model card and ``model.json`` keep them."""
    measured = scores(task, docs, examples, predicted)
    if task.tokens:
        gold = _gold_tokens(docs, examples)
        figures = {
            "precision": round(measured.precision, 4),
            "recall": round(measured.recall, 4),
            "f1": round(measured.f1, 4),
            "gold_tokens": sum(_flat(gold)),
            "gold_words_unmatched": _unmatched(docs, examples),
        }
    else:
        figures = {
            "macro_f1": round(measured.macro_f1, 4),
            "f1_positive": round(measured.f1, 4),
            "accuracy": round(measured.accuracy, 4),
        }
    micros = 1e6 * seconds / max(len(examples), 1)
    return {"protocol": protocol, **figures, "predict_us_per_text": round(micros)}


def _unmatched(docs: Sequence[Doc], examples: Sequence[Example]) -> int:
    """How many annotated words are no token of their sentence (the token gold misses them)."""
    return sum(
        word.lower() not in {t.lower_ for t in doc}
        for doc, example in zip(docs, examples, strict=True)
        for word in example.words
    )


def _fit_and_measure(
    nc: Newscomment, task: Task, train: list[Example], test: list[Example], protocol: str
) -> Measured:
    """A model fitted on ``train`` and measured on ``test``; the model is the measured one."""
    model = fit_model(task, parse(nc, train), train)
    docs = parse(nc, test)
    started = time.perf_counter()
    predicted = list(model.predict(docs))
    seconds = time.perf_counter() - started
    return model, _card_scores(task, protocol, docs, test, predicted, seconds)


def fitted(nc: Newscomment, task: Task, root: Path | None) -> Model:
    """The model a protocol other than cross-validation trains on the task's own data (the
    train file, or the texts outside the fixed 20%), fitted anew and not saved."""
    path = task.path(task.training_split, None, root)
    examples = task.load(path)
    if task.protocol == "holdout":
        examples = holdout(examples)[0]
    return fit_model(task, parse(nc, examples), examples)


def train_on_holdout(nc: Newscomment, task: Task, path: Path) -> Measured:
    """Train on the texts outside fold 0, measure on fold 0 (the unsalted hash, as
    ``newscomment eval`` measures the shipped model)."""
    train, test = holdout(task.load(path))
    protocol = (
        f"trained on the {len(train)} texts where fold_of(text, {FOLDS}) != 0, "
        f"measured on the {len(test)} where it is 0"
    )
    return _fit_and_measure(nc, task, train, test, protocol)


def train_on_dev(nc: Newscomment, task: Task, path: Path) -> Measured:
    """Train on the file, measure on the dev file beside it; a file of the user's own with
    no dev file beside it is measured on a held-out fifth instead."""
    dev = path.with_name(task.files["dev"])
    if not dev.is_file():
        return train_on_holdout(nc, task, path)
    train, test = task.load(path), task.load(dev)
    protocol = f"trained on {path.name} ({len(train)}), measured on {dev.name} ({len(test)})"
    return _fit_and_measure(nc, task, train, test, protocol)


def train_cross_validated(nc: Newscomment, task: Task, path: Path) -> Measured:
    """Pooled out-of-fold scores over the folds that hold texts, then a fit on every text."""
    examples = task.load(path)
    docs = parse(nc, examples)
    run = out_of_fold(task, docs, examples)
    protocol = (
        f"{len(run.folds)}-fold cross-validation on {len(examples)} texts, folds from "
        f"fold_of(text, {FOLDS}, CV_SALT) (folds present: {', '.join(map(str, run.folds))}), "
        "out-of-fold predictions pooled" + ("; scored per token" if task.tokens else "")
    )
    measured = _card_scores(task, protocol, docs, examples, run.predicted, run.predict_seconds)
    return fit_model(task, docs, examples), measured


@dataclass(frozen=True)
class Protocol:
    """One way of measuring a task's model."""

    described: str
    """How ``newscomment eval`` names it; ``{file}`` is the training file's name, less its
    suffix."""
    train: Callable[[Newscomment, Task, Path], Measured]
    """Train a model on a file and measure it this way."""


PROTOCOLS = {
    "dev": Protocol("trained on train, measured on dev", train_on_dev),
    "holdout": Protocol(
        "trained on 80%, measured on the fixed 20% (fold 0 of a text hash)", train_on_holdout
    ),
    "cv": Protocol(
        f"{FOLDS}-fold cross-validation on {{file}} (salted text-hash folds)",
        train_cross_validated,
    ),
}


def described(task: Task) -> str:
    """How ``newscomment eval`` names the protocol a task's model is measured by."""
    file = Path(task.files[task.training_split]).stem
    return PROTOCOLS[task.protocol].described.format(file=file)
