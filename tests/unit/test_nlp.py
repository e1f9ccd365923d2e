"""The parse stage: which pipeline is loaded, once, and the word check grounding relies on."""

from __future__ import annotations

import pytest

from newscomment.nlp import (
    DEFAULT_PIPELINE,
    PIPELINE_ENV,
    is_common_word,
    load_pipeline,
    parse,
    pipeline_name,
)


def test_default_pipeline_is_the_pinned_small_english_model(monkeypatch) -> None:
    monkeypatch.delenv(PIPELINE_ENV, raising=False)
    assert pipeline_name() == DEFAULT_PIPELINE
    monkeypatch.setenv(PIPELINE_ENV, "en_core_web_sm")
    assert pipeline_name() == "en_core_web_sm"


def test_pipeline_is_loaded_once_with_every_component_the_detectors_use() -> None:
    assert load_pipeline() is load_pipeline()
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(load_pipeline().pipe_names)


def test_parse_gives_sentences_lemmas_and_entities() -> None:
    doc = parse("Officials in Berlin said on Monday that talks were continuing. They declined.")
    assert len(list(doc.sents)) == 2
    assert doc[2].lemma_ == "Berlin" or "Berlin" in {e.text for e in doc.ents}
    assert any(t.lemma_ == "say" for t in doc)


@pytest.mark.parametrize("word", ["Hedges", "Named", "Second-hand", "Readers", "The"])
def test_common_words_are_known(word: str) -> None:
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["Erdogan", "Zinichev", "Netanyahu"])
def test_names_are_not_common_words(word: str) -> None:
    assert not is_common_word(word)
