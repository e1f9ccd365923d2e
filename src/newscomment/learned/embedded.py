"""Sentence vectors from the pretrained encoder, computed once per sentence and shared.

The vectors of a doc's sentences are kept in the doc (``user_data``), so every detector
and model that reads them pays for one encoder pass; the first request for any sentence
of a doc encodes all its sentences in one batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from newscomment.encoder import DIMENSION, bundled_encoder
from newscomment.learned.features import Text

CACHE = "newscomment.sentence_vectors"
"""The ``Doc.user_data`` key of a doc's vectors, by (start, end) character offsets."""


def _key(text: Text) -> tuple[int, int]:
    """Where a text sits in its doc, in characters."""
    if isinstance(text, Doc):
        return 0, len(text.text)
    return text.start_char, text.end_char


def sentence_vectors(texts: Sequence[Text]) -> np.ndarray:
    """The unit-length encoder vector of each text (a doc or a span of one), one row each;
    texts not yet encoded are encoded together with the other sentences of their docs."""
    wanted: dict[tuple[int, tuple[int, int]], tuple[Doc, str]] = {}
    for text in texts:
        doc = text if isinstance(text, Doc) else text.doc
        cache = doc.user_data.setdefault(CACHE, {})
        if _key(text) in cache:
            continue
        wanted[id(doc), _key(text)] = (doc, text.text)
        for sentence in doc.sents:
            if _key(sentence) not in cache:
                wanted.setdefault((id(doc), _key(sentence)), (doc, sentence.text))
    if wanted:
        encoded = bundled_encoder().encode([text for _, text in wanted.values()])
        for ((_, key), (doc, _)), result in zip(wanted.items(), encoded, strict=True):
            doc.user_data[CACHE][key] = result.vector
    rows = [
        (text if isinstance(text, Doc) else text.doc).user_data[CACHE][_key(text)] for text in texts
    ]
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), DIMENSION)
