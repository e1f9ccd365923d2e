"""Where the learned models come from: a folder of retrained models first (the ``models``
setting), else the ones shipped in ``newscomment/models``; each loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from newscomment.errors import ModelError
from newscomment.learned.linear import MODEL_FILE, LinearModel, TokenModel, load_model


class ModelShelf:
    """The models for each task, looked up in ``folder`` (retrained with ``newscomment
    train``) before the shipped ones."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._loaded: dict[str, LinearModel | TokenModel] = {}

    def get(self, task: str) -> LinearModel | TokenModel:
        """The model for ``task``, loaded on first use."""
        if task not in self._loaded:
            self._loaded[task] = load_model(self._folder_of(task))
        return self._loaded[task]

    def sentence_model(self, task: str) -> LinearModel:
        """The sentence model for ``task``; ModelError if the task's model is a token one."""
        model = self.get(task)
        if not isinstance(model, LinearModel):
            raise ModelError(f"the {task} model classifies tokens, not sentences")
        return model

    def _folder_of(self, task: str) -> Path:
        """The folder holding ``task``'s model."""
        if self.folder is not None and (self.folder / task / MODEL_FILE).is_file():
            return self.folder / task
        shipped = Path(str(resources.files("newscomment").joinpath("models", task)))
        if not (shipped / MODEL_FILE).is_file():
            raise ModelError(f"no shipped model for {task!r}")
        return shipped


@cache
def shelf(folder: Path | None = None) -> ModelShelf:
    """The one shelf per folder in this process, so models load once however many
    ``Newscomment`` objects share them."""
    return ModelShelf(folder)
