"""The command line as a user runs it: real subprocesses, real files, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.corpus import ARTICLES, NON_ENGLISH, SEED
from helpers.site import Page, Site

CLI = str(Path(sys.executable).with_name("newscomment"))


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``newscomment`` command and capture what it prints."""
    result = subprocess.run(
        [CLI, *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    """A failure the user can read: non-zero exit, one stderr line, no traceback."""
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newscomment: error:")
    assert words in lines[0]
    assert "Traceback" not in result.stderr


def test_seed_file_comes_back_with_its_comment_filled_in() -> None:
    result = run(str(SEED))
    assert result.returncode == 0, result.stderr
    original = SEED.read_text().rstrip()
    assert result.stdout.startswith(original)
    filled = result.stdout[len(original) :].strip()
    assert "Al-Jazeera" in filled and len(filled.split()) >= 60


def test_comment_subcommand_reads_stdin_and_writes_markdown() -> None:
    result = run("comment", "-", "--format", "markdown", stdin=ARTICLES[0].read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Comment on")
    assert "[^1]:" in result.stdout


def test_analyze_json_is_the_contract() -> None:
    result = run("analyze", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "newscomment/3"
    assert {"id", "title", "url", "outlet", "published", "words"} <= set(data["article"])
    assert {"index", "start", "end", "text", "attributed"} <= set(data["sentences"][0])
    finding_keys = {"id", "kind", "label", "start", "end", "text", "sentence", "score", "note"}
    assert all(finding_keys <= set(f) for f in data["findings"])
    sources = {s["name"]: s for s in data["sources"]}
    assert sources["Al-Jazeera"]["type"] == "media_outlet"
    assert sources["The Times of Israel"]["type"] == "media_outlet"
    assert sources["sources"]["type"] == "anonymous"
    assert sources["sources"]["via"] == "The Times of Israel"
    assert not [f for f in data["findings"] if f["kind"] == "quote"]
    assert data["main_claim"] == {
        "sentence": 0,
        "attributed": True,
        "secondhand": True,
        "finding": "claim-1",
    }
    assert data["comment"] is None
    text = data["article"]["text"]
    for finding in data["findings"]:
        if finding["start"] is not None:
            assert text[finding["start"] : finding["end"]] == finding["text"]


def test_comment_json_lists_evidence_per_sentence() -> None:
    data = json.loads(run(str(SEED), "--format", "json", "--style", "brief").stdout)
    ids = {f["id"] for f in data["findings"]}
    assert data["comment"]["style"] == "brief" and data["comment"]["backend"] == "builtin"
    assert all(set(s["evidence"]) <= ids and s["evidence"] for s in data["comment"]["sentences"])


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("newscomment ")
    helptext = run("--help").stdout
    assert "examples:" in helptext and "analyze" in helptext


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run(str(tmp_path / "nope.txt")), "does not exist")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    assert_one_line_error(run(str(tmp_path / "empty.txt")), "empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_one_line_error(run(str(tmp_path / "x.png")), "binary")


def test_too_short(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("The minister resigned on Monday, officials said.")
    assert_one_line_error(run(str(tmp_path / "short.txt")), "at least 40")


def test_too_long_is_refused_with_the_cap_named(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(SEED.read_text().split("Comment:")[0] * 3)
    result = run(str(tmp_path / "long.txt"), "--max-chars", "1000")
    assert_one_line_error(result, "1,000")
    assert "raise it with --max-chars (NEWSCOMMENT_MAX_CHARS)" in result.stderr


def test_html_without_article_body(tmp_path: Path) -> None:
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert_one_line_error(run(str(tmp_path / "nav.html")), "no article body")


@pytest.mark.parametrize("path", NON_ENGLISH, ids=lambda p: p.name[:2])
def test_non_english_is_detected_and_said(path: Path) -> None:
    assert_one_line_error(run(str(path)), "not English")


def test_non_utf8_is_decoded_and_the_assumption_said(tmp_path: Path) -> None:
    text = SEED.read_text().split("Comment:")[0].replace("Netanyahu's", "Netanyahu’s")
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    result = run(str(tmp_path / "cp1252.txt"))
    assert result.returncode == 0, result.stderr
    assert "not UTF-8" in result.stderr and "cp1252" in result.stderr
    assert "Traceback" not in result.stderr


def test_url_is_fetched_from_a_local_server(site: Site) -> None:
    html = (
        "<html><head><title>Ceasefire talks</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in SEED.read_text().split("Comment:")[0].split("\n"))
        + "</article></body></html>"
    )
    url = site.serve("/story", Page(body=html.encode()))
    result = run(url)
    assert result.returncode == 0, result.stderr
    assert "Al-Jazeera" in result.stdout


def test_unreachable_url(site: Site) -> None:
    assert_one_line_error(run(site.base + "/missing"), "404")


def test_bad_limit_setting_is_one_line() -> None:
    result = run(str(SEED), env={"NEWSCOMMENT_MAX_CHARS": "lots"})
    assert_one_line_error(result, "NEWSCOMMENT_MAX_CHARS must be a whole number")


def test_missing_spacy_pipeline_is_one_line() -> None:
    result = run(str(SEED), env={"NEWSCOMMENT_SPACY_MODEL": "no_such_pipeline"})
    assert_one_line_error(result, "cannot load the spaCy pipeline 'no_such_pipeline'")
    assert result.returncode == 3


@pytest.mark.parametrize("encoder", [[], ["--encoder"]], ids=["light", "encoder"])
def test_train_on_own_data_then_use_the_model(tmp_path: Path, encoder: list[str]) -> None:
    subjective = [
        "This reckless plan is a disgrace and must be stopped at once.",
        "Frankly, the minister's excuses are absurd and insulting to voters.",
        "It is a shameful betrayal of everyone who trusted this government.",
        "What a brilliant, long overdue decision this finally is.",
        "The council's stubborn refusal to listen is simply infuriating.",
    ]
    objective = [
        "The council voted 7-2 on Tuesday to approve the budget.",
        "The company reported revenue of $3.1 billion for the quarter.",
        "The bridge will close for repairs from March 4 to March 18.",
        "Police said the two men were arrested near the station at 6 p.m.",
        "The report was published by the statistics office on Monday.",
    ]
    rows = [(f"s{i}", text, "SUBJ") for i, text in enumerate(subjective * 4)]
    rows += [(f"o{i}", text, "OBJ") for i, text in enumerate(objective * 4)]
    data = tmp_path / "mine.tsv"
    data.write_text(
        "sentence_id\tsentence\tlabel\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows),
        encoding="utf-8",
    )
    out = tmp_path / "models" / "subjectivity"
    result = run("train", "subjectivity", "--data", str(data), "--out", str(out), *encoder)
    assert result.returncode == 0, result.stderr
    assert (out / "model.json").is_file() and (out / "weights.npy").is_file()
    assert f"use it with NEWSCOMMENT_MODELS={out.parent}" in result.stdout
    saved = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert saved["features"]["encoder"] is bool(encoder)
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert ("all-MiniLM-L6-v2" in card) is bool(encoder)
    env = {"NEWSCOMMENT_MODELS": str(out.parent)}
    own = run("analyze", str(SEED), "--format", "json", *encoder, env=env)
    assert own.returncode == 0, own.stderr


def test_html_format_is_one_offline_page_with_the_evidence_marked() -> None:
    result = run(str(SEED), "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "<script" not in page
    assert 'data-kind="source"' in page and "Al-Jazeera" in page
    assert 'href="#f-claim-1"' in page and 'id="f-claim-1"' in page


def test_a_setting_flag_is_named_in_its_error() -> None:
    assert_one_line_error(
        run(str(SEED), "--max-chars", "0"), "--max-chars (NEWSCOMMENT_MAX_CHARS) must be positive"
    )
