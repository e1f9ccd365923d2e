"""The command line: ``newscomment FILE`` writes a comment; the other commands analyse,
measure, train, serve, run corpora and report on them. One module per command, each with
its ``NAME``, ``HELP``, ``DESCRIPTION`` and ``EPILOG``, ``add`` (its options) and ``run``
(what it prints). Errors are one line on stderr and a
non-zero exit, naming the flag that changes a setting where there is one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newscomment import NewscommentError, __version__
from newscomment.cli import analyze, batch, comment, evaluate, options, report, serve, train
from newscomment.settings import as_flags, debugging

COMMANDS = (comment, analyze, evaluate, train, serve, batch, report)
EXIT_INTERNAL = 70


def parser() -> argparse.ArgumentParser:
    """The argument parser, with a subcommand per module of ``COMMANDS``."""
    top = argparse.ArgumentParser(
        prog="newscomment",
        description="Read a news article and write a short, grounded, critical comment on it.",
        epilog=options.EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"newscomment {__version__}")
    names = "{" + ",".join(command.NAME for command in COMMANDS) + "}"
    commands = top.add_subparsers(dest="command", metavar=names)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.NAME,
            help=command.HELP,
            description=command.DESCRIPTION,
            epilog=command.EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=command.run)
        command.add(sub)
    return top


def _with_default_command(argv: list[str]) -> list[str]:
    """Let ``newscomment FILE`` stand for ``newscomment comment FILE``."""
    names = {command.NAME for command in COMMANDS}
    if argv and argv[0] not in names and argv[0] not in {"-h", "--help", "--version"}:
        return [comment.NAME, *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscomment`` command; returns the exit status."""
    top = parser()
    args = top.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        top.print_help()
        return 2
    try:
        print(args.run(args))
    except NewscommentError as error:
        message = as_flags(str(error), error.settings, options.FLAGS)
        print(f"newscomment: error: {message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if debugging():
            raise
        print(
            f"newscomment: internal error: {type(error).__name__}: {error} "
            "(set NEWSCOMMENT_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return 0
