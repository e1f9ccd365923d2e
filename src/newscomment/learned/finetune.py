"""Fine-tuning the top layers of all-MiniLM-L6-v2 for a binary sentence task, with torch
on the CPU.

torch is the optional ``train`` extra, imported only inside the functions here, so the
package imports without it. The torch copy of the encoder is a plain composition of torch
modules named like BERT's tensors, so the bundled weights load into it as they are and the
tuned ones come out the same way. The layers below the tuned ones stay frozen: their states
are computed once, before the first epoch, and each step runs only the tuned layers, the
mean pooling over real pieces, the unit length and a linear head (what
``SentenceEncoder.encode`` computes, then a logit). Training leaves a ``TunedModel``:
NumPy arrays that the product runs without torch.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newscomment.encoder import (
    BATCH,
    HEADS,
    bundled_tensors,
    bundled_tokenizer,
    layer_indices,
)
from newscomment.errors import InputError
from newscomment.learned.tuned import TunedModel

if TYPE_CHECKING:
    import torch

TUNED_LAYERS = 3
"""How many of the six layers are retrained (the top ones): on CheckThat! dev, 3 came
within 0.01 macro-F1 of all 6 (0.753 against 0.764) at half the time and size."""
EPOCHS = 3
LEARNING_RATE = 5e-5
"""The usual BERT fine-tuning recipe (3 epochs at 5e-5, batches of 16), fixed before any
dev score was seen."""
BATCH_SIZE = 16
LAYER_NORM_EPS = 1e-12
DROPOUT = 0.1
"""BERT's hidden and attention dropout, on in the tuned layers in training only."""
LOGIT_SCALE = 20.0
"""Training's logit is LOGIT_SCALE · (w · unit vector) + b; the exported head is LOGIT_SCALE · w."""
HEAD_RATE = 20.0
"""The head learns this many times faster than the encoder (it starts from zero)."""
WEIGHT_DECAY = 0.01
"""AdamW's decay, for matrices only (not biases or LayerNorm)."""
WARMUP = 0.1
"""The share of steps over which the learning rate climbs linearly before it decays to 0."""
POOL_BATCHES = 50
"""Batches' worth of shuffled texts sorted by length together, so a batch pads little."""
UNUSED = ("embeddings.position_ids", "pooler.")
"""Tensors of the bundle that the sentence vector does not use."""


@dataclass(frozen=True)
class _Classifier:
    """The torch model in training: the BERT modules, the index of the first tuned layer,
    and the head's weight and bias."""

    bert: torch.nn.ModuleDict
    first: int
    weight: torch.Tensor
    bias: torch.Tensor


def fine_tune(
    task: str,
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    layers: int = TUNED_LAYERS,
    epochs: int = EPOCHS,
    learning_rate: float = LEARNING_RATE,
    batch_size: int = BATCH_SIZE,
    seed: int = 0,
    max_seconds: float | None = None,
) -> TunedModel:
    """Retrain the top ``layers`` encoder layers and a head on texts labelled 0/1
    (class-balanced BCE, AdamW, warmup then linear decay); stop after the batch that
    spends ``max_seconds``."""
    import torch

    started = time.perf_counter()
    targets = _checked_labels(texts, labels)
    pieces = _pieces(texts)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        classifier = _classifier(bundled_tensors(), layers)
        lower = _lower_states(classifier, pieces)
        tuned = classifier.bert["encoder"]["layer"][classifier.first :]
        rng = np.random.default_rng(seed)
        steps = epochs * math.ceil(len(pieces) / batch_size)
        optimizer, schedule = _optimizer(classifier, learning_rate, steps)
        loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=_positive_weight(targets))
        done = 0
        for _ in range(epochs):
            for batch in _batches([len(p) for p in pieces], batch_size, rng):
                x, mask = _padded_states([lower[i] for i in batch])
                vectors = _pooled(_through(tuned, x, mask, DROPOUT), mask)
                logits = LOGIT_SCALE * (vectors @ classifier.weight) + classifier.bias
                loss = loss_of(logits, targets[batch])
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                schedule.step()
                if _spent(started, max_seconds):
                    return _exported(task, classifier, done, started, learning_rate)
            done += 1
    return _exported(task, classifier, done, started, learning_rate)


def torch_vectors(tensors: Mapping[str, np.ndarray], texts: Sequence[str]) -> np.ndarray:
    """The unit sentence vectors torch computes for texts from BERT-named weights (no
    dropout): the reference ``SentenceEncoder.encode`` agrees with."""
    import torch

    bert = _bert(tensors)
    ids, mask = _padded(_pieces(texts))
    with torch.inference_mode():
        states = _through(bert["encoder"]["layer"], _embedded(bert, ids), mask, 0.0)
        return _pooled(states, mask).numpy()


def _checked_labels(texts: Sequence[str], labels: Sequence[int]) -> torch.Tensor:
    """The labels as a float tensor, after checking they are 0/1, one per text, both seen."""
    import torch

    if len(texts) != len(labels):
        raise InputError(f"{len(texts)} texts but {len(labels)} labels to fine-tune on")
    if not set(labels) <= {0, 1} or len(set(labels)) < 2:
        raise InputError("fine-tuning needs labels of 0 and 1, with both present")
    return torch.tensor([float(label) for label in labels])


def _positive_weight(targets: torch.Tensor) -> torch.Tensor:
    """BCE's weight of a positive: negatives over positives, so both classes weigh alike."""
    positives = targets.sum()
    return (len(targets) - positives) / positives


def _pieces(texts: Sequence[str]) -> list[list[int]]:
    """Each text's word-piece ids, cut at MAX_PIECES as the NumPy encoder cuts them."""
    return [encoding.ids for encoding in bundled_tokenizer().encode_batch(list(texts))]


def _padded(pieces: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Piece ids padded to the longest in the batch, and the real-piece mask (float)."""
    import torch

    length = max(len(p) for p in pieces)
    ids = torch.zeros((len(pieces), length), dtype=torch.long)
    mask = torch.zeros((len(pieces), length), dtype=torch.float32)
    for row, p in enumerate(pieces):
        ids[row, : len(p)] = torch.tensor(p, dtype=torch.long)
        mask[row, : len(p)] = 1.0
    return ids, mask


def _batches(lengths: Sequence[int], batch_size: int, rng: np.random.Generator) -> list[list[int]]:
    """One epoch's batches of text indices: shuffled, sorted by length within pools of
    POOL_BATCHES batches, the batches in shuffled order."""
    order = rng.permutation(len(lengths))
    sizes = np.asarray(lengths)
    batches = []
    pool = batch_size * POOL_BATCHES
    for start in range(0, len(order), pool):
        chunk = order[start : start + pool]
        chunk = chunk[np.argsort(sizes[chunk], kind="stable")]
        batches += [chunk[i : i + batch_size].tolist() for i in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def _spent(started: float, max_seconds: float | None) -> bool:
    """Whether the time budget is used up."""
    return max_seconds is not None and time.perf_counter() - started >= max_seconds


def _kept(name: str) -> bool:
    """Whether a bundle tensor is one the sentence vector uses."""
    return not name.startswith(UNUSED)


def _bert(tensors: Mapping[str, np.ndarray]) -> torch.nn.ModuleDict:
    """BERT's embeddings and layers as torch modules under BERT's names, loaded with the
    tensors (a missing or extra tensor is an error)."""
    import torch
    from torch import nn

    vocabulary, width = tensors["embeddings.word_embeddings.weight"].shape
    layers = len({name.split(".")[2] for name in tensors if name.startswith("encoder.layer.")})
    embeddings = {
        "word_embeddings": nn.Embedding(vocabulary, width),
        "position_embeddings": nn.Embedding(
            len(tensors["embeddings.position_embeddings.weight"]), width
        ),
        "token_type_embeddings": nn.Embedding(
            len(tensors["embeddings.token_type_embeddings.weight"]), width
        ),
        "LayerNorm": nn.LayerNorm(width, eps=LAYER_NORM_EPS),
    }
    hidden = len(tensors["encoder.layer.0.intermediate.dense.weight"])
    bert = nn.ModuleDict(
        {
            "embeddings": nn.ModuleDict(embeddings),
            "encoder": nn.ModuleDict(
                {"layer": nn.ModuleList(_bert_layer(width, hidden) for _ in range(layers))}
            ),
        }
    )
    state = {
        name: torch.from_numpy(np.array(array, dtype=np.float32))
        for name, array in tensors.items()
        if _kept(name)
    }
    bert.load_state_dict(state, strict=True)
    return bert


def _bert_layer(width: int, hidden: int) -> torch.nn.ModuleDict:
    """One BERT layer's modules: self-attention, its output, the feed-forward block."""
    from torch import nn

    return nn.ModuleDict(
        {
            "attention": nn.ModuleDict(
                {
                    "self": nn.ModuleDict(
                        {name: nn.Linear(width, width) for name in ("query", "key", "value")}
                    ),
                    "output": nn.ModuleDict(
                        {
                            "dense": nn.Linear(width, width),
                            "LayerNorm": nn.LayerNorm(width, eps=LAYER_NORM_EPS),
                        }
                    ),
                }
            ),
            "intermediate": nn.ModuleDict({"dense": nn.Linear(width, hidden)}),
            "output": nn.ModuleDict(
                {
                    "dense": nn.Linear(hidden, width),
                    "LayerNorm": nn.LayerNorm(width, eps=LAYER_NORM_EPS),
                }
            ),
        }
    )


def _embedded(bert: torch.nn.ModuleDict, ids: torch.Tensor) -> torch.Tensor:
    """The normalised sum of word, position and segment embeddings (batch × length × width)."""
    embeddings = bert["embeddings"]
    x = (
        embeddings["word_embeddings"](ids)
        + embeddings["position_embeddings"].weight[: ids.shape[1]]
        + embeddings["token_type_embeddings"].weight[0]
    )
    return embeddings["LayerNorm"](x)


def _through(
    layers: torch.nn.ModuleList, x: torch.Tensor, mask: torch.Tensor, dropout: float
) -> torch.Tensor:
    """States after a run of BERT layers, padding blocked, with dropout when above 0."""
    blocked = ((1.0 - mask) * -1e4)[:, None, None, :]
    for layer in layers:
        x = _layer(layer, x, blocked, dropout)
    return x


def _lower_states(classifier: _Classifier, pieces: Sequence[Sequence[int]]) -> list[torch.Tensor]:
    """Each text's states below the first tuned layer (length × width), computed once
    without gradients, in length-sorted batches."""
    import torch

    frozen = classifier.bert["encoder"]["layer"][: classifier.first]
    order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
    states: list[torch.Tensor] = [torch.empty(0)] * len(pieces)
    with torch.inference_mode():
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            ids, mask = _padded([pieces[i] for i in chunk])
            x = _through(frozen, _embedded(classifier.bert, ids), mask, 0.0)
            for row, i in enumerate(chunk):
                states[i] = x[row, : len(pieces[i])].clone()
    return states


def _padded_states(states: Sequence[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """Texts' states padded with zeros to the longest, and the real-piece mask (float)."""
    import torch

    length = max(len(s) for s in states)
    x = torch.zeros((len(states), length, states[0].shape[1]))
    mask = torch.zeros((len(states), length))
    for row, s in enumerate(states):
        x[row, : len(s)] = s
        mask[row, : len(s)] = 1.0
    return x, mask


def _layer(
    layer: torch.nn.ModuleDict, x: torch.Tensor, blocked: torch.Tensor, dropout: float
) -> torch.Tensor:
    """One BERT layer: self-attention (padding blocked) and the exact-GELU feed-forward
    block, each added back and layer-normalised."""
    from torch.nn import functional

    batch, length, width = x.shape
    attention = layer["attention"]

    def heads(name: str) -> torch.Tensor:
        return attention["self"][name](x).view(batch, length, HEADS, -1).transpose(1, 2)

    context = functional.scaled_dot_product_attention(
        heads("query"), heads("key"), heads("value"), attn_mask=blocked, dropout_p=dropout
    )
    context = context.transpose(1, 2).reshape(batch, length, width)
    attended = functional.dropout(attention["output"]["dense"](context), dropout, dropout > 0)
    x = attention["output"]["LayerNorm"](x + attended)
    hidden = functional.gelu(layer["intermediate"]["dense"](x))
    fed = functional.dropout(layer["output"]["dense"](hidden), dropout, dropout > 0)
    return layer["output"]["LayerNorm"](x + fed)


def _pooled(states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The mean of the real pieces' states, scaled to unit length (as encoder.py does)."""
    summed = (states * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp_min(1.0)
    return summed / summed.norm(dim=1, keepdim=True).clamp_min(1e-12)


def _classifier(tensors: Mapping[str, np.ndarray], layers: int) -> _Classifier:
    """The pretrained BERT, frozen but for its top ``layers`` layers, with a zero head."""
    import torch

    bert = _bert(tensors)
    stack = bert["encoder"]["layer"]
    if not 1 <= layers <= len(stack):
        raise InputError(f"can tune 1 to {len(stack)} layers, not {layers}")
    first = len(stack) - layers
    for name, parameter in bert.named_parameters():
        parameter.requires_grad_(name.startswith("encoder.layer.") and _index(name) >= first)
    width = bert["embeddings"]["word_embeddings"].embedding_dim
    return _Classifier(
        bert, first, torch.zeros(width, requires_grad=True), torch.zeros(1, requires_grad=True)
    )


def _index(name: str) -> int:
    """The layer index in a BERT tensor name (``encoder.layer.3.…`` gives 3)."""
    return int(name.split(".")[2])


def _optimizer(
    classifier: _Classifier, learning_rate: float, steps: int
) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW over the tuned layers and the head (fused; matrices decayed, the head HEAD_RATE
    times faster) and its schedule: linear warmup over WARMUP of the steps, then linear
    decay to 0."""
    import torch

    parameters = [p for p in classifier.bert.parameters() if p.requires_grad]
    groups = [
        {"params": [p for p in parameters if p.dim() > 1], "weight_decay": WEIGHT_DECAY},
        {"params": [p for p in parameters if p.dim() <= 1], "weight_decay": 0.0},
        {
            "params": [classifier.weight, classifier.bias],
            "weight_decay": 0.0,
            "lr": learning_rate * HEAD_RATE,
        },
    ]
    optimizer = torch.optim.AdamW(groups, lr=learning_rate, fused=True)
    warmup = max(1, round(WARMUP * steps))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (steps - step) / max(1, steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _exported(
    task: str, classifier: _Classifier, epochs: int, started: float, learning_rate: float
) -> TunedModel:
    """The tuned layers and the head as NumPy (the scale folded into the head), with the
    training's settings noted."""
    tensors = {
        name: tensor.detach().numpy().copy()
        for name, tensor in classifier.bert.state_dict().items()
        if name.startswith("encoder.layer.") and _index(name) >= classifier.first
    }
    head = (LOGIT_SCALE * classifier.weight.detach()).numpy().astype(np.float32)
    tuned = sorted(layer_indices(tensors))
    training = {
        "tuned_layers": tuned,
        "epochs": epochs,
        "learning_rate": learning_rate,
        "fine_tune_seconds": round(time.perf_counter() - started, 1),
    }
    return TunedModel(
        task, tensors, head, float(classifier.bias.detach()[0]), 0.5, {"training": training}
    )
