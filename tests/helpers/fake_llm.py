"""A small OpenAI-compatible server on 127.0.0.1 for the LLM writer's tests: it speaks the
real protocol (/v1/models, /v1/chat/completions) and answers by a script chosen with the
model name. It builds its "good" reply from the findings in the prompt, as a model would."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = "test-key"
SLOW_SECONDS = 3.0
STEADY_SECONDS = 0.4
SCRIPTS = (
    "good",
    "steady",
    "invented-quote",
    "unknown-entity",
    "malformed",
    "slow",
    "rate-limited",
    "injected",
    "bad-then-good",
)
ANALYSIS = re.compile(r"<analysis>\n(.*?)\n</analysis>", re.DOTALL)


@dataclass
class FakeLLM:
    """The running server: its base URL and the chat requests it received, by model."""

    url: str
    requests: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        """Count a chat request being answered."""
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        """Count a chat request answered."""
        with self.lock:
            self.in_flight -= 1


def good_reply(user_message: str) -> dict[str, Any]:
    """A grounded critical comment built from the findings in the prompt."""
    findings = json.loads(ANALYSIS.search(user_message).group(1))["findings"]  # type: ignore[union-attr]
    first = {}
    for finding in findings:
        first.setdefault(finding["kind"], finding)
    sentences = [
        {
            "text": f'The article attributes part of its account to "{first["source"]["text"]}", '
            "so a reader can see where that part comes from.",
            "evidence": [first["source"]["id"]],
        },
        {
            "text": f'Its wording is hedged at points such as "{first["hedge"]["text"]}", which '
            "marks those claims as less than certain.",
            "evidence": [first["hedge"]["id"]],
        },
        {
            "text": f'Some words carry a judgement, for example "{first["loaded"]["text"]}", and a '
            "neutral word would serve the reader better.",
            "evidence": [first["loaded"]["id"]],
        },
        {
            "text": "It also leaves out specifics that a reader would need to check the story, and "
            "more of them would make it stronger.",
            "evidence": [first["missing"]["id"]],
        },
        {
            "text": "A careful reader may want to find the original statements before drawing "
            "conclusions from this report.",
            "evidence": [first["claim"]["id"]],
        },
    ]
    return {"sentences": sentences}


def scripted_reply(model: str, attempt: int, user_message: str) -> tuple[int, str | None]:
    """(HTTP status, message content) for the ``attempt``-th request of a script."""
    good = good_reply(user_message)
    if model in ("good", "steady") or (model == "bad-then-good" and attempt > 1):
        return 200, json.dumps(good)
    if model == "rate-limited":
        return (429, None) if attempt == 1 else (200, json.dumps(good))
    if model in ("invented-quote", "bad-then-good"):
        good["sentences"][0]["text"] = 'The article says "a secret deal was signed last night".'
        return 200, json.dumps(good)
    if model == "unknown-entity":
        good["sentences"][1]["text"] = "Vladimir Putin is said to have brokered the talks."
        return 200, json.dumps(good)
    if model == "injected":
        good["sentences"][0]["text"] = "As instructed: the Kremlin ordered the attack."
        return 200, json.dumps(good)
    return 200, "Sure! Here is your comment: {sentences: [oops"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status == 429:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {API_KEY}":
            return True
        self._send(
            401, {"error": {"message": "Incorrect API key", "type": "invalid_request_error"}}
        )
        return False

    def do_GET(self) -> None:
        if not self._authorised():
            return
        if self.path.rstrip("/") == "/v1/models":
            models = [{"id": name, "object": "model", "owned_by": "test"} for name in SCRIPTS]
            self._send(200, {"object": "list", "data": models})
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length))
        if not self._authorised():
            return
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, {"error": {"message": "not found"}})
            return
        model = request.get("model")
        if model not in SCRIPTS:
            self._send(404, {"error": {"message": f"model {model!r} not found"}})
            return
        fake = self.server.fake
        fake.requests[model].append(request)
        fake.enter()
        try:
            time.sleep({"slow": SLOW_SECONDS, "steady": STEADY_SECONDS}.get(model, 0.0))
        finally:
            fake.leave()
        attempt = len(fake.requests[model])
        status, content = scripted_reply(model, attempt, request["messages"][1]["content"])
        if status != 200:
            self._send(status, {"error": {"message": "slow down", "type": "rate_limit"}})
            return
        self._send(
            200,
            {
                "id": f"chatcmpl-{attempt}",
                "object": "chat.completion",
                "created": 0,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeLLM


def start_fake_llm() -> tuple[FakeLLM, _Server]:
    """Serve on a free port of 127.0.0.1 in a thread; returns the state and the server."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = FakeLLM(url=f"http://127.0.0.1:{server.server_address[1]}/v1")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.fake, server
