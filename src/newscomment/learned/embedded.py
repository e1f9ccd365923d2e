"""Sentence and token vectors from the pretrained encoder (or a fine-tuned copy), computed
once per sentence and shared.

One pass of the encoder over a text gives both its sentence vector and, for each of its
tokens, the mean of the last layer's states over the word pieces that overlap the token.
Both are kept in the doc (``user_data``), one table per encoder, so every detector and
model that reads an encoder pays for one pass; the texts of one request that are not yet
encoded go through the encoder in one batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from newscomment.encoder import DIMENSION, Encoded, SentenceEncoder, bundled_encoder
from newscomment.learned.features import Text

CACHE = "newscomment.sentence_vectors"
"""The ``Doc.user_data`` key of a doc's sentence vectors: by encoder name, then by (start,
end) character offsets."""
TOKEN_CACHE = "newscomment.token_vectors"
"""The key of the token vectors of the same texts (tokens × DIMENSION per text), alike."""
PRETRAINED = "pretrained"
"""The name the bundled, frozen encoder's vectors are kept under."""


def _key(text: Text) -> tuple[int, int]:
    """Where a text sits in its doc, in characters."""
    if isinstance(text, Doc):
        return 0, len(text.text)
    return text.start_char, text.end_char


def _table(text: Text, cache: str, name: str) -> dict[tuple[int, int], np.ndarray]:
    """What an encoder has computed for a text's doc so far, in one of the two caches."""
    doc = text if isinstance(text, Doc) else text.doc
    return doc.user_data.setdefault(cache, {}).setdefault(name, {})


def piece_means(text: Text, encoded: Encoded) -> np.ndarray:
    """Each token's vector (tokens × DIMENSION): the mean state of the word pieces whose
    characters overlap it; zero for a token no piece covers (a space, or a token past the
    encoder's length limit)."""
    offset = 0 if isinstance(text, Doc) else text.start_char
    starts = np.asarray([t.idx - offset for t in text])
    ends = starts + np.asarray([len(t.text) for t in text])
    pieces = np.asarray(encoded.offsets, dtype=np.int64).reshape(-1, 2)
    real = pieces[:, 1] > pieces[:, 0]  # the special pieces have empty offsets
    overlap = (
        (pieces[None, :, 0] < ends[:, None]) & (pieces[None, :, 1] > starts[:, None]) & real
    ).astype(np.float32)
    counts = np.maximum(overlap.sum(1, keepdims=True), 1.0)
    return (overlap / counts) @ encoded.states


def _encode_missing(
    texts: Sequence[Text], encoder: SentenceEncoder | None, name: str, cache: str
) -> None:
    """Encode, in one batch, the texts that ``name`` has no entry for in ``cache`` yet."""
    wanted: dict[tuple[int, tuple[int, int]], Text] = {}
    for text in texts:
        if _key(text) not in _table(text, cache, name):
            doc = text if isinstance(text, Doc) else text.doc
            wanted.setdefault((id(doc), _key(text)), text)
    if not wanted:
        return
    encoded = (encoder or bundled_encoder()).encode([text.text for text in wanted.values()])
    for text, result in zip(wanted.values(), encoded, strict=True):
        _table(text, CACHE, name)[_key(text)] = result.vector
        _table(text, TOKEN_CACHE, name)[_key(text)] = piece_means(text, result)


def sentence_vectors(
    texts: Sequence[Text], encoder: SentenceEncoder | None = None, name: str = PRETRAINED
) -> np.ndarray:
    """The unit-length vector of each text (a doc or a span of one), one row each, from
    ``encoder`` (default: the bundled one) whose vectors are kept under ``name``."""
    _encode_missing(texts, encoder, name, CACHE)
    rows = [_table(text, CACHE, name)[_key(text)] for text in texts]
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), DIMENSION)


def token_vectors(
    doc: Doc, encoder: SentenceEncoder | None = None, name: str = PRETRAINED
) -> np.ndarray:
    """A row per token of ``doc`` (tokens × DIMENSION): its pieces' mean state, each
    sentence encoded once (its sentence vector is kept too)."""
    sentences = list(doc.sents)
    _encode_missing(sentences, encoder, name, TOKEN_CACHE)
    rows = [_table(sent, TOKEN_CACHE, name)[_key(sent)] for sent in sentences]
    if not rows:
        return np.zeros((len(doc), DIMENSION), dtype=np.float32)
    return np.concatenate(rows, dtype=np.float32).reshape(len(doc), DIMENSION)
