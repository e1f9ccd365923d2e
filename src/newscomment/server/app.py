"""The FastAPI application: the JSON API under /api and the page at /."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from newscomment import KINDS, SOURCE_TYPES, Newscomment, Settings, __version__
from newscomment.contract import SCHEMA
from newscomment.render import render
from newscomment.server.errors import install_error_handlers
from newscomment.server.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from newscomment.server.runner import ArticleRunner
from newscomment.server.schemas import (
    ArticleRequest,
    Contract,
    ErrorResponse,
    Health,
    KindTables,
    Version,
)
from newscomment.settings import for_worker

STATIC_DIR = Path(str(files("newscomment.server") / "static"))
MARKS_CSS = Path(str(files("newscomment.render") / "templates" / "marks.css"))
"""How findings are marked in the text, shared with the HTML renderer."""
DESCRIPTION = (
    "Reads a news article and says what it claims, how it knows it (sources, quotes), how sure "
    "it is (hedges), where the writer speaks (opinion, loaded words) and what is missing. "
    "Every comment sentence lists the ids of the findings it rests on; every finding gives "
    "character offsets into `article.text`."
)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "The request body is over the size limit."},
    422: {
        "model": ErrorResponse,
        "description": "The request or the article cannot be used (malformed, empty, too "
        "long, not English, unreachable or private URL, ...).",
    },
    502: {"model": ErrorResponse, "description": "The server's LLM endpoint cannot be used."},
    503: {"model": ErrorResponse, "description": "The article took longer than the time limit."},
}
DOCUMENT_CONTENT = {
    "text/plain": {"schema": {"type": "string"}},
    "text/markdown": {"schema": {"type": "string"}},
}
"""What ``"format": "text"`` and ``"markdown"`` answer instead of the JSON contract."""
ARTICLE_ROUTES = (
    ("/api/analyze", False, "Analyse an article: sources, quotes, hedges, opinion, gaps"),
    ("/api/comment", True, "Analyse an article and write a grounded comment on it"),
)
"""The two article endpoints: path, whether a comment is written, and their summary."""


def create_app(settings: Settings) -> FastAPI:
    """A ready-to-serve application holding one ``Newscomment`` made with ``settings``."""
    runner = ArticleRunner(Newscomment(settings))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runner.warm_up()
        yield
        runner.close()

    app = FastAPI(
        title="newscomment",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.server.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)

    async def answer(request: ArticleRequest, with_comment: bool) -> Response:
        analysis, result = await runner.run(request, with_comment=with_comment)
        if request.format == "json":
            return JSONResponse(analysis.to_dict(result))
        document = render(analysis, result, request.format)
        media_type = "text/markdown" if request.format == "markdown" else "text/plain"
        return PlainTextResponse(document, media_type=media_type)

    for path, with_comment, summary in ARTICLE_ROUTES:
        app.add_api_route(
            path,
            _article_endpoint(answer, with_comment),
            methods=["POST"],
            response_model=Contract,
            responses={200: {"content": DOCUMENT_CONTENT}, **ERROR_RESPONSES},
            summary=summary,
            description=f"The {SCHEMA} contract (`comment` is null from /api/analyze), "
            'or the rendered document for `"format": "text"` or `"markdown"`.',
        )

    @app.get("/api/health", response_model=Health, summary="Whether the server is ready")
    async def health() -> dict[str, str]:
        """Ready once the pipeline is loaded (the server answers only after warm-up)."""
        return {"status": "ok", "pipeline": settings.pipeline}

    @app.get("/api/version", response_model=Version, summary="Version and contract")
    async def version() -> dict[str, str]:
        """The package version and the JSON contract it speaks."""
        return {"name": "newscomment", "version": __version__, "schema": SCHEMA}

    @app.get("/api/kinds", response_model=KindTables, summary="Kinds of finding and source")
    async def kinds() -> dict[str, list[Any]]:
        """The labels the page shows findings and sources with (one table for every face)."""
        return {"kinds": list(KINDS.values()), "source_types": list(SOURCE_TYPES.values())}

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        """The web page; its script and style come from /static."""
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.api_route("/static/marks.css", methods=["GET", "HEAD"], include_in_schema=False)
    async def marks() -> FileResponse:
        """The kinds' colours and underlines, from the renderer's templates."""
        return FileResponse(MARKS_CSS, media_type="text/css; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _article_endpoint(
    answer: Callable[[ArticleRequest, bool], Awaitable[Response]], with_comment: bool
) -> Callable[[ArticleRequest], Awaitable[Response]]:
    """A route handler answering an ``ArticleRequest``, with or without a comment."""

    async def endpoint(request: ArticleRequest) -> Response:
        return await answer(request, with_comment)

    return endpoint


def create_app_for_worker() -> FastAPI:
    """The application for a worker process, with the settings ``newscomment serve`` resolved."""
    return create_app(for_worker())
