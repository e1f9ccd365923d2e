"""Which language a text is in, with a calibrated probability, from py3langid's bundled model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 20_000
"""Only this much of a text is classified: more does not change the verdict, only the time."""

ENGLISH_VARIETIES = frozenset({"en", "pcm"})
"""Codes we read as English: py3langid puts some plain English news near Nigerian Pidgin."""

LANGUAGE_NAMES = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ms": "Malay",
    "mt": "Maltese",
    "nl": "Dutch",
    "no": "Norwegian",
    "pcm": "Nigerian Pidgin",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The most likely language of a text: ISO 639 code and its probability (0 to 1)."""

    code: str
    probability: float

    @property
    def name(self) -> str:
        """The language's English name, or its code when we have no name for it."""
        return LANGUAGE_NAMES.get(self.code, self.code)

    @property
    def is_english(self) -> bool:
        """Whether the guess is English (or a variety we read as English)."""
        return self.code in ENGLISH_VARIETIES


def identify_language(text: str) -> LanguageGuess:
    """The most likely language of ``text``, judged on its first ``SAMPLE_CHARS`` characters."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return LanguageGuess(code=code, probability=probability)


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's bundled model with probabilities that sum to one, loaded once (~0.5 s)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
