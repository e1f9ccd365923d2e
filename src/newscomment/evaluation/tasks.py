"""The one table of tasks: for each, the data, the protocol and metric its learned model is
measured by, the best published score, the product detector it stands for, and what its
model card says. ``newscomment eval`` measures a task with ``evaluate``; ``newscomment
train`` trains one from the same table (``training.train_task``).

The CLI builds its --help from ``TASKS``, so this module imports nothing heavy: spaCy,
scikit-learn and the detectors load inside ``evaluate``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.errors import InputError
from newscomment.evaluation import datasets
from newscomment.evaluation.datasets import Example
from newscomment.extras import require

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newscomment.learned.metrics import Scores
    from newscomment.pipeline import Newscomment

TRAIN_WHERE = (
    " in an environment of its own (make train-env), since torch beside spaCy grows every process"
)
"""Where the ``train`` extra goes: thinc imports torch whenever it is installed."""
METHODS = ("model", "product")
"""What ``evaluate`` measures: the learned model by the task's protocol, or the detector as
the product runs it."""
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
BABE_CITATION = (
    "Spinde et al. 2021, Neural Media Bias Detection Using Distant Supervision With "
    "BABE, Findings of EMNLP 2021."
)


@dataclass(frozen=True, slots=True)
class Task:
    """One task: its data, how its model is measured and trained, and what to compare with."""

    name: str
    detector: str
    """The product's detector this task measures, in words."""
    finding: str | None
    """The finding kind that detector reports (None: the product has no such detector)."""
    summary: str
    """The question the model answers (the first line of its card)."""
    folder: str
    """The dataset's folder in the data folder (the ``data`` setting)."""
    files: dict[str, str]
    """Each split's file in ``folder``; the first is what ``evaluate`` reads by default."""
    load: Callable[[Path], list[Example]]
    protocol: str
    """How the model is measured: a name in ``protocols.PROTOCOLS``."""
    metric: str
    """The figure the literature reports (a ``Scores`` field)."""
    published: str
    target: float | None
    license: str
    """The license of a model trained on the data."""
    citation: str
    note: str
    """What the card says about the scores: the target and what stands in the way."""
    features: dict[str, Any] = field(default_factory=dict)
    """The featurizer's configuration (``SentenceFeatures`` or ``TokenFeatures`` fields)."""
    tune_threshold: bool = False
    tokens: bool = False
    """Whether the task is scored per token (the biased words) rather than per sentence."""
    tuned: bool = False
    """Whether the model is the encoder's top layers fine-tuned with a head
    (``learned.finetune``) rather than a linear model over ``features``."""

    @property
    def training_split(self) -> str:
        """The split a model is trained on: "train", or the only one."""
        return "train" if "train" in self.files else next(iter(self.files))

    def path(self, split: str | None, data: Path | None, root: Path | None = None) -> Path:
        """The file to read: ``data`` if given, else the split's file (default: the first)
        in the data folder ``root``."""
        if data is not None:
            return data
        split = split or next(iter(self.files))
        if split not in self.files:
            raise InputError(
                f"task {self.name} has no split {split!r}; use {', '.join(self.files)}"
            )
        return datasets.data_root(root) / self.folder / self.files[split]


_babe = partial(
    Task,
    folder=datasets.BABE,
    files={"train": "babe_sg2_train.csv"},
    protocol="cv",
    license=BABE_LICENSE,
    citation=BABE_CITATION,
)
"""A task on the BABE file: cross-validated, under its license and citation."""

TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task(
            name="subjectivity",
            detector="opinion",
            finding="opinion",
            summary="Is a news sentence subjective (SUBJ = 1) or objective (OBJ = 0)?",
            folder=datasets.CHECKTHAT,
            files={"dev": "dev_en.tsv", "train": "train_en.tsv"},
            load=datasets.checkthat,
            protocol="dev",
            metric="macro_f1",
            published="0.77 macro-F1 on the CT2023 test (inside dev): Gpachov, GroNLP; "
            "0.744 on the CT2024 test: HYBRINFOX",
            target=0.78,
            license=CHECKTHAT_LICENSE,
            citation="Antici et al. 2023, A Corpus for Sentence-level Subjectivity Detection on "
            "English News Articles (CheckThat! 2023-2025 Task on subjectivity, English).",
            note="Below the project's target of 0.78 macro-F1 on dev (the best CheckThat! 2023 "
            "systems, fine-tuned transformers): a linear model on 830 training sentences "
            "plateaus near 0.68, and dev holds more subjective sentences (52%) than train (36%).",
            features={"rich_weight": 0.1},
        ),
        _babe(
            name="bias",
            detector="loaded (sentence level)",
            finding="loaded",
            summary="Is a news sentence biased (BABE label_bias: Biased = 1, Non-biased = 0)?",
            load=datasets.babe_bias,
            metric="macro_f1",
            published="0.804 macro-F1: Spinde et al. 2021 (BERT pre-trained on distant labels); "
            "0.814: DA-RoBERTa (5-fold CV)",
            target=0.81,
            note="Below the project's target of 0.81 macro-F1 (0.804 and 0.814 published, "
            "transformers pre-trained on distant labels or news): word n-grams from 2,903 "
            "sentences miss the biased words they have not seen.",
            features={"rich_weight": 0.3},
        ),
        _babe(
            name="bias-words",
            detector="loaded (word level)",
            finding="loaded",
            summary="Is a token one of the words BABE's annotators marked as biased?",
            load=datasets.babe_bias,
            metric="f1",
            published="no published token-level score",
            target=0.50,
            note="Gold is by word form: every occurrence of an annotated word in its sentence "
            "counts, and annotated words that are no single spaCy token (hyphenated "
            "compounds: gold_words_unmatched) cannot be found.",
            tune_threshold=True,
            tokens=True,
        ),
        _babe(
            name="babe-opinion",
            detector="opinion",
            finding="opinion",
            summary="Does a news sentence carry the writer's opinion (BABE label_opinion: "
            "somewhat or entirely = 1, entirely factual = 0)?",
            load=datasets.babe_opinion,
            metric="macro_f1",
            published="no published score for this binary split",
            target=0.82,
            note="No published score for this binary reading of label_opinion; the project's "
            "target is 0.82 macro-F1.",
            features={"rich_weight": 0.1},
        ),
        Task(
            name="constructiveness",
            detector="comment-quality judge",
            finding=None,
            summary="Is a reader comment constructive (SFU CTC is_constructive: yes = 1, no = 0)?",
            folder=datasets.SFU,
            files={"all": "SFU_constructiveness_toxicity.csv"},
            load=datasets.sfu,
            protocol="holdout",
            metric="accuracy",
            published="no published score found; target 0.85 accuracy",
            target=0.85,
            license=SFU_LICENSE,
            citation="Kolhatkar and Taboada 2017, Constructive language in news comments, "
            "Proceedings of the 1st Workshop on Abusive Language Online.",
            note="Meets the project's target of 0.85 accuracy with the dense cues alone "
            "(length, parts of speech, lexicon hits), no n-grams.",
            features={"ngrams": False},
        ),
    )
}


def task_named(name: str, encoder: bool = False, tuned: bool = False) -> Task:
    """The task called ``name``, or a one-line error listing the tasks; with ``encoder``,
    its variant whose features add the pretrained encoder's sentence (or token) vector; with
    ``tuned``, its variant that fine-tunes the encoder's top layers instead."""
    if name not in TASKS:
        raise InputError(f"unknown task {name!r}; choose one of {', '.join(TASKS)}")
    task = TASKS[name]
    if not (encoder or tuned):
        return task
    if task.tokens and tuned:
        raise InputError(
            f"task {name} is scored per token; fine-tuning trains sentence models only "
            "(its encoder variant is --encoder, without --finetune)"
        )
    if tuned:
        require("train", "fine-tuning", TRAIN_WHERE)
    return replace(task, features={**task.features, "encoder": True}, tuned=tuned)


def evaluate(
    nc: Newscomment,
    name: str,
    split: str | None = None,
    data: Path | None = None,
    method: str = "model",
    refit: bool = False,
    tuned: bool = False,
) -> dict[str, Any]:
    """Measure a task's learned model, or its detector as the product runs it, on its data;
    the figures as plain data.

    The model is measured by the task's protocol: the shipped model on dev or on the 20%
    it never saw, or, for cross-validated tasks, models refitted fold by fold. With
    ``refit``, the model is trained anew by the protocol rather than read from the shelf;
    ``tuned`` measures (and so refits) the fine-tuned variant. With ``data``, the shipped
    model (or the detector) is measured on the whole file."""
    from newscomment.evaluation import protocols

    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    modelled = method == "model"
    if (refit or tuned) and (data is not None or not modelled):
        raise InputError(
            "refitting and fine-tuning train by the task's protocol on its own data; "
            "they measure the model, without --data"
        )
    task = task_named(name, nc.settings.encoder and modelled, tuned and modelled)
    if method == "product" and task.finding is None:
        raise InputError(f"task {task.name} has no detector in the product to measure")
    refitted = modelled and data is None and (task.protocol == "cv" or refit or task.tuned)
    folded = refitted and task.protocol == "cv"
    path = task.path(None if folded else split, data, nc.settings.data)
    examples = task.load(path)
    if data is None and task.protocol == "holdout":
        examples = protocols.holdout(examples)[1]
    if not examples:
        raise InputError(f"{path} holds no labelled examples for task {task.name}")
    started = time.perf_counter()
    docs = protocols.parse(nc, examples)
    if folded:
        predicted = protocols.out_of_fold(task, docs, examples).predicted
    elif method == "product":
        predicted = _found(nc, task, docs)
    else:
        model = protocols.fitted(nc, task, nc.settings.data) if refitted else None
        predicted = list((model or nc.models.get(task.name)).predict(docs))
    seconds = time.perf_counter() - started
    if method == "product":
        protocol = "the detector as newscomment runs it, on every example"
    elif data is not None:
        protocol = "the shipped model on every example of the file"
    else:
        protocol = protocols.described(task) + (", trained anew" if refitted and not folded else "")
    scores = protocols.scores(task, docs, examples, predicted)
    return _figures(task, method, path, protocol, scores, len(examples), seconds)


def _found(nc: Newscomment, task: Task, docs: list[Doc]) -> list[Any]:
    """The product's answer for each doc: does the detector chain report a finding of the
    task's kind in the sentence, or, per token, is the token inside one?"""
    from newscomment.detectors import detect_all

    predicted: list[Any] = []
    for doc in docs:
        found = [f for f in detect_all(doc, None, nc.models) if f.kind == task.finding]
        if task.tokens:
            spans = [(f.span.start, f.span.end) for f in found if f.span]
            predicted.append([any(a <= t.idx < b for a, b in spans) for t in doc])
        else:
            predicted.append(bool(found))
    return predicted


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
