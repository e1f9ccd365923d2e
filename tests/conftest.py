"""Shared fixtures: a real HTTP server on 127.0.0.1 that serves whatever pages a test puts on
it, and the analysis pipeline run once on the seed and on each hand-written text."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from live_server import start_server
from spacy.tokens import Doc

from newscomment import analyze, read
from newscomment.analysis import detect_all
from newscomment.model import Analysis, Article, Finding
from newscomment.nlp import parse


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


@pytest.fixture(scope="session")
def _running_site() -> Iterator[Site]:
    """One server for the whole session, on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    _Handler.site = site
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    site.stopping.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(_running_site: Site) -> Iterator[Site]:
    """The test site with no pages yet; put pages on it with ``site.serve(path, Page(...))``."""
    yield _running_site
    _running_site.pages.clear()
    _running_site.request_headers.clear()


# --- the analysis pipeline: the seed parsed once, hand-written sentences parsed once each ---

SEED_PATH = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"
SMALL_BODY_BYTES = 100_000
SMALL_MAX_CHARS = 8_000


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The founding example, read as a user's seed file is."""
    return read(SEED_PATH)


@pytest.fixture(scope="session")
def seed_doc(seed_article: Article) -> Doc:
    """The seed's body parsed once for the whole session."""
    return parse(seed_article.text)


@pytest.fixture(scope="session")
def seed_findings(seed_doc: Doc, seed_article: Article) -> list[Finding]:
    """Every detector's findings on the seed, numbered as ``detect_all`` numbers them."""
    return detect_all(seed_doc, seed_article.title)


@pytest.fixture(scope="session")
def seed_analysis(seed_article: Article) -> Analysis:
    """The whole analysis of the seed: sources, sentences, ranked findings, figures."""
    return analyze(seed_article)


@pytest.fixture(scope="session")
def parsed() -> Callable[[str], Doc]:
    """``parsed(text)``: a parsed doc, parsed once per distinct text in the session."""
    return cache(parse)


@pytest.fixture(scope="session")
def detected(parsed: Callable[[str], Doc]) -> Callable[..., list[Finding]]:
    """``detected(text, kind=None, title=None)``: what every detector finds in ``text``
    (as ``detect_all`` runs them), optionally of one kind only; computed once per text."""

    @cache
    def run(text: str, title: str | None) -> tuple[Finding, ...]:
        return tuple(detect_all(parsed(text), title))

    def detected_in(text: str, kind: str | None = None, title: str | None = None) -> list[Finding]:
        return [f for f in run(text, title) if kind is None or f.kind == kind]

    return detected_in


# --- the HTTP server: real ``newscomment serve`` processes on 127.0.0.1 ---------------------


@pytest.fixture(scope="session")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server with the default limits (private URLs refused)."""
    server = start_server(tmp_path_factory.mktemp("serve") / "server.log")
    yield server.base
    server.stop()


@pytest.fixture(scope="session")
def small_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with small limits that may fetch loopback URLs (for the test site)."""
    server = start_server(
        tmp_path_factory.mktemp("serve") / "server.log",
        "--allow-private-urls",
        "--max-body-bytes",
        str(SMALL_BODY_BYTES),
        "--max-chars",
        str(SMALL_MAX_CHARS),
    )
    yield server.base
    server.stop()
