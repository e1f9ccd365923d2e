"""The model card written beside a trained model: what it predicts, its data and license,
the command that made it, how it measured, and its size."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.encoder import DIMENSION, LICENSE, NAME
from newscomment.learned.linear import INNER_FOLDS, MODEL_FILE, PRECISE, WEIGHTS_FILE

if TYPE_CHECKING:
    from newscomment.evaluation.protocols import Model
    from newscomment.evaluation.tasks import Task

CARD_FILE = "MODEL_CARD.md"


def _columns(model: Model) -> str:
    """The card's words for a model's columns."""
    features = model.features
    parts = [f"{len(features.vocabulary)} indicator features"] if features.vocabulary else []
    parts += ["dense cues"] if features.rich else []
    if getattr(features, "encoder", False):
        parts.append(f"the {DIMENSION}-dimensional sentence vector of the frozen encoder {NAME}")
    return " + ".join(parts)


def _encoder_terms(model: Model) -> str:
    """The card's line on the encoder a model reads, if it reads one."""
    if not getattr(model.features, "encoder", False):
        return ""
    return (
        f"- The encoder it reads: {NAME}, {LICENSE}, installed from the package registry "
        "(`requirements-encoder.txt`), not stored here.\n"
    )


def _precise(model: Model) -> str:
    """The card's line on the threshold at which the model may decide alone."""
    precise = model.own_say_threshold
    if precise is None:
        return ""
    return (
        f"- Own-say threshold: {precise} (the lowest at which the inner cross-validation's "
        f"held-out precision reached {PRECISE}); the opinion detector lets the subjectivity "
        "model decide alone at or above its own.\n"
    )


def _threshold(task: Task, model: Model) -> str:
    """The card's words for how the decision threshold was set."""
    if task.tune_threshold:
        return f"the decision threshold ({model.threshold}) was tuned by the same cross-validation"
    return "the decision threshold is 0.5"


def write_card(task: Task, model: Model, scores: dict[str, Any], out: Path) -> None:
    """Write ``MODEL_CARD.md`` into ``out``, beside the model saved there."""
    training = model.meta["training"]
    weights_kb = (out / WEIGHTS_FILE).stat().st_size / 1024
    json_kb = (out / MODEL_FILE).stat().st_size / 1024
    measured = "\n".join(f"- {k}: {v}" for k, v in scores.items() if k != "protocol")
    card = f"""# {task.name}: learned model card

{task.summary}

A class-balanced logistic regression over {type(model.features).__name__} \
({_columns(model)}), stored as plain data: `model.json` (configuration, vocabulary, \
intercept, threshold) and `weights.npy` (float32, no pickle). C = {training["C"]} was chosen \
by a {INNER_FOLDS}-fold cross-validation inside the training data; {_threshold(task, model)}.

## Data and license
- Trained on: `{training["data"]}` from the shared data folder (not part of this package),
  SHA-256 `{training["data_sha256"]}`.
- Citation: {task.citation}
- License of this model: {task.license}
{_encoder_terms(model)}
## Training
- Command: `{training["command"]}`
- spaCy pipeline used for parsing: {training["pipeline"]}
- Time: {training["seconds"]} s on the training machine, measurement included.
{_precise(model)}
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
    (out / CARD_FILE).write_text(card, encoding="utf-8")
