"""``newscomment analyze FILE``: what the detectors found in one article."""

from __future__ import annotations

import argparse

from newscomment import Newscomment
from newscomment.cli.options import (
    EXAMPLES,
    add_article_input,
    read_article,
    settings_from,
)
from newscomment.render import render

NAME = "analyze"
HELP = "show sources, hedges, opinion and other findings"
EPILOG = EXAMPLES
DESCRIPTION = None


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    add_article_input(parser)


def run(args: argparse.Namespace) -> str:
    """The analysis, most salient findings first (or as JSON, Markdown or HTML)."""
    nc = Newscomment(settings_from(args))
    return render(nc.analyze(read_article(nc, args.input)), None, args.format or "text")
