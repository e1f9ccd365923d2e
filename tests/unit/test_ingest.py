"""read(): every way an article comes in, and every way the input can be refused."""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest
from helpers.corpus import SEED
from helpers.site import Page, Site

from newscomment import Newscomment
from newscomment.errors import InputError, SettingError
from newscomment.ingest import read
from newscomment.settings import DEFAULT_MAX_CHARS

BODY = (
    "The government said on Tuesday that it would spend an extra 2 billion pounds on "
    "rail repairs over the next five years, after a winter of cancelled trains and "
    "flooded lines. Transport Secretary Anna Clarke told Parliament that the money "
    "would go first to the routes with the worst delays. \u201cPassengers have waited "
    "long enough,\u201d she said. Opposition MPs said the plan did not say where the money "
    "would come from, and a rail union called it \u2018too little, too late\u2019."
)
TITLE = "Government pledges 2 billion pounds for rail repairs"

GERMANY = (
    "Germany's parliament voted on Friday to raise defence spending after a long debate "
    "in Berlin. Chancellor Friedrich Merz told the Bundestag that the Zeitenwende "
    "announced by Olaf Scholz had to be paid for. Lars Klingbeil of the SPD backed the "
    "bill, while Alice Weidel of the AfD voted against it. The Frankfurter Allgemeine "
    "Zeitung called the result a Kehrtwende, and officials in Nordrhein-Westfalen and "
    "Baden-W\u00fcrttemberg said they expected new orders for local factories."
)
GERMAN = (
    "Der Bundestag hat am Freitag nach einer langen Debatte beschlossen, die Ausgaben "
    "f\u00fcr die Verteidigung deutlich zu erh\u00f6hen. Der Bundeskanzler sagte, die "
    "Sicherheit Europas habe ihren Preis und Deutschland m\u00fcsse seinen Beitrag leisten. "
    "Die Opposition kritisierte, dass die Finanzierung noch nicht gekl\u00e4rt sei und die "
    "Schulden weiter steigen w\u00fcrden. Gewerkschaften warnten vor K\u00fcrzungen im "
    "Sozialbereich."
)

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Rail repairs | The Daily Example</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://news.example.org/2024/rail-repairs">
<script>var tracking = "SCRIPT-TEXT";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article><h1>{TITLE}</h1>
<img src="x.png" onerror="alert('HANDLER-TEXT')">
<p>{BODY}</p>
<p>{GERMANY}</p>
</article>
<footer>Copyright 2024 The Daily Example</footer>
</body></html>"""
NO_BODY_PAGE = (
    "<!DOCTYPE html><html><head><title>Home</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
    "<footer>Copyright 2024</footer></body></html>"
)


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in an empty working folder, so files are named as a user names them."""
    monkeypatch.chdir(tmp_path)


def write(name: str, content: str | bytes) -> Path:
    """A file ``name`` in the working folder holding ``content`` (str is written as UTF-8)."""
    path = Path(name)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# --- the seed format ---------------------------------------------------------------------


def test_seed_article_stops_before_the_comment_line() -> None:
    article = read(SEED)

    assert article.source_format == "seed"
    assert article.text.endswith("caught in the crossfire.")
    assert article.text.startswith("In the ongoing conflict between Israel and Hamas")
    assert article.title is None
    assert "Comment:" not in article.text


def test_seed_document_ends_with_the_comment_marker_for_the_renderer() -> None:
    article = read(SEED)

    assert article.seed_document is not None
    assert article.seed_document.endswith("caught in the crossfire.\nComment:")
    assert article.seed_document.startswith(article.text)


def test_seed_with_a_comment_already_filled_in_sets_it_aside() -> None:
    filled = SEED.read_text(encoding="utf-8").rstrip() + " An old comment.\n"

    article = read(write("filled.txt", filled))

    assert article.source_format == "seed"
    assert "An old comment" not in article.text
    assert article.seed_document is not None
    assert article.seed_document.endswith("Comment:")
    assert article.notes == [
        "filled.txt already has text after its last 'Comment:'; "
        "it is not part of the article and will be replaced"
    ]


def test_windows_newlines_are_normalised() -> None:
    crlf = SEED.read_text(encoding="utf-8").replace("\n", "\r\n") + "  \r\n"

    article = read(write("crlf.txt", crlf))

    assert "\r" not in article.text
    assert article.text == read(SEED).text


# --- plain text ----------------------------------------------------------------------------


def test_short_first_line_without_a_full_stop_is_the_title() -> None:
    article = read(text=f"{TITLE}\n\n{BODY}\n")

    assert article.source_format == "text"
    assert article.title == TITLE
    assert article.text == BODY


def test_first_line_that_ends_like_a_sentence_is_not_a_title() -> None:
    first = "\u201cWe will fix the railways,\u201d the minister said."

    article = read(text=f"{first}\n{BODY}")

    assert article.title is None
    assert article.text.startswith(first)


def test_text_is_kept_verbatim_inside() -> None:
    spaced = BODY.replace("extra 2 billion", "extra  2 billion")

    assert read(text=f"\n\n  {spaced}  \n").text == spaced


def test_example_article_file_has_title_and_body() -> None:
    example = SEED.parent / "articles" / "voa-pakistan-khyber-bomber-2008.txt"
    article = read(example)

    assert article.title == "Suicide Bomber Wounds 30 in Northwestern Pakistan"
    assert article.text.startswith("Pakistani officials say")


# --- HTML ------------------------------------------------------------------------------------


def test_html_file_gives_main_text_and_metadata() -> None:
    article = read(write("rail.html", ARTICLE_PAGE))

    assert article.source_format == "html"
    assert article.title == TITLE
    assert article.published == "2024-03-05"
    assert article.outlet == "The Daily Example"
    assert article.author == "Jane Reporter"
    assert article.url == "https://news.example.org/2024/rail-repairs"
    assert article.text.startswith("The government said on Tuesday")
    assert "Politics" not in article.text
    assert "Copyright" not in article.text


def test_hostile_html_yields_only_text() -> None:
    article = read(html=ARTICLE_PAGE)

    assert "SCRIPT-TEXT" not in article.text
    assert "HANDLER-TEXT" not in article.text
    assert "<" not in article.text


def test_html_is_sniffed_whatever_the_file_name() -> None:
    article = read(write("saved-page.txt", ARTICLE_PAGE))

    assert article.source_format == "html"
    assert article.title == TITLE


def test_html_fragment_is_sniffed_too() -> None:
    fragment = f"<h1>{TITLE}</h1>\n<p>{BODY}</p>\n<p>{GERMANY}</p>\n"

    article = read(write("fragment.txt", fragment))

    assert article.source_format == "html"
    assert "<" not in article.text
    assert "Transport Secretary Anna Clarke" in article.text


def test_malformed_html_does_not_crash() -> None:
    broken = f"<html><body><div><p>{BODY}<p><b>unclosed <i>{GERMANY}</div></span></html"

    article = read(html=broken)

    assert "Transport Secretary Anna Clarke" in article.text


def test_html_without_an_article_body_is_refused() -> None:
    with pytest.raises(InputError, match=r"^the HTML: no article body found in the HTML"):
        read(html=NO_BODY_PAGE)


def test_html_may_be_larger_than_the_text_limit() -> None:
    padding = "<!-- " + "x" * 5_000 + " -->"
    page = ARTICLE_PAGE.replace("<nav>", padding + "<nav>")

    article = read(write("padded.html", page), max_chars=1_200)

    assert article.title == TITLE


# --- files that cannot be read ------------------------------------------------------------


def test_missing_file() -> None:
    with pytest.raises(InputError, match=r"^nowhere\.txt does not exist; check the file name$"):
        read("nowhere.txt")


def test_directory() -> None:
    Path("news").mkdir()

    with pytest.raises(InputError, match=r"^news is a directory, not a file"):
        read("news")


def test_path_through_a_file() -> None:
    write("plain.txt", BODY)

    with pytest.raises(InputError, match=r"^cannot read plain\.txt/a\.txt: Not a directory$"):
        read("plain.txt/a.txt")


def test_file_that_fails_to_read() -> None:
    with pytest.raises(InputError, match=r"^cannot read /proc/self/mem: Input/output error$"):
        read("/proc/self/mem")


@pytest.mark.parametrize("content", ["", "   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file(content: str) -> None:
    with pytest.raises(InputError, match=r"blank\.txt is empty"):
        read(write("blank.txt", content))


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
        BODY.encode() + b"\x00\x00\x00" + BODY.encode(),
    ],
    ids=["png", "zip", "pdf", "nul-bytes"],
)
def test_binary_file(content: bytes) -> None:
    with pytest.raises(InputError, match=r"^thing\.txt looks like a binary file, not text"):
        read(write("thing.txt", content))


def test_control_characters_in_text_are_binary() -> None:
    with pytest.raises(InputError, match=r"^the text looks like a binary file"):
        read(text="\x01\x02\x03\x04" * 50 + BODY)


# --- encodings -------------------------------------------------------------------------------


def test_utf8_byte_order_mark_is_stripped_silently() -> None:
    article = read(write("bom.txt", b"\xef\xbb\xbf" + BODY.encode()))

    assert article.text == BODY
    assert article.notes == []


def test_cp1252_curly_quotes_come_out_right() -> None:
    article = read(write("x.txt", BODY.encode("cp1252")))

    assert article.text == BODY
    assert "\u201cPassengers have waited long enough,\u201d" in article.text
    assert article.notes == ["x.txt is not UTF-8; decoded it as cp1252"]


def test_latin1_accents_come_out_right() -> None:
    text = GERMANY + " The caf\u00e9 owner in Z\u00fcrich was na\u00efve, she said."

    article = read(write("latin.txt", text.encode("latin-1")))

    assert article.text == text
    assert article.notes and "latin.txt is not UTF-8" in article.notes[0]


def test_utf16_with_byte_order_mark() -> None:
    article = read(write("wide.txt", BODY.encode("utf-16")))

    assert article.text == BODY


# --- size --------------------------------------------------------------------------------------


def test_default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSCOMMENT_MAX_CHARS", raising=False)
    long_text = (BODY + "\n") * (DEFAULT_MAX_CHARS // len(BODY) + 1)

    with pytest.raises(InputError, match=r"over|too large"):
        read(text=long_text)


def test_text_over_the_limit_says_size_limit_and_how_to_raise_it() -> None:
    with pytest.raises(InputError) as caught:
        read(text=BODY, max_chars=100)

    message = str(caught.value)
    assert f"({len(BODY):,} characters of article text)" in message
    assert "the limit is 100 characters" in message
    assert "the max_chars setting (NEWSCOMMENT_MAX_CHARS)" in message


def test_gigabyte_file_fails_fast() -> None:
    huge = Path("huge.txt")
    with huge.open("wb") as file:
        file.truncate(1 << 30)  # sparse: no disk or memory is used
    started = time.monotonic()

    with pytest.raises(InputError, match=r"^huge\.txt is too large \(1,073,741,824 bytes\)"):
        read(huge)
    assert time.monotonic() - started < 1


def test_limit_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCOMMENT_MAX_CHARS", "100")

    with pytest.raises(InputError, match="the limit is 100 characters"):
        Newscomment().read(text=BODY)


def test_bad_limit_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCOMMENT_MAX_CHARS", "lots")

    expected = r"^NEWSCOMMENT_MAX_CHARS must be a whole number, not 'lots'$"
    with pytest.raises(SettingError, match=expected):
        Newscomment().read(text=BODY)


# --- length and language -----------------------------------------------------------------------


def test_too_few_words() -> None:
    expected = r"^the text has only 6 words; newscomment needs at least 40$"
    with pytest.raises(InputError, match=expected):
        read(text="Minister resigns over rail repairs scandal.")


def test_german_article_is_refused() -> None:
    expected = (
        r"^the text looks like German \(de\), not English; newscomment reads English news only$"
    )
    with pytest.raises(InputError, match=expected):
        read(text=GERMAN)


def test_english_news_about_germany_with_german_names_passes() -> None:
    article = read(text=GERMANY)

    assert article.language == "en"
    assert "Zeitenwende" in article.text


# --- stdin, URLs and the arguments -------------------------------------------------------------


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.TextIOWrapper(io.BytesIO(f"{TITLE}\r\n\r\n{BODY}".encode("cp1252")))
    monkeypatch.setattr(sys, "stdin", piped)

    article = read("-")

    assert article.title == TITLE
    assert article.text == BODY
    assert article.notes == ["stdin is not UTF-8; decoded it as cp1252"]


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))

    with pytest.raises(InputError, match=r"^stdin is empty"):
        read("-")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_stdin_from_a_terminal_is_refused_instead_of_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    controller, terminal = os.openpty()
    with os.fdopen(terminal) as keyboard:
        monkeypatch.setattr(sys, "stdin", keyboard)

        with pytest.raises(InputError, match=r"^stdin is a terminal, not a pipe"):
            read("-")
    os.close(controller)


def test_url_article_page(site: Site) -> None:
    url = site.serve("/2024/rail.html", Page(ARTICLE_PAGE.encode()))

    article = read(url)

    assert article.source_format == "html"
    assert article.title == TITLE
    assert article.published == "2024-03-05"
    assert article.outlet == "The Daily Example"
    assert article.url == url


def test_url_after_redirect_is_the_final_url(site: Site) -> None:
    final = site.serve("/2024/rail.html", Page(ARTICLE_PAGE.encode()))
    old = site.serve("/rail", Page(status=302, location=final))

    assert read(url=old).url == final


def test_plain_text_url_read_in_its_declared_charset(site: Site) -> None:
    body = f"{TITLE}\n\n{BODY} {GERMANY}".encode("cp1252")  # mislabelled, as servers do
    url = site.serve("/rail.txt", Page(body, "text/plain; charset=iso-8859-1"))

    article = read(url=url)

    assert article.source_format == "text"
    assert article.title == TITLE
    assert "\u201cPassengers have waited long enough,\u201d" in article.text
    assert "Baden-W\u00fcrttemberg" in article.text
    assert article.notes == [f"{url} is not UTF-8; decoded it as cp1252"]


def test_url_not_found(site: Site) -> None:
    url = site.base + "/no-such-story"

    with pytest.raises(InputError, match=f"^could not fetch {url}: HTTP 404"):
        read(url)


def test_url_without_an_article_body(site: Site) -> None:
    url = site.serve("/", Page(NO_BODY_PAGE.encode()))

    with pytest.raises(InputError, match="no article body found in the HTML"):
        read(url=url)


def test_url_too_large(site: Site) -> None:
    url = site.serve("/endless", Page(b"<p>" + b"news " * 20_000 + b"</p>", repeat=50))

    too_large = r"is too large \(more than [\d,]+ bytes\).*max_chars setting"
    with pytest.raises(InputError, match=too_large):
        read(url=url, max_chars=1_000)


def test_url_that_is_not_a_page(site: Site) -> None:
    url = site.serve("/photo.png", Page(b"\x89PNG\r\n", "image/png"))

    expected = r"photo\.png is image/png, not an HTML page or plain text$"
    with pytest.raises(InputError, match=expected):
        read(url=url)


def test_exactly_one_input_is_required() -> None:
    with pytest.raises(TypeError, match="exactly one"):
        read(text=BODY, html=ARTICLE_PAGE)
    with pytest.raises(TypeError, match="exactly one"):
        read()
