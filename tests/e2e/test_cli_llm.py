"""``newscomment --backend llm`` as a user runs it, against a scripted OpenAI-compatible
server on loopback."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers.corpus import SEED
from helpers.fake_llm import API_KEY, FakeLLM

# --- the command line ----------------------------------------------------------------


def cli(fake: FakeLLM, model: str, *extra: str, key: str = API_KEY) -> subprocess.CompletedProcess:
    """``newscomment --backend llm`` on the seed, as a user runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "newscomment.cli",
            "--backend",
            "llm",
            "--llm-url",
            fake.url,
            "--llm-model",
            model,
            *extra,
            str(SEED),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NEWSCOMMENT_LLM_API_KEY": key, "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
    )


def test_the_cli_prints_the_grounded_comment(fake_llm: FakeLLM) -> None:
    result = cli(fake_llm, "good", "--format", "json")

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["comment"]["backend"] == "llm" and answer["comment"]["warnings"] == []
    assert "so a reader can see where that part comes from" in answer["comment"]["text"]


def test_the_cli_falls_back_and_says_why_on_stderr(fake_llm: FakeLLM) -> None:
    result = cli(fake_llm, "invented-quote")

    assert result.returncode == 0
    assert "Comment:" in result.stdout and "secret deal" not in result.stdout
    assert "newscomment: warning: llm: used the built-in writer instead" in result.stderr


def test_the_cli_says_in_one_line_when_the_key_is_refused(fake_llm: FakeLLM) -> None:
    result = cli(fake_llm, "good", key="wrong")

    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "refused the API key" in result.stderr
