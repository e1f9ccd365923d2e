"""Read one English news article from a file, stdin, a URL, text or HTML into an ``Article``.

Every way the input can be unusable (missing, binary, empty, too long, too short, not
English, ...) ends in an ``InputError`` whose one-line message names the input.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from charset_normalizer import from_bytes
from trafilatura.settings import Document, set_date_params

from newscomment.errors import InputError
from newscomment.fetch import fetch_url
from newscomment.language import identify_language
from newscomment.model import Article, ArticleInput
from newscomment.settings import DEFAULT_MAX_CHARS, describe

MIN_WORDS = 40
NOT_ENGLISH_CONFIDENCE = 0.9
HTML_BYTES_PER_CHAR = 20
"""An HTML page may be this many bytes per character of article text before we refuse it."""
BYTE_MARGIN = 64 * 1024

COMMENT_MARKER = "Comment:"
TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
SENTENCE_ENDINGS = (".", "!", "?", ":", ";")
CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
PLAIN_MEDIA_TYPES = ("text/plain", "")

BINARY_SIGNATURES = (
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"BZh",
    b"\xfd7zXZ",
)
WEB_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
"""Declared charsets that browsers read as cp1252 (WHATWG), as servers often mislabel it."""
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters that do not occur in text (tab, newlines and form feed are allowed)."""
MAX_CONTROL_SHARE = 0.01
HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html)\b", re.IGNORECASE)
HTML_TAG = re.compile(
    r"</?(html|head|body|article|main|section|div|p|span|a|h[1-6]|br|meta|title|script|li|ul)\b",
    re.IGNORECASE,
)
HTML_SNIFF_CHARS = 5_000
HTML_MIN_TAGS = 3


def read(
    source: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    allow_private_urls: bool = True,
) -> Article:
    """Read one English news article from a path, "-" (stdin), a URL, ``text`` or ``html``.

    ``max_chars`` caps the article text. ``allow_private_urls=False`` refuses URLs on
    loopback or private addresses, as a server fetching on behalf of others must.
    """
    given = [value for value in (source, text, html, url) if value is not None]
    if len(given) != 1:
        raise TypeError("read() takes exactly one of source, text=, html= or url=")
    if text is not None:
        return _article_from_document(_clean_text(text, "the text"), "the text", max_chars, [])
    if html is not None:
        return _article_from_html(_clean_text(html, "the HTML"), "the HTML", max_chars, [])
    if url is not None:
        return _read_url(url, max_chars, allow_private=allow_private_urls)
    return _read_source(source, max_chars)


def read_input(
    item: ArticleInput, max_chars: int = DEFAULT_MAX_CHARS, allow_private_urls: bool = True
) -> Article:
    """Read an ``ArticleInput``: its content as ``read`` does, then its own title, outlet
    and date in place of what reading found. A text given with its title is all body: its
    first line is not taken for a headline (it may be a deck, a "Re:" line or a credit)."""
    field, value = item.content()
    if field == "text" and item.title:
        body = _clean_text(value, "the text")
        article = _article_from_document(body, "the text", max_chars, [], titled=True)
    else:
        source = value if field == "path" else None
        content = {} if field == "path" else {field: value}
        article = read(
            source, max_chars=max_chars, allow_private_urls=allow_private_urls, **content
        )
    article.title = item.title or article.title
    article.outlet = item.outlet or article.outlet
    article.published = item.published or article.published
    return article


def _byte_cap(limit: int) -> int:
    """How many bytes we read at most: enough for an HTML page holding ``limit`` characters."""
    return limit * HTML_BYTES_PER_CHAR + BYTE_MARGIN


def _too_large(name: str, size: str, limit: int) -> InputError:
    """The error for input over the limit, saying how to raise the limit."""
    return InputError(
        f"{name} is too large ({size}); the limit is {limit:,} characters of article text, "
        f"raise it with {describe('max_chars')}",
        settings=("max_chars",),
    )


# --- where the bytes come from -------------------------------------------------------


def _read_source(source: str | os.PathLike[str], limit: int) -> Article:
    """Read ``source``: "-" is stdin, an http(s):// string is a URL, anything else a file."""
    location = os.fspath(source)
    if location == "-":
        return _article_from_bytes(_read_stdin(_byte_cap(limit)), "stdin", limit)
    if location.lower().startswith(("http://", "https://")):
        return _read_url(location, limit)
    data = _read_file(Path(location), location, limit)
    is_html = location.lower().endswith(HTML_SUFFIXES)
    return _article_from_bytes(data, location, limit, is_html=is_html)


def _read_file(path: Path, name: str, limit: int) -> bytes:
    """At most ``_byte_cap(limit)`` bytes of a regular file, refusing larger ones before reading."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name} does not exist; check the file name") from None
    except (OSError, ValueError) as error:
        raise _unreadable(name, error) from error
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{name} is a directory, not a file; give the path of an article file")
    cap = _byte_cap(limit)
    if status.st_size > cap:
        raise _too_large(name, f"{status.st_size:,} bytes", limit)
    try:
        with path.open("rb") as file:
            data = file.read(cap + 1)
    except OSError as error:
        raise _unreadable(name, error) from error
    if len(data) > cap:
        raise _too_large(name, f"more than {cap:,} bytes", limit)
    return data


def _unreadable(name: str, error: OSError | ValueError) -> InputError:
    """The error for a file the system will not let us read."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return InputError(f"cannot read {name}: {reason}")


def _read_stdin(cap: int) -> bytes:
    """At most ``cap + 1`` bytes of standard input; refuses a terminal rather than wait on it."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputError("stdin is closed; pipe an article in or give a file name")
    if stream.isatty():
        raise InputError("stdin is a terminal, not a pipe; pipe an article in or give a file name")
    try:
        return stream.buffer.read(cap + 1)
    except OSError as error:
        raise _unreadable("stdin", error) from error


def _read_url(url: str, limit: int, *, allow_private: bool = True) -> Article:
    """Fetch ``url`` and read it as HTML or plain text according to its media type."""
    page = fetch_url(url, max_bytes=_byte_cap(limit), allow_private=allow_private)
    if page.truncated:
        raise _too_large(url, f"more than {_byte_cap(limit):,} bytes", limit)
    if page.content_type not in HTML_MEDIA_TYPES + PLAIN_MEDIA_TYPES:
        raise InputError(f"{url} is {page.content_type}, not an HTML page or plain text")
    article = _article_from_bytes(
        page.body,
        url,
        limit,
        is_html=page.content_type in HTML_MEDIA_TYPES,
        declared_charset=page.charset,
    )
    article.url = page.url
    return article


# --- from bytes to text ----------------------------------------------------------------


def _article_from_bytes(
    data: bytes,
    name: str,
    limit: int,
    *,
    is_html: bool = False,
    declared_charset: str | None = None,
) -> Article:
    """Decode ``data`` and read it as HTML (when said or sniffed) or as text."""
    notes: list[str] = []
    document = _clean_text(_decode(data, name, notes, declared_charset), name)
    if is_html or _looks_like_html(document):
        return _article_from_html(document, name, limit, notes)
    return _article_from_document(document, name, limit, notes)


def _decode(data: bytes, name: str, notes: list[str], declared_charset: str | None) -> str:
    """Text of ``data``: UTF-8 (BOM stripped) when it is, else the declared or guessed charset."""
    if data.startswith(UTF16_BOMS):
        return _decode_as(data, "utf-16", name, notes)
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data:
        raise _binary(name)
    with suppress(UnicodeDecodeError):
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    encoding = _declared_encoding(data, declared_charset) or _guessed_encoding(data)
    if encoding is None:
        raise _binary(name)
    return _decode_as(data, encoding, name, notes)


def _decode_as(data: bytes, encoding: str, name: str, notes: list[str]) -> str:
    """``data`` decoded with ``encoding``, noting that it was not UTF-8."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise _binary(name) from None
    notes.append(f"{name} is not UTF-8; decoded it as {encoding}")
    return text


def _declared_encoding(data: bytes, charset: str | None) -> str | None:
    """The charset a server declared, read as browsers read it, if it decodes ``data`` cleanly."""
    if not charset:
        return None
    try:
        encoding = codecs.lookup(charset).name
        encoding = WEB_CHARSET_ALIASES.get(encoding, encoding)
        data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return encoding


def _guessed_encoding(data: bytes) -> str | None:
    """charset_normalizer's guess, preferring cp1252 whenever it fits as well as the best guess.

    For English news cp1252 (a superset of Latin-1) is by far the likeliest legacy charset,
    while charset_normalizer's first pick on short Western texts is often cp1250 or cp775.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least_chaos and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return matches[0].encoding


def _binary(name: str) -> InputError:
    """The error for input that is not text at all."""
    return InputError(f"{name} looks like a binary file, not text; give a text or HTML article")


def _clean_text(text: str, name: str) -> str:
    """``text`` with newlines normalised and outer whitespace stripped; refuses binary or blanks."""
    if "\x00" in text or len(CONTROL_CHAR.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise _binary(name)
    cleaned = _normalised(text)
    if not cleaned:
        raise InputError(f"{name} is empty; give it the text of a news article")
    return cleaned


def _looks_like_html(document: str) -> bool:
    """Whether ``document`` is HTML: it opens like a page, or opens with a tag among several."""
    if HTML_START.match(document):
        return True
    head = document[:HTML_SNIFF_CHARS]
    return head.startswith("<") and len(HTML_TAG.findall(head)) >= HTML_MIN_TAGS


# --- from text to an article -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Seed:
    """A seed document split at its final ``Comment:`` line."""

    article: str
    document: str
    existing_comment: str


def _article_from_document(
    document: str, name: str, limit: int, notes: list[str], titled: bool = False
) -> Article:
    """An article from plain text, or from the seed format: article, then a last ``Comment:``;
    ``titled``: the caller gives the headline, so the text is all body."""
    seed = _split_seed(document)
    if seed is None:
        title, body = (None, document) if titled else _split_title(document)
        article = Article(text=body, title=title, source_format="text", notes=notes)
        return _checked(article, name, limit)
    if seed.existing_comment:
        notes.append(
            f"{name} already has text after its last '{COMMENT_MARKER}'; "
            "it is not part of the article and will be replaced"
        )
    title, body = _split_title(seed.article)
    article = Article(
        text=body, title=title, source_format="seed", seed_document=seed.document, notes=notes
    )
    return _checked(article, name, limit)


def _split_seed(document: str) -> _Seed | None:
    """The seed parts when the last line starts with ``Comment:``, else None."""
    last_line_start = document.rfind("\n") + 1
    if not document.startswith(COMMENT_MARKER, last_line_start):
        return None
    marker_end = last_line_start + len(COMMENT_MARKER)
    return _Seed(
        article=document[:last_line_start].strip(),
        document=document[:marker_end],
        existing_comment=document[marker_end:].strip(),
    )


def _split_title(text: str) -> tuple[str | None, str]:
    """(title, body) when the first line reads as a headline above more text, else (None, text)."""
    first_line, _, rest = text.partition("\n")
    first_line, rest = first_line.strip(), rest.strip()
    if rest and _looks_like_title(first_line):
        return first_line, rest
    return None, text


def _looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence (. ! ? : ;, maybe inside quotes)."""
    return (
        len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and not line.rstrip(CLOSING_QUOTES).endswith(SENTENCE_ENDINGS)
    )


def _article_from_html(markup: str, name: str, limit: int, notes: list[str]) -> Article:
    """An article from the main text and metadata trafilatura finds in an HTML page."""
    if len(markup) > _byte_cap(limit):
        raise _too_large(name, f"{len(markup):,} characters of HTML", limit)
    extracted = _extract(markup, name, notes)
    body = _normalised(extracted.text or "") if extracted else ""
    words = len(body.split())
    if extracted is None or words < MIN_WORDS:
        raise InputError(f"{name}: no article body found in the HTML (only {words} words of text)")
    title = extracted.title or None
    if title and body.startswith(title + "\n"):
        body = body[len(title) :].strip()
    article = Article(
        text=body,
        title=title,
        url=extracted.url,
        outlet=extracted.sitename,
        published=extracted.date,
        author=extracted.author,
        source_format="html",
        notes=notes,
    )
    return _checked(article, name, limit)


def _extract(markup: str, name: str, notes: list[str]) -> Document | None:
    """trafilatura's main text and metadata; the text alone where its metadata parser breaks."""
    try:
        return trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception:  # htmldate trips an lxml assertion on some malformed trees
        notes.append(f"{name}: the HTML is too malformed to read its title, date or author")
    try:
        return trafilatura.bare_extraction(markup, include_comments=False)
    except Exception:  # broken markup must end in "no article body found", never a crash
        return None


def _normalised(text: str) -> str:
    """``text`` with every newline as ``\\n`` and no outer whitespace; the rest kept verbatim."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _checked(article: Article, name: str, limit: int) -> Article:
    """``article`` if its text is within the limit, long enough, and English; else InputError."""
    characters = len(article.text)
    if characters > limit:
        raise _too_large(name, f"{characters:,} characters of article text", limit)
    if article.words < MIN_WORDS:
        raise InputError(
            f"{name} has only {article.words} words; newscomment needs at least {MIN_WORDS}"
        )
    guess = identify_language(article.text)
    if not guess.is_english and guess.probability >= NOT_ENGLISH_CONFIDENCE:
        raise InputError(
            f"{name} looks like {guess.name} ({guess.code}), not English; "
            "newscomment reads English news only"
        )
    return article
