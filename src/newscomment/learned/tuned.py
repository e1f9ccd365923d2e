"""A sentence classifier on a fine-tuned copy of the encoder, run in NumPy with no
training stack: ``model.json``, ``head.npy`` and ``layers.safetensors``.

Fine-tuning (``learned.finetune``, the ``train`` extra) retrains the top layers of the
bundled encoder and a linear head on its unit sentence vector. Only those layers are
stored (float16, a few MB), so the model is the registry package's encoder with its top
layers replaced; the logistic function of ``head · vector + bias`` is its probability.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from newscomment.encoder import (
    DIMENSION,
    SentenceEncoder,
    bundled_tensors,
    bundled_tokenizer,
    layer_indices,
    read_safetensors,
    write_safetensors,
)
from newscomment.errors import ModelError
from newscomment.learned.features import Text
from newscomment.learned.linear import MODEL_FILE, read_model_json

FORMAT = "newscomment-tuned/1"
HEAD_FILE = "head.npy"
LAYERS_FILE = "layers.safetensors"
RESERVED = ("format", "kind", "task", "bias", "threshold", "head", "layers")
"""The keys of ``model.json`` that are the model itself; the others are its notes."""


@dataclass(eq=False)
class TunedModel:
    """The top encoder layers fine-tuned for a task (``layers``, by BERT name) and a
    head on the resulting unit sentence vector."""

    kind: ClassVar[str] = "tuned"
    task: str
    layers: Mapping[str, np.ndarray]
    head: np.ndarray
    bias: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def encoder(self) -> SentenceEncoder:
        """The bundled encoder's weights with this model's layers in place of its own
        (the others are views of the installed weights, not copies)."""
        return SentenceEncoder({**bundled_tensors(), **self.layers}, bundled_tokenizer())

    own_say_threshold: ClassVar[float | None] = None
    """A fine-tuned model never decides alone: at the threshold where its precision on
    CheckThat! dev reached 0.85, its opinion calls on whole news articles fell to 0.77."""

    def predict_proba(self, docs: Sequence[Text]) -> np.ndarray:
        """The probability of the positive class for each doc or sentence (its vector is
        computed once per doc, under the task's name)."""
        from newscomment.learned.embedded import sentence_vectors

        if not docs:
            return np.zeros(0)
        vectors = sentence_vectors(docs, self.encoder, f"tuned:{self.task}")
        scores = vectors.astype(np.float64) @ self.head + self.bias
        return 1.0 / (1.0 + np.exp(-scores))

    def predict(self, docs: Sequence[Text]) -> np.ndarray:
        """0/1 for each doc, at the stored threshold."""
        return (self.predict_proba(docs) >= self.threshold).astype(int)

    def save(self, folder: Path) -> None:
        """Write ``model.json`` (plain JSON), ``head.npy`` (float32, no pickle) and the
        tuned layers as float16 ``layers.safetensors``."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / HEAD_FILE, np.asarray(self.head, dtype=np.float32), allow_pickle=False)
        halves = {name: np.asarray(a, dtype=np.float16) for name, a in self.layers.items()}
        write_safetensors(halves, folder / LAYERS_FILE)
        data = {
            "format": FORMAT,
            "kind": self.kind,
            "task": self.task,
            "bias": self.bias,
            "threshold": self.threshold,
            "head": {"file": HEAD_FILE, "dtype": "float32", "shape": [DIMENSION]},
            "layers": {"file": LAYERS_FILE, "indices": sorted(layer_indices(self.layers))},
            **self.meta,
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        (folder / MODEL_FILE).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TunedModel:
        """Read a model saved by ``save``; a missing, foreign or damaged one is a ModelError."""
        data = read_model_json(folder)
        if data.get("format") != FORMAT:
            raise ModelError(f"{folder / MODEL_FILE} is not a {FORMAT} model")
        try:
            head = np.load(folder / HEAD_FILE, allow_pickle=False)
            layers = read_safetensors((folder / LAYERS_FILE).read_bytes())
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the tuned model in {folder}: {exc}") from None
        if head.dtype != np.float32 or head.shape != (DIMENSION,):
            raise ModelError(f"{folder / HEAD_FILE} is not a head of {DIMENSION} float32 weights")
        try:
            model = cls(data["task"], layers, head, float(data["bias"]), data["threshold"])
        except KeyError as exc:
            raise ModelError(f"{folder / MODEL_FILE} lacks {exc}") from None
        model.meta = {k: v for k, v in data.items() if k not in RESERVED}
        return model
