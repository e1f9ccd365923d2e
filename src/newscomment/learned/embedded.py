"""Sentence vectors from the pretrained encoder (or a fine-tuned copy), computed once per
sentence and shared.

The vectors of a doc's sentences are kept in the doc (``user_data``), one table per
encoder, so every detector and model that reads an encoder's vectors pays for one pass;
the texts of one request that are not yet encoded go through the encoder in one batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from newscomment.encoder import DIMENSION, SentenceEncoder, bundled_encoder
from newscomment.learned.features import Text

CACHE = "newscomment.sentence_vectors"
"""The ``Doc.user_data`` key of a doc's vectors: by encoder name, then by (start, end)
character offsets."""
PRETRAINED = "pretrained"
"""The name the bundled, frozen encoder's vectors are kept under."""


def _key(text: Text) -> tuple[int, int]:
    """Where a text sits in its doc, in characters."""
    if isinstance(text, Doc):
        return 0, len(text.text)
    return text.start_char, text.end_char


def _table(text: Text, name: str) -> dict[tuple[int, int], np.ndarray]:
    """The vectors an encoder has computed for a text's doc so far."""
    doc = text if isinstance(text, Doc) else text.doc
    return doc.user_data.setdefault(CACHE, {}).setdefault(name, {})


def sentence_vectors(
    texts: Sequence[Text], encoder: SentenceEncoder | None = None, name: str = PRETRAINED
) -> np.ndarray:
    """The unit-length vector of each text (a doc or a span of one), one row each, from
    ``encoder`` (default: the bundled one) whose vectors are kept under ``name``; the texts
    not yet encoded are encoded together, once."""
    wanted: dict[tuple[int, tuple[int, int]], Text] = {}
    for text in texts:
        if _key(text) not in _table(text, name):
            doc = text if isinstance(text, Doc) else text.doc
            wanted.setdefault((id(doc), _key(text)), text)
    if wanted:
        encoded = (encoder or bundled_encoder()).encode([text.text for text in wanted.values()])
        for text, result in zip(wanted.values(), encoded, strict=True):
            _table(text, name)[_key(text)] = result.vector
    rows = [_table(text, name)[_key(text)] for text in texts]
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), DIMENSION)
