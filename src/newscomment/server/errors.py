"""Every failure becomes a JSON error with the right status: never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from newscomment.errors import InputError, LLMError, NewscommentError
from newscomment.server.middleware import error_response

LOG = logging.getLogger("newscomment.server")
STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}


class RequestTimeout(Exception):
    """A request took longer than the server's per-request limit."""


def _validation_message(error: RequestValidationError) -> tuple[str, str]:
    """A code and one line naming the first thing wrong with the request."""
    problems = error.errors()
    if not problems:
        return "invalid_request", "the request is not valid"
    first = problems[0]
    if first.get("type") == "json_invalid":
        return "malformed_json", "the body is not valid JSON"
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    return "invalid_request", f"{where}: {message}" if where else message


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to a JSON error response."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        code, message = _validation_message(error)
        return error_response(422, code, message)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        code = STATUS_CODES.get(error.status_code, "http_error")
        response = error_response(error.status_code, code, str(error.detail))
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(InputError)
    async def invalid_article(_: Request, error: InputError) -> JSONResponse:
        return error_response(422, "invalid_article", str(error))

    @app.exception_handler(RequestTimeout)
    async def timed_out(_: Request, error: RequestTimeout) -> JSONResponse:
        response = error_response(503, "timeout", str(error))
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(LLMError)
    async def llm_unavailable(_: Request, error: LLMError) -> JSONResponse:
        return error_response(502, "llm_unavailable", str(error))

    @app.exception_handler(NewscommentError)
    async def server_not_ready(_: Request, error: NewscommentError) -> JSONResponse:
        LOG.error("cannot analyse: %s", error)
        return error_response(500, "server_error", str(error))

    @app.exception_handler(Exception)
    async def internal_error(_: Request, error: Exception) -> JSONResponse:
        LOG.exception("internal error", exc_info=error)
        return error_response(500, "internal_error", "internal error; the server log has details")
