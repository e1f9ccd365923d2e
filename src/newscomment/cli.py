"""The command line: ``newscomment FILE`` writes a comment; ``newscomment analyze FILE``
shows what the detectors found. Errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from newscomment import __version__, analyze, comment, read
from newscomment.commenting import BACKENDS
from newscomment.errors import NewscommentError
from newscomment.ingest import DEFAULT_MAX_CHARS, MAX_CHARS_ENV
from newscomment.llmconfig import URL_ENV, LLMSettings, llm_settings
from newscomment.model import STYLES
from newscomment.render import FORMATS, render
from newscomment.server.settings import ServerSettings

COMMANDS = ("comment", "analyze", "eval", "train", "serve", "batch", "report")
TASK_NAMES = ("subjectivity", "bias", "bias-words", "babe-opinion", "constructiveness")
EXAMPLES = """examples:
  newscomment article.txt                 comment on a plain-text article
  newscomment seed.txt                    fill the empty "Comment:" line of a seed file
  newscomment page.html --style brief     a comment of at most 280 characters
  newscomment https://example.org/story   fetch a page and comment on it
  cat article.txt | newscomment - --format markdown
  newscomment analyze article.txt --format json   the full analysis (JSON contract)
  newscomment serve --port 8000            the web page and HTTP API on 127.0.0.1:8000
"""
QUALITY_EXAMPLES = """examples:
  newscomment eval subjectivity                    CheckThat! dev, macro-F1
  newscomment eval bias --format json              BABE, 5-fold cross-validation
  newscomment eval subjectivity --data held_out.tsv   any file in the same format
  newscomment eval bias --method product           the detector as the product runs it
  newscomment train subjectivity --data mine.tsv --out models/subjectivity
"""
BATCH_EXAMPLES = """examples:
  newscomment batch corpus.jsonl --out results.duckdb          all cores, critical comments
  newscomment batch articles/ --out results.duckdb --no-comment   analysis only
  newscomment batch 'news/*.csv' --out results.parquet --workers 2
  newscomment batch corpus.jsonl --out results.duckdb --engine dask --scheduler tcp://host:8786
  newscomment report results.duckdb --out report.html
"""
EXIT_INTERNAL = 70
SERVER_LIMITS = (
    ("--max-body-bytes", int, "N", "larger request bodies get 413"),
    ("--max-chars", int, "N", "longer articles get 422"),
    ("--timeout", float, "SECONDS", "requests taking longer get 503"),
)
"""The server's limits as options: flag, type, metavar and what passing the limit gets."""


def _parser() -> argparse.ArgumentParser:
    """The argument parser, with a subcommand per job and ``comment`` as the default."""
    parser = argparse.ArgumentParser(
        prog="newscomment",
        description="Read a news article and write a short, grounded, critical comment on it.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newscomment {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for name, helptext in (
        ("comment", "write a comment (the default)"),
        ("analyze", "show sources, hedges, opinion and other findings"),
    ):
        sub = commands.add_parser(
            name,
            help=helptext,
            epilog=EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "input",
            metavar="FILE|URL|-",
            help="a text, seed or HTML file, an http(s) URL, or - for stdin",
        )
        sub.add_argument(
            "--format",
            choices=FORMATS,
            help="output format (default: seed for seed files, else text)",
        )
        sub.add_argument(
            "--max-chars",
            type=int,
            metavar="N",
            help=f"refuse articles longer than N characters (default: ${MAX_CHARS_ENV} "
            f"or {DEFAULT_MAX_CHARS:,})",
        )
        if name == "comment":
            sub.add_argument(
                "--style",
                choices=STYLES,
                default="critical",
                help="critical (default), brief (<= 280 characters) or questions",
            )
            _add_backend_options(sub)
    _add_quality_commands(commands)
    _add_serve_command(commands)
    _add_batch_commands(commands)
    return parser


def _add_batch_commands(commands: argparse._SubParsersAction) -> None:
    """``batch`` (a corpus into a store, resumable) and ``report`` (the store as charts)."""
    batch = commands.add_parser(
        "batch",
        help="analyse a corpus into a DuckDB store (resumable)",
        description="Analyse many articles into a DuckDB store; run the same command again "
        "to resume after an interruption.",
        epilog=BATCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="JSONL, CSV or Parquet (columns text|html|url, id, title, outlet, published), "
        "a folder of .txt/.html files, or a glob",
    )
    batch.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="PATH",
        help="results.duckdb (or .parquet / .jsonl, kept resumable in PATH.duckdb)",
    )
    style = batch.add_mutually_exclusive_group()
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
    batch.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="local worker processes (default: all %(default)s cores)",
    )
    batch.add_argument("--engine", choices=("local", "dask"), default="local")
    batch.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    batch.add_argument(
        "--chunk-size", type=int, default=16, metavar="N", help="articles per unit of work"
    )
    batch.add_argument("--max-chars", type=int, metavar="N", help="refuse longer articles")
    _add_backend_options(batch)
    batch.add_argument(
        "--llm-concurrency",
        type=int,
        metavar="N",
        help="at most N LLM calls at once across all workers (default: one per worker)",
    )
    report = commands.add_parser(
        "report",
        help="an HTML report with charts of a batch store",
        description="Write a self-contained HTML report (charts inlined, no scripts) of a "
        "store that `newscomment batch` filled.",
        epilog=BATCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("store", type=Path, metavar="STORE", help="a results.duckdb file")
    report.add_argument(
        "--out", type=Path, default=Path("report.html"), metavar="PATH", help="default: %(default)s"
    )


def _add_serve_command(commands: argparse._SubParsersAction) -> None:
    """``serve``: the HTTP API and the web page."""
    defaults = ServerSettings()
    serve = commands.add_parser(
        "serve",
        help="serve the web page and the HTTP API",
        description="Serve the web page at / and the JSON API under /api "
        "(schema at /openapi.json).",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes, each with its own pipeline (about 250 MB each; default: %(default)s)",
    )
    for flag, kind, metavar, effect in SERVER_LIMITS:
        serve.add_argument(
            flag,
            type=kind,
            default=getattr(defaults, _option_name(flag)),
            metavar=metavar,
            help=f"{effect} (default: %(default)s)",
        )
    serve.add_argument(
        "--llm-url", metavar="URL", help='offer "backend": "llm" with this OpenAI-compatible API'
    )
    serve.add_argument("--llm-model", metavar="NAME", help="the model the LLM writer asks")
    serve.add_argument("--llm-timeout", type=float, metavar="SECONDS", help="per LLM call")
    serve.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="let clients have the server fetch URLs on loopback and private networks",
    )


def _add_backend_options(parser: argparse.ArgumentParser) -> None:
    """``--backend`` and the LLM writer's settings, shared by comment, batch and serve."""
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default="builtin",
        help="builtin (default, offline) or llm (an OpenAI-compatible endpoint, checked "
        "against the article; falls back to builtin)",
    )
    parser.add_argument(
        "--llm-url", metavar="URL", help="base URL of the API, e.g. http://localhost:11434/v1"
    )
    parser.add_argument("--llm-model", metavar="NAME", help="the model to ask")
    parser.add_argument("--llm-timeout", type=float, metavar="SECONDS", help="per call")
    parser.add_argument(
        "--config", type=Path, metavar="PATH", help="a TOML file with an [llm] table"
    )


def _llm(args: argparse.Namespace) -> LLMSettings | None:
    """The LLM settings when ``--backend llm`` is chosen, else None."""
    if getattr(args, "backend", "builtin") != "llm":
        return None
    return llm_settings(args.llm_url, args.llm_model, args.llm_timeout, args.config)


def _add_quality_commands(commands: argparse._SubParsersAction) -> None:
    """``eval`` and ``train``: measure a detector on annotated data, retrain a model."""
    evaluate = commands.add_parser(
        "eval",
        help="measure a detector against human-annotated data",
        epilog=QUALITY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("task", metavar="TASK", help=f"one of: {', '.join(TASK_NAMES)}")
    evaluate.add_argument("--split", help="which file of the task's data (default: its first)")
    evaluate.add_argument(
        "--data",
        type=Path,
        metavar="PATH",
        help="any file in the dataset's own format, measured whole",
    )
    evaluate.add_argument(
        "--method",
        choices=("model", "product"),
        default="model",
        help="the learned model by the task's protocol (default), or the detector as the "
        "product runs it",
    )
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    train = commands.add_parser(
        "train",
        help="train a task's model on ../shared/data or a file of your own",
        epilog=QUALITY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument("task", metavar="TASK", help=f"one of: {', '.join(TASK_NAMES)}")
    train.add_argument(
        "--data", type=Path, metavar="PATH", help="a training file in the dataset's own format"
    )
    train.add_argument(
        "--out", type=Path, metavar="DIR", help="where to write the model (default: ./models/TASK)"
    )


def _with_default_command(argv: list[str]) -> list[str]:
    """Let ``newscomment FILE`` stand for ``newscomment comment FILE``."""
    if argv and argv[0] not in COMMANDS and argv[0] not in {"-h", "--help", "--version"}:
        return ["comment", *argv]
    return argv


def run(args: argparse.Namespace) -> str:
    """Do what the parsed arguments ask and return the document to print."""
    if args.command == "eval":
        return _evaluate(args)
    if args.command == "train":
        return _train(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "batch":
        return _batch(args)
    if args.command == "report":
        return _report(args)
    article = read(args.input, max_chars=args.max_chars)
    for note in article.notes:
        print(f"newscomment: note: {note}", file=sys.stderr)
    analysis = analyze(article)
    if args.command == "analyze":
        return render(analysis, None, args.format or "text")
    result = comment(analysis, style=args.style, backend=args.backend, llm=_llm(args))
    for warning in result.warnings:
        print(f"newscomment: warning: {warning}", file=sys.stderr)
    default = "seed" if article.source_format == "seed" else "text"
    return render(analysis, result, args.format or default)


def _evaluate(args: argparse.Namespace) -> str:
    """Run ``newscomment eval`` and format its figures."""
    from newscomment.quality.tasks import evaluate

    figures = evaluate(args.task, split=args.split, data=args.data, method=args.method)
    if args.format == "json":
        return json.dumps(figures, indent=2)
    lines = [f"{figures['task']}: {figures['detector']} detector on {figures['data']}"]
    lines.append(f"  protocol: {figures['protocol']}")
    lines.append(
        f"  n={figures['n']}  precision={figures['precision']:.3f}  recall="
        f"{figures['recall']:.3f}  F1={figures['f1']:.3f}  macro-F1={figures['macro_f1']:.3f}"
        f"  accuracy={figures['accuracy']:.3f}"
    )
    lines.append(f"  published best: {figures['published_best']}")
    return "\n".join(lines)


def _train(args: argparse.Namespace) -> str:
    """Run ``newscomment train`` and say where the model went and how it measured."""
    from newscomment.learning.linear import MODELS_ENV
    from newscomment.quality.training import train_task

    out = args.out or Path("models") / args.task
    scores = train_task(args.task, args.data, out)
    shown = ", ".join(f"{k}={v}" for k, v in scores.items() if isinstance(v, int | float))
    return f"{args.task}: model written to {out} ({shown}); use it with {MODELS_ENV}={out.parent}"


def _batch(args: argparse.Namespace) -> str:
    """Run ``newscomment batch`` and return its summary line."""
    from newscomment.batch.run import BatchOptions, run_batch

    for name in ("workers", "chunk_size", "llm_concurrency"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            raise NewscommentError(f"--{name.replace('_', '-')} must be at least 1")
    options = BatchOptions(
        style=None if args.no_comment else args.comment,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        max_chars=args.max_chars,
        llm=_llm(args),
        llm_concurrency=args.llm_concurrency,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        progress = run_batch(args.inputs, args.out, options)
    except KeyboardInterrupt:
        raise NewscommentError(
            f"interrupted; what was finished is in {args.out}: run the same command to resume"
        ) from None
    return progress.summary(str(args.out))


def _report(args: argparse.Namespace) -> str:
    """Run ``newscomment report`` and say what went into the page."""
    from newscomment.batch.report import build_report

    made = build_report(args.store, args.out)
    return (
        f"newscomment: report: {made.articles:,} articles, {made.errors:,} errors, "
        f"{made.outlets:,} outlets, {made.charts} charts; written to {made.out}"
    )


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops a batch as Ctrl+C does: finished chunks stay, the pool is shut down."""
    raise KeyboardInterrupt


def _option_name(flag: str) -> str:
    """The name argparse and ``ServerSettings`` use for ``flag``: --max-chars -> max_chars."""
    return flag.removeprefix("--").replace("-", "_")


def _serve(args: argparse.Namespace) -> str:
    """Run ``newscomment serve`` until interrupted."""
    from newscomment.server.serve import serve

    limits = {_option_name(flag): getattr(args, _option_name(flag)) for flag, *_ in SERVER_LIMITS}
    for name, value in limits.items():
        if value <= 0:
            raise NewscommentError(f"--{name.replace('_', '-')} must be positive, not {value}")
    llm = None
    if args.llm_url or args.llm_model or os.environ.get(URL_ENV):
        llm = llm_settings(args.llm_url, args.llm_model, args.llm_timeout)
        from newscomment.writers.llm import check_endpoint

        check_endpoint(llm)
    settings = ServerSettings(
        **limits,
        allow_private_urls=args.allow_private_urls,
        llm_url=llm.url if llm else None,
        llm_model=llm.model if llm else None,
        llm_timeout=llm.timeout if llm else None,
    )
    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return "newscomment: server stopped"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscomment`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        parser.print_help()
        return 2
    try:
        print(run(args))
    except NewscommentError as exc:
        print(f"newscomment: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("NEWSCOMMENT_DEBUG"):
            raise
        print(
            f"newscomment: internal error: {type(exc).__name__}: {exc} "
            "(set NEWSCOMMENT_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":
    sys.exit(main())
