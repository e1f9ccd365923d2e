"""Shared fixtures: a real HTTP server on 127.0.0.1 that serves whatever pages a test puts
on it, the analysis pipeline run once on the seed and on each hand-written text, and real
``newscomment serve`` processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import pytest
from helpers.corpus import SEED
from helpers.fake_llm import FakeLLM, start_fake_llm
from helpers.live_server import SMALL_BODY_BYTES, SMALL_MAX_CHARS, start_server
from helpers.site import Site, start_site
from spacy.tokens import Doc

from newscomment import Analysis, Article, Finding, Newscomment
from newscomment.detectors import detect_all
from newscomment.detectors.registry import run_one
from newscomment.nlp import Dictionary


@pytest.fixture(scope="session")
def _running_site() -> Iterator[Site]:
    """One server for the whole session, on a free port of 127.0.0.1."""
    site, server = start_site()
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


@pytest.fixture(scope="session")
def nc() -> Newscomment:
    """A ``Newscomment`` with the default settings, shared by the session."""
    return Newscomment()


@pytest.fixture(scope="session")
def dictionary(nc: Newscomment) -> Dictionary:
    """The pipeline's dictionary of ordinary English words."""
    return nc.dictionary


@pytest.fixture(scope="session")
def seed_article(nc: Newscomment) -> Article:
    """The founding example, read as a user's seed file is."""
    return nc.read(SEED)


@pytest.fixture(scope="session")
def seed_doc(nc: Newscomment, seed_article: Article) -> Doc:
    """The seed's body parsed once for the whole session."""
    return nc.nlp(seed_article.text)


@pytest.fixture(scope="session")
def seed_findings(nc: Newscomment, seed_doc: Doc, seed_article: Article) -> list[Finding]:
    """Every detector's findings on the seed, numbered as ``detect_all`` numbers them."""
    return detect_all(seed_doc, seed_article.title, nc.models)


@pytest.fixture(scope="session")
def seed_analysis(nc: Newscomment, seed_article: Article) -> Analysis:
    """The whole analysis of the seed: sources, sentences, ranked findings, figures."""
    return nc.analyze(seed_article)


@pytest.fixture(scope="session")
def parsed(nc: Newscomment) -> Callable[[str], Doc]:
    """``parsed(text)``: a parsed doc, parsed once per distinct text in the session."""
    return cache(nc.nlp)


@pytest.fixture(scope="session")
def detected(nc: Newscomment, parsed: Callable[[str], Doc]) -> Callable[..., list[Finding]]:
    """``detected(text, kind=None, title=None)``: what every detector finds in ``text``
    (as ``detect_all`` runs them), optionally of one kind only; computed once per text."""

    @cache
    def run(text: str, title: str | None) -> tuple[Finding, ...]:
        return tuple(detect_all(parsed(text), title, nc.models))

    def detected_in(text: str, kind: str | None = None, title: str | None = None) -> list[Finding]:
        return [f for f in run(text, title) if kind is None or f.kind == kind]

    return detected_in


@pytest.fixture(scope="session")
def alone(nc: Newscomment) -> Callable[..., list[Finding]]:
    """``alone(kind, doc, prior=())``: one detector alone, seeing only ``prior`` findings."""

    def run(kind: str, doc: Doc, prior: tuple[Finding, ...] = ()) -> list[Finding]:
        return run_one(kind, doc, nc.models, prior)

    return run


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A scripted OpenAI-compatible server on loopback, fresh for each test (its request
    log starts empty)."""
    fake, server = start_fake_llm()
    yield fake
    server.shutdown()
    server.server_close()


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
