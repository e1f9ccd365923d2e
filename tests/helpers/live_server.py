"""A real ``newscomment serve`` process on 127.0.0.1 for the API, schema and page tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

START_TIMEOUT = 60.0
SMALL_BODY_BYTES = 100_000
SMALL_MAX_CHARS = 8_000
"""The limits of the test session's small server (``small_api``)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningServer:
    """A server process, its base URL and the file its output goes to."""

    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def stop(self) -> None:
        """Interrupt the server as Ctrl+C would and wait for it to exit."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(log: Path, *options: str) -> RunningServer:
    """Start ``newscomment serve`` with ``options`` and wait until /api/health answers."""
    port = free_port()
    command = [sys.executable, "-m", "newscomment.cli", "serve", "--port", str(port), *options]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ}
        )
    server = RunningServer(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start: {log.read_text()}")
        try:
            if httpx.get(f"{server.base}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT:g} s: {log.read_text()}")
