"""Fetch one web page over HTTP(S), bounded in time and size, with one-line errors."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

from newscomment.errors import InputError

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 4_000_000
CHUNK_BYTES = 64 * 1024
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"


def _user_agent() -> str:
    """``newscomment/<version>``, so that sites can tell who is asking."""
    try:
        version = metadata.version("newscomment")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"newscomment/{version}"


USER_AGENT = _user_agent()


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: its body (at most ``max_bytes``), final URL, media type and charset."""

    body: bytes
    url: str
    content_type: str
    charset: str | None
    truncated: bool = False
    """True when the page is longer than ``max_bytes`` and ``body`` stops there."""


def fetch_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> FetchedPage:
    """GET an http(s) URL, following redirects; InputError with one line on any failure.

    Reading stops past ``max_bytes`` (see ``FetchedPage.truncated``) and past ``timeout``
    seconds, so a huge or trickling page cannot hold the caller.
    """
    _require_http(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body, truncated = _read_capped(response, max_bytes, deadline)
            headers = response.headers
            return FetchedPage(
                body=body,
                url=response.url,
                content_type=headers.get_content_type() if "Content-Type" in headers else "",
                charset=headers.get_content_charset(),
                truncated=truncated,
            )
    except urllib.error.HTTPError as error:
        raise InputError(f"could not fetch {url}: HTTP {error.code} {error.reason}") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise InputError(f"could not fetch {url}: {_describe(error, timeout)}") from error


def _require_http(url: str) -> None:
    """Refuse anything but an http:// or https:// URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"cannot fetch {url}: only http:// and https:// URLs can be read")


def _read_capped(
    response: http.client.HTTPResponse, max_bytes: int, deadline: float
) -> tuple[bytes, bool]:
    """The body up to ``max_bytes`` and whether there was more; TimeoutError past ``deadline``."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = response.read(min(CHUNK_BYTES, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError("reading the page took too long")
    return b"".join(chunks)[:max_bytes], size > max_bytes


def _describe(error: BaseException, timeout: float) -> str:
    """A short, lower-case account of why a fetch failed, with what to check."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused; check the address and that the site is up"
    if isinstance(reason, socket.gaierror):
        return "host not found; check the address and your internet connection"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, http.client.IncompleteRead):
        return "the connection closed before the page was complete"
    if isinstance(reason, http.client.HTTPException):
        return f"the server sent a malformed response ({type(reason).__name__})"
    return str(reason) or type(reason).__name__
