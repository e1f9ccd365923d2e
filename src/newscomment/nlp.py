"""The parse stage's machinery: spaCy pipelines, loaded once per process and name, and the
dictionary of ordinary English words that the grounding check tells names from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from newscomment.errors import ModelError
from newscomment.settings import describe

INFLECTIONS = (
    ("ies", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("ly", ("",)),
    ("er", ("", "e")),
)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline once per process; every detector uses tagger, parser, lemmas
    and entities, so none is disabled."""
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise _missing_pipeline(name) from exc


def require_pipeline(name: str) -> None:
    """Fail early, without loading it, when a pipeline is neither installed nor a folder
    (a server checks this before starting worker processes that would each fail)."""
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise _missing_pipeline(name)


def _missing_pipeline(name: str) -> ModelError:
    """The one-line error for a pipeline that cannot be loaded, saying how to fix it."""
    return ModelError(
        f"cannot load the spaCy pipeline {name!r}; install it with `make install` "
        f"or set {describe('pipeline')} to an installed English pipeline",
        settings=("pipeline",),
    )


@dataclass(frozen=True, slots=True)
class Dictionary:
    """English words a pipeline's lemmatizer knows (its lemma index), to tell ordinary
    words from names."""

    words: frozenset[str]

    def is_common(self, word: str) -> bool:
        """Whether a capitalised word is ordinary English (a stop word or a dictionary
        lemma); a hyphenated word when each of its parts is."""
        return all(
            part in STOP_WORDS or any(stem in self.words for stem in _stems(part))
            for part in word.lower().split("-")
        )


@lru_cache(maxsize=4)
def dictionary(name: str) -> Dictionary:
    """The dictionary of the pipeline called ``name``, built once per process."""
    lemmatizer = load_pipeline(name).get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return Dictionary(frozenset(word for words in index.values() for word in words))


def _stems(word: str) -> set[str]:
    """The word and what it could be inflected from ("named" -> "name", "hedges" -> "hedge")."""
    stems = {word}
    for suffix, replacements in INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems |= {word[: -len(suffix)] + r for r in replacements}
    return stems
