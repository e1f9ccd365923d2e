"""Readers for the annotated data in ``../shared/data``, each in its own published format.

The data is never copied into the project: these functions read it where it lies (or any
file in the same format, given with ``--data``), and bad files end in one-line errors.
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass, field
from pathlib import Path

from newscomment.errors import InputError
from newscomment.settings import describe

CHECKTHAT = "checkthat-subjectivity-en"
BABE = "babe"
SFU = "sfu-constructiveness-toxicity-ctc"
BABE_OPINION_LABELS = {
    "Entirely factual": 0,
    "Somewhat factual but also opinionated": 1,
    "Expresses writer’s opinion": 1,
    "Expresses writer's opinion": 1,
}


@dataclass(frozen=True, slots=True)
class Example:
    """One annotated text: a sentence (or comment), its binary label and any gold words."""

    text: str
    label: int
    words: tuple[str, ...] = field(default=())


def data_root(folder: Path | None = None) -> Path:
    """Where the shared data lies: ``folder`` (the ``data`` setting), else ``../shared/data``
    beside the checkout (found from the working directory or this file)."""
    if folder is not None:
        return folder
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            candidate = folder.parent / "shared" / "data"
            if candidate.is_dir():
                return candidate
    raise InputError(
        f"cannot find the annotated data; set {describe('data')} to the data folder",
        settings=("data",),
    )


def _open_rows(path: Path, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> list[dict]:
    """Rows of a delimited file as dicts, or a one-line error naming the file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle, delimiter=delimiter, quoting=quoting))
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path} is not a readable {delimiter!r}-separated file: {exc}") from None


def _require(rows: list[dict], path: Path, columns: set[str]) -> None:
    """Fail with a clear line when a file lacks the columns of its format."""
    missing = columns - set(rows[0] if rows else {})
    if not rows or missing:
        raise InputError(
            f"{path} has no rows with the columns {', '.join(sorted(missing or columns))}"
        )


def checkthat(path: Path) -> list[Example]:
    """CheckThat! subjectivity TSV: ``sentence`` and ``label`` (SUBJ = 1, OBJ = 0)."""
    rows = _open_rows(path, "\t", csv.QUOTE_NONE)
    _require(rows, path, {"sentence", "label"})
    return [
        Example(row["sentence"], int(row["label"].strip() == "SUBJ"))
        for row in rows
        if row["label"] and row["label"].strip() in {"SUBJ", "OBJ"}
    ]


def _babe_rows(path: Path) -> list[dict]:
    """BABE's ';'-separated rows."""
    rows = _open_rows(path, ";")
    _require(rows, path, {"text", "label_bias", "label_opinion", "biased_words"})
    return rows


def babe_bias(path: Path) -> list[Example]:
    """BABE sentence bias: Biased = 1, Non-biased = 0 (no agreement left out); the words
    annotators marked as biased ride along for the word-level task."""
    examples = []
    for row in _babe_rows(path):
        if row["label_bias"] not in {"Biased", "Non-biased"}:
            continue
        words = _biased_words(row["biased_words"])
        examples.append(Example(row["text"], int(row["label_bias"] == "Biased"), words))
    return examples


def babe_opinion(path: Path) -> list[Example]:
    """BABE writer's opinion: any opinion (somewhat or entirely) = 1, entirely factual = 0."""
    return [
        Example(row["text"], BABE_OPINION_LABELS[row["label_opinion"]])
        for row in _babe_rows(path)
        if row["label_opinion"] in BABE_OPINION_LABELS
    ]


def _biased_words(cell: str) -> tuple[str, ...]:
    """The Python-list string of biased words, parsed safely; malformed cells give none."""
    try:
        value = ast.literal_eval(cell or "[]")
    except (ValueError, SyntaxError):
        return ()
    return tuple(str(w) for w in value) if isinstance(value, list) else ()


def sfu(path: Path) -> list[Example]:
    """SFU constructiveness: ``comment`` and ``is_constructive`` (yes = 1, no = 0)."""
    rows = _open_rows(path, ",")
    _require(rows, path, {"comment", "is_constructive"})
    return [
        Example(row["comment"].strip(), int(row["is_constructive"] == "yes"))
        for row in rows
        if row["is_constructive"] in {"yes", "no"} and row["comment"].strip()
    ]
