"""Fixtures of the learned-model tests: a small parsed sample of the shared data and a
sentence model fitted on it once."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from newscomment import Newscomment
from newscomment.evaluation import datasets
from newscomment.evaluation.datasets import Example
from newscomment.learned.features import SentenceFeatures
from newscomment.learned.linear import LinearModel


@pytest.fixture(scope="session")
def data(nc: Newscomment) -> Path:
    """The shared data folder beside the checkout (CI has it; its absence is a failure)."""
    return datasets.data_root(nc.settings.data)


def _balanced(examples: list[Example], per_label: int) -> list[Example]:
    """The first ``per_label`` examples of each label."""
    return [e for e in examples if e.label == 1][:per_label] + [
        e for e in examples if e.label == 0
    ][:per_label]


@pytest.fixture(scope="session")
def sentences(nc: Newscomment, data: Path) -> tuple[list[Doc], list[int]]:
    """Two dozen subjective and two dozen objective CheckThat! training sentences, parsed."""
    examples = _balanced(datasets.checkthat(data / datasets.CHECKTHAT / "train_en.tsv"), 24)
    return list(nc.nlp.pipe(e.text for e in examples)), [e.label for e in examples]


@pytest.fixture(scope="session")
def sentence_model(sentences: tuple[list[Doc], list[int]]) -> LinearModel:
    """A sentence model fitted on the small sample."""
    docs, labels = sentences
    return LinearModel("subjectivity", SentenceFeatures(rich_weight=0.1)).fit(docs, labels)
