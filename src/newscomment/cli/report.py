"""``newscomment report STORE``: a self-contained HTML report of a batch store (the
``batch`` extra)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscomment.cli.batch import EXAMPLES
from newscomment.extras import require

NAME = "report"
HELP = "an HTML report with charts of a batch store"
EPILOG = EXAMPLES
DESCRIPTION = (
    "Write a self-contained HTML report (charts inlined, no scripts) of a "
    "store that `newscomment batch` filled."
)


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("store", type=Path, metavar="STORE", help="a results.duckdb file")
    parser.add_argument(
        "--out", type=Path, default=Path("report.html"), metavar="PATH", help="default: %(default)s"
    )


def run(args: argparse.Namespace) -> str:
    """Write the report and say what went into it."""
    require("batch", "newscomment report")
    from newscomment.batch.report import build_report

    made = build_report(args.store, args.out)
    return (
        f"newscomment: report: {made.articles:,} articles, {made.errors:,} errors, "
        f"{made.outlets:,} outlets, {made.charts} charts; written to {made.out}"
    )
