"""Errors a user can act on: each carries a one-line message the faces print as is."""

from __future__ import annotations


class NewscommentError(Exception):
    """Base class for every error newscomment reports to a user instead of a traceback.

    ``settings`` names the settings (see ``newscomment.settings``) the message describes,
    so that a face can name its own way of changing them (a flag, say) instead."""

    exit_code = 1

    def __init__(self, message: str, *, settings: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.settings = settings


class InputError(NewscommentError):
    """The input cannot be read as an English news article (empty, binary, too short, ...)."""

    exit_code = 2


class SettingError(NewscommentError):
    """A setting has a value newscomment cannot use (a limit below 1, a missing URL, ...)."""

    exit_code = 2


class LLMError(NewscommentError):
    """The LLM endpoint cannot be used at all: unreachable, wrong key, unknown model."""


class ModelError(NewscommentError):
    """The spaCy pipeline is missing or cannot be loaded."""

    exit_code = 3


class MissingExtraError(NewscommentError):
    """A feature needs an optional part of newscomment that is not installed."""

    exit_code = 4
