"""``newscomment eval TASK``: measure a detector or a learned model on annotated data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newscomment import Newscomment
from newscomment.cli.options import add_encoder, settings_from
from newscomment.evaluation import articles
from newscomment.evaluation.tasks import METHODS, TASKS, evaluate

NAME = "eval"
HELP = "measure a detector, or the whole pipeline on annotated articles, against human data"
ARTICLES = "articles"
"""The task that measures the whole pipeline, comments included, on annotated articles."""
DESCRIPTION = None
EXAMPLES = """examples:
  newscomment eval subjectivity                    CheckThat! dev, macro-F1
  newscomment eval bias --format json              BABE, 5-fold cross-validation
  newscomment eval subjectivity --data held_out.tsv   any file in the same format
  newscomment eval bias --method product           the detector as the product runs it
  newscomment eval articles                        whole articles (news-annotated), per genre
  newscomment eval articles --data mine.jsonl --format json   every contradicted statement
  newscomment train subjectivity --data mine.tsv --out models/subjectivity
"""
EPILOG = EXAMPLES


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument(
        "task",
        metavar="TASK",
        help=f"one of: {', '.join(TASKS)} (sentences); or {ARTICLES}: whole annotated "
        "articles, their analysis and their comments in every style, per genre",
    )
    parser.add_argument("--split", help="which file of the task's data (default: its first)")
    parser.add_argument(
        "--data",
        type=Path,
        metavar="PATH",
        help="any file in the dataset's own format, measured whole (for articles: "
        "news-annotated JSON lines)",
    )
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="model",
        help="the learned model by the task's protocol (default), or the detector as the "
        "product runs it",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_encoder(parser)
    parser.add_argument(
        "--refit",
        action="store_true",
        help="train the model anew by the task's protocol instead of reading the shipped one",
    )
    parser.add_argument(
        "--finetune",
        action="store_true",
        help="measure the fine-tuned encoder variant, trained anew by the protocol (needs "
        "the train extra)",
    )


def run(args: argparse.Namespace) -> str:
    """The task's figures, as lines or as JSON."""
    nc = Newscomment(settings_from(args))
    if args.task == ARTICLES:
        result = articles.evaluate_articles(nc, args.data)
        if args.format == "json":
            return json.dumps(result, indent=2, ensure_ascii=False)
        return articles.render_text(result)
    figures = evaluate(
        nc,
        args.task,
        split=args.split,
        data=args.data,
        method=args.method,
        refit=args.refit,
        tuned=args.finetune,
    )
    if args.format == "json":
        return json.dumps(figures, indent=2)
    return "\n".join(
        [
            f"{figures['task']}: {figures['detector']} detector on {figures['data']}",
            f"  protocol: {figures['protocol']}",
            f"  n={figures['n']}  precision={figures['precision']:.3f}  recall="
            f"{figures['recall']:.3f}  F1={figures['f1']:.3f}  macro-F1={figures['macro_f1']:.3f}"
            f"  accuracy={figures['accuracy']:.3f}",
            f"  published best: {figures['published_best']}",
        ]
    )
