"""Readers for the annotated data in ``../shared/data``, each in its own published format.

The data is never copied into the project: these functions read it where it lies (or any
file in the same format, given with ``--data``), and bad files end in one-line errors.
"""

from __future__ import annotations

import ast
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from newscomment.errors import InputError
from newscomment.kinds import GENRES, SOURCE_TYPES
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


NEWS_ANNOTATED = "news-annotated"
NEWS_ANNOTATED_FILE = "articles.jsonl"
_RECORD_FIELDS = ("id", "outlet", "genre", "state_media", "title", "text", "annotations")
_ANNOTATION_FIELDS = (
    "main_claim",
    "main_claim_attributed",
    "secondhand",
    "sources",
    "non_sources",
    "quotes",
    "hedges",
    "opinion_sentences",
    "loaded_terms",
    "has_dates",
    "has_numbers",
    "key_points",
)


@dataclass(frozen=True, slots=True)
class GoldSource:
    """An annotated source: its fullest name, its type and every string that credits it."""

    name: str
    type: str
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """An annotated quotation (the words inside the marks) and its speaker's source name."""

    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """Something a careful reader should notice, and the verbatim strings it rests on."""

    point: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Annotations:
    """One careful reading of an article (``news-annotated/GUIDELINES.md`` defines each)."""

    main_claim: str
    main_claim_attributed: bool
    secondhand: bool
    sources: tuple[GoldSource, ...]
    non_sources: tuple[str, ...]
    quotes: tuple[GoldQuote, ...]
    hedges: tuple[str, ...]
    opinion_sentences: tuple[str, ...]
    loaded_terms: tuple[str, ...]
    has_dates: bool
    has_numbers: bool
    key_points: tuple[KeyPoint, ...]
    reference_comment: str = ""


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """A whole article with its metadata and its annotations."""

    id: str
    outlet: str
    genre: str
    state_media: bool
    title: str
    text: str
    gold: Annotations
    url: str = ""


def news_annotated(path: Path) -> list[AnnotatedArticle]:
    """news-annotated JSON lines, one article a line; a bad line is a one-line error naming
    the file and the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not a readable UTF-8 file: {exc}") from None
    articles = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                articles.append(_annotated_article(line))
            except ValueError as exc:
                raise InputError(f"{path}, line {number}: {exc}") from None
    if not articles:
        raise InputError(f"{path} holds no articles")
    return articles


def _annotated_article(line: str) -> AnnotatedArticle:
    """One record, or ValueError saying what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    record = _fields(record, _RECORD_FIELDS, "the record")
    gold = _fields(record["annotations"], _ANNOTATION_FIELDS, "annotations")
    text = _string(record["text"], "text")
    return AnnotatedArticle(
        id=_string(record["id"], "id"),
        outlet=_string(record["outlet"] or "", "outlet"),
        genre=_one_of(record["genre"], GENRES, "genre"),
        state_media=_flag(record["state_media"], "state_media"),
        title=_string(record["title"] or "", "title"),
        text=text,
        url=_string(record.get("url") or "", "url"),
        gold=Annotations(
            main_claim=_verbatim(gold["main_claim"], text, "main_claim"),
            main_claim_attributed=_flag(gold["main_claim_attributed"], "main_claim_attributed"),
            secondhand=_flag(gold["secondhand"], "secondhand"),
            sources=tuple(_gold_source(s, text) for s in _list(gold["sources"], "sources")),
            non_sources=_strings(gold["non_sources"], text, "non_sources"),
            quotes=tuple(_gold_quote(q, text) for q in _list(gold["quotes"], "quotes")),
            hedges=_strings(gold["hedges"], text, "hedges"),
            opinion_sentences=_strings(gold["opinion_sentences"], text, "opinion_sentences"),
            loaded_terms=_strings(gold["loaded_terms"], text, "loaded_terms"),
            has_dates=_flag(gold["has_dates"], "has_dates"),
            has_numbers=_flag(gold["has_numbers"], "has_numbers"),
            key_points=tuple(_key_point(k, text) for k in _list(gold["key_points"], "key_points")),
            reference_comment=_string(gold.get("reference_comment") or "", "reference_comment"),
        ),
    )


def _fields(value: object, names: tuple[str, ...], what: str) -> dict:
    """``value`` if it is an object with every field of ``names``, else ValueError."""
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a JSON object")
    missing = [name for name in names if name not in value]
    if missing:
        raise ValueError(f"{what} lacks {', '.join(missing)}")
    return value


def _one_of(value: object, allowed: dict[str, object], what: str) -> str:
    """``value`` if it names one of ``allowed``, else ValueError."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return value


def _string(value: object, what: str) -> str:
    """``value`` if it is a string, else ValueError."""
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a string")
    return value


def _flag(value: object, what: str) -> bool:
    """``value`` if it is true or false, else ValueError."""
    if not isinstance(value, bool):
        raise ValueError(f"{what} is not true or false")
    return value


def _list(value: object, what: str) -> list:
    """``value`` if it is a list, else ValueError."""
    if not isinstance(value, list):
        raise ValueError(f"{what} is not a list")
    return value


def _verbatim(value: object, text: str, what: str) -> str:
    """A non-empty string of the article's text, else ValueError."""
    value = _string(value, what)
    if not value or value not in text:
        raise ValueError(f"{what} {value!r} is not in the text")
    return value


def _strings(value: object, text: str, what: str) -> tuple[str, ...]:
    """A list of strings of the article's text, else ValueError."""
    return tuple(_verbatim(item, text, what) for item in _list(value, what))


def _gold_source(value: object, text: str) -> GoldSource:
    """An annotated source, checked against the text."""
    value = _fields(value, ("name", "type", "mentions"), "a source")
    return GoldSource(
        name=_verbatim(value["name"], text, "a source's name"),
        type=_one_of(value["type"], SOURCE_TYPES, "a source's type"),
        mentions=_strings(value["mentions"], text, "a source's mentions"),
    )


def _gold_quote(value: object, text: str) -> GoldQuote:
    """An annotated quote, checked against the text."""
    value = _fields(value, ("text", "speaker"), "a quote")
    speaker = value["speaker"]
    return GoldQuote(
        text=_verbatim(value["text"], text, "a quote"),
        speaker=None if speaker is None else _string(speaker, "a quote's speaker"),
    )


def _key_point(value: object, text: str) -> KeyPoint:
    """An annotated key point, checked against the text."""
    value = _fields(value, ("point", "evidence"), "a key point")
    return KeyPoint(
        point=_string(value["point"], "a key point"),
        evidence=_strings(value["evidence"], text, "a key point's evidence"),
    )
