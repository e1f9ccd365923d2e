"""The model card written beside a trained model: what it predicts, its data and license,
the command that made it, how it measured, and its size."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscomment.encoder import DIMENSION, LICENSE, NAME
from newscomment.learned.linear import INNER_FOLDS, MODEL_FILE, PRECISE, WEIGHTS_FILE
from newscomment.learned.tuned import HEAD_FILE, LAYERS_FILE, TunedModel

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
        unit = "token state (its word pieces' mean)" if model.kind == "token" else "sentence vector"
        parts.append(f"the {DIMENSION}-dimensional {unit} of the frozen encoder {NAME}")
    return " + ".join(parts)


def _encoder_terms(model: Model) -> str:
    """The card's line on the encoder a model reads, if it reads one."""
    if isinstance(model, TunedModel):
        return (
            f"- The encoder it modifies: {NAME}, {LICENSE}, installed from the package "
            "registry (`requirements-encoder.txt`); only the retrained layers are stored "
            "here, as a derivative under the same terms.\n"
        )
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


def _described(task: Task, model: Model) -> str:
    """The card's paragraph on what the model is and how it is stored."""
    training = model.meta["training"]
    if isinstance(model, TunedModel):
        layers = training["tuned_layers"]
        return (
            f"The sentence encoder {NAME} with its layers {layers[0]} to {layers[-1]} "
            f"fine-tuned for the task ({training['epochs']} epochs, learning rate "
            f"{training['learning_rate']}, class-balanced loss; the lower layers frozen) and a "
            f"linear head on its unit {DIMENSION}-dimensional sentence vector, stored as plain "
            f"data: `{MODEL_FILE}` (configuration, bias, threshold), `{HEAD_FILE}` (float32) "
            f"and `{LAYERS_FILE}` (the tuned layers, float16); no pickle, no torch needed to "
            f"run it. The decision threshold is {model.threshold}."
        )
    return (
        f"A class-balanced logistic regression over {type(model.features).__name__} "
        f"({_columns(model)}), stored as plain data: `{MODEL_FILE}` (configuration, "
        f"vocabulary, intercept, threshold) and `{WEIGHTS_FILE}` (float32, no pickle). "
        f"C = {training['C']} was chosen by a {INNER_FOLDS}-fold cross-validation inside the "
        f"training data; {_threshold(task, model)}."
    )


def _sizes(model: Model, out: Path) -> str:
    """The card's list of the model's files and their sizes."""
    if isinstance(model, TunedModel):
        files = {LAYERS_FILE: "the tuned layers, float16", HEAD_FILE: f"{DIMENSION} float32"}
    else:
        files = {WEIGHTS_FILE: f"{len(model.weights)} float32 weights"}
    lines = [
        f"- {name}: {(out / name).stat().st_size / 1024:.1f} KiB ({what})"
        for name, what in files.items()
    ]
    return "\n".join(
        [*lines, f"- {MODEL_FILE}: {(out / MODEL_FILE).stat().st_size / 1024:.1f} KiB"]
    )


def _note(task: Task, model: Model) -> str:
    """The task's note on its scores (it speaks of the linear models), or for a fine-tuned
    model the target alone."""
    if not isinstance(model, TunedModel):
        return task.note
    target = f"{task.target} {task.metric}" if task.target is not None else "none set"
    return f"The project's target for this task: {target}."


def write_card(task: Task, model: Model, scores: dict[str, Any], out: Path) -> None:
    """Write ``MODEL_CARD.md`` into ``out``, beside the model saved there."""
    training = model.meta["training"]
    measured = "\n".join(f"- {k}: {v}" for k, v in scores.items() if k != "protocol")
    card = f"""# {task.name}: learned model card

{task.summary}

{_described(task, model)}

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

{_note(task, model)}

`predict_us_per_text` is the time to featurize and score one text on the training machine,
after the spaCy parse.

## Size
{_sizes(model, out)}
"""
    (out / CARD_FILE).write_text(card, encoding="utf-8")
