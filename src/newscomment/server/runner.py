"""Runs requests through the server's one ``Newscomment``: reading in a thread, analysis in a
single worker thread.

spaCy is CPU-bound and holds the GIL, so one analysis thread per process is as fast as many
and keeps the pipeline off concurrent use; requests wait their turn in its queue. A request
over the time limit is answered at once; if its analysis has not started, it never runs.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import anyio

from newscomment import Analysis, Article, Comment, InputError, Newscomment
from newscomment.server.errors import RequestTimeout
from newscomment.server.schemas import ArticleRequest

NO_LLM = "this server has no LLM writer; start it with --llm-url and --llm-model"


class ArticleRunner:
    """Turns an ``ArticleRequest`` into an analysis (and a comment) within the time limit."""

    def __init__(self, nc: Newscomment) -> None:
        self.nc = nc
        self.timeout = nc.settings.server.timeout
        self._pipeline = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscomment")

    async def warm_up(self) -> None:
        """Load the pipeline and models on the analysis thread, before the first request."""
        await asyncio.wrap_future(self._pipeline.submit(self.nc.load))

    def close(self) -> None:
        """Stop the analysis thread; queued work is dropped."""
        self._pipeline.shutdown(wait=False, cancel_futures=True)

    async def run(
        self, request: ArticleRequest, *, with_comment: bool
    ) -> tuple[Analysis, Comment | None]:
        """Read, analyse and optionally comment; ``RequestTimeout`` past the limit, and
        ``InputError`` for the LLM backend on a server without one."""
        if with_comment and request.backend == "llm" and not self.nc.settings.llm.given:
            raise InputError(NO_LLM)
        style = request.style if with_comment else None
        try:
            async with asyncio.timeout(self.timeout):
                article = await anyio.to_thread.run_sync(
                    self.nc.read, request.article(), abandon_on_cancel=True
                )
                work = self._pipeline.submit(self._analyze, article, style, request.backend)
                return await asyncio.wrap_future(work)
        except TimeoutError:
            raise RequestTimeout(
                f"the article took longer than {self.timeout:g} s; "
                "try again later or send a shorter article"
            ) from None

    def _analyze(
        self, article: Article, style: str | None, backend: str
    ) -> tuple[Analysis, Comment | None]:
        """The pipeline's work for one article (no comment when ``style`` is None), run on
        the analysis thread."""
        analysis = self.nc.analyze(article)
        return analysis, None if style is None else self.nc.comment(analysis, style, backend)
