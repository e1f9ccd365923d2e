"""Errors a user can act on: each carries a one-line message the faces print as is."""


class NewscommentError(Exception):
    """Base class for every error newscomment reports to a user instead of a traceback."""

    exit_code = 1


class InputError(NewscommentError):
    """The input cannot be read as an English news article (empty, binary, too short, ...)."""

    exit_code = 2


class LLMError(NewscommentError):
    """The LLM endpoint cannot be used at all: unreachable, wrong key, unknown model."""


class ModelError(NewscommentError):
    """The spaCy pipeline is missing or cannot be loaded."""

    exit_code = 3
