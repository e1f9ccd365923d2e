"""``Newscomment``: the one object the faces hold, as spaCy's ``nlp`` is held. It is made
with its settings and loads what they name when first needed (the spaCy pipeline, the
learned models, the LLM writer and its call limiter); it reads, analyses and comments on
one article, or pipes many. The module-level ``read``, ``analyze`` and ``comment`` use a
default one, made from the environment and the config file on first use.

This module imports nothing heavy at import time: spaCy and the readers load on first use,
so ``import newscomment`` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscomment.errors import NewscommentError
from newscomment.model import Analysis, Article, ArticleInput, Comment
from newscomment.settings import Settings, resolve
from newscomment.styles import DEFAULT_STYLE, STYLES

if TYPE_CHECKING:
    from spacy.language import Language

    from newscomment.learned.shelf import ModelShelf
    from newscomment.nlp import Dictionary
    from newscomment.writers.llm import LLMWriter

BACKENDS = ("builtin", "llm")
"""Who writes the comment: the offline built-in writer, or the configured LLM, checked."""

WARM_UP_TEXT = (
    "Council approves new bus routes\n"
    "The city council voted on Tuesday to add three bus routes to the northern suburbs, "
    "the transport department said in a statement. The routes will start in March and cost "
    "about 2 million dollars a year, according to the department. Some residents said the "
    "service was long overdue, while the opposition questioned the cost."
)
"""A short article written for this purpose, commented on by ``load`` so that the first
real article does not pay for loading the pipeline and the models."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ``Newscomment.pipe`` made of one input: its analysis and comment, or why not."""

    input: ArticleInput
    analysis: Analysis | None = None
    comment: Comment | None = None
    error: str | None = None
    """One line saying why the input could not be used (None when it was)."""


class Newscomment:
    """Reads, analyses and comments on news articles with one set of settings."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        llm_calls: AbstractContextManager[object] | None = None,
    ) -> None:
        """``llm_calls``: a slot every LLM call holds (a semaphore that a batch's workers
        share, to cap the calls in flight across all of them)."""
        self.settings = settings if settings is not None else resolve()
        self._llm_calls = llm_calls
        self._llm: LLMWriter | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded once per process and name."""
        from newscomment.nlp import load_pipeline

        return load_pipeline(self.settings.pipeline)

    @property
    def models(self) -> ModelShelf:
        """The learned models: retrained ones in the ``models`` folder, else the shipped."""
        from newscomment.learned.shelf import shelf

        return shelf(self.settings.models, self.settings.encoder)

    @property
    def dictionary(self) -> Dictionary:
        """Ordinary English words, which the grounding check tells from names."""
        from newscomment.nlp import dictionary

        return dictionary(self.settings.pipeline)

    def load(self) -> Newscomment:
        """Load the pipeline and the models now, by commenting on a small article."""
        self.comment(self.analyze(self.read(text=WARM_UP_TEXT)))
        return self

    def require_pipeline(self) -> None:
        """Fail in one line, without loading it, when the pipeline is not installed."""
        from newscomment.nlp import require_pipeline

        require_pipeline(self.settings.pipeline)

    def read(
        self,
        source: str | os.PathLike[str] | ArticleInput | None = None,
        *,
        text: str | None = None,
        html: str | None = None,
        url: str | None = None,
    ) -> Article:
        """One English news article from a path, "-" (stdin), a URL, ``text``, ``html`` or
        an ``ArticleInput``; ``InputError`` in one line when it cannot be used."""
        from newscomment.ingest import read, read_input

        limits = {
            "max_chars": self.settings.max_chars,
            "allow_private_urls": self.settings.allow_private_urls,
        }
        if isinstance(source, ArticleInput):
            return read_input(source, **limits)
        return read(source, text=text, html=html, url=url, **limits)

    def analyze(self, article: Article) -> Analysis:
        """Parse and analyse one article: findings, sources, main claim and figures."""
        from newscomment.analysis import assess

        return assess(article, self.nlp(article.text), self.models)

    def comment(
        self, analysis: Analysis, style: str = DEFAULT_STYLE, backend: str = "builtin"
    ) -> Comment:
        """A comment on an analysed article, every sentence checked against it (anything
        ungrounded goes into ``Comment.warnings``). The "llm" backend needs the ``llm``
        settings and falls back to the built-in writer, saying why in the warnings."""
        from newscomment.commenting import write_comment

        if style not in STYLES:
            raise NewscommentError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
        if backend not in BACKENDS:
            raise NewscommentError(
                f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        llm = self.llm_writer() if backend == "llm" else None
        return write_comment(analysis, style, self.dictionary, llm)

    def llm_writer(self) -> LLMWriter:
        """The LLM writer of the ``llm`` settings, made once; a one-line error when the
        settings name no endpoint or the ``llm`` extra is missing."""
        if self._llm is None:
            from newscomment.writers.llm import LLMWriter

            self._llm = LLMWriter(self.settings.llm, self._llm_calls)
        return self._llm

    def pipe(
        self,
        inputs: Iterable[ArticleInput],
        *,
        style: str | None = DEFAULT_STYLE,
        backend: str = "builtin",
    ) -> Iterator[Outcome]:
        """Read, analyse and (unless ``style`` is None) comment on each input in turn. One
        unusable input, or a bug it trips, gives an ``Outcome`` with its error and never
        stops the rest."""
        for item in inputs:
            try:
                analysis = self.analyze(self.read(item))
                result = self.comment(analysis, style, backend) if style else None
            except NewscommentError as error:
                yield Outcome(item, error=str(error))
            except Exception as error:  # a bug must cost one article, not the run
                yield Outcome(item, error=f"internal error: {type(error).__name__}: {error}")
            else:
                yield Outcome(item, analysis, result)


_default: Newscomment | None = None


def default() -> Newscomment:
    """The ``Newscomment`` the module-level functions use, made on first use."""
    global _default
    if _default is None:
        _default = Newscomment()
    return _default


def read(
    source: str | os.PathLike[str] | ArticleInput | None = None,
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
) -> Article:
    """``Newscomment.read`` with the default settings."""
    return default().read(source, text=text, html=html, url=url)


def analyze(article: Article) -> Analysis:
    """``Newscomment.analyze`` with the default settings."""
    return default().analyze(article)


def comment(analysis: Analysis, style: str = DEFAULT_STYLE, backend: str = "builtin") -> Comment:
    """``Newscomment.comment`` with the default settings."""
    return default().comment(analysis, style, backend)
