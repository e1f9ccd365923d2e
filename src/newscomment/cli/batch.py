"""``newscomment batch``: a whole corpus into a DuckDB store, resumable (the ``batch``
extra; ``--engine dask`` also needs the ``dask`` extra)."""

from __future__ import annotations

import argparse
import os
import signal
from pathlib import Path

from newscomment import STYLES, NewscommentError
from newscomment.cli.options import (
    add_encoder,
    add_llm_options,
    add_max_chars,
    at_least_one,
    settings_from,
)
from newscomment.extras import require

NAME = "batch"
HELP = "analyse a corpus into a DuckDB store (resumable)"
DESCRIPTION = (
    "Analyse many articles into a DuckDB store; run the same command again "
    "to resume after an interruption."
)
EXAMPLES = """examples:
  newscomment batch corpus.jsonl --out results.duckdb          all cores, critical comments
  newscomment batch articles/ --out results.duckdb --no-comment   analysis only
  newscomment batch 'news/*.csv' --out results.parquet --workers 2
  newscomment batch corpus.jsonl --out results.duckdb --engine dask --scheduler tcp://host:8786
  newscomment report results.duckdb --out report.html
"""
EPILOG = EXAMPLES


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="JSONL, CSV or Parquet (columns text|html|url, id, title, outlet, published), "
        "a folder of .txt/.html files, or a glob",
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="PATH",
        help="results.duckdb (or .parquet / .jsonl, kept resumable in PATH.duckdb)",
    )
    style = parser.add_mutually_exclusive_group()
    style.add_argument(
        "--comment",
        choices=STYLES,
        default="critical",
        metavar="STYLE",
        help="comment style (default: critical)",
    )
    style.add_argument(
        "--no-comment", action="store_true", help="store only the analysis, no comments"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="local worker processes (default: all %(default)s cores)",
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    parser.add_argument(
        "--chunk-size", type=int, default=16, metavar="N", help="articles per unit of work"
    )
    add_max_chars(parser)
    add_encoder(parser)
    add_llm_options(parser)
    parser.add_argument(
        "--llm-concurrency",
        type=int,
        metavar="N",
        help="at most N LLM calls at once across all workers (default: one per worker)",
    )


def run(args: argparse.Namespace) -> str:
    """Run the batch and return its summary line."""
    at_least_one(args, "workers", "chunk_size", "llm_concurrency")
    require("batch", "newscomment batch")
    if args.engine == "dask":
        require("dask", "newscomment batch --engine dask")
    from newscomment.batch.run import BatchOptions, run_batch

    options = BatchOptions(
        style=None if args.no_comment else args.comment,
        backend=args.backend,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        llm_concurrency=args.llm_concurrency,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        progress = run_batch(args.inputs, args.out, settings_from(args), options)
    except KeyboardInterrupt:
        raise NewscommentError(
            f"interrupted; what was finished is in {args.out}: run the same command to resume"
        ) from None
    return progress.summary(str(args.out))


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops a batch as Ctrl+C does: finished chunks stay, the pool is shut down."""
    raise KeyboardInterrupt
