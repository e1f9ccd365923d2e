"""Where the learned models come from: a folder of retrained models first (the ``models``
setting), else the ones shipped in ``newscomment/models``; each loaded once. With the
encoder in use (the ``encoder`` setting), a task's shipped model is its ``encoder/``
variant where it has one: the best measured model on the sentence encoder, a linear model
on its frozen vector or its top layers fine-tuned (``tuned``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from newscomment.encoder import INSTALL_HINT, installed
from newscomment.errors import ModelError
from newscomment.extras import require
from newscomment.learned.linear import (
    MODEL_FILE,
    LinearModel,
    TokenModel,
    load_model,
    read_model_json,
)
from newscomment.learned.tuned import FORMAT as TUNED_FORMAT
from newscomment.learned.tuned import TunedModel

Model = LinearModel | TokenModel | TunedModel
SentenceModel = LinearModel | TunedModel

ENCODER_VARIANT = "encoder"
"""The subfolder of a task's shipped model that holds its encoder variant."""


class ModelShelf:
    """The models for each task, looked up in ``folder`` (retrained with ``newscomment
    train``) before the shipped ones."""

    def __init__(self, folder: Path | None = None, encoder: bool = False) -> None:
        self.folder = folder
        self.encoder = encoder
        self._loaded: dict[str, Model] = {}

    def get(self, task: str) -> Model:
        """The model for ``task``, loaded on first use."""
        if task not in self._loaded:
            folder = self._folder_of(task)
            tuned = read_model_json(folder).get("format") == TUNED_FORMAT
            self._loaded[task] = TunedModel.load(folder) if tuned else load_model(folder)
        return self._loaded[task]

    def sentence_model(self, task: str) -> SentenceModel:
        """The sentence model for ``task``; ModelError if the task's model is a token one."""
        model = self.get(task)
        if isinstance(model, TokenModel):
            raise ModelError(f"the {task} model classifies tokens, not sentences")
        return model

    def _folder_of(self, task: str) -> Path:
        """The folder holding ``task``'s model."""
        if self.folder is not None and (self.folder / task / MODEL_FILE).is_file():
            return self.folder / task
        shipped = Path(str(resources.files("newscomment").joinpath("models", task)))
        if self.encoder and (shipped / ENCODER_VARIANT / MODEL_FILE).is_file():
            require_encoder()
            return shipped / ENCODER_VARIANT
        if not (shipped / MODEL_FILE).is_file():
            raise ModelError(f"no shipped model for {task!r}")
        return shipped


def require_encoder() -> None:
    """A one-line error when the encoder is asked for but its runtime (the ``encoder``
    extra) or its weights are not installed."""
    require("encoder", "the encoder setting")
    if not installed():
        raise ModelError(f"the encoder setting needs the encoder's weights; {INSTALL_HINT}")


@cache
def shelf(folder: Path | None = None, encoder: bool = False) -> ModelShelf:
    """The one shelf per folder (and encoder choice) in this process, so models load once
    however many ``Newscomment`` objects share them."""
    return ModelShelf(folder, encoder)
