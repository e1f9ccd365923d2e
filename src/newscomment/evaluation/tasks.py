"""The measurement tasks: which data, which protocol, which metric, which detector, and
the best published score to compare with. ``evaluate`` runs one task end to end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newscomment.detectors import detect_all
from newscomment.errors import InputError
from newscomment.evaluation import datasets, training
from newscomment.evaluation.datasets import Example
from newscomment.evaluation.metrics import Scores, binary_scores
from newscomment.learned.linear import TokenModel
from newscomment.pipeline import Newscomment


@dataclass(frozen=True, slots=True)
class Task:
    """One measurement: data, protocol and metric as the literature reports them."""

    name: str
    detector: str
    folder: str
    files: dict[str, str]
    load: Callable[[Path], list[Example]]
    protocol: str
    metric: str
    published: str
    target: float | None
    tokens: bool = False

    @property
    def cross_validated(self) -> bool:
        """Whether the learned model is measured by cross-validation (refitted per fold)."""
        return training.TASKS[self.name].protocol in {"cv", "token-cv"}

    def path(self, split: str | None, data: Path | None, root: Path | None = None) -> Path:
        """The file to read: ``--data`` if given, else the split's file in the shared data."""
        if data is not None:
            return data
        split = split or next(iter(self.files))
        if split not in self.files:
            raise InputError(
                f"task {self.name} has no split {split!r}; use {', '.join(self.files)}"
            )
        return datasets.data_root(root) / self.folder / self.files[split]


TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task(
            "subjectivity",
            "opinion",
            datasets.CHECKTHAT,
            {"dev": "dev_en.tsv", "train": "train_en.tsv"},
            datasets.checkthat,
            "trained on train, measured on dev",
            "macro_f1",
            "0.77 macro-F1 on the CT2023 test (inside dev): Gpachov, GroNLP; "
            "0.744 on the CT2024 test: HYBRINFOX",
            0.77,
        ),
        Task(
            "bias",
            "loaded (sentence level)",
            datasets.BABE,
            {"train": "babe_sg2_train.csv"},
            datasets.babe_bias,
            "5-fold cross-validation on babe_sg2_train (salted text-hash folds)",
            "macro_f1",
            "0.804 macro-F1: Spinde et al. 2021 (BERT pre-trained on distant labels)",
            0.80,
        ),
        Task(
            "bias-words",
            "loaded (word level)",
            datasets.BABE,
            {"train": "babe_sg2_train.csv"},
            datasets.babe_bias,
            "5-fold cross-validation on babe_sg2_train (salted text-hash folds)",
            "f1",
            "no published token-level score",
            None,
            tokens=True,
        ),
        Task(
            "babe-opinion",
            "opinion",
            datasets.BABE,
            {"train": "babe_sg2_train.csv"},
            datasets.babe_opinion,
            "5-fold cross-validation on babe_sg2_train (salted text-hash folds)",
            "macro_f1",
            "no published score for this binary split",
            None,
        ),
        Task(
            "constructiveness",
            "comment-quality judge",
            datasets.SFU,
            {"all": "SFU_constructiveness_toxicity.csv"},
            datasets.sfu,
            "trained on 80%, measured on the fixed 20% (fold 0 of a text hash)",
            "accuracy",
            "no published score found; target 0.85 accuracy",
            0.85,
        ),
    )
}


def task_named(name: str) -> Task:
    """The task called ``name``, or a one-line error listing the tasks."""
    if name not in TASKS:
        raise InputError(f"unknown task {name!r}; choose one of {', '.join(TASKS)}")
    return TASKS[name]


def _has(kind: str) -> Callable[[Newscomment, Doc], bool]:
    """A rule predictor: does the full detector chain find a ``kind`` in the sentence?"""
    return lambda nc, doc: any(f.kind == kind for f in detect_all(doc, None, nc.models))


def _loaded_tokens(nc: Newscomment, doc: Doc) -> list[bool]:
    """Per token: is it inside a loaded-language finding?"""
    found = detect_all(doc, None, nc.models)
    spans = [(f.span.start, f.span.end) for f in found if f.kind == "loaded"]
    return [any(a <= t.idx < b for a, b in spans) for t in doc]


def gold_tokens(doc: Doc, example: Example) -> list[bool]:
    """Per token: did annotators mark this word as biased?"""
    marked = {w.lower() for w in example.words}
    return [t.lower_ in marked for t in doc]


PRODUCT: dict[str, Callable[[Newscomment, Doc], Any]] = {
    "subjectivity": _has("opinion"),
    "babe-opinion": _has("opinion"),
    "bias": _has("loaded"),
    "bias-words": _loaded_tokens,
}


def _flatten(rows: list[list[bool]]) -> list[bool]:
    """All tokens of all sentences in one list."""
    return [value for row in rows for value in row]


def _measured_examples(
    task: Task, split: str | None, data: Path | None, root: Path | None
) -> tuple[Path, list[Example]]:
    """The file and the examples a measurement scores: all of ``--data``; for the
    constructiveness judge, the fixed 20% it was not trained on; else the split's file."""
    path = task.path(split, data, root)
    examples = task.load(path)
    if data is None and task.name == "constructiveness":
        examples = [e for e in examples if datasets.fold_of(e.text, datasets.FOLDS) == 0]
    if not examples:
        raise InputError(f"{path} holds no labelled examples for task {task.name}")
    return path, examples


def _scores(task: Task, docs: list[Doc], examples: list[Example], predicted: list[Any]) -> Scores:
    """Sentence scores, or token scores for the word-level task."""
    if task.tokens:
        gold = [gold_tokens(doc, e) for doc, e in zip(docs, examples, strict=True)]
        return binary_scores(_flatten(gold), _flatten(predicted))
    return binary_scores([e.label for e in examples], predicted)


def _predictor(nc: Newscomment, task: Task, method: str) -> Callable[[Doc], Any]:
    """How one parsed example is predicted: by the product's detector or the shipped model."""
    if method == "product":
        if task.name not in PRODUCT:
            raise InputError(f"task {task.name} has no detector in the product to measure")
        return lambda doc: PRODUCT[task.name](nc, doc)
    model = nc.models.get(task.name)
    if isinstance(model, TokenModel):
        return model.predict_tokens
    return lambda doc: int(model.predict([doc])[0])


def evaluate(
    nc: Newscomment,
    name: str,
    split: str | None = None,
    data: Path | None = None,
    method: str = "model",
) -> dict[str, Any]:
    """Measure a task's detector as the product runs it, or its learned model, on its
    data; the figures as plain data.

    The model is measured by the task's protocol: the shipped model on dev or on the 20%
    it never saw, or, for cross-validated tasks, models refitted fold by fold. With
    ``data``, the shipped model (or the rules) is measured on the whole file."""
    task = task_named(name)
    if method == "model" and data is None and task.cross_validated:
        return _cross_validated(nc, task)
    path, examples = _measured_examples(task, split, data, nc.settings.data)
    predict = _predictor(nc, task, method)
    started = time.perf_counter()
    docs = list(nc.nlp.pipe(e.text for e in examples))
    predicted = [predict(doc) for doc in docs]
    seconds = time.perf_counter() - started
    if method == "product":
        protocol = "the detector as newscomment runs it, on every example"
    elif data is not None:
        protocol = "the shipped model on every example of the file"
    else:
        protocol = task.protocol
    return _figures(
        task,
        method,
        path,
        protocol,
        _scores(task, docs, examples, predicted),
        len(examples),
        seconds,
    )


def _cross_validated(nc: Newscomment, task: Task) -> dict[str, Any]:
    """The learned model measured by 5-fold cross-validation, refitted fold by fold."""
    path, examples = _measured_examples(task, None, None, nc.settings.data)
    docs = list(nc.nlp.pipe(e.text for e in examples))
    started = time.perf_counter()
    predicted = training.out_of_fold(task.name, docs, examples)
    seconds = time.perf_counter() - started
    scores = _scores(task, docs, examples, predicted)
    return _figures(task, "model", path, task.protocol, scores, len(examples), seconds)


def _figures(
    task: Task, method: str, path: Path, protocol: str, scores: Scores, count: int, seconds: float
) -> dict[str, Any]:
    """The figures of one measurement, as ``newscomment eval --format json`` prints them."""
    return {
        "task": task.name,
        "detector": task.detector,
        "method": method,
        "data": str(path),
        "protocol": protocol,
        "metric": task.metric,
        **scores.as_dict(),
        "sentences": count,
        "seconds_per_1000_sentences": round(1000 * seconds / count, 2),
        "published_best": task.published,
        "target": task.target,
    }
