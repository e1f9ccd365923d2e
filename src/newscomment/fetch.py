"""Fetch one web page over HTTP(S), bounded in time and size, with one-line errors."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

from newscomment.errors import InputError
from newscomment.settings import describe

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


class PrivateAddressError(OSError):
    """The connection went to a loopback, private or otherwise non-public address."""


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = True,
) -> FetchedPage:
    """GET an http(s) URL, following redirects; InputError with one line on any failure.

    Reading stops past ``max_bytes`` (see ``FetchedPage.truncated``) and past ``timeout``
    seconds, so a huge or trickling page cannot hold the caller. With ``allow_private=False``
    (a server fetching for its clients) every connection, redirects included, must reach a
    public address, checked on the connected socket so DNS tricks cannot slip past.
    """
    _require_http(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener() if allow_private else _public_only_opener()
    try:
        with opener.open(request, timeout=timeout) as response:
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
        private = isinstance(getattr(error, "reason", error), PrivateAddressError)
        raise InputError(
            f"could not fetch {url}: {_describe(error, timeout)}",
            settings=("allow_private_urls",) if private else (),
        ) from error


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable (not loopback, private, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _connect_public(
    address: tuple[str, int],
    timeout: object = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """``socket.create_connection`` that resolves first and refuses a host with any
    non-public address before a packet is sent; it then connects to the address it checked,
    so a second DNS answer cannot redirect it."""
    host, port = address
    candidates = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_, sockaddr in candidates:
        if not is_public_address(str(sockaddr[0])):
            where = f"{sockaddr[0]} is" if host == sockaddr[0] else f"{host} resolves to"
            raise PrivateAddressError(
                f"{where} a loopback, private or reserved address, which is not fetched "
                f"unless {describe('allow_private_urls')} allows it"
            )
    failure: OSError = OSError(f"no address found for {host}")
    for family, kind, protocol, _, sockaddr in candidates:
        sock = socket.socket(family, kind, protocol)
        try:
            if isinstance(timeout, int | float):
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            failure = error
    raise failure


class _PublicAddressesOnly:
    """Mixed into an ``http.client`` connection: connect through ``_connect_public``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self._create_connection = _connect_public


class _PublicHTTPConnection(_PublicAddressesOnly, http.client.HTTPConnection):
    """An HTTP connection that only connects to public addresses."""


class _PublicHTTPSConnection(_PublicAddressesOnly, http.client.HTTPSConnection):
    """An HTTPS connection that only connects to public addresses."""


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req)


def _public_only_opener() -> urllib.request.OpenerDirector:
    """An opener that connects directly (no proxy) and only to public addresses."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler
    )


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
    if isinstance(reason, PrivateAddressError):
        return str(reason)
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
