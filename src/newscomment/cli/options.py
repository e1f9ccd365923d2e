"""What the commands share: the options that set settings (declared once, each named by
its setting), the settings they resolve to, and reading the article a command is given."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newscomment import BACKENDS, Article, Newscomment, NewscommentError, Settings, resolve
from newscomment.render import FORMATS
from newscomment.settings import DEFAULT_MAX_CHARS, OPTIONS

EXAMPLES = """examples:
  newscomment article.txt                 comment on a plain-text article
  newscomment seed.txt                    fill the empty "Comment:" line of a seed file
  newscomment page.html --style brief     a comment of at most 280 characters
  newscomment https://example.org/story   fetch a page and comment on it
  cat article.txt | newscomment - --format markdown
  newscomment article.txt --format html > article.html   a page with the evidence marked
  newscomment analyze article.txt --format json   the full analysis (JSON contract)
  newscomment serve --port 8000            the web page and HTTP API on 127.0.0.1:8000
"""


FLAGS: dict[str, str] = {}
"""The flag that sets each setting, filled as the options are declared (for messages)."""


def setting_option(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    flag: str,
    setting: str,
    **options: object,
) -> None:
    """A flag that sets ``setting`` (its value None when not given, so the environment or
    the config file decide)."""
    if setting not in OPTIONS:
        raise KeyError(setting)
    FLAGS[setting] = flag
    parser.add_argument(flag, dest=setting, **options)  # type: ignore[arg-type]


def add_article_input(parser: argparse.ArgumentParser) -> None:
    """The article to read, the output format and the length cap."""
    parser.add_argument(
        "input",
        metavar="FILE|URL|-",
        help="a text, seed or HTML file, an http(s) URL, or - for stdin",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="output format (default: seed for seed files, else text)"
    )
    add_max_chars(parser)
    add_encoder(parser)


def add_max_chars(parser: argparse.ArgumentParser) -> None:
    """``--max-chars``: the article length cap."""
    setting_option(
        parser,
        "--max-chars",
        "max_chars",
        metavar="N",
        help=f"refuse articles longer than N characters (default: ${OPTIONS['max_chars'].env} "
        f"or {DEFAULT_MAX_CHARS:,})",
    )


def add_encoder(parser: argparse.ArgumentParser) -> None:
    """``--encoder``: the learned models that read the pretrained sentence encoder."""
    setting_option(
        parser,
        "--encoder",
        "encoder",
        action="store_const",
        const=True,
        help=f"use the models on the sentence encoder (the encoder extra; default: "
        f"${OPTIONS['encoder'].env} or off, the light models)",
    )


def add_llm_options(parser: argparse.ArgumentParser, backend: bool = True) -> None:
    """The LLM writer's settings (and ``--backend`` to choose it, unless ``backend`` is
    False: a server offers both and the request chooses)."""
    if backend:
        parser.add_argument(
            "--backend",
            choices=BACKENDS,
            default="builtin",
            help="builtin (default, offline) or llm (an OpenAI-compatible endpoint, checked "
            "against the article; falls back to builtin)",
        )
    group = parser.add_argument_group("LLM writer (key: $NEWSCOMMENT_LLM_API_KEY)")
    setting_option(
        group,
        "--llm-url",
        "llm_url",
        metavar="URL",
        help="base URL of the API, e.g. http://localhost:11434/v1",
    )
    setting_option(group, "--llm-model", "llm_model", metavar="NAME", help="the model to ask")
    setting_option(group, "--llm-timeout", "llm_timeout", metavar="SECONDS", help="per call")
    group.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="a TOML settings file (default: ~/.config/newscomment/config.toml)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings: what the flags set, else the environment, else the config file."""
    flagged = {name: getattr(args, name) for name in OPTIONS if hasattr(args, name)}
    return resolve(getattr(args, "config", None), **flagged)


def read_article(nc: Newscomment, source: str) -> Article:
    """The article a command was given, with what reading assumed said on stderr."""
    article = nc.read(source)
    for note in article.notes:
        print(f"newscomment: note: {note}", file=sys.stderr)
    return article


def at_least_one(args: argparse.Namespace, *names: str) -> None:
    """Refuse a count option below 1 (``--workers 0``), naming the flag."""
    for name in names:
        value = getattr(args, name)
        if value is not None and value < 1:
            raise NewscommentError(f"--{name.replace('_', '-')} must be at least 1")
