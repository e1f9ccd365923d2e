"""Runs requests through the pipeline: reading in a thread, analysis in a single worker thread.

spaCy is CPU-bound and holds the GIL, so one analysis thread per process is as fast as many
and keeps the pipeline off concurrent use; requests wait their turn in its queue. A request
over the time limit is answered at once; if its analysis has not started, it never runs.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import anyio

from newscomment.analysis import analyze
from newscomment.commenting import comment
from newscomment.errors import InputError
from newscomment.ingest import read
from newscomment.llmconfig import LLMSettings, llm_settings
from newscomment.model import Analysis, Article, Comment
from newscomment.server.errors import RequestTimeout
from newscomment.server.schemas import ArticleRequest
from newscomment.server.settings import ServerSettings

WARM_UP_TEXT = (
    "Council approves new bus routes\n"
    "The city council voted on Tuesday to add three bus routes to the northern suburbs, "
    "the transport department said in a statement. The routes will start in March and cost "
    "about 2 million dollars a year, according to the department. Some residents said the "
    "service was long overdue, while the opposition questioned the cost."
)
"""A short article written for this purpose, analysed at start-up so that the first real
request does not pay for loading the pipeline and the models."""


class ArticleRunner:
    """Turns an ``ArticleRequest`` into an analysis (and a comment) within the time limit."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._pipeline = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscomment")

    def warm_up(self) -> None:
        """Load the pipeline and models by commenting on a small article."""
        comment(analyze(read(text=WARM_UP_TEXT)))

    def close(self) -> None:
        """Stop the analysis thread; queued work is dropped."""
        self._pipeline.shutdown(wait=False, cancel_futures=True)

    async def run(
        self, request: ArticleRequest, *, with_comment: bool
    ) -> tuple[Analysis, Comment | None]:
        """Read, analyse and optionally comment; ``RequestTimeout`` past the limit."""
        try:
            async with asyncio.timeout(self.settings.timeout):
                article = await anyio.to_thread.run_sync(
                    self._read, request, abandon_on_cancel=True
                )
                llm = self._llm(request) if with_comment else None
                work = self._pipeline.submit(_analyze, article, request.style, with_comment, llm)
                return await asyncio.wrap_future(work)
        except TimeoutError:
            raise RequestTimeout(
                f"the article took longer than {self.settings.timeout:g} s; "
                "try again later or send a shorter article"
            ) from None

    def _llm(self, request: ArticleRequest) -> LLMSettings | None:
        """The LLM settings when the request asks for that backend; 422 when there are none."""
        if request.backend != "llm":
            return None
        if not (self.settings.llm_url and self.settings.llm_model):
            raise InputError(
                "this server has no LLM writer; start it with --llm-url and --llm-model"
            )
        return llm_settings(
            self.settings.llm_url, self.settings.llm_model, self.settings.llm_timeout
        )

    def _read(self, request: ArticleRequest) -> Article:
        """The article from the request's text, HTML or URL, with the server's limits."""
        return read(
            text=request.text,
            html=request.html,
            url=request.url,
            max_chars=self.settings.max_chars,
            allow_private_urls=self.settings.allow_private_urls,
        )


def _analyze(
    article: Article, style: str, with_comment: bool, llm: LLMSettings | None
) -> tuple[Analysis, Comment | None]:
    """The pipeline's work for one article, run on the analysis thread."""
    analysis = analyze(article)
    if not with_comment:
        return analysis, None
    return analysis, comment(analysis, style, "builtin" if llm is None else "llm", llm)
