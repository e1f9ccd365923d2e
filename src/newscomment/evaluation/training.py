"""Training a task's model: ``train_task`` fits it on the data the task allows, measures
it by the task's protocol (``protocols``), and writes the model with its card (``cards``).
The shipped models in ``newscomment/models`` were made this way. The CLI imports this
module to build its --help, so the training machinery loads inside ``train_task``."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.evaluation import datasets
from newscomment.evaluation.tasks import task_named

if TYPE_CHECKING:
    from newscomment.pipeline import Newscomment


def _sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shown(path: Path, base: Path) -> str:
    """A path as the card shows it: relative to ``base`` when inside it, else as given."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def train_task(
    nc: Newscomment, task: str, data: Path | None, out: Path, tuned: bool = False
) -> dict[str, Any]:
    """Train, measure and save one task's model (``model.json``, its weights and
    ``MODEL_CARD.md`` in ``out``) on ``data``, or on the task's training file in the data
    folder; ``tuned`` fine-tunes the encoder's top layers instead of fitting a linear
    model. Returns the measured scores written into the card."""
    from newscomment.evaluation.cards import write_card
    from newscomment.evaluation.protocols import PROTOCOLS

    spec = task_named(task, nc.settings.encoder, tuned)
    path = spec.path(spec.training_split, data, nc.settings.data)
    started = time.perf_counter()
    model, scores = PROTOCOLS[spec.protocol].train(nc, spec, path)
    nlp = nc.nlp
    command = f"newscomment train {task}" + (f" --data {data}" if data else "")
    command += " --encoder" if nc.settings.encoder else ""
    command += " --finetune" if tuned else ""
    command += f" --out {os.path.relpath(out) if out.is_absolute() else out}"
    model.meta["training"] |= {
        "command": command,
        "data": str(data) if data else _shown(path, datasets.data_root(nc.settings.data)),
        "data_sha256": _sha256(path),
        "pipeline": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "seconds": round(time.perf_counter() - started, 1),
    }
    model.meta["scores"] = scores
    model.meta["license"] = spec.license
    model.save(out)
    write_card(spec, model, scores, out)
    return scores
