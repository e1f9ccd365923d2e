"""The parse stage's machinery: which pipeline is loaded, once, and the word check grounding
relies on."""

from __future__ import annotations

import pytest

from newscomment import Newscomment, Settings, resolve
from newscomment.nlp import Dictionary, load_pipeline
from newscomment.settings import DEFAULT_PIPELINE


def test_default_pipeline_is_the_pinned_small_english_model(monkeypatch) -> None:
    monkeypatch.delenv("NEWSCOMMENT_SPACY_MODEL", raising=False)
    assert resolve().pipeline == DEFAULT_PIPELINE
    monkeypatch.setenv("NEWSCOMMENT_SPACY_MODEL", "en_core_web_sm")
    assert resolve().pipeline == "en_core_web_sm"


def test_pipeline_is_loaded_once_with_every_component_the_detectors_use(nc: Newscomment) -> None:
    assert load_pipeline(DEFAULT_PIPELINE) is load_pipeline(DEFAULT_PIPELINE)
    assert nc.nlp is Newscomment(Settings()).nlp
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nc.nlp.pipe_names)


def test_parse_gives_sentences_lemmas_and_entities(nc: Newscomment) -> None:
    doc = nc.nlp("Officials in Berlin said on Monday that talks were continuing. They declined.")
    assert len(list(doc.sents)) == 2
    assert doc[2].lemma_ == "Berlin" or "Berlin" in {e.text for e in doc.ents}
    assert any(t.lemma_ == "say" for t in doc)


@pytest.mark.parametrize("word", ["Hedges", "Named", "Second-hand", "Readers", "The"])
def test_common_words_are_known(dictionary: Dictionary, word: str) -> None:
    assert dictionary.is_common(word)


@pytest.mark.parametrize("word", ["Erdogan", "Zinichev", "Netanyahu"])
def test_names_are_not_common_words(dictionary: Dictionary, word: str) -> None:
    assert not dictionary.is_common(word)
