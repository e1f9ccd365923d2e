"""``newscomment [comment] FILE``: write a comment on one article (the default command)."""

from __future__ import annotations

import argparse
import sys

from newscomment import STYLES, Newscomment
from newscomment.cli.options import (
    EXAMPLES,
    add_article_input,
    add_llm_options,
    read_article,
    settings_from,
)
from newscomment.render import render

NAME = "comment"
HELP = "write a comment (the default)"
EPILOG = EXAMPLES
DESCRIPTION = None


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    add_article_input(parser)
    parser.add_argument(
        "--style",
        choices=STYLES,
        default="critical",
        help="; ".join(f"{s.name}: {s.rules()}" for s in STYLES.values()),
    )
    add_llm_options(parser)


def run(args: argparse.Namespace) -> str:
    """The comment, in the format asked (seed files come back with it filled in)."""
    nc = Newscomment(settings_from(args))
    if args.backend == "llm":
        nc.llm_writer()  # a wrong setting or a missing extra fails before any reading
    article = read_article(nc, args.input)
    analysis = nc.analyze(article)
    result = nc.comment(analysis, style=args.style, backend=args.backend)
    for warning in result.warnings:
        print(f"newscomment: warning: {warning}", file=sys.stderr)
    default = "seed" if article.source_format == "seed" else "text"
    return render(analysis, result, args.format or default)
