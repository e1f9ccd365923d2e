"""The measurement tasks: which data, which protocol, which metric, which detector, and
the best published score to compare with. ``evaluate`` runs one task end to end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newscomment.analysis import detect_all
from newscomment.errors import InputError
from newscomment.nlp import load_pipeline
from newscomment.quality import datasets
from newscomment.quality.datasets import Example
from newscomment.quality.metrics import Scores, binary_scores


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

    def path(self, split: str | None, data: Path | None) -> Path:
        """The file to read: ``--data`` if given, else the split's file in the shared data."""
        if data is not None:
            return data
        split = split or next(iter(self.files))
        if split not in self.files:
            raise InputError(
                f"task {self.name} has no split {split!r}; use {', '.join(self.files)}"
            )
        return datasets.data_root() / self.folder / self.files[split]


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
            "5-fold cross-validation on babe_sg2_train",
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
            "5-fold cross-validation on babe_sg2_train",
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
            "5-fold cross-validation on babe_sg2_train",
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


def _has(kind: str) -> Callable[[Doc], bool]:
    """A rule predictor: does the full detector chain find a ``kind`` in the sentence?"""
    return lambda doc: any(f.kind == kind for f in detect_all(doc, None))


def _loaded_tokens(doc: Doc) -> list[bool]:
    """Per token: is it inside a loaded-language finding?"""
    spans = [(f.span.start, f.span.end) for f in detect_all(doc, None) if f.kind == "loaded"]
    return [any(a <= t.idx < b for a, b in spans) for t in doc]


def gold_tokens(doc: Doc, example: Example) -> list[bool]:
    """Per token: did annotators mark this word as biased?"""
    marked = {w.lower() for w in example.words}
    return [t.lower_ in marked for t in doc]


RULES: dict[str, Callable[[Doc], Any]] = {
    "subjectivity": _has("opinion"),
    "babe-opinion": _has("opinion"),
    "bias": _has("loaded"),
    "bias-words": _loaded_tokens,
}


def _flatten(rows: list[list[bool]]) -> list[bool]:
    """All tokens of all sentences in one list."""
    return [value for row in rows for value in row]


def evaluate(name: str, split: str | None = None, data: Path | None = None) -> dict[str, Any]:
    """Measure the product's detector for a task on its data; the figures as plain data."""
    task = task_named(name)
    if name not in RULES:
        raise InputError(f"task {name} has no rule-based detector to measure")
    path = task.path(split, data)
    examples = task.load(path)
    if not examples:
        raise InputError(f"{path} holds no labelled examples for task {name}")
    started = time.perf_counter()
    docs = list(load_pipeline().pipe(e.text for e in examples))
    predict = RULES[name]
    predicted = [predict(doc) for doc in docs]
    seconds = time.perf_counter() - started
    if task.tokens:
        gold = [gold_tokens(doc, e) for doc, e in zip(docs, examples, strict=True)]
        scores: Scores = binary_scores(_flatten(gold), _flatten(predicted))
    else:
        scores = binary_scores([e.label for e in examples], predicted)
    return {
        "task": name,
        "detector": task.detector,
        "method": "rules",
        "data": str(path),
        "protocol": "rules need no training: every example measured",
        "metric": task.metric,
        **scores.as_dict(),
        "sentences": len(examples),
        "seconds_per_1000_sentences": round(1000 * seconds / len(examples), 2),
        "published_best": task.published,
        "target": task.target,
    }
