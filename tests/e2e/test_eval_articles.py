"""``newscomment eval articles`` as a user runs it: a real subprocess on a hand-written file
in the news-annotated format, and one line for a malformed one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("newscomment"))
TEXT = (
    "LAKESIDE — The county council voted on Tuesday to close the old library on Elm Street. "
    '"The building is no longer safe for readers," said council leader Marta Ionescu. '
    "Residents said they had not been consulted, and a petition gathered 900 names. "
    "An engineer's report, which the council released, found cracks in the roof. "
    "The library may reopen in a new building next year, officials said. "
    "It is a sad day for a town that loved its books."
)
RECORD = {
    "id": "t1",
    "url": "https://example.org/library",
    "outlet": "Lakeside Herald",
    "genre": "news",
    "state_media": False,
    "title": "Council votes to close old library",
    "text": TEXT,
    "annotations": {
        "main_claim": "The county council voted on Tuesday to close the old library on Elm Street.",
        "main_claim_attributed": False,
        "secondhand": False,
        "sources": [
            {
                "name": "Marta Ionescu",
                "type": "named_person",
                "mentions": ["council leader Marta Ionescu"],
            },
            {"name": "Residents", "type": "anonymous", "mentions": ["Residents said"]},
            {"name": "An engineer's report", "type": "document", "mentions": ["report"]},
            {"name": "officials", "type": "anonymous", "mentions": ["officials said"]},
        ],
        "non_sources": ["LAKESIDE", "Elm Street"],
        "quotes": [
            {"text": "The building is no longer safe for readers,", "speaker": "Marta Ionescu"}
        ],
        "hedges": ["may"],
        "opinion_sentences": ["It is a sad day for a town that loved its books."],
        "loaded_terms": [],
        "has_dates": True,
        "has_numbers": True,
        "key_points": [
            {"point": "The council's leader is named and quoted.", "evidence": ["Marta Ionescu"]},
            {"point": "The reopening is hedged.", "evidence": ["may reopen"]},
            {"point": "The close is the writer's view.", "evidence": ["It is a sad day"]},
        ],
        "reference_comment": "",
    },
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newscomment`` command and capture what it prints."""
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, check=False)


def test_eval_articles_prints_the_figures_beside_the_targets(tmp_path: Path) -> None:
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    result = run("eval", "articles", "--data", str(data))
    assert result.returncode == 0, result.stderr
    for words in ("genre accuracy", "source recall", "speaker accuracy", "main claim"):
        assert words in result.stdout
    assert "critical: false-statement rate" in result.stdout
    assert "key-point coverage" in result.stdout and "stock frames (critical" in result.stdout
    assert "≥ 0.85" in result.stdout and "news (1)" in result.stdout


def test_eval_articles_json_has_every_figure(tmp_path: Path) -> None:
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    result = run("eval", "articles", "--data", str(data), "--format", "json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["articles"] == 1
    assert {"overall", "genres", "stock_frames", "contradicted", "reasons"} <= set(figures)
    assert figures["overall"]["main_claim_accuracy"] in (0.0, 1.0)


def test_a_malformed_file_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps(RECORD) + "\n{oops\n", encoding="utf-8")
    result = run("eval", "articles", "--data", str(data))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newscomment: error:") and "line 2" in lines[0]
    assert "Traceback" not in result.stderr
