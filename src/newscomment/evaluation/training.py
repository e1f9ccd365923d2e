"""Training the shipped models: ``train_task`` fits one task's model on the data the task
allows, measures it by the task's protocol, and writes the model with its card.

Protocols: subjectivity is trained on CheckThat! train and measured on dev; BABE bias,
opinion and biased words are measured by cross-validation with folds from ``fold_of``,
then refitted on all of the file; SFU constructiveness is trained on the comments outside
fold 0 and measured on fold 0 (the shipped model is the measured one).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from newscomment.errors import InputError
from newscomment.evaluation import datasets
from newscomment.evaluation.datasets import Example
from newscomment.learned.features import SentenceFeatures, TokenFeatures, token_labels
from newscomment.learned.linear import WEIGHTS_FILE, LinearModel, TokenModel, f1_scores
from newscomment.pipeline import Newscomment

FOLDS = 5
CARD_FILE = "MODEL_CARD.md"
CHECKTHAT_LICENSE = (
    "CC BY-NC-SA 4.0 (the data's license): the model is derived from it, so it may be used "
    "for non-commercial purposes only, and shared or adapted only under the same license, "
    "with attribution."
)
BABE_LICENSE = (
    "AGPL-3.0 (the license of the BABE repository, which gives no separate data license): "
    "the model is derived from it and carries the AGPL-3.0 terms; whoever passes it on, or "
    "offers it over a network, passes on the same rights with the license text."
)
SFU_LICENSE = CHECKTHAT_LICENSE


@dataclass(frozen=True)
class Task:
    """One learned task: its data, how it is measured and its chosen configuration."""

    name: str
    summary: str
    data: str
    """The default training file, relative to ``datasets.data_root()``."""
    load: Callable[[Path], list[Example]]
    protocol: str
    license: str
    citation: str
    note: str
    """What the card says about the scores: the target and what stands in the way."""
    features: dict[str, Any] = field(default_factory=dict)
    tune_threshold: bool = False


TASKS = {
    task.name: task
    for task in (
        Task(
            "subjectivity",
            "Is a news sentence subjective (SUBJ = 1) or objective (OBJ = 0)?",
            f"{datasets.CHECKTHAT}/train_en.tsv",
            datasets.checkthat,
            "dev",
            CHECKTHAT_LICENSE,
            "Antici et al. 2023, A Corpus for Sentence-level Subjectivity Detection on English "
            "News Articles (CheckThat! 2023-2025 Task on subjectivity, English).",
            "Below the project's target of 0.77 macro-F1 on dev (the best CheckThat! 2023 "
            "systems, fine-tuned transformers): a linear model on 830 training sentences "
            "plateaus near 0.68, and dev holds more subjective sentences (52%) than train (36%).",
            {"rich_weight": 0.1},
        ),
        Task(
            "bias",
            "Is a news sentence biased (BABE label_bias: Biased = 1, Non-biased = 0)?",
            f"{datasets.BABE}/babe_sg2_train.csv",
            datasets.babe_bias,
            "cv",
            BABE_LICENSE,
            "Spinde et al. 2021, Neural Media Bias Detection Using Distant Supervision With "
            "BABE, Findings of EMNLP 2021.",
            "Below the project's target of 0.80 macro-F1 (0.804 published, a BERT model "
            "pre-trained on distant labels): word n-grams from 2,903 sentences miss the "
            "biased words they have not seen.",
            {"rich_weight": 0.3},
        ),
        Task(
            "babe-opinion",
            "Does a news sentence carry the writer's opinion (BABE label_opinion: somewhat or "
            "entirely = 1, entirely factual = 0)?",
            f"{datasets.BABE}/babe_sg2_train.csv",
            datasets.babe_opinion,
            "cv",
            BABE_LICENSE,
            "Spinde et al. 2021, Neural Media Bias Detection Using Distant Supervision With "
            "BABE, Findings of EMNLP 2021.",
            "No published target for this binary reading of label_opinion.",
            {"rich_weight": 0.1},
        ),
        Task(
            "bias-words",
            "Is a token one of the words BABE's annotators marked as biased?",
            f"{datasets.BABE}/babe_sg2_train.csv",
            datasets.babe_bias,
            "token-cv",
            BABE_LICENSE,
            "Spinde et al. 2021, Neural Media Bias Detection Using Distant Supervision With "
            "BABE, Findings of EMNLP 2021.",
            "Gold is by word form: every occurrence of an annotated word in its sentence "
            "counts, and annotated words that are no single spaCy token (hyphenated "
            "compounds: gold_words_unmatched) cannot be found.",
            tune_threshold=True,
        ),
        Task(
            "constructiveness",
            "Is a reader comment constructive (SFU CTC is_constructive: yes = 1, no = 0)?",
            f"{datasets.SFU}/SFU_constructiveness_toxicity.csv",
            datasets.sfu,
            "holdout",
            SFU_LICENSE,
            "Kolhatkar and Taboada 2017, Constructive language in news comments, Proceedings "
            "of the 1st Workshop on Abusive Language Online.",
            "Meets the project's target of 0.85 accuracy with the dense cues alone (length, "
            "parts of speech, lexicon hits), no n-grams.",
            {"ngrams": False},
        ),
    )
}
DEV_FILE = "dev_en.tsv"


def _parse(nc: Newscomment, texts: Sequence[str]) -> list[Doc]:
    """Parse texts with the full pipeline."""
    return list(nc.nlp.pipe(texts, batch_size=64))


def _sentence_scores(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, float]:
    """Macro-F1, positive-class F1 and accuracy, rounded for the card."""
    g, p = np.asarray(gold), np.asarray(predicted)
    positive, macro = f1_scores(g, p)
    return {
        "macro_f1": round(macro, 4),
        "f1_positive": round(positive, 4),
        "accuracy": round(float(np.mean(g == p)), 4),
    }


def _fit_sentences(task: Task, docs: Sequence[Doc], labels: Sequence[int]) -> LinearModel:
    """A sentence model with the task's configuration."""
    features = SentenceFeatures(**task.features)
    return LinearModel.fit(docs, labels, task.name, features, task.tune_threshold)


def _timed_predict(model: LinearModel, docs: Sequence[Doc]) -> tuple[np.ndarray, float]:
    """Predictions and the microseconds per doc they took (features and scoring, no parse)."""
    start = time.perf_counter()
    predicted = model.predict(docs)
    return predicted, 1e6 * (time.perf_counter() - start) / max(len(docs), 1)


def _folds(examples: Sequence[Example]) -> list[int]:
    """Each example's cross-validation fold (salted, so all five folds hold texts)."""
    return [datasets.fold_of(e.text, FOLDS, datasets.CV_SALT) for e in examples]


def _dev(nc: Newscomment, task: Task, path: Path) -> tuple[LinearModel, dict[str, Any]]:
    """Train on the file, measure on the dev file beside it; a file of the user's own
    with no dev file beside it is measured on a held-out fifth instead."""
    if not path.with_name(DEV_FILE).is_file():
        return _holdout(nc, task, path)
    train, dev = task.load(path), task.load(path.with_name(DEV_FILE))
    model = _fit_sentences(task, _parse(nc, [e.text for e in train]), [e.label for e in train])
    predicted, micros = _timed_predict(model, _parse(nc, [e.text for e in dev]))
    scores = _sentence_scores([e.label for e in dev], predicted.tolist())
    protocol = f"trained on {path.name} ({len(train)}), measured on {DEV_FILE} ({len(dev)})"
    return model, {"protocol": protocol, **scores, "predict_us_per_text": round(micros)}


def _holdout(nc: Newscomment, task: Task, path: Path) -> tuple[LinearModel, dict[str, Any]]:
    """Train on the texts outside fold 0, measure on fold 0; the model is the measured one.
    The hold-out uses the unsalted hash, as ``newscomment eval`` does."""
    examples = task.load(path)
    folds = [datasets.fold_of(e.text, FOLDS) for e in examples]
    train = [e for e, f in zip(examples, folds, strict=True) if f]
    test = [e for e, f in zip(examples, folds, strict=True) if not f]
    model = _fit_sentences(task, _parse(nc, [e.text for e in train]), [e.label for e in train])
    predicted, micros = _timed_predict(model, _parse(nc, [e.text for e in test]))
    scores = _sentence_scores([e.label for e in test], predicted.tolist())
    protocol = (
        f"trained on the {len(train)} texts where fold_of(text, {FOLDS}) != 0, "
        f"measured on the {len(test)} where it is 0"
    )
    return model, {"protocol": protocol, **scores, "predict_us_per_text": round(micros)}


def _cross_validated(nc: Newscomment, task: Task, path: Path) -> tuple[LinearModel, dict[str, Any]]:
    """Pooled out-of-fold scores over the non-empty folds, then a fit on every text."""
    examples = task.load(path)
    docs = _parse(nc, [e.text for e in examples])
    folds = _folds(examples)
    used = sorted(set(folds))
    gold, predicted, micros = [], [], []
    for k in used:
        train = [i for i, f in enumerate(folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        model = _fit_sentences(task, [docs[i] for i in train], [examples[i].label for i in train])
        fold_predicted, fold_micros = _timed_predict(model, [docs[i] for i in test])
        gold += [examples[i].label for i in test]
        predicted += fold_predicted.tolist()
        micros.append(fold_micros)
    protocol = _cv_protocol(len(examples), used)
    scores = {"protocol": protocol, **_sentence_scores(gold, predicted)}
    scores["predict_us_per_text"] = round(float(np.mean(micros)))
    return _fit_sentences(task, docs, [e.label for e in examples]), scores


def out_of_fold(task: str, docs: Sequence[Doc], examples: Sequence[Example]) -> list[Any]:
    """Each example's prediction by a model fitted on the other folds (token flags for the
    word-level task): the cross-validation ``newscomment eval`` and training share."""
    spec = TASKS[task]
    folds = _folds(examples)
    predicted: list[Any] = [None] * len(examples)
    for k in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != k]
        if spec.protocol == "token-cv":
            gold = [token_labels(docs[i], examples[i].words) for i in train]
            model = TokenModel.fit(
                [docs[i] for i in train],
                gold,
                spec.name,
                TokenFeatures(**spec.features),
                spec.tune_threshold,
            )
            for i in (i for i, f in enumerate(folds) if f == k):
                predicted[i] = model.predict_tokens(docs[i])
        else:
            model = _fit_sentences(
                spec, [docs[i] for i in train], [examples[i].label for i in train]
            )
            test = [i for i, f in enumerate(folds) if f == k]
            for i, value in zip(test, model.predict([docs[i] for i in test]), strict=True):
                predicted[i] = int(value)
    return predicted


def _cv_protocol(count: int, used: Sequence[int]) -> str:
    """How a cross-validation was run, saying which folds had texts."""
    return (
        f"{len(used)}-fold cross-validation on {count} texts, folds from "
        f"fold_of(text, {FOLDS}, CV_SALT) (folds present: {', '.join(map(str, used))}), "
        "out-of-fold predictions pooled"
    )


def _token_cross_validated(nc: Newscomment, task: Task, path: Path) -> tuple[TokenModel, dict[str, Any]]:
    """Token precision, recall and F1 pooled over the folds, then a fit on every sentence."""
    examples = task.load(path)
    docs = _parse(nc, [e.text for e in examples])
    gold = [token_labels(doc, e.words) for doc, e in zip(docs, examples, strict=True)]
    folds = _folds(examples)
    used = sorted(set(folds))
    counts = np.zeros(3)  # true positives, predicted positives, gold positives
    seconds = 0.0
    for k in used:
        train = [i for i, f in enumerate(folds) if f != k]
        features = TokenFeatures(**task.features)
        model = TokenModel.fit(
            [docs[i] for i in train],
            [gold[i] for i in train],
            task.name,
            features,
            task.tune_threshold,
        )
        start = time.perf_counter()
        for i in (i for i, f in enumerate(folds) if f == k):
            predicted = np.asarray(model.predict_tokens(docs[i]), dtype=bool)
            truth = np.asarray(gold[i], dtype=bool)
            counts += [np.sum(predicted & truth), predicted.sum(), truth.sum()]
        seconds += time.perf_counter() - start
    tp, predicted_positive, gold_positive = counts
    precision = tp / predicted_positive if predicted_positive else 0.0
    recall = tp / gold_positive if gold_positive else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scores = {
        "protocol": _cv_protocol(len(examples), used) + "; scored per token",
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold_tokens": int(gold_positive),
        "gold_words_unmatched": _unmatched(docs, examples),
        "predict_us_per_text": round(1e6 * seconds / len(examples)),
    }
    final = TokenModel.fit(
        docs, gold, task.name, TokenFeatures(**task.features), task.tune_threshold
    )
    return final, scores


def _unmatched(docs: Sequence[Doc], examples: Sequence[Example]) -> int:
    """How many annotated words are no token of their sentence (the token gold misses them)."""
    return sum(
        word.lower() not in {t.lower_ for t in doc}
        for doc, example in zip(docs, examples, strict=True)
        for word in example.words
    )


PROTOCOLS: dict[
    str, Callable[[Newscomment, Task, Path], tuple[LinearModel | TokenModel, dict[str, Any]]]
] = {
    "dev": _dev,
    "holdout": _holdout,
    "cv": _cross_validated,
    "token-cv": _token_cross_validated,
}


def _sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shown(path: Path, base: Path) -> str:
    """A path as the card shows it: relative to ``base`` when inside it, else as given."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def train_task(nc: Newscomment, task: str, data: Path | None, out: Path) -> dict[str, Any]:
    """Train, measure and save one task's model (``model.json``, ``weights.npy`` and
    ``MODEL_CARD.md`` in ``out``); returns the measured scores written into the card."""
    if task not in TASKS:
        raise InputError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
    spec = TASKS[task]
    root = nc.settings.data
    path = data or datasets.data_root(root) / spec.data
    started = time.perf_counter()
    model, scores = PROTOCOLS[spec.protocol](nc, spec, path)
    nlp = nc.nlp
    command = f"newscomment train {task}" + (f" --data {data}" if data else "")
    command += f" --out {os.path.relpath(out) if out.is_absolute() else out}"
    model.meta["training"] |= {
        "command": command,
        "data": str(data) if data else _shown(path, datasets.data_root(root)),
        "data_sha256": _sha256(path),
        "pipeline": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "seconds": round(time.perf_counter() - started, 1),
    }
    model.meta["scores"] = scores
    model.meta["license"] = spec.license
    model.save(out)
    (out / CARD_FILE).write_text(_card(spec, model, scores, out), encoding="utf-8")
    return scores


def _columns(features: SentenceFeatures | TokenFeatures) -> str:
    """The card's words for a model's columns."""
    parts = [f"{len(features.vocabulary)} indicator features"] if features.vocabulary else []
    return " + ".join(parts + (["dense cues"] if features.rich else []))


def _threshold(task: Task, model: LinearModel | TokenModel) -> str:
    """The card's words for how the decision threshold was set."""
    if task.tune_threshold:
        return f"the decision threshold ({model.threshold}) was tuned by the same cross-validation"
    return "the decision threshold is 0.5"


def _card(task: Task, model: LinearModel | TokenModel, scores: dict[str, Any], out: Path) -> str:
    """The model card: what it predicts, data and license, command, scores and size."""
    training = model.meta["training"]
    features = model.features
    weights_kb = (out / WEIGHTS_FILE).stat().st_size / 1024
    json_kb = (out / "model.json").stat().st_size / 1024
    measured = "\n".join(f"- {k}: {v}" for k, v in scores.items() if k != "protocol")
    return f"""# {task.name}: learned model card

{task.summary}

A class-balanced logistic regression over {type(features).__name__} ({_columns(features)}), \
stored as plain data: `model.json` (configuration, vocabulary, intercept, threshold) and \
`weights.npy` (float32, no pickle). C = {training["C"]} was chosen by a 5-fold \
cross-validation inside the training data; {_threshold(task, model)}.

## Data and license
- Trained on: `{training["data"]}` from the shared data folder (not part of this package),
  SHA-256 `{training["data_sha256"]}`.
- Citation: {task.citation}
- License of this model: {task.license}

## Training
- Command: `{training["command"]}`
- spaCy pipeline used for parsing: {training["pipeline"]}
- Time: {training["seconds"]} s on the training machine, measurement included.

## Measured scores
- Protocol: {scores["protocol"]}
{measured}

{task.note}

`predict_us_per_text` is the time to featurize and score one text on the training machine,
after the spaCy parse.

## Size
- weights.npy: {weights_kb:.1f} KiB ({len(model.weights)} float32 weights)
- model.json: {json_kb:.1f} KiB
"""
