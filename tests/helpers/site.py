"""A real HTTP server on 127.0.0.1 that serves whatever pages a test puts on it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    """What the test site answers at one path."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    delay: float = 0.0
    """Seconds to wait before answering (cut short when the server stops)."""
    repeat: int = 1
    """How many times ``body`` is sent, for pages too large to hold."""


@dataclass
class Site:
    """The running test site: its base URL, its pages, and the headers of requests it got."""

    base: str
    pages: dict[str, Page] = field(default_factory=dict)
    request_headers: list[dict[str, str]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def serve(self, path: str, page: Page) -> str:
        """Put ``page`` at ``path`` and return its full URL."""
        self.pages[path] = page
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    """Answers GET from the site's pages; 404 for any path it does not have."""

    site: Site

    def do_GET(self) -> None:
        self.site.request_headers.append(dict(self.headers))
        page = self.site.pages.get(self.path, Page(body=b"not found", status=404))
        if page.delay:
            self.site.stopping.wait(page.delay)
        self.send_response(page.status)
        if page.content_type:
            self.send_header("Content-Type", page.content_type)
        if page.location:
            self.send_header("Location", page.location)
        self.send_header("Content-Length", str(len(page.body) * page.repeat))
        self.end_headers()
        try:
            for _ in range(page.repeat):
                self.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as a capped fetch should

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


def start_site() -> tuple[Site, ThreadingHTTPServer]:
    """The site on a free port of 127.0.0.1, served from a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    _Handler.site = site
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
