"""fetch_url against a real HTTP server on 127.0.0.1: pages, redirects, errors, limits."""

from __future__ import annotations

import re
import socket
import time

import pytest
from helpers.site import Page, Site

from newscomment.errors import InputError
from newscomment.fetch import fetch_url, is_public_address


def test_fetches_body_media_type_and_charset(site: Site) -> None:
    url = site.serve("/news.html", Page(b"<p>Hello</p>", "text/html; charset=ISO-8859-1"))

    page = fetch_url(url)

    assert page.body == b"<p>Hello</p>"
    assert page.content_type == "text/html"
    assert page.charset == "iso-8859-1"
    assert page.url == url
    assert not page.truncated


def test_identifies_itself_as_newscomment(site: Site) -> None:
    fetch_url(site.serve("/", Page(b"ok", "text/plain")))

    assert site.request_headers[-1]["User-Agent"].startswith("newscomment/")


def test_follows_redirects_and_reports_the_final_url(site: Site) -> None:
    final = site.serve("/2024/story.html", Page(b"<p>story</p>"))
    moved = site.serve("/story", Page(status=301, location=final))

    assert fetch_url(moved).url == final


def test_missing_content_type_is_empty_not_guessed(site: Site) -> None:
    url = site.serve("/raw", Page(b"text", content_type=None))

    assert fetch_url(url).content_type == ""


def test_http_error_names_the_url_and_status(site: Site) -> None:
    url = site.serve("/gone", Page(b"gone", status=404))

    expected = rf"^could not fetch {re.escape(url)}: HTTP 404 Not Found$"
    with pytest.raises(InputError, match=expected):
        fetch_url(url)


def test_slow_server_times_out_quickly(site: Site) -> None:
    url = site.serve("/slow", Page(b"late", delay=5))
    started = time.monotonic()

    with pytest.raises(InputError, match=r"/slow: timed out after 0\.5 s$"):
        fetch_url(url, timeout=0.5)
    assert time.monotonic() - started < 3


def test_stops_reading_past_the_size_cap(site: Site) -> None:
    url = site.serve("/huge", Page(b"x" * 65_536, "text/plain", repeat=1_000))  # 65 MB

    page = fetch_url(url, max_bytes=100_000)

    assert page.truncated
    assert len(page.body) == 100_000


def test_connection_refused_says_so() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"

    with pytest.raises(InputError, match=r"could not fetch .*: connection refused"):
        fetch_url(url, timeout=2)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a.txt", "file:///etc/passwd", "javascript:alert(1)", "http://"]
)
def test_refuses_anything_but_http_urls(url: str) -> None:
    with pytest.raises(InputError, match="only http:// and https:// URLs can be read"):
        fetch_url(url)


def test_a_server_fetch_refuses_loopback_before_sending_anything(site: Site) -> None:
    url = site.serve("/internal", Page(b"secret", "text/plain"))
    by_name = url.replace("127.0.0.1", "localhost")

    for address in (url, by_name):
        with pytest.raises(InputError, match="loopback, private or reserved address"):
            fetch_url(address, allow_private=False)

    assert site.request_headers == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fd00::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_tells_public_addresses_from_internal_ones(address: str, public: bool) -> None:
    assert is_public_address(address) is public
