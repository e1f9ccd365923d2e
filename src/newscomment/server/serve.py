"""``newscomment serve``: run the API and page under Uvicorn, in one or several processes."""

from __future__ import annotations

import asyncio
import os
import socket
from contextlib import suppress

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newscomment import Newscomment, NewscommentError, Settings

APP_FACTORY = "newscomment.server.app:create_app_for_worker"


class NoDelayH11Protocol(H11Protocol):
    """Uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

    Worker processes inherit the listening socket, and asyncio then leaves Nagle's algorithm
    on (uvicorn issue #3149), so every reply waited ~40 ms for the client's delayed ACK."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Turn Nagle's algorithm off, then set the connection up as uvicorn does."""
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def check_address(host: str, port: int) -> None:
    """Fail with one line, before loading anything, when ``host:port`` cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise NewscommentError(f"cannot listen on {host}: {error.strerror}") from None
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise NewscommentError(
                f"cannot listen on {host}:{port}: {error.strerror or error}"
            ) from None


def check_ready(settings: Settings, host: str, port: int) -> None:
    """Fail in one line, before any worker loads anything, when the pipeline is missing, the
    address cannot be listened on, or the LLM settings (if any) are incomplete or wrong."""
    nc = Newscomment(settings)
    nc.require_pipeline()
    check_address(host, port)
    if settings.llm.given:
        nc.llm_writer().check_endpoint()


def serve(
    settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Serve until interrupted; with ``workers > 1`` each process loads its own pipeline.
    Every worker gets ``settings`` as they are (``Settings.to_worker_environment``)."""
    check_ready(settings, host, port)
    print(f"newscomment: serving on http://{_url_host(host)}:{port}/ (Ctrl+C stops)", flush=True)
    os.environ.update(settings.to_worker_environment())
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=NoDelayH11Protocol,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )


def _url_host(host: str) -> str:
    """``host`` as written in a URL (IPv6 literals in brackets)."""
    return f"[{host}]" if ":" in host else host
